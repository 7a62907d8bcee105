"""Helpers for tests that break a copy of the built site on purpose."""

from __future__ import annotations

from pathlib import Path


def replace_in(file: Path, old: str, new: str, *, count: int = 1) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {file}: the fixture page changed shape"
    file.write_text(text.replace(old, new, count), encoding="utf-8")
