"""Uncited statements in medical articles are listed with file and line; a visible reason in the
source, the "In brief" box and a cited lead-in cover a block."""

from __future__ import annotations

from atlas.articles.uncited import uncited_blocks

PAGE = """\
# Title

!!! abstract "In brief"

    A plain summary of what follows.

A claim with a source [@alpha2001].

An uncited claim about 45% of people.

<!-- no citation: explains a word -->
A biopsy is a small sample of skin.

In the study [@alpha2001]:

- first finding;
- second finding.

A new paragraph, so the list below is its own:

- an uncited list item

| Cancer | People |
|---|---|
| Melanoma | 172 |

From the study [@alpha2001]:

| Cancer | People |
|---|---|
| Breast | 707 |

[[photo:x]]

```
[not a claim] in code
```
"""


def test_each_uncited_block_is_named_with_its_line():
    found = uncited_blocks(PAGE, page_path="docs/p.md", first_line=5)
    assert [line.split(": this ")[0] for line in found] == ["docs/p.md:13", "docs/p.md:23", "docs/p.md:25", "docs/p.md:29"]
    assert "this paragraph has no citation: 'An uncited claim about 45% of people.'" in found[0]
    assert "this paragraph" in found[1] and "this list item" in found[2] and "this table row" in found[3]
    assert "<!-- no citation: why -->" in found[0]


def test_a_page_of_definitions_says_so_once():
    assert uncited_blocks("<!-- no citation (page): a list of definitions -->\n\nA word.\n", page_path="g.md") == []


def test_a_reason_before_a_list_covers_every_item_of_it():
    markdown = (
        "<!-- no citation: questions to ask, not claims -->\n- What is the aim?\n- What are the side effects?\n"
        "- Who can I call?\n\nA new paragraph stating a fact.\n"
    )
    [problem] = uncited_blocks(markdown, page_path="docs/a.md")
    assert "docs/a.md:6: this paragraph has no citation" in problem
