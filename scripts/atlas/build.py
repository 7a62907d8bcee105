"""`atlas build`: the pipeline the atlas owns, whatever engine renders the HTML.

    prepare (atlas.prepare)   settings, the catalog checked once, the plan, images, and a docs
                              tree of final Markdown in a fresh workspace
    render  (atlas.engines)   MkDocs or Zensical turns that tree into HTML in the workspace
    finish  (atlas.finish)    the guard, pruning, the Content-Security-Policy
    swap    (atlas.swap)      the finished site replaces site/ in one rename

The site is built elsewhere, then swapped in: a failed build leaves the previous site/ exactly as
it was, except that what may no longer be published is still taken out of it; a reader never
sees a half-built site; a build killed at any instant leaves a complete site/ (swap.py says
how). No engine is ever pointed at site/: both empty the folder they render into.""" 

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import logging

from . import swap
from .catalog import read_permission_records
from .engines import RenderFailed, engine_named
from .finish import FinishFailed, finish
from .permission import today
from .prepare import PrepareFailed, prepare
from .settings import SettingsError, load_settings
from .takedown import take_down
from .workspace import Workspace

log = logging.getLogger("atlas")


class BuildFailed(Exception):
    pass


class BuildStopped(BaseException):
    """SIGTERM or SIGHUP arrived. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` in MkDocs or a plugin swallows it on its way out."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def build_site(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = True,
    on: dt.date | None = None,
    engine: str | None = None,
    seconds: dict[str, float] | None = None,
) -> Path:
    """Build into a workspace beside site_dir and swap it in only if every step succeeds.

    `on` fixes the permission date (tests only); by default it is today's real date. `engine`
    is "mkdocs" or "zensical" (default: $ATLAS_ENGINE, else MkDocs). `seconds`, if given, is
    filled with the time each step took (`make bench` prints them).
    """
    seconds = {} if seconds is None else seconds
    config_file = Path(config_file).resolve()
    root = config_file.parent
    site_dir = Path(site_dir or root / "site").resolve()
    try:
        with swap.build_lock(site_dir), _stopped_by_signals():
            for done in swap.clean_leftovers(site_dir):
                log.info(done)
            workspace = Workspace(swap.staging_folder(site_dir))
            try:
                try:
                    settings = load_settings(root, config_file=config_file.name)
                    chosen = engine_named(engine)
                    swap.remove_partial_files(settings.cache)
                    prepared = prepare(settings, workspace, engine=chosen, on=on or today())
                    seconds.update(prepared.seconds)
                    with _timed(seconds, "render"):
                        chosen.render(workspace.config_file, strict)
                    with _timed(seconds, "finish"):
                        for line in finish(prepared):
                            log.warning(line)
                except (SettingsError, PrepareFailed, RenderFailed, FinishFailed) as failure:
                    # Nothing may hold back a takedown: the site that is there keeps
                    # everything but what may no longer be published.
                    raise BuildFailed(f"{failure}\n{_take_down_after_failure(site_dir, root, on=on)}") from failure
                # Here the workspace holds the complete new site, not yet public.
                swap.swap_in(workspace.site, site_dir)
            finally:
                # After a failure or a stop: the workspace (and, if the stop came in the
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


@contextlib.contextmanager
def _timed(seconds: dict[str, float], step: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[step] = time.perf_counter() - started


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
