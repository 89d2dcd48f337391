#!/usr/bin/env bash
# Linked Data as real clients read it, against a running service (the debug binary over the
# committed seeds, exports and schemas, on a free 127.0.0.1 port, with that port as its base):
#   1. JSON is JSON-LD: every API JSON document of every entity type (each list page of every
#      collection, and the detail document or `/id/{type}/{key}.json` of every entity), expanded
#      with pyld through the context its `Link: rel="http://www.w3.org/ns/json-ld#context"`
#      header names, gives a graph isomorphic (rdflib) to the triples the RDF dump holds for
#      those entities. "The triples for an entity" are its concise bounded description in the
#      dump: the triples whose subject is its IRI, and those of the blank nodes they reach (the
#      lists of paragraphs). Nested objects of a detail document (a motion's sections…) are
#      other entities with their own documents: the table's context does not define their keys,
#      so a JSON-LD processor leaves them out, and they are checked on their own documents.
#   2. The vocabulary: exports/rdf/vocabulary.ttl and /def parse with rdflib, and every term of
#      the dump's `cn:` namespace dereferences with French and English labels.
#   3. rdflib's own content negotiation: Graph().parse(iri, format=…) for every format rdflib
#      reads from the web gets a graph isomorphic to the entity's Turtle.
# Tools pinned in scripts/requirements-jsonld.txt, installed in .venv-jsonld/.
#
# Usage: scripts/validate-jsonld.sh   (VALIDATE_JSONLD_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_JSONLD_VENV:-.venv-jsonld}"
requirements="scripts/requirements-jsonld.txt"

# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-jsonld "$venv" "$requirements"

# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap stop_service EXIT
start_service validate-jsonld --exports exports --schemas schemas
base="$SERVICE_URL"

"$venv/bin/python" - "$base" <<'PYTHON'
import json
import sys
import urllib.request
from collections import defaultdict

from pyld import jsonld
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, graph_diff, to_isomorphic

BASE = sys.argv[1]
failures = []


def fail(message):
    failures.append(message)
    print(f"validate-jsonld: FAIL {message}", file=sys.stderr)


def get(path, accept="application/json"):
    url = path if path.startswith("http") else BASE + path
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


def context_link(headers):
    for value in headers.get_all("Link") or []:
        for part in value.split(","):
            if 'rel="http://www.w3.org/ns/json-ld#context"' in part:
                return part.split(";")[0].strip().strip("<>")
    return None


contexts = {}


def loader(url, options=None):
    """pyld's document loader: the contexts come from the service itself."""
    if url not in contexts:
        body, _ = get(url, "application/ld+json")
        contexts[url] = json.loads(body)
    return {"contextUrl": None, "documentUrl": url, "document": contexts[url]}


jsonld.set_document_loader(loader)


def read_as_jsonld(path):
    """The graph a JSON-LD processor reads from an API JSON document and its linked context."""
    body, headers = get(path)
    assert headers.get_content_type() == "application/json", (path, headers.get_content_type())
    context = context_link(headers)
    if context is None:
        raise AssertionError(f"{path}: no JSON-LD context link")
    document = json.loads(body)
    expanded = jsonld.expand(document, {"expandContext": context, "base": BASE + path})
    nquads = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
    graph = Graph()
    graph.parse(data=nquads, format="nquads")
    return graph


print("validate-jsonld: loading the dump as served (exports/rdf/corpus.nt)")
dump = Graph()
dump.parse(data=get("/exports/rdf/corpus.nt", "application/n-triples")[0].decode(), format="nt")


def description(subjects):
    """The concise bounded description of `subjects` in the dump."""
    graph = Graph()
    frontier = list(subjects)
    seen = set()
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in dump.predicate_objects(node):
            graph.add((node, p, o))
            if isinstance(o, BNode):
                frontier.append(o)
    return graph


def compare(label, read, subjects):
    expected = description(subjects)
    if len(expected) == 0:
        fail(f"{label}: the dump says nothing about {sorted(subjects)[:3]}")
        return
    if not isomorphic(read, expected):
        _, only_json, only_dump = graph_diff(to_isomorphic(read), to_isomorphic(expected))
        sample = lambda g: sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in g)[:5]
        fail(
            f"{label}: JSON-LD gives {len(read)} triples, the dump {len(expected)}; "
            f"only in JSON-LD: {sample(only_json)}; only in the dump: {sample(only_dump)}"
        )


