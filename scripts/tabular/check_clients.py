"""The SQLite database and Parquet files of exports/, read by the clients reusers run.

Run by scripts/validate-tabular.sh with the pinned venv, after it started Datasette on the
database with its metadata (base URL in argv[1]). Every count is compared with the CSV files'
(read with Python's csv module), every type with the Table Schemas of datapackage.json.
Prints each failure and exits 1 if there is any.
"""

import csv
import json
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb
import pandas
import pyarrow
import pyarrow.parquet as pq

EXPORTS = Path("exports")
DATABASE = "congres-numerique"
failures = []


def fail(message):
    failures.append(message)
    print(f"validate-tabular: FAIL {message}", file=sys.stderr)


def csv_rows(name):
    with open(EXPORTS / "csv" / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


package = json.loads((EXPORTS / "datapackage.json").read_text(encoding="utf-8"))
resources = {r["name"]: r for r in package["resources"]}
counts = {name: len(csv_rows(name)) for name in resources}

# --- Datasette: the server's JSON API over the database and its metadata -------------------
base = sys.argv[1]


def get(path):
    url = base + path
    with urllib.request.urlopen(url, timeout=60) as response:
        if response.status != 200:
            fail(f"Datasette {path}: HTTP {response.status}")
        return json.load(response)


metadata = json.loads((EXPORTS / "sqlite" / "metadata.json").read_text(encoding="utf-8"))
served = get("/-/metadata.json")
if served.get("title") != metadata["title"] or served.get("license_url") != metadata["license_url"]:
    fail("Datasette does not serve the metadata's title and licence")
tables = {t["name"]: t for t in get(f"/{DATABASE}.json")["tables"]}
searched = 0
for name, count in counts.items():
    if name not in tables:
        fail(f"Datasette: no table {name}")
        continue
    page = get(f"/{DATABASE}/{name}.json?_size=1")
    if page.get("filtered_table_rows_count") != count:
        fail(f"Datasette {name}: {page.get('filtered_table_rows_count')} rows, CSV {count}")
    described = metadata["databases"][DATABASE]["tables"][name]
    # Facets configured in the metadata are applied without asking, and add up to the rows.
    for facet in described.get("facets", []):
        results = page.get("facet_results", {})
        # Datasette 0.65 answers a dict of facets, 1.0 a list.
        if isinstance(results, dict):
            results = results.get("results", results)
            found = results.get(facet) if isinstance(results, dict) else None
        else:
            found = next((r for r in results if r.get("name") == facet), None)
        if found is None:
            fail(f"Datasette {name}: no facet {facet}")
            continue
        total = sum(r["count"] for r in found["results"])
        expected = sum(1 for row in csv_rows(name) if row[facet] != "")
        if total != expected:
            fail(f"Datasette {name}: facet {facet} counts {total} rows, CSV {expected}")
    # Full-text search, configured by the metadata's fts_table.
    if "fts_table" in described:
        if tables[name].get("fts_table") != described["fts_table"]:
            fail(f"Datasette {name}: full-text table {tables[name].get('fts_table')}")
        query = urllib.parse.quote("données")
        hits = get(f"/{DATABASE}/{name}.json?_search={query}&_size=1")
        searched += hits.get("filtered_table_rows_count", 0)
if searched == 0:
    fail("Datasette: a search for « données » finds nothing")
print(f"validate-tabular: Datasette served {len(counts)} tables, facets and {searched} rows for « données »")

# --- pyarrow: every Parquet file, typed as its Table Schema says ----------------------------
ARROW = {
    "string": pyarrow.string(),
    "integer": pyarrow.int64(),
    "boolean": pyarrow.bool_(),
    "date": pyarrow.date32(),
}
for name, resource in resources.items():
    path = EXPORTS / "parquet" / f"{name}.parquet"
    table = pq.read_table(path)
    if table.num_rows != counts[name]:
        fail(f"pyarrow {path}: {table.num_rows} rows, CSV {counts[name]}")
    fields = resource["schema"]["fields"]
    if table.schema.names != [f["name"] for f in fields]:
        fail(f"pyarrow {path}: columns {table.schema.names}")
        continue
    for field in fields:
        arrow = table.schema.field(field["name"])
        if arrow.type != ARROW[field["type"]]:
            fail(f"pyarrow {path}: {field['name']} is {arrow.type}, not {field['type']}")
        required = field.get("constraints", {}).get("required", False)
        if arrow.nullable == required:
            fail(f"pyarrow {path}: {field['name']} nullable={arrow.nullable}")
        description = (arrow.metadata or {}).get(b"description", b"").decode()
        if description != field["description"]:
            fail(f"pyarrow {path}: {field['name']} has no description")
    file_description = (table.schema.metadata or {}).get(b"description", b"").decode()
    if file_description != resource["description"]:
        fail(f"pyarrow {path}: no table description")
print(f"validate-tabular: pyarrow {pyarrow.__version__} read {len(resources)} Parquet files")

# The privacy scan of scripts/validate-exports.sh, on the Parquet files' cells and metadata
# (their compressed bytes could hide an address, or show one by chance).
allowed = {"coordination@villes-internet.net"}
for path in sorted((EXPORTS / "parquet").glob("*.parquet")):
    table = pq.read_table(path)
    texts = [value.decode("utf-8") for value in (table.schema.metadata or {}).values()]
    for column in table.columns:
        if column.type == pyarrow.string():
            texts.extend(value for value in column.to_pylist() if value is not None)
    for address in set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "\n".join(texts))) - allowed:
        fail(f"{path}: e-mail address {address} (only the association's generic address may appear)")

