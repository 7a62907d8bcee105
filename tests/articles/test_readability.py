"""The plain-language check: every patient page opens with an "In brief" summary at a reading
grade of 8 or less, the rest of a patient article reads at grade 9 or less, and its percentages
have a plain form ("about 1 in 10") beside them. Run with -s to see each page's grades."""

from pathlib import Path

from atlas.articles.readability import (
    MAX_BODY_GRADE, MAX_GRADE, bare_figures, body_text, format_report, in_brief, readability_report,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_patient_page_reads_at_the_patient_level():
    report = readability_report(DOCS)
    print("\n" + format_report(report))
    assert report, "no patient pages found"
    assert all(entry.ok for entry in report), format_report([e for e in report if not e.ok])


def test_in_brief_text_is_the_admonition_body_without_markup():
    markdown = '# T\n\n!!! abstract "In brief"\n\n    Short *words* [here](x.md) [@key].\n    Two.\n\nBody text.'
    assert in_brief(markdown) == "Short words here .\nTwo."


def test_hard_summary_fails_the_check(tmp_path):
    page = tmp_path / "hard.md"
    page.write_text(
        "---\naudience: [patient]\n---\n# Hard\n\n!!! abstract \"In brief\"\n\n"
        "    Cutaneous metastatic dissemination characteristically necessitates multidisciplinary "
        "histopathological confirmation, immunohistochemical characterisation and individualised "
        "oncological management considerations.\n"
    )
    (tmp_path / "clinicians.md").write_text("---\naudience: [clinician]\n---\n# No summary needed\n")
    [entry] = readability_report(tmp_path)
    assert entry.page == "docs/hard.md" and entry.grade > MAX_GRADE and not entry.ok


def test_patient_page_without_summary_is_reported(tmp_path):
    (tmp_path / "bare.md").write_text("---\naudience: [patient]\n---\n# Bare\n\nText.\n")
    assert format_report(readability_report(tmp_path)) == (
        'docs/bare.md: no "In brief" summary (add !!! abstract "In brief" at the top)'
    )


ARTICLE = (
    "---\naudience: [patient]\nreview:\n  status: awaiting-review\n---\n# Title\n\n"
    '!!! abstract "In brief"\n\n    Short words.\n\n'
)


def test_body_text_leaves_out_the_summary_headings_comments_and_embeds():
    body = ARTICLE.split("---\n", 2)[2] + (
        "## A heading\n\n<!-- no citation: a reason -->\nA sentence [@key].\n\n[[gallery:x]]\n\n"
        "- an item\n- another item.\n\n| Cancer | Share |\n|---|---|\n| Breast | 30% |\n"
    )
    assert body_text(body).split("\n") == [
        "A sentence .", "an item.", "another item.", "Cancer Share.", "Breast 30%.",
    ]


def test_a_hard_article_body_fails_even_with_an_easy_summary(tmp_path):
    (tmp_path / "hard.md").write_text(ARTICLE + (
        "Histopathological examination with immunohistochemical characterisation frequently "
        "necessitates considerable interdisciplinary deliberation regarding management.\n"
    ))
    [entry] = readability_report(tmp_path)
    assert entry.grade <= MAX_GRADE and entry.body_grade > MAX_BODY_GRADE and not entry.ok
    assert "rest of the page grade" in format_report([entry])


def test_a_percentage_needs_a_plain_form_in_the_same_block():
    body = (
        "About 1 in 3 (30%) had this [@a].\n\nIn the study 45% had it [@a].\n\n"
        "| Breast | 212 of 707 (30%), about 3 in 10 |\n| Melanoma | 45% |\n"
    )
    assert bare_figures(body, first_line=10) == ((12, "45%"), (15, "45%"))


def test_a_bare_percentage_is_reported_with_its_file_line(tmp_path):
    (tmp_path / "figures.md").write_text(ARTICLE + "Of them, 45% had skin metastases [@a].\n")
    [entry] = readability_report(tmp_path)
    assert not entry.ok
    assert "docs/figures.md:12: 45% has no plain form beside it" in format_report([entry])


def test_pages_without_review_are_not_held_to_the_body_grade(tmp_path):
    (tmp_path / "about.md").write_text(
        '---\naudience: [patient]\n---\n# About\n\n!!! abstract "In brief"\n\n    Short.\n\n'
        "Notwithstanding considerable organisational complexity, 45% participated.\n"
    )
    [entry] = readability_report(tmp_path)
    assert entry.body_grade is None and entry.bare_figures == () and entry.ok
