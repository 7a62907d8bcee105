"""One Chromium for the whole session (Debian's package, never a downloaded build), the real
site built once and served on 127.0.0.1, and a recorder of every request and console error.

Locally the browser tests skip, with the reason, when no Chromium is installed; under CI=true
a missing Chromium is a failure, so CI can never pass by not testing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from atlas.qa.serve import serve
from atlas.qa.testsite import BuiltSite, build_once

from browser_support import Recorder

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Chromium's own traffic (updates, sync, field trials) must not reach the network...
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # ...and nothing a page asks for resolves to any host but this machine: a stray external
    # font or script is recorded and aborted by the tests, and cannot leave even if it got past.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        message = "no Chromium on PATH: install Debian's package (apt-get install chromium); .ci/run does this in CI"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    return build_once(PROJECT_ROOT, tmp_path_factory.getbasetemp() / "atlas-built-site")


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def recorder(browser, base_url):
    """One desktop-sized page, reused by every test (tests navigate it; none may leave it in a
    state another relies on). Light colour scheme, as a first-time visitor gets by default."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    # Pages of this size load in well under a second here; a missing element should fail fast
    # rather than wait out Playwright's 30 s default on a 2-core machine.
    context.set_default_timeout(10_000)
    recorder = Recorder(context, base_url)
    yield recorder
    context.close()


@pytest.fixture
def page(recorder):
    recorder.reset()
    return recorder.page
