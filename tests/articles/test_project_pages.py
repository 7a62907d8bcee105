"""The project's own medical pages keep the content rules the build only warns about, so a
change that breaks one fails the test job (never the publish job, which must not hold back a
takedown): every claim cited, a pointer to support at the end of every patient article and
beside every survival figure."""

import re
from pathlib import Path

from atlas.articles.readability import body_blocks, split_front_matter
from atlas.articles.uncited import uncited_blocks

DOCS = Path(__file__).resolve().parents[2] / "docs"
SURVIVAL = re.compile(r"\b(surviv\w*|alive|lived)\b", re.IGNORECASE)


def medical_pages():
    for path in sorted(DOCS.glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        if "review" in meta:
            yield path, meta, body


def test_every_statement_in_every_medical_page_is_cited_or_says_why_not():
    problems = [p for path, _, body in medical_pages() for p in uncited_blocks(body, page_path=f"docs/{path.name}")]
    assert problems == [], "\n".join(problems)


def test_every_patient_article_ends_by_pointing_to_support():
    missing = [
        path.name for path, meta, body in medical_pages()
        if "patient" in (meta.get("audience") or []) and path.name != "support.md"
        and not body.rstrip().endswith("[[support]]")
    ]
    assert missing == []


def test_every_survival_figure_on_a_patient_page_has_the_support_pointer_beside_it():
    missing = []
    for path, meta, body in medical_pages():
        if "patient" not in (meta.get("audience") or []):
            continue
        for line, block in body_blocks(body):
            if SURVIVAL.search(block) and re.search(r"\d", block) and "[[support]]" not in block:
                missing.append(f"docs/{path.name}: body line {line}: {block[:70]}")
    assert missing == [], "\n".join(missing)
