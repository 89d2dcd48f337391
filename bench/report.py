#!/usr/bin/env python3
"""Gathers the pieces of one bench/run.sh run into bench/results/<stamp>.json (and latest.json),
checks the targets, and rewrites the generated part of BENCHMARKS.md (between the BEGIN/END
GENERATED markers; the hand-written parts around it are kept).

Also usable alone: `report.py --from-json bench/results/latest.json --markdown BENCHMARKS.md`.
"""

import argparse
import glob
import json
import os
import statistics

BEGIN = "<!-- BEGIN GENERATED (bench/report.py) -->"
END = "<!-- END GENERATED -->"


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def gather(run):
    data = {
        "machine": read_json(f"{run}/machine.json"),
        "end": read_json(f"{run}/end.json"),
        "http": read_jsonl(f"{run}/http.jsonl"),
        "load": {
            "rss": read_jsonl(f"{run}/load-rss.jsonl"),
            "after": read_json(f"{run}/load-after.json"),
        },
        "scale": [],
        "criterion": read_jsonl(f"{run}/criterion.jsonl"),
        "rdflib": read_jsonl(f"{run}/rdflib.jsonl"),
        "replicas": read_jsonl(f"{run}/replicas-http.jsonl"),
        "replicas_notes": (open(f"{run}/replicas-check.txt").read() + open(f"{run}/replicas-rss.txt").read()
                           if os.path.exists(f"{run}/replicas-rss.txt") else ""),
    }
    for path in sorted(glob.glob(f"{run}/scale-x*.json")):
        if path.endswith("-export.json"):
            continue
        s = read_json(path)
        s["http"] = read_jsonl(path.replace(".json", "-http.jsonl"))
        export = read_json(path.replace(".json", "-export.json"))
        if export:
            r = export["results"][0]
            s["export_runs_s"] = r["times"]
            s["export_command"] = r["command"]
        data["scale"].append(s)
    data["scale"].sort(key=lambda s: s["factor"])
    scale_http_from_http(data)
    return data


def scale_http_from_http(data):
    """Runs before bench/run.sh wrote scale requests to their own file kept them in http.jsonl."""
    for s in data["scale"]:
        if not s["http"]:
            s["http"] = [r for r in data["http"] if r["label"].startswith(f"x{s['factor']}_")]


# --- helpers -----------------------------------------------------------------------------------


def http_row(data, label, conns):
    """The first run of `label` at `conns` connections (the one the ratios compare)."""
    for r in data["http"]:
        if r["label"] == label and r["conns"] == conns and r.get("run", 1) == 1 and "rps" in r["result"]:
            return r["result"]
    return None


def p99_runs(data, label, conns):
    """Every run's p99 (µs) of `label` at `conns` connections, in run order."""
    return [r["result"]["latency_us"]["p99"] for r in data["http"]
            if r["label"] == label and r["conns"] == conns and "latency_us" in r["result"]]


def p99_text(runs):
    """`1.23 ms`, or the median of several runs and the runs: `1.23 ms (1.10/1.23/4.56)`."""
    if len(runs) == 1:
        return f"{ms(runs[0])} ms"
    return f"{ms(statistics.median(runs))} ms ({'/'.join(ms(p) for p in runs)})"


def ms(us):
    return f"{us / 1000:.2f}"


def fmt_rps(x):
    return f"{x:,.0f}".replace(",", " ")


def verdict(ok):
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed**"


def crit(data, ident):
    for c in data["criterion"]:
        if c["id"] == ident:
            return c
    return None


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


# --- markdown ----------------------------------------------------------------------------------


