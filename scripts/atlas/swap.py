"""Put a finished build in place so that `site/` is never missing, whatever instant the build
is killed at, and clean up after builds that were killed.

The choice: an atomic exchange of two folders. The finished site is built into a staging
folder beside `site/` (`.site.staging-PID`), then the kernel swaps the two names in one step
(Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`): at every instant
`site/` is a complete site, the old one or the new one. It stays a plain folder of files,
which is what every static host's upload step expects. A `site -> releases/N` symlink
replaced by a rename (Capistrano's way) would be atomic too, but `site/` would then be a link,
which a copy that does not follow links (`rsync -a`, say) uploads as a link, and old releases
would pile up beside it.

Where the filesystem cannot exchange (EINVAL, ENOSYS, ENOTSUP: some network and FUSE
filesystems, old kernels), two renames are used: `site -> .site.old-PID`, then staging ->
`site`. Killed between them there is no `site/`, only the complete old one under its `.old`
name, so the next build restores it before anything else (`clean_leftovers`). A folder that
is being deleted is first renamed to `.site.trash-*`, so `.old` always names a complete site.

Two builds of one site at once would delete each other's staging folder; `build_lock` lets
one in and refuses the other. It is an flock(2) on `.site.lock`: the kernel releases it when
its process ends, killed or not, so it can never be left stale.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import re
import secrets
import shutil
import sys
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows, which the build does not support otherwise either
    fcntl = None


class ExchangeUnsupported(OSError):
    """This filesystem or system cannot swap two names atomically."""


class BuildLocked(Exception):
    """Another build of the same site is running."""


# Errors meaning "no atomic exchange here" rather than "something is wrong with these folders".
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)}
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 0x2  # macOS sys/stdio.h
# renameat2's number, for a C library older than glibc 2.28 that does not export it.
_RENAMEAT2_SYSCALL = {
    "x86_64": 316, "amd64": 316, "i386": 353, "i686": 353, "aarch64": 276, "arm64": 276,
    "armv7l": 382, "armv6l": 382, "ppc64le": 357, "ppc64": 357, "s390x": 347, "riscv64": 276,
    "loongarch64": 276,
}


def exchange(a: Path, b: Path) -> None:
    """Swap the names of two existing paths in one atomic step. Raises ExchangeUnsupported
    where the system or filesystem cannot, OSError for anything else."""
    old, new = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux"):
        result = _linux_renameat2(old, new)
    elif sys.platform == "darwin":
        libc = ctypes.CDLL(None, use_errno=True)
        if not _exported(libc, "renamex_np"):  # before macOS 10.12
            raise ExchangeUnsupported(errno.ENOSYS, "this macOS has no renamex_np()")
        libc.renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        result = libc.renamex_np(old, new, _RENAME_SWAP)
    else:
        raise ExchangeUnsupported(errno.ENOSYS, f"no atomic exchange on {sys.platform}")
    if result != 0:
        code = ctypes.get_errno()
        kind = ExchangeUnsupported if code in _UNSUPPORTED else OSError
        raise kind(code, os.strerror(code), str(a), None, str(b))


def _linux_renameat2(old: bytes, new: bytes) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    if _exported(libc, "renameat2"):
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return renameat2(_AT_FDCWD, old, _AT_FDCWD, new, _RENAME_EXCHANGE)
    number = _RENAMEAT2_SYSCALL.get(platform.machine())
    if number is None:
        raise ExchangeUnsupported(errno.ENOSYS, f"renameat2's system call number on {platform.machine()} is not known")
    libc.syscall.restype = ctypes.c_long
    return libc.syscall(
        ctypes.c_long(number), ctypes.c_int(_AT_FDCWD), old, ctypes.c_int(_AT_FDCWD), new, ctypes.c_uint(_RENAME_EXCHANGE)
    )


def _exported(library: ctypes.CDLL, name: str) -> bool:
    return hasattr(library, name)


def staging_folder(site_dir: Path) -> Path:
    """A fresh path beside `site_dir` to build into: on the same filesystem, so that it can be
    swapped in. Nothing is there; the build creates it."""
    staging = _sibling(site_dir, f"staging-{os.getpid()}")
    _remove_folder(staging, site_dir=site_dir)
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make the complete site in `staging` the one at `site_dir`, and delete the previous one."""
    if not site_dir.exists():
        os.rename(staging, site_dir)  # nothing to replace: one rename is already atomic
        return
    try:
        exchange(staging, site_dir)
    except ExchangeUnsupported:
        _swap_by_two_renames(staging, site_dir)
        return
    _remove_folder(staging, site_dir=site_dir)  # it now holds the previous site


