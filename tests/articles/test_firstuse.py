"""Glossary terms are marked once per section, never in headings, code, links or citations."""

from atlas.articles.firstuse import mark_first_uses
from atlas.articles.glossary import Term

TERMS = [
    Term("biopsy", "A small sample."), Term("Biopsy", "A small sample."),
    Term("metastases", "Spread cancer."), Term("alopecia", "Hair loss."),
    Term("alopecia neoplastica", 'Hair loss from "cancer" <cells>.'),
]


def test_first_use_in_each_section_only_and_never_in_a_heading():
    markdown = (
        "# Cutaneous metastases\n\nA biopsy shows metastases. Another biopsy.\n\n"
        "## Next\n\nBiopsy again; metastases again.\n"
    )
    out = mark_first_uses(markdown, TERMS)
    assert out.splitlines()[0] == "# Cutaneous metastases"
    assert out.count('<abbr title="A small sample.">') == 2  # one per section
    assert "Another biopsy." in out
    assert out.count("<abbr") == 4


def test_code_links_citations_html_and_embeds_are_left_alone():
    markdown = (
        "See `biopsy` and [a page](biopsy.md) [@biopsy2020] <span title=\"biopsy\">x</span>.\n\n"
        "[[photo:biopsy]]\n\n!!! abstract \"biopsy\"\n"
    )
    assert mark_first_uses(markdown, TERMS) == markdown


def test_the_longest_term_wins_and_the_definition_is_escaped():
    out = mark_first_uses("Alopecia neoplastica, then alopecia.\n\nalopecia neoplastica here.\n", TERMS)
    assert '<abbr title="Hair loss from &quot;cancer&quot; &lt;cells&gt;.">alopecia neoplastica</abbr>' in out
    assert ">alopecia</abbr>" in out
