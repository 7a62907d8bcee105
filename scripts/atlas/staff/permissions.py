"""`atlas permissions`: every photo's permission at a glance, and what needs attention.

This report is for staff only: it shows consent record references, which are never published.
Keep it out of docs/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..catalog.checks import resolve_inside
from ..catalog.model import Catalog, Photo
from ..permission import Reason, Visibility, assess
from ..settings import DAY_DEFAULTS

# Defaults of the two settings in mkdocs.yml, extra.atlas (declared once, in atlas.settings).
PENDING_TOO_LONG_DAYS = DAY_DEFAULTS["pending_too_long_days"]
DEFAULT_EXPIRING_WITHIN_DAYS = DAY_DEFAULTS["expiring_within_days"]

_ON_SITE = {
    Visibility.PUBLISHED: "published",
    # The report reads the catalog, not the live site: a withdrawal is off the site only once
    # the site has been rebuilt and deployed.
    Visibility.RETIRED: "taken down at the next publish",
    Visibility.HIDDEN: "not published",
}
TABLE_WIDTH = 100  # an ordinary terminal window
COLUMNS = ("id", "status", "on site", "scope", "requested on", "granted on", "expires", "withdrawn on", "record", "attention")


@dataclass(frozen=True)
class Row:
    photo_id: str
    status: str
    on_site: str
    scope: str
    requested_on: str
    granted_on: str
    expires: str
    withdrawn_on: str
    record: str
    flags: tuple[str, ...]

    def cells(self) -> tuple[str, ...]:
        return (
            self.photo_id, self.status, self.on_site, self.scope, self.requested_on, self.granted_on,
            self.expires, self.withdrawn_on, self.record, "; ".join(self.flags),
        )


@dataclass(frozen=True)
class Report:
    on: dt.date
    rows: tuple[Row, ...]
    unused_files: tuple[str, ...]  # relative to images/

    def flagged(self, word: str) -> list[Row]:
        return [row for row in self.rows if any(word in flag for flag in row.flags)]


def permission_report(
    catalog: Catalog,
    *,
    images_dir: Path,
    on: dt.date,
    expiring_within: int = DEFAULT_EXPIRING_WITHIN_DAYS,
    pending_too_long: int = PENDING_TOO_LONG_DAYS,
) -> Report:
    rows = tuple(_row(photo, on=on, expiring_within=expiring_within, pending_too_long=pending_too_long) for photo in catalog.photos)
    return Report(on=on, rows=rows, unused_files=tuple(unused_files(catalog, images_dir=images_dir)))


def _row(photo: Photo, *, on: dt.date, expiring_within: int, pending_too_long: int) -> Row:
    """One photo's line. What is published and why not comes from the permission gate; this
    only turns it into what staff should do."""
    permission = photo.permission
    verdict = assess(photo, on=on)
    flags = []
    no_record = permission.status == "granted" and not (permission.record or "").strip()
    if verdict.reason is Reason.UNREADABLE and not no_record:
        flags.append("permission record has a problem: run `make check`")
    if verdict.reason is Reason.EXPIRED:
        flags.append("expired: renew or withdraw")
    elif permission.status == "granted" and permission.expires and 0 < (permission.expires - on).days <= expiring_within:
        days = (permission.expires - on).days
        flags.append(f"expires in {days} day{'s' if days != 1 else ''}")
    if no_record:
        flags.append("granted without record: not shown")
    if verdict.reason is Reason.NOT_FOR_WEBSITE:
        flags.append("scope has no website: not shown")
    if verdict.reason is Reason.NOT_STARTED:
        flags.append("granted_on is in the future")
    if verdict.reason is Reason.NEVER_IN_FORCE:
        flags.append("ended before it started: check the dates")
    if permission.status == "pending":
        if permission.requested_on is None:
            flags.append("pending since unknown date (add requested_on)")
        else:
            waited = (on - permission.requested_on).days
            if waited > pending_too_long:
                flags.append(f"pending for {waited} days")
    return Row(
        photo_id=photo.id,
        status=permission.status,
        on_site=_ON_SITE[verdict.visibility],
        scope=", ".join(permission.scope),
        requested_on=_iso(permission.requested_on),
        granted_on=_iso(permission.granted_on),
        expires=_iso(permission.expires),
        withdrawn_on=_iso(permission.withdrawn_on),
        record=(permission.record or "").strip(),
        flags=tuple(flags),
    )


def unused_files(catalog: Catalog, *, images_dir: Path) -> list[str]:
    """Files in images/ that no entry names: forgotten uploads, or originals of deleted
    entries that may hold a photo nobody has permission for any more."""
    root = Path(images_dir).resolve()
    if not root.is_dir():
        return []
    used = set()
    for photo in catalog.photos:
        source, _ = resolve_inside(photo.file.strip(), root)
        if source is not None:
            used.add(source)
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)  # .gitattributes, .DS_Store
        and path.resolve() not in used
    )


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def format_report(report: Report, *, style: str = "table") -> str:
    cells = [row.cells() for row in report.rows]
    if style == "csv":
        out = io.StringIO()
        # The byte-order mark tells Excel the file is UTF-8 (accents, "·"); dates are ISO
        # (2026-12-01), which Excel reads as dates.
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(cells)
        for name in report.unused_files:
            writer.writerow([""] * (len(COLUMNS) - 1) + [f"unused file: images/{name}"])
        return out.getvalue()
    if style == "md":
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
        lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in cells]
        if report.unused_files:
            lines += ["", "Files in images/ that no entry uses:", ""]
            lines += [f"- `images/{name}`" for name in report.unused_files]
        return "\n".join(lines) + "\n"
    if style != "table":
        raise ValueError(f"unknown format {style!r}")
    # One block per photo, so it fits an ordinary terminal: the id, status and whether it is on
    # the site; then its permission details; then what needs doing, if anything.
    lines = []
    for row in report.rows:
        lines.append(f"{row.photo_id}  [{row.status}]  {row.on_site}")
        details = [f"scope: {row.scope or '-'}"]
        details += [f"{label} {value}" for label, value in (
            ("requested", row.requested_on), ("granted", row.granted_on), ("expires", row.expires),
            ("withdrawn", row.withdrawn_on), ("record", row.record)) if value]
        lines += textwrap.wrap(" · ".join(details), TABLE_WIDTH, initial_indent="    ", subsequent_indent="    ")
        if row.flags:
            lines += textwrap.wrap("needs attention: " + "; ".join(row.flags), TABLE_WIDTH,
                                   initial_indent="    ", subsequent_indent="      ")
    if report.unused_files:
        lines += ["", "Files in images/ that no entry uses:"]
        lines += [f"  images/{name}" for name in report.unused_files]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def next_steps(report: Report) -> str:
    """What to do about the report, in the order it matters."""
    counts = {state: sum(row.on_site == state for row in report.rows) for state in _ON_SITE.values()}
    lines = [
        f"{len(report.rows)} photos on {report.on.isoformat()}: {counts['published']} published, "
        f"{counts['not published']} not published, {counts[_ON_SITE[Visibility.RETIRED]]} taken down (off the site "
        "once it is next published). "
        "This report shows consent record references: keep it internal."
    ]
    todo = []
    expiring = report.flagged("expire")
    if expiring:
        todo.append(
            f"{len(expiring)} photo(s) expire soon or have expired ({_ids(expiring)}): ask for renewed permission "
            "and update 'expires', or run `make withdraw ID=... REASON=...`."
        )
    no_record = report.flagged("without record")
    if no_record:
        todo.append(
            f"{len(no_record)} granted photo(s) have no consent record reference ({_ids(no_record)}): "
            "find the signed form and fill in 'record'."
        )
    waiting = report.flagged("pending")
    if waiting:
        todo.append(
            f"{len(waiting)} photo(s) pending for long or since an unknown date ({_ids(waiting)}): chase the consent "
            "form, or delete the entry and its file if it will not come."
        )
    if report.unused_files:
        todo.append(
            f"{len(report.unused_files)} file(s) in images/ are used by no entry: add them with `make add-photo` "
            "or delete them."
        )
    if todo:
        lines += ["Next:"] + [f"  {number}. {text}" for number, text in enumerate(todo, start=1)]
    else:
        lines.append("Next: nothing needs attention.")
    return "\n".join(
        wrapped for line in lines
        for wrapped in textwrap.wrap(line, TABLE_WIDTH, subsequent_indent="     " if line.startswith("  ") else "")
    )


def _ids(rows: list[Row]) -> str:
    shown = [row.photo_id for row in rows[:5]]
    return ", ".join(shown) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")


def reminder_issue(report: Report) -> str | None:
    """The body of the one GitHub issue the reminders workflow keeps open, or None when nothing
    needs attention. Photo ids and dates only: issues of a public repository are public, so
    never a consent record, a reason, a caption or a name."""
    sections = []
    expiring = [r for r in report.rows if any(f.startswith(("expires in", "expired")) for f in r.flags)]
    if expiring:
        sections.append(("Consent ends soon or has ended: renew it, or withdraw the photo",
                         [f"`{r.photo_id}`: expires {r.expires}" for r in expiring]))
    waiting = [r for r in report.rows if any(f.startswith("pending") for f in r.flags)]
    if waiting:
        sections.append(("Waiting for consent: chase the form, or remove the entry",
                         [f"`{r.photo_id}`: requested {r.requested_on or 'on an unknown date'}" for r in waiting]))
    no_record = report.flagged("without record")
    if no_record:
        sections.append(("Granted but no consent record reference, so not shown: fill in `record`",
                         [f"`{r.photo_id}`: granted {r.granted_on or 'on an unknown date'}" for r in no_record]))
    if not sections:
        return None
    lines = [f"Photo permissions that need attention on {report.on.isoformat()} (`make permissions` or the "
             "editor at /admin/ shows the details). This issue is updated every day and closed when nothing is left."]
    for title, items in sections:
        lines += ["", f"### {title}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"
