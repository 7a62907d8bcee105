"""`make bench-pages`: Lighthouse on the built site against a stock Material page, in one run.

Builds the site (or takes a built one, --site-dir) and, beside it, a stock MkDocs Material site
(search plugin only, no extra CSS or JavaScript) holding the longest article's own text. Serves
both from 127.0.0.1 with gzip, as static hosts send them, and runs Lighthouse (scripts/node,
Debian's Chromium, offline: Chromium resolves no host but the loopback) with its defaults:
mobile emulation and simulated throttling. Each page is measured --runs times and the run with
the best performance score is reported. Prints, per page, the scores and metrics, the ratios to
the stock page, whether issue 15's targets are met, and what blocks rendering.

Absolute times move from machine to machine; the ratios to the stock page of the same run are
the target. Figures are printed, never asserted (no timed test).

    python -m atlas.benchpages [--runs 2] [--pages home,gallery,photo,article] [--site-dir site]
                               [--json out.json] [--reports DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

LIGHTHOUSE = Path("scripts/node/node_modules/.bin/lighthouse")  # relative to the project
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The project's usual headless flags (tests/browser use the same), plus offline: every host name
# but the loopback fails to resolve, so a page that asks another host shows it as a failed
# request instead of reaching the network.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"'
)
GALLERY = "ibc-skin-metastases"
PAGES = ("home", "gallery", "photo", "article")
STOCK = "stock"

# Issue 15, "Speed": the article carries the same text as the stock page, so only the atlas's
# own weight stands between them and it must be clearly faster.
ARTICLE_LCP_RATIO = 0.8
MAX_CLS = 0.01

# The Content-Types a static host compresses (the page-weight model, qa/pageweight.py, counts
# the same ones gzipped). Images are sent as stored.
GZIP_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml")


# --- Serving ------------------------------------------------------------------------------------


class GzipHandler(SimpleHTTPRequestHandler):
    """A static host in miniature: text is sent gzipped (level 6, the usual default) to clients
    that accept it, anything else as stored. Compressed bodies are kept per file and mtime, so
    repeated Lighthouse runs time the page, not Python's gzip."""

    _compressed: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not (path.is_file() and _accepts_gzip(self.headers.get("Accept-Encoding", "")) and content_type.split(";")[0] in GZIP_TYPES):
            return super().send_head()  # directories' redirects, 404s, images, plain clients
        body = self._gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    @classmethod
    def _gzipped(cls, path: Path) -> bytes:
        key = (str(path), path.stat().st_mtime)
        with cls._lock:
            if key not in cls._compressed:
                cls._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return cls._compressed[key]

    def log_message(self, format, *args):
        pass  # the benchmark prints figures, not every request


