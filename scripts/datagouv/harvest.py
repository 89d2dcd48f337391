"""data.gouv.fr's own DCAT harvester (udata's DcatBackend) in preview mode against the local
service; see scripts/validate-datagouv.sh.

Usage: harvest.py URL... where a URL prefixed with `!` must fail (udata rejects the DCAT-AP
profile's xsd:hexBinary checksums: the reason the data.gouv.fr profile exists)."""
import hashlib
import json
import os
import pathlib
import sys
import urllib.parse

import mongomock
import requests
from requests.adapters import HTTPAdapter

LOCAL = os.environ["LOCAL"].rstrip("/")  # http://127.0.0.1:PORT
PUBLIC = os.environ["PUBLIC"].rstrip("/")  # the publication's base URL
EXPORTS = pathlib.Path("exports")
failures = []


def fail(message):
    failures.append(message)
    print(f"  FAIL {message}")


class ToLocalService(HTTPAdapter):
    """Sends the requests udata makes to the public base URL to the local service instead: udata
    refuses loopback URLs as sources (SSRF guard), so the source keeps its public URL and only
    the transport is rerouted. Any other URL is a failure (nothing else may be fetched)."""

    def send(self, request, **kwargs):
        if not request.url.startswith(PUBLIC + "/"):
            raise requests.exceptions.ConnectionError(f"unexpected request to {request.url}")
        request.url = LOCAL + request.url[len(PUBLIC):]
        requests_seen.append(request.url)
        return super().send(request, **kwargs)


requests_seen = []

from udata import settings  # noqa: E402
from udata.app import create_app, standalone  # noqa: E402


class Harness(settings.Testing):
    # An in-memory MongoDB, as for udata's own tests without a server.
    MONGODB_HOST = "mongodb://localhost:27017/udata-harvest"
    MONGODB_HOST_TEST = MONGODB_HOST
    MONGODB_SETTINGS = {"host": MONGODB_HOST, "mongo_client_class": mongomock.MongoClient}
    # Production rules for URLs: a loopback source would be refused.
    URLS_ALLOW_LOCAL = False
    URLS_ALLOW_PRIVATE = False
    HARVESTER_BACKENDS = ["dcat"]


app = standalone(create_app(settings.Defaults, override=Harness))

from udata.core.dataset.models import License  # noqa: E402
from udata.harvest.backends import get_backend  # noqa: E402
from udata.harvest.models import HarvestSource  # noqa: E402

