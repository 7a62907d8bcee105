"""`atlas takedown`: a withdrawal reaches the deployed site even when the site cannot be rebuilt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from atlas.build import BuildFailed, build_site
from atlas.catalog import read_permission_records
from atlas.cli import main
from atlas.takedown import search_entries, take_down
from fixture_project import make_project, write_jpeg

ON = dt.date(2026, 11, 21)


def photo(photo_id: str, *, case: str = "person-1", status: str = "granted", former: str = "") -> str:
    return f"""\
  - id: {photo_id}
    file: {photo_id}.jpg
    gallery: skin
    alt: Alt text of {photo_id}.
    caption: Caption of {photo_id}.
    case: {case}
    {f"former_ids: [{former}]" if former else ""}
    permission:
      status: {status}
      scope: [website]
      granted_by: patient
      granted_on: 2013-06-01
      record: FORM-{photo_id}
      license: all-rights-reserved
      credit: Credit of {photo_id}
"""


def captions(*photos: str) -> str:
    return "galleries:\n  - id: skin\n    title: Skin\n    description: Test photos.\nphotos:\n" + "".join(photos)


@pytest.fixture
def deployed(tmp_path) -> tuple[Path, Path]:
    """A built site with two photos of one person, one of them also embedded in an article."""
    config = make_project(
        tmp_path / "project",
        captions(photo("kept-photo"), photo("leaving-photo", former="old-leaving")),
        docs={"article.md": "# Article\n\nText.\n\n[[photo:leaving-photo]]\n\nMore text.\n\n[[gallery:skin]]\n"},
    )
    for name in ("kept-photo", "leaving-photo"):
        write_jpeg(config.parent / "images" / f"{name}.jpg", color=(150, 90, 80))
    site = build_site(config, site_dir=tmp_path / "site", on=ON)
    return config.parent, site


def every_file(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_no_trace(site: Path, photo_id: str) -> None:
    for name, data in every_file(site).items():
        text = data.decode("utf-8", errors="replace")
        assert f"Caption of {photo_id}" not in text, name
        assert f"Alt text of {photo_id}" not in text, name
        assert f"photos/{photo_id}" not in text, name
    assert not (site / "photos" / photo_id).exists()
    assert not list((site / "assets" / "photos").glob(f"{photo_id}.*"))


def test_a_broken_article_and_a_withdrawal_land_together_and_the_photo_is_gone(deployed):
    project, site = deployed
    before = every_file(site)
    assert any("Caption of leaving-photo" in d.decode(errors="replace") for d in before.values())
    # The same commit withdraws a photo and breaks an article: the build fails...
    text = (project / "captions.yaml").read_text()
    (project / "captions.yaml").write_text(text.replace(
        "      record: FORM-leaving-photo\n", "      record: FORM-leaving-photo\n      withdrawn_on: 2026-11-20\n      withdrawn_reason: asked\n"
    ).replace("status: granted\n      scope: [website]\n      granted_by: patient\n      granted_on: 2013-06-01\n      record: FORM-leaving", "status: withdrawn\n      scope: [website]\n      granted_by: patient\n      granted_on: 2013-06-01\n      record: FORM-leaving"))
    (project / "docs" / "article.md").write_text("# Article\n\nA claim [@no-such-key].\n\n[[photo:leaving-photo]]\n")
    with pytest.raises(BuildFailed):
        build_site(project / "mkdocs.yml", site_dir=project / "rebuilt", on=ON)
    # ...and the takedown of the deployed site still happens.
    records, _ = read_permission_records(project / "captions.yaml")
    report = take_down(site, records, on=ON)
    assert report.changed
    assert_no_trace(site, "leaving-photo")
    assert not (site / "photos" / "old-leaving").exists()
    after = every_file(site)
    assert set(after) <= set(before), "takedown added a file"
    # The other photo of the same person is still there, with its page and images.
    assert (site / "photos" / "kept-photo" / "index.html").is_file()
    assert list((site / "assets" / "photos").glob("kept-photo.*"))
    assert "Caption of kept-photo" in (site / "galleries" / "skin" / "index.html").read_text()
    entries = search_entries(site)
    assert not [d for d in entries if "leaving-photo" in d["location"]]
    assert any(d["location"].startswith("photos/kept-photo/") for d in entries)


def test_a_photo_deleted_from_the_catalog_is_taken_down_too(deployed):
    project, site = deployed
    (project / "captions.yaml").write_text(captions(photo("kept-photo")))
    records, _ = read_permission_records(project / "captions.yaml")
    take_down(site, records, on=ON)
    assert_no_trace(site, "leaving-photo")


def test_one_malformed_entry_does_not_stop_the_takedown_of_another(deployed):
    project, site = deployed
    broken = photo("kept-photo").replace("    gallery: skin\n", "    gallery: [not, a, slug]\n    unknown_field: x\n")
    withdrawn = photo("leaving-photo", status="withdrawn")
    (project / "captions.yaml").write_text(captions(broken, withdrawn))
    records, problems = read_permission_records(project / "captions.yaml")
    assert any(p.severity == "error" for p in problems)
    take_down(site, records, on=ON)
    assert_no_trace(site, "leaving-photo")
    assert (site / "photos" / "kept-photo" / "index.html").is_file()


def test_nothing_to_take_down_changes_nothing(deployed):
    project, site = deployed
    before = every_file(site)
    records, _ = read_permission_records(project / "captions.yaml")
    assert not take_down(site, records, on=ON).changed
    assert every_file(site) == before


def test_an_expiry_reached_today_is_taken_down(deployed):
    project, site = deployed
    text = (project / "captions.yaml").read_text()
    (project / "captions.yaml").write_text(text.replace("      record: FORM-leaving-photo\n", "      record: FORM-leaving-photo\n      expires: 2026-11-21\n"))
    records, _ = read_permission_records(project / "captions.yaml")
    take_down(site, records, on=ON)
    assert_no_trace(site, "leaving-photo")


def test_a_catalog_that_is_not_yaml_at_all_leaves_the_site_and_says_so(deployed, capsys):
    project, site = deployed
    before = every_file(site)
    (project / "captions.yaml").write_text("photos: [unclosed\n  - id: x\n")
    status = main(["--project", str(project), "takedown", "--site-dir", str(site)])
    assert status == 2
    assert "TAKEDOWN NOT DONE" in capsys.readouterr().err
    assert every_file(site) == before


def test_the_command_reports_what_it_removed(deployed, capsys):
    project, site = deployed
    (project / "captions.yaml").write_text(captions(photo("kept-photo")))
    assert main(["--project", str(project), "takedown", "--site-dir", str(site)]) == 0
    out = capsys.readouterr().out
    assert "removed photos/leaving-photo/" in out and "Took down 2 photo page(s)" in out


def test_a_failed_build_still_takes_down_from_the_existing_site(deployed):
    project, site = deployed
    text = (project / "captions.yaml").read_text()
    (project / "captions.yaml").write_text(text.replace("      record: FORM-leaving-photo\n", "      record: FORM-leaving-photo\n      expires: 2026-11-01\n"))
    (project / "docs" / "article.md").write_text("# Article\n\nA claim [@no-such-key].\n")
    with pytest.raises(BuildFailed) as failure:
        build_site(project / "mkdocs.yml", site_dir=site, on=ON)
    message = str(failure.value)
    assert "[@no-such-key]" in message and "was kept, except: Took down" in message
    assert_no_trace(site, "leaving-photo")
    assert (site / "photos" / "kept-photo" / "index.html").is_file()
    assert not list(site.parent.glob(".site.*")), "staging folder left behind"


def test_the_cli_build_reports_the_takedown_after_a_failure(deployed, capsys):
    project, site = deployed
    text = (project / "captions.yaml").read_text()
    # A photo entry broken beyond a permission problem (an unknown gallery) fails the build...
    (project / "captions.yaml").write_text(text.replace("    gallery: skin\n", "    gallery: skni\n", 1).replace(
        "status: granted\n      scope: [website]\n      granted_by: patient\n      granted_on: 2013-06-01\n      record: FORM-leaving",
        "status: withdrawn\n      scope: [website]\n      granted_by: patient\n      granted_on: 2013-06-01\n      withdrawn_on: 2026-11-20\n      record: FORM-leaving"))
    status = main(["--project", str(project), "build", "--site-dir", str(site)])
    err = capsys.readouterr().err
    assert status == 1 and "unknown gallery 'skni'" in err and "Took down" in err
    # ...and the withdrawn photo is gone all the same.
    assert_no_trace(site, "leaving-photo")
