"""Where a project's catalog and photos live, and how the staff commands read, lock and write
captions.yaml."""

from __future__ import annotations

import getpass
import os
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from ..catalog import Catalog, check_catalog, errors_in, format_problems
from ..settings import Settings, load_settings
from .yamledit import EditError

# How long a command waits for another one editing captions.yaml to finish: an edit takes
# well under a second, so a few seconds means "two commands at once", not "forever".
LOCK_WAIT = 5.0


@dataclass(frozen=True)
class Project:
    root: Path

    @cached_property
    def settings(self) -> Settings:
        # Where the catalog, photos and pages are: mkdocs.yml's extra.atlas, as for every command.
        return load_settings(self.root)

    @property
    def captions(self) -> Path:
        return self.settings.catalog

    @property
    def images(self) -> Path:
        return self.settings.images

    @property
    def docs(self) -> Path:
        return self.settings.docs

    @property
    def lock_file(self) -> Path:
        return self.captions.with_name(f".{self.captions.name}.lock")

    @property
    def lock_holder_file(self) -> Path:
        # Beside the lock, not in it: a waiting process may open (and, in some filelock
        # versions, truncate) the lock file itself.
        return self.captions.with_name(f".{self.captions.name}.lock.holder")


# --- the edit lock ----------------------------------------------------------------------------


class _ProcessHold:
    """This process's hold on one project's lock: its threads take turns (an RLock, so code
    holding the lock can call a command that takes it again), and the first in takes the file
    lock for the whole process."""

    def __init__(self, lock_file: Path):
        self.threads = threading.RLock()
        self.file = FileLock(str(lock_file), thread_local=False)
        self.depth = 0


_holds: dict[str, _ProcessHold] = {}
_holds_guard = threading.Lock()


@contextmanager
def catalog_lock(project: Project, *, timeout: float = LOCK_WAIT, holder: str = "a command") -> Iterator[None]:
    """Hold the lock every command that edits captions.yaml takes around read, check and write.

    It is an OS-level lock (flock on Unix), released when the process ends however it ends, so
    a crashed command leaves nothing stale. Another process waits up to `timeout` seconds, then
    gets EditError naming `holder` (such as "atlas withdraw left-arm") and changes nothing. May be
    held for a long time (an editing session) and taken again inside (re-entrant)."""
    hold = _hold_for(project)
    deadline = time.monotonic() + timeout
    if not hold.threads.acquire(timeout=max(timeout, 0)):
        raise _busy(project, timeout)
    try:
        if hold.depth == 0:
            try:
                hold.file.acquire(timeout=max(deadline - time.monotonic(), 0))
            except Timeout:
                raise _busy(project, timeout) from None
            except OSError as error:
                raise EditError(
                    f"cannot create the edit lock {project.lock_file} ({error.strerror or error})\n"
                    "Next: check that you may change files in the project folder, then run the command again."
                ) from error
            _write_holder(project, holder)
        hold.depth += 1
        try:
            yield
        finally:
            hold.depth -= 1
            if hold.depth == 0:
                project.lock_holder_file.unlink(missing_ok=True)
                hold.file.release()
    finally:
        hold.threads.release()


def _hold_for(project: Project) -> _ProcessHold:
    key = str(project.lock_file.resolve())
    with _holds_guard:
        return _holds.setdefault(key, _ProcessHold(project.lock_file))


def _write_holder(project: Project, holder: str) -> None:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers; the rest still says enough
        user = ""
    by = f" by {user}" if user else ""
    since = time.strftime("%Y-%m-%d %H:%M:%S")
    project.lock_holder_file.write_text(f"{holder} (process {os.getpid()}{by}, since {since})\n", encoding="utf-8")


def _busy(project: Project, waited: float) -> EditError:
    try:
        holder = project.lock_holder_file.read_text(encoding="utf-8").strip()
    except OSError:
        holder = ""
    who = f" ({holder})" if holder else ""
    return EditError(
        f"another command is changing captions.yaml{who}; it was still busy after {waited:g} seconds\n"
        "Next: wait until it has finished, then run this command again."
    )


# --- reading, checking and writing ------------------------------------------------------------


def _no_decoding(path: Path) -> str | None:
    # The staff commands need ids, galleries and file names, not decoded pixels: `make check`
    # and the build verify every photo file. Skipping the decode keeps the commands instant.
    return None


def read_catalog(project: Project) -> Catalog:
    """The valid catalog, or EditError listing every problem: an edit made on top of a broken
    file could hide the mistake or make it worse, so the file is fixed first."""
    catalog, problems = check_catalog(project.captions, images_dir=project.images, verify_image=_no_decoding, display_name=project.settings.shown(project.captions))
    if catalog is None:
        raise EditError(
            "captions.yaml has problems to fix before it can be changed by a command:\n"
            + format_problems(errors_in(problems))
            + "\nNext: fix the lines above (see EDITING.md, 'Reading an error message'), then run the command again."
        )
    return catalog


def read_source(project: Project) -> str:
    """captions.yaml's text exactly as saved: CRLF line endings and a byte-order mark kept (a
    plain read_text would turn CRLF into LF)."""
    try:
        return project.captions.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditError("captions.yaml is not UTF-8 text\nNext: run `make check` to see where.") from error


def _problems_of(project: Project, text: str):
    fd, scratch = tempfile.mkstemp(dir=project.captions.parent, prefix=f".{project.captions.name}.", suffix=".check")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
        return check_catalog(Path(scratch), images_dir=project.images, verify_image=_no_decoding, display_name=project.settings.shown(project.captions))
    finally:
        Path(scratch).unlink(missing_ok=True)


def validate_text(project: Project, text: str) -> None:
    """Refuse to write an edit that `make check` would reject (a bug, never staff's fault)."""
    catalog, problems = _problems_of(project, text)
    if catalog is None:
        raise EditError(
            "the edit would leave captions.yaml invalid, so nothing was changed:\n"
            + format_problems(errors_in(problems))
            + "\nNext: please report this with the lines above; meanwhile edit captions.yaml by hand (see EDITING.md)."
        )


def no_new_problems(project: Project, old_text: str, new_text: str) -> None:
    """Refuse an edit that adds an error the file did not have. Errors it already had (on other
    lines) do not stop the edit: a withdrawal must never wait for an unrelated fix."""

    def errors(text: str) -> set[tuple[str, str]]:
        return {(p.where, p.message) for p in errors_in(_problems_of(project, text)[1])}

    added = errors(new_text) - errors(old_text)
    if added:
        raise EditError(
            "the edit would add problems to captions.yaml, so nothing was changed:\n"
            + "\n".join(f"{where}: {message}" for where, message in sorted(added))
            + "\nNext: please report this with the lines above; meanwhile edit captions.yaml by hand (see EDITING.md)."
        )


def write_text(project: Project, text: str) -> None:
    """Replace the catalog in one step, as git's lockfile.c does: write the new text beside it,
    flush it to disk, then rename it over the old one. An interrupted command leaves the old
    file or the new one, never half of one; the file keeps its permission bits."""
    target = project.captions.resolve()  # a symlinked catalog: replace the file, not the link
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is on disk only once the folder is; not possible on every system.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
