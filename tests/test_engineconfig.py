"""The configuration an engine is run with: one flat file pointing at the workspace, with no
plugin an engine could skip and no guard."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from atlas.engineconfig import GUARD, engine_config
from atlas.engines import ENGINES
from atlas.settings import SettingsError, load_settings, read_config
from atlas.workspace import Workspace

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_real_config_points_the_engine_at_the_workspace_only(engine, tmp_path):
    config = configured(load_settings(PROJECT), tmp_path, ENGINES[engine])
    assert (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]) == ("docs", "site", "theme")
    assert config["plugins"] == ["search"]
    assert GUARD not in [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "watch" not in config and "exclude_docs" not in config
    assert config["nav"] == yaml.safe_load((PROJECT / "mkdocs.yml").read_text().split("\nnav:", 1)[1].join(["nav:", ""]))["nav"]
    if engine == "zensical":
        assert config["theme"]["variant"] == "classic"


def configured(settings, tmp_path: Path, engine):
    return engine_config(read_config(settings.config_file, root=settings.root), settings, Workspace(tmp_path / "w"), engine)


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    "text, says",
    [
        ("site_name: x\nplugins:\n  - search\n  - glightbox\n", "'glightbox' is not supported"),
        ("site_name: x\nhooks:\n  - hooks.py\n", "hooks are not supported"),
        ("INHERIT: base.yml\nsite_name: x\n", "INHERIT is not supported"),
    ],
)
def test_what_one_engine_would_skip_is_refused(tmp_path, text, says):
    with pytest.raises(SettingsError, match=says):
        configured(load_settings(write(tmp_path, text)), tmp_path, ENGINES["mkdocs"])


def test_snippets_read_from_the_project_whatever_the_working_folder(tmp_path):
    root = write(tmp_path, "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n")
    config = configured(load_settings(root), tmp_path, ENGINES["zensical"])
    assert config["markdown_extensions"] == [{"pymdownx.snippets": {"base_path": str(root.resolve())}}]


def test_the_projects_stylesheet_is_inlined_minified_and_other_stylesheets_stay_linked(tmp_path):
    root = write(tmp_path, "site_name: x\nextra_css:\n  - assets/a.css\n  - https://example.org/b.css\n")
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "docs" / "assets" / "a.css").write_text(
        '/* a note for whoever edits this */\n.a  >  .b {\n  color: red;\n}\n.c::after { content: ",  (see) "; }\n'
    )
    config = configured(load_settings(root), tmp_path, ENGINES["mkdocs"])
    assert config["extra"]["atlas_inline_css"] == '.a>.b{color:red}.c::after{content:",  (see) "}'
    assert config["extra_css"] == ["https://example.org/b.css"]


def test_the_projects_scripts_are_inlined_minified_each_in_its_own_statement(tmp_path):
    root = write(tmp_path, "site_name: x\nextra_javascript:\n  - assets/a.js\n  - assets/b.js\n")
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "docs" / "assets" / "a.js").write_text("/* why this is here */\nvar a = `x  ${1 + 2}  // y`; // done\n")
    (root / "docs" / "assets" / "b.js").write_text("(function () {\n  var r = /a+b/g;\n})()\n")
    (root / "docs" / "assets" / "gallery.js").write_text("// the gallery's own\nvar  g = 1;\n")
    config = configured(load_settings(root), tmp_path, ENGINES["mkdocs"])
    # A template literal's and a regular expression's text kept as written; the files still
    # separate statements (b.js's leading parenthesis would otherwise call a.js's last value).
    assert config["extra"]["atlas_inline_js"] == "var a=`x  ${1 + 2}  // y`;;(function(){var r=/a+b/g;})()"
    assert config["extra"]["atlas_gallery_js"] == "var g=1;"
    assert config["extra_javascript"] == []
