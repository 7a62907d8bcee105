"""Prepare: everything the atlas adds to the site, done before any engine runs.

Read the settings and the catalog once, plan what may be published today, render the images,
and write a docs tree in which every page is final Markdown: photo, gallery, tombstone and
redirect pages generated, embeds expanded, citations numbered, review notices inserted,
[[contact-email]] and [[glossary]] filled in, each glossary term marked at its first use in
each section of staff text (atlas.articles.firstuse), and front matter escaped for templates that print it raw. Either engine renders this
tree the same way; neither needs a plugin of the atlas.

Every problem in every file is collected and reported at once, before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml
from markupsafe import Markup

from .articles import check_references, parse_glossary
from .articles.page import FRONT_MATTER, body_first_line, render_article
from .articles.firstuse import mark_first_uses
from .articles.placeholders import expand_review_summary
from .articles.review import ReviewError, ReviewState, review_of, review_summary
from .articles.uncited import uncited_blocks
from .catalog import ERROR, check_catalog, errors_in, format_problems
from .engineconfig import custom_theme, engine_config, inline_css, inline_js, write_engine_config
from .editor import write_admin
from .engines import Engine
from .escape import engine_meta
from .images import ImageError, cached_verifier
from .pages.cite import citation_block, page_citation_text, page_ris
from .pages.embed import expand_embeds
from .pages.html import root_prefix
from .settings import Settings, SettingsError, read_config
from .site import SitePlan, plan_site
from .workspace import Workspace

log = logging.getLogger("atlas")

THEME = Path(__file__).parent / "theme"
# MkDocs' own defaults for exclude_docs: dot-files and a templates/ folder are never pages.
DEFAULT_EXCLUDES = (".*", "/templates/")


class PrepareFailed(Exception):
    """Something staff wrote cannot be built; the text lists every problem, each with its line."""


@dataclass(frozen=True)
class PreparedPage:
    source: str  # docs-relative path of the Markdown file, such as photos/x.md
    url: str  # site-relative URL, such as photos/x/ ('' for the home page)
    output: str  # the HTML file the engine must write, such as photos/x/index.html
    search_excluded: bool = False
    noindex: bool = False


@dataclass
class Prepared:
    settings: Settings
    workspace: Workspace
    engine: Engine
    plan: SitePlan
    seconds: dict[str, float] = field(default_factory=dict)  # per step, for `make bench`
    pages: list[PreparedPage] = field(default_factory=list)
    static: list[str] = field(default_factory=list)  # other files the site must hold (redirects)
    inline_styles: list[str] = field(default_factory=list)  # <style> texts the theme prints (CSP hashes)
    inline_scripts: list[str] = field(default_factory=list)  # <script> texts the theme prints (CSP hashes)


def prepare(settings: Settings, workspace: Workspace, *, engine: Engine, on: dt.date, local_editor: bool = False) -> Prepared:
    """`local_editor`: /admin/ saves to the working copy through decap-server (`make edit`)."""
    problems: list[str] = []
    started = time.perf_counter()
    references = _references(settings, problems)
    glossary, glossary_text = _glossary(settings, problems)
    catalog = _catalog(settings, on, problems)
    checked = time.perf_counter()
    try:
        config = read_config(settings.config_file, root=settings.root)
        engine_settings = engine_config(config, settings, workspace, engine)
    except SettingsError as error:
        problems.append(str(error))
    if problems:
        raise PrepareFailed("\n".join(problems))
    try:
        plan = plan_site(catalog, on=on, cache_dir=settings.cache, settings=settings.image, site=settings.site, workers=settings.workers)
    except ImageError as error:
        raise PrepareFailed(str(error)) from error
    planned = time.perf_counter()

    directory_urls = config.get("use_directory_urls", True) is not False
    prepared = Prepared(settings, workspace, engine, plan)
    # "check" includes verifying every photo file; "images" is encoding (or finding cached) files.
    prepared.seconds = {"check": checked - started, "images": planned - checked}
    workspace.docs.mkdir(parents=True)
    pages = Pages(settings, plan, references, glossary, glossary_text, on=on, directory_urls=directory_urls, engine=engine)
    staff_files = source_files(settings.docs, config.get("exclude_docs"))
    pages.review_summary = review_summary(_review_states(settings, staff_files, on))
    for relative in staff_files:
        source = settings.docs / relative
        if source.resolve() == settings.glossary.resolve():
            continue  # appended to every page, never a page of its own
        if relative.endswith(".md"):
            prepared.pages.append(pages.write(relative, source.read_text(encoding="utf-8"), workspace.docs, from_staff=True))
        else:
            _link(source, workspace.docs / relative)
    for generated in plan.files:
        if generated.path.endswith(".md"):
            prepared.pages.append(pages.write(generated.path, generated.content, workspace.docs, from_staff=False))
        elif generated.source is not None:
            _link(generated.source, workspace.docs / generated.path)
        else:
            _write(workspace.docs / generated.path, generated.content)
            prepared.static.append(generated.path)
    prepared.static += write_admin(
        workspace.docs, editor=settings.editor, catalog_file=settings.shown(settings.catalog),
        images_folder=settings.shown(settings.images), docs_folder=settings.shown(settings.docs), local=local_editor,
    )
    prepared.static += pages.static
    problems += pages.errors
    problems += _nav_problems(config.get("nav"), {page.source for page in prepared.pages}, settings.config_file.name)
    if problems:
        raise PrepareFailed(
            f"{len(problems)} problem(s) in the pages; nothing was built:\n" + "\n".join(problems)
        )
    write_theme(workspace.theme, engine, custom=custom_theme(config, settings))
    write_engine_config(engine_settings, workspace)
    prepared.inline_styles = [text for text in (inline_css(engine_settings),) if text]
    prepared.inline_scripts = inline_js(engine_settings)
    prepared.seconds["pages"] = time.perf_counter() - planned
    return prepared


class Pages:
    """Turns one page's Markdown, as staff wrote it or the plan generated it, into final Markdown."""

    def __init__(self, settings, plan, references, glossary, glossary_text, *, on, directory_urls, engine):
        self.settings, self.plan, self.references, self.engine = settings, plan, references, engine
        self.glossary, self.glossary_text = glossary, glossary_text
        self.on, self.directory_urls = on, directory_urls
        self.errors: list[str] = []
        self.static: list[str] = []  # files written beside the pages (each article's cite.ris)
        self.review_summary = ""  # for [[review-summary]]: set once every page's front matter is read

    def write(self, relative: str, text: str, docs: Path, *, from_staff: bool) -> PreparedPage:
        url = page_url(relative, directory_urls=self.directory_urls)
        shown = f"{self.settings.shown(self.settings.docs)}/{relative}" if from_staff else f"(generated) {relative}"
        meta, body, first_line = split_front_matter(text, shown=shown, errors=self.errors)
        # What relative URLs in the embeds' raw HTML are read against (engines differ; generated
        # pages sit at <url>/index.md, where the two agree: atlas.pages.html.page_source).
        base = relative.rpartition("/")[0] + "/" if self.engine.rewrites_raw_html_urls else url
        # Glossary terms are marked in the staff text only, before embeds add their own HTML.
        marked = mark_first_uses(body, self.glossary) if from_staff else body
        embedded = expand_embeds(
            marked, first_line=first_line, page_path=shown, page_url=base.lstrip("/"),
            catalog=self.plan.catalog, published=self.plan.published, rendered=self.plan.rendered,
        )
        for notice in embedded.notices:
            log.info(notice)  # never a failure: a withdrawn photo must not fail a build
        self.errors += embedded.errors
        article = render_article(
            expand_review_summary(embedded.markdown, summary=self.review_summary), meta=meta, page_path=shown, url=self.settings.site.absolute(url) if self.settings.site_url else url,
            references=self.references, glossary=self.glossary, contact_email=self.settings.contact_email,
            on=self.on, first_line=first_line, page_file=relative,
        )
        if from_staff and "review" in meta:  # a medical article
            for uncited in uncited_blocks(body, page_path=shown, first_line=first_line):
                log.info(f"warning: {uncited}")
        for warning in article.warnings:
            # Reported on every build, never a failure: under `strict`, a warning would also
            # block the rebuild that takes a withdrawn photo down.
            log.info(f"warning: {warning}")
        self.errors += article.errors
        meta = dict(meta)
        meta.setdefault("title", _first_heading(body) or Path(relative).stem.replace("-", " ").capitalize())
        if article.jsonld:
            meta["atlas_jsonld"] = Markup(article.jsonld)
        page = PreparedPage(
            source=relative, url=url, output=output_file(url),
            search_excluded=bool((meta.get("search") or {}).get("exclude")) if isinstance(meta.get("search"), dict) else False,
            noindex="noindex" in str(meta.get("robots") or ""),
        )
        markdown = article.markdown.rstrip("\n") + "\n"
        if article.review is not None:  # an article: cite it like a photo (text and RIS)
            markdown += "\n" + self._cite_page(meta, url=url, base=base, review=article.review, docs=docs)
        _write(docs / relative, front_matter_for_engine(meta) + markdown)
        return page

    def _cite_page(self, meta: dict, *, url: str, base: str, review, docs: Path) -> str:
        title = str(meta.get("title") or "")
        reviewed = review.reviewed_on
        ris = page_ris(title=title, site=self.settings.site, url=url, reviewed=reviewed,
                       abstract=str(meta.get("description") or ""))
        _write(docs / url / "cite.ris", ris)
        self.static.append(f"{url}cite.ris")
        text = page_citation_text(title=title, site=self.settings.site, url=url, reviewed=reviewed, accessed="ACCESSED")
        # Relative to what this engine reads raw-HTML URLs against (see `base` above).
        href = root_prefix(base.lstrip("/")) + url + "cite.ris"
        return "\n".join(citation_block(heading="Cite this page", text=text, ris_href=href))


