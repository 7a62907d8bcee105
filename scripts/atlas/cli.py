"""The `atlas` command: what foundation staff and `make` run."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from .catalog import NOT_PUBLISHED, WARNING, check_catalog, errors_in, format_problems
from .engines import DEFAULT_ENGINE, ENGINE_VARIABLE, ENGINES
from .settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(prog="atlas", description="Build and look after the cutaneous metastases atlas.")
    parser.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("check", help="check captions.yaml and the photo files without building")
    build = commands.add_parser("build", help="check, then build the site into site/ (the old site/ stays if anything fails)")
    build.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/)")
    build.add_argument("--no-strict", action="store_true", help="do not treat the engine's warnings as errors")
    serve = commands.add_parser("serve", help="preview the site at http://127.0.0.1:8000, rebuilding on changes")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    serve.add_argument("--editor", action="store_true",
                       help="also the staff editor at /admin/, saving to this folder (make edit)")
    for command in (build, serve):
        command.add_argument("--engine", choices=ENGINES, default=None,
                             help=f"the site engine (default: ${ENGINE_VARIABLE}, else {DEFAULT_ENGINE})")
    commands.add_parser("readability", help='print the reading grade of each patient page\'s "In brief" summary')
    add = commands.add_parser("add-photo", help="copy a photo into images/<gallery>/ and add it to captions.yaml as pending")
    add.add_argument("file", type=Path, help="the photo file")
    add.add_argument("--gallery", required=True, help="the id of the gallery it belongs to")
    add.add_argument("--id", dest="photo_id", default=None, help="the photo's id (default: made from the file name)")
    withdraw = commands.add_parser("withdraw", help="record that permission for a photo was withdrawn")
    withdraw.add_argument("photo_id", metavar="ID", help="the photo's id")
    withdraw.add_argument("--reason", required=True, help="why, in a few words (internal, never published)")
    permissions = commands.add_parser("permissions", help="list every photo's permission and what needs attention")
    permissions.add_argument("--format", choices=("table", "csv", "md"), default="table")
    permissions.add_argument("--expiring-within", type=int, default=None, metavar="DAYS",
                             help="flag permissions that end within DAYS days (default: extra.atlas.expiring_within_days, 60)")
    commands.add_parser(
        "reminders",
        help="print the body of the daily reminder issue (photo ids and dates only); exit 3 when nothing needs attention",
    )
    takedown = commands.add_parser(
        "takedown",
        help="remove from a built site every page, image, search and sitemap entry of photos that may "
        "no longer be published (the publish workflow's path when a build fails)",
    )
    takedown.add_argument("--site-dir", type=Path, default=None, help="the built site (default: site/)")
    samples = commands.add_parser("make-samples", help="(re)make the sample images in images/samples/")
    samples.add_argument("--force", action="store_true")

    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        load_settings(project)  # every command reads its paths from here: refuse a bad setting first
    except SettingsError as error:
        print(f"{error}\nNothing was done. Fix the setting in mkdocs.yml, then run the command again.", file=sys.stderr)
        return 1
    if args.command == "check":
        status = run_check(project) or run_embed_check(project)
        status = run_text_check(project) or status
        run_citation_check(project)  # warnings only: a missing citation never fails a check or a build
        if status == 0:
            print("Next: `make serve` to preview, then commit your change (EDITING.md, 'Publishing').")
        return status
    if args.command == "build":
        return run_build(project, site_dir=args.site_dir, strict=not args.no_strict, engine=args.engine)
    if args.command == "serve":
        return run_serve(project, addr=args.addr, engine=args.engine, editor=args.editor)
    if args.command == "readability":
        return run_readability(project)
    if args.command in ("add-photo", "withdraw", "permissions", "reminders"):
        return run_staff_command(project, args)
    if args.command == "takedown":
        return run_takedown(project, site_dir=args.site_dir or load_settings(project).site_dir)
    if args.command == "make-samples":
        from .samples import make_sample_images

        written = make_sample_images(load_settings(project).images / "samples", force=args.force)
        print(f"{len(written)} sample image(s) written to images/samples/")
        return 0
    return 2  # pragma: no cover - argparse enforces the choices


def run_check(project: Path, *, show_warnings: bool = True, for_build: bool = False) -> int:
    """`atlas check`: every problem at once. A photo that will not be published because of its
    permission record fails the check (staff should fix it) but never a build (`for_build`):
    a mistake in one record must not hold back another photo's takedown."""
    from .images import cached_verifier

    settings = load_settings(project)
    # The same cache as the build's, so a photo verified once is not decoded again.
    verify = cached_verifier(settings.cache)
    catalog_name = settings.shown(settings.catalog)
    catalog, problems = check_catalog(settings.catalog, images_dir=settings.images, verify_image=verify, display_name=catalog_name)
    errors = errors_in(problems)
    unpublished = [p for p in problems if p.severity == NOT_PUBLISHED]
    shown = problems if show_warnings else errors
    if shown:
        print(format_problems(shown), file=sys.stderr)
    if errors:
        print(
            f"\n{len(errors)} problem(s) to fix in {catalog_name}. Nothing was built. "
            "Fix the lines above, then run the command again.",
            file=sys.stderr,
        )
        return 1
    if unpublished and not for_build:
        photos = sorted({p.where.split(".")[0] for p in unpublished})
        print(
            f"\n{len(photos)} photo(s) will not be published until the permission problems above are fixed "
            "(they are safe: nothing of them appears on the site). Fix the lines above, then run `make check` again.",
            file=sys.stderr,
        )
        return 1
    warnings = sum(p.severity == WARNING for p in problems)
    note = f" ({warnings} warning(s) {'above' if show_warnings else 'below'})." if warnings else "."
    print(f"{catalog_name} is fine: {len(catalog.photos)} photos in {len(catalog.galleries)} galleries" + note)
    return 0


