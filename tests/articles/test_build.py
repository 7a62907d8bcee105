"""The articles inside a real MkDocs build of a tiny project: what readers get, and a build that
stops (leaving the previous site alone) when a page cites a reference that does not exist."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from atlas.build import BuildFailed, build_site
from atlas.qa.fixture import write_config



REFERENCES = """\
alpha2001:
  authors: [Alpha A]
  title: First study
  journal: J One
  year: 2001
"""

PAGE = """\
---
title: An article
description: One sentence about the article.
audience: [patient]
review: awaiting-review
---

# An article

A nodule is cited [@{key}]. Write to [[contact-email]].
"""


def make_project(root: Path, *, key: str) -> Path:
    (root / "docs" / "includes").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "captions.yaml").write_text("galleries: []\nphotos: []\n")
    (root / "references.yaml").write_text(REFERENCES)
    (root / "docs" / "includes" / "glossary.md").write_text("*[nodule]: A small lump.\n")
    (root / "docs" / "index.md").write_text(PAGE.format(key=key))
    return write_config(root, site_name="Fixture", search=False, glossary=True, atlas={"contact_email": "test@example.org"})


def test_article_gets_citation_references_review_notice_tooltips_and_jsonld(tmp_path):
    config = make_project(tmp_path, key="alpha2001")
    site = build_site(config, site_dir=tmp_path / "site", on=dt.date(2026, 11, 21))
    html = (site / "index.html").read_text()
    assert '<a href="#ref-alpha2001" aria-label="Reference 1">1</a>' in html
    assert '<li id="ref-alpha2001">Alpha A. First study. <em>J One</em>. 2001.</li>' in html
    assert "Awaiting medical review." in html
    assert '<abbr title="A small lump.">nodule</abbr>' in html
    assert 'href="mailto:test@example.org"' in html
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert jsonld["@type"] == "MedicalWebPage" and "lastReviewed" not in jsonld
    assert jsonld["url"] == "https://atlas.example.org/"
    assert not (site / "includes").exists()


def test_unknown_citation_key_fails_the_build_naming_page_and_line(tmp_path):
    config = make_project(tmp_path, key="alpha2010")
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "index.html").write_text("previous site")
    with pytest.raises(BuildFailed) as error:
        build_site(config, site_dir=previous, on=dt.date(2026, 11, 21))
    assert "docs/index.md:10: [@alpha2010]: no reference has this key in references.yaml (did you mean 'alpha2001'?)" in str(error.value)
    assert (previous / "index.html").read_text() == "previous site"


def test_broken_references_file_stops_the_build_with_its_line(tmp_path):
    config = make_project(tmp_path, key="alpha2001")
    (tmp_path / "references.yaml").write_text(REFERENCES.replace("year: 2001", "year: soon"))
    with pytest.raises(BuildFailed) as error:
        build_site(config, site_dir=tmp_path / "site", on=dt.date(2026, 11, 21))
    assert "references.yaml:5:9: alpha2001.year: 'soon' is not a year" in str(error.value)
