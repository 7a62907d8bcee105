"""The glossary: one file of Markdown abbreviations, `*[term]: plain definition`.

`atlas build` appends the same file to every page (atlas.prepare), so each term shows
its definition as a tooltip wherever it appears, and `[[glossary]]` on the Glossary page lists
every term, so the definitions live in one place only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ..escape import html as escape

ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<definition>.+?)\s*$")
MARKER = re.compile(r"^\[\[glossary\]\][ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


def parse_glossary(text: str, *, filename: str = "docs/includes/glossary.md") -> tuple[list[Term], list[str]]:
    """Terms in the order written, and problems as 'file:line: what (fix)'."""
    terms, problems, seen = [], [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        match = ENTRY.match(line)
        if not match:
            problems.append(f"{filename}:{number}: cannot read this line (write '*[term]: definition')")
            continue
        term = match.group("term").strip()
        if term in seen:
            problems.append(f"{filename}:{number}: '{term}' is defined twice (first on line {seen[term]}; keep one)")
            continue
        seen[term] = number
        terms.append(Term(term, match.group("definition")))
    return terms, problems


def glossary_html(terms: list[Term]) -> str:
    """A definition list, one entry per term; 'Biopsy' and 'biopsy' (tooltips need both
    spellings) are shown once."""
    shown: dict[str, Term] = {}
    for term in terms:
        shown.setdefault(term.term.lower(), term)
    entries = sorted(shown.values(), key=lambda t: t.term.lower())
    items = "\n".join(
        f'<dt id="{_anchor(t.term)}">{escape(t.term[0].upper() + t.term[1:])}</dt>\n<dd>{escape(t.definition)}</dd>'
        for t in entries
    )
    return f'<dl class="atlas-glossary">\n{items}\n</dl>'


def expand_glossary(markdown: str, terms: list[Term]) -> str:
    if not MARKER.search(markdown):
        return markdown
    return MARKER.sub(lambda _: "\n" + glossary_html(terms) + "\n", markdown)


def _anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
