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

public="$(sed -n 's/^base_url = "\(.*\)"$/\1/p' seeds/publication.toml)"
if [ -z "$public" ]; then
  echo "validate-datagouv: FAIL no base_url in seeds/publication.toml" >&2
  exit 1
fi

workdir="$(mktemp -d)"
# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap 'stop_service; rm -rf "$workdir"' EXIT
# With the public base: the service answers with the public URLs of the committed exports, byte
# for byte (a local base would rebase every link onto 127.0.0.1, which udata refuses).
start_service validate-datagouv --exports exports --base-url "$public" --schemas schemas
local="$SERVICE_URL"

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
