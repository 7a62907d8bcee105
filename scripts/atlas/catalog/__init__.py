"""captions.yaml -> validated Catalog, or every problem at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from .advice import alt_text_problems, entry_problems
from .checks import cross_reference_problems, file_problems
from .model import Catalog, Gallery, Permission, Photo, gallery_from, photo_from
from .problems import ERROR, NOT_PUBLISHED, WARNING, CatalogError, Problem, errors_in, format_problems
from .records import PhotoRecord, classify, permission_problem_of, records_from
from .schema import keep_text_as_typed, load_schema, schema_problems
from ..yamlsource import parse, read_text

__all__ = [
    "Catalog",
    "CatalogError",
    "ERROR",
    "Gallery",
    "NOT_PUBLISHED",
    "Permission",
    "Photo",
    "PhotoRecord",
    "Problem",
    "WARNING",
    "check_catalog",
    "errors_in",
    "format_problems",
    "load_catalog",
    "read_permission_records",
]


def check_catalog(
    captions: Path,
    *,
    images_dir: Path,
    on: dt.date | None = None,
    verify_image: Callable[[Path], str | None] | None = None,
    display_name: str | None = None,
) -> tuple[Catalog | None, list[Problem]]:
    """Validate the catalog for the permission date `on` (default: today). Returns the Catalog
    (None if there are errors) and all problems, warnings and not-published photos included,
    so callers can print everything in one go.

    A photo whose permission record has a problem is in the catalog, marked so the gate never
    publishes it; only the files of photos published on `on` must exist and be readable."""
    from ..permission import Visibility, today, visibility

    if verify_image is None:
        from ..images.verify import verify_image as default_verify

        verify_image = default_verify
    on = on or today()
    captions = Path(captions)
    filename = display_name or captions.name
    located, problems = _read_and_validate(captions, filename=filename)
    if located is None:
        return None, problems

    records = records_from(located, problems)
    state = {index: visibility(record.permission, on=on) for index, record in enumerate(records)}
    found, sources = file_problems(
        located,
        filename=filename,
        images_dir=Path(images_dir),
        verify_image=verify_image,
        needed={i for i, s in state.items() if s is Visibility.PUBLISHED},
        wanted={i for i, r in enumerate(records) if r.permission.status == "pending"},
    )
    problems = sorted(set(problems + found))
    if errors_in(problems):
        return None, problems

    data = located.data
    catalog = Catalog(
        galleries=tuple(
            gallery_from(g, line=located.at(("galleries", i)).line) for i, g in enumerate(data["galleries"])
        ),
        photos=tuple(
            photo_from(
                p,
                line=located.at(("photos", i)).line,
                source=sources.get(i),
                permission_problem=permission_problem_of(i, problems),
            )
            for i, p in enumerate(data["photos"])
        ),
        path=captions,
        images_dir=Path(images_dir),
    )
    return catalog, problems


def read_permission_records(captions: Path, *, display_name: str | None = None) -> tuple[list[PhotoRecord] | None, list[Problem]]:
    """Every photo's id, former ids and permission, read past every other problem in the file
    (for `atlas takedown`). None only when the file cannot be read as YAML at all."""
    captions = Path(captions)
    located, problems = _read_and_validate(captions, filename=display_name or captions.name)
    if located is None:
        return None, problems
    return records_from(located, problems), problems


def _read_and_validate(captions: Path, *, filename: str):
    """The located data and every problem (permission ones classified), or None and why the
    file cannot be read as YAML at all."""
    text, unreadable = read_text(captions, filename=filename)
    if text is None:
        return None, unreadable
    located, problems = parse(text, filename=filename)
    if located is None:
        return None, problems
    return located, _content_problems(located, problems, filename=filename)


def _content_problems(located, problems: list[Problem], *, filename: str) -> list[Problem]:
    schema = load_schema()
    keep_text_as_typed(located, schema=schema)
    # A value the reader already reported (an explicit tag, say) is not reported again.
    reported = {(p.line, p.column) for p in problems}
    problems = problems + [
        p for p in schema_problems(located, filename=filename, schema=schema) if (p.line, p.column) not in reported
    ]
    problems += cross_reference_problems(located, filename=filename)
    problems += alt_text_problems(located, filename=filename)
    problems += entry_problems(located, filename=filename)
    return classify(problems)


def load_catalog(captions: Path, *, images_dir: Path, **options) -> Catalog:
    """The validated catalog, or CatalogError carrying every problem."""
    catalog, problems = check_catalog(captions, images_dir=images_dir, **options)
    if catalog is None:
        raise CatalogError(problems)
    return catalog
