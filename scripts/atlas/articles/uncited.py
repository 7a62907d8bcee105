"""Uncited statements in medical articles: every paragraph, list item or table row of a page
that records a medical review (`review:` in its front matter) carries a citation `[@key]`, or a
visible reason in the source why it needs none:

    <!-- no citation: explains a word -->
    A biopsy is a small sample of skin ...

The reason comment goes on the line before the block (it covers that block only; before a list,
the whole list) or as the first line of the page's body with `page` (it covers the whole page,
for a page of definitions).

Two kinds of block are covered without a comment, each for a stated reason:
- the "In brief" summary box: it sums up, in plain words, the cited text below it;
- the items of a list, or the rows of a table, introduced by a cited line ending in ':' ("In
  the case report [@x]:"); and a table's header row, which states nothing.

`atlas check` lists what is uncited with file and line; the build only warns: a missing
citation must never hold back a takedown.
"""

from __future__ import annotations

import re

from .citations import CITATION

REASON = re.compile(r"^\s*<!--\s*no citation:\s*(?P<reason>[^>]*?\S)\s*-->\s*$")
PAGE_REASON = re.compile(r"^\s*<!--\s*no citation \(page\):\s*(?P<reason>[^>]*?\S)\s*-->\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"(?P<title>[^"]*)")?\s*$')
_SKIP = re.compile(r"^\s*(#|<|\[\[|\*\[|\|?\s*:?-{3,})")  # headings, raw HTML, embeds, glossary, table rules


def uncited_blocks(markdown: str, *, page_path: str, first_line: int = 1) -> list[str]:
    """One line per block with neither a citation nor a reason, as 'file:line: ...'."""
    lines = markdown.split("\n")
    if any(PAGE_REASON.match(line) for line in lines[:3]):
        return []
    problems: list[str] = []
    in_fence = False
    brief_indent: int | None = None  # inside an "In brief" box: the indentation of its text
    reason_for_next = False
    # After a cited paragraph ending in ':' ("open"), the list or the table that follows it
    # ("list", "table") is covered by its citation; anything else ends that.
    lead_in: str | None = None
    block: list[tuple[int, str]] = []

    def introduced(kind: str) -> bool:
        nonlocal lead_in
        if lead_in in ("open", kind):
            lead_in = kind
            return True
        lead_in = None
        return False

    def flush() -> None:
        nonlocal block, reason_for_next, lead_in
        if not block:
            return
        text = " ".join(line.strip() for _, line in block)
        is_list = bool(_LIST_ITEM.match(block[0][1]))
        covered = (introduced("list") if is_list else False) or reason_for_next or CITATION.search(text)
        if is_list and reason_for_next:
            lead_in = "list"  # a reason before a list covers all of it, like a cited lead-in
        if not covered:
            number = block[0][0] + first_line
            what = "list item" if is_list else ("table row" if text.startswith("|") else "paragraph")
            problems.append(
                f"{page_path}:{number}: this {what} has no citation: '{_excerpt(text)}' "
                "(add [@key] for what it states, or put '<!-- no citation: why -->' on the line before it)"
            )
        if not is_list:
            lead_in = "open" if CITATION.search(text) and text.rstrip().endswith(":") else None
        reason_for_next = False
        block = []

    for index, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        indent = len(line) - len(line.lstrip())
        if brief_indent is not None and line.strip() and indent < brief_indent:
            brief_indent = None
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            if (admonition.group("title") or "").strip().lower() == "in brief":
                brief_indent = len(admonition.group("indent")) + 1
            continue
        if REASON.match(line):
            flush()
            reason_for_next = True
            continue
        if not line.strip():
            flush()
            continue
        if _SKIP.match(line):
            flush()
            continue
        if brief_indent is not None or line.lstrip().startswith("<!--"):
            continue
        if line.lstrip().startswith("|"):  # each table row is its own block
            flush()
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.match(r"^\s*\|?\s*:?-{3,}", following):
                continue  # the header row
            if not (introduced("table") or CITATION.search(line) or reason_for_next):
                number = index + first_line
                problems.append(
                    f"{page_path}:{number}: this table row has no citation: '{_excerpt(line.strip())}' "
                    "(cite the table's source on the line before it, ending in ':', or add [@key] to the row)"
                )
            continue
        if _LIST_ITEM.match(line) and block:
            flush()
        block.append((index, line))
    flush()
    return problems


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