def targets(data):
    rows = []
    load = data["load"]

    def ratio(a, b, conns):
        ra, rb = http_row(data, a, conns), http_row(data, b, conns)
        if not ra or not rb or rb["rps"] == 0:
            return None
        return ra["rps"] / rb["rps"]

    # Every target has its row: a section that did not run says "not measured", never nothing.
    absent = "not measured in this run"
    levels = sorted({r["conns"] for r in data["http"] if r["label"] == "nginx_items"})
    if not levels:
        rows += [("≥ 0.8× nginx's requests/s on the same bytes (items page, motion document)", absent, verdict(None)),
                 ("≥ 20× Datasette's requests/s (list and search)", absent, verdict(None)),
                 ("p99 < 2 ms at 16 connections (every endpoint of ours, real corpus)", absent, verdict(None))]
    else:
        for ours, theirs, what in [("ours_items", "nginx_items", "items page"),
                                   ("ours_motion", "nginx_motion", "motion document")]:
            rs = [ratio(ours, theirs, c) for c in levels]
            if all(r is None for r in rs):
                rows.append((f"≥ 0.8× nginx's requests/s on the same bytes ({what})", absent, verdict(None)))
                continue
            ok = all(r is not None and r >= 0.8 for r in rs)
            rows.append((f"≥ 0.8× nginx's requests/s on the same bytes ({what})",
                         ", ".join(f"c={c}: {r:.2f}×" for c, r in zip(levels, rs) if r is not None), verdict(ok)))
        for ours, theirs, what in [("ours_items", "datasette_items", "list"),
                                   ("ours_search", "datasette_search", "search (/search, all texts)"),
                                   ("ours_items_q", "datasette_search", "search (items?q=, same rows)")]:
            rs = [ratio(ours, theirs, c) for c in levels]
            ok = all(r is not None and r >= 20 for r in rs)
            rows.append((f"≥ 20× Datasette's requests/s, {what}",
                         ", ".join(f"c={c}: {r:.1f}×" for c, r in zip(levels, rs) if r is not None), verdict(ok)))
        labels = list(dict.fromkeys(r["label"] for r in data["http"]
                                    if r["label"].startswith("ours_") and r["conns"] == 16))
        p99s = [(label, p99_runs(data, label, 16)) for label in labels]
        p99s = [(label, runs) for label, runs in p99s if runs]
        if p99s:
            # Several runs (bench/run.sh, P99_RUNS): the target is judged on their median.
            ok = all(statistics.median(runs) < 2000 for _, runs in p99s)
            ng = p99_runs(data, "nginx_items", 16)
            ref = f" (nginx, same machine and settings: {p99_text(ng)})" if ng else ""
            what = "median of the runs" if any(len(runs) > 1 for _, runs in p99s) else "one run"
            rows.append((f"p99 < 2 ms at 16 connections (every endpoint of ours, real corpus; {what})",
                         ", ".join(f"{l.removeprefix('ours_')} {p99_text(runs)}" for l, runs in p99s) + ref,
                         verdict(ok)))
    after = load.get("after") if load else None
    if not after:
        rows.append(("load: 256+ connections, zero errors, stable memory", absent, verdict(None)))
    else:
        res = http_row(data, "load_mixed", max(r["conns"] for r in data["http"] if r["label"] == "load_mixed"))
        if res:
            errors = sum(res["errors"].values())
            non2xx = sum(v for k, v in res.get("statuses", {}).items() if not k.startswith("2"))
            rss = [s["rss_kb"] for s in load["rss"]]
            rows.append(("load: 256+ connections, zero errors, stable memory",
                         f"{fmt_rps(res['requests'])} requests, {errors} socket errors, {non2xx} non-2xx; "
                         f"RSS {rss[0] / 1024:.1f} → {rss[-1] / 1024:.1f} MiB (max {max(rss) / 1024:.1f})",
                         verdict(errors == 0 and non2xx == 0 and after["health_after"] == 200
                                 and max(rss) < 2 * rss[0] + 64 * 1024)))
    scale = {s["factor"]: s for s in data["scale"]}
    if 1 not in scale:
        rows += [("real corpus start-up < 50 ms (process start → first 200 on /health, median)", absent, verdict(None)),
                 ("full export of every format < 200 ms (the `export` command, median)", absent, verdict(None))]
    else:
        s = scale[1]
        rows.append(("real corpus start-up < 50 ms (process start → first 200 on /health, median)",
                     f"{s['startup']['median_ms']:.1f} ms", verdict(s["startup"]["median_ms"] < 50)))
        rows.append(("full export of every format < 200 ms (the `export` command, median)",
                     f"{s['export_median_ms']:.1f} ms", verdict(s["export_median_ms"] < 200)))
    if 1000 not in scale:
        rows += [("×1000: start-up < 3 s", absent, verdict(None)), ("×1000: RSS < 1 GiB", absent, verdict(None)),
                 ("×1000: search p99 < 10 ms (16 connections)", absent, verdict(None))]
    else:
        s = scale[1000]
        rows.append(("×1000: start-up < 3 s", f"{s['startup']['median_ms'] / 1000:.2f} s",
                     verdict(s["startup"]["median_ms"] < 3000)))
        rss = max(s["rss_after_startup_kb"], s["rss_after_load_kb"])
        rows.append(("×1000: RSS < 1 GiB", f"{rss / 1024:.0f} MiB (peak during start-up {s['vmhwm_kb'] / 1024:.0f} MiB)",
                     verdict(rss < 1024 * 1024)))
        search = next((h["result"] for h in s["http"] if h["label"] == "x1000_search"), None)
        if search:
            p99 = search["latency_us"]["p99"]
            rows.append(("×1000: search p99 < 10 ms (16 connections)", f"{ms(p99)} ms", verdict(p99 < 10000)))
    if not any(r["factor"] == 1 for r in data["rdflib"]):
        rows.append(("Turtle serialisation ≥ 20× faster than rdflib", absent, verdict(None)))
    for r in data["rdflib"]:
        if r["factor"] == 1:
            ratio_ = r["rdflib"]["serialize_median_ms"] / r["ours_median_ms"]
            rows.append(("Turtle serialisation ≥ 20× faster than rdflib",
                         f"{ratio_:.0f}× ({r['rdflib']['serialize_median_ms']:.1f} ms vs {r['ours_median_ms']:.2f} ms, "
                         f"{r['rdflib']['triples']} triples)", verdict(ratio_ >= 20)))
    out = ["| Target | Measured | |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return out


def pinning(m):
    p = m.get("pinning")
    if not p:
        return "2 threads (1 at c=1); servers and wrk share the 2 cores"
    threads = p["client_threads"]
    if not p["pinned"]:
        return f"{threads} wrk threads; servers and wrk share every core (`--no-pin`)"

    def cpus(spec):
        first, _, last = spec.partition("-")
        return f"CPU {first}" if not last or first == last else f"CPUs {spec}"

    return (f"servers on {cpus(p['server_cpus'])} (nginx and ours: one worker per core there, "
            f"Datasette its one process), wrk on {cpus(p['client_cpus'])} "
            f"({threads} thread{'s' if threads > 1 else ''}, at most one per connection)")


def cpu_label(m):
    """The CPU's name with its family and model from `lscpu`: the name alone ("AMD EPYC") does
    not tell a Zen 3 Milan (family 25) from a Zen 5 Turin (family 26), and figures differ a lot."""
    fields = {}
    for line in (m.get("lscpu") or "").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    family, model = fields.get("CPU family"), fields.get("Model")
    name = m.get("cpu")
    return f"{name} (family {family}, model {model})" if family and model else name


def markdown(data):
    m = data["machine"] or {}
    end = data["end"] or {}
    out = [BEGIN, ""]
    out.append(f"Run `{m.get('stamp')}`{' (--quick)' if m.get('quick') else ''}, commit `{m.get('git')}`, "
               f"harness {end.get('harness_seconds', '?')} s. Raw figures: "
               f"[`bench/results/{m.get('stamp')}.json`](bench/results/{m.get('stamp')}.json).")
    out += ["", f"### Targets (CPU: {cpu_label(m)}, `nproc` = {m.get('nproc')})", ""] + targets(data)
    out += ["", "### Machine", ""]
    out += [f"- CPU: {cpu_label(m)}, `nproc` = {m.get('nproc')}; memory {m.get('mem_total')}; kernel {m.get('kernel')}",
            f"- load average at start / end: {m.get('loadavg_start')} / {end.get('loadavg_end')} "
            "(other jobs on the machine make latency tails noisy: see the notes)",
            f"- {m.get('rustc')}; nginx {m.get('nginx')}; {m.get('wrk')}; {m.get('hyperfine')}; Datasette {m.get('datasette')}",
            f"- every HTTP run: wrk, {m.get('durations_s', {}).get('http')} s, keep-alive, no compression, "
            "after a 1 s warm-up; " + pinning(m), ""]
    out += ["```", (m.get("free_h") or "").rstrip(), "```", ""]

    if data["http"]:
        out += ["### HTTP: ours vs nginx (same bytes) vs Datasette (same tables)", "",
                "| Request | Server | c | req/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|---:|"]
        for r in data["http"]:
            if r["label"] == "load_mixed" or r["label"].startswith("x") or "rps" not in r["result"]:
                continue
            res = r["result"]
            errors = sum(res["errors"].values())
            path = r["url"].split("/", 3)[-1]
            run = f" (run {r['run']})" if r.get("run", 1) > 1 else ""
            out.append(f"| `{r['label']}`{run} `/{path}` | {r['server']} | {r['conns']} | {fmt_rps(res['rps'])} | "
                       f"{ms(res['latency_us']['p50'])} | {ms(res['latency_us']['p99'])} | {errors} |")
        out += ["", "Ratios of requests/s:", "", "| c | ours/nginx (items) | ours/Datasette (items) | "
                "ours /search / Datasette search | ours items?q= / Datasette search |", "|---:|---:|---:|---:|---:|"]
        for c in sorted({r["conns"] for r in data["http"] if r["label"] == "nginx_items"}):
            def rr(a, b):
                x, y = http_row(data, a, c), http_row(data, b, c)
                return f"{x['rps'] / y['rps']:.2f}×" if x and y and y["rps"] else "–"
            out.append(f"| {c} | {rr('ours_items', 'nginx_items')} | {rr('ours_items', 'datasette_items')} | "
                       f"{rr('ours_search', 'datasette_search')} | {rr('ours_items_q', 'datasette_search')} |")
        out.append("")

    if data["load"]["rss"]:
        res = http_row(data, "load_mixed", max(r["conns"] for r in data["http"] if r["label"] == "load_mixed"))
        rss = [s["rss_kb"] for s in data["load"]["rss"]]
        out += ["### Load: harvesters' burst", ""]
        if res:
            out.append(f"{res['requests']:,} requests in {res['duration_s']:.0f} s over {max(r['conns'] for r in data['http'] if r['label'] == 'load_mixed')} "
                       f"connections (8 paths in turn: lists, motion, search, CSV, theme, health): {fmt_rps(res['rps'])} req/s, "
                       f"p50 {ms(res['latency_us']['p50'])} ms, p99 {ms(res['latency_us']['p99'])} ms, max {ms(res['latency_us']['max'])} ms; "
                       f"errors {res['errors']}; statuses {res.get('statuses')}.")
        out.append(f"Server RSS (MiB) every 2 s: {', '.join(f'{x / 1024:.1f}' for x in rss)} — start {rss[0] / 1024:.1f}, "
                   f"end {rss[-1] / 1024:.1f}, max {max(rss) / 1024:.1f}. /health after the load: "
                   f"{data['load']['after'].get('health_after') if data['load']['after'] else '?'}.")
        out.append("")

    if data["scale"]:
        out += ["### Scale: ×1 (repository), ×10, ×100, ×1000 (`scale_corpus`)", "",
                "| corpus | items | start-up median ms (runs) | load + validate ms | search index ms | API views ms | RSS after start-up MiB | RSS after load MiB | search p50 / p99 ms | items page p99 ms | items?q= p99 ms | export median ms |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for s in data["scale"]:
            ph = s.get("phases") or {}
            hs = {h["label"].split("_", 1)[1]: h["result"] for h in s["http"] if "latency_us" in h["result"]}
            search = hs.get("search")
            out.append(
                f"| ×{s['factor']} | {s['items']} | {s['startup']['median_ms']:.1f} ({len(s['startup']['runs_ms'])}) | "
                f"{ph.get('corpus_load_ms', '–')} | {ph.get('search_index_build_ms', '–')} | {ph.get('app_state_build_ms', '–')} | "
                f"{s['rss_after_startup_kb'] / 1024:.0f} | {s['rss_after_load_kb'] / 1024:.0f} | "
                f"{ms(search['latency_us']['p50']) + ' / ' + ms(search['latency_us']['p99']) if search else '–'} | "
                f"{ms(hs['items_page']['latency_us']['p99']) if 'items_page' in hs else '–'} | "
                f"{ms(hs['items_q']['latency_us']['p99']) if 'items_q' in hs else '–'} | {s['export_median_ms']} |")
        base = data["scale"][0]
        out += ["", "Growth against the corpus (×1 → ×N; linear would be N):", ""]
        for s in data["scale"][1:]:
            n = s["items"] / base["items"] if base["items"] else s["factor"]
            out.append(f"- ×{s['factor']} ({n:.0f}× the items): start-up {s['startup']['median_ms'] / base['startup']['median_ms']:.0f}×, "
                       f"export {s['export_median_ms'] / base['export_median_ms']:.0f}×, "
                       f"RSS {s['rss_after_load_kb'] / base['rss_after_load_kb']:.1f}×")
        out.append("")
        out.append("API views = tables + search index + OpenAPI (`AppState::build`); the phase columns are one "
                   "timed pass each (`cargo bench --bench startup_phases`), the start-up column the median of whole processes.")
        out.append("")

    if data["criterion"]:
        out += ["### In-process (criterion)", "", "| benchmark | mean | median | 95 % CI of the mean |", "|---|---:|---:|---|"]
        for c in sorted(data["criterion"], key=lambda c: c["id"]):
            out.append(f"| `{c['id']}` | {fmt_ns(c['mean_ns'])} | {fmt_ns(c['median_ns'])} | "
                       f"{fmt_ns(c['ci_low_ns'])} – {fmt_ns(c['ci_high_ns'])} |")
        out.append("")

    if data.get("replicas"):
        out += ["### Two replicas behind the nginx cache (`scripts/deploy/`)", "",
                "| Request | Through | c | req/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|---:|"]
        for r in data["replicas"]:
            res = r["result"]
            if "rps" not in res:
                continue
            path = r["url"].split("/", 3)[-1]
            out.append(f"| `{r['label']}` `/{path}` | {r['server']} | {r['conns']} | {fmt_rps(res['rps'])} | "
                       f"{ms(res['latency_us']['p50'])} | {ms(res['latency_us']['p99'])} | {sum(res['errors'].values())} |")
        out += ["", "```", data.get("replicas_notes", "").rstrip(), "```", ""]

    if data["rdflib"]:
        out += ["### Turtle: ours vs rdflib (same triples)", "",
                "| corpus | triples | rdflib serialize median ms | ours median ms | ratio |", "|---|---:|---:|---:|---:|"]
        for r in data["rdflib"]:
            ratio_ = r["rdflib"]["serialize_median_ms"] / r["ours_median_ms"]
            out.append(f"| ×{r['factor']} | {r['rdflib']['triples']} | {r['rdflib']['serialize_median_ms']} | "
                       f"{r['ours_median_ms']} | {ratio_:.0f}× |")
        out.append("")
    out.append(END)
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--run", help="a run directory of bench/run.sh")
    p.add_argument("--from-json", help="a results file instead of a run directory")
    p.add_argument("--results", default=None)
    p.add_argument("--markdown", required=True)
    args = p.parse_args()
    if args.from_json:
        data = read_json(args.from_json)
        scale_http_from_http(data)
    else:
        data = gather(args.run)
        stamp = data["machine"]["stamp"]
        for name in (f"{stamp}.json", "latest.json"):
            with open(os.path.join(args.results, name), "w") as f:
                json.dump(data, f, indent=1, ensure_ascii=False)
                f.write("\n")
        print(f"wrote {args.results}/{stamp}.json")
    block = markdown(data)
    if os.path.exists(args.markdown):
        text = open(args.markdown, encoding="utf-8").read()
    else:
        text = f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text += "\n" + block + "\n"
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"updated {args.markdown}")
    print("\n".join(l for l in block.splitlines() if l.startswith("| ") and ("met" in l or "missed" in l or "not measured" in l)))


if __name__ == "__main__":
    main()
