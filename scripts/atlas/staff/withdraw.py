"""`atlas withdraw`: record that permission was withdrawn, and say what that changes.

Only the permission record's lines change: `status` is set where it stands, and `withdrawn_on`
and `withdrawn_reason` go on new lines straight after it (or are updated where they are).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..catalog.problems import did_you_mean
from ..pages.embed import EMBED
from ..catalog import read_permission_records
from .project import LOCK_WAIT, Project, catalog_lock, no_new_problems, read_source, write_text
from .yamledit import EditError, apply_edits, double_quoted, field_of, photo_node, read_nodes, scalar_like, set_fields, verify_edit


@dataclass(frozen=True)
class Withdrawn:
    photo_id: str
    gallery: str
    line: int
    on: dt.date
    was: str  # the status before
    embedded_in: tuple[str, ...]  # docs pages that embed the photo

    def report(self) -> str:
        lines = [
            f"Withdrew '{self.photo_id}' (captions.yaml line {self.line}): status withdrawn on {self.on.isoformat()}, "
            "reason recorded (the reason is internal and never published).",
        ]
        if self.was == "pending":
            lines.append("It was still pending, so it was never on the site.")
        else:
            lines += [
                "The next build will:",
                f"  - remove the photo and every image file made from it from the site, the gallery '{self.gallery}',",
                "    the search index and the sitemap;",
                f"  - keep the address /photos/{self.photo_id}/ as a 'no longer available' page that search engines",
                "    are told not to index, so old links do not break.",
            ]
            if self.embedded_in:
                lines.append(
                    "  - show a short notice instead of the photo on: " + ", ".join(self.embedded_in)
                    + " (you may want to remove the [[photo:...]] line there)."
                )
            lines.append("IMPORTANT: the photo stays online until the site is rebuilt and redeployed.")
        lines += [
            "The original file is still in images/; delete it too if the person asked for that",
            "(a withdrawn photo does not need its file).",
            "",
            "Next: run `make build` to check, then publish: commit and push captions.yaml (README, 'Publishing').",
        ]
        return "\n".join(lines)


def withdraw(project: Project, photo_id: str, *, reason: str, on: dt.date, wait: float = LOCK_WAIT) -> Withdrawn:
    """Record the withdrawal in captions.yaml, holding the edit lock from the first read to the
    write, so that two withdrawals at once both land (or one says it changed nothing)."""
    reason = reason.strip() if reason else ""
    if not reason:
        raise EditError(
            "a reason is needed\nNext: give it in a few words: make withdraw ID=... REASON=\"asked by the patient by phone\"\n"
            "(or atlas withdraw ID --reason \"...\")."
        )
    if not photo_id.strip():
        raise EditError("which photo?\nNext: make withdraw ID=photo-id REASON=\"...\" (`make permissions` lists the ids).")
    with catalog_lock(project, timeout=wait, holder=f"atlas withdraw {photo_id}"):
        # Read tolerantly: a mistake elsewhere in captions.yaml must never hold back a
        # withdrawal. The edit itself is checked to change exactly what it says, and to add no
        # problem the file did not already have.
        photo = _withdrawable(project, photo_id)
        text = read_source(project)
        new_text = withdrawal_text(text, photo_id, reason=reason, on=on)
        no_new_problems(project, text, new_text)
        write_text(project, new_text)
    return Withdrawn(
        photo_id=photo_id,
        gallery=photo.gallery,
        line=photo.line,
        on=on,
        was=photo.permission.status,
        embedded_in=tuple(pages_embedding(project.docs, {photo_id, *photo.former_ids})),
    )


def _withdrawable(project: Project, photo_id: str):
    records, problems = read_permission_records(project.captions)
    if records is None:
        raise EditError(
            "captions.yaml cannot be read at all, so the photo cannot be found:\n"
            + "\n".join(str(p) for p in problems)
            + "\nNext: fix the lines above (see EDITING.md, 'Reading an error message'), then run the command again."
        )
    photo = next((r for r in records if r.photo_id == photo_id), None)
    if photo is None:
        current = next((r.photo_id for r in records if photo_id in r.former_ids), None)
        if current:
            raise EditError(f"'{photo_id}' is a former id of '{current}'\nNext: run the command again with '{current}'.")
        hint = did_you_mean(photo_id, [r.photo_id for r in records if r.photo_id])
        raise EditError(
            f"there is no photo '{photo_id}' in captions.yaml. {hint}".rstrip()
            + "\nNext: run `make permissions` to list every photo id."
        )
    if photo.permission.status == "withdrawn":
        when = photo.permission.withdrawn_on.isoformat() if photo.permission.withdrawn_on else "an earlier date"
        raise EditError(
            f"'{photo_id}' is already withdrawn (on {when}); nothing was changed.\n"
            "Next: if the site still shows it, run `make build` and publish again."
        )
    return photo


def withdrawal_text(text: str, photo_id: str, *, reason: str, on: dt.date) -> str:
    """`text` with photo `photo_id` withdrawn on `on` for `reason`, every other byte as it was.
    Refused (EditError) unless the result reads back as exactly that change."""
    entry = photo_node(read_nodes(text), photo_id)
    found = field_of(entry, "permission")
    if found is None or not isinstance(found[1], yaml.MappingNode) or field_of(found[1], "status") is None:
        raise EditError(f"'{photo_id}' has no permission record with a status\nNext: run `make check` to see why.")
    permission = found[1]
    _, status = field_of(permission, "status")
    existing_date = field_of(permission, "withdrawn_on")
    values = {
        "status": scalar_like("withdrawn", status),
        "withdrawn_on": scalar_like(on.isoformat(), existing_date[1] if existing_date else None),
        # Always double-quoted, with escapes: a reason is free text (quotes, '#', ': ', line breaks).
        "withdrawn_reason": double_quoted(reason),
    }
    new_text = apply_edits(text, set_fields(text, permission, values, after="status"))

    def withdrawn(data) -> None:
        record = next(p for p in data["photos"] if isinstance(p, dict) and p.get("id") == photo_id)["permission"]
        record.update(status="withdrawn", withdrawn_on=on.isoformat(), withdrawn_reason=reason)

    verify_edit(text, new_text, withdrawn)
    return new_text


def pages_embedding(docs: Path, photo_ids: set[str]) -> list[str]:
    """The pages that embed any of `photo_ids` (a photo's id and its former ids), found with the
    build's own embed grammar, so withdraw reports every page the build will change."""
    found = []
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = page.read_text(encoding="utf-8", errors="replace")
        if any(m.group("kind") == "photo" and m.group("id") in photo_ids for m in EMBED.finditer(text)):
            found.append(page.relative_to(docs.parent).as_posix())
    return found
