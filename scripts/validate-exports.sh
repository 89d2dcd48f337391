#!/usr/bin/env bash
# Interoperability checks of the committed exports/ and schemas/, with the tools reusers and
# data.gouv.fr use (pinned in scripts/requirements-validate.txt, installed in a venv):
#   1. frictionless: exports/datapackage.json valid with zero errors (types, required values,
#      unique ids, foreign keys across files, sizes and SHA-256), every Table Schema valid and
#      identical to the one inlined in the data package, one version string everywhere;
#   2. rdflib: the four RDF dumps parse into isomorphic graphs, and the README's SPARQL query
#      finds the source of a fact (the reified statements of the `facts` table);
#   3. pySHACL: exports/rdf/corpus.ttl conforms to schemas/shapes.ttl, and the shapes catch
#      deliberately broken copies (so that conformance is not vacuous);
#   4. jsonschema: exports/json/corpus.json valid against schemas/corpus.schema.json;
#   5. JSON-LD: corpus.json read with schemas/context.jsonld states only triples of the graph
#      (lists of paragraphs and text blocks compared as values);
#   6. CSV conventions (UTF-8 without BOM, header names) and no e-mail address but the
#      association's generic one; SHA256SUMS matches.
# Exits non-zero with a message on the first failing check. `cargo test` never needs Python.
#
# Usage: scripts/validate-exports.sh   (VALIDATE_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_VENV:-.venv-validate}"
requirements="scripts/requirements-validate.txt"

# (Re)create the venv when missing or when the pins changed.
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-exports "$venv" "$requirements"

echo "validate-exports: sha256sum -c"
(cd exports && sha256sum --check --quiet --strict SHA256SUMS) || {
  echo "validate-exports: FAIL exports/SHA256SUMS does not match the files (rerun: cargo run -- export)" >&2
  exit 1
}

"$venv/bin/python" - <<'PYTHON'
"""The checks; each failure is collected, then all are printed before exiting non-zero."""
import json
import pathlib
import re
import sys

import frictionless
import jsonschema
import pyshacl
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

EXPORTS = pathlib.Path("exports")
SCHEMAS = pathlib.Path("schemas")
failures = []


def fail(message):
    failures.append(message)
    print(f"  FAIL {message}")


def step(title):
    print(f"validate-exports: {title}")


# 1. Frictionless -------------------------------------------------------------------------------
step("frictionless validate exports/datapackage.json")
report = frictionless.validate(str(EXPORTS / "datapackage.json"))
if not report.valid:
    for task in report.tasks:
        for error in task.errors:
            fail(f"{task.name}: {error.message}")
    for error in report.errors:
        fail(error.message)

package = json.loads((EXPORTS / "datapackage.json").read_text(encoding="utf-8"))
version = package["version"]
if not re.fullmatch(r"\d+\.\d+\.\d+", version):
    fail(f"datapackage.json: version {version!r} is not semver")
inline = {resource["name"]: resource["schema"] for resource in package["resources"]}

step("frictionless: every Table Schema")
schema_files = sorted((SCHEMAS / "table-schemas").glob("*.json"))
if len(schema_files) != len(inline):
    fail(f"{len(schema_files)} Table Schemas for {len(inline)} CSV resources")
