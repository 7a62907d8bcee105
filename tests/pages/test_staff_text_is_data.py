"""Staff text is data: every field, typed with the characters staff really paste (quotes,
`<`, `&`, `<!--`, brackets, Markdown, the atlas's own markers, line breaks), is shown exactly as
typed in every place it is written, escaped for that place, and changes nothing else.

One fixture site holds a different hostile string in every field, so each assertion names the
field and the place. The assertions are about properties (the text read back by a parser for
that context equals the typed text; no element was injected), not whole pages, so markup
changes elsewhere do not churn them.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest

from atlas.engines import ENGINES
from atlas.escape import ris_value
from atlas.takedown import search_entries
from hostile_site import FIELDS, HOSTILE, build_hostile_site

@pytest.fixture(scope="module", params=sorted(ENGINES))
def site(request, tmp_path_factory) -> Path:
    """Built by each engine: neither escapes what it prints, so the core must, for both."""
    return build_hostile_site(tmp_path_factory.mktemp(f"hostile-{request.param}"), engine=request.param)


def parse(site: Path, url: str):
    return html5lib.parse((site / url / "index.html").read_bytes(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return "".join(element.itertext())


def spaced(text: str) -> str:
    """HTML shows every run of white space as one space."""
    return " ".join(text.split())


def meta(tree, **attribute) -> str:
    (name, value), = attribute.items()
    found = [m.get("content") for m in tree.iter("meta") if m.get(name.replace("_", ":")) == value]
    assert len(found) == 1, (attribute, found)
    return found[0]


def no_injected_markup(tree) -> None:
    for script in tree.iter("script"):
        assert "alert" not in (script.text or "") or script.get("type") == "application/ld+json", script.text
        assert not (script.get("src") or "").startswith("http")
    assert not [i for i in tree.iter("img") if i.get("src") == "x" or "evil.example" in (i.get("src") or "")]
    assert not [a for a in tree.iter("a") if (a.get("href") or "").lower().startswith("javascript")]
    assert not [e for e in tree.iter() if e.get("onerror") is not None]


# The photo page -----------------------------------------------------------------------------


def test_photo_title_in_title_meta_og_header_h1_and_json_ld(site):
    tree = parse(site, "photos/hostile")
    title = FIELDS["photo title"]
    assert text_of(tree.find(".//title")) == f"{title} - Fixture atlas"
    assert meta(tree, property="og:title") == title
    assert spaced(text_of(tree.find(".//h1"))) == spaced(title)
    header = tree.find(".//*[@data-md-component='header-topic']")
    assert spaced(text_of(header)) == spaced(title)
    data = json.loads(tree.find(".//script[@type='application/ld+json']").text)
    assert data["name"] == title


def test_caption_in_meta_description_figcaption_json_ld(site):
    from atlas.pages.render import _summary

    tree = parse(site, "photos/hostile")
    caption = FIELDS["caption"]
    assert meta(tree, name="description") == _summary(caption)
    assert meta(tree, property="og:description") == _summary(caption)
    figcaption = tree.find(".//figure[@class='atlas-photo']/figcaption")
    assert spaced(text_of(figcaption)).startswith(spaced(caption))
    assert json.loads(tree.find(".//script[@type='application/ld+json']").text)["caption"] == caption


def test_alt_text_in_the_img_the_cover_and_the_lightbox_data(site):
    tree = parse(site, "photos/hostile")
    alt = FIELDS["alt"]
    photo_imgs = [i for i in tree.iter("img") if "assets/photos/hostile." in (i.get("src") or "") and i.get("alt")]
    assert photo_imgs and all(i.get("alt") == alt for i in photo_imgs)
    # Every data-* attribute the lightbox reads holds plain text, exactly as typed.
    anchor = next(a for a in tree.iter("a") if "assets/photos/hostile." in (a.get("href") or ""))
    values = [v for k, v in anchor.items() if k.startswith("data-")]
    assert any(alt in v for v in values), values
    assert json.loads(tree.find(".//script[@type='application/ld+json']").text)["description"] == alt


def test_description_and_credit_on_the_photo_page(site):
    tree = parse(site, "photos/hostile")
    description = tree.find(".//p[@class='atlas-description']")
    assert text_of(description) == FIELDS["description"]  # line breaks kept in the text itself
    rights = tree.find(".//p[@class='atlas-rights']")
    assert spaced(text_of(rights)).startswith(f"Credit: {spaced(FIELDS['credit'])}. Licence:")
    assert json.loads(tree.find(".//script[@type='application/ld+json']").text)["creditText"] == FIELDS["credit"]


def test_nothing_hides_or_adds_structure_on_the_photo_page(site):
    tree = parse(site, "photos/hostile")
    no_injected_markup(tree)
    assert len(tree.findall(".//h1")) == 1
    headings = [spaced(text_of(h)) for h in tree.iter("h2")]
    assert {"Credit and reuse", "Cite this photo"} <= {h.replace("¶", "").strip() for h in headings}
    assert len(tree.findall(".//figure[@class='atlas-photo']")) == 1  # no gallery or photo embedded from text


def test_citation_text_and_the_ris_record(site):
    tree = parse(site, "photos/hostile")
    citation = spaced(text_of(tree.find(".//*[@id='atlas-citation']")))
    assert spaced(FIELDS["photo title"]) in citation and citation.startswith(spaced(FIELDS["author"]))
    ris = (site / "photos" / "hostile" / "cite.ris").read_bytes().decode("utf-8")
    lines = ris.split("\r\n")
    assert sum(line.startswith("TY  - ") for line in lines) == 1
    assert sum(line.startswith("ER  - ") for line in lines) == 1
    assert f"TI  - {ris_value(FIELDS['photo title'])}" in lines
    assert f"AU  - {ris_value(FIELDS['author'])}" in lines
    assert f"AB  - {ris_value(FIELDS['caption'])}" in lines
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines if line)


# Galleries ----------------------------------------------------------------------------------


def test_gallery_texts_and_photo_title_on_the_gallery_and_filter_pages(site):
    for url in ("galleries/skin", "galleries/skin/body-site/chest-wall"):
        tree = parse(site, url)
        no_injected_markup(tree)
        h1 = spaced(text_of(tree.find(".//h1")))
        assert h1.startswith(spaced(FIELDS["gallery title"])), url
        assert text_of(tree.find(".//title")).startswith(FIELDS["gallery title"])
        paragraphs = [text_of(p) for p in tree.iter("p")]
        assert FIELDS["gallery description"] in paragraphs
        links = [spaced(text_of(a)) for a in tree.iter("a") if (a.get("href") or "").endswith("photos/hostile/")]
        assert spaced(FIELDS["photo title"]) in links
    index = parse(site, "galleries")
    # The title is the text of the card's link; the cover picture beside it has none of its own.
    titles = [text_of(span) for span in index.iter("span") if span.get("class") == "atlas-gallery-card__title"]
    assert FIELDS["gallery title"] in titles


# Articles and references --------------------------------------------------------------------


def test_article_front_matter_in_title_meta_and_json_ld(site):
    tree = parse(site, "article")
    no_injected_markup(tree)
    assert text_of(tree.find(".//title")) == f"{FIELDS['article title']} - Fixture atlas"
    assert meta(tree, name="description") == FIELDS["article description"]
    data = json.loads(tree.find(".//script[@type='application/ld+json']").text)
    assert data["name"] == FIELDS["article title"] and data["description"] == FIELDS["article description"]


def test_references_are_shown_as_typed(site):
    tree = parse(site, "article")
    item = tree.find(".//li[@id='ref-ref2001']")
    text = spaced(text_of(item))
    assert spaced(FIELDS["reference title"]) in text and spaced(FIELDS["reference journal"]) in text


def test_an_embedded_photo_shows_its_caption_as_text(site):
    tree = parse(site, "article")
    figure = tree.find(".//figure[@class='atlas-photo']")
    assert spaced(text_of(figure.find("figcaption"))).startswith(spaced(FIELDS["caption"]))
    assert len(tree.findall(".//ul[@class='atlas-grid']")) == 0  # the caption's [[gallery:skin]] stayed text


# Search index and sitemap -------------------------------------------------------------------


def test_search_index_titles_are_html_that_shows_the_typed_text(site):
    entries = search_entries(site)
    photo = [d for d in entries if d["location"] == "photos/hostile/"]
    assert photo, "the photo page is searchable"
    # Both engines' search shows titles and texts as HTML: escaped once, they read as typed.
    assert spaced(unescape(photo[0]["title"])) == spaced(FIELDS["photo title"])
    for entry in entries:
        for value in (entry["title"], entry["text"]):
            assert "<script" not in value and "<img" not in value and "<!--" not in value


def test_sitemap_is_well_formed_and_carries_no_staff_text(site):
    text = (site / "sitemap.xml").read_text()
    ElementTree.fromstring(text)
    assert HOSTILE[:20] not in text
