"""references.yaml -> validated references, or every problem at once.

The file is a mapping from a citation key to one reference:

    lookingbill1993:
      authors: [Lookingbill DP, Spangler N, Helm KF]
      title: "Cutaneous metastases in patients with metastatic carcinoma: ..."
      journal: J Am Acad Dermatol
      year: 1993
      volume: "29"
      issue: "2 Pt 1"
      pages: 228-236
      doi: 10.1016/0190-9622(93)70173-q
      pmid: "8335743"

`doi` and `pmid` are optional and must only be written when someone has checked them against the
publisher or PubMed: a wrong identifier sends a clinician to the wrong paper, which is worse than
none. Problems read like catalog problems:

    references.yaml:12:7: lookingbill1993.year: '19933' is not a year (write the year of publication, such as 1993)
"""

from __future__ import annotations

import datetime as dt

import re
from dataclasses import dataclass
from pathlib import Path

from ..catalog.problems import Problem, did_you_mean
from ..yamlsource import Located, parse, read_text

KEY = re.compile(r"^[a-z][a-z0-9-]*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
PAGES = re.compile(r"^[A-Za-z]{0,2}\d+(?:[-–][A-Za-z]?\d+)?$")

REQUIRED = ("authors", "title", "year")
# A reference is published somewhere: in a journal, or by a publisher (a book, a report).
TEXT_FIELDS = ("title", "journal", "publisher", "volume", "issue", "pages", "note")
FIELDS = ("authors", "year", "doi", "pmid", "url", "accessed") + TEXT_FIELDS
# A web page that shows no date of its own is cited as "n.d." (no date), never with a guessed year.
NO_DATE = "n.d."


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]
    title: str
    year: int | None  # None: a web page with no date of its own, shown as "n.d."
    journal: str = ""
    publisher: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    note: str = ""  # for editors: how it was verified; never shown on the site
    accessed: dt.date | None = None  # when a web page was last seen, shown after its address
    line: int = 0

    @property
    def first_author_surname(self) -> str:
        return self.authors[0].split(" ")[0] if self.authors else ""


def check_references(path: Path, *, display_name: str | None = None) -> tuple[dict[str, Reference] | None, list[Problem]]:
    """Validate references.yaml. Returns the references by key (None if there are errors) and
    every problem found."""
    path = Path(path)
    filename = display_name or path.name
    text, unreadable = read_text(path, filename=filename)
    if text is None:
        return None, unreadable
    return parse_references(text, filename=filename)


def parse_references(text: str, *, filename: str = "references.yaml") -> tuple[dict[str, Reference] | None, list[Problem]]:
    located, problems = parse(text, filename=filename)
    if located is None:
        return None, problems
    if not isinstance(located.data, dict):
        position = located.at(())
        problems.append(
            Problem(filename, position.line, position.column, "", "the file must be a list of 'key: reference' entries",
                    "start each reference with its key at the left margin, such as 'lookingbill1993:'")
        )
        return None, problems
    references: dict[str, Reference] = {}
    for key, entry in located.data.items():
        found = _entry_problems(key, entry, located, filename)
        problems += found
        if not found:
            references[key] = _reference(key, entry, line=located.key_at((key,)).line)
    problems = sorted(set(problems))
    if problems:
        return None, problems
    return references, problems


def _entry_problems(key: str, entry, located: Located, filename: str) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: tuple, message: str, fix: str = "", *, at_key: bool = False) -> None:
        position = located.key_at(path) if at_key else located.at(path)
        where = ".".join(str(part) for part in path)
        problems.append(Problem(filename, position.line, position.column, where, message, fix))

    if not KEY.match(str(key)):
        problem((key,), f"'{key}' is not a usable key", "use lower-case letters, digits and '-', starting with a letter, such as smith2019", at_key=True)
    if not isinstance(entry, dict):
        problem((key,), "a reference needs its fields (authors, title, year, ...) indented under its key")
        return problems

    for name in entry:
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS)
            problem((key, name), f"unknown field '{name}'", hint or f"known fields: {', '.join(FIELDS)}", at_key=True)
    for name in REQUIRED:
        if name not in entry:
            problem((key,), f"'{name}' is missing", f"add '{name}:' to this reference", at_key=True)
    if "journal" not in entry and "publisher" not in entry:
        problem((key,), "say where it was published", "add 'journal:' (an article) or 'publisher:' (a book or report)", at_key=True)

    authors = entry.get("authors")
    if "authors" in entry:
        if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a.strip() for a in authors):
            problem((key, "authors"), "authors must be a list of names", "write them as [Surname AB, Surname CD]")
    year = entry.get("year")
    if "year" in entry and year != NO_DATE and not (isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2100):
        problem((key, "year"), f"'{year}' is not a year", f"write the year of publication, such as 1993, or {NO_DATE} for a web page that shows no date")
    if year == NO_DATE and "url" not in entry:
        problem((key, "year"), f"only a web page can be cited without a date ({NO_DATE})", "add its url:, or write the year of publication")
    if "accessed" in entry and _date(entry["accessed"]) is None:
        problem((key, "accessed"), f"'{entry['accessed']}' is not a date", "write the day the page was last checked as 2026-12-02")
    for name in TEXT_FIELDS:
        if name in entry and not (isinstance(entry[name], (str, int)) and not isinstance(entry[name], bool) and str(entry[name]).strip()):
            problem((key, name), f"{name} must be text", "write it on the same line, or remove the field")
    if "pages" in entry and isinstance(entry["pages"], (str, int)) and not PAGES.match(str(entry["pages"]).strip()):
        problem((key, "pages"), f"'{entry['pages']}' is not a page range", "write it as 228-236, or a single page such as e26737")
    if "doi" in entry and not (isinstance(entry["doi"], str) and DOI.match(entry["doi"].strip())):
        problem((key, "doi"), f"'{entry['doi']}' is not a DOI", "a DOI starts with 10. and a slash, such as 10.1016/0190-9622(93)70173-q; leave it out if not verified")
    if "pmid" in entry and not PMID.match(str(entry["pmid"]).strip()):
        problem((key, "pmid"), f"'{entry['pmid']}' is not a PubMed ID", "a PMID is only digits, such as 8335743; leave it out if not verified")
    if "url" in entry and not (isinstance(entry["url"], str) and entry["url"].startswith("https://")):
        problem((key, "url"), f"'{entry['url']}' is not an https:// address", "write the full address starting with https://")
    return problems


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _reference(key: str, entry: dict, *, line: int) -> Reference:
    text = {name: str(entry[name]).strip() for name in TEXT_FIELDS + ("doi", "pmid", "url") if name in entry}
    year = None if entry["year"] == NO_DATE else entry["year"]
    accessed = _date(entry["accessed"]) if "accessed" in entry else None
    return Reference(key=key, authors=tuple(a.strip() for a in entry["authors"]), year=year, line=line, accessed=accessed, **text)
