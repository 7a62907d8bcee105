"""Tiny projects built in tmp_path for the build tests, never the sample content. (Its own
module: `from conftest import` is ambiguous once several test folders have a conftest.)"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image

from atlas.qa.fixture import write_config



def write_jpeg(path: Path, size=(64, 48), color=(200, 150, 120), **save_options) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG", **save_options)
    return path




def make_project(root: Path, captions: str, *, docs: dict[str, str] | None = None, atlas: dict | None = None) -> Path:
    """A minimal project: mkdocs.yml, captions.yaml, docs/. Returns mkdocs.yml's path.
    `atlas`: its extra.atlas settings."""
    root.mkdir(parents=True, exist_ok=True)
    write_config(root, atlas=atlas)
    (root / "captions.yaml").write_text(textwrap.dedent(captions))
    pages = {"index.md": "# Home\n\nWelcome.\n"}
    pages.update(docs or {})
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text)
    return root / "mkdocs.yml"
