"""`make bench-pages`: its pure parts, from fixed Lighthouse-like reports, and its gzip server.
Nothing here runs Lighthouse or times anything: the benchmark prints figures, never asserts them."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from atlas import benchpages
from atlas.benchpages import Result, best_of, format_blocking, format_table, serve_gzip, summarize, verdicts


def report(*, perf=0.95, lcp_ms=1720.0, tbt=224.0, cls=0.0, a11y=1.0, bp=1.0, seo=1.0, bytes_=194560, url="http://127.0.0.1:4000/photos/a/") -> dict:
    """The parts of a Lighthouse 12 JSON report the benchmark reads."""
    image = {"type": "node", "snippet": '<img src="x.jpg" alt="A red patch">', "nodeLabel": "A red patch on the chest", "selector": "figure > img"}
    return {
        "lighthouseVersion": "12.8.2",
        "environment": {"hostUserAgent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0 Safari/537.36"},
        "finalDisplayedUrl": url,
        "categories": {"performance": {"score": perf}, "accessibility": {"score": a11y}, "best-practices": {"score": bp}, "seo": {"score": seo}},
        "audits": {
            "largest-contentful-paint": {"numericValue": lcp_ms},
            "total-blocking-time": {"numericValue": tbt},
            "cumulative-layout-shift": {"numericValue": cls},
            "total-byte-weight": {"numericValue": bytes_},
            "render-blocking-resources": {"details": {"items": [
                {"url": "http://127.0.0.1:4000/assets/atlas.css", "wastedMs": 300},
                {"url": "http://127.0.0.1:4000/assets/javascripts/bundle.min.js", "wastedMs": 750},
            ]}},
            "largest-contentful-paint-element": {"details": {"type": "list", "items": [
                {"type": "table", "items": [{"node": image}]},
                {"type": "table", "items": [{"phase": "TTFB", "timing": 450}, {"phase": "Load Delay", "timing": 885}, {"phase": "Load Time", "timing": 100}, {"phase": "Render Delay", "timing": 285}]},
            ]}},
            "lcp-discovery-insight": {"details": {"type": "list", "items": [
                {"type": "checklist", "items": {"priorityHinted": {"label": "fetchpriority=high should be applied", "value": False}, "eagerlyLoaded": {"label": "lazy load not applied", "value": True}}},
            ]}},
            "network-requests": {"details": {"items": [{"url": url}, {"url": "https://fonts.example.net/a.css"}, {"url": "data:image/png;base64,AA"}]}},
        },
    }


def test_summarize_reads_scores_metrics_and_what_blocks():
    result = summarize(report(), page="photo")
    assert (result.perf, result.lcp_s, result.tbt_ms, result.cls) == (0.95, 1.72, 224.0, 0.0)
    assert result.transfer_kib == 190
    assert result.blocking == [("/assets/javascripts/bundle.min.js", 750.0), ("/assets/atlas.css", 300.0)]
    assert result.lcp_element == 'img "A red patch on the chest"'
    assert result.lcp_phases["Load Delay"] == 885
    assert result.lcp_discovery == ["fetchpriority=high should be applied"]
    assert result.other_hosts == ["fonts.example.net"]
    assert result.browser == "Lighthouse 12.8.2, HeadlessChrome/156.0.0.0"


def test_a_missing_audit_is_not_a_crash():
    bare = report()
    for audit in ("render-blocking-resources", "largest-contentful-paint-element", "lcp-discovery-insight", "network-requests"):
        del bare["audits"][audit]
    result = summarize(bare, page="home")
    assert result.blocking == [] and result.lcp_element == "" and result.other_hosts == []


def test_best_of_takes_the_best_performance_score_and_keeps_every_score():
    runs = [summarize(report(perf=0.91, lcp_ms=2500), page="home"), summarize(report(perf=0.97, lcp_ms=1600), page="home")]
    best = best_of(runs)
    assert best.lcp_s == 1.6 and best.runs_perf == [0.91, 0.97]


STOCK = summarize(report(perf=0.99, lcp_ms=1500, tbt=74, bytes_=66560, url="http://127.0.0.1:4001/treatment/"), page="stock")


def test_verdicts_against_the_stock_page():
    today = summarize(report(perf=0.93, lcp_ms=2370, tbt=224, cls=0.02, seo=0.92), page="article")
    assert verdicts(today, STOCK, article=True) == {"perf": False, "LCP": False, "TBT": False, "CLS": False, "a11y": True, "BP": True, "SEO": False}
    goal = summarize(report(perf=0.99, lcp_ms=1500, tbt=74, cls=0.01), page="home")
    assert all(verdicts(goal, STOCK, article=False).values())
    # The same LCP is enough on other pages but not on the article (same text: at most 0.8x).
    assert not verdicts(goal, STOCK, article=True)["LCP"]
    assert verdicts(summarize(report(lcp_ms=1200), page="article"), STOCK, article=True)["LCP"]


def test_the_table_shows_ratios_and_targets_side_by_side():
    pages = [summarize(report(perf=0.93, lcp_ms=2370, tbt=224), page="article"), summarize(report(perf=1.0, lcp_ms=1400, tbt=60), page="home")]
    lines = format_table(pages, STOCK).splitlines()
    assert [cell.strip() for cell in lines[0].split("|")] == [
        "page", "perf", "LCP s", "TBT ms", "CLS", "a11y", "BP", "SEO", "transfer KiB", "LCP ratio", "TBT vs stock", "targets"]
    article, home, stock = ([cell.strip() for cell in line.split("|")] for line in lines[2:])
    assert article == ["article", "0.93", "2.37", "224", "0.000", "1.00", "1.00", "1.00", "190", "1.58x (<=0.8)", "+150", "NOT met: perf, LCP, TBT"]
    assert home[9:] == ["0.93x", "-14", "met"]
    assert stock[0] == "stock" and stock[-1] == "(reference)" and stock[8] == "65"
    assert not benchpages.all_met(pages, STOCK) and benchpages.all_met(pages[1:], STOCK)


def test_what_blocks_each_page_is_listed_with_the_lcp_element():
    text = format_blocking([summarize(report(), page="photo")])
    assert "photo (/photos/a/):" in text
    assert "render-blocking /assets/javascripts/bundle.min.js (~750 ms)" in text
    assert 'LCP element img "A red patch on the chest"' in text
    assert "Load Delay 885 ms" in text and "fetchpriority=high should be applied" in text
    assert "asked another host (blocked offline): fonts.example.net" in text


def test_the_stock_text_keeps_the_markdown_and_drops_the_atlas_markup():
    source = (
        "---\ntitle: T\nreview:\n  status: awaiting-review\n---\n\n# Treatment\n\n"
        "!!! abstract \"In brief\"\n\n    Surgery helps some people [@smith2020].\n\n"
        "Radiotherapy [@a2001; @b2002] can help. [[support]]\n\n[[photo:scar-line]]\n\n[[contact-email]] | **bold** [link](x.md)\n"
    )
    assert benchpages.stock_markdown(source) == (
        "# Treatment\n\n!!! abstract \"In brief\"\n\n    Surgery helps some people.\n\n"
        "Radiotherapy can help.\n\n | **bold** [link](x.md)\n"
    )


def test_the_longest_article_is_the_longest_reviewed_page(tmp_path):
    (tmp_path / "index.md").write_text("# Home\n\n" + "long text " * 500)  # no review: not an article
    (tmp_path / "short.md").write_text("---\nreview:\n  status: awaiting-review\n---\n" + "x" * 100)
    (tmp_path / "long.md").write_text("---\nreview:\n  status: awaiting-review\n---\n" + "x" * 300)
    (tmp_path / "padded.md").write_text("---\nreview:\n  status: awaiting-review\ndescription: " + "y" * 900 + "\n---\n" + "x" * 200)
    assert benchpages.longest_article(tmp_path).name == "long.md"


def test_stock_config_is_material_with_search_only_and_the_projects_text_extensions():
    config = benchpages.stock_config({"site_name": "Atlas", "markdown_extensions": ["atlas.engines.guard", "admonition", {"toc": {"permalink": True}}],
                                      "extra_css": ["assets/atlas.css"], "plugins": ["search"]}, slug="treatment")
    assert config["plugins"] == ["search"] and config["theme"]["name"] == "material"
    assert config["markdown_extensions"] == ["admonition", {"toc": {"permalink": True}}]
    assert "extra_css" not in config and "extra_javascript" not in config


@pytest.fixture
def served(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<!doctype html><p>" + "calm words " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: black; }\n" * 50, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(500))
    with serve_gzip(tmp_path) as base:
        yield base, tmp_path


def fetch(url: str, *, gzip_ok: bool):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def test_the_server_gzips_text_for_a_browser_that_asks(served):
    base, root = served
    headers, body = fetch(base + "/page/", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"].startswith("text/html")
    assert gzip.decompress(body) == (root / "page" / "index.html").read_bytes()
    assert int(headers["Content-Length"]) == len(body) < (root / "page" / "index.html").stat().st_size
    headers, body = fetch(base + "/style.css", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (root / "style.css").read_bytes()


def test_the_server_sends_plain_files_otherwise(served):
    base, root = served
    headers, body = fetch(base + "/page/", gzip_ok=False)
    assert headers["Content-Encoding"] is None and body == (root / "page" / "index.html").read_bytes()
    headers, body = fetch(base + "/photo.jpg", gzip_ok=True)  # images go as stored
    assert headers["Content-Encoding"] is None and body == (root / "photo.jpg").read_bytes()
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(base + "/nothing/", gzip_ok=True)
    assert missing.value.code == 404


@pytest.mark.parametrize("header, accepted", [("gzip", True), ("deflate, gzip;q=1.0", True), ("gzip;q=0", False), ("br", False), ("*", True), ("", False)])
def test_accept_encoding(header, accepted):
    assert benchpages._accepts_gzip(header) is accepted


def test_result_has_defaults_for_what_a_report_may_lack():
    assert Result("p", "u", 1, 1, 1, 0, 1, 1, 1, 1).blocking == []
