"""Checks the schema cannot express: ids unique across the catalog, galleries that exist, and
photo files that are really inside images/ and really readable images."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable

from .problems import ERROR, WARNING, Problem, did_you_mean
from ..yamlsource import Located, dotted

def cross_reference_problems(located: Located, *, filename: str) -> list[Problem]:
    data = located.data if isinstance(located.data, dict) else {}
    galleries = [g for g in _list(data.get("galleries")) if isinstance(g, dict)]
    photos = _list(data.get("photos"))
    problems: list[Problem] = []

    def add(path, message, fix=""):
        at = located.at(path)
        problems.append(Problem(filename, at.line, at.column, dotted(path), message, fix))

    seen_galleries: dict[str, int] = {}
    for index, gallery in enumerate(_list(data.get("galleries"))):
        gid = gallery.get("id") if isinstance(gallery, dict) else None
        if isinstance(gid, str):
            if gid in seen_galleries:
                first = located.at(("galleries", seen_galleries[gid], "id")).line
                add(("galleries", index, "id"), f"gallery id '{gid}' is used twice (first on line {first})", "give each gallery its own id")
            else:
                seen_galleries[gid] = index
    gallery_ids = [g.get("id") for g in galleries if isinstance(g.get("id"), str)]

    # Every id and former id shares one namespace: /photos/<id>/ must mean one photo forever.
    claimed: dict[str, tuple] = {}
    for index, photo in enumerate(photos):
        if not isinstance(photo, dict):
            continue
        names = [(("photos", index, "id"), photo.get("id"))]
        former = photo.get("former_ids")
        if isinstance(former, list):
            names += [(("photos", index, "former_ids", n), old) for n, old in enumerate(former)]
        for path, name in names:
            if not isinstance(name, str):
                continue
            if name in claimed:
                first = located.at(claimed[name]).line
                kind = "former id" if "former_ids" in path else "id"
                add(path, f"{kind} '{name}' is already used on line {first}", "every id and former id must be unique: /photos/<id>/ must always mean one photo")
            else:
                claimed[name] = path
        gallery = photo.get("gallery")
        if isinstance(gallery, str) and gallery not in gallery_ids:
            hint = did_you_mean(gallery, gallery_ids) or f"use one of: {', '.join(gallery_ids) or '(no galleries defined)'}"
            add(("photos", index, "gallery"), f"unknown gallery '{gallery}'", hint)
    return problems


def file_problems(
    located: Located,
    *,
    filename: str,
    images_dir: Path,
    verify_image: Callable[[Path], str | None],
    needed: set[int],
    wanted: set[int] = frozenset(),
) -> tuple[list[Problem], dict[int, Path]]:
    """Problems with photo files, and the resolved source path of each good photo by index.

    `needed`: photos published today (the permission gate decides): their file must be there
    and readable, or the build cannot publish them. `wanted`: photos that may be published
    later (pending): a missing file is only a warning. Any other photo's original may already
    have been deleted at the patient's request, which must never block the build that takes
    the photo down."""
    data = located.data if isinstance(located.data, dict) else {}
    problems: list[Problem] = []
    sources: dict[int, Path] = {}
    root = images_dir.resolve()
    for index, photo in enumerate(_list(data.get("photos"))):
        if not isinstance(photo, dict) or not isinstance(photo.get("file"), str):
            continue
        if index not in needed and index not in wanted:
            continue
        path = ("photos", index, "file")
        at = located.at(path)
        # A photo that is not published yet only warns about its file: it is not read today.
        severity = ERROR if index in needed else WARNING

        def add(message, fix="", severity_=None):
            problems.append(Problem(filename, at.line, at.column, dotted(path), message, fix, severity=severity_ or severity, path=path))

        relative = photo["file"].strip()
        source, why = resolve_inside(relative, root)
        if source is None:
            # Always an error: a path out of images/ may point at private files.
            add(why, "give the path relative to the images/ folder, such as ibc/scar-line-01.jpg", ERROR)
            continue
        if not source.is_file():
            add(f"file not found: images/{relative}", "check the spelling and the folder, or add the file to images/")
            continue
        error = verify_image(source)
        if error:
            add(f"images/{relative} {error}", "replace it with a good copy of the photo, or remove this entry")
            continue
        sources[index] = source
    return problems, sources


def resolve_inside(relative: str, root: Path) -> tuple[Path | None, str]:
    """The file inside `root` named by `relative`, or None and why not.

    Refuses absolute paths, '..' and symlinks that lead out of images/: originals outside that
    folder may be private and must never be read into the site.
    """
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or relative.startswith("~") or (len(relative) > 1 and relative[1] == ":"):
        return None, f"'{relative}' is an absolute path; photo files must be inside images/"
    if ".." in pure.parts:
        return None, f"'{relative}' leaves the images/ folder ('..' is not allowed)"
    candidate = root.joinpath(*pure.parts)
    resolved = candidate.resolve()
    if resolved != root and root not in resolved.parents:
        return None, f"'{relative}' is a link that leads outside the images/ folder"
    return resolved, ""


def _list(value) -> list:
    return value if isinstance(value, list) else []
