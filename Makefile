# Veil: the two commands a newcomer needs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-peers demo test build bench bench-gateway

# PCRE2 (with JIT), SQLite (the audit log) and pkg-config, from Debian's packages when missing.
deps:
	@if ! pkg-config --exists libpcre2-8 sqlite3 2>/dev/null; then \
	  echo "Installing libpcre2-dev, libsqlite3-dev and pkg-config..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpcre2-dev libsqlite3-dev pkg-config >/dev/null; \
	fi

# The end-to-end tests' peers: the official MCP Python SDK (client and servers), in a virtual
# environment under .build/peers (Debian's Python refuses global pip installs).
PEERS := .build/peers
test-peers:
	@if ! $(PEERS)/bin/python3 -c "import mcp.client.stdio, mcp.server.mcpserver" 2>/dev/null; then \
	  echo "Installing the MCP Python SDK for the end-to-end tests (in $(PEERS))..."; \
	  python3 -m venv $(PEERS) 2>/dev/null || { $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(PEERS); }; \
	  $(PEERS)/bin/python3 -m pip install --quiet --disable-pip-version-check "mcp==2.3.0"; \
	fi

build: deps
	swift build -c release --product veil

# The gateway at work, with no Python: a client session (corpus/samples/demo_session.jsonl) sent
# to the bundled demo MCP server (veil demo-server) first directly, then through veil wrap,
# which masks what the server returns and records the session in a hash-chained audit log.
DEMO_DB := .build/demo-audit.db
demo: build
	@echo "=== what the demo MCP server returns to a client, directly ==="
	@.build/release/veil demo-server < corpus/samples/demo_session.jsonl
	@echo
	@echo "=== the same session through Veil: veil wrap -- veil demo-server ==="
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@.build/release/veil wrap --audit-db $(DEMO_DB) -- .build/release/veil demo-server < corpus/samples/demo_session.jsonl
	@echo
	@echo "=== the audit log: veil audit verify, then the session as recorded (masked) ==="
	@.build/release/veil audit verify --audit-db $(DEMO_DB)
	@.build/release/veil audit show --audit-db $(DEMO_DB) $$(.build/release/veil audit list --audit-db $(DEMO_DB) | tail -1 | cut -f1) | grep '^#'

# Unit, property, CLI and end-to-end tests, then the benchmark allocation gate (Benchmarks/Thresholds).
test: deps test-peers
	swift build --build-tests
	swift test
	cd Benchmarks && swift package benchmark thresholds check --filter "Veil-.*" --metric mallocCountTotal --no-progress

# Throughput per corpus shape and chunk size, against PCRE2 JIT in the same run (64 MiB corpora).
bench: build
	.build/release/veil bench --size 64M

# Gateway throughput against plain nginx in front of the same upstream, and peak memory over 1 GiB.
bench-gateway: deps
	Benchmarks/gateway/run.sh
