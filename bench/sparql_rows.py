#!/usr/bin/env python3
"""Do two SPARQL JSON results hold the same rows? (bench/sparql.sh, ours against Virtuoso.)

Prints one JSON line: the number of rows of each and of distinct rows, and whether the distinct
rows are the same. A row is compared by its bound variables' values and kinds (IRI, blank node,
literal with its language): Virtuoso writes `xsd:string` literals as typed literals, we write
them plain, and both are the same term in RDF 1.1. Exits 1 when the distinct rows differ (the
two servers do not answer the same query the same way: the timings would not compare); equal
distinct rows with unequal counts are reported, not refused (duplicates are the difference).

Usage: sparql_rows.py NAME OURS.json VIRTUOSO.json
"""

import json
import sys

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term(binding):
    kind = binding["type"]
    if kind in ("literal", "typed-literal"):
        datatype = binding.get("datatype")
        return ("literal", binding["value"], binding.get("xml:lang"),
                None if datatype == XSD_STRING else datatype)
    return (kind, binding["value"])


def rows(path):
    with open(path, encoding="utf-8") as f:
        bindings = json.load(f)["results"]["bindings"]
    return [tuple(sorted((var, term(b)) for var, b in row.items())) for row in bindings]


def main():
    name, ours_path, virtuoso_path = sys.argv[1:4]
    ours, virtuoso = rows(ours_path), rows(virtuoso_path)
    same = set(ours) == set(virtuoso)
    print(json.dumps({"query": name, "ours": len(ours), "virtuoso": len(virtuoso),
                      "ours_distinct": len(set(ours)), "virtuoso_distinct": len(set(virtuoso)),
                      "same_distinct_rows": same}))
    if not same:
        only_ours = set(ours) - set(virtuoso)
        only_virtuoso = set(virtuoso) - set(ours)
        print(f"{name}: the distinct rows differ: {len(only_ours)} only in ours, "
              f"{len(only_virtuoso)} only in Virtuoso; e.g. {sorted(only_ours or only_virtuoso)[:2]}",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
