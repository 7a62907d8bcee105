"""The plain-language check: every patient page opens with an "In brief" summary at a reading
grade of 8 or less. Run with -s to see each page's grade."""

from pathlib import Path

from atlas.articles.readability import MAX_GRADE, format_report, in_brief, readability_report

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_patient_page_has_an_in_brief_summary_at_grade_8_or_less():
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
