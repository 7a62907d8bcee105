"""The reading level of each patient page.

Every page for patients opens with

    !!! abstract "In brief"

        Short sentences in plain words.

and that summary should read at about age 12: a Flesch–Kincaid grade of 8 or less. The rest of
a patient article (a page with `review:` in its front matter) reads at grade 9 or less, and
every percentage in it has a plain form beside it ("about 1 in 10 (10%)"): many readers find
"1 in 10" easier to picture than "10%". The grade is computed by `textstat`, which is only
needed for this check (a test dependency).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_GRADE = 8.0       # the "In brief" summary
MAX_BODY_GRADE = 9.0  # the rest of a patient article
IN_BRIEF = re.compile(r'^!!! abstract "In brief"[ \t]*$', re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%")
# "1 in 10", "about 3 in 100", "one in five", "2 out of 3"
NUMBER_WORD = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand)"
PLAIN_FIGURE = re.compile(rf"\b{NUMBER_WORD} (?:in|out of) {NUMBER_WORD}\b", re.IGNORECASE)


@dataclass(frozen=True)
class PageGrade:
    page: str
    grade: float | None  # None: a patient page without an "In brief" summary
    body_grade: float | None = None  # None: not an article (no `review:`), or no body text
    bare_figures: tuple[tuple[int, str], ...] = ()  # (file line, '45%') for each percentage without a plain form

    @property
    def ok(self) -> bool:
        return (
            self.grade is not None and self.grade <= MAX_GRADE
            and (self.body_grade is None or self.body_grade <= MAX_BODY_GRADE)
            and not self.bare_figures
        )


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def _body_start(text: str) -> int:
    """The file line the body starts on (after the front matter), for messages."""
    match = FRONT_MATTER.match(text)
    return text[: match.end()].count("\n") + 1 if match else 1


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


_SKIP_LINE = re.compile(r"^\s*(#|<!--|\[\[|\*\[|\|?\s*:?-{3,}|!!!|\?\?\?)")


def body_blocks(markdown: str) -> list[tuple[int, str]]:
    """The body text of a page as (line number, text) blocks, one per paragraph, list item or
    table row, without the "In brief" box, headings, comments, embeds and code. Body line 1 is
    the first line after the front matter."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    in_fence = in_brief_box = False

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append((start, " ".join(current)))
        current = []

    for number, line in enumerate(markdown.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if IN_BRIEF.match(line):
            flush()
            in_brief_box = True
            continue
        if in_brief_box:
            if not stripped or line.startswith(("    ", "\t")):
                continue
            in_brief_box = False
        if not stripped or _SKIP_LINE.match(line):
            flush()
            continue
        if re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line) or stripped.startswith("|"):
            flush()
        if not current:
            start = number
        current.append(stripped)
        if stripped.startswith("|"):
            flush()
    flush()
    return blocks


def body_text(markdown: str) -> str:
    """The body as sentences for the grade: a list item or table row without its own full stop
    is read as one sentence, as a reader would."""
    sentences = []
    for _, block in body_blocks(markdown):
        text = plain_text(block.replace("|", " ")).strip()
        if text:
            sentences.append(text if text[-1] in ".!?:;" else text + ".")
    return "\n".join(sentences)


def bare_figures(markdown: str, *, first_line: int = 1) -> tuple[tuple[int, str], ...]:
    """Each percentage in a block that gives no plain form ('1 in 10') beside it."""
    found = []
    for number, block in body_blocks(markdown):
        if PERCENT.search(block) and not PLAIN_FIGURE.search(block):
            for figure in PERCENT.findall(block):
                found.append((number + first_line - 1, figure))
    return tuple(found)


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
        text = path.read_text(encoding="utf-8")
        meta, body = split_front_matter(text)
        summary = in_brief(body)
        page = f"docs/{path.relative_to(docs_dir).as_posix()}"
        if "review" in meta:  # a medical article: its body is held to the patient level too
            rest = body_text(body)
            body_grade = grade(rest) if rest.strip() else None
            figures = bare_figures(body, first_line=_body_start(text))
        else:
            body_grade, figures = None, ()
        report.append(PageGrade(page, grade(summary) if summary else None, body_grade, figures))
    return report


def format_report(report: list[PageGrade]) -> str:
    lines = []
    for entry in report:
        if entry.grade is None:
            lines.append(f'{entry.page}: no "In brief" summary (add !!! abstract "In brief" at the top)')
        else:
            verdict = "ok" if entry.grade <= MAX_GRADE else f"too hard: aim for {MAX_GRADE:g} or less (shorter sentences, shorter words)"
            lines.append(f'{entry.page}: "In brief" grade {entry.grade:.1f} ({verdict})')
        if entry.body_grade is not None:
            verdict = "ok" if entry.body_grade <= MAX_BODY_GRADE else (
                f"too hard: aim for {MAX_BODY_GRADE:g} or less (shorter sentences; explain or replace long words)"
            )
            lines.append(f"{entry.page}: rest of the page grade {entry.body_grade:.1f} ({verdict})")
        for line, figure in entry.bare_figures:
            lines.append(
                f"{entry.page}:{line}: {figure} has no plain form beside it "
                "(add one in the same paragraph or row, such as 'about 1 in 10 (10%)')"
            )
    return "\n".join(lines)
