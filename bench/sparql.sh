#!/usr/bin/env bash
# SPARQL and the issue-16 files, in one command: every figure of the BENCHMARKS.md section
# "SPARQL endpoint and the SQLite/Parquet exports (bench/sparql.sh)".
#
#   bench/sparql.sh                 # full run (~12 min on 2 quiet cores)
#   bench/sparql.sh --quick         # same measurements, shorter runs (~6 min)
#   bench/sparql.sh --only virtuoso,scale   # some sections only (setup and build always run)
#   bench/sparql.sh --no-install    # do not apt-get what is missing
#
# Sections:
#   virtuoso  our /sparql (release build) and Debian's Virtuoso (virtuoso-opensource, what most
#             Linked Data publishers run) on the same graph: the N-Triples dump our store is
#             loaded with (exports/rdf/corpus.nt), in Virtuoso as a named graph passed as
#             default-graph-uri. Each example query of the /sparql page (src/sparql/examples/:
#             SELECT in SPARQL JSON results, the CONSTRUCT in N-Triples) must give the same
#             distinct rows (bench/sparql_rows.py) or the same number of triples on both, else
#             the script stops; a difference in duplicate rows is recorded. Then the same wrk
#             load per query and server: server on CPU 0, wrk on CPU 1, keep-alive, 1 and 16
#             connections, 10 s (3 s --quick) after a 1 s warm-up, the same Accept header.
#             Ours twice: response cache off (`--response-cache-bytes 0`, every request
#             parses, evaluates and serialises: the like-for-like figure, Virtuoso caches no
#             results) and as served. Start-up to ready and RSS of both.
#   scale     start-up and RSS with the store at x1 and x1000 (scale_corpus), and the
#             `proposals` example query at x1000 (cache off).
#   export    the SQLite database and the 17 Parquet files, timed alone in release (criterion,
#             benches/export.rs `sqlite_database`, `parquet_all_tables`), and the whole `export`
#             command once, at x1 and x1000.
# Every measurement records the 1-minute load average beside it. Results:
# bench/results/sparql-<UTC stamp>.json, the generated block of BENCHMARKS.md
# (bench/sparql_report.py). Every server listens on 127.0.0.1; every wait is bounded.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET_DIR/release/congres-numerique
SCALE_BIN=$TARGET_DIR/release/scale_corpus

QUICK=0
INSTALL=1
ONLY=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=1 ;;
    --no-install) INSTALL=0 ;;
    --only) ONLY=$2; shift ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
want() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }
if [[ $QUICK == 1 ]]; then
  DUR=3; STARTUP_RUNS=3; SCALE_STARTUP_RUNS=1; CRIT=(--warm-up-time 1 --measurement-time 2 --sample-size 10)
else
  DUR=10; STARTUP_RUNS=5; SCALE_STARTUP_RUNS=3; CRIT=(--warm-up-time 2 --measurement-time 5 --sample-size 10)
