"""`atlas add-photo`: bring a photo into the catalog as pending, never published by accident."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..catalog.checks import resolve_inside
from ..catalog.problems import did_you_mean
from ..catalog.schema import slugify
from ..images import verify_image
from .project import LOCK_WAIT, Project, catalog_lock, read_catalog, read_source, validate_text, write_text
from .yamledit import EditError, append_entry_text, plain_data, verify_edit

# What staff fill in later. Written as comments so the entry is valid as it stands (pending needs
# none of them) and the build refuses "granted" until they are real values.
_PERMISSION_TODO = """\
TODO when the signed consent form is filed (EDITING.md, "Recording permission"):
change status to granted, set record, then delete the "# " in front of these lines and fill them in:
scope: [website]              # where it may be used: website, print, teaching, social
granted_by: patient           # or family, photographer, institution
granted_on: YYYY-MM-DD        # the date on the form
license: all-rights-reserved  # or a licence id such as CC-BY-4.0
credit: Shared by a patient   # the credit shown with the photo"""


@dataclass(frozen=True)
class AddedPhoto:
    photo_id: str
    file: str  # relative to images/
    copied: bool  # False when the file was already inside images/
    line: int  # where the new entry starts in captions.yaml

    def report(self) -> str:
        where = f"images/{self.file}"
        return "\n".join(
            [
                f"Added photo '{self.photo_id}' to captions.yaml (line {self.line}) with status: pending.",
                (f"Copied the photo to {where}." if self.copied else f"Using the photo already at {where}."),
                "It is NOT published: a pending photo leaves no trace on the site.",
                "",
                "Next:",
                f"  1. Open captions.yaml at line {self.line} and fill in 'alt' and 'caption'"
                " (EDITING.md, 'Writing a good caption and alt text').",
                "  2. When the signed consent form is filed, set 'record' to its reference, change"
                " 'status' to granted and fill in the lines marked TODO.",
                "  3. Run `make check`, then `make serve` to preview.",
            ]
        )


def add_photo(
    project: Project,
    file: Path,
    *,
    gallery: str,
    photo_id: str | None = None,
    on: dt.date,
    wait: float = LOCK_WAIT,
) -> AddedPhoto:
    """Add `file` to `gallery` as a pending photo, holding the edit lock from the first read of
    captions.yaml to the write, so that another command's edit is never lost."""
    file = Path(file).expanduser()
    with catalog_lock(project, timeout=wait, holder=f"atlas add-photo {file.name}"):
        catalog = read_catalog(project)
        _check_file(file)
        _check_gallery(gallery, catalog)
        _check_not_a_duplicate(file, catalog, project.images)
        taken = {p.id for p in catalog.photos} | {old for p in catalog.photos for old in p.former_ids}
        photo_id = _checked_id(photo_id, taken) if photo_id else _unique(slugify(file.stem) or "photo", taken)

        relative, copied = _place(file, project.images, gallery=gallery, photo_id=photo_id)
        try:
            new_text, line = _with_entry(project, pending_entry(photo_id=photo_id, file=relative, gallery=gallery, on=on), on=on)
        except EditError:
            if copied:
                (project.images / relative).unlink(missing_ok=True)
            raise
        write_text(project, new_text)
    return AddedPhoto(photo_id=photo_id, file=relative, copied=copied, line=line)


def _with_entry(project: Project, entry: CommentedMap, *, on: dt.date) -> tuple[str, int]:
    """captions.yaml's text with `entry` appended, read back and validated."""
    text = read_source(project)
    new_text, line = append_entry_text(
        text,
        entry,
        section="photos",
        comment=f"Added by `atlas add-photo` on {on.isoformat()}: fill in the lines marked TODO.",
    )
    verify_edit(text, new_text, lambda data: data["photos"].append(plain_data(entry)))
    validate_text(project, new_text)
    return new_text, line


def _check_file(file: Path) -> None:
    if not file.is_file():
        raise EditError(f"file not found: {file}\nNext: check the path; drag the file onto the terminal to paste its full path.")
    problem = verify_image(file)
    if problem:
        raise EditError(f"{file.name} {problem}\nNext: export the photo again as a JPEG or PNG and try once more.")


