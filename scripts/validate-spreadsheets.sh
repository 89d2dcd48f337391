#!/usr/bin/env bash
# The committed workbooks opened by the spreadsheet software reusers run:
#   1. openpyxl (pinned in scripts/requirements-spreadsheets.txt, in a venv) reads
#      exports/xlsx/corpus.xlsx: the « À propos » sheet first, then one sheet per CSV file, each
#      cell equal to the CSV's (texts byte for byte, accents included; integers as numbers;
#      dates as dates shown yyyy-mm-dd; booleans as booleans), the code labels beside the codes,
#      the header row frozen, filtered and titled in French, readable widths;
#   2. LibreOffice Calc (Debian's libreoffice-calc-nogui, headless) opens corpus.xlsx and
#      corpus.ods and saves every sheet as CSV: the same texts as the published CSV files;
#   3. LibreOffice's reading of corpus.ods, saved as .xlsx, read by openpyxl: the same typed
#      cells;
#   4. the API's negotiation: the service (`serve`, debug binary) answers
#      `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` on a filtered
#      list with a workbook to save (Content-Disposition) holding every row of the list, the
#      same as its CSV, in openpyxl and in LibreOffice;
#   5. LibreOffice itself, driven through its UNO API (Debian's python3-uno), opens both files
#      as a user would: the header row of every data sheet frozen and bold, date columns as
#      date values, integer columns as numbers, text columns as text.
# Exits non-zero listing every difference. `cargo test` needs neither Python nor LibreOffice.
#
# Usage: scripts/validate-spreadsheets.sh   (SPREADSHEETS_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${SPREADSHEETS_VENV:-.venv-spreadsheets}"
requirements="scripts/requirements-spreadsheets.txt"

if ! command -v soffice >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then
  echo "validate-spreadsheets: installing LibreOffice Calc (Debian: libreoffice-calc-nogui, python3-uno)"
  # Other sessions may hold the dpkg lock: wait for it rather than fail.
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    libreoffice-calc-nogui python3-uno >/dev/null
fi
echo "validate-spreadsheets: $(soffice --version 2>/dev/null | head -n 1)"

# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-spreadsheets "$venv" "$requirements"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A throw-away LibreOffice profile: no state from (or left to) the user running CI.
soffice_convert() { # filter outdir file
  timeout 300 soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
    --convert-to "$1" --outdir "$2" "$3" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log" >&2
    echo "validate-spreadsheets: FAIL LibreOffice could not convert $3" >&2
    exit 1
  }
}
# The service, for the API's workbooks.
# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap 'stop_service; rm -rf "$work"' EXIT
start_service validate-spreadsheets --exports exports --schemas schemas
base="$SERVICE_URL"
echo "validate-spreadsheets: the API's workbook of a filtered list ($base)"
mkdir -p "$work/api"
"$venv/bin/python" - "$base" "$work/api" <<'PYTHON' || { cat "$SERVICE_LOG" >&2; exit 1; }
import sys
import time
import urllib.request

