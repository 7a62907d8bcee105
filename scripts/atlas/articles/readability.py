"""The reading level of each patient page's "In brief" summary.

Every page for patients opens with

    !!! abstract "In brief"

        Short sentences in plain words.

and that summary should read at about age 12: a Flesch–Kincaid grade of 8 or less. The grade
is computed by `textstat`, which is only needed for this check (a test dependency).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_GRADE = 8.0
IN_BRIEF = re.compile(r'^!!! abstract "In brief"[ \t]*$', re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class PageGrade:
    page: str
    grade: float | None  # None: a patient page without an "In brief" summary

    @property
    def ok(self) -> bool:
        return self.grade is not None and self.grade <= MAX_GRADE


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def in_brief(markdown: str) -> str | None:
    """The plain text of the "In brief" admonition, or None if the page has none."""
    match = IN_BRIEF.search(markdown)
    if not match:
        return None
    body = []
    for line in markdown[match.end():].split("\n")[1:]:
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        body.append(line.strip())
    return plain_text("\n".join(body)).strip()


def plain_text(markdown: str) -> str:
    text = re.sub(r"\[@[^\]]*\]", "", markdown)  # citations are not read aloud
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links: keep the words
    text = re.sub(r"[*_`>#]", "", text)
    text = re.sub(r"^\s*[-+]\s+", "", text, flags=re.MULTILINE)  # list bullets
    return re.sub(r"[ \t]+", " ", text)


def grade(text: str) -> float:
    import textstat  # only the readability check needs it

    return float(textstat.flesch_kincaid_grade(text))


def patient_pages(docs_dir: Path) -> list[Path]:
    """Pages whose front matter names patients in their audience."""
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        if "patient" in (meta.get("audience") or []):
            pages.append(path)
    return pages


def readability_report(docs_dir: Path) -> list[PageGrade]:
    docs_dir = Path(docs_dir)
    report = []
    for path in patient_pages(docs_dir):
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        summary = in_brief(body)
        page = f"docs/{path.relative_to(docs_dir).as_posix()}"
        report.append(PageGrade(page, grade(summary) if summary else None))
    return report


def format_report(report: list[PageGrade]) -> str:
    lines = []
    for entry in report:
        if entry.grade is None:
            lines.append(f'{entry.page}: no "In brief" summary (add !!! abstract "In brief" at the top)')
        else:
            verdict = "ok" if entry.ok else f"too hard: aim for {MAX_GRADE:g} or less (shorter sentences, shorter words)"
            lines.append(f"{entry.page}: grade {entry.grade:.1f} ({verdict})")
    return "\n".join(lines)
