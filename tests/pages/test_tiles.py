"""[[tiles:...]]: photos shown small with a label, linking to their pages; a sensitive photo's
tile never shows the photo; a withdrawn one is left out with a notice; a typo is an error."""

from atlas.pages.embed import expand_embeds

from test_golden_pages import catalog, rendered  # noqa: F401  (the golden pages' catalog fixture)


def tiles(catalog, markdown, published=("nodules", "later")):  # noqa: F811
    return expand_embeds(
        markdown, page_path="docs/index.md", page_url="", catalog=catalog, published=set(published),
        rendered={p: rendered(p) for p in published},
    )


def test_a_tile_links_to_its_photo_and_a_sensitive_one_shows_no_picture(catalog):  # noqa: F811
    result = tiles(catalog, "[[tiles: nodules = Lumps <b>; later = Spread]]")
    html = result.markdown
    assert html.count('<li class="atlas-tile') == 2 and result.errors == []
    nodules, later = html.split("</li>")[:2]
    assert 'href="photos/nodules/"' in nodules and "<img" in nodules and "Lumps &lt;b&gt;" in nodules
    assert 'atlas-tile--covered' in later and "<img" not in later and 'href="photos/later/"' in later


def test_a_withdrawn_photo_is_left_out_and_a_typo_is_named(catalog):  # noqa: F811
    result = tiles(catalog, "[[tiles: nodules = Lumps; later = Spread; nodlues = Typo]]", published=("nodules",))
    assert result.markdown.count('<li class="atlas-tile') == 1
    assert result.notices and "later" in result.notices[0]
    assert result.errors and "nodlues" in result.errors[0]