def _swap_by_two_renames(staging: Path, site_dir: Path) -> None:
    old = _sibling(site_dir, f"old-{os.getpid()}")
    _remove_folder(old, site_dir=site_dir)
    os.rename(site_dir, old)
    # Killed here: no site_dir, but the complete `old`, which the next build restores.
    try:
        os.rename(staging, site_dir)
    except BaseException:
        if not site_dir.exists():
            os.rename(old, site_dir)
        raise
    _remove_folder(old, site_dir=site_dir)


def clean_leftovers(site_dir: Path) -> list[str]:
    """Undo what a killed build left: first restore a missing `site_dir` from the previous
    complete one a two-rename swap had set aside, then delete every staging, old and trash
    folder, and the half-written files in `site_dir` whose writer is gone. Call it holding
    `build_lock`, since a running build's staging folder looks like a leftover. Returns what
    it did, one line each."""
    done = []
    olds = sorted(_leftovers(site_dir, "old"), key=lambda p: p.stat().st_mtime)
    if olds and not site_dir.exists():
        previous = olds.pop()
        os.rename(previous, site_dir)
        done.append(f"put back the previous {site_dir.name}/, which a build that was stopped had left as {previous.name}")
    for kind in ("staging", "old", "trash"):
        for folder in _leftovers(site_dir, kind):
            _remove_folder(folder, site_dir=site_dir)
            done.append(f"removed {folder.name}, left by a build that was stopped")
    if remove_partial_files(site_dir):
        done.append(f"removed half-written files in {site_dir.name}/, left by a takedown that was stopped")
    return done


# `.<name>.<pid>.partial` (images/cache.py) and `.<name>.takedown-<pid>` (takedown.py): files
# written beside their final name and renamed over it, left half-written by a killed writer.
_PARTIAL = re.compile(r"^\..+\.(?:(\d+)\.partial|takedown-(\d+))$")


def remove_partial_files(folder: Path) -> int:
    """Delete the half-written files of writers that are no longer running; returns how many."""
    removed = 0
    for parent, _folders, files in os.walk(folder):
        for name in files:
            match = _PARTIAL.match(name)
            if match and not _running(int(match.group(1) or match.group(2))):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(parent, name))
                    removed += 1
    return removed


@contextlib.contextmanager
def build_lock(site_dir: Path) -> Iterator[None]:
    """Hold the lock on building `site_dir`; raise BuildLocked at once if another build holds it.

    Like git's `index.lock`, a second builder fails at once, naming the lock, rather than wait
    for a build that may take minutes. Unlike it, the lock is the flock, not the file's
    existence: the file is only its handle, and is deleted on release so no `.site.*` stays.
    """
    path = _sibling(site_dir, "lock")
    if fcntl is None:  # pragma: no cover
        yield
        return
    handle = _acquire(path, site_dir)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        # Unlink before unlocking: a builder that opened the file meanwhile finds, once it holds
        # its flock, that the path is gone or is another file, and tries again (see _acquire).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(handle)


def _acquire(path: Path, site_dir: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(handle)
            os.close(handle)
            who = f"process {holder}" if holder else "another process"
            raise BuildLocked(
                f"another build of {site_dir} is running ({who}); this one stopped and changed nothing. "
                f"Wait for it to finish, then build again. (Its lock is {path}; the system releases it "
                "when that build ends, even if it is killed.)"
            ) from None
        except OSError as error:
            if error.errno not in (errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP):
                os.close(handle)
                raise
            # A filesystem without locks: build unlocked rather than not at all, since the
            # build is what takes down withdrawn photos.
            return handle
        try:
            same_file = os.path.samestat(os.fstat(handle), os.stat(path))
        except FileNotFoundError:
            same_file = False
        if same_file:
            return handle
        os.close(handle)  # the holder deleted this file as we waited for it: lock the new one


def _read_pid(handle: int) -> int | None:
    text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _sibling(site_dir: Path, suffix: str) -> Path:
    return site_dir.with_name(f".{site_dir.name}.{suffix}")


def _leftovers(site_dir: Path, kind: str) -> list[Path]:
    if not site_dir.parent.is_dir():
        return []
    prefix = f".{site_dir.name}.{kind}-"
    return [p for p in site_dir.parent.iterdir() if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink()]


def _remove_folder(folder: Path, *, site_dir: Path) -> None:
    """Rename to a `.trash` name, then delete: killed half-way, what is left is plainly trash,
    never a half-deleted `.old` folder that the next build would restore."""
    if not folder.exists():
        return
    trash = _sibling(site_dir, f"trash-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(folder, trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":  # there, os.kill(pid, 0) would end it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
