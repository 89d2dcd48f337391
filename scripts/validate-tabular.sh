#!/usr/bin/env bash
# The committed SQLite database and Parquet files opened by the clients reusers run (issue 16):
#   1. the sqlite3 command-line shell (Debian's sqlite3): PRAGMA integrity_check is ok,
#      PRAGMA foreign_key_check finds nothing, each table has as many rows as its CSV file, and
#      the full-text index finds « données » (and « donnees », accents folded);
#   2. Datasette (pinned in scripts/requirements-tabular.txt, in a venv), started on the
#      database with exports/sqlite/metadata.json: its JSON API answers 200 with the
#      metadata's title and licence, every table with the CSV's row count, the facets the
#      metadata configures (adding up to the rows) and a full-text search;
#   3. pyarrow reads every Parquet file with the Table Schema's types, nullability and
#      descriptions; DuckDB joins every foreign key over the Parquet files and over the CSV
#      files and gets the same answers; pandas reads a Parquet file
#      (scripts/tabular/check_clients.py).
# Exits non-zero listing every difference. `cargo test` (tests/tabular.rs) needs none of them.
#
# Usage: scripts/validate-tabular.sh   (TABULAR_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${TABULAR_VENV:-.venv-tabular}"
requirements="scripts/requirements-tabular.txt"
db="exports/sqlite/congres-numerique.db"
metadata="exports/sqlite/metadata.json"

if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "validate-tabular: installing the sqlite3 shell (Debian: sqlite3)"
  # Other sessions may hold the dpkg lock: wait for it rather than fail.
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends sqlite3 >/dev/null
fi
echo "validate-tabular: sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-tabular "$venv" "$requirements"

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() {
  echo "validate-tabular: FAIL $*" >&2
  failures=$((failures + 1))
}
# Read-only: the check must not touch the committed file.
query() { sqlite3 -readonly -batch -noheader "$db" "$@"; }

# 1. The sqlite3 shell.
integrity="$(query 'PRAGMA integrity_check;')"
[ "$integrity" = "ok" ] || fail "integrity_check: $integrity"
broken="$(query 'PRAGMA foreign_key_check;')"
[ -z "$broken" ] || fail "foreign_key_check: $broken"
tables=0
for csv in exports/csv/*.csv; do
  name="$(basename "$csv" .csv)"
  # Cells may hold line breaks: the CSV's rows are counted by a CSV reader, not by wc -l.
  expected="$("$venv/bin/python" -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))))' "$csv")"
  found="$(query "SELECT count(*) FROM \"$name\";")" || { fail "no table $name"; continue; }
  [ "$found" = "$expected" ] || fail "$name: $found rows in the database, $expected in $csv"
  tables=$((tables + 1))
done
found="$(query "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'données';")"
folded="$(query "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'donnees';")"
[ "$found" -gt 0 ] || fail "the full-text index of items finds no « données »"
[ "$found" = "$folded" ] || fail "« données » finds $found items, « donnees » $folded"
echo "validate-tabular: sqlite3: integrity ok, foreign keys ok, $tables tables with the CSV's rows, « données » in $found items"

# 2–3. Datasette on the database and its metadata, then pyarrow, DuckDB and pandas.
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
# Immutable (-i): Datasette opens the file read-only and counts rows without a time limit.
"$venv/bin/datasette" serve -i "$db" -m "$metadata" --host 127.0.0.1 --port "$port" \
  >"$work/datasette.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$base/-/versions.json" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$work/datasette.log" >&2
    fail "Datasette did not start"
    exit 1
  fi
  sleep 0.3
done
echo "validate-tabular: $("$venv/bin/datasette" --version)"
"$venv/bin/python" scripts/tabular/check_clients.py "$base" || failures=$((failures + 1))

if [ "$failures" -gt 0 ]; then
  echo "validate-tabular: $failures failure(s)" >&2
  exit 1
fi
echo "validate-tabular: ok"
