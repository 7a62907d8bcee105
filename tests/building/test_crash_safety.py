"""A build killed at any instant leaves a complete site/, the next build cleans up after it,
two builds of one site never trample each other, and no worker outlives its build.

Builds that get killed run in their own process (build_driver.py). Timeouts here only catch a
hang; nothing is timed."""

from __future__ import annotations

import datetime as dt
import errno
import os
import random
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atlas import swap
from atlas.bench import write_project
from atlas.build import BuildFailed, build_site
from atlas.images.synthetic import synthetic_photo
from fixture_project import make_project, write_jpeg

ON = dt.date(2026, 11, 21)
DRIVER = Path(__file__).with_name("build_driver.py")
HANG = 180  # seconds: far beyond any build here; only a hang gets near it

CAPTIONS = """\
galleries:
  - id: skin
    title: Skin gallery
    description: Test photos.
photos:
  - id: shown-photo
    file: shown.jpg
    gallery: skin
    alt: Alt text of the shown photo.
    caption: Caption of the shown photo.
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2013-06-01
      record: SECRET-RECORD-SHOWN
      license: all-rights-reserved
      credit: Credit of the shown photo
"""


def write_version(root: Path, version: str) -> None:
    (root / "docs" / "index.md").write_text(f"# Home\n\nThis is site version {version}.\n")


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".site.*"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> list[str]:
    """Every file a complete build of the fixture project has (the same for every version)."""
    root = tmp_path_factory.mktemp("reference")
    config = make_project(root, CAPTIONS)
    write_jpeg(root / "images" / "shown.jpg", size=(800, 600))
    return files_of(build_site(config, site_dir=root / "site", on=ON))


@pytest.fixture
def project(tmp_path) -> Path:
    """A project whose site/ holds version one; docs/ already say version two."""
    config = make_project(tmp_path, CAPTIONS)
    write_jpeg(tmp_path / "images" / "shown.jpg", size=(800, 600))
    write_version(tmp_path, "one")
    build_site(config, on=ON)
    write_version(tmp_path, "two")
    return config


def assert_complete(site: Path, reference: list[str], *, note: str = "") -> str:
    """site/ is a plain folder holding one whole build; returns which version."""
    assert site.is_dir() and not site.is_symlink(), f"site/ is missing {note}"
    assert files_of(site) == reference, note
    page = (site / "index.html").read_text()
    versions = [v for v in ("one", "two") if f"This is site version {v}." in page]
    assert len(versions) == 1, f"index.html is from neither build {note}"
    return versions[0]


class Driver:
    """A build in its own process that can be held at a step of the swap and killed there."""

    def __init__(self, config: Path, *options: str, new_session: bool = False):
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(config), str(config.parent / "site"), *options],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=new_session, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        self.seen: list[str] = []

    def next_line(self) -> str:
        if not self.selector.select(timeout=HANG):
            self.kill()
            pytest.fail(f"the build hung; it said: {self.seen}")
        line = self.process.stdout.readline().strip()
        if not line:
            self.process.wait(timeout=HANG)
            pytest.fail(f"the build ended (exit {self.process.returncode}) before the step; it said: {self.seen}\n"
                        + self.process.stderr.read())
        self.seen.append(line)
        return line

    def run_until(self, point: str) -> None:
        """Let the build go on until it is paused at `point` (`before exchange staging<->site`)."""
        while (line := self.next_line()) != f"PAUSE {point}":
            if line.startswith("PAUSE "):
                self.go_on()

    def go_on(self) -> None:
        self.process.stdin.write("\n")
        self.process.stdin.flush()

    def finish(self) -> None:
        while (line := self.next_line()) != "BUILT":
            if line.startswith("PAUSE "):
                self.go_on()
        assert self.process.wait(timeout=HANG) == 0, self.process.stderr.read()

    def kill(self, sig: int = signal.SIGKILL) -> None:
        self.process.send_signal(sig)
        self.process.wait(timeout=HANG)

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


@pytest.fixture
def drivers():
    started: list[Driver] = []
    yield lambda *args, **kwargs: started.append(Driver(*args, **kwargs)) or started[-1]
    for driver in started:
        driver.close()


