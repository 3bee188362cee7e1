# Veil: the two commands a newcomer needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-peers demo test build bench bench-gateway fuzz

# PCRE2 (with JIT), SQLite (the audit log), pkg-config, and curl (the demo's client), from
# Debian's packages when missing.
deps:
	@if ! pkg-config --exists libpcre2-8 sqlite3 2>/dev/null || ! command -v curl >/dev/null; then \
	  echo "Installing libpcre2-dev, libsqlite3-dev, pkg-config and curl..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcre2-dev libsqlite3-dev pkg-config curl >/dev/null; \
	fi

# The end-to-end tests' peers: the official MCP Python SDK (client and servers), and the
# independent oracles of the quality test (Faker, python-phonenumbers; corpus/oracle/), in a
# virtual environment under .build/peers (Debian's Python refuses global pip installs).
PEERS := .build/peers
test-peers:
	@if ! $(PEERS)/bin/python3 -c "import mcp.client.stdio, mcp.server.mcpserver, faker, phonenumbers" 2>/dev/null; then \
	  echo "Installing the MCP Python SDK, Faker and phonenumbers for the end-to-end and quality tests (in $(PEERS))..."; \
	  python3 -m venv $(PEERS) 2>/dev/null || { $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(PEERS); }; \
	  $(PEERS)/bin/python3 -m pip install --quiet --disable-pip-version-check "mcp==2.3.0" "faker==40.63.0" "phonenumbers==9.0.43"; \
	fi

build: deps
	swift build -c release --product veil

# The gateway at work, with no Python: the bundled demo MCP server (veil demo-server) answers a
# client session (corpus/samples/demo_session.jsonl) first directly, then through veil wrap
# (stdio); then veil proxy fronts the same server over HTTP and one curl call goes through it.
# Both sessions are recorded, masked, in a hash-chained audit log, which is verified and shown.
DEMO_DB := .build/demo-audit.db
DEMO_CALL := {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup_customer","arguments":{"customer_id":"C-1042"}}}
demo: build
	@echo "=== 1. what the demo MCP server returns to a client, directly (no Veil) ==="
	@.build/release/veil demo-server < corpus/samples/demo_session.jsonl
	@echo
	@echo "=== 2. the same session through Veil over stdio: veil wrap -- veil demo-server ==="
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@.build/release/veil wrap --audit-db $(DEMO_DB) -- .build/release/veil demo-server < corpus/samples/demo_session.jsonl
	@echo
	@echo "=== 3. Veil as an HTTP gateway: veil proxy on 127.0.0.1:8477 in front of veil demo-server --http 127.0.0.1:8478 ==="
	@set -e; .build/release/veil demo-server --http 127.0.0.1:8478 & SERVER=$$!; \
	  .build/release/veil proxy --listen 127.0.0.1:8477 --upstream http://127.0.0.1:8478/mcp --audit-db $(DEMO_DB) 2>/dev/null & PROXY=$$!; \
	  trap 'kill $$SERVER $$PROXY 2>/dev/null' EXIT; \
	  for i in $$(seq 100); do curl -s -o /dev/null http://127.0.0.1:8477/healthz && break; sleep 0.1; done; \
	  CALL='$(DEMO_CALL)'; echo "\$$ curl -s http://127.0.0.1:8477/mcp -H 'Content-Type: application/json' -d '$$CALL'"; \
	  curl -s http://127.0.0.1:8477/mcp -H 'Content-Type: application/json' -d "$$CALL"; echo
	@echo
	@echo "=== 4. the audit log: veil audit verify, then each session as recorded (masked) ==="
	@.build/release/veil audit verify --audit-db $(DEMO_DB)
	@for session in $$(.build/release/veil audit list --audit-db $(DEMO_DB) | tail -n +2 | cut -f1); do \
	  .build/release/veil audit show --audit-db $(DEMO_DB) $$session | grep '^#'; done

# Unit, property, CLI and end-to-end tests, then the benchmark allocation gate (Benchmarks/Thresholds).
test: deps test-peers
	swift build --build-tests
	swift test
	cd Benchmarks && swift package benchmark thresholds check --filter "Veil-.*" --metric mallocCountTotal --no-progress

# Throughput per corpus shape and chunk size, against PCRE2 JIT in the same run (64 MiB corpora).
bench: build
	.build/release/veil bench --size 64M

# Gateway throughput against plain nginx in front of the same upstream, peak memory over 1 GiB,
# and the latency added to 1 KiB tools/call round trips at 1,000 requests per second.
bench-gateway: deps
	Benchmarks/gateway/run.sh
	Benchmarks/gateway/latency.sh

# libFuzzer: the engine against the reference masker (Fuzz/), for FUZZ_SECONDS seconds, from the
# seeds in Fuzz/seeds; new inputs stay in Fuzz/.build/corpus. A difference stops it with the
# offsets and rule names, and libFuzzer writes the input to crash-* for the regression.
FUZZ_SECONDS ?= 120
fuzz: deps
	cd Fuzz && swift build -c release --product EngineFuzz -Xswiftc -sanitize=fuzzer
	mkdir -p Fuzz/.build/corpus && cp Fuzz/seeds/* Fuzz/.build/corpus/
	Fuzz/.build/release/EngineFuzz -max_total_time=$(FUZZ_SECONDS) -max_len=512 -print_final_stats=1 Fuzz/.build/corpus
