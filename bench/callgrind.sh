#!/usr/bin/env bash
# Instructions per request, by request type, with valgrind's callgrind: repeatable on a machine
# that other work shares (wall-clock figures are not). The service runs under callgrind; for
# each request type, counters are zeroed, N requests are sent on one keep-alive connection
# (after one warm-up request), and the counters are dumped. Prints Ir/request and the top
# functions of each dump (inclusive), and keeps the dumps for callgrind_annotate/kcachegrind.
#
#   bench/callgrind.sh [BINARY] [OUT_DIR]      # default target/release/congres-numerique
#   CALLGRIND_SERVE_ARGS="--response-cache-bytes 0" bench/callgrind.sh   # every request a miss
# Needs valgrind and curl (apt-get install valgrind curl). Takes 2-4 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${1:-$ROOT/target/release/congres-numerique}
OUT=${2:-$ROOT/bench/work/callgrind-$(date -u +%Y%m%dT%H%M%SZ)}
N=${CALLGRIND_REQUESTS:-200}
PORT=${CALLGRIND_PORT:-18090}
mkdir -p "$OUT"
cd "$ROOT"

RUST_LOG=info valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
  "$BIN" --seeds seeds serve --bind "127.0.0.1:$PORT" --exports exports --schemas schemas \
  ${CALLGRIND_SERVE_ARGS:-} \
  > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1200); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.25; done

B=http://127.0.0.1:$PORT
ETAG=$(curl -fsS -D - -o /dev/null "$B/api/v1/items?page_size=50" | sed -n 's/^etag: *//Ip' | tr -d '\r')
TYPES=(
  "health|$B/health|"
  "item|$B/api/v1/items/2021-axis-1.1|"
  "items5|$B/api/v1/items?page_size=5|"
  "items50|$B/api/v1/items?page_size=50|"
  "motion|$B/api/v1/motions/2021|"
  "search|$B/api/v1/search?q=donnees|"
  "csv|$B/api/v1/items?format=csv&page_size=100|"
  "notmod|$B/api/v1/items?page_size=50|If-None-Match: $ETAG"
)
printf '%-8s %12s  %s\n' type Ir/request bytes
for t in "${TYPES[@]}"; do
  IFS='|' read -r label url hdr <<< "$t"
  args=(); [[ -n $hdr ]] && args=(-H "$hdr")
  curl -sS -o /dev/null "${args[@]}" "$url"
  callgrind_control -z "$PID" > /dev/null 2>&1
  urls=(); for _ in $(seq "$N"); do urls+=("$url"); done
  curl -sS "${args[@]}" "${urls[@]}" > /dev/null
  callgrind_control -d "$label" "$PID" > /dev/null 2>&1
  sleep 0.5
  dump=$(ls -t "$OUT"/callgrind.out.* | head -1)
  mv "$dump" "$OUT/$label.callgrind"
  total=$(callgrind_annotate "$OUT/$label.callgrind" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1; exit}')
  size=$(curl -sS "${args[@]}" -o /dev/null -w '%{size_download}' "$url")
  printf '%-8s %12d  %s\n' "$label" "$((total / N))" "$size"
  callgrind_annotate --inclusive=yes --threshold=100 "$OUT/$label.callgrind" 2>/dev/null |
    sed -n '/file:function/,$p' | sed -n '2,26p' | cut -c1-160 > "$OUT/$label.top.txt"
done
echo "dumps and top functions in $OUT"
