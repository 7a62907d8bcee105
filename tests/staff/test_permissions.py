import datetime as dt
import os
from pathlib import Path

import pytest

from atlas.cli import main
from atlas.staff import format_report, next_steps, permission_report, read_catalog

from .conftest import CAPTIONS, make_image

ON = dt.date(2025, 1, 10)
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report(project):
    # left-arm: granted, expires in 22 days, no consent record; right-arm: pending since
    # 2024-09-01 (131 days); a stray file nobody uses; a hidden file that is not a photo.
    project.captions.write_text(CAPTIONS.replace("      record: FORM-1   # paper copy in the blue folder\n", ""))
    make_image(project.images / "arms" / "stray.png", (9, 9, 9))
    (project.images / ".DS_Store").write_bytes(b"\0")
    return permission_report(read_catalog(project), images_dir=project.images, on=ON, expiring_within=30)


@pytest.mark.parametrize("style, golden", [("table", "permissions.txt"), ("csv", "permissions.csv"), ("md", "permissions.md")])
def test_permissions_report_in_each_format(report, style, golden):
    actual = format_report(report, style=style)
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(actual, encoding="utf-8")
    assert actual == (GOLDEN / golden).read_text(encoding="utf-8")
    if style == "table":
        assert max(len(line) for line in actual.splitlines()) <= 100, "the report must fit a 100-column terminal"


def test_report_flags_expiring_soon_pending_for_long_granted_without_record_and_unused_files(report):
    flags = {row.photo_id: row.flags for row in report.rows}
    assert flags == {
        "left-arm": ("expires in 22 days", "granted without record: not shown"),
        "right-arm": ("pending for 131 days",),
    }
    assert report.unused_files == ("arms/stray.png",)


def test_expiry_beyond_the_window_is_not_flagged(project):
    report = permission_report(read_catalog(project), images_dir=project.images, on=ON, expiring_within=21)
    assert report.rows[0].flags == ()


def test_expired_permission_is_flagged_and_shown_as_taken_down(project):
    report = permission_report(read_catalog(project), images_dir=project.images, on=dt.date(2025, 2, 1))
    assert (report.rows[0].on_site, report.rows[0].flags) == ("taken down at the next publish", ("expired: renew or withdraw",))


def test_pending_for_exactly_the_setting_is_not_yet_flagged(project):
    report = permission_report(read_catalog(project), images_dir=project.images, on=dt.date(2024, 11, 30), pending_too_long=90)
    assert report.rows[1].flags == ()


def test_next_steps_name_the_photos_and_the_commands(report):
    actual = next_steps(report)
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / "permissions-next.txt").write_text(actual + "\n", encoding="utf-8")
    assert actual == (GOLDEN / "permissions-next.txt").read_text(encoding="utf-8").rstrip("\n")
    assert max(len(line) for line in actual.splitlines()) <= 100


def test_csv_output_stays_clean_when_redirected(project, capsys):
    assert main(["--project", str(project.root), "permissions", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    # No command echo from make or atlas; a byte-order mark first, so Excel reads it as UTF-8.
    assert out.splitlines()[0] == "\ufeffid,status,on site,scope,requested on,granted on,expires,withdrawn on,record,attention"
    assert "Next:" not in out and "Next:" in err
