"""Turn originals into the files the site publishes.

Private by construction: every output is encoded from decoded pixels into a fresh image, so
nothing from the original (EXIF, GPS, XMP, IPTC, MakerNotes, ICC, comments, PNG text chunks,
embedded thumbnails) can reach it; only the rights metadata is then written in (rights.py).

Fast: finished outputs are cached (cache.py); what is missing is made in one process per core,
each photo decoded once at the size its largest output needs. Deterministic: every output
depends only on its original, the settings and the rights, never on which worker made it or
in what order.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from PIL import Image

from ..catalog.model import Photo
from .cache import cache_key, entry_dir, read_entry, short_hash, write_file_atomically, write_manifest
from .decode import DecodeError, decode_upright_srgb
from .encode import encode
from .rights import Rights
from .settings import EXTENSIONS, MEDIA_TYPES, ImageSettings
from .verify import file_digest
from .watermark import apply_watermark


@dataclass(frozen=True)
class Variant:
    url: str  # site-relative path, such as assets/photos/<id>.<hash>.960w.jpg
    width: int
    height: int
    media_type: str
    cache_file: Path  # where the bytes are; the build copies them from here


@dataclass(frozen=True)
class RenderedPhoto:
    photo_id: str
    variants: tuple[Variant, ...] = field(default=())  # best format first, then by width
    thumbnail_width: int = 0

    @property
    def media_types(self) -> tuple[str, ...]:
        """The formats made, best first; the last one is the fallback every browser reads."""
        return tuple(dict.fromkeys(v.media_type for v in self.variants))

    @property
    def fallback_type(self) -> str:
        return self.media_types[-1]

    def in_format(self, media_type: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.media_type == media_type), key=lambda v: v.width)

    @property
    def largest(self) -> Variant:
        return self.in_format(self.fallback_type)[-1]

    @property
    def smallest(self) -> Variant:
        return self.in_format(self.fallback_type)[0]

    @property
    def thumbnail(self) -> Variant:
        """The fallback-format file for gallery grids."""
        fallbacks = self.in_format(self.fallback_type)
        return next((v for v in fallbacks if v.width == self.thumbnail_width), fallbacks[0])

    def srcset(self, media_type: str = "image/jpeg", *, prefix: str = "") -> str:
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in self.in_format(media_type))


class ImageError(Exception):
    """Photos could not be rendered; names each file and its captions.yaml line."""


def render_photos(
    photos: Iterable[Photo],
    *,
    settings: ImageSettings,
    cache_dir: Path,
    rights: Mapping[str, Rights] | None = None,
    workers: int | None = None,
) -> dict[str, RenderedPhoto]:
    """Every photo's published files, made or taken from the cache. Raises ImageError naming
    every photo that failed, after caching the ones that worked."""
    photos = list(photos)
    rights = rights or {}
    problems: list[str] = []
    planned: dict[str, tuple[Photo, Path, list[dict] | None]] = {}
    missing: dict[Path, _Job] = {}
    for photo in photos:
        if photo.source is None:
            problems.append(_where(photo) + f"photo '{photo.id}' has no readable file")
            continue
        photo_rights = rights.get(photo.id, Rights())
        try:
            digest = file_digest(photo.source)
        except OSError as error:
            problems.append(_where(photo) + f"images/{photo.file} cannot be read ({error.strerror or error})")
            continue
        entry = entry_dir(cache_dir, cache_key(digest, settings, photo_rights))
        outputs = read_entry(entry)
        planned[photo.id] = (photo, entry, outputs)
        if outputs is None and entry not in missing:
            missing[entry] = _Job(str(photo.source), str(entry), settings, photo_rights, _where(photo) + f"images/{photo.file} ")

    for job, error in zip(missing.values(), _run(list(missing.values()), workers)):
        if error:
            problems.append(job.label + error)
    if problems:
        raise ImageError("\n".join(problems))

    return {
        photo_id: _rendered(photo, entry, outputs or read_entry(entry), settings)
        for photo_id, (photo, entry, outputs) in planned.items()
    }


def render_photo(photo: Photo, *, settings: ImageSettings, cache_dir: Path, rights: Rights | None = None) -> RenderedPhoto:
    rights_map = {photo.id: rights} if rights else None
    return render_photos([photo], settings=settings, cache_dir=cache_dir, rights=rights_map, workers=1)[photo.id]


def valid_widths(settings: ImageSettings, original_width: int) -> list[int]:
    """The widths to make: the wanted ones and the thumbnail, never wider than the original,
    each once (eleventy-img's getValidWidths)."""
    wanted = [*settings.widths, settings.thumbnail_width]
    return sorted({min(w, original_width) for w in wanted if w > 0}, reverse=True)


@dataclass(frozen=True)
class _Job:
    source: str
    entry: str
    settings: ImageSettings
    rights: Rights
    label: str  # "captions.yaml:12: images/x.jpg ", the start of any error message


def _run(jobs: list[_Job], workers: int | None) -> list[str | None]:
    workers = min(workers or _cores(), len(jobs))
    if workers <= 1:
        return [_make_entry(job) for job in jobs]
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_process_context(), initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    try:
        # Results come back in job order, whatever finishes first.
        return list(pool.map(_make_entry, jobs))
    except BaseException as error:
        if not isinstance(error, Exception):
            # Ctrl-C or SIGTERM (build.py's BuildStopped): stop the workers now rather than
            # wait for the photos in progress. Python 3.11 has no public way to; 3.14 adds
            # terminate_workers(). Another error lets the running photos finish and be cached.
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _process_context():
    """fork where it is safe (a single-threaded build: fast, nothing to re-import); spawn when
    other threads run, as in `mkdocs serve`, because forking a threaded process can deadlock."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _die_with_parent(parent_pid: int) -> None:
    """Each worker's first step: end when the build process ends, even by SIGKILL, which gives
    the pool no chance to stop its workers (they would wait for work forever, holding memory)."""
    # A forked worker inherits build.py's SIGTERM handler; it must simply die of SIGTERM, and
    # leave Ctrl-C (sent to the whole terminal's process group) to the build process.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _killed_with_parent_by_kernel()
    if os.getppid() != parent_pid:
        os._exit(1)  # the build ended before the line above took effect
    # Everywhere (macOS has no PDEATHSIG): notice being orphaned within a second.
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), name="atlas-orphan-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _killed_with_parent_by_kernel() -> None:
    """Linux: the kernel sends this process SIGKILL when the one that started it ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _make_entry(job: _Job) -> str | None:
    """Make every output of one photo into its cache entry; None, or why it failed."""
    settings = job.settings
    try:
        data = Path(job.source).read_bytes()
        image = decode_upright_srgb(
            data, largest_width=max(valid_widths(settings, 10**9)), background=settings.background
        )
    except DecodeError as error:
        return str(error)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    entry = Path(job.entry)
    outputs = []
    for width in valid_widths(settings, image.width):
        if width != image.width:
            # Each width from the next larger one: every step is a small factor, so one Lanczos
            # pass stays sharp, and the big image is resampled only once.
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        marked = apply_watermark(image, settings.watermark)
        for fmt in settings.formats:
            data = encode(marked, fmt, settings=settings, rights=job.rights)
            name = f"{width}.{EXTENSIONS[fmt]}"
            write_file_atomically(entry / name, data)
            outputs.append({"format": fmt, "name": name, "width": width, "height": marked.height, "hash": short_hash(data)})
    write_manifest(entry, outputs)
    return None


def _rendered(photo: Photo, entry: Path, outputs: list[dict] | None, settings: ImageSettings) -> RenderedPhoto:
    if outputs is None:  # made moments ago and damaged since: refuse rather than publish it
        raise ImageError(_where(photo) + f"images/{photo.file}: its cached web images were damaged; build again")
    order = {fmt: i for i, fmt in enumerate(settings.formats)}
    outputs = sorted(outputs, key=lambda o: (order[o["format"]], o["width"]))
    variants = tuple(
        Variant(
            url=f"assets/photos/{photo.id}.{o['hash']}.{o['width']}w.{EXTENSIONS[o['format']]}",
            width=o["width"],
            height=o["height"],
            media_type=MEDIA_TYPES[o["format"]],
            cache_file=entry / o["name"],
        )
        for o in outputs
    )
    largest = max(v.width for v in variants)
    return RenderedPhoto(photo_id=photo.id, variants=variants, thumbnail_width=min(settings.thumbnail_width, largest))


def _where(photo: Photo) -> str:
    return f"captions.yaml:{photo.line}: "