def front_matter_for_engine(meta: dict[str, Any]) -> str:
    """The front matter as the engine's templates print it: raw. So every text value is escaped
    here, once (atlas.escape); the JSON-LD the atlas wrote itself is already safe."""
    safe = engine_meta(meta, built_safe=("atlas_jsonld",))
    return "---\n" + yaml.safe_dump(_plain(safe), allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n\n"


def _review_states(settings: Settings, files: list[str], on: dt.date) -> list[ReviewState]:
    """Every staff page's review state (a page whose record cannot be read counts as not
    reviewed; its own error is reported when the page is written)."""
    states = []
    for relative in files:
        if not relative.endswith(".md"):
            continue
        meta, _, _ = split_front_matter((settings.docs / relative).read_text(encoding="utf-8"), shown=relative, errors=[])
        try:
            states.append(review_of(meta, page_path=relative, on=on).state)
        except ReviewError:
            states.append(ReviewState.AWAITING)
    return states


def split_front_matter(text: str, *, shown: str, errors: list[str]) -> tuple[dict, str, int]:
    """Front matter, body and the file line the body starts on, read as MkDocs reads them."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    try:
        meta = yaml.safe_load("\n".join(match.group(0).splitlines()[1:-1])) or {}
    except yaml.YAMLError as error:
        errors.append(f"{shown}: the front matter between the '---' lines cannot be read: {error}")
        meta = {}
    if not isinstance(meta, dict):
        errors.append(f"{shown}:2: the front matter must be 'name: value' lines")
        meta = {}
    return meta, text[match.end():].lstrip("\n"), body_first_line(text)


def page_url(relative: str, *, directory_urls: bool = True) -> str:
    """The URL both engines give docs/<relative> (MkDocs' rule, which Zensical follows)."""
    stem = relative[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    if stem == "README" or stem.endswith("/README"):
        return stem[: -len("README")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def output_file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def source_files(docs: Path, exclude_docs: str | None) -> list[str]:
    """Every file of docs/ that is part of the site, as MkDocs' exclude_docs decides (the
    engine never sees the others, so both engines agree on them)."""
    spec = pathspec.GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDES, *(exclude_docs or "").splitlines()])
    found = []
    for folder, folders, files in os.walk(docs):
        folders.sort()
        for name in sorted(files):
            relative = (Path(folder) / name).relative_to(docs).as_posix()
            if not spec.match_file(relative):
                found.append(relative)
    return found


def write_theme(theme: Path, engine: Engine, *, custom: Path | None) -> None:
    """The atlas's templates for this engine: the shared ones, then the engine's own partials
    (each engine's inline base script differs), then the project's own overrides if any."""
    for layer in (THEME / "shared", THEME / engine.name, custom):
        if layer is not None and layer.is_dir():
            shutil.copytree(layer, theme, dirs_exist_ok=True)
    theme.mkdir(parents=True, exist_ok=True)


def _references(settings: Settings, problems: list[str]) -> dict:
    # A project without citations (a fixture, a new foundation) needs no references file;
    # citing a key without one is still an error, reported by the article renderer.
    if not settings.references.is_file():
        return {}
    references, found = check_references(settings.references, display_name=settings.shown(settings.references))
    if references is None:
        problems.append(f"{len(found)} problem(s) in {settings.shown(settings.references)}:\n" + format_problems(found))
    return references or {}


def _glossary(settings: Settings, problems: list[str]) -> tuple[list, str]:
    text = settings.glossary.read_text(encoding="utf-8") if settings.glossary.is_file() else ""
    terms, found = parse_glossary(text, filename=settings.shown(settings.glossary))
    if found:
        problems.append("problems in the glossary:\n" + "\n".join(found))
    return terms, text


def _catalog(settings: Settings, on: dt.date, problems: list[str]):
    name = settings.shown(settings.catalog)
    catalog, found = check_catalog(
        settings.catalog, images_dir=settings.images, on=on, verify_image=cached_verifier(settings.cache), display_name=name,
    )
    for problem in found:
        if problem.severity != ERROR:
            # Shown, never a failure: advice and unpublished photos must not fail a build (a
            # mistake in one permission record must never hold back another's takedown).
            log.info(str(problem))
    if catalog is None:
        problems.append(f"{len(errors_in(found))} problem(s) in {name}:\n" + format_problems(errors_in(found)))
    return catalog


def _nav_problems(nav: Any, pages: set[str], config_name: str) -> list[str]:
    """Zensical builds a nav entry to a missing page without a word (and exits 0): check here."""
    problems = []

    def walk(entry):
        if isinstance(entry, list):
            for item in entry:
                walk(item)
        elif isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, str) and target.endswith(".md") and "://" not in target and target not in pages:
                    problems.append(f"{config_name}: nav: '{title}' points at {target}, which is not in docs/ (fix the file name)")
                else:
                    walk(target)
        elif isinstance(entry, str) and entry.endswith(".md") and entry not in pages:
            problems.append(f"{config_name}: nav: {entry} is not in docs/ (fix the file name)")

    walk(nav)
    return problems


def _first_heading(markdown: str) -> str:
    heading = re.search(r"^# +(.+?)\s*#*\s*$", markdown, re.MULTILINE)
    return heading.group(1) if heading else ""


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return str(value)  # Markup -> str: yaml writes plain strings only
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _link(source: Path, target: Path) -> None:
    """A hard link where possible (photos are large and unchanged), else a copy. Never a
    symbolic link: Zensical skips symlinked folders, and a link would follow later edits."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