# The steps of each way of swapping, in order. Killed at any of them, site/ must be whole.
EXCHANGE_STEPS = ["before exchange staging<->site", "after exchange staging<->site", "after rename staging->trash"]
TWO_RENAME_STEPS = [
    "before rename site->old",
    "after rename site->old",  # the instant with no site/ at all: the next build restores it
    "after rename staging->site",
    "after rename old->trash",
]


@pytest.mark.parametrize(
    "options, step",
    [((), step) for step in EXCHANGE_STEPS] + [(("--two-renames",), step) for step in TWO_RENAME_STEPS],
)
def test_a_build_killed_mid_swap_leaves_a_complete_site_and_the_next_build_cleans_up(project, reference, drivers, options, step):
    root = project.parent
    build = drivers(project, "--pause", *options)
    build.run_until(step)
    build.kill()

    if step == "after rename site->old":
        # Only here is site/ briefly absent; the previous site waits, whole, under its .old name.
        assert not (root / "site").exists()
        [old] = [name for name in leftovers(root) if ".old-" in name]
        assert_complete(root / old, reference)
    else:
        assert_complete(root / "site", reference)
    assert leftovers(root), "a build killed mid-swap should leave something for the next one"

    # The next build restores a missing site/ before anything else, then cleans up: the kill
    # left no stale lock behind either, or this build would refuse.
    write_version(root, "three")
    swap.clean_leftovers(root / "site")  # the first thing build_site does
    assert_complete(root / "site", reference)
    # The killed build could not delete its lock file; the next build takes it, then deletes it.
    assert leftovers(root) in ([], [".site.lock"])
    build_site(project, on=ON)
    assert leftovers(root) == []
    assert "This is site version three." in (root / "site" / "index.html").read_text()


def test_a_build_killed_at_random_instants_always_leaves_a_complete_site(project, reference, drivers):
    root = project.parent
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    # How long one build takes here, only to spread the kills over a whole build.
    started = time.monotonic()
    drivers(project).finish()
    span = time.monotonic() - started
    for run in range(8):
        options = ("--two-renames",) if run % 2 else ()
        delay = rng.uniform(0, span * 1.1)
        build = drivers(project, *options)
        time.sleep(delay)
        build.kill()
        assert_complete(root / "site", reference, note=f"(seed {seed}, run {run}, killed after {delay:.2f}s)")
    build_site(project, on=ON)
    assert_complete(root / "site", reference)
    assert leftovers(root) == [], f"seed {seed}"


def test_a_second_build_of_the_same_site_refuses_and_changes_nothing(project, reference, drivers):
    root = project.parent
    first = drivers(project, "--pause")
    first.run_until("before exchange staging<->site")
    before = {name: (root / "site" / name).read_bytes() for name in reference}

    with pytest.raises(BuildFailed) as refused:
        build_site(project, on=ON)
    message = str(refused.value)
    assert f"another build of {root / 'site'} is running (process {first.process.pid})" in message
    assert "Wait for it to finish, then build again." in message
    assert {name: (root / "site" / name).read_bytes() for name in reference} == before
    assert any(".staging-" in name for name in leftovers(root)), "the second build deleted the first one's staging folder"

    first.go_on()
    first.finish()
    assert assert_complete(root / "site", reference) == "two"
    assert leftovers(root) == []


def test_a_build_killed_while_holding_the_lock_leaves_it_free(project, drivers):
    first = drivers(project, "--pause")
    first.run_until("before exchange staging<->site")
    first.kill()
    build_site(project, on=ON)  # at once: the system released the killed build's lock
    assert leftovers(project.parent) == []


def test_sigterm_stops_a_build_cleanly(project, reference, drivers):
    root = project.parent
    build = drivers(project, "--pause")
    build.run_until("before exchange staging<->site")
    build.kill(signal.SIGTERM)
    assert build.process.returncode == -signal.SIGTERM  # it ends by the signal it was sent
    assert "Build stopped by SIGTERM" in build.process.stderr.read()
    assert assert_complete(root / "site", reference) == "one"
    assert leftovers(root) == []


