#!/usr/bin/env python3
"""Browser checks of the reading site, run by scripts/validate-site.sh.

Drives headless Chromium through ChromeDriver with the W3C WebDriver protocol spoken over HTTP
with the standard library (no client library to pin). For every page type: the page opens,
axe-core finds no violation of WCAG 2.1 A/AA, the page has `lang="fr"` and one `h1`; its weight,
requests and DOM size give an EcoIndex grade; screenshots at 1280 and 320 px are saved. Then two
keyboard-only paths: home → a proposal, and search box → a hit.

Usage: site_browser.py BASE_URL WEBDRIVER_URL AXE_JS ARTEFACTS_DIR
"""

import base64
import json
import os
import sys
import urllib.parse
import urllib.request

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TAB, ENTER = "\ue004", "\ue007"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def example_query(name):
    """An example query of the /sparql page, as its link sends it (the theme example names no
    {base}, so it runs as written)."""
    with open(f"src/sparql/examples/{name}.rq", encoding="utf-8") as f:
        return urllib.parse.quote(f.read(), safe="")


# One page of each type (path, name used for screenshots and the report).
PAGES = [
    ("/", "home"),
    ("/id/motion/2026", "motion"),
    ("/recherche?q=donn%C3%A9es", "search"),
    ("/recherche?q=donn%C3%A9es&congress=2021&theme=donnees", "search-filtered"),
    ("/recherche?q=zzzzzz", "search-empty"),
    ("/telechargements", "downloads"),
    ("/releases/", "releases"),
    ("/releases/2026.1/", "release"),
    ("/editions", "editions"),
    ("/id/congress/2026", "edition"),
    ("/themes", "themes"),
    ("/id/theme/donnees", "theme"),
    ("/personnes", "people"),
    ("/id/person/mathieu-filmotte", "person"),
    ("/organisations", "organizations"),
    ("/id/organization/agen", "organization"),
    ("/sources", "sources"),
    ("/id/source/2026-propositions", "source"),
    ("/id/item/2021-axis-1.2", "item"),
    ("/page-qui-n-existe-pas", "error-404"),
    ("/recherche?q=x&type=inconnu", "error-400"),
    # The SPARQL endpoint as a browser sees it: the form, a table of results (long texts and
    # IRIs), a query with a syntax error.
    ("/sparql", "sparql"),
    ("/sparql?query=" + example_query("theme"), "sparql-results"),
    ("/sparql?query=SELECT%20%3Fx%20WHERE%20%7B", "sparql-error"),
]

# EcoIndex (GreenIT-Analysis, ecoindex.fr): quantiles of DOM size, requests and weight (KB) of
# the HTTP Archive sample the grade is relative to, and the published weighting 3:2:1.
Q_DOM = [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237,
         1459, 1801, 2479, 594601]
Q_REQ = [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281,
         3920]
Q_SIZE = [0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32,
          1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54,
          223212.26]
GRADES = [("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10), ("G", 0)]


def quantile(quantiles, value):
    for i in range(1, len(quantiles)):
        if value < quantiles[i]:
            return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1])
    return len(quantiles) - 1


def ecoindex(dom, requests, size_kb):
    score = 100 - 5 * (3 * quantile(Q_DOM, dom) + 2 * quantile(Q_REQ, requests)
                       + quantile(Q_SIZE, size_kb)) / 6
    grade = next(g for g, floor in GRADES if score > floor or floor == 0)
    return round(score, 1), grade


