#!/usr/bin/env bash
# Dependency hygiene with cargo-deny, configured by deny.toml:
#   licenses  every crate's licence is in the allowed list (permissive, compatible with MIT and
#             the Licence Ouverte);
#   bans      no wildcard (`*`) version requirement; duplicate versions are only warnings;
#   sources   every crate comes from crates.io (no git, no other registry).
# Then the same checks on a deliberately broken copy of `cargo metadata` (a GPL licence, a `*`
# requirement, a git source), which must fail: a passing run is not a vacuous one.
#
# These checks read Cargo.lock and the crates' manifests only, so they run offline. The fourth
# check, `advisories`, needs the RustSec database, which the CI machine cannot fetch; where
# github.com is reachable, run it by hand (see the comments at the top of deny.toml):
#     cargo deny --locked check advisories
#
# cargo-deny is installed from crates.io when missing or at another version (measured here:
# about 4 minutes on 2 cores, once; later runs take about a second).
#
# Usage: scripts/validate-deny.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version="0.20.2"
if ! cargo deny --version 2>/dev/null | grep -qx "cargo-deny $version"; then
  echo "validate-deny: installing cargo-deny $version from crates.io (a few minutes, once)"
  cargo install --locked "cargo-deny@$version"
fi

# `--offline` reads the manifests of every crate in Cargo.lock, those of other platforms too
# (windows-sys, anstyle-wincon…), which a build on Linux never downloads: on a fresh machine
# with an empty cargo cache they are missing. Fetch them all first (a no-op once cached).
echo "validate-deny: cargo fetch --locked (manifests of every platform's crates)"
cargo fetch --locked

echo "validate-deny: cargo deny check licenses bans sources"
cargo deny --offline --locked check --hide-inclusion-graph licenses bans sources

echo "validate-deny: the checks reject a GPL licence, a wildcard requirement and a git source"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cargo metadata --format-version 1 --locked --offline >"$scratch/metadata.json"
python3 - "$scratch/metadata.json" <<'PYTHON'
import json
import sys

path = sys.argv[1]
metadata = json.load(open(path))
for package in metadata["packages"]:
    if package["name"] == "itoa":
        package["license"] = "GPL-3.0-only"
    if package["name"] == "memchr":
        package["source"] = "git+https://example.org/memchr.git#0000000"
    if package["name"] == "congres-numerique":
        for dependency in package["dependencies"]:
            if dependency["name"] == "csv":
                dependency["req"] = "*"
json.dump(metadata, open(path, "w"))
PYTHON
# Each check must fail, and for the fault injected (not, say, an unreadable file).
for expected in "licenses rejected" "bans wildcard" "sources source-not-allowed"; do
  read -r check code <<<"$expected"
  if output="$(cargo deny --offline --color never --metadata-path "$scratch/metadata.json" \
    check --hide-inclusion-graph "$check" 2>&1)"; then
    echo "validate-deny: FAIL the $check check accepts a broken dependency tree" >&2
    exit 1
  fi
  if ! grep -q "^error\[$code\]" <<<"$output"; then
    echo "validate-deny: FAIL the $check check failed without reporting error[$code]:" >&2
    echo "$output" >&2
    exit 1
  fi
done
echo "validate-deny: all checks passed"
