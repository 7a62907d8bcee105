"""The medical review of an article, recorded in its front matter, and the notice readers see.

Not yet reviewed (the honest default until a reviewer signs it off):

    review: awaiting-review

Reviewed:

    review:
      reviewed_by: Dr A. Example, consultant dermatologist
      reviewed_on: 2026-11-01
      next_review: 2027-11-01

Health-information standards (such as the UK's PIF TICK) ask that readers can see when a page
was checked and when it will be checked again, so the notice is shown on the page itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from ..escape import html as escape

AWAITING = "awaiting-review"
REVIEWED_FIELDS = ("reviewed_by", "reviewed_on", "next_review")


class ReviewState(Enum):
    NOT_RECORDED = "not-recorded"  # not an article (no `review:` in its front matter)
    AWAITING = "awaiting-review"
    CURRENT = "reviewed"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Review:
    state: ReviewState
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    next_review: dt.date | None = None


class ReviewError(ValueError):
    """The front matter's review record cannot be read; the message says how to fix it."""


def review_of(meta: dict, *, page_path: str, on: dt.date) -> Review:
    """The review state of a page from its front matter, on a given date."""
    if "review" not in meta:
        return Review(ReviewState.NOT_RECORDED)
    record = meta["review"]
    if isinstance(record, dict) and "status" in record:
        status, record = record["status"], {k: v for k, v in record.items() if k != "status" and v not in (None, "")}
        if status == AWAITING:
            return Review(ReviewState.AWAITING)
        if status != "reviewed":
            raise ReviewError(f"{page_path}: review.status: '{status}' is not understood (write {AWAITING} or reviewed)")
    if record == AWAITING:
        return Review(ReviewState.AWAITING)
    if not isinstance(record, dict):
        raise ReviewError(
            f"{page_path}: review: '{record}' is not understood "
            f"(write 'review: {AWAITING}', or reviewed_by, reviewed_on and next_review under 'review:')"
        )
    missing = [name for name in REVIEWED_FIELDS if not record.get(name)]
    unknown = [name for name in record if name not in REVIEWED_FIELDS]
    if missing or unknown:
        detail = "; ".join(
            ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(unknown)}"] if unknown else [])
        )
        raise ReviewError(f"{page_path}: review: {detail} (a reviewed page needs reviewed_by, reviewed_on and next_review)")
    reviewed_on = _date(record["reviewed_on"], page_path=page_path, name="reviewed_on")
    next_review = _date(record["next_review"], page_path=page_path, name="next_review")
    if next_review <= reviewed_on:
        raise ReviewError(f"{page_path}: review.next_review: {next_review} is not after reviewed_on {reviewed_on} (check the dates)")
    if reviewed_on > on:
        raise ReviewError(f"{page_path}: review.reviewed_on: {reviewed_on} is in the future (use the date the review was done)")
    state = ReviewState.OVERDUE if next_review < on else ReviewState.CURRENT
    return Review(state, reviewed_by=str(record["reviewed_by"]).strip(), reviewed_on=reviewed_on, next_review=next_review)


def _date(value, *, page_path: str, name: str) -> dt.date:
    # MkDocs reads front matter with YAML, which turns 2026-11-01 into a date already.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReviewError(f"{page_path}: review.{name}: '{value}' is not a date (write it as YYYY-MM-DD)") from None


def overdue_warning(review: Review, *, page_path: str, on: dt.date) -> str | None:
    if review.state is not ReviewState.OVERDUE:
        return None
    days = (on - review.next_review).days
    return (
        f"{page_path}: medical review was due on {review.next_review.isoformat()} ({days} day(s) ago); "
        "ask the reviewer to check the page, then update reviewed_on and next_review"
    )


def human_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def review_banner(review: Review) -> str:
    """The notice shown under the page title; '' for pages that are not articles."""
    if review.state is ReviewState.NOT_RECORDED:
        return ""
    if review.state is ReviewState.AWAITING:
        return (
            '<div class="atlas-review atlas-review--awaiting" role="note">'
            "<strong>Awaiting medical review.</strong> "
            "This page was written carefully from published medical studies, but a doctor has not yet checked it. "
            "Please talk to your own care team about your situation."
            "</div>"
        )
    text = (
        f"Last reviewed {human_date(review.reviewed_on)} by {escape(review.reviewed_by)}"
        f" · Next review due {human_date(review.next_review)}"
    )
    if review.state is ReviewState.OVERDUE:
        return (
            f'<div class="atlas-review atlas-review--overdue" role="note">{text}. '
            "<strong>This review is overdue</strong>; some details may be out of date.</div>"
        )
    return f'<div class="atlas-review" role="note">{text}</div>'


def insert_after_title(markdown: str, html: str) -> str:
    """Put a block right after the page's first '# ' heading (or at the top if it has none)."""
    if not html:
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", html, ""] + lines[index + 1 :])
    return f"{html}\n\n{markdown}"


IN_BRIEF = '!!! abstract "In brief"'


def insert_after_summary(markdown: str, html: str) -> str:
    """Put a block after the page's "In brief" box, which readers should meet first, at the size
    of the body text (or right after the title on a page without one)."""
    if not html:
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.strip() == IN_BRIEF:
            end = index + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
                end += 1
            while end > index + 1 and not lines[end - 1].strip():
                end -= 1
            return "\n".join(lines[:end] + ["", html, ""] + lines[end:])
        if line.startswith("## "):
            break  # an "In brief" further down is not the page's summary
    return insert_after_title(markdown, html)


def review_summary(states: list[ReviewState]) -> str:
    """One sentence for the home page saying how much of the site a clinician has checked,
    computed from every medical page's front matter, so it can never claim more than is true."""
    medical = [state for state in states if state is not ReviewState.NOT_RECORDED]
    current = sum(state is ReviewState.CURRENT for state in medical)
    if not medical:
        return ""
    if current == 0:
        return (
            "No medical page on this site has been checked by a doctor yet: each one says "
            "**Awaiting medical review** under its summary until a named clinician has signed it off."
        )
    if current == len(medical):
        return (
            f"All {len(medical)} medical pages have been checked by a named clinician; each page "
            "says who checked it, when, and when it will be checked again."
        )
    return (
        f"{current} of the {len(medical)} medical pages have been checked by a named clinician. "
        "The others say **Awaiting medical review** (or that their review is overdue) under their summary."
    )
