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

from .catalog import WARNING, check_catalog, errors_in, format_problems
from .images import ImageError, cached_verifier
from .pages.embed import expand_embeds
from .permission import today
from .site import SitePlan, plan_site

log = get_plugin_logger("atlas")


class AtlasConfig(Config):
    captions = c.Type(str, default="captions.yaml")
    images = c.Type(str, default="images")
    cache = c.Type(str, default=".cache/atlas")


class AtlasPlugin(BasePlugin[AtlasConfig]):
    # Set only from Python (tests, `atlas build --date` is deliberately not offered): the
    # permission date is today's real date unless a caller passes another explicitly.
    permission_date: dt.date | None = None

    def __init__(self):
        super().__init__()
        self.plan: SitePlan | None = None
        self.embed_errors: list[str] = []

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        self.captions_path = root / self.config.captions
        self.images_dir = root / self.config.images
        self.cache_dir = root / self.config.cache
        return config

    def on_pre_build(self, config):
        # Read the catalog on every build (also on each reload of `mkdocs serve`).
        self.embed_errors = []
        catalog, problems = check_catalog(
            self.captions_path, images_dir=self.images_dir, verify_image=cached_verifier(self.cache_dir)
        )
        for problem in problems:
            if problem.severity == WARNING:
                log.warning(str(problem))
        if catalog is None:
            raise PluginError(
                f"{len(errors_in(problems))} problem(s) in {self.captions_path.name}; nothing was built:\n"
                + format_problems(errors_in(problems))
            )
        try:
            self.plan = plan_site(
                catalog, on=self.permission_date or today(), cache_dir=self.cache_dir, site_url=config.site_url or ""
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
        result = expand_embeds(
            markdown,
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
        return result.markdown

    def on_post_build(self, config) -> None:
        # Reported together after every page was read, so staff see every bad id at once.
        if self.embed_errors:
            raise PluginError("unknown photo or gallery ids in pages:\n" + "\n".join(self.embed_errors))
