"""The daily reminder issue: what needs attention, as photo ids and dates only (issues of a
public repository are public)."""

from __future__ import annotations

import datetime as dt
import textwrap

from atlas.catalog import check_catalog
from atlas.staff.permissions import permission_report, reminder_issue
from fixture_project import write_jpeg

ON = dt.date(2026, 12, 1)
CATALOG = """\
galleries:
  - {id: g, title: G, description: D}
photos:
  - id: ends-soon
    file: a.jpg
    gallery: g
    alt: SECRET-ALT
    caption: SECRET-CAPTION
    permission: {status: granted, scope: [website], granted_by: patient, granted_on: 2025-01-01,
                 expires: 2026-12-20, record: SECRET-RECORD, license: CC-BY-4.0, credit: SECRET-CREDIT}
  - id: waiting
    file: a.jpg
    gallery: g
    permission: {status: pending, requested_on: 2026-10-01}
  - id: recent
    file: a.jpg
    gallery: g
    permission: {status: pending, requested_on: 2026-11-25}
  - id: no-record
    file: a.jpg
    gallery: g
    alt: x
    caption: y
    permission: {status: granted, scope: [website], granted_by: patient, granted_on: 2025-01-01,
                 license: CC-BY-4.0, credit: c}
  - id: gone
    file: a.jpg
    gallery: g
    permission: {status: withdrawn, withdrawn_on: 2026-11-01, withdrawn_reason: SECRET-REASON}
"""


def report(tmp_path, **options):
    write_jpeg(tmp_path / "images" / "a.jpg")
    (tmp_path / "captions.yaml").write_text(textwrap.dedent(CATALOG))
    catalog, _ = check_catalog(tmp_path / "captions.yaml", images_dir=tmp_path / "images")
    return permission_report(catalog, images_dir=tmp_path / "images", on=ON, **options)


def test_the_issue_lists_ids_and_dates_and_nothing_private(tmp_path):
    body = reminder_issue(report(tmp_path))
    assert "`ends-soon`: expires 2026-12-20" in body
    assert "`waiting`: requested 2026-10-01" in body and "recent" not in body  # 30 days by default
    assert "`no-record`: granted 2025-01-01" in body
    assert "gone" not in body and "SECRET" not in body


def test_the_waiting_time_is_one_setting(tmp_path):
    body = reminder_issue(report(tmp_path, pending_too_long=3))
    assert "`recent`: requested 2026-11-25" in body


def test_nothing_to_do_means_no_issue(tmp_path):
    write_jpeg(tmp_path / "images" / "a.jpg")
    (tmp_path / "captions.yaml").write_text("galleries: []\nphotos: []\n")
    catalog, _ = check_catalog(tmp_path / "captions.yaml", images_dir=tmp_path / "images")
    assert reminder_issue(permission_report(catalog, images_dir=tmp_path / "images", on=ON)) is None