# Every published file is a distribution of the catalogue but the catalogue itself, the metadata
# for data.gouv.fr's API and the checksums written after it.
EXPECTED_FILES = [
    path
    for path in (line.split("  ", 1)[1] for line in (EXPORTS / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    if not path.startswith("catalog") and path != "datagouv.json"
]


def harvest(url):
    # data.gouv.fr's licence list (the entry of the Licence Ouverte 2.0, as data.gouv.fr holds it).
    License.objects(id="lov2").delete()
    License(
        id="lov2",
        title="Licence Ouverte / Open Licence version 2.0",
        url="https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        alternate_urls=["https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf"],
        alternate_titles=["Licence Ouverte 2.0", "etalab-2.0"],
    ).save()
    License.objects(id="notspecified").delete()
    License(id="notspecified", title="License Not Specified").save()
    source = HarvestSource(name="congres-numerique", url=url, backend="dcat")
    backend = get_backend("dcat")(source, dryrun=True)
    backend.session.mount(PUBLIC + "/", ToLocalService())
    return backend.harvest()


def check(url):
    print(f"validate-datagouv: udata DcatBackend preview of {url}")
    requests_seen.clear()
    with app.app_context():
        job = harvest(url)
        if not requests_seen:
            fail("udata fetched nothing from the local service")
        if job.status != "done":
            fail(f"harvest status {job.status!r}, not 'done'")
        for error in job.errors:
            fail(f"harvest error: {error.message}")
        for item in job.items:
            if item.status != "done":
                fail(f"item {item.remote_id}: {item.status}: {[e.message for e in item.errors]}")
        datasets = [item.dataset for item in job.items if item.dataset is not None]
        services = [item.dataservice for item in job.items if item.dataservice is not None]
        if len(datasets) != 1:
            fail(f"{len(datasets)} datasets harvested, expected 1")
            return
        dataset = datasets[0]
        print(f"  dataset {dataset.title!r}: {len(dataset.resources)} resources, licence {dataset.license and dataset.license.id}, frequency {dataset.frequency}, tags {len(dataset.tags)}")
        if dataset.harvest.remote_id != "congres-numerique-motions":
            pass  # the identifier is checked against the catalogue below
        if dataset.license is None or dataset.license.id != "lov2":
            fail(f"licence {dataset.license and dataset.license.id}, expected lov2")
        if str(dataset.frequency) not in ("annual", "UpdateFrequency.ANNUAL"):
            fail(f"frequency {dataset.frequency!r}, expected annual")
        coverage = dataset.temporal_coverage
        if coverage is None or coverage.start is None or coverage.end is None:
            fail("no temporal coverage")
        if not dataset.tags:
            fail("no tags")
        if not dataset.description or len(dataset.description) <= 100:
            fail("description missing or not over 100 characters")
        by_url = {resource.url: resource for resource in dataset.resources}
        for path in EXPECTED_FILES:
            url_ = f"{PUBLIC}/exports/{path}"
            resource = by_url.pop(url_, None)
            if resource is None:
                fail(f"{path}: no resource (dropped)")
                continue
            data = (EXPORTS / path).read_bytes()
            problems = []
            if not resource.title:
                problems.append("no title")
            if not resource.format:
                problems.append("no format")
            if not resource.mime:
                problems.append("no media type")
            if resource.filesize != len(data):
                problems.append(f"size {resource.filesize} != {len(data)}")
            if resource.checksum is None or resource.checksum.type != "sha256" or resource.checksum.value != hashlib.sha256(data).hexdigest():
                problems.append(f"checksum {resource.checksum and resource.checksum.to_mongo()}")
            if resource.type != "main":
                problems.append(f"type {resource.type}")
            for problem in problems:
                fail(f"{path}: {problem}")
        api = [r for r in by_url.values() if r.type == "api"]
        if len(api) != 1 or api[0].url != f"{PUBLIC}/api/v1/":
            fail(f"expected one 'api' resource at {PUBLIC}/api/v1/, got {[(r.type, r.url) for r in by_url.values()]}")
        others = [r for r in by_url.values() if r.type != "api"]
        for resource in others:
            fail(f"unexpected resource {resource.url} ({resource.type})")
        items = next((r for r in dataset.resources if r.url == f"{PUBLIC}/exports/csv/items.csv"), None)
        if items is None or (items.format, items.mime) != ("csv", "text/csv"):
            fail(f"items.csv: format and media type {items and (items.format, items.mime)}, expected ('csv', 'text/csv')")
        schemas = {r.url: r.schema.url for r in dataset.resources if r.schema and r.schema.url}
        if f"{PUBLIC}/exports/csv/items.csv" not in schemas or not schemas[f"{PUBLIC}/exports/csv/items.csv"].startswith(f"{PUBLIC}/schemas/"):
            fail(f"items.csv has no schema (conformsTo): {schemas.get(f'{PUBLIC}/exports/csv/items.csv')}")
        # Two data services: the API and the SPARQL endpoint, each attached to the dataset.
        endpoints = {
            f"{PUBLIC}/api/v1/": f"{PUBLIC}/openapi.json",
            f"{PUBLIC}/sparql": None,
        }
        by_url = {service.base_api_url: service for service in services}
        if len(services) != len(endpoints) or set(by_url) != set(endpoints):
            fail(f"{len(services)} data services harvested at {sorted(by_url)}, expected {sorted(endpoints)} (the API and the SPARQL endpoint)")
        for url, documentation in endpoints.items():
            service = by_url.get(url)
            if service is None:
                continue
            print(f"  data service {service.title!r} at {service.base_api_url}, {len(service.datasets)} dataset(s)")
            if documentation is not None and service.machine_documentation_url != documentation:
                fail(f"data service {url}: documentation {service.machine_documentation_url}")
            if [d.id for d in service.datasets] != [dataset.id]:
                fail(f"the data service {url} is not attached to the dataset")
            if service.license is None or service.license.id != "lov2":
                fail(f"data service {url}: licence {service.license and service.license.id}")


for argument in sys.argv[1:]:
    if argument.startswith("!"):
        # Expected to fail, for the known reason only: collect its failures apart.
        kept = list(failures)
        failures.clear()
        with app.app_context():
            job = harvest(argument[1:])
        messages = [e.message for item in job.items for e in item.errors]
        print(f"validate-datagouv: udata DcatBackend preview of {argument[1:]} (must be refused)")
        if job.status == "done" or not any("checksum.value" in m for m in messages):
            kept.append(f"{argument[1:]}: udata accepts it now ({job.status}, {messages[:1]}): the data.gouv.fr profile may no longer be needed")
            print(f"  FAIL {kept[-1]}")
        else:
            print("  refused as expected: checksum.value StringField only accepts string values")
        failures[:] = kept
    else:
        check(argument)
if failures:
    print(f"validate-datagouv: {len(failures)} failure(s)")
    sys.exit(1)
print("validate-datagouv: all checks passed")
