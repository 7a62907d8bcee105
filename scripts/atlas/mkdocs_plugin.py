"""The thin adapter between the atlas core and MkDocs. The work happens in plain functions
(`catalog`, `site`, `pages`); this module only hands their results to MkDocs' events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .articles import check_references, parse_glossary
from .articles.page import body_first_line, render_article
from .catalog import ERROR, check_catalog, errors_in, format_problems
from .escape import engine_meta
from .images import ImageError, cached_verifier
from .pages.embed import expand_embeds
from .permission import today
from .security import secure_site, theme_script_hashes
from .settings import SettingsError, load_settings
from .site import SitePlan, plan_site

log = get_plugin_logger("atlas")


class AtlasConfig(Config):
    """No options here: the atlas's settings live in one place, `extra.atlas` (atlas.settings),
    which every command reads too."""


class AtlasPlugin(BasePlugin[AtlasConfig]):
    # Set only from Python (tests, `atlas build --date` is deliberately not offered): the
    # permission date is today's real date unless a caller passes another explicitly.
    permission_date: dt.date | None = None

    def __init__(self):
        super().__init__()
        self.plan: SitePlan | None = None
        self.embed_errors: list[str] = []
        self.article_errors: list[str] = []
        self.serving = False  # set by on_startup; builds made through Python are never previews

    def on_startup(self, *, command, dirty) -> None:
        # `mkdocs serve` injects its own inline live-reload script into every page it serves;
        # a strict policy would block it, so the preview goes without. Published builds
        # ("build", and serve --clean which builds like one) always get the policy.
        self.serving = command == "serve"

    def on_config(self, config):
        config_file = Path(config.config_file_path).resolve()
        try:
            self.settings = load_settings(config_file.parent, config_file=config_file.name)
        except SettingsError as error:
            raise PluginError(str(error)) from error
        self.captions_path = self.settings.catalog
        self.images_dir = self.settings.images
        self.cache_dir = self.settings.cache
        self.references_path = self.settings.references
        self.glossary_path = self.settings.glossary
        return config

    def on_pre_build(self, config):
        # Read the catalog on every build (also on each reload of `mkdocs serve`).
        self.embed_errors = []
        self.article_errors = []
        # A project without citations (a fixture, a new foundation) needs no references file;
        # citing a key without one is still an error, reported by the article renderer.
        if self.references_path.is_file():
            self.references, problems = check_references(self.references_path, display_name=self.settings.shown(self.references_path))
        else:
            self.references, problems = {}, []
        if self.references is None:
            raise PluginError(
                f"{len(problems)} problem(s) in {self.references_path.name}; nothing was built:\n" + format_problems(problems)
            )
        glossary_text = self.glossary_path.read_text(encoding="utf-8") if self.glossary_path.is_file() else ""
        self.glossary, glossary_problems = parse_glossary(glossary_text, filename=self.settings.shown(self.glossary_path))
        if glossary_problems:
            raise PluginError("problems in the glossary; nothing was built:\n" + "\n".join(glossary_problems))
        catalog, problems = check_catalog(
            self.captions_path,
            images_dir=self.images_dir,
            on=self.permission_date or today(),
            verify_image=cached_verifier(self.cache_dir),
            display_name=self.settings.shown(self.captions_path),
        )
        for problem in problems:
            if problem.severity != ERROR:
                # INFO with a "warning:" or "not published:" label (from Problem.__str__), not
                # log.warning: advice and unpublished photos must not fail a strict build (a
                # mistake in one permission record must never hold back another's takedown).
                log.info(str(problem))
        if catalog is None:
            raise PluginError(
                f"{len(errors_in(problems))} problem(s) in {self.settings.shown(self.captions_path)}; nothing was built:\n"
                + format_problems(errors_in(problems))
            )
        try:
            self.plan = plan_site(
                catalog,
                on=self.permission_date or today(),
                cache_dir=self.cache_dir,
                settings=self.settings.image,
                site=self.settings.site,
                workers=self.settings.workers,
            )
        except ImageError as error:
            raise PluginError(str(error)) from error

    def on_files(self, files: Files, config) -> Files:
        for generated in self.plan.files:
            if generated.source is not None:
                file = File.generated(config, generated.path, abs_src_path=str(generated.source))
            else:
                file = File.generated(config, generated.path, content=generated.content)
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        first_line = body_first_line(page.file.content_string)
        result = expand_embeds(
            markdown,
            first_line=first_line,
            page_path=f"docs/{page.file.src_uri}",
            page_url=page.url,
            catalog=self.plan.catalog,
            published=self.plan.published,
            rendered=self.plan.rendered,
        )
        for notice in result.notices:
            # INFO, not WARNING: a withdrawn photo must never fail a strict build.
            log.info(notice)
        self.embed_errors += result.errors
        article = render_article(
            result.markdown,
            meta=page.meta,
            page_path=f"docs/{page.file.src_uri}",
            url=page.canonical_url or page.url,
            references=self.references,
            glossary=self.glossary,
            contact_email=self.plan.site.contact_email,
            on=self.permission_date or today(),
            first_line=first_line,
        )
        for warning in article.warnings:
            # An overdue medical review is reported on every build but must not fail it: under
            # `strict`, a warning would also block the rebuild that takes a withdrawn photo down.
            log.info(f"warning: {warning}")
        self.article_errors += article.errors
        if article.jsonld:
            page.meta["atlas_jsonld"] = article.jsonld
        # The core has read the front matter as staff typed it; the engine's templates print
        # title, description and any other value without escaping, so they get them escaped.
        page.meta = engine_meta(page.meta, built_safe=("atlas_jsonld",))
        return article.markdown

    def on_post_build(self, config) -> None:
        # Reported together after every page was read, so staff see every bad id at once.
        problems = []
        if self.embed_errors:
            problems.append("unknown photo or gallery ids in pages:\n" + "\n".join(self.embed_errors))
        if self.article_errors:
            problems.append("problems in the articles (citations, review, front matter):\n" + "\n".join(self.article_errors))
        if problems:
            raise PluginError("\n".join(problems))
        if not self.serving:
            # The policy's script hashes come from the theme's templates, never from the pages.
            allowed = theme_script_hashes(config.theme.dirs)
            for line in secure_site(Path(config.site_dir), allowed_scripts=allowed):
                log.warning(line)