def run_embed_check(project: Path) -> int:
    from .staff import Project, read_catalog
    from .staff.embeds import embed_errors

    where = Project(project)
    errors = embed_errors(where, read_catalog(where))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"\n{len(errors)} embed(s) in docs/ name no photo or gallery. "
              "Next: correct the ids on the lines above (`make permissions` lists the photo ids).", file=sys.stderr)
        return 1
    return 0


def run_text_check(project: Path) -> int:
    """references.yaml, the glossary and every [@key] in the pages, checked as the build checks
    them, so `make check` catches a broken reference before a build does."""
    from .articles.citations import render_citations
    from .prepare import _glossary, _references, split_front_matter

    settings = load_settings(project)
    problems: list[str] = []
    references = _references(settings, problems)
    references_broken = bool(problems)  # then every [@key] would look unknown: report the file only
    _glossary(settings, problems)
    for page in sorted(settings.docs.rglob("*.md")) if not references_broken else ():
        shown = settings.shown(page)
        _, body, first_line = split_front_matter(page.read_text(encoding="utf-8"), shown=shown, errors=problems)
        problems += render_citations(body, page_path=shown, references=references, first_line=first_line).errors
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"\n{len(problems)} problem(s) in the references, glossary or citations above. "
              "Fix the lines named, then run `make check` again.", file=sys.stderr)
        return 1
    return 0


def run_citation_check(project: Path) -> int:
    """List every uncited paragraph, list item or table row of the medical articles."""
    from .articles.uncited import uncited_blocks
    from .prepare import split_front_matter

    settings = load_settings(project)
    found = []
    for page in sorted(settings.docs.rglob("*.md")):
        meta, body, first_line = split_front_matter(page.read_text(encoding="utf-8"), shown=settings.shown(page), errors=[])
        if "review" in meta:
            found += uncited_blocks(body, page_path=settings.shown(page), first_line=first_line)
    for line in found:
        print(f"warning: {line}", file=sys.stderr)
    if found:
        print(f"\n{len(found)} statement(s) in the medical articles have no citation (warnings: the site still builds). "
              "Next: cite each one with [@key], or say why it needs none (EDITING.md, 'Citations').", file=sys.stderr)
    return len(found)


