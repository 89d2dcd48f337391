#!/usr/bin/env python3
"""rdflib's Turtle serialisation of the corpus graph, timed like ours.

Parses an N-Triples dump written by `congres-numerique export` (rdf/corpus.nt: the same triples
our exporter serialises), binds the same prefixes as our Turtle (read from its @prefix lines, so
both outputs abbreviate alike), then times `graph.serialize(format="turtle")` --runs times after
one warm-up. Parsing is not timed: the comparison is serialisation of an in-memory graph, which
is what benches/export.rs times for ours (export/<corpus>/rdf_ttl).

Prints one JSON object (times in ms).
"""

import argparse
import json
import re
import statistics
import time

import rdflib


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--nt", required=True, help="rdf/corpus.nt of an export")
    p.add_argument("--ttl", help="our rdf/corpus.ttl, to bind the same prefixes")
    p.add_argument("--runs", type=int, default=10)
    args = p.parse_args()

    graph = rdflib.Graph(bind_namespaces="none")
    start = time.perf_counter()
    graph.parse(args.nt, format="nt")
    parse_ms = (time.perf_counter() - start) * 1000
    if args.ttl:
        with open(args.ttl, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"@prefix\s+([\w-]*):\s+<([^>]+)>\s*\.", line)
                if m:
                    graph.bind(m.group(1), rdflib.Namespace(m.group(2)), override=True)
                elif line.strip() and not line.startswith("@"):
                    break

    out = graph.serialize(format="turtle")  # warm-up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        out = graph.serialize(format="turtle")
        times.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "rdflib_version": rdflib.__version__,
                "triples": len(graph),
                "parse_ms": round(parse_ms, 2),
                "serialize_runs_ms": [round(t, 2) for t in times],
                "serialize_median_ms": round(statistics.median(times), 2),
                "serialize_min_ms": round(min(times), 2),
                "turtle_bytes": len(out.encode("utf-8")),
            }
        )
    )


if __name__ == "__main__":
    main()
