"""captions.yaml -> validated Catalog, or every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .advice import alt_text_problems
from .checks import cross_reference_problems, file_problems
from .model import Catalog, Gallery, Permission, Photo, gallery_from, photo_from
from .problems import ERROR, WARNING, CatalogError, Problem, errors_in, format_problems
from .schema import SCHEMA_FILE, load_schema, schema_problems
from .yamlsource import parse, read_text

__all__ = [
    "Catalog",
    "CatalogError",
    "ERROR",
    "Gallery",
    "Permission",
    "Photo",
    "Problem",
    "WARNING",
    "check_catalog",
    "errors_in",
    "format_problems",
    "load_catalog",
]


def check_catalog(
    captions: Path,
    *,
    images_dir: Path,
    verify_image: Callable[[Path], str | None] | None = None,
    display_name: str | None = None,
) -> tuple[Catalog | None, list[Problem]]:
    """Validate the catalog. Returns the Catalog (None if there are errors) and all problems,
    warnings included, so callers can print everything in one go."""
    if verify_image is None:
        from ..images.verify import verify_image as default_verify

        verify_image = default_verify
    captions = Path(captions)
    filename = display_name or captions.name
    text, unreadable = read_text(captions, filename=filename)
    if text is None:
        return None, unreadable

    located, problems = parse(text, filename=filename)
    if located is None:
        return None, problems
    schema_path = captions.parent / SCHEMA_FILE
    schema = load_schema(schema_path) if schema_path.is_file() else load_schema()
    # A value the parser already reported (an impossible date) is not reported again.
    reported = {(p.line, p.column) for p in problems}
    problems += [
        p for p in schema_problems(located, filename=filename, schema=schema) if (p.line, p.column) not in reported
    ]
    problems += cross_reference_problems(located, filename=filename)
    problems += alt_text_problems(located, filename=filename)
    found, sources = file_problems(located, filename=filename, images_dir=Path(images_dir), verify_image=verify_image)
    problems += found
    problems = sorted(set(problems))
    if errors_in(problems):
        return None, problems

    data = located.data
    catalog = Catalog(
        galleries=tuple(
            gallery_from(g, line=located.at(("galleries", i)).line) for i, g in enumerate(data["galleries"])
        ),
        photos=tuple(
            photo_from(p, line=located.at(("photos", i)).line, source=sources.get(i))
            for i, p in enumerate(data["photos"])
        ),
        path=captions,
        images_dir=Path(images_dir),
    )
    return catalog, problems


def load_catalog(captions: Path, *, images_dir: Path, **options) -> Catalog:
    """The validated catalog, or CatalogError carrying every problem."""
    catalog, problems = check_catalog(captions, images_dir=images_dir, **options)
    if catalog is None:
        raise CatalogError(problems)
    return catalog
