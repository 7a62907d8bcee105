"""Edits are never lost: every command that edits captions.yaml holds one lock from its first
read to its write. A second command waits a few seconds, then refuses, names what holds the
lock and changes nothing; it never reports success for an edit that was overwritten."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time

import pytest

from atlas.catalog import check_catalog
from atlas.staff import EditError, catalog_lock, withdraw

from .conftest import CAPTIONS, make_image

BUSY = "another command is changing captions.yaml"
PHOTOS = [f"photo-{n}" for n in range(1, 7)]


def atlas(project, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "atlas.cli", "--project", str(project.root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def add_pending_photos(project) -> None:
    entries = "".join(
        textwrap.indent(
            f"\n- id: {photo}\n  file: arms/{photo}.png\n  gallery: arms\n  permission:\n    status: pending\n",
            "  ",
        )
        for photo in PHOTOS
    )
    project.captions.write_text(CAPTIONS + entries, encoding="utf-8")
    for n, photo in enumerate(PHOTOS):
        make_image(project.images / "arms" / f"{photo}.png", (n * 40, 90, 90))


def test_withdrawals_started_at_the_same_moment_all_land_or_refuse_and_say_so(project):
    add_pending_photos(project)
    running = {photo: atlas(project, "withdraw", photo, "--reason", f"asked about {photo}") for photo in PHOTOS}
    outcomes = {photo: (process.wait(timeout=120), *process.communicate()) for photo, process in running.items()}

    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems
    for photo, (code, out, err) in outcomes.items():
        permission = catalog.photo(photo).permission
        if code == 0:
            assert out.startswith(f"Withdrew '{photo}'")
            assert (permission.status, permission.withdrawn_reason) == ("withdrawn", f"asked about {photo}"), photo
        else:
            assert code == 1 and err.startswith(f"Nothing was changed: {BUSY}"), err
            assert permission.status == "pending", photo
    assert any(code == 0 for code, _, _ in outcomes.values())


@pytest.fixture
def lock_held_elsewhere(project):
    """Another process (an editing session, say) holding the catalog's lock."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from atlas.staff import Project, catalog_lock\n"
            "with catalog_lock(Project(Path(sys.argv[1])), holder='make edit'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(project.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    yield holder
    holder.kill()
    holder.wait()


def test_a_command_refuses_while_another_holds_the_lock_and_names_it(project, lock_held_elsewhere):
    with pytest.raises(EditError) as refused:
        withdraw(project, "left-arm", reason="asked by phone", on=dt.date(2025, 3, 4), wait=0.5)
    message = str(refused.value)
    assert message.startswith(f"{BUSY} (make edit (process {lock_held_elsewhere.pid}")
    assert "it was still busy after 0.5 seconds\nNext: wait until it has finished, then run this command again." in message
    assert project.captions.read_text(encoding="utf-8") == CAPTIONS


def test_atlas_withdraw_exits_1_after_waiting_briefly_for_the_lock(project, lock_held_elsewhere):
    started = time.monotonic()
    done = atlas(project, "withdraw", "left-arm", "--reason", "asked by phone")
    code, (_, err) = done.wait(timeout=60), done.communicate()
    assert code == 1
    assert err.startswith(f"Nothing was changed: {BUSY} (make edit")
    assert time.monotonic() - started >= 4  # it waited for the other command first
    assert project.captions.read_text(encoding="utf-8") == CAPTIONS


def test_a_lock_dies_with_the_process_that_held_it(project, lock_held_elsewhere):
    lock_held_elsewhere.kill()
    lock_held_elsewhere.wait()
    withdraw(project, "left-arm", reason="asked by phone", on=dt.date(2025, 3, 4), wait=2)
    assert "status: withdrawn" in project.captions.read_text(encoding="utf-8")


def test_code_holding_the_lock_can_run_a_command_that_takes_it_again(project):
    with catalog_lock(project, holder="make edit"):
        withdraw(project, "left-arm", reason="asked by phone", on=dt.date(2025, 3, 4), wait=0.5)
    assert not project.lock_holder_file.exists()
