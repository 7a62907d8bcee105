from atlas.articles.placeholders import SUPPORT_SENTENCE, expand_support
from atlas.articles.uncited import uncited_blocks


def test_support_points_to_the_support_page_from_any_folder():
    assert "](support.md)" in expand_support("Text.\n\n[[support]]\n", page_file="treatment.md")
    assert "](../support.md)" in expand_support("[[support]]", page_file="breast/skin.md")


def test_support_after_a_survival_figure_reads_as_one_paragraph():
    out = expand_support("Median survival was 7 months [@x]. [[support]]", page_file="a.md")
    assert out.startswith("Median survival was 7 months [@x]. Want to talk to someone?")
    assert "\n" not in out


def test_a_support_line_needs_no_citation_of_its_own():
    assert uncited_blocks("Cited [@x].\n\n[[support]]\n", page_path="docs/a.md") == []


def test_one_wording_for_every_page():
    first = expand_support("[[support]]", page_file="a.md")
    assert first == SUPPORT_SENTENCE.format(link="support.md")