def run_staff_command(project: Path, args: argparse.Namespace) -> int:
    from .permission import today
    from .staff import EditError, Project, add_photo, format_report, next_steps, permission_report, read_catalog, withdraw
    from .staff.permissions import reminder_issue

    where = Project(project)
    try:
        if args.command == "add-photo":
            if not str(args.file).strip() or str(args.file) == ".":
                raise EditError("which photo file?\nNext: make add-photo FILE=path/to/photo.jpg GALLERY=gallery-id")
            if not args.gallery.strip():
                raise EditError(
                    f"which gallery?\nNext: make add-photo FILE={args.file} GALLERY=gallery-id "
                    "(the gallery ids are under 'galleries:' in captions.yaml)"
                )
            print(add_photo(where, args.file, gallery=args.gallery, photo_id=args.photo_id, on=today()).report())
        elif args.command == "withdraw":
            print(withdraw(where, args.photo_id, reason=args.reason, on=today()).report())
        else:
            settings = load_settings(project)
            report = permission_report(
                read_catalog(where), images_dir=where.images, on=today(),
                expiring_within=getattr(args, "expiring_within", None) or settings.expiring_within_days,
                pending_too_long=settings.pending_too_long_days,
            )
            if args.command == "reminders":
                body = reminder_issue(report)
                print(body or "Nothing needs attention.", end="" if body else "\n")
                return 0 if body else 3
            print(format_report(report, style=args.format), end="")
            # The summary goes to stderr so `atlas permissions --format csv > list.csv` stays a clean file.
            print("\n" + next_steps(report), file=sys.stderr if args.format != "table" else sys.stdout)
    except EditError as error:
        print(f"Nothing was changed: {error}", file=sys.stderr)
        return 1
    return 0


def run_build(project: Path, *, site_dir: Path | None, strict: bool, engine: str | None = None) -> int:
    from .build import BuildFailed, build_site

    # One read of the catalog, by the build itself (it prints warnings and not-published
    # photos). A failed build still takes down from the previous site/ what may no longer be
    # published, and says so.
    try:
        with _build_log():
            built = build_site(project / "mkdocs.yml", site_dir=site_dir, strict=strict, engine=engine)
    except BuildFailed as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    print(f"Site built in {built}.")
    print("Next: to publish, commit and push (the Publish workflow deploys it), or upload the contents of "
          "site/ to your static host (README, 'Publishing').")
    return 0


def run_takedown(project: Path, *, site_dir: Path) -> int:
    """Exit 0 when the site holds only photos that may be published today (whether or not
    anything was removed); 2 when captions.yaml cannot be read at all and nothing was touched."""
    from .catalog import read_permission_records
    from .permission import today
    from .takedown import take_down

    if not (site_dir / "index.html").is_file():
        print(f"No built site in {site_dir}: nothing to take down.", file=sys.stderr)
        return 2
    settings = load_settings(project)
    records, problems = read_permission_records(settings.catalog, display_name=settings.shown(settings.catalog))
    if records is None:
        print(format_problems(problems), file=sys.stderr)
        print(
            f"\nTAKEDOWN NOT DONE: captions.yaml cannot be read at all, so no permission can be checked. "
            f"{site_dir} was left exactly as it was. Fix the lines above and publish again as soon as possible.",
            file=sys.stderr,
        )
        return 2
    from .swap import BuildLocked, build_lock

    try:
        with build_lock(site_dir):  # never at the same time as a build of the same site
            report = take_down(site_dir, records, on=today())
    except BuildLocked as error:
        print(f"Nothing was taken down yet: {error}", file=sys.stderr)
        return 1
    for page in report.pages:
        print(f"  removed {page}")
    print(report.summary())
    return 0


def run_readability(project: Path) -> int:
    try:
        from .articles.readability import format_report, readability_report

        report = readability_report(project / "docs")
    except ImportError:
        print("The readability check needs textstat: run `make test` once, or pip install -e '.[test]'.", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0 if all(entry.ok for entry in report) else 1


def run_serve(project: Path, *, addr: str, engine: str | None = None, editor: bool = False) -> int:
    from .engines import RenderFailed, engine_named
    from .preview import serve
    from .staff import EditError

    # A photo held back by its permission record does not stop the preview (it is simply not
    # shown), just as it does not stop a build.
    try:
        with _build_log():
            return serve(project, engine=engine_named(engine), addr=addr, editor=editor)
    except (RenderFailed, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 1
    except EditError as error:
        print(f"The editor was not started: {error}", file=sys.stderr)
        return 1


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a message comes, not the stream it was made with:
    `atlas` may run several times in one process (tests, a wrapper), each with its own stderr."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


@contextlib.contextmanager
def _build_log():
    """Show the atlas's and MkDocs' progress and warnings on stderr while a build or preview
    runs, and no longer after it (`atlas` may run several times in one process)."""
    with contextlib.ExitStack() as stack:
        for name in ("atlas", "mkdocs"):
            stack.enter_context(_shown(logging.getLogger(name)))
        yield


@contextlib.contextmanager
def _shown(logger: logging.Logger):
    if logger.handlers:  # someone (a host program) already shows it
        yield
        return
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
