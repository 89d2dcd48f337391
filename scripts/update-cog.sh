#!/usr/bin/env bash
# Refreshes the Code officiel géographique extract used to resolve communes and EPCIs.
# Usage: scripts/update-cog.sh [VERSION]   (needs node and npm; run from the repository root)
set -euo pipefail
version="${1:-6.0.0}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --prefix "$work" "@etalab/decoupage-administratif@$version" >/dev/null
node "$(dirname "$0")/update-cog.mjs" "$work/node_modules/@etalab/decoupage-administratif" seeds/reference
echo "$version" > seeds/reference/cog-version.txt
echo "COG extract refreshed from @etalab/decoupage-administratif@$version"
