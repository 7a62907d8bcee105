"""Faults put in on purpose, into a copy of the built site: the browser checks must catch each."""

from __future__ import annotations

import shutil

import pytest

from atlas.qa.serve import serve

from browser_support import Recorder, axe_violations


@pytest.fixture
def broken_site(built_site, tmp_path, browser):
    """A copy of the built site, served on its own port, and a fresh recorder for it."""
    copy = tmp_path / "site"
    shutil.copytree(built_site.site_dir, copy)
    with serve(copy) as base_url:
        context = browser.new_context()
        context.set_default_timeout(10_000)
        try:
            yield copy, Recorder(context, base_url)
        finally:
            context.close()


def test_an_external_font_is_caught_as_a_request_to_another_host(broken_site):
    site, recorder = broken_site
    page = site / "index.html"
    # A .invalid host (RFC 2606) is never real; the recorder aborts it before it leaves anyway.
    font = "https://fonts.atlas-test.invalid/css2?family=Roboto"
    page.write_text(page.read_text().replace("</head>", f'<link rel="stylesheet" href="{font}"></head>', 1))
    recorder.visit("/")
    assert recorder.other_host_requests() == [font]


def test_an_image_without_alt_text_is_caught_by_axe(broken_site, built_site):
    site, recorder = broken_site
    gallery = site / "galleries" / built_site.catalog().galleries[0].id / "index.html"
    text = gallery.read_text()
    start = text.index(' alt="', text.index("atlas-grid"))
    gallery.write_text(text[:start] + text[text.index('"', start + 6) + 1 :])
    recorder.visit(f"/galleries/{built_site.catalog().galleries[0].id}/")
    assert any(line.startswith("image-alt ") for line in axe_violations(recorder.page))
