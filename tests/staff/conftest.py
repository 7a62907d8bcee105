"""A tiny project in tmp_path: two photos, one gallery, a page, and a MkDocs config that uses
the repository's theme and plugin. Tests never depend on the repository's own captions.yaml."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from PIL import Image

from atlas.qa.fixture import write_config
from atlas.staff import Project


CAPTIONS = """\
# Fixture catalog for the staff commands.
# Comments like this one must survive every edit.

galleries:
  - id: arms
    title: Arms
    description: Photos of arms.

photos:
  # The first photo, granted.
  - id: left-arm
    file: arms/left-arm.png
    gallery: arms
    alt: A pale forearm with three small red bumps.
    caption: Three small bumps on the forearm.
    former_ids: [old-arm]
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2020-01-01
      expires: 2025-02-01
      record: FORM-1   # paper copy in the blue folder
      license: all-rights-reserved
      credit: Shared by a patient

  - id: right-arm
    file: arms/right-arm.png
    gallery: arms
    alt:
    caption:
    permission:
      status: pending
      requested_on: 2024-09-01
"""



def make_image(path: Path, colour: tuple[int, int, int], size=(64, 48)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "captions.yaml").write_text(CAPTIONS, encoding="utf-8")
    write_config(root, strict=True, nav=[{"Home": "index.md"}, {"Photo galleries": "galleries/index.md"}])
    (root / "docs/index.md").write_text(
        textwrap.dedent("""\
            # Fixture atlas

            [[gallery:arms]]
            """),
        encoding="utf-8",
    )
    make_image(root / "images/arms/left-arm.png", (200, 60, 60))
    make_image(root / "images/arms/right-arm.png", (60, 200, 60))
    return Project(root)


@pytest.fixture
def new_photo(tmp_path: Path) -> Path:
    """A photo as staff would receive it: outside the project, with a camera-style name."""
    return make_image(tmp_path / "inbox" / "IMG 2041 Upper Arm.JPG", (60, 60, 200))
