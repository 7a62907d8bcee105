import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from atlas.qa import pageweight
from atlas.qa.pageweight import PHONE, Viewport, budget_problems, chosen_image, content_pages, first_visit, slot_width
from atlas.qa.serve import serve


def test_every_page_of_the_built_site_is_within_the_page_weight_budget(built_site, capsys):
    status = pageweight.main([str(built_site.site_dir)])
    printed = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + printed)  # the figures, in the test log for anyone watching the budget
    assert "/galleries/" in printed and "/photos/" in printed
    assert status == 0, printed


def test_an_over_budget_page_fails_naming_its_largest_files(built_site):
    weights = [first_visit(built_site.site_dir, page) for page in content_pages(built_site.site_dir)]
    problems = budget_problems(weights, budget_kb=10)
    assert len(problems) == len(weights)
    assert "over the budget of 10 kB" in problems[0] and "largest:" in problems[0]


def test_cli_exits_non_zero_over_budget(built_site, capsys):
    assert pageweight.main([str(built_site.site_dir), "--budget-kb", "1"]) == 1
    assert "OVER BUDGET" in capsys.readouterr().out


def write(root: Path, name: str, data: bytes | str) -> Path:
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data if isinstance(data, bytes) else data.encode())
    return file


def test_first_visit_counts_html_css_js_eager_images_and_fonts_gzipped_and_skips_lazy_images(tmp_path):
    html = (
        '<!doctype html><link rel="stylesheet" href="s.css"><link rel="canonical" href="https://x.example/">'
        '<script src="a.js"></script><img alt="" src="eager.jpg"><img alt="" src="lazy.jpg" loading="lazy">'
        '<img alt="" src="eager.jpg">'
    )
    write(tmp_path, "index.html", html)
    write(tmp_path, "s.css", "@font-face{font-family:F;src:url(f.woff2) format('woff2'),url(f.ttf)}" + " " * 5000)
    write(tmp_path, "a.js", "x" * 10000)
    write(tmp_path, "eager.jpg", b"\xff" * 3000)
    write(tmp_path, "lazy.jpg", b"\xff" * 9000)
    write(tmp_path, "f.woff2", b"\x00" * 700)
    write(tmp_path, "f.ttf", b"\x00" * 7000)
    weight = first_visit(tmp_path, tmp_path / "index.html")
    sizes = {d.path: d.bytes for d in weight.downloads}
    assert set(sizes) == {"index.html", "s.css", "a.js", "eager.jpg", "f.woff2"}
    assert sizes["a.js"] == len(gzip.compress(b"x" * 10000, compresslevel=6, mtime=0)) < 100
    assert sizes["eager.jpg"] == 3000 and sizes["f.woff2"] == 700  # binary files: as stored
    assert weight.total == sum(sizes.values())


def test_first_visit_counts_materials_search_worker_and_index(tmp_path):
    write(tmp_path, "p/index.html", '<script id="__config" type="application/json">{"base": "..", "search": "w/search.js"}</script>')
    write(tmp_path, "w/search.js", "w")
    write(tmp_path, "search/search_index.json", "{}")
    paths = {d.path for d in first_visit(tmp_path, tmp_path / "p/index.html").downloads}
    assert paths == {"p/index.html", "w/search.js", "search/search_index.json"}


@pytest.mark.parametrize(
    ("sizes", "width"),
    [
        ("(max-width: 60em) 100vw, 46rem", 412),
        ("(max-width: 30em) 50vw, 15rem", 206),
        ("(min-width: 100em) 10px, 20rem", 320),
        ("(orientation: portrait) 10px, 300px", 300),  # conditions we do not model are skipped
        (None, 412),
    ],
)
def test_slot_width_follows_the_sizes_attribute_on_a_phone(sizes, width):
    assert slot_width(sizes, PHONE) == width


def test_the_chosen_image_is_the_smallest_sharp_enough_candidate():
    srcset = "a-480.jpg 480w, a-960.jpg 960w, a-1600.jpg 1600w"
    assert chosen_image("a.jpg", srcset, "100vw", PHONE) == "a-960.jpg"  # 412 x 1.75 = 721 px
    assert chosen_image("a.jpg", srcset, "50vw", PHONE) == "a-480.jpg"
    assert chosen_image("a.jpg", srcset, "100vw", Viewport(1920, 1080, 2)) == "a-1600.jpg"  # the sharpest there is
    assert chosen_image("a.jpg", "a1.jpg 1x, a2.jpg 2x", None, PHONE) == "a2.jpg"
    assert chosen_image("a.jpg", None, None, PHONE) == "a.jpg"


def test_the_test_server_serves_folders_and_the_sites_own_404_page(tmp_path):
    write(tmp_path, "index.html", "home")
    write(tmp_path, "a/index.html", "page a")
    write(tmp_path, "404.html", "our not-found page")
    with serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        assert urllib.request.urlopen(f"{base}/a/").read() == b"page a"
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"{base}/missing/")
        assert error.value.code == 404 and error.value.read() == b"our not-found page"
