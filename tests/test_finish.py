"""The finish step's guard: an engine output that lost a planned page, or that still shows the
atlas's raw markup, is never published."""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap

import pytest

from atlas.build import BuildFailed, build_site
from atlas.engines import MKDOCS
from atlas.finish import leftover_markup, site_path
from fixture_project import make_project

ON = dt.date(2026, 11, 21)


def article(body: str) -> str:
    return f"<html><body><nav>[[photo:in-the-nav]] is a title</nav><article class=\"md-content__inner\">{body}</article></body></html>"


@pytest.mark.parametrize(
    "body, found",
    [
        ("<p>[[photo:x]]</p>", "[[photo:x]]"),
        ("<p>see [[gallery:skin]] here</p>", "[[gallery:skin]]"),
        ("<p>as shown [@smith2001]</p>", "[@smith2001]"),
        ("<p>[[contact-email]]</p>", "[[contact-email]]"),
        ("<p><code>[[photo:x]]</code> is how you embed</p>", None),
        ('<p><abbr title="[[photo:x]]">word</abbr></p>', None),
        ("<p>&#91;&#91;photo:x&#93;&#93; typed by staff</p>", None),
    ],
)
def test_raw_markup_in_the_content_is_found_and_text_is_not(tmp_path, body, found):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(article(body))
    problems = leftover_markup(tmp_path)
    assert (found in problems[0]) if found else problems == []


def test_locations_are_compared_as_site_paths():
    assert site_path("photos/x/#credit", "https://a.example/base/") == "photos/x/"
    assert site_path("https://a.example/base/photos/x/", "https://a.example/base/") == "photos/x/"
    assert site_path("/photos/x/", "") == "photos/x/"


def test_a_build_whose_engine_lost_a_page_is_not_published(tmp_path, monkeypatch):
    config = make_project(tmp_path, textwrap.dedent("""\
        galleries:
          - id: g
            title: G
            description: D
        photos: []
        """))
    site = build_site(config, site_dir=tmp_path / "site", on=ON)
    before = (site / "index.html").read_text()

    def lose_a_page(config_file, strict):
        MKDOCS.render(config_file, strict)
        (config_file.parent / "site" / "galleries" / "g" / "index.html").unlink()

    monkeypatch.setattr("atlas.build.engine_named", lambda name: dataclasses.replace(MKDOCS, render=lose_a_page))
    with pytest.raises(BuildFailed, match=r"galleries/g/index.html is missing \(from galleries/g/index.md\)"):
        build_site(config, site_dir=site, on=ON, engine="mkdocs")
    assert (site / "index.html").read_text() == before

