"""references.yaml validation: golden cases, one input file and its exact expected messages each."""

from pathlib import Path

import pytest

from atlas.articles import check_references, parse_references
from atlas.catalog import format_problems

GOLDEN = Path(__file__).parent / "golden"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("case", sorted(p.stem for p in GOLDEN.glob("*.yaml")))
def test_broken_references_file_reports_every_problem_with_line_and_fix(case):
    references, problems = parse_references((GOLDEN / f"{case}.yaml").read_text(), filename="references.yaml")
    assert references is None
    assert format_problems(problems) == (GOLDEN / f"{case}.expected").read_text().strip()


def test_valid_reference_is_read_with_text_fields_as_text():
    text = """\
lookingbill1993:
  authors: [Lookingbill DP, Spangler N, Helm KF]
  title: Cutaneous metastases
  journal: J Am Acad Dermatol
  year: 1993
  volume: 29
  pages: 228-236
  pmid: 8335743
"""
    references, problems = parse_references(text)
    assert problems == []
    reference = references["lookingbill1993"]
    assert (reference.volume, reference.pmid, reference.year, reference.line) == ("29", "8335743", 1993, 1)


def test_the_projects_references_file_is_valid():
    references, problems = check_references(PROJECT / "references.yaml")
    assert problems == [], format_problems(problems)
    assert "lookingbill1993" in references


def test_a_web_page_without_a_date_is_cited_as_no_date_with_the_day_it_was_checked():
    from atlas.articles.citations import format_reference

    text = """\
charitypage:
  authors: [A Charity]
  title: Skin metastases
  publisher: A Charity
  year: n.d.
  url: https://charity.example.org/skin
  accessed: 2026-12-02
"""
    references, problems = parse_references(text)
    assert problems == []
    reference = references["charitypage"]
    assert reference.year is None
    html = format_reference(reference)
    assert "<em>A Charity</em>. n.d. <a" in html
    assert html.endswith("Accessed 2 December 2026.")