print("validate-jsonld: 1. every API JSON document read as JSON-LD against the dump")
index = json.loads(get("/api/v1")[0])
collections = {
    "congresses": "congresses", "motions": "motions", "sections": "sections", "items": "items",
    "themes": "themes", "people": "people", "roles": "roles", "organizations": "organizations",
    "sources": "sources", "press-articles": "press-articles", "positions": "positions",
}
documents = 0
entity_types = set()
for path in collections:
    page_url = f"/api/v1/{path}?page_size=100"
    while page_url:
        body, headers = get(page_url)
        page = json.loads(body)
        iris = [URIRef(row["iri"]) for row in page["data"]]
        compare(page_url, read_as_jsonld(page_url), iris)
        documents += 1
        for row in page["data"]:
            entity_types.add(row["iri"].split("/id/")[1].split("/")[0])
            # Every entity's own JSON, from its IRI (the same row as in the list).
            iri = row["iri"]
            compare(f"{iri}.json", read_as_jsonld(iri + ".json"), [URIRef(iri)])
            documents += 1
        next_link = page.get("links", {}).get("next")
        page_url = next_link.replace(BASE, "") if next_link else None
    # The detail documents of the collection, when it has them (first rows: they nest others).
    body, _ = get(f"/api/v1/{path}?page_size=5")
    for row in json.loads(body)["data"]:
        detail = f"/api/v1/{path}/{row['id']}"
        try:
            read = read_as_jsonld(detail)
        except urllib.error.HTTPError as error:
            if error.code in (404, 405):
                break  # a collection without detail documents (roles, press articles)
            raise
        compare(detail, read, [URIRef(row["iri"])])
        documents += 1

# Parts and footnotes are served inside their motion; their IRIs answer JSON too.
for entity in ("part", "footnote"):
    for iri in sorted({str(s) for s in dump.subjects() if f"/id/{entity}/" in str(s)}):
        compare(f"{iri}.json", read_as_jsonld(iri + ".json"), [URIRef(iri)])
        entity_types.add(entity)
        documents += 1
print(f"validate-jsonld: {documents} documents of {len(entity_types)} entity types: {sorted(entity_types)}")
if len(entity_types) < 13:
    fail(f"only {len(entity_types)} entity types checked")

print("validate-jsonld: 2. the vocabulary")
CN = Namespace(BASE + "/def/")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
committed = Graph()
committed.parse("exports/rdf/vocabulary.ttl", format="turtle")
served = Graph()
served.parse(data=get("/def", "text/turtle")[0].decode(), format="turtle")
used = {p for p in dump.predicates() if str(p).startswith(str(CN))}
defined = set(served.subjects(RDFS.isDefinedBy, URIRef(BASE + "/def")))
if used - defined:
    fail(f"cn: terms used by the dump but not defined: {sorted(used - defined)}")
if defined - used:
    fail(f"cn: terms defined but used by no triple of the dump: {sorted(defined - used)}")
for term in sorted(used):
    labels = {l.language for l in served.objects(term, RDFS.label) if isinstance(l, Literal)}
    if labels != {"fr", "en"}:
        fail(f"{term}: labels in {labels} in /def")
    own = Graph()
    own.parse(data=get(str(term), "text/turtle")[0].decode(), format="turtle")
    if (term, RDFS.isDefinedBy, URIRef(BASE + "/def")) not in own:
        fail(f"{term} does not dereference to its definition")
if len(committed) != len(served):
    fail(f"exports/rdf/vocabulary.ttl has {len(committed)} triples, /def {len(served)}")

print("validate-jsonld: 3. rdflib's content negotiation, format by format")
iri = BASE + "/id/item/2021-axis-1.2"
reference = Graph()
reference.parse(data=get(iri, "text/turtle")[0].decode(), format="turtle")
# For format="nquads" rdflib sends every type it reads (as without a format), so it gets Turtle
# and its N-Quads parser fails: the N-Quads variant is read by its URL.
for rdflib_format, url in (
    ("xml", iri), ("n3", iri), ("turtle", iri), ("nt", iri), ("trig", iri), ("json-ld", iri),
    (None, iri), ("nquads", iri + ".nq"),
):
    graph = Graph()
    try:
        graph.parse(url, format=rdflib_format) if rdflib_format else graph.parse(url)
    except Exception as error:  # noqa: BLE001 - any failure of the client is the finding
        fail(f"rdflib Graph().parse(iri, format={rdflib_format!r}): {error}")
        continue
    if not isomorphic(graph, reference):
        fail(f"rdflib format={rdflib_format!r} reads {len(graph)} triples, Turtle has {len(reference)}")

if failures:
    print(f"validate-jsonld: {len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("validate-jsonld: OK")
PYTHON
