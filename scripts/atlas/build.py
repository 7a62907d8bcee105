"""Build the site elsewhere, then swap it in: a failed build leaves the previous site/ exactly
as it was, and a reader never sees a half-built site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from .mkdocs_plugin import AtlasPlugin


class BuildFailed(Exception):
    pass


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = True, on: dt.date | None = None) -> Path:
    """Build into a staging folder beside site_dir and swap it in only if the build succeeds.

    `on` fixes the permission date (tests only); by default it is today's real date.
    """
    config_file = Path(config_file).resolve()
    root = config_file.parent
    site_dir = Path(site_dir or root / "site").resolve()
    staging = site_dir.with_name(f".{site_dir.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        for plugin in config.plugins.values():
            if isinstance(plugin, AtlasPlugin):
                plugin.permission_date = on
        mkdocs_build(config)
    except Exception as error:
        shutil.rmtree(staging, ignore_errors=True)
        # MkDocs turns a plugin's error into "Aborted with a BuildError!"; the useful text
        # (every problem in captions.yaml, say) is the error it replaced.
        cause = error.__context__ if isinstance(error, Abort) and error.__context__ else error
        raise BuildFailed(str(cause)) from error
    _swap_in(staging, site_dir)
    return site_dir


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
