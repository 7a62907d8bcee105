"""The prepare step: the docs tree both engines are handed."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.build import BuildFailed, build_site
from atlas.engines import ENGINES
from atlas.prepare import page_url, source_files
from fixture_project import make_project, write_jpeg
from atlas.qa.fixture import write_config

ON = dt.date(2026, 11, 21)
CATALOG = """\
galleries:
  - id: skin
    title: Skin
    description: Photos of skin.
photos:
  - id: nodule
    file: nodule.jpg
    gallery: skin
    alt: A small pink bump.
    caption: A nodule.
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2024-01-01
      record: R-1
      license: CC-BY-4.0
      credit: A patient
"""


@pytest.mark.parametrize("relative, url", [("index.md", ""), ("a.md", "a/"), ("sub/index.md", "sub/"), ("sub/b.md", "sub/b/")])
def test_pages_get_the_urls_both_engines_give_them(relative, url):
    assert page_url(relative) == url


def test_exclude_docs_and_dot_files_are_not_part_of_the_site(tmp_path):
    for name in ("index.md", "includes/glossary.md", ".hidden.md", "assets/a.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert sorted(source_files(tmp_path, "includes/\n")) == ["assets/a.css", "index.md"]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_embeds_are_expanded_before_the_glossary_marks_words(tmp_path, engine):
    """The glossary defines 'skin' and 'nodule', which are also the gallery's and the photo's
    ids: the markers still become the gallery grid and the figure, never a marker with an
    <abbr> inside it, and the words are marked in the text around them."""
    config = make_project(tmp_path, CATALOG, docs={
        "page.md": "# Page\n\nThe skin here.\n\n[[gallery:skin]]\n\n[[photo:nodule]]\n",
        "includes/glossary.md": "*[skin]: The body's outer layer.\n*[nodule]: A small lump.\n",
    })
    write_config(tmp_path, glossary=True)
    write_jpeg(tmp_path / "images" / "nodule.jpg")
    site = build_site(config, site_dir=tmp_path / "site", on=ON, engine=engine)
    html = (site / "page" / "index.html").read_text()
    assert '<ul class="atlas-grid"' in html and 'class="atlas-photo' in html
    assert "[[" not in html
    assert '<abbr title="The body\'s outer layer.">skin</abbr> here' in html or '<abbr title="The body&#x27;s outer layer.">skin</abbr> here' in html
    assert not (site / "includes").exists()


def test_a_nav_entry_to_a_missing_page_fails_the_build_on_both_engines(tmp_path):
    """Zensical builds such a nav entry without a word (and exits 0); the atlas checks it."""
    config = make_project(tmp_path, "galleries: []\nphotos: []\n")
    write_config(tmp_path, nav=[{"Home": "index.md"}, {"Lost": "lost.md"}])
    for engine in sorted(ENGINES):
        with pytest.raises(BuildFailed, match=r"nav: 'Lost' points at lost.md, which is not in docs/"):
            build_site(config, site_dir=tmp_path / "site", on=ON, engine=engine)


def test_every_problem_in_every_page_is_reported_at_once(tmp_path):
    config = make_project(tmp_path, CATALOG, docs={
        "one.md": "# One\n\n[[photo:nope]]\n",
        "two.md": "# Two\n\nAs shown [@missing2001].\n",
    })
    write_config(tmp_path, nav=[{"Home": "index.md"}, {"Lost": "lost.md"}, {"One": "one.md"}, {"Two": "two.md"}])
    write_jpeg(tmp_path / "images" / "nodule.jpg")
    with pytest.raises(BuildFailed) as error:
        build_site(config, site_dir=tmp_path / "site", on=ON)
    message = str(error.value)
    assert "docs/one.md:3: [[photo:nope]]: no photo has this id" in message
    assert "docs/two.md:3: [@missing2001]" in message
    assert "nav: 'Lost' points at lost.md" in message
    assert "3 problem(s) in the pages; nothing was built" in message


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_every_article_can_be_cited_as_text_and_ris(tmp_path, engine):
    import rispy

    from atlas.qa.links import link_problems

    config = make_project(tmp_path, "galleries: []\nphotos: []\n", docs={
        "care.md": "---\ntitle: Care of the skin\ndescription: How to look after it.\nreview: awaiting-review\n---\n# Care\n\nText.\n",
    })
    site = build_site(config, site_dir=tmp_path / "site", on=ON, engine=engine)
    html = (site / "care" / "index.html").read_text()
    assert "Cite this page" in html and "Care of the skin &#91;Internet&#93;." in html
    record = rispy.loads((site / "care" / "cite.ris").read_text())
    assert len(record) == 1 and record[0]["title"] == "Care of the skin" and record[0]["urls"] == ["https://atlas.example.org/care/"]
    assert "Cite this page" not in (site / "index.html").read_text()  # not an article: no review recorded
    assert link_problems(site, site_url="https://atlas.example.org/") == []