def _accepts_gzip(accept_encoding: str) -> bool:
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Chromium drops connections it no longer needs (when Lighthouse ends a run, or a
        # prefetched file arrives too late): not a fault of the page or of the benchmark.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_gzip(site_dir: Path):
    """Serve `site_dir` gzipped on a free port of 127.0.0.1 for the `with` block; yields its base URL."""
    from .qa.serve import serve_with

    return serve_with(GzipHandler, site_dir, server_class=_QuietServer, name="atlas-bench-server")


# --- The stock page -----------------------------------------------------------------------------

CITATION = re.compile(r"[ \t]?\[@[^\]\n]*\]")
MARKER = re.compile(r"[ \t]?\[\[[^\]\n]*\]\]")


def longest_article(docs: Path) -> Path:
    """The longest docs/*.md with `review:` in its front matter (the articles), by body length."""
    from .prepare import split_front_matter

    best, best_length = None, -1
    for path in sorted(docs.glob("*.md")):
        meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"), shown=path.name, errors=[])
        if "review" in meta and len(body) > best_length:
            best, best_length = path, len(body)
    if best is None:
        raise SystemExit(f"No article in {docs}: none of its .md files has `review:` in its front matter.")
    return best


def stock_markdown(text: str) -> str:
    """The article's own text as plain Markdown: front matter, citations ([@key]) and the
    atlas's markers ([[photo:...]], [[support]], ...) taken out; everything else kept."""
    from .prepare import split_front_matter

    _, body, _ = split_front_matter(text, shown="article", errors=[])
    body = MARKER.sub("", CITATION.sub("", body))
    return re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"


def _read_mkdocs_yml(path: Path) -> dict:
    class _Loader(yaml.SafeLoader):
        pass

    # MkDocs' own tags (!ENV, !relative) do not matter here: read as null.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def stock_config(project_config: dict, *, slug: str) -> dict:
    """A stock Material configuration: the project's name, language and Markdown extensions
    (so the text renders the same; the atlas's own extensions left out), theme defaults, the
    search plugin and nothing else. `font: false` as on the atlas: Material's default fetches
    Google Fonts, another host, which this offline run could not reach anyway."""
    extensions = [
        ext for ext in project_config.get("markdown_extensions") or []
        if not str(next(iter(ext)) if isinstance(ext, dict) else ext).startswith("atlas.")
    ]
    language = (project_config.get("theme") or {}).get("language", "en")
    return {
        "site_name": project_config.get("site_name", "Stock"),
        "theme": {"name": "material", "language": language, "font": False},
        "plugins": ["search"],
        "markdown_extensions": extensions,
        "nav": [{"Home": "index.md"}, {"Article": f"{slug}.md"}],
    }


def build_stock_site(project_root: Path, article: Path, into: Path) -> Path:
    """Build the stock site into `into`/site with MkDocs itself; returns the site folder."""
    project_config = _read_mkdocs_yml(project_root / "mkdocs.yml")
    slug = article.stem
    docs = into / "docs"
    shutil.rmtree(into, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(f"# Stock Material\n\n[The article]({slug}.md)\n", encoding="utf-8")
    (docs / f"{slug}.md").write_text(stock_markdown(article.read_text(encoding="utf-8")), encoding="utf-8")
    config = into / "mkdocs.yml"
    config.write_text(yaml.safe_dump(stock_config(project_config, slug=slug), sort_keys=False), encoding="utf-8")
    site = into / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"The stock Material site did not build:\n{done.stderr}")
    return site


# --- Lighthouse ---------------------------------------------------------------------------------


@dataclass
class Result:
    """One Lighthouse run of one page, as the table shows it."""

    page: str
    url: str
    perf: float
    lcp_s: float
    tbt_ms: float
    cls: float
    a11y: float
    bp: float
    seo: float
    transfer_kib: float
    blocking: list[tuple[str, float]] = field(default_factory=list)  # (path, ms Lighthouse estimates)
    lcp_element: str = ""
    lcp_phases: dict[str, float] = field(default_factory=dict)  # simulated, phase -> ms
    lcp_observed: dict[str, float] = field(default_factory=dict)  # unthrottled, subpart -> ms
    lcp_discovery: list[str] = field(default_factory=list)  # what the LCP image lacks
    other_hosts: list[str] = field(default_factory=list)  # requests the page tried off 127.0.0.1
    runs_perf: list[float] = field(default_factory=list)  # every run's score, best one reported
    browser: str = ""  # Lighthouse's version and the browser's, as the report names them


def _score(report: dict, category: str) -> float:
    score = report["categories"].get(category, {}).get("score")
    return float("nan") if score is None else float(score)


def _numeric(report: dict, audit: str) -> float:
    value = report["audits"].get(audit, {}).get("numericValue")
    return float("nan") if value is None else float(value)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") if parts.hostname in ("127.0.0.1", "localhost") else url


def summarize(report: dict, *, page: str) -> Result:
    """The figures of one Lighthouse JSON report (lighthouse --output=json)."""
    audits = report["audits"]
    blocking_audit = audits.get("render-blocking-resources") or audits.get("render-blocking-insight") or {}
    blocking = [(_path_of(item["url"]), float(item.get("wastedMs") or 0)) for item in (blocking_audit.get("details") or {}).get("items", []) if "url" in item]
    element, phases, observed, discovery = _lcp_element(audits)
    requests = ((audits.get("network-requests") or {}).get("details") or {}).get("items", [])
    other_hosts = sorted({urlsplit(r["url"]).hostname or r["url"] for r in requests if urlsplit(r.get("url", "")).scheme in ("http", "https") and urlsplit(r["url"]).hostname not in ("127.0.0.1", "localhost")})
    return Result(
        page=page,
        url=report.get("finalDisplayedUrl") or report.get("requestedUrl", ""),
        perf=_score(report, "performance"),
        lcp_s=_numeric(report, "largest-contentful-paint") / 1000,
        tbt_ms=_numeric(report, "total-blocking-time"),
        cls=_numeric(report, "cumulative-layout-shift"),
        a11y=_score(report, "accessibility"),
        bp=_score(report, "best-practices"),
        seo=_score(report, "seo"),
        transfer_kib=_numeric(report, "total-byte-weight") / 1024,
        blocking=sorted(blocking, key=lambda b: -b[1]),
        lcp_element=element,
        lcp_phases=phases,
        lcp_observed=observed,
        lcp_discovery=discovery,
        other_hosts=other_hosts,
        browser=f"Lighthouse {report.get('lighthouseVersion', '?')}, {_browser(report)}",
    )


def _browser(report: dict) -> str:
    agent = (report.get("environment") or {}).get("hostUserAgent", "")
    found = re.search(r"(?:Headless)?Chrome/[\d.]+", agent)
    return found.group(0) if found else (agent or "browser unknown")


def _lcp_element(audits: dict) -> tuple[str, dict[str, float], dict[str, float], list[str]]:
    """The LCP element; its phases as simulated for the reported (throttled) LCP, from
    largest-contentful-paint-element; as observed unthrottled, from the lcp-breakdown insight
    (the simulation leaves an image's load delay at 0 when it cannot match the request, the
    observed split still shows it); and what the lcp-discovery insight finds missing (no
    fetchpriority=high, lazy, not discoverable in the HTML)."""
    element, simulated, observed, discovery = "", {}, {}, []
    for audit, phases in (("largest-contentful-paint-element", simulated), ("lcp-breakdown-insight", observed)):
        for part in ((audits.get(audit) or {}).get("details") or {}).get("items", []):
            nodes = [part] if part.get("type") == "node" else []
            for item in part.get("items", []) if part.get("type") == "table" else []:
                if "node" in item:
                    nodes.append(item["node"])
                elif "phase" in item and "timing" in item:
                    phases[item["phase"]] = float(item["timing"])
                elif "label" in item and "duration" in item:
                    phases[item["label"]] = float(item["duration"])
            if nodes and not element:
                element = _describe_node(nodes[0])
    for part in ((audits.get("lcp-discovery-insight") or {}).get("details") or {}).get("items", []):
        if part.get("type") == "checklist":
            discovery = [check["label"] for check in part.get("items", {}).values() if check.get("value") is False]
    return element, simulated, observed, discovery


def _describe_node(node: dict) -> str:
    """`img "Chest skin along..."`: the element's tag and Lighthouse's label for it."""
    tag = re.match(r"<([a-zA-Z0-9-]+)", node.get("snippet") or "")
    label = " ".join((node.get("nodeLabel") or "").split())
    label = label if len(label) <= 50 else label[:49].rstrip() + "..."
    return " ".join(part for part in ((tag.group(1) if tag else ""), f'"{label}"' if label else "") if part) or node.get("selector", "")


def best_of(results: list[Result]) -> Result:
    """The run with the best performance score (on a tie, the earlier LCP), with every run's
    score kept beside it."""
    best = max(results, key=lambda r: (r.perf, -r.lcp_s))
    best.runs_perf = [r.perf for r in results]
    return best


def run_lighthouse(lighthouse: Path, chromium: str, url: str, output: Path) -> dict:
    command = [
        str(lighthouse), url,
        f"--chrome-path={chromium}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={output}", "--quiet",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"Lighthouse took more than 5 minutes on {url}; is Chromium working? ({chromium} --headless=new --version)")
    if done.returncode != 0 or not output.is_file():
        raise SystemExit(f"Lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-2000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not load {url}: {report['runtimeError'].get('message')}")
    return report


# --- Verdicts and the table ---------------------------------------------------------------------


def verdicts(result: Result, stock: Result, *, article: bool) -> dict[str, bool]:
    """Issue 15's targets, each met or not, against the stock page of the same run."""
    lcp_limit = stock.lcp_s * (ARTICLE_LCP_RATIO if article else 1.0)
    return {
        "perf": result.perf >= stock.perf,
        "LCP": result.lcp_s <= lcp_limit,
        "TBT": result.tbt_ms <= stock.tbt_ms,
        "CLS": result.cls <= MAX_CLS,
        "a11y": result.a11y >= 1.0,
        "BP": result.bp >= 1.0,
        "SEO": result.seo >= 1.0,
    }


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def format_table(results: list[Result], stock: Result) -> str:
    """The side-by-side table: one row per page, the stock page last."""
    headings = ["page", "perf", "LCP s", "TBT ms", "CLS", "a11y", "BP", "SEO", "transfer KiB", "LCP ratio", "TBT vs stock", "targets"]
    rows = []
    for result in [*results, stock]:
        if result is stock:
            ratio, tbt, targets = "1.00x", "-", "(reference)"
        else:
            checks = verdicts(result, stock, article=result.page == "article")
            missed = [name for name, met in checks.items() if not met]
            ratio = _ratio(result.lcp_s, stock.lcp_s) + (f" (<={ARTICLE_LCP_RATIO})" if result.page == "article" else "")
            tbt = f"{result.tbt_ms - stock.tbt_ms:+.0f}"
            targets = "met" if not missed else "NOT met: " + ", ".join(missed)
        rows.append([
            result.page, f"{result.perf:.2f}", f"{result.lcp_s:.2f}", f"{result.tbt_ms:.0f}", f"{result.cls:.3f}",
            f"{result.a11y:.2f}", f"{result.bp:.2f}", f"{result.seo:.2f}", f"{result.transfer_kib:.0f}", ratio, tbt, targets,
        ])
    widths = [max(len(str(row[i])) for row in [headings, *rows]) for i in range(len(headings))]
    numeric = set(range(1, 11))
    lines = []
    for row in [headings, *rows]:
        cells = [str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append(" | ".join(cells).rstrip())
        if row is headings:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def format_blocking(results: list[Result]) -> str:
    """What holds back each page's first paint and its LCP."""
    lines = []
    for result in results:
        lines.append(f"{result.page} ({_path_of(result.url)}):")
        if result.blocking:
            for path, ms in result.blocking:
                lines.append(f"  render-blocking {path} (~{ms:.0f} ms)")
        else:
            lines.append("  render-blocking: nothing")
        if result.lcp_element:
            lines.append(f"  LCP element {result.lcp_element}")
        for label, phases in (("simulated", result.lcp_phases), ("observed, unthrottled", result.lcp_observed)):
            if phases:
                lines.append(f"    {label}: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in phases.items()))
        if result.lcp_discovery:
            lines.append("    LCP image: " + "; ".join(result.lcp_discovery))
        if result.other_hosts:
            lines.append("  asked another host (blocked offline): " + ", ".join(result.other_hosts))
    return "\n".join(lines)


def all_met(results: list[Result], stock: Result) -> bool:
    return all(all(verdicts(r, stock, article=r.page == "article").values()) for r in results)


# --- The pages ----------------------------------------------------------------------------------


def first_published_photo(project_root: Path, site_dir: Path) -> str:
    """The first photo in catalog order that is published today and has its page in site_dir."""
    from .catalog import load_catalog
    from .pages.html import photo_url
    from .permission import Visibility, visibility
    from .settings import load_settings

    settings = load_settings(project_root)
    today = dt.date.today()
    catalog = load_catalog(settings.catalog, images_dir=settings.images, on=today)
    for photo in catalog.photos:
        if visibility(photo, on=today) is Visibility.PUBLISHED:
            url = "/" + photo_url(photo.id).strip("/") + "/"
            if (site_dir / url.strip("/") / "index.html").is_file():
                return url
    raise SystemExit("No published photo page in the built site: the photo page cannot be measured.")


def page_paths(project_root: Path, site_dir: Path, article: Path, wanted: list[str]) -> dict[str, str]:
    from .prepare import page_url

    paths = {}
    for name in wanted:
        if name == "home":
            paths[name] = "/"
        elif name == "gallery":
            paths[name] = f"/galleries/{GALLERY}/"
        elif name == "photo":
            paths[name] = first_published_photo(project_root, site_dir)
        elif name == "article":
            paths[name] = "/" + page_url(article.name)
        elif name.startswith("/"):
            paths[name] = name  # any other page of the site, by its path
        else:
            raise SystemExit(f"Unknown page {name!r}: use {', '.join(PAGES)} or a path such as /treatment/.")
        local = site_dir / paths[name].strip("/") / "index.html" if paths[name].endswith("/") else site_dir / paths[name].lstrip("/")
        if not local.is_file():
            raise SystemExit(f"The {name} page {paths[name]} is not in {site_dir}.")
    return paths


def measure(lighthouse: Path, chromium: str, base: str, name: str, path: str, *, runs: int, reports: Path) -> Result:
    results = []
    for n in range(runs):
        print(f"  {name} {path} run {n + 1}/{runs} ...", flush=True)
        output = reports / f"{name.strip('/').replace('/', '_') or 'page'}-{n + 1}.json"
        results.append(summarize(run_lighthouse(lighthouse, chromium, base + path, output), page=name))
    return best_of(results)


def tools(project_root: Path) -> tuple[Path, str]:
    lighthouse = project_root / LIGHTHOUSE
    if not os.access(lighthouse, os.X_OK):
        raise SystemExit(f"Lighthouse is not installed at {lighthouse}: run `make bench-pages` (it runs npm ci in scripts/node), or npm ci --prefix scripts/node.")
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("Chromium is not installed: apt-get install chromium (Debian's package; the browser tests use it too).")
    return lighthouse, chromium


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="atlas.benchpages", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="Lighthouse runs per page, the best reported (default 2)")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated: {', '.join(PAGES)} or site paths (default all four); the stock page is always measured")
    parser.add_argument("--site-dir", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--json", type=Path, help="also save the figures to this file")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    project_root = args.project.resolve()
    wanted = [name.strip() for name in args.pages.split(",") if name.strip()]
    lighthouse, chromium = tools(project_root)
    article = longest_article(project_root / "docs")

    with tempfile.TemporaryDirectory(prefix="atlas-bench-pages-") as temp:
        temp = Path(temp)
        reports = (args.reports or temp / "reports").resolve()
        reports.mkdir(parents=True, exist_ok=True)
        if args.site_dir:
            site_dir = args.site_dir.resolve()
        else:
            from .build import build_site

            print("Building the site ...", flush=True)
            site_dir = build_site(project_root / "mkdocs.yml", site_dir=temp / "atlas" / "site")
        print(f"Building the stock Material page of {article.name} ...", flush=True)
        stock_dir = build_stock_site(project_root, article, temp / "stock")
        paths = page_paths(project_root, site_dir, article, wanted)

        print(f"Lighthouse, {args.runs} run(s) per page (mobile, simulated throttling, offline) ...", flush=True)
        with serve_gzip(site_dir) as atlas_base, serve_gzip(stock_dir) as stock_base:
            results = [measure(lighthouse, chromium, atlas_base, name, path, runs=args.runs, reports=reports) for name, path in paths.items()]
            stock = measure(lighthouse, chromium, stock_base, STOCK, f"/{article.stem}/", runs=args.runs, reports=reports)

    print()
    print(stock.browser)
    print(f"Best of {args.runs} run(s) by performance; stock = {article.name}'s text on stock Material, in the same run")
    print(format_table(results, stock))
    print()
    print("Targets: perf >= stock, LCP <= stock (article <= 0.8x), TBT <= stock, CLS <= 0.01, a11y/BP/SEO 1.00.")
    print("all targets met" if all_met(results, stock) else "targets NOT all met")
    print()
    print("What blocks rendering, and the LCP element (simulated phases):")
    print(format_blocking([*results, stock]))
    if args.json:
        figures = {
            "date": dt.date.today().isoformat(),
            "runs": args.runs,
            "article": article.name,
            "pages": [{**asdict(r), "targets": verdicts(r, stock, article=r.page == "article")} for r in results],
            "stock": asdict(stock),
            "all_met": all_met(results, stock),
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nFigures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
