"""`make bench`: how fast the photo pipeline is, cold and warm, against plain Pillow; and how
long each engine takes to build the sample site and a 300-photo catalog.

Generates N synthetic 12-megapixel phone photos (some rotated, with GPS), builds a small
project around them with the real build (`atlas.build.build_site`) and prints, in one run:
cold build time, warm build time (nothing changed), time after changing one caption, image
seconds per photo, bytes per variant, a naive single-process Pillow baseline making the same
files, and a build of the same project without photos. Then, per engine (MkDocs, Zensical),
cold (no encoded photos yet) and warm (all cached) builds of the sample site and of a generated
300-photo catalog. Figures are printed, never asserted: compare the ratios of one run.

    python -m atlas.bench --photos 8 [--catalog 300] [--no-formats] [--no-engines]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml
from PIL import Image, ImageCms, ImageOps

from .images import ImageSettings
from .images.synthetic import synthetic_photo
from .qa.fixture import write_config

BENCH_DATE = dt.date(2026, 1, 1)


def write_project(root: Path, photos: list[tuple[str, str]], *, caption_suffix: str = "") -> Path:
    """A minimal atlas project at `root` whose catalog lists `photos` as (id, file in images/).
    Returns the mkdocs.yml path. Used by the benchmark and by tests that need a whole build."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Bench\n\n[Galleries](galleries/index.md)\n", encoding="utf-8")
    write_config(root, site_name="Atlas bench", strict=True, nav=[{"Home": "index.md"}, {"Photo galleries": "galleries/index.md"}])
    catalog = {
        "galleries": [{"id": "bench", "title": "Bench gallery", "description": "Synthetic photos."}],
        "photos": [
            {
                "id": photo_id,
                "file": file,
                "gallery": "bench",
                "alt": f"Synthetic skin photo {n}.",
                "caption": f"Synthetic photo number {n}.{caption_suffix if n == 0 else ''}",
                "permission": {
                    "status": "granted",
                    "scope": ["website"],
                    "granted_by": "patient",
                    "granted_on": "2025-01-01",
                    "record": "CONSENT-RECORD-SECRET",
                    "license": "CC-BY-4.0",
                    "credit": "Bench contributor",
                },
            }
            for n, (photo_id, file) in enumerate(photos)
        ],
    }
    (root / "captions.yaml").write_text(yaml.safe_dump(catalog, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def make_originals(folder: Path, count: int) -> list[Path]:
    """Phone-like 12 MP JPEGs; every third one stored sideways with EXIF orientation 6 and GPS.
    Kept between runs (they take about a second each to draw)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"phone-{n:03}.jpg"
        if not path.exists():
            image = synthetic_photo(n + 1)
            exif = Image.Exif()
            if n % 3 == 2:
                image = image.transpose(Image.Transpose.ROTATE_90)
                exif[0x0112] = 6
                exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 12.0, 19.0), 3: "E", 4: (0.0, 7.0, 15.0)})
            image.save(path.with_suffix(".partial"), "JPEG", quality=92, exif=exif.tobytes())
            os.replace(path.with_suffix(".partial"), path)
        paths.append(path)
    return paths


def timed_build(config_file: Path, *, engine: str | None = None) -> tuple[float, float]:
    """(whole build seconds, image-step seconds: checking the photo files and encoding them),
    as the build itself measures its steps."""
    from .build import build_site

    steps: dict[str, float] = {}
    start = time.perf_counter()
    build_site(config_file, site_dir=config_file.parent / "site", on=BENCH_DATE, engine=engine, seconds=steps)
    return time.perf_counter() - start, steps.get("check", 0.0) + steps.get("images", 0.0)


def naive_outputs(path: Path, settings: ImageSettings) -> int:
    """The same files, the way a first version would make them: one process, full decode,
    every width resized from the full image. Returns the bytes written."""
    total = 0
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        if icc := original.info.get("icc_profile"):
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"))
        image = image.convert("RGB")
    widths = sorted({min(w, image.width) for w in (*settings.widths, settings.thumbnail_width)})
    for width in widths:
        resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        for fmt in settings.formats:
            buffer = io.BytesIO()
            options = {"jpeg": {"quality": settings.jpeg_quality, "optimize": True, "progressive": True},
                       "webp": {"quality": settings.webp_quality},
                       "avif": {"quality": settings.avif_quality, "speed": settings.avif_speed}}[fmt]
            resized.save(buffer, fmt.upper(), **options)
            total += len(buffer.getvalue())
    return total


def bytes_per_variant(site_dir: Path) -> dict[tuple[str, int], list[int]]:
    sizes: dict[tuple[str, int], list[int]] = defaultdict(list)
    for file in (site_dir / "assets" / "photos").iterdir():
        width = int(file.name.rsplit(".", 2)[-2].rstrip("w"))
        sizes[(file.suffix.lstrip("."), width)].append(file.stat().st_size)
    return sizes


def run(count: int, workdir: Path, *, formats: bool = True) -> None:
    settings = ImageSettings()
    print(f"Generating {count} synthetic 12-megapixel photos in {workdir / 'originals'} ...", flush=True)
    originals = make_originals(workdir / "originals", count)

    project = workdir / "project"
    shutil.rmtree(project, ignore_errors=True)
    config = write_project(project, [(p.stem, p.name) for p in originals])
    for path in originals:
        shutil.copy2(path, project / "images" / path.name)

    empty = workdir / "no-photos"
    shutil.rmtree(empty, ignore_errors=True)
    empty_config = write_project(empty, [])
    timed_build(empty_config)  # once to warm MkDocs' imports and the theme
    no_photos, _ = timed_build(empty_config)

    cold, cold_images = timed_build(config)
    warm, warm_images = timed_build(config)
    write_project(project, [(p.stem, p.name) for p in originals], caption_suffix=" Caption edited.")
    caption, caption_images = timed_build(config)

    print("Naive baseline (single process, plain Pillow, same files) ...", flush=True)
    start = time.perf_counter()
    for path in originals:
        naive_outputs(path, settings)
    naive = time.perf_counter() - start

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print()
    print(f"Photo pipeline benchmark: {count} photos of 4032x3024, {cores} cores, formats {', '.join(settings.formats)}")
    print(f"  cold build                     {cold:7.2f} s  (image step {cold_images:.2f} s)")
    print(f"  warm build, nothing changed    {warm:7.2f} s  (image step {warm_images:.2f} s)")
    print(f"  after changing one caption     {caption:7.2f} s  (image step {caption_images:.2f} s)")
    print(f"  same site without photos       {no_photos:7.2f} s  (the warm build is {warm / no_photos:.2f}x this)")
    print(f"  image seconds per photo, cold  {cold_images / count:7.2f} s")
    print(f"  naive baseline, same outputs   {naive:7.2f} s  ({naive / count:.2f} s per photo)")
    print(f"  cold image step vs naive       {naive / cold_images:7.2f}x faster")
    print("  bytes per variant (mean over photos):")
    for (ext, width), sizes in sorted(bytes_per_variant(project / "site").items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"    {width:5} px {ext:5} {statistics.mean(sizes) / 1024:8.1f} KB")
    if formats:
        try:
            import numpy  # noqa: F401
        except ImportError:
            print("\n(format comparison skipped: pip install numpy, or -e '.[bench]')")
        else:
            from .images import formats as format_measurement

            print()
            format_measurement.main(count=4)


def small_originals(folder: Path, count: int) -> list[Path]:
    """Photo-like 800x600 JPEGs for the engine comparison: its subject is pages, not encoding."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"small-{n:03}.jpg"
        if not path.exists():
            synthetic_photo(n + 1, size=(800, 600)).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def sample_project(into: Path) -> Path:
    """A copy of this repository's own site (articles, catalog, sample photos) to build."""
    from .settings import load_settings

    settings = load_settings(Path.cwd())
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    shutil.copy2(settings.config_file, into / settings.config_file.name)
    for path in (settings.docs, settings.images, settings.catalog, settings.references):
        target = into / settings.shown(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, target)
    return into / settings.config_file.name


def engine_comparison(workdir: Path, *, catalog_size: int) -> None:
    from .engines import ENGINES
    from .settings import load_settings

    print(f"\nGenerating {catalog_size} small photos for the engine comparison ...", flush=True)
    small = small_originals(workdir / "small-originals", catalog_size)
    generated = workdir / f"catalog-{catalog_size}"
    shutil.rmtree(generated, ignore_errors=True)
    generated_config = write_project(generated, [(p.stem, p.name) for p in small])
    for path in small:
        os.link(path, generated / "images" / path.name)
    projects = {"sample site": sample_project(workdir / "sample"), f"{catalog_size}-photo catalog": generated_config}
    rows = []
    for engine in ENGINES:
        for label, config in projects.items():
            shutil.rmtree(load_settings(config.parent).cache, ignore_errors=True)  # cold: nothing encoded yet
            cold, cold_images = timed_build(config, engine=engine)
            warm, warm_images = timed_build(config, engine=engine)
            pages = sum(1 for _ in (config.parent / "site").rglob("index.html"))
            rows.append((engine, label, pages, cold, cold_images, warm, warm_images))
    print("\nEngines: whole `atlas build` (prepare, render, finish, swap); cold = no encoded photos yet")
    print(f"  {'engine':9} {'project':20} {'pages':>5} {'cold':>8} {'(images)':>9} {'warm':>8} {'(images)':>9}")
    for engine, label, pages, cold, cold_images, warm, warm_images in rows:
        print(f"  {engine:9} {label:20} {pages:5} {cold:7.2f}s {cold_images:8.2f}s {warm:7.2f}s {warm_images:8.2f}s")
    base = {label: warm for engine, label, *_, warm, _ in rows if engine == "mkdocs"}
    for engine, label, *_, warm, _ in rows:
        if engine != "mkdocs":
            print(f"  {engine} warm / mkdocs warm, {label}: {warm / base[label]:.2f}x")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="atlas.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=8, help="how many synthetic photos (default 8)")
    parser.add_argument("--workdir", type=Path, default=Path(".cache/bench"), help="where to work (default .cache/bench)")
    parser.add_argument("--no-formats", action="store_true", help="skip the AVIF/WebP/JPEG comparison")
    parser.add_argument("--catalog", type=int, default=300, help="photos in the engine comparison's catalog (default 300)")
    parser.add_argument("--no-engines", action="store_true", help="skip the engine comparison")
    parser.add_argument("--no-photos", action="store_true", help="skip the photo pipeline benchmark")
    args = parser.parse_args(argv)
    if not args.no_photos:
        run(args.photos, args.workdir.resolve(), formats=not args.no_formats)
    if not args.no_engines:
        engine_comparison(args.workdir.resolve(), catalog_size=args.catalog)
    return 0


if __name__ == "__main__":
    sys.exit(main())
