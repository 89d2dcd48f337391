#!/usr/bin/env bash
# The deployment files of scripts/deploy/ work as written:
# - the hardened systemd unit passes `systemd-analyze verify` and scores at most
#   $MAX_EXPOSURE with `systemd-analyze security --offline=true` (lower is safer);
# - the nginx cache configuration passes `nginx -t`;
# - two replicas behind it on loopback answer, the cache stores and revalidates (MISS, HIT,
#   If-None-Match -> 304), and the service keeps answering when one replica stops.
#
# Installs nginx and curl (apt) if missing; builds the debug binary if absent.
# Usage: scripts/validate-deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_EXPOSURE=2.0
need=()
command -v nginx >/dev/null || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
command -v systemd-analyze >/dev/null || need+=(systemd)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "validate-deploy: installing ${need[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

BIN=${CONGRES_BIN:-target/debug/congres-numerique}
[[ -x $BIN ]] || cargo build --quiet --bin congres-numerique
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
source scripts/deploy/replicas.sh
trap 'replicas_stop; rm -rf "$WORK"' EXIT

echo "-- systemd unit"
# verify needs an instance name and an ExecStart that exists: the built binary stands in for
# /usr/local/bin/congres-numerique.
instance=8081
unit="$WORK/congres-numerique@${instance}.service"
sed "s#^ExecStart=/usr/local/bin/congres-numerique#ExecStart=$BIN#" \
  scripts/deploy/congres-numerique@.service > "$unit"
out=$(systemd-analyze verify --man=no "$unit" 2>&1 || true)
# Outside a booted systemd (containers, CI) verify also reports the host's own units; only
# lines about ours count.
if grep -i "congres-numerique" <<< "$out" | grep -qvi "^$"; then
  echo "$out" >&2; echo "systemd-analyze verify found problems in the unit" >&2; exit 1
fi
score=$(systemd-analyze security --offline=true --no-pager "$unit" 2>/dev/null |
  sed -n 's/.*Overall exposure level for [^:]*: *\([0-9.]*\).*/\1/p')
[[ -n $score ]] || { echo "systemd-analyze security gave no score" >&2; exit 1; }
echo "  verify: clean; security exposure $score (at most $MAX_EXPOSURE)"
awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s <= m) }' ||
  { systemd-analyze security --offline=true --no-pager "$unit" >&2; exit 1; }

echo "-- nginx cache and two replicas"
replicas_nginx_conf "$WORK" 28181 28182 28180 > "$WORK/nginx-test.conf"
mkdir -p "$WORK/cache"
nginx -t -q -c "$WORK/nginx-test.conf" -p "$WORK"
echo "  nginx -t: clean"
replicas_start "$BIN" "$WORK" 28181 28182 28180
replicas_check "http://127.0.0.1:28180"
kill "${REPLICA_PIDS[0]}"; wait "${REPLICA_PIDS[0]}" 2>/dev/null || true
# Pages no one asked for yet: the cache cannot answer them, the remaining replica must.
for page in 2 3 4 5; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:28180/api/v1/items?page_size=7&page=$page")
  [[ $status == 200 ]] || { echo "one replica down: page $page answered $status" >&2; exit 1; }
done
echo "  one replica stopped: the other answers"
echo "validate-deploy: OK"