fi
CONNS=(1 16)
SRV=(taskset -c 0)
CLI=(taskset -c 1)
# SELECT answers in SPARQL JSON results, CONSTRUCT (the `edition` example) in N-Triples: one
# line a triple on both servers, so the number of lines is the number of triples.
ACCEPT='Accept: application/sparql-results+json'
ACCEPT_GRAPH='Accept: application/n-triples'
PORT_CACHED=28480; PORT_OFF=28481; PORT_SCALE=28482; PORT_STARTUP=28483
PORT_V_HTTP=28490; PORT_V_SQL=28491
GRAPH=urn:congres-numerique:corpus

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$(mktemp -d /tmp/sparqlbench.XXXXXX)
RUN=$WORK/run
mkdir -p "$RUN" "$BENCH/results"
cd "$ROOT"
log() { printf '\n== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
T0=$(date +%s)

PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  done
  # Virtuoso checkpoints on SIGTERM: wait for it before removing its files.
  for pid in "${PIDS[@]:-}"; do
    for _ in $(seq 100); do [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
port_free() { ! (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() { # url tries-of-5-ms
  for ((i = 0; i < $2; i++)); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.005
  done
  echo "no answer from $1" >&2
  return 1
}
stop_pid() { # pid: stopped, waited for, and forgotten (so that the exit trap never signals a
  # number the system may have given to another process since)
  local keep=() p
  kill "$1" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))'; }

# --- setup ---------------------------------------------------------------------------------------
if [[ $INSTALL == 1 ]]; then
  need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v curl >/dev/null || need+=(curl)
  command -v /usr/bin/time >/dev/null || need+=(time)
  if want virtuoso; then
    # virtuoso-opensource brings virtuoso-t and isql-vt; its own service (ports 1111, 8890) is
    # not the one measured: ours runs from a temporary directory with its own ini.
    { command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; } || need+=(virtuoso-opensource)
  fi
  if [[ ${#need[@]} -gt 0 ]]; then
    log "install: ${need[*]} (apt-get)"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  fi
fi
log "build --release"
cargo build --release --locked --bins 2>&1 | tail -1
if want export; then
  # The bench executable, run directly below: no cargo step between the measurements.
  EXPORT_BENCH=$(cargo bench --locked --no-run --bench export --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "export" and m.get("executable"):
        print(m["executable"])')
  [[ -x $EXPORT_BENCH ]] || { echo "no export bench executable" >&2; exit 1; }
fi

PUBLIC=$(sed -n 's/^base_url = "\(.*\)"$/\1/p' seeds/publication.toml)
TRIPLES=$(grep -c '' exports/rdf/corpus.nt)
{
  echo "{\"stamp\": \"$STAMP\", \"quick\": $QUICK, \"duration_s\": $DUR, \"nproc\": $(nproc),"
  echo " \"cpu\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\","
  echo " \"loadavg_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo " \"rustc\": \"$(rustc --version)\", \"wrk\": \"$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)\","
  echo " \"virtuoso\": \"$(dpkg-query -W -f '${Version}' virtuoso-opensource-7-bin 2>/dev/null || echo none)\","
  echo " \"git\": \"$(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')\", \"triples\": $TRIPLES}"
} > "$RUN/machine.json"
cat "$RUN/machine.json"

# --- helpers: row count, one wrk run -------------------------------------------------------------
rows() { # url [accept] -> the number of result rows (or triples); stops the script on an error
  local status accept=${2:-$ACCEPT}
  status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "$accept" "$1")
  if [[ $status != 200 ]]; then
    echo "$1 -> $status: $(head -c 500 "$WORK/answer")" >&2
    exit 1
  fi
  if [[ $accept == "$ACCEPT" ]]; then
    python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$WORK/answer"
  else
    grep -c . "$WORK/answer"
  fi
}
# measure LABEL SERVER QUERY CONNS URL [ACCEPT]: one JSON line in $RUN/wrk.jsonl
measure() {
  local label=$1 server=$2 query=$3 conns=$4 url=$5 accept=${6:-$ACCEPT} load out
  "${CLI[@]}" wrk -t1 -c"$conns" -d1s -H "$accept" "$url" >/dev/null 2>&1 || true
  load=$(load1)
  out=$("${CLI[@]}" wrk -t1 -c"$conns" -d"${DUR}s" --timeout 5s -H "$accept" \
    -s "$BENCH/wrk_report.lua" "$url" 2>/dev/null | sed -n 's/^WRK_JSON //p')
  [[ -z $out ]] && out='{"error": "wrk gave no result"}'
  echo "{\"label\": \"$label\", \"server\": \"$server\", \"query\": \"$query\", \"conns\": $conns, \"load1\": $load, \"result\": $out}" >> "$RUN/wrk.jsonl"
  printf '  %-14s %-10s c=%-3s load %-5s %s\n' "$label" "$query" "$conns" "$load" "$(echo "$out" | cut -c1-100)"
}
start_ours() { # seeds port [serve options...] -> sets PID; ready = first 200 on /health
  local seeds=$1 port=$2; shift 2
  port_free "$port" || { echo "port $port is busy" >&2; exit 1; }
  "${SRV[@]}" env -u RUST_LOG "$BIN" --seeds "$seeds" serve --bind "127.0.0.1:$port" \
    --base-url "$PUBLIC" "$@" >"$RUN/ours-$port.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_http "http://127.0.0.1:$port/health" 60000
}
# The store is loaded by the first SPARQL request, not at start-up: ours is ready with its store
# at the first 200 to this query, as Virtuoso is.
READY_WITH_STORE='/sparql?query=ASK%7B%7D'
query_of() { sed "s#{base}#$PUBLIC#g" "$1" | urlencode; } # the page fills {base} in the same way

# --- virtuoso: ours and Virtuoso on the same graph -----------------------------------------------
if want virtuoso; then
  log "ours: start-up with the store ($STARTUP_RUNS runs, every core), then two servers on CPU 0"
  load=$(load1)
  python3 "$BENCH/startup.py" --bin "$BIN" --seeds "$ROOT/seeds" --port $PORT_STARTUP \
    --runs "$STARTUP_RUNS" --ready-path "$READY_WITH_STORE" > "$RUN/startup-ours-x1.json"
  echo "{\"server\": \"ours\", \"factor\": 1, \"load1\": $load, \"startup\": $(cat "$RUN/startup-ours-x1.json")}" >> "$RUN/startup.jsonl"
  cat "$RUN/startup-ours-x1.json"
  start_ours "$ROOT/seeds" $PORT_CACHED
  OURS_CACHED=$PID
  start_ours "$ROOT/seeds" $PORT_OFF --response-cache-bytes 0
  OURS_OFF=$PID

  log "virtuoso $(dpkg-query -W -f '${Version}' virtuoso-opensource-7-bin): database in $WORK/virtuoso"
  V=$WORK/virtuoso
  mkdir -p "$V/load"
  cp exports/rdf/corpus.nt "$V/load/corpus.nt"
  for p in $PORT_V_HTTP $PORT_V_SQL; do port_free $p || { echo "port $p is busy" >&2; exit 1; }; done
  # Absolute paths throughout: Virtuoso re-reads its ini on every /sparql request (for the
  # [SPARQL] limits) by the path given on its command line, and answers 500 "FA055: Could not
  # open virtuoso.ini" when that path no longer names the file from its working directory.
  cat > "$V/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $V/virtuoso.db
ErrorLogFile       = $V/virtuoso.log
LockFile           = $V/virtuoso.lck
TransactionFile    = $V/virtuoso.trx
xa_persistent_file = $V/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $V/virtuoso-temp.db
TransactionFile    = $V/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$PORT_V_SQL
DisableUnixSocket    = 1
MaxClientConnections = 20
; no timed checkpoint during the runs: the graph is loaded once, then only read
CheckpointInterval   = 0
CaseMode             = 2
DirsAllowed          = $V/load
; Virtuoso's guidance for 2 GB of memory: far more than a graph of a few thousand triples needs
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
MaxQueryMem          = 1G

[HTTPServer]
ServerPort           = 127.0.0.1:$PORT_V_HTTP
ServerRoot           = /var/lib/virtuoso-opensource-7/vsp
; at least as many threads and keep-alive slots as wrk's connections
MaxClientConnections = 20
ServerThreads        = 20
MaxKeepAlives        = 20
KeepAliveTimeout     = 10
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryExecutionTime      = 10
MaxQueryCostEstimationTime = 400
EOF
  VIRT_READY="http://127.0.0.1:$PORT_V_HTTP/sparql?query=ASK%7B%7D"
  start_virtuoso() { # [pin...] -> sets VPID, VMS (process start to first 200 on /sparql)
    local start
    start=$(date +%s%N)
    (cd "$V" && exec "$@" virtuoso-t +foreground +configfile "$V/virtuoso.ini") >>"$V/stdout" 2>&1 &
    VPID=$!
    PIDS+=("$VPID")
    wait_http "$VIRT_READY" 24000
    VMS=$(( ($(date +%s%N) - start) / 1000000 ))
  }
  start_virtuoso "${SRV[@]}"
  echo "  first start (creates the database) ${VMS} ms"
  start=$(date +%s%N)
  isql-vt "127.0.0.1:$PORT_V_SQL" dba dba \
    exec="ld_dir('$V/load', 'corpus.nt', '$GRAPH'); rdf_loader_run(); checkpoint;" >"$V/load.log" 2>&1
  load_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  grep -q 'Error' "$V/load.log" && { cat "$V/load.log" >&2; exit 1; }
  GRAPH_Q=$(printf %s "$GRAPH" | urlencode)
  count=$(curl -fsS -H "$ACCEPT" "http://127.0.0.1:$PORT_V_HTTP/sparql?default-graph-uri=$GRAPH_Q&query=$(urlencode <<<'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["results"]["bindings"][0]["n"]["value"])')
  echo "  loaded corpus.nt into <$GRAPH> in ${load_ms} ms: $count triples (the dump has $TRIPLES)"
  [[ $count == "$TRIPLES" ]] || { echo "Virtuoso holds $count triples, the dump $TRIPLES" >&2; exit 1; }
  # Start-up to ready with the loaded database (the state a publisher restarts in), on every
  # core like ours (bench/startup.py); then a last start on CPU 0 for the query runs.
  vruns=()
  load=$(load1)
  for ((r = 0; r < STARTUP_RUNS; r++)); do
    stop_pid "$VPID"
    start_virtuoso
    vruns+=("$VMS")
  done
  vrss=$(rss_kb "$VPID")
  stop_pid "$VPID"
  start_virtuoso "${SRV[@]}"
  echo "{\"server\": \"virtuoso\", \"factor\": 1, \"load1\": $load, \"load_ms\": $load_ms, \"startup\": {\"runs_ms\": [$(IFS=,; echo "${vruns[*]}")], \"vmrss_kb\": $vrss}}" >> "$RUN/startup.jsonl"
  echo "  restart to ready: ${vruns[*]} ms; RSS $vrss kB"

  log "example queries: same rows on both, then ${CONNS[*]} connections x ${DUR} s each"
  for file in src/sparql/examples/*.rq; do
    name=$(basename "$file" .rq)
    query=$(query_of "$file")
    OURS_URL="http://127.0.0.1:$PORT_OFF/sparql?query=$query"
    VIRT_URL="http://127.0.0.1:$PORT_V_HTTP/sparql?default-graph-uri=$GRAPH_Q&query=$query"
    if grep -q '^SELECT' "$file"; then
      accept=$ACCEPT
      rows "$OURS_URL" >/dev/null
      cp "$WORK/answer" "$WORK/ours.json"
      rows "$VIRT_URL" >/dev/null
      # Same rows on both: the same number, or else the same distinct rows with the difference
      # named (Virtuoso gives a row once per path for `+`; SPARQL 1.1 and ours, once).
      python3 "$BENCH/sparql_rows.py" "$name" "$WORK/ours.json" "$WORK/answer" >> "$RUN/rows.jsonl"
    else
      accept=$ACCEPT_GRAPH
      ours=$(rows "$OURS_URL" "$accept")
      virt=$(rows "$VIRT_URL" "$accept")
      [[ $ours == "$virt" ]] || { echo "$name: ours gives $ours triples, Virtuoso $virt" >&2; exit 1; }
      echo "{\"query\": \"$name\", \"ours\": $ours, \"virtuoso\": $virt, \"triples\": true}" >> "$RUN/rows.jsonl"
    fi
    echo "  $(tail -1 "$RUN/rows.jsonl")"
    for c in "${CONNS[@]}"; do
      measure ours_off ours "$name" "$c" "$OURS_URL" "$accept"
      measure ours_cached ours "$name" "$c" "http://127.0.0.1:$PORT_CACHED/sparql?query=$query" "$accept"
      measure virtuoso virtuoso "$name" "$c" "$VIRT_URL" "$accept"
    done
  done
  echo "{\"ours_off_kb\": $(rss_kb "$OURS_OFF"), \"ours_cached_kb\": $(rss_kb "$OURS_CACHED"), \"virtuoso_kb\": $(rss_kb "$VPID")}" > "$RUN/rss-after.json"
  cat "$RUN/rss-after.json"
  stop_pid "$OURS_OFF"; stop_pid "$OURS_CACHED"; stop_pid "$VPID"
fi

# --- scaled corpus -------------------------------------------------------------------------------
if want scale || want export; then
  log "scale_corpus --factor 1000"
  "$SCALE_BIN" --factor 1000 --out "$WORK/seeds-x1000" >/dev/null
fi

if want scale; then
  for f in 1 1000; do
    seeds=$ROOT/seeds; runs=$STARTUP_RUNS
    [[ $f == 1000 ]] && { seeds=$WORK/seeds-x1000; runs=$SCALE_STARTUP_RUNS; }
    [[ $f == 1 ]] && want virtuoso && continue # measured above
    log "ours x$f: start-up with the store ($runs runs, every core)"
    load=$(load1)
    python3 "$BENCH/startup.py" --bin "$BIN" --seeds "$seeds" --port $PORT_STARTUP --runs "$runs" \
      --timeout 600 --ready-path "$READY_WITH_STORE" > "$RUN/startup-ours-x$f.json"
    echo "{\"server\": \"ours\", \"factor\": $f, \"load1\": $load, \"startup\": $(cat "$RUN/startup-ours-x$f.json")}" >> "$RUN/startup.jsonl"
    cat "$RUN/startup-ours-x$f.json"
  done
  log "ours x1000: the proposals query, cache off, CPU 0"
  start_ours "$WORK/seeds-x1000" $PORT_SCALE --response-cache-bytes 0
  query=$(query_of src/sparql/examples/proposals.rq)
  n=$(rows "http://127.0.0.1:$PORT_SCALE/sparql?query=$query") # the first query loads the store
  grep -o 'SPARQL store loaded.*' "$RUN/ours-$PORT_SCALE.log" | head -1 || true
  echo "  proposals: $n rows"
  echo "{\"query\": \"proposals\", \"factor\": 1000, \"ours\": $n}" >> "$RUN/rows.jsonl"
  for c in "${CONNS[@]}"; do
    measure ours_off_x1000 ours proposals "$c" "http://127.0.0.1:$PORT_SCALE/sparql?query=$query"
  done
  echo "{\"ours_x1000_kb\": $(rss_kb "$PID")}" > "$RUN/rss-x1000.json"
  stop_pid "$PID"
fi

# --- export: the SQLite database and the Parquet files -------------------------------------------
if want export; then
  for f in 1 1000; do
    seeds=$ROOT/seeds
    [[ $f == 1000 ]] && seeds=$WORK/seeds-x1000
    label=$(basename "$seeds")
    log "export x$f: sqlite_database, parquet_all_tables (criterion), the whole export command"
    load=$(load1)
    CN_BENCH_SEEDS=$seeds CRITERION_HOME=$TARGET_DIR/criterion timeout 1800 "$EXPORT_BENCH" --bench \
      --noplot "${CRIT[@]}" '^export/[^/]+/(sqlite_database|parquet_all_tables)$' 2>&1 | grep -E 'time:' || true
    load_cmd=$(load1)
    rm -rf "$WORK/out" "$WORK/schemas"
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" --seeds "$seeds" export --out "$WORK/out" \
      --schemas "$WORK/schemas" >/dev/null
    read -r secs maxrss < "$WORK/time"
    db=$(stat -c %s "$WORK/out/sqlite/congres-numerique.db")
    pq=$(cat "$WORK/out"/parquet/*.parquet | wc -c)
    python3 - "$TARGET_DIR/criterion/export_$label" "$f" "$load" "$load_cmd" "$secs" "$maxrss" "$db" "$pq" >> "$RUN/export.jsonl" <<'EOF'
import json, sys
crit, factor, load, load_cmd, secs, maxrss, db, pq = sys.argv[1:]
def median_ms(name):
    e = json.load(open(f"{crit}/{name}/new/estimates.json"))
    return round(e["median"]["point_estimate"] / 1e6, 2)
print(json.dumps({"factor": int(factor), "load1": float(load), "sqlite_ms": median_ms("sqlite_database"),
                  "parquet_ms": median_ms("parquet_all_tables"), "export_command_s": float(secs),
                  "export_command_maxrss_kb": int(maxrss), "export_command_load1": float(load_cmd),
                  "sqlite_bytes": int(db), "parquet_bytes": int(pq)}))
EOF
    tail -1 "$RUN/export.jsonl"
    rm -rf "$WORK/out" "$WORK/schemas"
  done
fi

# --- report --------------------------------------------------------------------------------------
T1=$(date +%s)
echo "{\"loadavg_end\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"seconds\": $((T1 - T0))}" > "$RUN/end.json"
log "report"
python3 "$BENCH/sparql_report.py" --run "$RUN" --out "$BENCH/results/sparql-$STAMP.json" --markdown "$ROOT/BENCHMARKS.md"
log "done in $((T1 - T0)) s"