# --- DuckDB: every foreign key joined over Parquet and over CSV gives the same answer -------
con = duckdb.connect()
joins = 0
for name, resource in resources.items():
    for fk in resource["schema"].get("foreignKeys", []):
        target = fk["reference"]["resource"] or name
        column = fk["fields"]
        answers = []
        for kind in ("parquet", "csv"):
            def source(table):
                if kind == "parquet":
                    return f"read_parquet('{EXPORTS}/parquet/{table}.parquet')"
                return f"read_csv('{EXPORTS}/csv/{table}.csv', header = true, all_varchar = true)"
            answers.append(
                con.execute(
                    f"SELECT t.id, count(*) FROM {source(name)} c JOIN {source(target)} t "
                    f"ON c.{column} = t.id GROUP BY t.id ORDER BY t.id"
                ).fetchall()
            )
        if answers[0] != answers[1]:
            fail(f"DuckDB: {name}.{column} → {target}: Parquet and CSV joins differ")
        if not answers[0]:
            fail(f"DuckDB: {name}.{column} → {target}: no row joins")
        joins += 1
# One question a reuser asks: the items of each edition, by kind.
question = (
    "SELECT c.id, i.kind, count(*) FROM {items} i JOIN {congresses} c ON i.congress_id = c.id "
    "GROUP BY ALL ORDER BY ALL"
)
over_parquet = con.execute(
    question.format(
        items=f"'{EXPORTS}/parquet/items.parquet'", congresses=f"'{EXPORTS}/parquet/congresses.parquet'"
    )
).fetchall()
# The CSV read as text: DuckDB would guess that the ids of editions (years) are numbers.
over_csv = con.execute(
    question.format(
        items=f"read_csv('{EXPORTS}/csv/items.csv', all_varchar = true)",
        congresses=f"read_csv('{EXPORTS}/csv/congresses.csv', all_varchar = true)",
    )
).fetchall()
if over_parquet != over_csv or not over_parquet:
    fail(f"DuckDB: items by edition and kind differ: {over_parquet} / {over_csv}")
print(f"validate-tabular: DuckDB {duckdb.__version__} ran {joins + 1} joins, the same over Parquet and CSV")

# --- pandas -------------------------------------------------------------------------------
frame = pandas.read_parquet(EXPORTS / "parquet" / "items.parquet")
if len(frame) != counts["items"] or list(frame.columns) != [f["name"] for f in resources["items"]["schema"]["fields"]]:
    fail("pandas: items.parquet is not the CSV's table")
if str(frame["position"].dtype) not in ("int64", "Int64"):
    fail(f"pandas: position is {frame['position'].dtype}")
print(f"validate-tabular: pandas {pandas.__version__} read items.parquet ({len(frame)} rows)")

sys.exit(1 if failures else 0)
