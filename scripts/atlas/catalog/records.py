"""Permission records, read so that no other mistake in captions.yaml can hold them back.

A problem inside a photo's permission record makes that photo not publishable (severity
NOT_PUBLISHED) instead of failing the build: a typo in one record must never stop the rebuild
that takes another photo down. `records_from` reads every photo's id, former ids and
permission, tolerating every other problem in the file, for `atlas takedown`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..problems import ERROR, NOT_PUBLISHED, Problem
from .model import Permission, permission_from
from ..yamlsource import Located


@dataclass(frozen=True)
class PhotoRecord:
    """What `atlas takedown` needs of one photo entry: how it is addressed and its permission."""

    line: int
    photo_id: str | None  # None when the entry's id cannot be read
    former_ids: tuple[str, ...]
    permission: Permission
    gallery: str = ""


def photo_index(problem: Problem) -> int | None:
    path = problem.path
    return path[1] if len(path) >= 2 and path[0] == "photos" and isinstance(path[1], int) else None


def is_permission_problem(problem: Problem) -> bool:
    """Inside photos[i].permission, or the permission record itself missing."""
    path = problem.path
    return photo_index(problem) is not None and len(path) >= 3 and path[2] == "permission"


def classify(problems: list[Problem]) -> list[Problem]:
    """Permission problems become NOT_PUBLISHED, worded so staff know the photo is safe."""
    out = []
    for problem in problems:
        if problem.severity == ERROR and is_permission_problem(problem):
            if problem.path[3:] == ("record",) and problem.message.startswith("missing required field"):
                problem = replace(
                    problem,
                    message="status is granted but there is no consent record",
                    fix="add 'record:' with the reference of the signed consent form; until then the photo is not published",
                )
            problem = replace(problem, severity=NOT_PUBLISHED)
        out.append(problem)
    return out


def permission_problem_of(index: int, problems: list[Problem]) -> str | None:
    """The first permission problem of photos[index], as a short internal note, or None."""
    for problem in problems:
        if problem.severity == NOT_PUBLISHED and photo_index(problem) == index:
            return f"line {problem.line}: {problem.message}"
    return None


def records_from(located: Located, problems: list[Problem]) -> list[PhotoRecord]:
    data = located.data if isinstance(located.data, dict) else {}
    photos = data.get("photos") if isinstance(data.get("photos"), list) else []
    records = []
    for index, entry in enumerate(photos):
        entry = entry if isinstance(entry, dict) else {}
        photo_id = entry.get("id") if isinstance(entry.get("id"), str) else None
        # An id with its own problem (not a valid slug) still names the entry well enough to
        # find its pages; only a missing id leaves the entry unidentifiable.
        former = entry.get("former_ids")
        records.append(
            PhotoRecord(
                line=located.at(("photos", index)).line,
                photo_id=photo_id,
                former_ids=tuple(f for f in former if isinstance(f, str)) if isinstance(former, list) else (),
                permission=permission_from(entry.get("permission"), problem=permission_problem_of(index, problems)),
                gallery=entry.get("gallery") if isinstance(entry.get("gallery"), str) else "",
            )
        )
    return records
