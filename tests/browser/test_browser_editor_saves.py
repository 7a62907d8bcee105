"""The staff editor on its local backend (what `make edit` runs) saves captions.yaml so that
the build reads every value exactly as staff typed it: Decap rewrites the whole file (comments
dropped, keys reordered, `caption: yes` and `title: on` unquoted), and the catalog reader's YAML
1.2 rules keep them text. A save must never make the build fail: that would hold back the next
takedown."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from atlas.catalog import check_catalog
from atlas.editor.admin import DECAP_DIST
from atlas.editor.local import BACKEND_PORT, decap_server, serve_front_door
from atlas.engines import MKDOCS
from atlas.preview import refresh
from atlas.settings import load_settings
from atlas.workspace import Workspace

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def editing(tmp_path, browser):
    if not (DECAP_DIST / "decap-cms.js").is_file():
        message = "the editor's code is not installed: run `npm ci --prefix scripts/node` (make does)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "captions.yaml", "references.yaml"):
        shutil.copy2(PROJECT / name, project / name)
    for name in ("docs", "images"):
        shutil.copytree(PROJECT / name, project / name)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)  # decap-server wants a repository
    preview = Workspace(tmp_path / "preview")
    assert refresh(load_settings(project), preview, engine=MKDOCS, local_editor=True)
    backend = decap_server(project)
    door = serve_front_door(("127.0.0.1", 0), admin=preview.docs / "admin", preview=("127.0.0.1", 9))
    try:
        _wait_for(f"http://127.0.0.1:{BACKEND_PORT}/api/v1")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield project, page, f"http://127.0.0.1:{door.server_address[1]}"
        page.close()
    finally:
        door.shutdown()
        backend.terminate()
        backend.wait(timeout=10)


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"}))
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"decap-server did not answer at {url}")


def catalog_values(captions: Path, images: Path) -> dict:
    catalog, problems = check_catalog(captions, images_dir=images)
    assert catalog is not None and not [p for p in problems if p.severity == "error"], problems
    strip = lambda item: {k: v for k, v in dataclasses.asdict(item).items() if k != "line"}  # noqa: E731
    return {"photos": {p.id: strip(p) for p in catalog.photos}, "galleries": [strip(g) for g in catalog.galleries]}


def test_a_save_from_the_editor_reads_back_exactly_as_typed(editing):
    project, page, base = editing
    before = catalog_values(project / "captions.yaml", project / "images")
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(f"{base}/admin/#/collections/catalog/entries/captions")
    photo_id = next(iter(before["photos"]))
    summary = page.get_by_text(f"{photo_id} (granted)")
    summary.locator("xpath=..").locator("button").first.click()  # open the photo's fields
    page.locator("input[id^='title-field']:visible").first.wait_for()
    page.locator("input[id^='title-field']:visible").first.fill("on")
    page.locator("textarea[id^='caption-field']:visible").first.fill("yes")
    page.locator("textarea[id^='alt-field']:visible").first.fill("12:30")
    original = (project / "captions.yaml").read_text()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    for _ in range(150):  # decap-server writes the file
        written = (project / "captions.yaml").read_text()
        if written != original:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the editor saved nothing")
    assert "caption: yes" in written or "caption: 'yes'" in written  # as Decap writes it
    after = catalog_values(project / "captions.yaml", project / "images")
    expected = before["photos"][photo_id] | {"title": "on", "caption": "yes", "alt": "12:30"}
    assert after["photos"][photo_id] == expected
    assert {k: v for k, v in after["photos"].items() if k != photo_id} == {k: v for k, v in before["photos"].items() if k != photo_id}
    assert after["galleries"] == before["galleries"]
