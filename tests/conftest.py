"""Shared fixtures: tiny projects built in tmp_path, never the sample content."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def write_jpeg(path: Path, size=(64, 48), color=(200, 150, 120), **save_options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG", **save_options)
    return path


@pytest.fixture
def images_dir(tmp_path) -> Path:
    """An images/ folder with the files the golden cases refer to."""
    images = tmp_path / "images"
    write_jpeg(images / "a.jpg")
    write_jpeg(images / "b.jpg", color=(90, 60, 40))
    good = (images / "a.jpg").read_bytes()
    (images / "truncated.jpg").write_bytes(good[: len(good) // 2])
    (images / "not-an-image.jpg").write_text("this is a text file, not a photo\n")
    outside = tmp_path / "private" / "secret.jpg"
    write_jpeg(outside)
    (images / "escape.jpg").symlink_to(outside)
    return images


FIXTURE_MKDOCS = """\
site_name: Fixture atlas
site_url: https://atlas.example.org/
theme:
  name: material
  custom_dir: {theme}
  font: false
plugins:
  - search
  - atlas
markdown_extensions:
  - attr_list
  - md_in_html
not_in_nav: |
  /photos/*
  /galleries/*
"""


def make_project(root: Path, captions: str, *, docs: dict[str, str] | None = None) -> Path:
    """A minimal project: mkdocs.yml, captions.yaml, docs/. Returns mkdocs.yml's path."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(FIXTURE_MKDOCS.format(theme=REPO / "scripts" / "atlas" / "theme"))
    (root / "captions.yaml").write_text(textwrap.dedent(captions))
    pages = {"index.md": "# Home\n\nWelcome.\n"}
    pages.update(docs or {})
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text)
    return root / "mkdocs.yml"
