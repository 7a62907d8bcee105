"""Shared fixtures: tiny projects built in tmp_path, never the sample content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixture_project import write_jpeg

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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


