"""`make withdraw REASON=...` and the other staff targets pass what staff type through exactly,
and never to a shell or to make itself to run: quotes, apostrophes, `$`, backticks, `;`, `&`
and line breaks arrive as typed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.catalog import check_catalog

from .conftest import make_image

REPO = Path(__file__).resolve().parents[2]

HOSTILE = (
    "she said \"no\"; it's her daughter's `touch backtick-ran` $(touch subshell-ran) "
    "$$(touch doubled-ran) $(shell touch make-ran) $HOME ${HOME} & echo amp-ran > amp-ran | cat \\ end\n"
    "second line\ttabbed"
)
RAN = ["backtick-ran", "subshell-ran", "doubled-ran", "make-ran", "amp-ran"]


def make(project, *arguments: str) -> subprocess.CompletedProcess:
    """Run the repository's Makefile in `project`, on the venv running these tests: the stamp
    that would set up a venv is taken as up to date (make -o), so nothing is installed."""
    shutil.copy(REPO / "Makefile", project.root / "Makefile")
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(project.root), "-o", ".venv/.installed", f"BIN={bin_dir}", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def needs_make():
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")


def nothing_ran(project) -> list[str]:
    return [name for name in RAN if (project.root / name).exists() or (Path.cwd() / name).exists()]


def test_make_withdraw_saves_a_hostile_reason_exactly_and_runs_none_of_it(project):
    done = make(project, "withdraw", "ID=left-arm", f"REASON={HOSTILE}")
    assert done.returncode == 0, done.stderr
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems
    assert catalog.photo("left-arm").permission.withdrawn_reason == HOSTILE
    assert nothing_ran(project) == []


def test_make_withdraw_keeps_double_quotes(project):
    done = make(project, "withdraw", "ID=left-arm", "REASON=she said \"no\"")
    assert done.returncode == 0, done.stderr
    catalog, _ = check_catalog(project.captions, images_dir=project.images)
    assert catalog.photo("left-arm").permission.withdrawn_reason == 'she said "no"'


def test_make_add_photo_passes_a_file_name_with_spaces_quotes_and_dollars(project, tmp_path):
    odd = tmp_path / "inbox" / "it's \"arm\" $(touch subshell-ran) `touch backtick-ran`.png"
    make_image(odd, (1, 2, 3))
    done = make(project, "add-photo", f"FILE={odd}", "GALLERY=arms", "ID=odd-arm")
    assert done.returncode == 0, done.stderr
    assert "Added photo 'odd-arm'" in done.stdout
    assert nothing_ran(project) == []


def test_make_permissions_passes_format_and_days(project):
    done = make(project, "permissions", "FORMAT=csv", "DAYS=30")
    assert done.returncode == 0, done.stderr
    # The file is the CSV alone: make echoes no command line into it.
    header, *rows = done.stdout.splitlines()
    assert header.startswith("\ufeffid,") and len(rows) == 2


def test_a_value_that_is_not_a_photo_id_is_refused_not_run(project):
    done = make(project, "withdraw", "ID=$(touch subshell-ran)", "REASON=x")
    assert done.returncode != 0
    assert "there is no photo '$(touch subshell-ran)' in captions.yaml" in done.stderr
    assert nothing_ran(project) == []
