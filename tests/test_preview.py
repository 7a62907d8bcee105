"""`atlas serve`: the preview's tree is refreshed in place, file by file, and keeps the last good
tree when a source has a problem (the engine's own server reloads what changed)."""

from __future__ import annotations

import datetime as dt

from atlas.engines import MKDOCS
from atlas.preview import refresh
from atlas.settings import load_settings
from atlas.workspace import Workspace
from fixture_project import make_project

ON = dt.date(2026, 11, 21)


def test_only_changed_pages_are_rewritten_and_a_broken_edit_keeps_the_last_good_tree(tmp_path, capsys):
    config = make_project(tmp_path / "project", "galleries: []\nphotos: []\n", docs={"other.md": "# Other\n"})
    settings = load_settings(config.parent)
    preview = Workspace(tmp_path / "preview")
    assert refresh(settings, preview, engine=MKDOCS, on=ON)
    index, other = preview.docs / "index.md", preview.docs / "other.md"
    stamp = other.stat().st_mtime_ns

    (config.parent / "docs" / "index.md").write_text("# Home\n\nEdited.\n")
    assert refresh(settings, preview, engine=MKDOCS, on=ON)
    assert "Edited." in index.read_text()
    assert other.stat().st_mtime_ns == stamp, "an unchanged page was rewritten (the engine would rebuild it)"

    (config.parent / "docs" / "other.md").unlink()
    (config.parent / "docs" / "index.md").write_text("# Home\n\n[[photo:nope]]\n")
    assert not refresh(settings, preview, engine=MKDOCS, on=ON)
    assert "[[photo:nope]]: no photo has this id" in capsys.readouterr().err
    assert "Edited." in index.read_text() and other.is_file(), "the preview lost its last good tree"

    (config.parent / "docs" / "index.md").write_text("# Home\n")
    assert refresh(settings, preview, engine=MKDOCS, on=ON)
    assert not other.exists(), "a page deleted from docs/ stayed in the preview"
    assert preview.config_file.is_file() and not (tmp_path / "preview.next").exists()
