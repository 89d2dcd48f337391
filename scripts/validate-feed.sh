#!/usr/bin/env bash
# The Atom feed of the changes (/feeds/changes.atom) read by a real feed parser (feedparser):
#   1. a copy of the committed releases/ plus a release 2026.N+1 of a one-word correction of the
#      corpus (in a temporary directory: the repository is not touched), served by the binary;
#   2. feedparser reads the feed: no `bozo` (well-formed XML, a known feed type), version atom10;
#   3. the elements RFC 4287 requires: feed id, title, updated, author, link rel=self and
#      rel=alternate; each entry id, title, updated and link rel=alternate; one entry per
#      release, newest first, the correction's changed field in its content.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_VENV:-.venv-feed}"
requirements="scripts/requirements-feed.txt"
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-feed "$venv" "$requirements"

echo "validate-feed: cargo build"
cargo build --locked --quiet --bin congres-numerique
binary="target/debug/congres-numerique"

work="$(mktemp -d)"
# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap 'stop_service; rm -rf "$work"' EXIT

cp -r releases "$work/releases"
cp -r seeds "$work/seeds"
# The one-word correction of tests/release.rs: the description of one source.
sed -i '39s/^description = """Présentation du 1er/description = """Annonce du 1er/' \
  "$work/seeds/corpus/sources.toml"
latest="$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["releases"][-1]["version"])' "$work/releases/index.json")"
next="${latest%.*}.$(( ${latest##*.} + 1 ))"
"$binary" --seeds "$work/seeds" release "$next" --note "Correction d'un mot (validate-feed)" \
  --date 2026-12-31 --releases "$work/releases" >/dev/null

start_service validate-feed --exports exports --schemas schemas --releases "$work/releases"
base="$SERVICE_URL"

"$venv/bin/python" - "$base" "$next" "$latest" <<'PYTHON'
import sys
import urllib.request

import feedparser

base, newest, previous = sys.argv[1:4]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"  FAIL {message}")


with urllib.request.urlopen(base + "/feeds/changes.atom", timeout=10) as response:
    content_type = response.headers.get("Content-Type")
    body = response.read()
check(content_type == "application/atom+xml", f"Content-Type {content_type}")
feed = feedparser.parse(body)
print(f"validate-feed: {feed.version}, {len(feed.entries)} entries")
check(not feed.bozo, f"not well-formed: {feed.get('bozo_exception')}")
check(feed.version == "atom10", f"version {feed.version!r}, expected atom10")
for name in ["id", "title", "updated", "author"]:
    check(feed.feed.get(name), f"feed without {name}")
rels = {link.get("rel"): link.get("href") for link in feed.feed.get("links", [])}
check(rels.get("self") == base + "/feeds/changes.atom", f"feed rel=self {rels.get('self')}")
check(rels.get("alternate"), "feed without rel=alternate")
for entry in feed.entries:
    for name in ["id", "title", "updated", "link"]:
        check(entry.get(name), f"entry {entry.get('id')} without {name}")
    alternate = [l for l in entry.get("links", []) if l.get("rel") == "alternate"]
    check(alternate, f"entry {entry.get('id')} without rel=alternate")
check(len(feed.entries) >= 2, "fewer than two entries")
if feed.entries:
    first = feed.entries[0]
    check(newest in first.title, f"first entry {first.title!r}, expected version {newest}")
    check(first.updated.startswith("2026-12-31"), f"first entry updated {first.updated}")
    text = first.content[0].value if first.get("content") else ""
    check("description : « Présentation du 1er" in text, "the changed field is not in the entry")
    check("Annonce du 1er" in text, "the new value is not in the entry")
    ids = [e.id for e in feed.entries]
    check(len(set(ids)) == len(ids), "entry ids repeat")
if failures:
    print(f"validate-feed: FAIL {len(failures)} problem(s)")
    sys.exit(1)
print("validate-feed: OK")
PYTHON
