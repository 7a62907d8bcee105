from pathlib import Path

from atlas.articles import expand_glossary, parse_glossary

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "includes" / "glossary.md"


def test_glossary_lines_become_terms_and_problems_name_the_line():
    terms, problems = parse_glossary("*[biopsy]: A small sample.\nnot a term\n*[biopsy]: Again.\n", filename="g.md")
    assert [t.term for t in terms] == ["biopsy"]
    assert problems == [
        "g.md:2: cannot read this line (write '*[term]: definition')",
        "g.md:3: 'biopsy' is defined twice (first on line 1; keep one)",
    ]


def test_glossary_page_lists_each_term_once_whatever_its_capitals():
    terms, _ = parse_glossary("*[nodule]: A lump.\n*[Melanoma]: Skin cancer.\n*[melanoma]: Skin cancer.\n")
    html = expand_glossary("# Glossary\n\n[[glossary]]\n", terms)
    assert html.count("<dt") == 2
    assert html.index("Melanoma") < html.index("Nodule")


def test_the_projects_glossary_is_readable():
    terms, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert problems == [] and len(terms) > 20