def _check_gallery(gallery: str, catalog) -> None:
    gallery_ids = [g.id for g in catalog.galleries]
    if gallery not in gallery_ids:
        starts = [g for g in gallery_ids if g.startswith(gallery)] if gallery else []
        hint = f"did you mean '{starts[0]}'?" if len(starts) == 1 else did_you_mean(gallery, gallery_ids)
        raise EditError(
            f"there is no gallery '{gallery}'. {hint}".rstrip()
            + f"\nNext: use one of: {', '.join(gallery_ids)} (or add the gallery to captions.yaml first)."
        )


def _check_not_a_duplicate(file: Path, catalog, images_dir: Path) -> None:
    duplicate = _same_content(file, catalog, images_dir)
    if duplicate:
        other, status = duplicate
        raise EditError(
            f"this photo is already in the catalog as '{other}' (status: {status}); the file's content is identical."
            + (
                "\nNext: that photo's permission was withdrawn; do not add it again without a new signed consent form."
                if status == "withdrawn"
                else f"\nNext: edit the entry for '{other}' in captions.yaml instead of adding it twice."
            )
        )


def pending_entry(*, photo_id: str, file: str, gallery: str, on: dt.date) -> CommentedMap:
    entry = CommentedMap()
    entry["id"] = photo_id
    entry["file"] = file
    entry["gallery"] = gallery
    entry["alt"] = None
    entry["caption"] = None
    permission = CommentedMap()
    permission["status"] = "pending"
    permission["requested_on"] = on
    permission["record"] = None
    entry["permission"] = permission

    column = 24  # the TODO notes line up, as a person would write them
    entry.yaml_add_eol_comment("# TODO: what the photo shows, for someone who cannot see it", "alt", column=column)
    entry.yaml_add_eol_comment("# TODO: the caption shown under the photo", "caption", column=column)
    permission.yaml_add_eol_comment("# TODO: the consent form's reference (never published)", "record", column=column)
    # Column of "status:" in the emitted entry ("  - id:" then "    permission:" then
    # "      status:"); append_entry_text moves the whole block to the file's own indent.
    permission.yaml_set_comment_before_after_key("status", before=_PERMISSION_TODO, indent=6)
    return entry


def _same_content(file: Path, catalog, images_dir: Path) -> tuple[str, str] | None:
    wanted = _sha256(file)
    root = images_dir.resolve()
    for photo in catalog.photos:
        source, _ = resolve_inside(photo.file.strip(), root)
        if source is not None and source.is_file() and _sha256(source) == wanted:
            return photo.id, photo.permission.status
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checked_id(photo_id: str, taken: set[str]) -> str:
    if slugify(photo_id) != photo_id:
        suggestion = slugify(photo_id) or "scar-line-nodules"
        raise EditError(
            f"'{photo_id}' is not a valid id\nNext: use lowercase letters, digits and single hyphens, such as '{suggestion}'."
        )
    if photo_id in taken:
        raise EditError(
            f"the id '{photo_id}' is already used (as an id or former id)\n"
            f"Next: choose another, such as '{_unique(photo_id, taken)}'; an address /photos/<id>/ must always mean one photo."
        )
    return photo_id


def _unique(base: str, taken: set[str]) -> str:
    base = base[:70].strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _place(file: Path, images_dir: Path, *, gallery: str, photo_id: str) -> tuple[str, bool]:
    """The file's path relative to images/, copying it into images/<gallery>/ unless it is
    already inside images/. Only originals live there; the site gets re-encoded copies."""
    root = images_dir.resolve()
    resolved = file.resolve()
    if root in resolved.parents:
        return resolved.relative_to(root).as_posix(), False
    folder = images_dir / gallery
    folder.mkdir(parents=True, exist_ok=True)
    suffix = file.suffix.lower()
    target, n = folder / f"{photo_id}{suffix}", 2
    while target.exists():
        target, n = folder / f"{photo_id}-{n}{suffix}", n + 1
    shutil.copy2(file, target)
    return target.relative_to(images_dir).as_posix(), True


__all__ = ["AddedPhoto", "add_photo", "pending_entry"]