class WebDriver:
    def __init__(self, url):
        self.url = url.rstrip("/")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                   "args": CHROME_FLAGS},
        }}}
        self.session = self.call("POST", "/session", caps)["sessionId"]
        # Every page is weighed as a first visit: nothing comes from the browser's cache.
        self.s("POST", "/goog/cdp/execute", {"cmd": "Network.enable", "params": {}})
        self.s("POST", "/goog/cdp/execute", {"cmd": "Network.setCacheDisabled",
                                            "params": {"cacheDisabled": True}})

    def call(self, method, path, body=None):
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as res:
                return json.load(res)["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"WebDriver {method} {path}: {e.read().decode()[:500]}") from None

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, *args):
        return self.s("POST", "/execute/async", {"script": script, "args": list(args)})

    def size(self, width, height):
        self.s("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def keys(self, *keys):
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard",
                                                 "actions": actions}]})

    def quit(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        except Exception:
            pass


def fail(message):
    print(f"validate-site: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def tab_until(driver, predicate_js, limit=200):
    """Presses Tab until the focused element satisfies `predicate_js` (a function body taking
    the element `e`), returns what it describes."""
    for _ in range(limit):
        driver.keys(TAB)
        found = driver.js(f"const e = document.activeElement; return ({predicate_js}) ? "
                          "(e.getAttribute('href') || e.id || e.tagName) : null;")
        if found:
            return found
    fail(f"no focusable element matching {predicate_js} within {limit} Tab presses")


def main():
    base, webdriver_url, axe_path, artefacts = sys.argv[1:5]
    os.makedirs(artefacts, exist_ok=True)
    axe = open(axe_path, encoding="utf-8").read()
    driver = WebDriver(webdriver_url)
    report = []
    try:
        # The check can fail: on a page made to break WCAG (no lang, an image without text, an
        # unlabelled field), axe-core must report violations, or the clean results mean nothing.
        driver.go("data:text/html,<title>x</title><img src=x><input>")
        driver.js(axe)
        broken = driver.js_async(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(r => done(r.violations.map(v => v.id)));", TAGS)
        if not {"html-has-lang", "image-alt", "label"} <= set(broken):
            fail(f"axe-core missed the violations of a broken page: {broken}")

        for path, name in PAGES:
            driver.size(1280, 900)
            driver.go(base + path)
            facts = driver.js(
                "const nav = performance.getEntriesByType('navigation')[0];"
                "const res = performance.getEntriesByType('resource');"
                "return {lang: document.documentElement.lang,"
                " h1: document.querySelectorAll('h1').length,"
                " title: document.title,"
                " dom: document.getElementsByTagName('*').length,"
                " requests: 1 + res.length,"
                " hosts: res.map(r => new URL(r.name).host).filter(h => h !== location.host),"
                " bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),"
                " decoded: nav.decodedBodySize + res.reduce((n, r) => n + r.decodedBodySize, 0)};")
            if facts["lang"] != "fr":
                fail(f"{path}: lang is {facts['lang']!r}")
            if facts["h1"] != 1:
                fail(f"{path}: {facts['h1']} h1 elements")
            if facts["hosts"]:
                fail(f"{path}: requests to other hosts {facts['hosts']}")
            driver.js(axe)
            result = driver.js_async(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                ".then(r => done({violations: r.violations.map(v => ({id: v.id, help: v.help,"
                " nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary)}))}))"
                ".catch(e => done({error: String(e)}));", TAGS)
            if "error" in result:
                fail(f"{path}: axe-core failed: {result['error']}")
            if result["violations"]:
                for v in result["violations"]:
                    print(f"  {path}: {v['id']}: {v['help']}", file=sys.stderr)
                    for node in v["nodes"][:5]:
                        print(f"    {node}", file=sys.stderr)
                fail(f"{path}: {len(result['violations'])} axe-core violation(s)")
            driver.screenshot(os.path.join(artefacts, f"{name}-1280.png"))
            driver.size(320, 900)
            # A 320 px wide page must not scroll sideways (WCAG 1.4.10 reflow).
            overflow = driver.js("return document.documentElement.scrollWidth - "
                                 "document.documentElement.clientWidth;")
            if overflow > 0:
                fail(f"{path}: {overflow} px of horizontal scrolling at 320 px")
            driver.screenshot(os.path.join(artefacts, f"{name}-320.png"))
            score, grade = ecoindex(facts["dom"], facts["requests"], facts["bytes"] / 1024)
            row = {"page": name, "path": path, "dom": facts["dom"],
                   "requests": facts["requests"], "transfer_bytes": facts["bytes"],
                   "decoded_bytes": facts["decoded"], "ecoindex": score, "grade": grade}
            report.append(row)
            print(f"validate-site: {path}: axe-core clean; {facts['dom']} elements, "
                  f"{facts['requests']} requests, {facts['bytes']} bytes -> EcoIndex {score} "
                  f"({grade})")

        motion = next(r for r in report if r["page"] == "motion")
        if motion["requests"] > 4 or motion["transfer_bytes"] > 100_000:
            fail(f"the motion page takes {motion['requests']} requests and "
                 f"{motion['transfer_bytes']} bytes (at most 4 and 100 KB)")

        # The motion page shows every item of its motion, as the API lists them.
        with urllib.request.urlopen(base + "/api/v1/items?motion=2026&page_size=100") as res:
            ids = [row["id"] for row in json.load(res)["data"]]
        driver.size(1280, 900)
        driver.go(base + "/id/motion/2026")
        shown = driver.js("return [...document.querySelectorAll('li.item')].map(e => e.id);")
        if sorted(shown) != sorted(ids):
            fail(f"the motion page shows {len(shown)} items, the API lists {len(ids)}")
        print(f"validate-site: /id/motion/2026 shows all {len(ids)} items of the motion")

        # The motion as printed (print stylesheet): a PDF for review, without the menus.
        pdf = base64.b64decode(driver.s("POST", "/print", {"background": False}))
        with open(os.path.join(artefacts, "motion-print.pdf"), "wb") as f:
            f.write(pdf)
        nav_display = "return getComputedStyle(document.querySelector('header.site nav')).display;"
        on_screen = driver.js(nav_display)
        driver.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia",
                                              "params": {"media": "print"}})
        on_paper = driver.js(nav_display)
        driver.s("POST", "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia",
                                              "params": {"media": ""}})
        if not pdf.startswith(b"%PDF") or on_screen == "none" or on_paper != "none":
            fail(f"the motion page did not print cleanly (menu on screen: {on_screen}, "
                 f"on paper: {on_paper})")
        print(f"validate-site: /id/motion/2026 printed ({len(pdf)} bytes of PDF)")

        # Keyboard only: home -> the 2026 motion -> a proposal's permalink.
        driver.go(base + "/")
        first = tab_until(driver, "true")
        if first != "#contenu":
            fail(f"the first Tab stop of the home page is {first!r}, not the skip link")
        tab_until(driver, "e.getAttribute('href') === '/id/motion/2026'")
        driver.keys(ENTER)
        tab_until(driver, "e.closest('li.item') && e.getAttribute('href').startsWith('#')")
        driver.keys(ENTER)
        where = driver.js("return [location.pathname, location.hash,"
                          " document.querySelector(':target')?.className];")
        if where[0] != "/id/motion/2026" or not where[1] or where[2] != "item":
            fail(f"keyboard path home -> proposal ended at {where}")
        print(f"validate-site: keyboard path home -> proposal reached {where[0]}{where[1]}")

        # Keyboard only: the search box of the home page -> a hit, at its place in its motion.
        driver.go(base + "/")
        tab_until(driver, "e.id === 'q'")
        driver.keys(*"données", ENTER)
        tab_until(driver, "e.closest('ol.hits') && "
                  "(e.getAttribute('href') || '').startsWith('/id/motion/')")
        driver.keys(ENTER)
        where = driver.js("return [location.pathname, location.hash,"
                          " !!(location.hash && document.getElementById("
                          "decodeURIComponent(location.hash.slice(1))))];")
        if not where[0].startswith("/id/motion/") or not where[1] or not where[2]:
            fail(f"keyboard path search -> hit ended at {where}")
        print(f"validate-site: keyboard path search box -> hit reached {where[0]}{where[1]}")
    finally:
        driver.quit()
    with open(os.path.join(artefacts, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print(f"validate-site: OK; screenshots and report.json in {artefacts}")


if __name__ == "__main__":
    main()
