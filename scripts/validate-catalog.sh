#!/usr/bin/env bash
# Conformance of the DCAT catalogue (exports/catalog.ttl) with the official DCAT-AP 3.0.1 SHACL
# shapes, and with the rules of data.gouv.fr's DCAT harvester.
#   1. pySHACL, shapes.ttl + range.ttl: zero violations;
#   2. pySHACL, shapes_recommended.ttl: every warning listed, and zero expected;
#   3. the harvester's rules: literal dct:identifier and dct:title on the dataset, a blank-node
#      dct:temporal with start and end dates, labelled themes, every distribution with a
#      download URL, format, media type, size, SHA-256 checksum and licence, and the API as a
#      dcat:DataService reached through dcat:accessService;
#   4. the three catalogue files hold isomorphic graphs.
# The shapes are read where they are published for the project, not copied into the repository:
#   DCAT_AP_SHAPES=dir (default ../shared/reference/dcat-ap-3.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

shapes="${DCAT_AP_SHAPES:-../shared/reference/dcat-ap-3.0.1}"
if [ ! -f "$shapes/shapes.ttl" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "validate-catalog: FAIL no DCAT-AP shapes at $shapes (set DCAT_AP_SHAPES)" >&2
    exit 1
  fi
  echo "validate-catalog: skipped, no DCAT-AP shapes at $shapes (set DCAT_AP_SHAPES)"
  exit 0
fi

venv="${VALIDATE_VENV:-.venv-validate}"
requirements="scripts/requirements-validate.txt"
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-catalog "$venv" "$requirements"

SHAPES="$shapes" "$venv/bin/python" - <<'PYTHON'
import os
import pathlib
import sys

import pyshacl
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

SHAPES = pathlib.Path(os.environ["SHAPES"])
EXPORTS = pathlib.Path("exports")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
# DCAT 3 terms rdflib's closed DCAT namespace does not list yet.
DCAT3 = rdflib.Namespace("http://www.w3.org/ns/dcat#")
failures = []


def fail(message):
    failures.append(message)
    print(f"  FAIL {message}")


catalog = rdflib.Graph().parse(EXPORTS / "catalog.ttl", format="turtle")
print(f"validate-catalog: {len(catalog)} triples in exports/catalog.ttl")

print("validate-catalog: isomorphic catalogue files")
for name, fmt in [("catalog.jsonld", "json-ld"), ("catalog.rdf", "xml")]:
    other = rdflib.Graph().parse(EXPORTS / name, format=fmt)
    if not isomorphic(catalog, other):
        fail(f"exports/{name} is not the same graph as exports/catalog.ttl")
# The data.gouv.fr profile (validated by udata itself in validate-datagouv.sh): same graph in its
# three files, and the same as the DCAT-AP one but for the checksums' datatype and the API
# distribution's access service (see src/catalog/profile.rs).
datagouv = rdflib.Graph().parse(EXPORTS / "catalog-datagouv.ttl", format="turtle")
for name, fmt in [("catalog-datagouv.jsonld", "json-ld"), ("catalog-datagouv.rdf", "xml")]:
    if not isomorphic(datagouv, rdflib.Graph().parse(EXPORTS / name, format=fmt)):
        fail(f"exports/{name} is not the same graph as exports/catalog-datagouv.ttl")
SPDX_ = rdflib.Namespace("http://spdx.org/rdf/terms#")


def comparable(graph):
    """The graph without the three points where the profiles differ."""
    kept = rdflib.Graph()
    for s, p, o in graph:
        if p == SPDX_.checksumValue:
            o = Literal(str(o))
        if isinstance(s, BNode) and (None, DCAT.accessService, s) in graph:
            continue
        if p == DCAT.accessService:
            o = BNode("access")
        # The releases are typed dcat:Dataset for DCAT-AP only (udata would harvest each one).
        if p == RDF.type and o == DCAT.Dataset and (None, DCAT3.hasVersion, s) in graph:
            continue
        kept.add((s, p, o))
    return kept


if not isomorphic(comparable(catalog), comparable(datagouv)):
    fail("exports/catalog-datagouv.ttl differs from exports/catalog.ttl beyond its profile's two points")


def shacl(shape_files, label):
    shapes = rdflib.Graph()
    for shape_file in shape_files:
        shapes.parse(SHAPES / shape_file, format="turtle")
    conforms, results, text = pyshacl.validate(
        catalog, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    by_severity = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        by_severity.setdefault(severity, []).append(f"{focus} {path}: {message}")
    for severity, items in sorted(by_severity.items()):
        print(f"validate-catalog: {label}: {len(items)} {severity}")
        for item in sorted(items):
            print(f"    {severity}: {item}")
    return by_severity


print("validate-catalog: DCAT-AP 3.0.1 shapes.ttl + range.ttl")
mandatory = shacl(["shapes.ttl", "range.ttl"], "mandatory and range")
for item in mandatory.get("Violation", []):
    fail(f"DCAT-AP violation: {item}")
print("validate-catalog: DCAT-AP 3.0.1 shapes_recommended.ttl")
recommended = shacl(["shapes_recommended.ttl"], "recommended")
# Recommendations the data cannot meet, each with why. Anything else is a failure.
ACCEPTED = {
    "country/FRA> http://www.w3.org/ns/dcat#bbox": "France is named by the EU country IRI; a box around metropolitan and overseas France would cover half the globe and say nothing",
    "country/FRA> http://www.w3.org/ns/dcat#centroid": "same: no meaningful single point for France with its overseas territories",
}
for severity in ("Violation", "Warning"):
    for item in recommended.get(severity, []):
        reason = next((why for key, why in ACCEPTED.items() if key.replace(">", "") in item), None)
        if reason:
            print(f"    accepted: {item.split(': ')[0]} ({reason})")
        else:
            fail(f"DCAT-AP recommendation not met: {item}")

print("validate-catalog: data.gouv.fr harvester rules")
# The releases are datasets too (dcat:hasVersion of the dataset, DCAT 3 versioning), described
# below; the harvester's rules apply to the dataset, and its profile types no other.
versions = set(catalog.objects(None, DCAT3.hasVersion))
datasets = [d for d in catalog.subjects(RDF.type, DCAT.Dataset) if d not in versions]
if len(datasets) != 1:
    fail(f"expected one dcat:Dataset besides its versions, found {len(datasets)}")
harvested = list(datagouv.subjects(RDF.type, DCAT.Dataset))
if len(harvested) != 1:
    fail(f"the data.gouv.fr profile types {len(harvested)} nodes dcat:Dataset: udata would harvest each one")
print(f"validate-catalog: {len(versions)} version(s) of the dataset (dcat:hasVersion)")
ordered = {}
for version in versions:
    if (version, RDF.type, DCAT.Dataset) not in catalog:
        fail(f"version {version} is not a dcat:Dataset")
    for predicate in (DCAT3.version, ADMS.versionNotes, DCTERMS.issued, DCAT.landingPage, DCAT.distribution):
        if catalog.value(version, predicate) is None:
            fail(f"version {version}: missing {predicate}")
    if (version, DCTERMS.isVersionOf, datasets[0] if datasets else None) not in catalog:
        fail(f"version {version}: not dct:isVersionOf the dataset")
    ordered[str(catalog.value(version, DCTERMS.issued)) + str(catalog.value(version, DCAT3.version))] = version
chain = [ordered[k] for k in sorted(ordered)]
for before, after in zip(chain, chain[1:]):
    if catalog.value(after, DCAT3.previousVersion) != before:
        fail(f"version {after}: dcat:previousVersion is not {before}")
if chain and catalog.value(chain[0], DCAT3.previousVersion) is not None:
    fail(f"the first version {chain[0]} has a dcat:previousVersion")
for dataset in datasets:
    identifier = catalog.value(dataset, DCTERMS.identifier)
    if not isinstance(identifier, Literal):
        fail("the dataset's dct:identifier must be a literal (else the harvester skips it)")
    if catalog.value(dataset, DCTERMS.title) is None:
        fail("the dataset has no dct:title")
    description = catalog.value(dataset, DCTERMS.description)
    if description is None or len(str(description)) <= 100:
        fail("the dataset's description must be longer than 100 characters")
    temporal = catalog.value(dataset, DCTERMS.temporal)
    if not isinstance(temporal, BNode):
        fail("dct:temporal must be a blank node")
    elif catalog.value(temporal, DCAT.startDate) is None or catalog.value(temporal, DCAT.endDate) is None:
        fail("dct:temporal needs dcat:startDate and dcat:endDate")
    for theme in catalog.objects(dataset, DCAT.theme):
        if catalog.value(theme, SKOS.prefLabel) is None:
            fail(f"theme {theme} has no skos:prefLabel in the graph (it would not become a tag)")
    if not str(catalog.value(dataset, DCTERMS.accrualPeriodicity) or "").startswith(
        "http://publications.europa.eu/resource/authority/frequency/"
    ):
        fail("dct:accrualPeriodicity must come from the EU frequency vocabulary")
    for keyword in catalog.objects(dataset, DCAT.keyword):
        if not isinstance(keyword, Literal):
            fail(f"keyword {keyword} is not a literal")
    for distribution in catalog.objects(dataset, DCAT.distribution):
        download = catalog.value(distribution, DCAT.downloadURL)
        service = catalog.value(distribution, DCAT.accessService)
        if download is None and service is None:
            fail(f"{distribution}: no dcat:downloadURL (the harvester would skip it)")
            continue
        if service is not None:
            if (service, RDF.type, DCAT.DataService) not in catalog:
                fail(f"{distribution}: dcat:accessService is not a dcat:DataService")
            continue
        relative = str(download).split("/exports/", 1)[-1]
        if not (EXPORTS / relative).is_file():
            fail(f"{distribution}: {download} is not a file of exports/")
        for predicate in (DCTERMS.title, DCTERMS.format, DCAT.mediaType, DCAT.byteSize, DCTERMS.license):
            if catalog.value(distribution, predicate) is None:
                fail(f"{distribution}: missing {predicate}")
        media_type = str(catalog.value(distribution, DCAT.mediaType) or "")
        if not media_type.startswith("https://www.iana.org/assignments/media-types/"):
            fail(f"{distribution}: dcat:mediaType {media_type} is not an IANA URI")
        checksum = catalog.value(distribution, SPDX.checksum)
        value = catalog.value(checksum, SPDX.checksumValue) if checksum is not None else None
        if value is None or catalog.value(checksum, SPDX.algorithm) != SPDX.checksumAlgorithm_sha256:
            fail(f"{distribution}: no SHA-256 spdx:checksum")
        else:
            import hashlib
            actual = hashlib.sha256((EXPORTS / relative).read_bytes()).hexdigest()
            if str(value) != actual:
                fail(f"{distribution}: checksum {value} is not the file's ({actual})")
        size = int(catalog.value(distribution, DCAT.byteSize))
        if size != (EXPORTS / relative).stat().st_size:
            fail(f"{distribution}: dcat:byteSize {size} is not the file's size")
        if str(catalog.value(distribution, DCTERMS.license)) != "https://www.etalab.gouv.fr/licence-ouverte-open-licence":
            fail(f"{distribution}: the licence is not the Licence Ouverte 2.0 URL the harvester knows")
services = list(catalog.subjects(RDF.type, DCAT.DataService))
if not services:
    fail("no dcat:DataService for the API")
for service in services:
    for predicate in (DCAT.endpointURL, DCTERMS.title, DCAT.endpointDescription, DCAT.servesDataset):
        if catalog.value(service, predicate) is None:
            fail(f"{service}: missing {predicate}")

if failures:
    print(f"validate-catalog: {len(failures)} failure(s)")
    sys.exit(1)
print("validate-catalog: all checks passed")
PYTHON
