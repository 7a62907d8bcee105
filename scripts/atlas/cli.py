"""The `atlas` command: what foundation staff and `make` run."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .catalog import WARNING, check_catalog, errors_in, format_problems


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="atlas", description="Build and look after the cutaneous metastases atlas.")
    parser.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("check", help="check captions.yaml and the photo files without building")
    build = commands.add_parser("build", help="check, then build the site into site/ (the old site/ stays if anything fails)")
    build.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/)")
    build.add_argument("--no-strict", action="store_true", help="do not treat MkDocs warnings as errors")
    serve = commands.add_parser("serve", help="preview the site at http://127.0.0.1:8000, rebuilding on changes")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    samples = commands.add_parser("make-samples", help="(re)make the sample images in images/samples/")
    samples.add_argument("--force", action="store_true")

    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "check":
        return run_check(project)
    if args.command == "build":
        return run_build(project, site_dir=args.site_dir, strict=not args.no_strict)
    if args.command == "serve":
        return run_serve(project, addr=args.addr)
    if args.command == "make-samples":
        from .samples import make_sample_images

        written = make_sample_images(project / "images" / "samples", force=args.force)
        print(f"{len(written)} sample image(s) written to images/samples/")
        return 0
    return 2  # pragma: no cover - argparse enforces the choices


def run_check(project: Path) -> int:
    from .images import cached_verifier

    # The same cache as the build's (mkdocs.yml's atlas `cache`, by default .cache/atlas).
    verify = cached_verifier(project / ".cache" / "atlas")
    catalog, problems = check_catalog(project / "captions.yaml", images_dir=project / "images", verify_image=verify)
    if problems:
        print(format_problems(problems), file=sys.stderr)
    errors = errors_in(problems)
    if errors:
        print(
            f"\n{len(errors)} problem(s) to fix in captions.yaml. Nothing was built. "
            "Fix the lines above, then run the command again.",
            file=sys.stderr,
        )
        return 1
    warnings = sum(p.severity == WARNING for p in problems)
    print(f"captions.yaml is fine: {len(catalog.photos)} photos in {len(catalog.galleries)} galleries"
          + (f" ({warnings} warning(s) above)." if warnings else "."))
    return 0


def run_build(project: Path, *, site_dir: Path | None, strict: bool) -> int:
    from .build import BuildFailed, build_site

    if run_check(project) != 0:
        print("The previous site/ was left as it was.", file=sys.stderr)
        return 1
    _show_mkdocs_log()
    try:
        built = build_site(project / "mkdocs.yml", site_dir=site_dir, strict=strict)
    except BuildFailed as error:
        print(f"\nBuild failed: {error}\nThe previous site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"Site built in {built}.")
    return 0


def run_serve(project: Path, *, addr: str) -> int:
    from mkdocs.commands.serve import serve

    if run_check(project) != 0:
        return 1
    _show_mkdocs_log()
    serve(config_file=str(project / "mkdocs.yml"), dev_addr=addr, livereload=True)
    return 0


def _show_mkdocs_log() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
