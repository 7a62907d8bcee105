"""The real site, built once per session (shared with tests/browser through atlas.qa.testsite),
and throwaway copies of it for tests that break something on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from atlas.qa.testsite import BuiltSite, build_once

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    return build_once(PROJECT_ROOT, tmp_path_factory.getbasetemp() / "atlas-built-site")


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    """A copy of the built site that a test may damage."""
    copy = tmp_path / "site"
    shutil.copytree(built_site.site_dir, copy)
    return copy
