#!/usr/bin/env bash
# Gateway latency for small round trips, measured in one run on this machine (loopback):
#   - open-loop load (latency.py) of ~1 KiB JSON-RPC `tools/call` requests at RATE per second over
#     CONNECTIONS keep-alive connections, latency from each request's scheduled send time to the
#     last byte of its response, the first second of each run discarded;
#   - straight to a small upstream (small_upstream.py: ~1 KiB chunked results, one e-mail each),
#     through `veil proxy` (masking on, no audit log) and, for information only, through
#     `veil proxy --audit-db` (masking and recording), all in front of the same upstream,
#     alternating direct / veil / veil+audit for ROUNDS rounds of DURATION seconds each;
#   - the added p99: median over rounds of veil's p99 minus that of direct
#     (target: at most 1 ms at 1,000 requests per second).
# Usage: Benchmarks/gateway/latency.sh [ROUNDS] [DURATION]
#        (env: RATE=1000, CONNECTIONS=16, VEIL=.build/release/veil, built when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}; DURATION=${2:-10}; RATE=${RATE:-1000}; CONNECTIONS=${CONNECTIONS:-16}
VEIL=${VEIL:-.build/release/veil}
[ -x "$VEIL" ] || swift build -c release --product veil >/dev/null
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
UP=28201; PROXY=28202; AUDITED=28203
open_port() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $UP $PROXY $AUDITED; do
  if open_port $port; then echo "port $port is already in use" >&2; exit 1; fi
done
python3 Benchmarks/gateway/small_upstream.py $UP 2>"$WORK/upstream.log" &
$VEIL proxy --listen 127.0.0.1:$PROXY --upstream http://127.0.0.1:$UP/mcp 2>"$WORK/veil.log" &
$VEIL proxy --listen 127.0.0.1:$AUDITED --upstream http://127.0.0.1:$UP/mcp \
  --audit-db "$WORK/audit.db" 2>"$WORK/veil-audit.log" &
for port in $UP $PROXY $AUDITED; do
  for _ in $(seq 100); do open_port $port && continue 2; sleep 0.1; done
  echo "nothing listening on port $port after 10 s" >&2; tail -n 20 "$WORK"/*.log >&2; exit 1
done
for round in $(seq "$ROUNDS"); do
  for target in "direct:$UP" "veil:$PROXY" "veil+audit:$AUDITED"; do
    name=${target%%:*}; port=${target##*:}
    echo "round $round/$ROUNDS: $name" >&2
    printf '%s\t' "$name" >>"$WORK/results"
    python3 Benchmarks/gateway/latency.py --url "http://127.0.0.1:$port/mcp" --rate "$RATE" \
      --duration "$DURATION" --connections "$CONNECTIONS" --json >>"$WORK/results"
  done
done
python3 - "$WORK/results" "$RATE" "$CONNECTIONS" "$ROUNDS" "$DURATION" <<'PY'
import json, statistics, sys
path, rate, connections, rounds, duration = sys.argv[1:]
runs = {}
for line in open(path):
    name, figures = line.split("\t", 1)
    runs.setdefault(name, []).append(json.loads(figures))
median = lambda name, key: statistics.median(r[key] for r in runs[name])
print(f"Latency of ~1 KiB tools/call round trips over loopback, open loop at {rate}/s, "
      f"{connections} connections, {rounds} rounds of {duration} s")
print(f"{'PATH':<12} {'p50 ms':>7} {'p99 ms per round':>24} {'p99 median':>11} {'p99.9':>7} {'rate/s':>7} {'errors':>6}")
for name, rs in runs.items():
    per_round = " ".join(f"{r['p99_ms']:7.3f}" for r in rs)
    print(f"{name:<12} {median(name, 'p50_ms'):7.3f} {per_round:>24} {median(name, 'p99_ms'):11.3f} "
          f"{median(name, 'p99_9_ms'):7.3f} {min(r['achieved_rate'] for r in rs):7.0f} "
          f"{sum(r['errors'] for r in rs):6d}")
for name, rs in runs.items():
    kinds = {}
    for r in rs:
        for kind, count in r["error_kinds"].items():
            kinds[kind] = kinds.get(kind, 0) + count
    if kinds:
        print(f"errors via {name}: {kinds}")
added = median("veil", "p99_ms") - median("direct", "p99_ms")
print(f"added p99 (veil - direct, medians): {added:.3f} ms (target: at most 1 ms) "
      + ("met" if added <= 1 else "NOT met"))
audit = median("veil+audit", "p99_ms") - median("direct", "p99_ms")
print(f"added p99 with --audit-db (informational): {audit:.3f} ms")
lag = max(r["pacing_lag_p99_ms"] for rs in runs.values() for r in rs)
print(f"load generator pacing lag p99, worst run: {lag:.3f} ms (should be well under the p99s)")
PY
