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
        time.sleep(0.5)
        if backend.poll() is not None:  # another decap-server (a `make edit`) holds the port
            pytest.fail(f"decap-server could not start: port {BACKEND_PORT} is in use (stop `make edit` first)")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield project, page, f"http://127.0.0.1:{door.server_address[1]}"
        page.close()
    finally:
        door.shutdown()
        backend.terminate()
        backend.wait(timeout=10)


class Editor:
    """Drives Decap's catalog form the way staff use it."""

    def __init__(self, page, base: str, project: Path):
        self.page, self.base, self.captions = page, base, project / "captions.yaml"

    def open_catalog(self) -> None:
        self.page.goto(f"{self.base}/admin/")
        self.page.get_by_role("button", name="Login").click()
        self.page.goto(f"{self.base}/admin/#/collections/catalog/entries/captions")
        self.page.get_by_role("button", name="Add photos").wait_for()

    def open_photo(self, summary: str) -> None:
        self.page.get_by_text(summary).locator("xpath=..").locator("button").first.click()

    def field(self, name: str):
        return self.page.locator(f"[id^='{name}-field']:visible").last

    def type(self, name: str, text: str) -> None:
        self.field(name).fill(text)

    def choose(self, name: str, *options: str) -> None:
        for option in options:
            self.field(name).click()
            self.field(name).fill(option)
            self.page.keyboard.press("Enter")

    def publish(self) -> bool:
        """True when the file changed within 10 seconds."""
        before = self.captions.read_text()
        self.page.get_by_role("button", name="Publish").first.click()
        self.page.get_by_text("Publish now").click()
        for _ in range(100):
            if self.captions.read_text() != before:
                time.sleep(0.3)  # let the write finish
                return True
            time.sleep(0.1)
        return False


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


def test_a_photo_uploaded_granted_and_withdrawn_in_the_editor(editing, tmp_path):
    from PIL import Image

    from atlas.build import build_site
    from atlas.permission import today

    project, page, base = editing
    upload = tmp_path / "new-scar-photo.jpg"
    Image.new("RGB", (800, 600), (180, 120, 110)).save(upload, "JPEG")
    editor = Editor(page, base, project)
    editor.open_catalog()
    page.get_by_role("button", name="Add photos").click()
    editor.type("id", "new-scar-photo")
    editor.type("gallery", "ibc-skin-metastases")
    editor.type("title", "12:30")
    editor.type("alt", "on")
    editor.type("caption", "yes")
    page.get_by_role("button", name="Choose an image").last.click()
    page.locator("input[type=file]").last.set_input_files(upload)
    page.get_by_role("button", name="Choose selected").click()
    assert editor.publish()
    assert (project / "images" / "new-scar-photo.jpg").is_file(), "the upload did not land in images/"
    catalog, _ = check_catalog(project / "captions.yaml", images_dir=project / "images")
    photo = catalog.photo("new-scar-photo")
    assert (photo.title, photo.alt, photo.caption, photo.permission.status) == ("12:30", "on", "yes", "pending")
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert not (site / "photos" / "new-scar-photo").exists(), "a pending photo was published"

    # Granted without a consent record: the editor refuses to save it.
    editor.choose("status", "granted")
    unsaved = editor.captions.read_text()
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.get_by_text("needs these filled in before it can be saved").first.wait_for()
    assert "permission.record" in page.get_by_text("needs these filled in before it can be saved").first.inner_text()
    assert editor.captions.read_text() == unsaved
    editor.choose("scope", "website")
    editor.choose("granted_by", "patient")
    editor.type("granted_on", (today()).isoformat())
    editor.choose("license", "all-rights-reserved")
    editor.type("credit", "Shared by a patient")
    editor.type("record", "FORM-2026-001")
    assert editor.publish()
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert (site / "photos" / "new-scar-photo" / "index.html").is_file()
    assert "FORM-2026-001" not in (site / "photos" / "new-scar-photo" / "index.html").read_text()

    editor.choose("status", "withdrawn")
    editor.type("withdrawn_on", today().isoformat())
    editor.type("withdrawn_reason", "asked by the patient")
    assert editor.publish()
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    tombstone = (site / "photos" / "new-scar-photo" / "index.html").read_text()
    assert "no longer available" in tombstone and "yes" not in tombstone.split("<article", 1)[1].split("</article>", 1)[0]
    assert not list((site / "assets" / "photos").glob("new-scar-photo.*"))


def test_an_article_edited_in_the_editor_keeps_its_front_matter_and_builds(editing, tmp_path):
    from atlas.build import build_site

    project, page, base = editing
    article = project / "docs" / "treatment.md"
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(f"{base}/admin/#/collections/articles/entries/treatment")
    description = page.locator("[id^='description-field']:visible").first
    description.wait_for()
    assert page.locator("[id^='title-field']:visible").first.input_value() == "Treatment of skin metastases"
    description.fill("What treatments for skin metastases do: on: yes, 12:30 & <b>not bold</b>.")
    before = article.read_text()
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    for _ in range(100):
        if article.read_text() != before:
            break
        time.sleep(0.1)
    else:
        page.screenshot(path="/tmp/article-debug.png")
        pytest.fail("the editor saved nothing")
    text = article.read_text()
    assert "status: awaiting-review" in text and "title: Treatment of skin metastases" in text
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    html = (site / "treatment" / "index.html").read_text()
    assert 'content="What treatments for skin metastases do: on: yes, 12:30 &amp; &lt;b&gt;not bold&lt;/b&gt;."' in html
    assert "Awaiting medical review" in html
