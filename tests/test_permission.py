"""The permission gate over every status, scope and expiry combination."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from atlas.catalog.model import Permission, Photo
from atlas.permission import Visibility, publishable, visibility

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
