"""`mkdocs build`, `mkdocs serve` or `zensical build` run by hand on the project must never
produce a green site that silently lacks the atlas's photo pages, permission gate and CSP."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.engines.guard import MESSAGE
from atlas.engines.zensical import executable

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The real project's sources (not its site/ or caches), to run the engines on by hand."""
    for name in ("mkdocs.yml", "captions.yaml", "references.yaml"):
        shutil.copy2(PROJECT / name, tmp_path / name)
    for name in ("docs", "images"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"})


def no_site_without_the_atlas(project: Path) -> None:
    index = project / "site" / "index.html"
    assert not index.exists() or "atlas-grid" in index.read_text(), "a bare build wrote a site"


def test_bare_mkdocs_build_fails_loudly_and_writes_no_site(project_copy):
    done = run([sys.executable, "-m", "mkdocs", "build"], project_copy)
    assert done.returncode != 0
    assert "atlas build" in done.stdout + done.stderr and "make build" in done.stdout + done.stderr
    assert not (project_copy / "site").exists()


def test_bare_zensical_build_fails_loudly_every_time_and_leaves_no_site(project_copy):
    # Twice: a warm Zensical cache once hid a failing extension (exit 0 with old pages).
    for attempt in (1, 2):
        done = run([executable(), "build"], project_copy)
        assert done.returncode != 0, f"attempt {attempt}: zensical build succeeded on the source tree"
        assert "make build" in done.stdout + done.stderr
        site = project_copy / "site"
        assert not any(site.rglob("photos/*/index.html")) if site.exists() else True
        no_site_without_the_atlas(project_copy)


def test_the_guard_message_says_what_to_run():
    assert "make build" in MESSAGE and "ENGINE=zensical" in MESSAGE
