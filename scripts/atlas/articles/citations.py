"""Citations in Markdown pages, by key from references.yaml:

    Nodules are the most common form [@lookingbill1993].
    Treatment options vary [@rolzcruz2008; @tenbokkel1999].

Each cited reference gets a number in order of first use on the page; the citation becomes a
superscript link to the "References" list appended at the end. A key that is not in
references.yaml is an error naming the page and line, because it is a typo or a missing entry,
and a claim must never look cited when it is not.

`[[bibliography]]` on a line of its own lists every reference in the file (the clinicians' page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote
from ..escape import html as escape

from ..catalog.problems import did_you_mean
from .references import NO_DATE, Reference

CITATION = re.compile(r"\[(?P<body>@[^\[\]]*)\]")
CITED_KEY = re.compile(r"^@(?P<key>[^\s;@]+)$")
BIBLIOGRAPHY = re.compile(r"^\[\[bibliography\]\][ \t]*$", re.MULTILINE)
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class CitationResult:
    markdown: str
    cited: list[str] = field(default_factory=list)  # keys in the order they are numbered
    errors: list[str] = field(default_factory=list)


def render_citations(
    markdown: str, *, page_path: str, references: dict[str, Reference], first_line: int = 1
) -> CitationResult:
    """`first_line` is the file line the Markdown starts on (after any front matter), so errors
    name the line an editor sees."""
    result = CitationResult(markdown="")
    numbers: dict[str, int] = {}
    lines = markdown.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        # Code examples (for example on a page explaining the syntax) stay as written.
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        lines[index] = CITATION.sub(
            lambda match: _cite(match, where=f"{page_path}:{index + first_line}", references=references, numbers=numbers, result=result),
            line,
        )
    body = "\n".join(lines)
    if BIBLIOGRAPHY.search(body):
        everything = sorted(references.values(), key=lambda r: (r.first_author_surname.lower(), r.year or 0, r.key))
        body = BIBLIOGRAPHY.sub(lambda _: "\n" + bibliography_html(everything) + "\n", body)
    result.cited = list(numbers)
    if numbers:
        body = body.rstrip("\n") + "\n\n" + references_section([references[key] for key in numbers]) + "\n"
    result.markdown = body
    return result


def _cite(match: re.Match, *, where: str, references, numbers: dict[str, int], result: CitationResult) -> str:
    parts = [part.strip() for part in match.group("body").split(";")]
    keys = []
    for part in parts:
        cited = CITED_KEY.match(part)
        if not cited:
            result.errors.append(
                f"{where}: {match.group(0)}: cannot read this citation (write [@key], or [@key1; @key2] for several)"
            )
            return match.group(0)
        keys.append(cited.group("key"))
    unknown = [key for key in keys if key not in references]
    for key in unknown:
        hint = did_you_mean(key, references)
        result.errors.append(
            f"{where}: [@{key}]: no reference has this key in references.yaml"
            + (f" ({hint})" if hint else " (add it to references.yaml, or check the spelling)")
        )
    if unknown:
        return match.group(0)
    links = []
    for key in keys:
        number = numbers.setdefault(key, len(numbers) + 1)
        # The label makes each link make sense to a screen reader ("Reference 3", not "3"). It
        # is on the link, not the <sup>: HTML forbids aria-label on a <sup> (its role cannot be
        # named), and the Nu HTML Checker reports it on every citation. It contains the visible
        # number, so speech users can still say "click 3" (WCAG 2.5.3, label in name).
        links.append(f'<a href="#ref-{key}" aria-label="Reference {number}">{number}</a>')
    return f'<sup class="atlas-cite">[{", ".join(links)}]</sup>'


def references_section(cited: list[Reference]) -> str:
    items = "\n".join(f'<li id="ref-{r.key}">{format_reference(r)}</li>' for r in cited)
    return f'## References {{#references}}\n\n<ol class="atlas-references">\n{items}\n</ol>'


def bibliography_html(references: list[Reference]) -> str:
    items = "\n".join(f'<li id="bib-{r.key}">{format_reference(r)}</li>' for r in references)
    return f'<ul class="atlas-references atlas-bibliography">\n{items}\n</ul>'


def format_reference(reference: Reference) -> str:
    """Vancouver style, which clinicians know from journals:
    Surname AB, Surname CD. Title. Journal. Year;Volume(Issue):Pages. doi:... PMID ..."""
    authors = _authors(reference.authors)
    title = reference.title.rstrip(".")
    where = reference.journal or reference.publisher
    text = f"{escape(authors)}. {escape(title)}. <em>{escape(where)}</em>. {_year_volume_pages(reference).rstrip('.')}."
    if reference.doi:
        # A DOI is a name, not a URL: some hold characters a URL may not ("<", ">", "#"), which
        # the DOI Handbook says to percent-encode in the link (shown as typed).
        href = escape(quote(reference.doi, safe="/:;()"))
        text += f' doi:<a href="https://doi.org/{href}">{escape(reference.doi)}</a>.'
    if reference.pmid:
        text += f' PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/">{reference.pmid}</a>.'
    if reference.url and not reference.doi:
        url = escape(reference.url)
        text += f' <a href="{url}">{url}</a>'
        if reference.accessed:
            text += f" Accessed {reference.accessed.day} {reference.accessed:%B %Y}."
    return text


def _authors(authors: tuple[str, ...]) -> str:
    # Vancouver lists up to six authors, then "et al."
    if len(authors) > 6:
        return ", ".join(authors[:6]) + ", et al"
    return ", ".join(authors)


def _year_volume_pages(reference: Reference) -> str:
    text = str(reference.year) if reference.year else NO_DATE
    if reference.volume:
        text += f";{escape(reference.volume)}"
        if reference.issue:
            text += f"({escape(reference.issue)})"
    if reference.pages:
        text += f":{escape(reference.pages)}"
    return text
