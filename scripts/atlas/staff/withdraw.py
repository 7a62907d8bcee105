"""`atlas withdraw`: record that permission was withdrawn, and say what that changes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..catalog.problems import did_you_mean
from .project import Project, read_catalog, validate_text, write_text
from .yamledit import EditError, dump, find_photo, line_of, load, set_keys_after


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


def withdraw(project: Project, photo_id: str, *, reason: str, on: dt.date) -> Withdrawn:
    if not reason or not reason.strip():
        raise EditError(
            "a reason is needed\nNext: give it in a few words: make withdraw ID=... REASON=\"asked by the patient by phone\"\n"
            "(or atlas withdraw ID --reason \"...\")."
        )
    if not photo_id.strip():
        raise EditError("which photo?\nNext: make withdraw ID=photo-id REASON=\"...\" (`make permissions` lists the ids).")
    catalog = read_catalog(project)
    photo = catalog.photo(photo_id)
    if photo is None:
        current = next((p.id for p in catalog.photos if photo_id in p.former_ids), None)
        if current:
            raise EditError(f"'{photo_id}' is a former id of '{current}'\nNext: run the command again with '{current}'.")
        hint = did_you_mean(photo_id, [p.id for p in catalog.photos])
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

    data = load(project.captions.read_text(encoding="utf-8"))
    index, entry = find_photo(data, photo_id)
    permission = entry["permission"]
    permission["status"] = "withdrawn"
    set_keys_after(
        permission,
        {"withdrawn_on": on, "withdrawn_reason": reason.strip()},
        after=list(permission.keys())[-1] if "withdrawn_on" not in permission else "status",
    )
    new_text = dump(data)
    validate_text(project, new_text)
    write_text(project, new_text)
    return Withdrawn(
        photo_id=photo_id,
        gallery=photo.gallery,
        line=line_of(data, index),
        on=on,
        was=photo.permission.status,
        embedded_in=tuple(_pages_embedding(project.docs, photo_id)),
    )


def _pages_embedding(docs: Path, photo_id: str) -> list[str]:
    pattern = re.compile(r"\[\[\s*photo\s*:\s*" + re.escape(photo_id) + r"\s*\]\]")
    found = []
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        if pattern.search(page.read_text(encoding="utf-8", errors="replace")):
            found.append(page.relative_to(docs.parent).as_posix())
    return found
