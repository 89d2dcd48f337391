#!/usr/bin/env bash
# SPARQL: our /sparql (oxigraph in memory, release build) for the SELECT example queries of the
# /sparql page (src/sparql/examples/*.rq), twice: as served (a repeated query is answered by the
# response cache) and with the cache off (`--response-cache-bytes 0`: every request parses,
# evaluates and serialises the query). Same method as bench/run.sh: server on CPU 0, wrk on CPU 1,
# keep-alive, 10 s per run (3 s with --quick) after a 1 s warm-up, SPARQL JSON, 1 and 16
# connections. Prints a Markdown table and the start-up time and RSS with the store.
# Not done yet: the side-by-side with Virtuoso that issue 16 asks for (a first attempt with
# Debian's virtuoso-opensource 7.2.5 loaded the dump but its HTTP endpoint answered 500 under
# load; see the closing note of 2026-12-01).
# Usage: bench/sparql.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DUR=10
[[ ${1:-} == --quick ]] && DUR=3

need=()
command -v wrk >/dev/null || need+=(wrk)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --quiet --bin congres-numerique
BIN=$ROOT/target/release/congres-numerique

WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
SRV=(taskset -c 0)
CLI=(taskset -c 1)

PUBLIC=$(sed -n 's/^base_url = "\(.*\)"$/\1/p' seeds/publication.toml)
CACHED=28480
UNCACHED=28481
start_ours() { # port [serve options...] -> sets PID
  local port=$1; shift
  "${SRV[@]}" env -u RUST_LOG "$BIN" --seeds seeds serve --bind "127.0.0.1:$port" \
    --base-url "$PUBLIC" "$@" >"$WORK/ours-$port.log" 2>&1 &
  pids+=("$!")
  PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.005; done
}
# Start-up (process start -> first 200 on /health) and RSS, with the SPARQL store built.
start=$(date +%s%N)
start_ours "$CACHED"
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
start_ours "$UNCACHED" --response-cache-bytes 0

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))'; }
rows() { # url -> the number of result rows, or "error NNN" (the body's first line on stderr)
  local status
  status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H 'Accept: application/sparql-results+json' "$1")
  if [[ $status != 200 ]]; then
    echo "$1 -> $status: $(head -c 300 "$WORK/answer")" >&2
    echo "error $status"
    return
  fi
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$WORK/answer"
}
run() { # url conns -> "rps p50_ms p99_ms errors"
  "${CLI[@]}" wrk -t1 -c"$2" -d1s -H 'Accept: application/sparql-results+json' "$1" >/dev/null 2>&1 || true
  "${CLI[@]}" wrk -t1 -c"$2" -d"${DUR}s" --timeout 5s -H 'Accept: application/sparql-results+json' \
    -s bench/wrk_report.lua "$1" 2>/dev/null | sed -n 's/^WRK_JSON //p' |
    python3 -c 'import json, sys
r = json.load(sys.stdin)
e = r.get("errors", 0)
errors = sum(e.values()) if isinstance(e, dict) else e
lat = r["latency_us"]
print("%.0f %.2f %.2f %d" % (r["rps"], lat["p50"] / 1000, lat["p99"] / 1000, errors))'
}

echo "| Query | Response cache | rows | c | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for file in src/sparql/examples/*.rq; do
  name=$(basename "$file" .rq)
  grep -q 'SELECT' "$file" || continue
  # The examples name the service's base as {base}, as the /sparql page fills it in.
  query=$(sed "s#{base}#$PUBLIC#g" "$file" | urlencode)
  for setting in on off; do
    port=$CACHED
    [[ $setting == off ]] && port=$UNCACHED
    url="http://127.0.0.1:$port/sparql?query=$query"
    count=$(rows "$url")
    for conns in 1 16; do
      read -r rps p50 p99 errors <<<"$(run "$url" "$conns")"
      echo "| \`$name\` | $setting | $count | $conns | $rps | $p50 | $p99 | $errors |"
    done
  done
done
echo
echo "start-up with the store ${startup_ms} ms (process start to first 200 on /health), RSS ${rss_kb} kB;" \
  "$(grep -c '' exports/rdf/corpus.nt) triples; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