for path in schema_files:
    result = frictionless.Schema.validate_descriptor(str(path))
    if not result.valid:
        for error in result.flatten(["message"]):
            fail(f"{path}: {error[0]}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    if inline.get(path.stem) != schema:
        fail(f"{path}: differs from the schema inlined in datapackage.json")
    if schema.get("version") != version:
        fail(f"{path}: version {schema.get('version')!r} != {version!r}")
    for key in ("name", "title", "description", "homepage", "version", "contributors"):
        if not schema.get(key):
            fail(f"{path}: missing {key} (required by schema.data.gouv.fr)")
    for field in schema["fields"]:
        for key in ("name", "title", "description", "type"):
            if not field.get(key):
                fail(f"{path}: field {field.get('name')} has no {key}")

# 2. rdflib --------------------------------------------------------------------------------------
step("rdflib: the four RDF dumps are isomorphic")
graphs = {}
for extension, rdf_format in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdf", "xml")):
    path = EXPORTS / "rdf" / f"corpus.{extension}"
    try:
        graphs[extension] = rdflib.Graph().parse(str(path), format=rdf_format)
    except Exception as error:  # any parser error is a failure of the dump
        fail(f"{path}: does not parse: {error}")
turtle = graphs.get("ttl")
if turtle is None or len(turtle) == 0:
    fail("exports/rdf/corpus.ttl: empty or unreadable")
else:
    for extension, graph in graphs.items():
        if not isomorphic(turtle, graph):
            fail(f"corpus.{extension} ({len(graph)} triples) is not isomorphic to corpus.ttl ({len(turtle)})")

# 2b. The source of each fact: the README's SPARQL query, run by rdflib on corpus.ttl, finds the
# reified statements of the 2020 edition, its date sourced from the press article.
step("rdflib: the README's query finds the source of each fact")
readme = (EXPORTS / "README.md").read_text(encoding="utf-8")
query = re.search(r"```sparql\n(.*?)```", readme, re.S)
if query is None or turtle is None:
    fail("exports/README.md: no SPARQL query for the source of each fact")
else:
    rows = {str(r.predicate): r for r in turtle.query(query.group(1))}
    date = rows.get("http://schema.org/startDate")
    if date is None or not str(date.source).endswith("/id/source/2020-press-article") \
            or str(date.kind) != "inferred" or str(date.object) != "2020-10-12":
        fail(f"the README's query does not find the 2020 date sourced from the press article: {rows}")

# 3. pySHACL -------------------------------------------------------------------------------------
if turtle is not None:
    step("pySHACL: corpus.ttl against schemas/shapes.ttl")
    shapes = rdflib.Graph().parse(str(SCHEMAS / "shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(turtle, shacl_graph=shapes, inference="none")
    if not conforms:
        fail("SHACL violations:\n" + text)

    # The shapes must have teeth: break one node per kind of target, expect a violation.
    base = package["homepage"].rstrip("/")
    schema_org = rdflib.Namespace("http://schema.org/")

    def must_violate(label, mutate):
        broken = rdflib.Graph()
        for triple in turtle:
            broken.add(triple)
        mutate(broken)
        ok, _, _ = pyshacl.validate(broken, shacl_graph=shapes, inference="none")
        if ok:
            fail(f"SHACL shapes accept a broken graph ({label})")

    motion = next(iter(sorted(s for s in turtle.subjects(RDF.type, rdflib.URIRef("http://www.w3.org/ns/opengov#Motion")))))
    section = next(iter(sorted(s for s in turtle.subjects() if str(s).startswith(f"{base}/id/section/"))))
    must_violate("motion without a title", lambda g: g.remove((motion, DCTERMS.title, None)))

    def text_position(g):
        g.remove((section, schema_org.position, None))
        g.add((section, schema_org.position, rdflib.Literal("first")))

    must_violate("section whose position is text", text_position)

# 4. JSON Schema ----------------------------------------------------------------------------------
step("jsonschema: corpus.json against corpus.schema.json")
corpus_schema = json.loads((SCHEMAS / "corpus.schema.json").read_text(encoding="utf-8"))
corpus = json.loads((EXPORTS / "json" / "corpus.json").read_text(encoding="utf-8"))
try:
    jsonschema.Draft202012Validator.check_schema(corpus_schema)
except jsonschema.SchemaError as error:
    fail(f"corpus.schema.json is not a valid JSON Schema: {error.message}")
else:
    validator = jsonschema.Draft202012Validator(
        corpus_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for error in list(validator.iter_errors(corpus))[:20]:
        fail(f"corpus.json at /{'/'.join(map(str, error.absolute_path))}: {error.message}")

# 5. JSON-LD context ------------------------------------------------------------------------------
if turtle is not None:
    step("JSON-LD: corpus.json with context.jsonld states triples of the graph")
    context = json.loads((SCHEMAS / "context.jsonld").read_text(encoding="utf-8"))
    document = dict(corpus)
    document["@context"] = context["@context"]
    read = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")

    def canon(graph, node):
        """A node as a value: lists (paragraphs) as tuples, blank nodes (text blocks) by content."""
        if not isinstance(node, rdflib.BNode):
            return node
        if (node, RDF.first, None) in graph:
            return ("list", tuple(canon(graph, item) for item in rdflib.collection.Collection(graph, node)))
        return ("node", frozenset((p, canon(graph, o)) for p, o in graph.predicate_objects(node)))

    for s, p, o in read:
        if isinstance(s, rdflib.BNode):
            continue  # inside a list or a block: compared with the value that holds it
        if p == DCTERMS.hasPart:
            continue  # dct:hasPart ties the document to its top-level lists
        value = canon(read, o)
        if any(canon(turtle, other) == value for other in turtle.objects(s, p)):
            continue
        fail(f"context.jsonld reads corpus.json as {s.n3()} {p.n3()} {o.n3()}, not in the graph")
    entities = {s for s in turtle.subjects() if f"{base}/id/" in str(s) and "/id/theme-scheme/" not in str(s)}
    unread = entities - set(read.subjects())
    if unread:
        fail(f"context.jsonld does not reach {len(unread)} entities, e.g. {sorted(unread)[0]}")

# 6. Conventions ----------------------------------------------------------------------------------
step("CSV conventions and personal data")
for path in sorted((EXPORTS / "csv").glob("*.csv")):
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        fail(f"{path}: starts with a BOM")
    try:
        header = data.decode("utf-8").split("\n", 1)[0]
    except UnicodeDecodeError as error:
        fail(f"{path}: not UTF-8: {error}")
        continue
    for name in header.split(","):
        if not re.fullmatch(r"[a-z0-9_]{1,63}", name):
            fail(f"{path}: column name {name!r} is not lowercase ASCII of at most 63 bytes")
allowed = {"coordination@villes-internet.net"}
for root in (EXPORTS, SCHEMAS):
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix in (".xlsx", ".ods"):
            # A workbook is a zip archive: read the text of its entries, not its compressed
            # bytes (which can look like an address by chance, and would hide a real one).
            import zipfile
            with zipfile.ZipFile(path) as archive:
                text = "\n".join(
                    archive.read(name).decode("utf-8", errors="replace")
                    for name in archive.namelist()
                )
        elif path.suffix == ".db":
            # A database packs adjacent cells together: read its tables' text cells (not the
            # full-text index's own tables, which hold only its tokens).
            import sqlite3
            with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as db:
                names = [r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'")]
                text = "\n".join(
                    str(cell)
                    for name in names
                    for row in db.execute(f'SELECT * FROM "{name}"')
                    for cell in row
                    if isinstance(cell, str)
                )
        elif path.suffix == ".parquet":
            # Compressed: scripts/validate-tabular.sh reads its cells with pyarrow instead.
            continue
        else:
            text = path.read_text(encoding="utf-8", errors="replace")
        for address in set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)) - allowed:
            fail(f"{path}: e-mail address {address} (only the association's generic address may appear)")

if failures:
    print(f"validate-exports: {len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("validate-exports: all checks passed")
PYTHON
