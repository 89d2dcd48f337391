#!/usr/bin/env bash
# The Table Schemas and the data package as Validata (schema.data.gouv.fr) and both majors of
# frictionless read them:
#   1. validata-core 0.9.7 on frictionless 4 (pinned in scripts/requirements-validata.txt, own
#      venv .venv-validata): every Table Schema valid, every CSV valid alone against its schema
#      as Validata checks a file a user uploads, and exports/datapackage.json valid;
#   2. frictionless 5 (the venv of validate-exports.sh, scripts/requirements-validate.txt): every
#      CSV valid alone against its schema (the data package is validated by validate-exports.sh);
#   3. the checks have teeth: a schema with `"foreignKeys": []` (refused by frictionless 4 and so
#      by Validata) and a CSV with a value outside its column's constraints must both fail.
# A CSV alone cannot check references to other files: its foreign keys are checked across files
# in the data package (both majors).
#
# Usage: scripts/validate-validata.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh

validata_venv="${VALIDATA_VENV:-.venv-validata}"
frictionless5_venv="${VALIDATE_VENV:-.venv-validate}"
ensure_venv validate-validata "$validata_venv" scripts/requirements-validata.txt
ensure_venv validate-validata "$frictionless5_venv" scripts/requirements-validate.txt

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# The same checks for both majors; MAJOR picks the API (validata-core exists for 4 only).
check() {
  MAJOR="$1" SCRATCH="$scratch" PYTHONWARNINGS=ignore "$2/bin/python" - <<'PYTHON'
import csv
import io
import json
import os
import pathlib
import shutil
import sys

import frictionless

MAJOR = os.environ["MAJOR"]
SCRATCH = pathlib.Path(os.environ["SCRATCH"])
label = f"frictionless {frictionless.__version__}" if hasattr(frictionless, "__version__") else f"frictionless {MAJOR}"
if MAJOR == "4":
    import validata_core
    from importlib.metadata import version

    label = f"validata-core {version('validata-core')} on frictionless {version('frictionless')}"
else:
    from importlib.metadata import version

    label = f"frictionless {version('frictionless')}"
failures = []


def fail(message):
    failures.append(message)
    print(f"  FAIL {message}")


def schema_errors(path):
    """Messages of a Table Schema's validation, [] when valid."""
    if MAJOR == "4":
        report = frictionless.validate(str(path), type="schema")
        return [error.message for error in report.errors]
    report = frictionless.Schema.validate_descriptor(str(path))
    return [error.message for error in report.errors]


def csv_errors(csv_path, schema_path):
    """Messages of a CSV's validation alone against its schema (foreign keys need the other files:
    they are left to the data package's validation)."""
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    schema.pop("foreignKeys", None)
    if MAJOR == "4":
        report = validata_core.validate(str(csv_path), schema)
        messages = [error["message"] for error in report["errors"]]
        for task in report["tasks"]:
            messages += [error["message"] for error in task["errors"]]
        return messages
    resource = frictionless.Resource(path=str(csv_path), schema=frictionless.Schema.from_descriptor(schema))
    report = resource.validate()
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


print(f"validate-validata: {label}: every Table Schema, every CSV alone against its schema")
schemas = sorted(pathlib.Path("schemas/table-schemas").glob("*.json"))
if not schemas:
    fail("no Table Schema in schemas/table-schemas")
for schema_path in schemas:
    descriptor = json.loads(schema_path.read_text(encoding="utf-8"))
    if descriptor.get("foreignKeys") == []:
        fail(f"{schema_path}: empty foreignKeys")
    for message in schema_errors(schema_path):
        fail(f"{schema_path}: {message}")
    csv_path = pathlib.Path("exports/csv") / f"{schema_path.stem}.csv"
    if not csv_path.is_file():
        fail(f"{schema_path}: no {csv_path}")
        continue
    for message in csv_errors(csv_path, schema_path)[:5]:
        fail(f"{csv_path}: {message}")

if MAJOR == "4":
    print(f"validate-validata: {label}: exports/datapackage.json")
    report = frictionless.validate("exports/datapackage.json")
    for code, message in report.flatten(["code", "message"])[:20]:
        fail(f"datapackage.json: {code}: {message}")

print(f"validate-validata: {label}: broken copies are refused")
empty_keys = json.loads((schemas[0]).read_text(encoding="utf-8"))
empty_keys["foreignKeys"] = []
(SCRATCH / "empty-keys.json").write_text(json.dumps(empty_keys), encoding="utf-8")
if MAJOR == "4" and not schema_errors(SCRATCH / "empty-keys.json"):
    fail("a Table Schema with an empty foreignKeys is accepted")
# The themes table: break its primary key with a duplicated row.
themes_csv = pathlib.Path("exports/csv/themes.csv").read_text(encoding="utf-8")
rows = list(csv.reader(io.StringIO(themes_csv)))
broken = io.StringIO()
csv.writer(broken, lineterminator="\n").writerows(rows + [rows[1]])
(SCRATCH / "themes.csv").write_text(broken.getvalue(), encoding="utf-8")
if not csv_errors(SCRATCH / "themes.csv", "schemas/table-schemas/themes.json"):
    fail("a CSV with a duplicated primary key is accepted")

if failures:
    print(f"validate-validata: {label}: {len(failures)} failure(s)")
    sys.exit(1)
print(f"validate-validata: {label}: all checks passed")
PYTHON
}

check 4 "$validata_venv"
check 5 "$frictionless5_venv"
echo "validate-validata: all checks passed"
