#!/usr/bin/env bash
# Gateway throughput and memory, measured in one run on this machine (loopback):
#   - a 256 MiB tool result through plain nginx (proxy_buffering off), through `veil proxy`
#     (masking on, no audit log) and through `veil proxy --audit-db` (masking and recording),
#     all in front of the same upstream (upstream.py), medians of RUNS runs;
#   - peak RSS of `veil proxy` while 1 GiB streams through it.
# Usage: Benchmarks/gateway/run.sh [RUNS]    (make bench-gateway)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
if ! command -v nginx >/dev/null; then
  echo "Installing nginx for the comparison..."
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
swift build -c release --product veil >/dev/null
VEIL=.build/release/veil
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
UP=28101; NGINX=28102; PROXY=28103; AUDITED=28104; BIG=28105
SIZE=$((256 << 20))
python3 Benchmarks/gateway/upstream.py $UP $SIZE & 
python3 Benchmarks/gateway/upstream.py $BIG $((1 << 30)) &
mkdir -p "$WORK/logs"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
error_log $WORK/logs/error.log;
pid $WORK/nginx.pid;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy;
  server {
    listen 127.0.0.1:$NGINX;
    location / { proxy_pass http://127.0.0.1:$UP; proxy_buffering off; proxy_http_version 1.1; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
$VEIL proxy --listen 127.0.0.1:$PROXY --upstream http://127.0.0.1:$UP/mcp 2>/dev/null &
$VEIL proxy --listen 127.0.0.1:$AUDITED --upstream http://127.0.0.1:$UP/mcp --audit-db "$WORK/audit.db" 2>/dev/null &
$VEIL proxy --listen 127.0.0.1:$((BIG + 1)) --upstream http://127.0.0.1:$BIG/mcp 2>/dev/null &
BIGPROXY=$!
sleep 2
BODY='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"report","arguments":{}}}'
fetch() { curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' --data "$BODY" "http://127.0.0.1:$1/mcp"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A RESULT
for target in "upstream:$UP" "nginx:$NGINX" "veil:$PROXY" "veil+audit:$AUDITED"; do
  name=${target%%:*}; port=${target##*:}
  times=$(for _ in $(seq "$RUNS"); do fetch "$port"; echo; done | median)
  RESULT[$name]=$(awk -v t="$times" -v s="$SIZE" 'BEGIN {printf "%.0f", s / 1048576 / t}')
done
printf 'MB/s for a 256 MiB tool result over loopback, median of %s runs\n' "$RUNS"
printf '%-12s %8s\n' PATH MB/s
for name in upstream nginx veil veil+audit; do printf '%-12s %8s\n' "$name" "${RESULT[$name]}"; done
awk -v v="${RESULT[veil]}" -v n="${RESULT[nginx]}" 'BEGIN {printf "veil / nginx: %.0f%% (target: at least 50%%)\n", 100 * v / n}'
fetch $((BIG + 1)) >/dev/null
RSS=$(awk '/VmHWM/ {print $2}' /proc/$BIGPROXY/status)
printf 'peak RSS of veil proxy over a 1 GiB result: %d MiB (target: under 100 MiB)\n' $((RSS / 1024))
