#!/usr/bin/env bash
# The SPARQL endpoint as real clients use it, against a running service (the debug binary over
# the committed seeds and exports, on a free 127.0.0.1 port, with that port as its base):
#   1. every example query of the /sparql page (src/sparql/examples/*.rq) sent by SPARQLWrapper
#      (GET with SPARQL JSON, POST with SPARQL XML; CONSTRUCT in Turtle and RDF/XML) and by
#      rdflib's SPARQLStore gives exactly the answer rdflib computes itself over the committed
#      dump exports/rdf/corpus.nt (same rows in the same order, or an isomorphic graph);
#   2. the whole graph (CONSTRUCT { ?s ?p ?o }) is isomorphic to the dump;
#   3. what the endpoint refuses, SPARQLWrapper reports as the protocol says: a syntax error and
#      an update are QueryBadFormed (400), a query past the time limit is EndPointInternalError
#      or 503 (not run: it takes the whole limit; tests/sparql.rs covers it);
#   4. /.well-known/void parses with rdflib and names the endpoint and the dump's triple count.
# Tools pinned in scripts/requirements-sparql.txt, installed in .venv-sparql/.
#
# Usage: scripts/validate-sparql.sh   (VALIDATE_SPARQL_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_SPARQL_VENV:-.venv-sparql}"
requirements="scripts/requirements-sparql.txt"

# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-sparql "$venv" "$requirements"

# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap stop_service EXIT
start_service validate-sparql --exports exports --schemas schemas
base="$SERVICE_URL"

"$venv/bin/python" - "$base" <<'PYTHON'
import sys
import tomllib
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

BASE = sys.argv[1]
ENDPOINT = f"{BASE}/sparql"
failures = []


def fail(message):
    failures.append(message)
    print(f"validate-sparql: FAIL {message}", file=sys.stderr)


# The dump as this service serves it: the public base replaced by the local one.
public = tomllib.loads(Path("seeds/publication.toml").read_text())["base_url"].rstrip("/")
dump = Graph()
dump.parse(data=Path("exports/rdf/corpus.nt").read_text().replace(public, BASE), format="nt")
print(f"validate-sparql: the dump holds {len(dump)} triples")

examples = {
    path.stem: path.read_text().replace("{base}", BASE)
    for path in sorted(Path("src/sparql/examples").glob("*.rq"))
}
if len(examples) < 3:
    fail(f"only {len(examples)} example queries found")


def wrapper(query, return_format, method=None):
    client = SPARQLWrapper(ENDPOINT)
    client.setQuery(query)
    client.setReturnFormat(return_format)
    if method:
        client.setMethod(method)
    return client.query()


def rows_of_json(result):
    variables = result["head"]["vars"]
    from rdflib import BNode, Literal

    def term(binding):
        if binding is None:
            return None
        kind = binding["type"]
        if kind == "uri":
            return URIRef(binding["value"])
        if kind == "bnode":
            return BNode(binding["value"])
        return Literal(
            binding["value"],
            lang=binding.get("xml:lang"),
            datatype=binding.get("datatype"),
        )

    return [tuple(term(row.get(v)) for v in variables) for row in result["results"]["bindings"]]


def rows_of_xml(dom):
    """Rows of SPARQLWrapper's XML answer (a minidom Document)."""
    from xml.etree import ElementTree

    from rdflib import Literal

    document = ElementTree.fromstring(dom.toxml())

    ns = "{http://www.w3.org/2005/sparql-results#}"
    variables = [v.get("name") for v in document.iter(f"{ns}variable")]
    rows = []
    for result in document.iter(f"{ns}result"):
        values = {}
        for binding in result.iter(f"{ns}binding"):
            (node,) = list(binding)
            if node.tag == f"{ns}uri":
                values[binding.get("name")] = URIRef(node.text)
            else:
                values[binding.get("name")] = Literal(
                    node.text or "",
                    lang=node.get("{http://www.w3.org/XML/1998/namespace}lang"),
                    datatype=node.get("datatype"),
                )
        rows.append(tuple(values.get(v) for v in variables))
    return rows


store = Graph(store=SPARQLStore(ENDPOINT, returnFormat="xml"))
for key, query in examples.items():
    expected = dump.query(query)
    if expected.type == "SELECT":
        want = [tuple(row) for row in expected]
        if not want:
            fail(f"{key}: rdflib finds no row in the dump")
        answers = {
            "SPARQLWrapper GET JSON": rows_of_json(wrapper(query, JSON).convert()),
            "SPARQLWrapper POST XML": rows_of_xml(wrapper(query, XML, POST).convert()),
            "rdflib SPARQLStore": [tuple(row) for row in store.query(query)],
        }
        for client, got in answers.items():
            if got != want:
                fail(f"{key}: {client} gives {len(got)} rows, the dump {len(want)}; first difference: "
                     f"{next(((g, w) for g, w in zip(got, want) if g != w), None)}")
            else:
                print(f"validate-sparql: {key}: {client}: {len(got)} rows, as in the dump")
    else:
        want = expected.graph
        turtle = Graph().parse(data=wrapper(query, TURTLE).convert(), format="turtle")
        answers = {
            "SPARQLWrapper Turtle": turtle,
            "SPARQLWrapper RDF/XML": wrapper(query, RDFXML).convert(),
            "rdflib SPARQLStore": store.query(query).graph,
        }
        for client, got in answers.items():
            if len(want) == 0 or not isomorphic(got, want):
                fail(f"{key}: {client} gives {len(got)} triples, the dump {len(want)}")
            else:
                print(f"validate-sparql: {key}: {client}: {len(got)} triples, as in the dump")

# The whole graph.
whole = Graph().parse(
    data=wrapper("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", TURTLE).convert(), format="turtle"
)
if isomorphic(whole, dump):
    print(f"validate-sparql: the endpoint's whole graph ({len(whole)} triples) is the dump")
else:
    fail(f"the endpoint's whole graph ({len(whole)} triples) is not the dump ({len(dump)})")

# Refusals, as SPARQLWrapper reports them.
for label, query in [
    ("a syntax error", "SELECT * WHERE { ?s ?p }"),
    ("an update", "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"),
    ("SERVICE", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
]:
    try:
        # SPARQLWrapper sends an update as the protocol's `update=` form, by POST.
        wrapper(query, JSON, POST if label == "an update" else None)
        fail(f"{label} was answered")
    except QueryBadFormed as error:
        print(f"validate-sparql: {label} is refused as QueryBadFormed (400)")
    except Exception as error:  # noqa: BLE001 - any other outcome is the failure reported
        fail(f"{label}: {type(error).__name__}: {error}")

# VoID.
void = Graph().parse(f"{BASE}/.well-known/void", format="turtle")
VOID = "http://rdfs.org/ns/void#"
endpoints = set(void.objects(None, URIRef(VOID + "sparqlEndpoint")))
triples = [int(t) for t in void.objects(None, URIRef(VOID + "triples"))]
if endpoints != {URIRef(ENDPOINT)} or triples != [len(dump)]:
    fail(f"VoID names {endpoints} and {triples} triples")
else:
    print(f"validate-sparql: VoID names {ENDPOINT} and {len(dump)} triples")

if failures:
    sys.exit(f"validate-sparql: {len(failures)} failure(s)")
print("validate-sparql: OK")
PYTHON
