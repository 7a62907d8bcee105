"""Glossary terms marked at their first use in each section of a staff page's body text.

Markdown's `abbr` extension marks every occurrence, headings and titles included, which turned
the home page's `h1` and nearly every sentence of the treatment page into dotted underlines. So
the atlas marks a term itself: once per section (a section starts at each heading), never in
a heading, an admonition title, code, a link address, a citation, raw HTML or an embed. The
definition is staff text, escaped into the `title` attribute that Material shows as a tooltip.
"""

from __future__ import annotations

import re

from ..escape import html as escape
from .glossary import Term

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP_LINE = re.compile(r"^\s*(<|\[\[|\*\[|!!!|\?\?\?|\|?\s*:?-{3,}\s*\|)")
# Parts of a line a term must not be marked inside: inline code, citations, a link's address,
# raw HTML tags and entities.
_PROTECTED = re.compile(r"`[^`]*`|\[@[^\]]*\]|\]\([^)]*\)|<[^>]*>|&\w+;")


def mark_first_uses(markdown: str, terms: list[Term]) -> str:
    if not terms:
        return markdown
    by_term = {term.term: term.definition for term in terms}
    # Longest first, so "alopecia neoplastica" wins over "alopecia".
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True)) + r")(?![\w-])"
    )
    seen: set[str] = set()
    in_fence = False
    out = []
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence or _SKIP_LINE.match(line):
            out.append(line)
            continue
        if _HEADING.match(line):
            seen = set()
            out.append(line)
            continue
        out.append(_mark_line(line, pattern, by_term, seen))
    return "\n".join(out)


def _mark_line(line: str, pattern: re.Pattern, by_term: dict[str, str], seen: set[str]) -> str:
    pieces, last = [], 0
    for protected in _PROTECTED.finditer(line):
        pieces.append(_mark_text(line[last:protected.start()], pattern, by_term, seen))
        pieces.append(protected.group(0))
        last = protected.end()
    pieces.append(_mark_text(line[last:], pattern, by_term, seen))
    return "".join(pieces)


def _mark_text(text: str, pattern: re.Pattern, by_term: dict[str, str], seen: set[str]) -> str:
    def mark(match: re.Match) -> str:
        word = match.group(1)
        key = word.lower()  # "Biopsy" and "biopsy" are one term, marked once per section
        if key in seen:
            return word
        seen.add(key)
        return f'<abbr title="{escape(by_term[word])}">{word}</abbr>'

    return pattern.sub(mark, text)
