"""The staff editor at /admin/ of the built site: Decap CMS served from the site itself loads
under its own policy, asks nothing of another host before staff log in, and is no page of the
site (no search entry, no sitemap entry, noindex)."""

from __future__ import annotations

import os

import pytest

from atlas.editor.admin import DECAP_DIST
from atlas.takedown import search_entries


@pytest.fixture
def editor_installed(built_site):
    if not (built_site.site_dir / "admin" / "decap-cms.js").is_file():
        message = f"the editor's code is not installed ({DECAP_DIST}): run `npm ci --prefix scripts/node` (make does)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)


def test_the_editor_loads_from_the_site_under_its_own_policy(editor_installed, page, recorder):
    recorder.visit("/admin/")
    page.get_by_role("button", name="Login with GitHub").wait_for(timeout=20000)
    assert not [e for e in recorder.console_errors if "Content Security Policy" in e or "EvalError" in e]
    assert recorder.other_host_requests() == []
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-eval'" in policy and "https://api.github.com" in policy
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"


def test_the_editor_is_not_a_page_of_the_site(editor_installed, built_site):
    site = built_site.site_dir
    assert "admin" not in (site / "sitemap.xml").read_text()
    assert not [e for e in search_entries(site) if e["location"].startswith("admin")]
    home = (site / "index.html").read_text()
    assert "unsafe" not in home.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
