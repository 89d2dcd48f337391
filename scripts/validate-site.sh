#!/usr/bin/env bash
# Browser checks of the reading site (src/site/): every page type opens in headless Chromium,
# axe-core reports no WCAG 2.1 A/AA violation, the motion page stays under 100 KB and 4 requests
# and shows every item, two keyboard-only paths work, and screenshots at 1280 and 320 px are
# saved in artifacts/site/ (gitignored) with report.json (weights, EcoIndex grades).
#
# Installs its own tools: Debian's chromium and chromium-driver (apt), axe-core pinned from npm
# in .site-tools/ (gitignored). WebDriver is spoken over HTTP by scripts/site_browser.py with
# Python's standard library, so there is no client library to pin.
#
# Usage: scripts/validate-site.sh   (SITE_ARTIFACTS=dir to save elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION="4.11.0"
tools=".site-tools"
artefacts="${SITE_ARTIFACTS:-artifacts/site}"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "validate-site: installing chromium and chromium-driver"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    chromium chromium-driver >/dev/null
fi

axe="$tools/node_modules/axe-core/axe.min.js"
installed="$(node -p "require('./$tools/node_modules/axe-core/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$AXE_VERSION" ]; then
  echo "validate-site: installing axe-core $AXE_VERSION into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi

# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
driver_pid=""
cleanup() {
  stop_service
  if [ -n "$driver_pid" ]; then kill "$driver_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

start_service validate-site
driver_port="$(free_port)"
chromedriver --port="$driver_port" >"${TMPDIR:-/tmp}/validate-site-driver.log" 2>&1 &
driver_pid=$!
# chromedriver answers within 20 s, or the run stops here with its log.
for _ in $(seq 1 100); do
  if service_answers "http://127.0.0.1:$driver_port/status"; then
    break
  fi
  sleep 0.2
done
if ! service_answers "http://127.0.0.1:$driver_port/status"; then
  echo "validate-site: chromedriver did not start" >&2
  cat "${TMPDIR:-/tmp}/validate-site-driver.log" >&2
  exit 1
fi

rm -rf "$artefacts"
python3 scripts/site_browser.py "$SERVICE_URL" "http://127.0.0.1:$driver_port" \
  "$axe" "$artefacts"
