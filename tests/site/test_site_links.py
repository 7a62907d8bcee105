from pathlib import Path

from atlas.qa.links import link_problems, missing_alt_problems

from site_faults import replace_in


def first_photo_page(site: Path) -> Path:
    """Any generated photo page that shows a photo (not a redirect or a withdrawn notice)."""
    for page in sorted(site.glob("photos/*/index.html")):
        if "<img" in page.read_text() and 'http-equiv="refresh"' not in page.read_text():
            return page
    raise AssertionError("the built site has no photo page")


def test_every_internal_link_fragment_and_image_of_the_built_site_resolves(built_site):
    assert link_problems(built_site.site_dir, site_url=built_site.site_url) == []


def test_every_image_of_the_built_site_has_alt_text(built_site):
    assert missing_alt_problems(built_site.site_dir) == []


def test_a_deliberately_broken_link_is_reported_with_page_and_line(site_copy):
    replace_in(site_copy / "index.html", "</article>", '<a href="galleries/no-such-gallery/">x</a></article>')
    problems = link_problems(site_copy)
    assert len(problems) == 1
    assert problems[0].startswith("index.html:")
    assert "galleries/no-such-gallery/" in problems[0] and "does not exist" in problems[0]


def test_a_link_to_a_missing_fragment_is_reported(site_copy):
    replace_in(site_copy / "index.html", "</article>", '<a href="galleries/#no-such-heading">x</a></article>')
    problems = link_problems(site_copy)
    assert len(problems) == 1 and "#no-such-heading" in problems[0] and "galleries/index.html" in problems[0]


def test_a_missing_image_file_is_reported(site_copy):
    first_photo_page(site_copy)
    image = next(site_copy.glob("assets/photos/*.jpg"))
    image.unlink()
    problems = link_problems(site_copy)
    assert problems, "deleting a photo file went unnoticed"
    assert all(image.name in p for p in problems)
    assert any("image that does not exist" in p for p in problems)


def test_a_deliberately_missing_alt_text_is_reported(site_copy):
    page = first_photo_page(site_copy)
    text = page.read_text()
    start = text.index("<img")
    alt_start = text.index(' alt="', start)
    alt_end = text.index('"', alt_start + 6)
    page.write_text(text[:alt_start] + text[alt_end + 1 :])
    problems = missing_alt_problems(site_copy)
    assert len(problems) == 1 and "has no alt text" in problems[0]
    assert problems[0].startswith(page.relative_to(site_copy).as_posix() + ":")


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        file = root / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<!doctype html><html lang=en><title>t</title>{body}</html>")
    return root


def test_root_relative_site_url_and_folder_links_resolve_like_a_static_host(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": '<a href="/a/">a</a> <a href="a/#part">p</a> <a href="https://example.org/atlas/a/">abs</a> <a href="#top">top</a>',
            "a/index.html": '<h2 id="part">Part</h2><a href="../">home</a><a href="../index.html#">same</a>',
        },
    )
    assert link_problems(site, site_url="https://example.org/atlas/") == []


def test_links_to_other_sites_mail_and_page_parents_beyond_the_root(tmp_path):
    site = make_site(
        tmp_path,
        {"index.html": '<a href="https://other.example/">x</a><a href="mailto:a@b.example">m</a><a href="../../outside.html">o</a>'},
    )
    problems = link_problems(site)
    assert len(problems) == 1 and "outside.html" in problems[0]


def test_srcset_candidates_and_redirect_targets_are_checked(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": '<img alt="" src="a.jpg" srcset="a.jpg 1x, b.jpg 2x">',
            "old/index.html": '<meta http-equiv="refresh" content="0; url=../gone/">',
            "a.jpg": "",
        },
    )
    problems = link_problems(site)
    assert len(problems) == 2
    assert any("b.jpg" in p for p in problems) and any("gone/" in p and p.startswith("old/index.html:") for p in problems)
