#!/usr/bin/env bash
# Harvested by data.gouv.fr: udata's own DCAT harvester (udata.harvest.backends.dcat.DcatBackend,
# udata 17.18.0 pinned in scripts/requirements-datagouv.txt, own venv .venv-datagouv) previews
# the catalogue of a local `serve`, as data.gouv.fr does when a producer adds a DCAT source.
# MongoDB is replaced by mongomock (a preview saves nothing). udata refuses loopback sources (its
# SSRF guard), so the source keeps the public URL of the publication and only the transport of
# udata's HTTP session is routed to the local service (scripts/datagouv/harvest.py).
#
# Checked, for the data.gouv.fr profile both by query (/catalog?_profile=datagouv, no extension:
# udata reads the format from a HEAD) and as a file (/exports/catalog-datagouv.ttl): status
# `done`, zero errors, one dataset with the licence lov2, annual frequency, temporal coverage,
# tags and a long description; one resource per published file (none dropped) with its URL,
# title, format, media type, size, SHA-256 checksum and schema (conformsTo); the API as an "api"
# resource and as a data service attached to the dataset. And the default DCAT-AP profile must
# still be refused for its xsd:hexBinary checksums: the reason for the second profile.
#
# Usage: scripts/validate-datagouv.sh   (VALIDATE_DATAGOUV_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_DATAGOUV_VENV:-.venv-datagouv}"
requirements="scripts/requirements-datagouv.txt"
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-datagouv "$venv" "$requirements"

# The debug binary: `cargo test` (run before by .ci/run) has already built it.
echo "validate-datagouv: cargo build"
cargo build --locked --quiet --bin congres-numerique
binary="target/debug/congres-numerique"
public="$(sed -n 's/^base_url = "\(.*\)"$/\1/p' seeds/publication.toml)"
if [ -z "$public" ]; then
  echo "validate-datagouv: FAIL no base_url in seeds/publication.toml" >&2
  exit 1
fi

port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
local="http://127.0.0.1:$port"
log="$(mktemp)"
workdir="$(mktemp -d)"
# With the public base: the service answers with the public URLs of the committed exports, byte
# for byte (a local base would rebase every link onto 127.0.0.1, which udata refuses).
env -u RUST_LOG "$binary" --seeds seeds serve --bind "127.0.0.1:$port" --exports exports \
  --base-url "$public" \
  --schemas schemas >"$log" 2>&1 &
server=$!
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$log" "$workdir"
}
trap stop_server EXIT

ready=""
for _ in $(seq 1 60); do
  if ! kill -0 "$server" 2>/dev/null; then
    break
  fi
  if "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$local/health" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "validate-datagouv: FAIL the service did not answer $local/health; its log:" >&2
  cat "$log" >&2
  exit 1
fi

# udata reads an optional udata.cfg from the working directory: run it from an empty one.
script="$PWD/scripts/datagouv/harvest.py"
python="$PWD/$venv/bin/python"
case "$venv" in /*) python="$venv/bin/python" ;; esac
exports="$PWD/exports"
(cd "$workdir" && ln -s "$exports" exports && LOCAL="$local" PUBLIC="$public" \
  PYTHONWARNINGS=ignore "$python" "$script" \
  "$public/catalog?_profile=datagouv" \
  "$public/exports/catalog-datagouv.ttl" \
  "!$public/catalog.ttl" 2>&1 | grep -v ' DEBUG in ')
