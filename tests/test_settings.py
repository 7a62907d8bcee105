"""The atlas's settings come from one place (mkdocs.yml, extra.atlas) and every command uses them."""

from __future__ import annotations

import textwrap

import pytest

from atlas.cli import main
from atlas.settings import SettingsError, load_settings
from fixture_project import make_project, write_jpeg

CATALOG = """\
galleries:
  - id: skin
    title: Skin
    description: Test photos.
photos:
  - id: moved-photo
    file: moved.jpg
    gallery: skin
    alt: Red skin on an arm.
    caption: A photo of a catalog kept elsewhere.
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2013-06-01
      record: FORM-1
      license: all-rights-reserved
      credit: A patient
"""


def project_with_settings(tmp_path, settings: str):
    """A fixture project whose extra.atlas holds `settings`, written as staff would type them."""
    config = make_project(tmp_path, CATALOG)
    text = config.read_text()
    assert "  atlas: {}\n" in text
    config.write_text(text.replace("  atlas: {}\n", "  atlas:\n" + textwrap.indent(settings, "    ")))
    return config.parent


def test_defaults_without_any_setting(tmp_path):
    settings = load_settings(make_project(tmp_path, CATALOG).parent)
    assert settings.catalog == tmp_path / "captions.yaml"
    assert settings.images == tmp_path / "images" and settings.cache == tmp_path / ".cache" / "atlas"
    assert settings.site.url == "https://atlas.example.org/"


def test_atlas_check_build_and_withdraw_honour_a_catalog_kept_elsewhere(tmp_path, capsys):
    root = project_with_settings(tmp_path, "catalog: data/captions.yaml\nimages: originals\n")
    (root / "data").mkdir()
    (root / "captions.yaml").rename(root / "data" / "captions.yaml")
    write_jpeg(root / "originals" / "moved.jpg")
    assert main(["--project", str(root), "check"]) == 0
    assert "data/captions.yaml is fine: 1 photos" in capsys.readouterr().out
    assert main(["--project", str(root), "build"]) == 0
    assert (root / "site" / "photos" / "moved-photo" / "index.html").is_file()
    assert main(["--project", str(root), "withdraw", "moved-photo", "--reason", "asked"]) == 0
    assert "status: withdrawn" in (root / "data" / "captions.yaml").read_text()
    # A mistake in it is named by its own path.
    (root / "data" / "captions.yaml").write_text(CATALOG.replace("gallery: skin", "gallery: skni"))
    assert main(["--project", str(root), "check"]) == 1
    assert "data/captions.yaml:8:14: photos[0].gallery: unknown gallery 'skni'" in capsys.readouterr().err


def test_image_settings_and_workers_are_read_from_the_same_place(tmp_path):
    root = project_with_settings(tmp_path, "workers: 1\nimage:\n  widths: [400, 800]\n  jpeg_quality: 70\n")
    settings = load_settings(root)
    assert settings.workers == 1
    assert settings.image.widths == (400, 800) and settings.image.jpeg_quality == 70


def test_an_unknown_setting_is_named_with_its_line(tmp_path, capsys):
    root = project_with_settings(tmp_path, "catalogue: data/captions.yaml\n")
    with pytest.raises(SettingsError, match=r"mkdocs.yml:\d+: extra.atlas.catalogue: unknown setting"):
        load_settings(root)
    assert main(["--project", str(root), "check"]) == 1
    assert "unknown setting" in capsys.readouterr().err


def test_mkdocs_tags_do_not_stop_the_loader(tmp_path, monkeypatch):
    root = project_with_settings(tmp_path, "contact_email: !ENV [ATLAS_TEST_CONTACT, fallback@example.org]\n")
    assert load_settings(root).contact_email == "fallback@example.org"
    monkeypatch.setenv("ATLAS_TEST_CONTACT", "real@example.org")
    assert load_settings(root).contact_email == "real@example.org"
