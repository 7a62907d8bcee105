"""Issue 15: a large gallery comes in light pages, each case kept whole where it can be, and
each tile has a short title cut between words."""

from __future__ import annotations

import dataclasses

from atlas.pages import render as pages

from test_golden_pages import catalog, rendered  # noqa: F401  (the golden catalog fixture)


def many(catalog, count: int, *, case_every: int = 0):  # noqa: F811
    base = catalog.photo("nodules")
    return [
        dataclasses.replace(base, id=f"p{n:03d}", case=f"case-{n // case_every}" if case_every else None, sensitive=False)
        for n in range(count)
    ]


def test_a_200_photo_gallery_sends_one_light_page_first(catalog):  # noqa: F811
    photos = many(catalog, 200)
    files = {p.id: rendered("nodules") for p in photos}
    first = pages.gallery_page(catalog.gallery("chest"), photos, files)
    assert first.count("<img ") == pages.GALLERY_PAGE_SIZE
    assert first.count('loading="lazy"') == pages.GALLERY_PAGE_SIZE - pages.EAGER_THUMBNAILS
    assert len(first.encode()) < 100_000
    assert 'href="../../galleries/chest/page/2/"' in first
    last = pages.gallery_page(catalog.gallery("chest"), photos, files, page=9)
    assert "title: Chest wall (page 9 of 9)" in last and "noindex" in last
    assert "photos 193 to 200" in last


def test_pages_end_between_cases():  # noqa: F811
    class P:  # only .case matters here
        def __init__(self, case):
            self.case = case

    photos = [P(None)] * 20 + [P("a")] * 3 + [P("b")] * 30
    split = pages.gallery_pages(photos, size=22)
    assert [len(p) for p in split] == [20, 3, 22, 8]


def test_tile_titles_are_short_and_cut_between_words(catalog):  # noqa: F811
    photo = dataclasses.replace(
        catalog.photo("later"), title="", caption="A single red lesion at the border of the radiation field, with bumps around the scar."
    )
    title = pages.tile_title(photo)
    assert len(title) <= pages.TILE_TITLE_LIMIT + 1 and title.endswith("…")
    assert photo.caption.startswith(title[:-1])
    assert photo.caption[len(title) - 1] in " ,"  # cut at a word boundary
    assert pages.tile_title(catalog.photo("nodules")) == "Nodules along a scar"  # staff's title, whole
