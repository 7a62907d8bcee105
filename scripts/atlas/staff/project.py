"""Where a project's catalog and photos live, and reading the catalog for the staff commands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, check_catalog, errors_in, format_problems
from .yamledit import EditError


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def captions(self) -> Path:
        return self.root / "captions.yaml"

    @property
    def images(self) -> Path:
        return self.root / "images"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


def _no_decoding(path: Path) -> str | None:
    # The staff commands need ids, galleries and file names, not decoded pixels: `make check`
    # and the build verify every photo file. Skipping the decode keeps the commands instant.
    return None


def read_catalog(project: Project) -> Catalog:
    """The valid catalog, or EditError listing every problem: an edit made on top of a broken
    file could hide the mistake or make it worse, so the file is fixed first."""
    catalog, problems = check_catalog(project.captions, images_dir=project.images, verify_image=_no_decoding)
    if catalog is None:
        raise EditError(
            "captions.yaml has problems to fix before it can be changed by a command:\n"
            + format_problems(errors_in(problems))
            + "\nNext: fix the lines above (see EDITING.md, 'Reading an error message'), then run the command again."
        )
    return catalog


def validate_text(project: Project, text: str) -> None:
    """Refuse to write an edit that `make check` would reject (a bug, never staff's fault)."""
    scratch = project.captions.with_name(".captions.yaml.edit-check")
    scratch.write_text(text, encoding="utf-8")
    try:
        catalog, problems = check_catalog(
            scratch, images_dir=project.images, verify_image=_no_decoding, display_name="captions.yaml"
        )
    finally:
        scratch.unlink(missing_ok=True)
    if catalog is None:
        raise EditError(
            "the edit would leave captions.yaml invalid, so nothing was changed:\n"
            + format_problems(errors_in(problems))
            + "\nNext: please report this with the lines above; meanwhile edit captions.yaml by hand (see EDITING.md)."
        )


def write_text(project: Project, text: str) -> None:
    """Write the catalog in one step (write beside it, then rename), so an interrupted command
    never leaves a half-written captions.yaml."""
    temporary = project.captions.with_name(".captions.yaml.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(project.captions)
