"""A few hundred hostile bytes must be refused with a line-numbered problem in well under the
time and memory caps of `support.read_capped`: never a traceback, never minutes or gigabytes."""

from __future__ import annotations

import subprocess
import sys

from .support import alias_bomb, read_capped

NO_ALIASES = "(write the values out in full: this file needs no '&' anchors or '*' aliases)"


def test_alias_bomb_is_refused_at_the_alias_that_crosses_the_budget(tmp_path):
    bomb = alias_bomb()
    assert len(bomb) < 1000
    result = read_capped(tmp_path, bomb)
    assert result == {
        "readable": False,
        "problems": [f"captions.yaml:4:36: aliases repeat more than 10000 values here ('*c') {NO_ALIASES}"],
    }


def test_alias_that_refers_to_its_own_list_is_refused(tmp_path):
    result = read_capped(tmp_path, "galleries: []\nphotos: &x [*x]\n")
    assert result["problems"] == [
        "captions.yaml:2:13: the alias '*x' repeats the list or group of fields it is inside ('&x', line 2), "
        f"so it would repeat forever (remove '*x'; {NO_ALIASES[1:-1]})"
    ]


def test_alias_that_refers_to_its_own_mapping_is_refused(tmp_path):
    result = read_capped(tmp_path, "photos:\n  - &entry\n    id: a\n    copy: *entry\n")
    assert not result["readable"]
    assert result["problems"][0].startswith("captions.yaml:4:11: the alias '*entry' repeats the list or group of fields")


def test_twenty_thousand_nested_brackets_are_refused_where_nesting_passes_the_limit(tmp_path):
    result = read_capped(tmp_path, "photos: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert result == {
        "readable": False,
        "problems": [
            "captions.yaml:1:72: nested more than 64 levels deep "
            "(check for a '[' or '{' that is never closed; a catalog entry needs only a few levels)"
        ],
    }


def test_brackets_that_are_never_closed_are_refused_the_same_way(tmp_path):
    result = read_capped(tmp_path, "caption: " + "{a: " * 20_000 + "\n")
    assert not result["readable"]
    assert result["problems"][0].startswith("captions.yaml:1:")
    assert "nested more than 64 levels deep" in result["problems"][0]


def test_deeply_nested_block_mappings_are_refused_on_the_line_where_the_limit_is_passed(tmp_path):
    nested = "".join(" " * depth + f"level{depth}:\n" for depth in range(2_000))
    result = read_capped(tmp_path, nested)
    assert not result["readable"]
    assert result["problems"][0].startswith("captions.yaml:64:64: nested more than 64 levels deep")


def test_deeply_nested_block_lists_are_refused(tmp_path):
    nested = "".join(" " * depth + "-\n" for depth in range(2_000))
    result = read_capped(tmp_path, nested)
    assert not result["readable"]
    assert "nested more than 64 levels deep" in result["problems"][0]


def test_an_alias_may_not_carry_nesting_past_the_limit(tmp_path):
    deep = "a: &deep " + "[" * 40 + "]" * 40 + "\n"
    result = read_capped(tmp_path, deep + "b: " + "[" * 30 + "*deep" + "]" * 30 + "\n")
    assert result["problems"] == [
        f"captions.yaml:2:34: the alias '*deep' nests more than 64 levels deep {NO_ALIASES}"
    ]


def test_a_few_shared_anchors_are_still_read(tmp_path):
    shared = (
        "defaults: &granted {status: granted, scope: [website]}\n"
        "one: *granted\n"
        "two: *granted\n"
    )
    result = read_capped(tmp_path, shared)
    assert result == {"readable": True, "problems": []}


def test_atlas_check_refuses_an_alias_bomb_with_its_line_and_exit_code_1(tmp_path):
    (tmp_path / "captions.yaml").write_text(alias_bomb(), encoding="utf-8")
    (tmp_path / "images").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "atlas.cli", "--project", str(tmp_path), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"captions.yaml:4:36: aliases repeat more than 10000 values here ('*c') {NO_ALIASES}" in done.stderr
    assert "Traceback" not in done.stderr


def test_references_are_read_with_the_same_limits():
    from atlas.articles.references import parse_references

    references, problems = parse_references("smith2019: &x {title: *x}\n", filename="references.yaml")
    assert references is None
    assert str(problems[0]).startswith("references.yaml:1:23: the alias '*x' repeats the list or group of fields")


def test_a_file_far_larger_than_any_catalog_is_refused_before_it_is_read(tmp_path):
    result = read_capped(tmp_path, "caption: " + "x" * 6_000_000 + "\n")
    assert result == {
        "readable": False,
        "problems": [
            "captions.yaml:1:1: the file is larger than 5 MB, far more than any catalog needs "
            "(check that this is the right file; restore it from Git if it was overwritten)"
        ],
    }
