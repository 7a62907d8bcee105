"""The permission gate over every status, scope and expiry combination."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from atlas.catalog.model import Permission, Photo
from atlas.permission import Reason, Visibility, assess, publishable, visibility

TODAY = dt.date(2026, 11, 21)
SCOPES = [(), ("website",), ("print",), ("website", "teaching"), ("teaching", "social", "print")]
EXPIRIES = [None, TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=1)]


def photo(status, scope=("website",), expires=None, granted_on=dt.date(2013, 6, 1)) -> Photo:
    return Photo(
        id="p",
        file="p.jpg",
        gallery="g",
        permission=Permission(status=status, scope=scope, expires=expires, granted_on=granted_on),
    )


def expected(status, scope, expires) -> Visibility:
    if status == "pending":
        return Visibility.HIDDEN
    if status == "withdrawn":
        return Visibility.RETIRED
    live = "website" in scope and (expires is None or expires > TODAY)
    return Visibility.PUBLISHED if live else Visibility.RETIRED


@pytest.mark.parametrize(
    "status,scope,expires", list(itertools.product(["granted", "pending", "withdrawn"], SCOPES, EXPIRIES))
)
def test_gate_over_every_combination(status, scope, expires):
    assert visibility(photo(status, scope, expires), on=TODAY) is expected(status, scope, expires)
    assert publishable(photo(status, scope, expires), on=TODAY) == (expected(status, scope, expires) is Visibility.PUBLISHED)


def test_photo_is_taken_down_on_its_expiry_day():
    assert publishable(photo("granted", expires=TODAY), on=TODAY - dt.timedelta(days=1))
    assert not publishable(photo("granted", expires=TODAY), on=TODAY)


def test_permission_dated_in_the_future_is_not_yet_public():
    assert visibility(photo("granted", granted_on=TODAY + dt.timedelta(days=3)), on=TODAY) is Visibility.HIDDEN


def test_source_date_epoch_does_not_move_the_permission_date(monkeypatch):
    from atlas import permission

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # 1970: everything would look unexpired
    assert permission.today() == dt.date.today()


def test_photo_withdrawn_while_still_pending_leaves_no_trace():
    assert visibility(photo("withdrawn", granted_on=None), on=TODAY) is Visibility.HIDDEN


# A photo that was never public leaves no trace, whatever its dates -------------------------

DAY = dt.timedelta(days=1)
GRANTED = dt.date(2020, 5, 1)


def record(**fields) -> Permission:
    base = {"status": "granted", "scope": ("website",), "granted_on": GRANTED, "record": "FORM-1"}
    return Permission(**{**base, **fields})


@pytest.mark.parametrize(
    "permission, state",
    [
        (record(status="withdrawn", withdrawn_on=GRANTED - DAY), Visibility.HIDDEN),  # withdrawn before it started
        (record(status="withdrawn", granted_on=TODAY + DAY, withdrawn_on=TODAY), Visibility.HIDDEN),  # future grant, withdrawn
        (record(expires=GRANTED), Visibility.HIDDEN),  # expired on the day it started
        (record(granted_on=TODAY + DAY), Visibility.HIDDEN),  # not started yet
        (record(status="withdrawn", withdrawn_on=GRANTED), Visibility.RETIRED),  # same day: a build may have shown it
        (record(status="withdrawn", withdrawn_on=TODAY), Visibility.RETIRED),
        (record(expires=TODAY), Visibility.RETIRED),  # taken down on the day it expires
        (record(scope=("print",)), Visibility.RETIRED),  # scope narrowed: its address stays
        (record(), Visibility.PUBLISHED),
    ],
)
def test_never_public_leaves_no_trace_and_was_public_keeps_its_address(permission, state):
    assert visibility(permission, on=TODAY) is state


def test_a_record_with_a_problem_is_never_published_and_leaves_no_trace():
    assert visibility(record(problem="line 12: unknown field 'expries'"), on=TODAY) is Visibility.HIDDEN
    assert assess(record(problem="x"), on=TODAY).reason is Reason.UNREADABLE


def test_the_reasons_staff_see():
    assert assess(record(expires=TODAY), on=TODAY).reason is Reason.EXPIRED
    assert assess(record(scope=()), on=TODAY).reason is Reason.NOT_FOR_WEBSITE
    assert assess(record(status="pending"), on=TODAY).reason is Reason.PENDING
    assert assess(record(expires=TODAY + 10 * DAY), on=TODAY).days_left == 10


def test_the_catalog_unpublishes_a_granted_photo_without_its_consent_record(tmp_path):
    from atlas.catalog import NOT_PUBLISHED, check_catalog
    from fixture_project import write_jpeg

    write_jpeg(tmp_path / "images" / "a.jpg")
    (tmp_path / "captions.yaml").write_text(
        "galleries:\n  - {id: g, title: G, description: D.}\nphotos:\n"
        "  - id: a\n    file: a.jpg\n    gallery: g\n    alt: Red skin.\n    caption: A photo.\n"
        "    permission:\n      status: granted\n      scope: [website]\n      granted_by: patient\n"
        "      granted_on: 2020-01-01\n      license: all-rights-reserved\n      credit: A patient\n"
    )
    catalog, problems = check_catalog(tmp_path / "captions.yaml", images_dir=tmp_path / "images", on=TODAY)
    assert catalog is not None, "a permission problem must not stop the build"
    assert [(p.line, p.severity) for p in problems] == [(10, NOT_PUBLISHED)]
    assert "no consent record" in problems[0].message
    assert visibility(catalog.photo("a"), on=TODAY) is Visibility.HIDDEN
