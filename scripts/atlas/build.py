"""Build the site elsewhere, then swap it in: a failed build leaves the previous site/ exactly
as it was, a reader never sees a half-built site, and a build killed at any instant leaves a
complete site/ (swap.py says how)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger

from . import swap
from .catalog import read_permission_records
from .mkdocs_plugin import AtlasPlugin
from .permission import today
from .settings import load_settings
from .takedown import take_down

log = get_plugin_logger("atlas")


class BuildFailed(Exception):
    pass


class BuildStopped(BaseException):
    """SIGTERM or SIGHUP arrived. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` in MkDocs or a plugin swallows it on its way out."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = True, on: dt.date | None = None) -> Path:
    """Build into a staging folder beside site_dir and swap it in only if the build succeeds.

    `on` fixes the permission date (tests only); by default it is today's real date.
    """
    config_file = Path(config_file).resolve()
    root = config_file.parent
    site_dir = Path(site_dir or root / "site").resolve()
    try:
        with swap.build_lock(site_dir), _stopped_by_signals():
            for done in swap.clean_leftovers(site_dir):
                log.info(done)
            staging = swap.staging_folder(site_dir)
            try:
                try:
                    config = _configured(config_file, staging=staging, strict=strict, on=on)
                    swap.remove_partial_files(load_settings(root).cache)
                    _run_mkdocs(config)
                except BuildFailed as failure:
                    # Nothing may hold back a takedown: the site that is there keeps
                    # everything but what may no longer be published.
                    raise BuildFailed(f"{failure}\n{_take_down_after_failure(site_dir, root, on=on)}") from failure
                # Here staging holds the complete new site, not yet public.
                swap.swap_in(staging, site_dir)
            finally:
                # After a failure or a stop: the staging folder (and, if the stop came in the
                # middle of a two-rename swap, puts the previous site back).
                swap.clean_leftovers(site_dir)
    except swap.BuildLocked as error:
        raise BuildFailed(str(error)) from None
    except BuildStopped as stop:
        _die_of(stop, site_dir)
    return site_dir


def _take_down_after_failure(site_dir: Path, root: Path, *, on: dt.date | None) -> str:
    """Take out of the existing `site_dir` every trace of the photos that may no longer be
    published, as `atlas takedown` would, and say what happened. The change is made on a copy
    of hard links and swapped in, so a reader (or a kill) never sees a half-pruned site."""
    if not (site_dir / "index.html").is_file():
        return f"There is no earlier site in {site_dir}, so nothing is online from this folder."
    records, _problems = read_permission_records(load_settings(root).catalog)
    if records is None:
        return (
            f"TAKEDOWN NOT DONE: captions.yaml cannot be read at all, so {site_dir} was left exactly as it was. "
            "Fix captions.yaml first."
        )
    staging = swap.staging_folder(site_dir)
    shutil.copytree(site_dir, staging, copy_function=os.link)
    report = take_down(staging, records, on=on or today())
    if not report.changed:
        shutil.rmtree(staging)
        return f"The previous {site_dir.name}/ was left as it was (every photo on it may still be published)."
    swap.swap_in(staging, site_dir)
    return f"The previous {site_dir.name}/ was kept, except: {report.summary()}"


def _configured(config_file: Path, *, staging: Path, strict: bool, on: dt.date | None):
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
    except Exception as error:
        raise BuildFailed(str(error)) from error
    for plugin in config.plugins.values():
        if isinstance(plugin, AtlasPlugin):
            plugin.permission_date = on
    return config


def _run_mkdocs(config) -> None:
    try:
        mkdocs_build(config)
    except Exception as error:
        # MkDocs turns a plugin's error into "Aborted with a BuildError!"; the useful text
        # (every problem in captions.yaml, say) is the error it replaced.
        cause = error.__context__ if isinstance(error, Abort) and error.__context__ else error
        raise BuildFailed(str(cause)) from error


@contextlib.contextmanager
def _stopped_by_signals():
    """SIGTERM (CI cancelling a job, `kill`) and SIGHUP (the terminal closed) stop the build the
    way Ctrl-C does, by an exception: on its way out the staging folder is removed, the image
    workers are stopped and the lock is released. A handler the host program set stays."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = {}
    for signum in _STOP_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _raise_stopped(signum, frame):
    raise BuildStopped(signum)


def _die_of(stop: BuildStopped, site_dir: Path) -> None:
    """Report, then end by the same signal, so whoever sent it sees the process it stopped."""
    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        print(f"Build stopped by {stop}: nothing half-built was left behind; {site_dir} holds the last build "
              "that finished, if any.", file=sys.stderr)
    signal.signal(stop.signum, signal.SIG_DFL)
    os.kill(os.getpid(), stop.signum)
    raise SystemExit(128 + stop.signum)  # pragma: no cover - only if the signal is blocked