def test_leftovers_are_cleaned_without_touching_a_running_writers_partial_files(tmp_path):
    site = tmp_path / "site"
    (site / "photos").mkdir(parents=True)
    dead = _a_pid_that_is_not_running()
    (site / "photos" / f".index.html.takedown-{dead}").write_text("half")
    (site / "photos" / f".index.html.takedown-{os.getpid()}").write_text("being written")
    (tmp_path / ".site.staging-1").mkdir()
    (tmp_path / ".site.trash-1-ab").mkdir()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f".960.jpg.{dead}.partial").write_text("half")
    (cache / "960.jpg").write_text("whole")

    swap.clean_leftovers(site)
    assert swap.remove_partial_files(cache) == 1
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in (site / "photos").iterdir()) == [f".index.html.takedown-{os.getpid()}"]
    assert [p.name for p in cache.iterdir()] == ["960.jpg"]


def test_the_next_build_removes_half_written_image_cache_files(project):
    partial = project.parent / ".cache" / "atlas" / "images" / "ab" / f".960.jpg.{_a_pid_that_is_not_running()}.partial"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"half an image")
    build_site(project, on=ON)
    assert not partial.exists()


def test_exchange_swaps_two_folders_also_through_the_raw_system_call(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").touch()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "from-b").touch()
    swap.exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-b"]
    if sys.platform.startswith("linux"):
        # A C library older than glibc 2.28 has no renameat2(): the system call's number is used.
        monkeypatch.setattr(swap, "_exported", lambda library, name: False)
        swap.exchange(tmp_path / "a", tmp_path / "b")
        assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-a"]
    with pytest.raises(FileNotFoundError):
        swap.exchange(tmp_path / "a", tmp_path / "missing")


def test_without_atomic_exchange_the_swap_falls_back_to_two_renames(tmp_path, monkeypatch):
    def unsupported(a, b):
        raise swap.ExchangeUnsupported(errno.EINVAL, "no exchange here")

    monkeypatch.setattr(swap, "exchange", unsupported)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").touch()
    staging = swap.staging_folder(site)
    staging.mkdir()
    (staging / "new.html").touch()
    swap.swap_in(staging, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert leftovers(tmp_path) == []


# --- workers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_photos(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("large-photos")
    for n in range(12):
        synthetic_photo(n, (2000, 1500)).save(folder / f"p{n}.jpg", quality=90)
    return sorted(folder.iterdir())


@pytest.fixture
def photo_project(tmp_path, large_photos) -> Path:
    """Enough large photos, never encoded before (a fresh cache), to keep workers busy a while."""
    root = tmp_path / "photos-project"
    (root / "images").mkdir(parents=True)
    for photo in large_photos:
        shutil.copy(photo, root / "images" / photo.name)
    return write_project(root, [(f"photo-{photo.stem}", photo.name) for photo in large_photos])


def session_processes(session: int) -> list[int]:
    """The live (not zombie) processes in a session, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended while we looked
            state, sid = fields[0], int(fields[3])
            if sid == session and state != "Z":
                found.append(int(entry.name))
    return found


def wait_for(condition, what: str):
    deadline = time.monotonic() + HANG
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)
    return result


linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")


@linux_only
@pytest.mark.parametrize("options", [(), ("--no-pdeathsig",)], ids=["pdeathsig", "watchdog-only"])
def test_killing_a_build_kills_its_image_workers(photo_project, drivers, options):
    build = drivers(photo_project, "--cores", "3", *options, new_session=True)
    session = build.process.pid  # the session leader's pid is the session's id
    wait_for(lambda: len(session_processes(session)) >= 3, "the image workers to start")
    build.kill()
    # A few seconds are plenty (the watchdog looks twice a second); the cap only catches a hang.
    deadline = time.monotonic() + 10
    while session_processes(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(session) == [], "image workers outlived the build"


@linux_only
def test_sigterm_during_image_work_stops_the_workers_and_removes_staging(photo_project, drivers):
    root = photo_project.parent
    build = drivers(photo_project, "--cores", "3", new_session=True)
    session = build.process.pid
    wait_for(lambda: len(session_processes(session)) >= 3, "the image workers to start")
    build.kill(signal.SIGTERM)
    assert build.process.returncode == -signal.SIGTERM
    deadline = time.monotonic() + 10
    while session_processes(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(session) == []
    assert leftovers(root) == []
    assert not (root / "site").exists()  # there was no site before, and none half-built now


def _a_pid_that_is_not_running() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid
