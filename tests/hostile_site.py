"""A fixture site with a different hostile string in every staff-edited field (photo, gallery,
article front matter, reference), shared by the page tests and the browser tests. (Its own
module: `from conftest import` is ambiguous once several test folders have a conftest.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from atlas.build import build_site
from fixture_project import make_project, write_jpeg

ON = dt.date(2026, 11, 21)
HOSTILE = (
    "A \"peau d'orange\" look, lesions < 1 cm & more <!-- <script>alert(1)</script> "
    "<img src=x onerror=alert(2)> [l](javascript:alert(3)) ![i](https://evil.example/x.png) "
    "[[gallery:skin]] [[photo:hostile]] [@ref2001] [[contact-email]] *em* _u_ `c` {#id .c} \\ --8<-- \"mkdocs.yml\" ]]"
)


def typed(field: str) -> str:
    return f"{field}: {HOSTILE}"


FIELDS = {
    "photo title": typed("photo title"),
    "caption": typed("caption"),
    "alt": typed("alt"),
    "description": typed("description") + "\nsecond line\n\n# not a heading",
    "credit": typed("credit"),
    "author": typed("author"),
    "gallery title": typed("gallery title"),
    "gallery description": typed("gallery description"),
    "article title": typed("article title"),
    "article description": typed("article description"),
    "reference title": typed("reference title"),
    "reference journal": typed("reference journal"),
}


def catalog() -> str:
    return yaml.safe_dump(
        {
            "galleries": [{"id": "skin", "title": FIELDS["gallery title"], "description": FIELDS["gallery description"]}],
            "photos": [
                {
                    "id": "hostile",
                    "file": "hostile.jpg",
                    "gallery": "skin",
                    "title": FIELDS["photo title"],
                    "alt": FIELDS["alt"],
                    "caption": FIELDS["caption"],
                    "author": FIELDS["author"],
                    "description": FIELDS["description"],
                    "body_site": "chest-wall",
                    "permission": {
                        "status": "granted",
                        "scope": ["website"],
                        "granted_by": "patient",
                        "granted_on": "2013-06-01",
                        "record": "FORM-1",
                        "license": "all-rights-reserved",
                        "credit": FIELDS["credit"],
                    },
                },
                {
                    "id": "second",
                    "file": "second.jpg",
                    "gallery": "skin",
                    "alt": "A second photo.",
                    "caption": "Second.",
                    "body_site": "back",
                    "permission": {"status": "granted", "scope": ["website"], "granted_by": "patient",
                                   "granted_on": "2013-06-01", "record": "FORM-2", "license": "all-rights-reserved", "credit": "A patient"},
                },
            ],
        },
        allow_unicode=True,
        sort_keys=False,
    )


ARTICLE = """\
---
{front}
---

# The article

A claim [@ref2001].

[[photo:hostile]]
"""


def build_hostile_site(root: Path, *, engine: str | None = None) -> Path:
    front = yaml.safe_dump(
        {"title": FIELDS["article title"], "description": FIELDS["article description"], "review": "awaiting-review"},
        allow_unicode=True,
        sort_keys=False,
    ).strip()
    config = make_project(root, catalog(), docs={"article.md": ARTICLE.format(front=front)}, atlas={"contact_email": "ask@example.org"})
    (root / "references.yaml").write_text(
        yaml.safe_dump({"ref2001": {"authors": ["Alpha A"], "title": FIELDS["reference title"],
                                    "journal": FIELDS["reference journal"], "year": 2001}}, allow_unicode=True),
        encoding="utf-8",
    )
    write_jpeg(root / "images" / "hostile.jpg")
    write_jpeg(root / "images" / "second.jpg", color=(10, 20, 30))
    return build_site(config, site_dir=root / "site", on=ON, engine=engine)
