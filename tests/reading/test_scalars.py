"""Scalars follow YAML 1.2's core schema: what staff type means what it looks like. The browser
editor of a later issue writes `caption: yes` and `title: on` unquoted; those must be text."""

from __future__ import annotations

import math

import pytest

from atlas.yamlsource import parse


def value_of(typed: str):
    located, problems = parse(f"value: {typed}\n", filename="captions.yaml")
    assert problems == []
    return located.data["value"]


@pytest.mark.parametrize("typed", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF"])
def test_yaml_1_1_booleans_are_text(typed):
    assert value_of(typed) == typed


@pytest.mark.parametrize("typed, value", [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)])
def test_only_true_and_false_are_booleans(typed, value):
    assert value_of(typed) is value


@pytest.mark.parametrize("typed", ["12:30", "1:20:30", "190:20:30"])
def test_sexagesimal_numbers_are_text(typed):
    assert value_of(typed) == typed


@pytest.mark.parametrize("typed", ["2024-03-15", "2024-1-5", "2024-13-45", "2013-06-01 10:00:00", "2001-12-14t21:59:43.10-05:00"])
def test_dates_and_timestamps_stay_the_text_as_typed(typed):
    assert value_of(typed) == typed


@pytest.mark.parametrize("typed", ["~", "null", "Null", "NULL", ""])
def test_null_is_only_tilde_null_or_empty(typed):
    assert value_of(typed) is None


@pytest.mark.parametrize("typed", ["nULL", "None", "none", "nil"])
def test_other_null_like_words_are_text(typed):
    assert value_of(typed) == typed


@pytest.mark.parametrize("typed, value", [("42", 42), ("-7", -7), ("+3", 3), ("012", 12), ("0o17", 15), ("0x1F", 31)])
def test_integers_are_decimal_octal_with_0o_or_hex(typed, value):
    assert value_of(typed) == value and type(value_of(typed)) is int


@pytest.mark.parametrize("typed", ["1_000", "0b101", "017_0", "0o8", "0xG"])
def test_yaml_1_1_only_integers_are_text(typed):
    assert value_of(typed) == typed


@pytest.mark.parametrize("typed, value", [("1.10", 1.1), ("-0.5", -0.5), (".5", 0.5), ("1e3", 1000.0), ("6.02E+23", 6.02e23), ("3.", 3.0)])
def test_floats_follow_yaml_1_2(typed, value):
    assert value_of(typed) == value


@pytest.mark.parametrize("typed, value", [(".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf)])
def test_infinities(typed, value):
    assert value_of(typed) == value


@pytest.mark.parametrize("typed", [".nan", ".NaN", ".NAN"])
def test_not_a_number(typed):
    assert math.isnan(value_of(typed))


@pytest.mark.parametrize("typed", ["'42'", '"true"', "!!str 42", "'yes'"])
def test_quoted_or_str_tagged_values_are_text(typed):
    assert value_of(typed) == typed.strip("'\"").removeprefix("!!str ")


def test_merge_keys_are_not_special():
    located, _ = parse("a: {<<: {b: 1}}\n", filename="captions.yaml")
    assert located.data == {"a": {"<<": {"b": 1}}}


def test_a_tag_the_catalog_does_not_use_is_reported_on_its_line():
    located, problems = parse("photos:\n  - updated: !!timestamp 2024-01-01\n", filename="captions.yaml")
    assert located.data == {"photos": [{"updated": "2024-01-01"}]}
    assert [str(p) for p in problems] == [
        "captions.yaml:2:14: photos[0].updated: the tag '!!timestamp' is not used in this file "
        "(remove it, and quote the value if it is text)"
    ]


def test_a_python_object_tag_is_refused_not_run():
    located, problems = parse("a: !!python/object/apply:os.system ['echo hi']\n", filename="captions.yaml")
    assert "the tag '!!python/object/apply:os.system' is not used in this file" in str(problems[0])


def test_an_explicit_tag_must_fit_its_value():
    located, problems = parse("a: !!int twelve\n", filename="captions.yaml")
    assert located.data == {"a": "twelve"}
    assert str(problems[0]) == "captions.yaml:1:4: a: cannot read 'twelve' as int (remove the tag)"


def test_numbers_and_booleans_keep_the_text_as_typed():
    located, _ = parse("volume: 1.10\ncaption: 42\ntitle: True\nissue: 0x1F\nnote: '007'\nnothing:\n", filename="captions.yaml")
    assert located.data == {"volume": 1.1, "caption": 42, "title": True, "issue": 31, "note": "007", "nothing": None}
    assert located.raw == {("volume",): "1.10", ("caption",): "42", ("title",): "True", ("issue",): "0x1F"}
    assert [located.text_at((key,)) for key in ("volume", "caption", "title", "issue", "note", "nothing")] == [
        "1.10", "42", "True", "0x1F", "007", None,
    ]


def test_text_at_reaches_into_lists_and_mappings():
    located, _ = parse("photos:\n  - case: 12\n    permission: {record: 0o7}\n", filename="captions.yaml")
    assert located.text_at(("photos", 0, "case")) == "12"
    assert located.text_at(("photos", 0, "permission", "record")) == "0o7"
    assert located.text_at(("photos", 3, "case")) is None
