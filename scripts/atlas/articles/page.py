"""Everything the articles add to one page, in one call, so the MkDocs adapter stays a few lines
and the whole transformation can be tested on a string."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .citations import render_citations
from .glossary import Term, expand_glossary
from .jsonld import AudienceError, medical_web_page
from .placeholders import expand_contact, expand_support
from .references import Reference
from .review import Review, ReviewError, ReviewState, insert_after_summary, overdue_warning, review_banner, review_of

# The same rule MkDocs uses: '---' on the first line, closed by '---' or '...'.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?^(?:-{3}|\.{3})[ \t]*\n", re.DOTALL | re.MULTILINE)


@dataclass
class ArticleResult:
    markdown: str
    jsonld: str | None = None  # for <script type="application/ld+json">, articles only
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    review: Review | None = None  # an article's medical review, when its front matter records one


def render_article(
    markdown: str,
    *,
    meta: dict,
    page_path: str,
    url: str,
    references: dict[str, Reference],
    glossary: list[Term],
    contact_email: str | None,
    on: dt.date,
    first_line: int = 1,
    page_file: str = "",
) -> ArticleResult:
    cited = render_citations(markdown, page_path=page_path, references=references, first_line=first_line)
    result = ArticleResult(markdown=cited.markdown, errors=list(cited.errors))
    result.markdown = expand_glossary(result.markdown, glossary)
    result.markdown, problems = expand_contact(result.markdown, email=contact_email, page_path=page_path)
    result.errors += problems
    result.markdown = expand_support(result.markdown, page_file=page_file or page_path)

    try:
        review = review_of(meta, page_path=page_path, on=on)
    except ReviewError as error:
        result.errors.append(str(error))
        return result
    if review.state is ReviewState.NOT_RECORDED:
        return result
    result.review = review
    warning = overdue_warning(review, page_path=page_path, on=on)
    if warning:
        result.warnings.append(warning)
    result.markdown = insert_after_summary(result.markdown, review_banner(review))
    if not str(meta.get("description") or "").strip():
        # Search engines and link previews show it; an article without one looks broken.
        result.errors.append(f"{page_path}: description is missing from the front matter (add one plain sentence)")
    try:
        result.jsonld = medical_web_page(
            title=str(meta.get("title") or _first_heading(markdown)),
            description=str(meta.get("description") or ""),
            url=url,
            review=review,
            audience=list(meta.get("audience") or []),
        )
    except AudienceError as error:
        result.errors.append(f"{page_path}: {error}")
    return result


def body_first_line(source: str) -> int:
    """The file line a page's Markdown body starts on, after its YAML front matter (MkDocs hands
    extensions the body only, so line numbers in messages must be shifted back)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return 1
    rest = source[match.end():]
    blank_lines_dropped = len(rest) - len(rest.lstrip("\n"))  # MkDocs strips them too
    return source.count("\n", 0, match.end()) + blank_lines_dropped + 1


def _first_heading(markdown: str) -> str:
    for line in markdown.split("\n"):
        if line.startswith("# "):
            return line[2:].strip()
    return ""
