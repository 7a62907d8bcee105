"""Site-wide values written once in mkdocs.yml (`extra.atlas`) and used in pages by marker,
so a changed address is changed in one place:

    [[contact-email]]  ->  a mailto link to extra.atlas.contact_email
    [[support]]        ->  one sentence pointing to the support page, at the end of every
                           patient page and beside every survival figure (its wording and the
                           page it points to live here only)
    [[review-summary]] ->  how many medical pages a clinician has checked (the home page),
                           counted from their front matter at build time
"""

from __future__ import annotations

import posixpath
import re
from ..escape import html as escape

CONTACT = re.compile(r"\[\[contact-email\]\]")
SUPPORT = re.compile(r"\[\[support\]\]")
REVIEW_SUMMARY = re.compile(r"\[\[review-summary\]\]")
SUPPORT_PAGE = "support.md"  # docs-relative
SUPPORT_SENTENCE = "Want to talk to someone? [Support and someone to talk to]({link}) lists people who can help."


def expand_contact(markdown: str, *, email: str | None, page_path: str) -> tuple[str, list[str]]:
    if not CONTACT.search(markdown):
        return markdown, []
    if not email:
        return markdown, [f"{page_path}: [[contact-email]] is used but mkdocs.yml has no extra.atlas.contact_email (add it)"]
    link = f'<a href="mailto:{escape(email)}">{escape(email)}</a>'
    return CONTACT.sub(link, markdown), []


def expand_support(markdown: str, *, page_file: str) -> str:
    """[[support]] as a Markdown link from `page_file` (docs-relative) to the support page, so
    both engines resolve and check it like any link a writer types."""
    link = posixpath.relpath(SUPPORT_PAGE, posixpath.dirname(page_file) or ".")
    return SUPPORT.sub(lambda _: SUPPORT_SENTENCE.format(link=link), markdown)


def expand_review_summary(markdown: str, *, summary: str) -> str:
    return REVIEW_SUMMARY.sub(lambda _: summary, markdown)
