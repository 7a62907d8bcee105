"""Golden validation cases: each file in golden/ is a captions.yaml followed by the exact
messages it must produce, as `#> ` comment lines at its end. Adding a case is adding a file.

Run with UPDATE_GOLDEN=1 to write the current messages into the files (then read the diff!).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from atlas.catalog import check_catalog

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yaml"))
MARK = "#> "


def split_case(text: str) -> tuple[str, list[str]]:
    lines = text.splitlines(keepends=True)
    body = [line for line in lines if not line.startswith(MARK)]
    expected = [line[len(MARK):].rstrip("\n") for line in lines if line.startswith(MARK)]
    return "".join(body), expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_messages(case: Path, images_dir: Path, tmp_path: Path):
    body, expected = split_case(case.read_text())
    captions = tmp_path / "captions.yaml"
    captions.write_text(body)
    catalog, problems = check_catalog(captions, images_dir=images_dir)
    actual = [str(p) for p in problems]
    if os.environ.get("UPDATE_GOLDEN"):
        case.write_text(body + "".join(f"{MARK}{line}\n" for line in actual))
        pytest.skip("golden file updated")
    assert actual == expected
    assert (catalog is None) == any(p.severity == "error" for p in problems)