base, out = sys.argv[1], sys.argv[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
for _ in range(120):
    try:
        urllib.request.urlopen(f"{base}/health", timeout=2)
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("validate-spreadsheets: FAIL the service did not answer /health")
query = "/api/v1/items?congress=2026"
with urllib.request.urlopen(urllib.request.Request(base + query, headers={"Accept": XLSX})) as answer:
    problems = []
    if answer.headers["Content-Type"] != XLSX:
        problems.append(f"Content-Type {answer.headers['Content-Type']!r}")
    if answer.headers["Content-Disposition"] != 'attachment; filename="items.xlsx"':
        problems.append(f"Content-Disposition {answer.headers['Content-Disposition']!r}")
    if problems:
        sys.exit(f"validate-spreadsheets: FAIL {query} with Accept {XLSX}: " + ", ".join(problems))
    open(f"{out}/items.xlsx", "wb").write(answer.read())
with urllib.request.urlopen(base + query + "&format=csv&page_size=100") as answer:
    open(f"{out}/items.csv", "wb").write(answer.read())
PYTHON

# Every sheet (-1) as UTF-8 (76) CSV, comma, double quotes, cells as shown (formatted: dates
# as their yyyy-mm-dd format shows them).
csv_filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
echo "validate-spreadsheets: LibreOffice saves every sheet of corpus.xlsx and corpus.ods as CSV"
soffice_convert "$csv_filter" "$work/xlsx-csv" exports/xlsx/corpus.xlsx
soffice_convert "$csv_filter" "$work/ods-csv" exports/ods/corpus.ods
echo "validate-spreadsheets: LibreOffice saves corpus.ods as .xlsx"
soffice_convert xlsx "$work/ods-xlsx" exports/ods/corpus.ods
soffice_convert "$csv_filter" "$work/api-csv" "$work/api/items.xlsx"

"$venv/bin/python" - "$work" <<'PYTHON'
import csv
import datetime
import pathlib
import sys

import openpyxl
from openpyxl.utils import get_column_letter

work = pathlib.Path(sys.argv[1])
exports = pathlib.Path("exports")
ABOUT = "À propos"
COLUMN_TABLE = ["Feuille", "Colonne", "Nom dans le CSV", "Type", "Obligatoire", "Description"]
errors = []


def fail(message):
    errors.append(message)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


published = {p.stem: read_csv(p) for p in sorted((exports / "csv").glob("*.csv"))}
accented = sum(
    1 for rows in published.values() for row in rows for value in row if not value.isascii()
)
if not accented:
    fail("the CSV files hold no accented text: nothing would show garbling")


def layout(workbook, source):
    """Sheet -> [(title, CSV column or None, type)], as the « À propos » sheet lists them."""
    if workbook.sheetnames[0] != ABOUT:
        fail(f"{source}: first sheet is {workbook.sheetnames[0]!r}, not {ABOUT!r}")
        return {}
    rows = list(workbook[ABOUT].iter_rows(values_only=True))
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    for needed in ["Licence", "Licence Ouverte", "Source", "Éditeur"]:
        if needed not in text:
            fail(f"{source}: the {ABOUT} sheet does not say {needed!r}")
    starts = [i for i, row in enumerate(rows) if list(row[:6]) == COLUMN_TABLE]
    if not starts:
        fail(f"{source}: no column table in the {ABOUT} sheet")
        return {}
    sheets = {}
    for row in rows[starts[0] + 1 :]:
        sheet, title, name, kind = row[:4]
        if kind is None:  # the line that introduces a sheet
            continue
        sheets.setdefault(sheet, []).append((title, name, kind))
    return sheets


def expected(kind, value):
    """The cell openpyxl must read for a CSV value of a column of this type."""
    if value == "":
        return None
    if kind == "entier":
        return int(value)
    if kind == "booléen":
        return {"true": True, "false": False}[value]
    if kind == "date":
        return datetime.datetime.fromisoformat(value)
    return value


def check_typed(path, source, *, ours, published=published):
    """openpyxl's reading: names, header, typed cells, labels, frozen header, widths."""
    workbook = openpyxl.load_workbook(path)
    sheets = layout(workbook, source)
    if sorted(workbook.sheetnames[1:]) != sorted(published):
        fail(f"{source}: sheets {workbook.sheetnames[1:]} are not the CSV files {sorted(published)}")
    for name in workbook.sheetnames[1:]:
        if name not in published or name not in sheets:
            fail(f"{source}: sheet {name} is not described or has no CSV file")
            continue
        ws, columns, rows = workbook[name], sheets[name], published[name]
        where = f"{source} sheet {name}"
        grid = list(ws.iter_rows(values_only=False))
        header = [c.value for c in grid[0]]
        titles = [title for title, _, _ in columns]
        if header[: len(titles)] != titles or any(v is not None for v in header[len(titles) :]):
            fail(f"{where}: header {header} is not the French titles {titles}")
        if [n for _, n, _ in columns if n] != rows[0]:
            fail(f"{where}: columns {[n for _, n, _ in columns if n]} are not the CSV's {rows[0]}")
        # A headless conversion saves no view settings: the frozen header of the ODS is checked
        # by LibreOffice itself below (UNO).
        if ours and ws.freeze_panes != "A2":
            fail(f"{where}: header row not frozen (freeze_panes {ws.freeze_panes!r})")
        if not (ws.auto_filter.ref or "").startswith("A1:"):
            fail(f"{where}: no filter on the header row ({ws.auto_filter.ref!r})")
        for index in range(len(columns)):
            width = ws.column_dimensions[get_column_letter(index + 1)].width
            if width is None or not 8 <= width <= 100:
                fail(f"{where}: column {index + 1} width {width} is not readable (8 to 100)")
        data = grid[1:]
        if len(data) != len(rows) - 1:
            fail(f"{where}: {len(data)} rows, the CSV has {len(rows) - 1}")
        for number, (cells, record) in enumerate(zip(data, rows[1:]), start=2):
            values = iter(record)
            code = None
            for (title, column, kind), cell in zip(columns, cells):
                if column is None:  # the label of the code just read
                    if (cell.value is None) != (code in (None, "")):
                        fail(f"{where} row {number}: label {cell.value!r} for code {code!r}")
                    continue
                value = next(values)
                code = value
                want = expected(kind, value)
                got = cell.value
                if kind == "date" and got is not None:
                    if not cell.is_date:
                        fail(f"{where} row {number} {column}: {got!r} is not a date cell")
                    elif ours and cell.number_format != "yyyy-mm-dd":
                        fail(f"{where} row {number} {column}: date shown as {cell.number_format!r}")
                if got != want or type(got) is not type(want):
                    fail(f"{where} row {number} {column}: {got!r} ({type(got).__name__}), CSV {value!r}")
    return workbook


def check_shown(directory, source, *, described=exports / "xlsx" / "corpus.xlsx", published=published):
    """LibreOffice's CSV of each sheet: the text of every cell, as shown, is the CSV's."""
    sheets = layout(openpyxl.load_workbook(described), described.name)
    for name, rows in published.items():
        path = directory / f"{described.stem}-{name}.csv"
        if not path.exists():
            fail(f"{source}: LibreOffice wrote no sheet {name}")
            continue
        shown = read_csv(path)
        columns = sheets.get(name, [])
        where = f"{source} sheet {name} (LibreOffice)"
        if shown[0] != [title for title, _, _ in columns]:
            fail(f"{where}: header {shown[0]}")
        keep = [i for i, (_, column, _) in enumerate(columns) if column]
        kinds = [columns[i][2] for i in keep]
        if len(shown) != len(rows):
            fail(f"{where}: {len(shown) - 1} rows, the CSV has {len(rows) - 1}")
        for number, (line, record) in enumerate(zip(shown[1:], rows[1:]), start=2):
            line = line + [""] * (len(columns) - len(line))
            texts = [line[i] for i in keep]
            for kind, text, value, (column) in zip(kinds, texts, record, rows[0]):
                if kind == "booléen":
                    text = {"TRUE": "true", "FALSE": "false", "VRAI": "true", "FAUX": "false"}.get(text.upper(), text)
                if text != value:
                    fail(f"{where} row {number} {column}: {text!r}, CSV {value!r}")


check_typed(exports / "xlsx" / "corpus.xlsx", "corpus.xlsx", ours=True)
check_shown(work / "xlsx-csv", "corpus.xlsx")
check_shown(work / "ods-csv", "corpus.ods")
check_typed(work / "ods-xlsx" / "corpus.xlsx", "corpus.ods (saved as .xlsx by LibreOffice)", ours=False)
api = {"items": read_csv(work / "api" / "items.csv")}
if len(api["items"]) < 2:
    fail("the API's CSV of the filtered list is empty: nothing to compare")
check_typed(work / "api" / "items.xlsx", "API items.xlsx", ours=True, published=api)
check_shown(work / "api-csv", "API items.xlsx", described=work / "api" / "items.xlsx", published=api)

if errors:
    for message in errors[:60]:
        print(f"validate-spreadsheets: FAIL {message}", file=sys.stderr)
    if len(errors) > 60:
        print(f"validate-spreadsheets: … and {len(errors) - 60} more", file=sys.stderr)
    sys.exit(1)
cells = sum(len(rows) - 1 for rows in published.values())
print(
    f"validate-spreadsheets: OK {len(published)} sheets, {cells} rows, {accented} accented CSV "
    "cells identical in openpyxl and LibreOffice (xlsx and ods); headers frozen, dates typed; "
    f"the API's workbook of {len(api['items']) - 1} filtered items identical to its CSV"
)
PYTHON

echo "validate-spreadsheets: LibreOffice (UNO) opens corpus.xlsx and corpus.ods"
# Debian's python3-uno belongs to the system Python, not to the venv.
/usr/bin/python3 - "$work" exports/ods/corpus.ods exports/xlsx/corpus.xlsx <<'PYTHON'
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table.CellContentType import EMPTY, FORMULA, TEXT, VALUE

work, paths = sys.argv[1], sys.argv[2:]
ABOUT = "À propos"
DATE = 2  # com.sun.star.util.NumberFormat.DATE, a bit of the format's Type
LOGICAL = 1024  # com.sun.star.util.NumberFormat.LOGICAL
BOLD = 150.0  # com.sun.star.awt.FontWeight.BOLD
errors = []


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


pipe = f"validate_spreadsheets_{os.getpid()}"
office = subprocess.Popen(
    ["soffice", f"-env:UserInstallation=file://{work}/uno-profile", "--headless", "--invisible",
     "--norestore", f"--accept=pipe,name={pipe};urp;"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("validate-spreadsheets: FAIL LibreOffice did not start (UNO)")
    desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
    for path in paths:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = None
        for _ in range(3):  # LibreOffice 7.4 sometimes answers None right after a close
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if doc is not None:
                break
            time.sleep(2)
        if doc is None:
            errors.append(f"{path}: LibreOffice could not open it")
            continue
        formats = doc.getNumberFormats()
        sheets = doc.getSheets()
        names = sheets.getElementNames()
        if names[0] != ABOUT:
            errors.append(f"{path}: first sheet {names[0]!r}")
        # The column types, as the « À propos » sheet lists them.
        about = sheets.getByName(ABOUT)
        used = about.createCursor()
        used.gotoEndOfUsedArea(False)
        rows = about.getCellRangeByPosition(0, 0, 5, used.getRangeAddress().EndRow).getDataArray()
        start = next(i for i, r in enumerate(rows) if r[0] == "Feuille" and r[2] == "Nom dans le CSV")
        kinds = {}
        for sheet, title, _, kind, *_ in rows[start + 1 :]:
            if kind:
                kinds.setdefault(sheet, []).append(kind)
        controller = doc.getCurrentController()
        checked = 0
        for name in names[1:]:
            sheet = sheets.getByName(name)
            controller.setActiveSheet(sheet)
            where = f"{path} sheet {name}"
            if not controller.hasFrozenPanes() or controller.getSplitRow() != 1:
                errors.append(f"{where}: header row not frozen in LibreOffice")
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            last_row = cursor.getRangeAddress().EndRow
            for col, kind in enumerate(kinds.get(name, [])):
                if sheet.getCellByPosition(col, 0).getPropertyValue("CharWeight") != BOLD:
                    errors.append(f"{where}: header of column {col + 1} not bold")
                for row in range(1, last_row + 1):
                    cell = sheet.getCellByPosition(col, row)
                    content = cell.getType()
                    if content == EMPTY:
                        continue
                    checked += 1
                    if kind in ("texte", "libellé"):
                        ok = content == TEXT
                    elif kind == "entier":
                        ok = content == VALUE
                    elif kind == "booléen":
                        # LibreOffice reads an .xlsx boolean as the formula TRUE() or FALSE().
                        number_format = formats.getByKey(cell.getPropertyValue("NumberFormat"))
                        ok = (
                            content == VALUE and bool(number_format.getPropertyValue("Type") & LOGICAL)
                        ) or (content == FORMULA and cell.getFormula() in ("=TRUE()", "=FALSE()"))
                    elif kind == "date":
                        number_format = formats.getByKey(cell.getPropertyValue("NumberFormat"))
                        ok = content == VALUE and bool(number_format.getPropertyValue("Type") & DATE)
                    else:
                        ok = False
                    if not ok:
                        errors.append(f"{where} row {row + 1} column {col + 1}: not a {kind} cell in LibreOffice")
        print(f"validate-spreadsheets: LibreOffice read {path}: {len(names) - 1} sheets with a frozen header, {checked} cells of the right type")
        doc.close(True)
    desktop.terminate()
finally:
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()

if errors:
    for message in errors[:60]:
        print(f"validate-spreadsheets: FAIL {message}", file=sys.stderr)
    sys.exit(1)
PYTHON
echo "validate-spreadsheets: OK"
