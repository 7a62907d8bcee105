"""Site-wide values written once in mkdocs.yml (`extra.atlas`) and used in pages by marker,
so a changed address is changed in one place:

    [[contact-email]]  ->  a mailto link to extra.atlas.contact_email
"""

from __future__ import annotations

import re
from ..escape import html as escape

CONTACT = re.compile(r"\[\[contact-email\]\]")


def expand_contact(markdown: str, *, email: str | None, page_path: str) -> tuple[str, list[str]]:
    if not CONTACT.search(markdown):
        return markdown, []
    if not email:
        return markdown, [f"{page_path}: [[contact-email]] is used but mkdocs.yml has no extra.atlas.contact_email (add it)"]
    link = f'<a href="mailto:{escape(email)}">{escape(email)}</a>'
    return CONTACT.sub(link, markdown), []
