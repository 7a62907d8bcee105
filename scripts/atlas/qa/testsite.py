"""The real site, built once for a test session (the browser and site-check suites share it).

Both suites call `build_once` with the same session temp folder: whichever runs first builds,
the other finds the finished build. The permission date is fixed once per build and returned,
so tests ask the permission gate about the very date the site was built for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..build import build_site
from ..engines import engine_named
from ..catalog import Catalog, load_catalog
from ..settings import load_settings


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the project folder (mkdocs.yml, captions.yaml, images/)
    site_dir: Path
    on: dt.date
    site_url: str | None

    def catalog(self) -> Catalog:
        settings = load_settings(self.root)
        return load_catalog(settings.catalog, images_dir=settings.images, on=self.on)


def build_once(project_root: Path, into: Path) -> BuiltSite:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    project_root = Path(project_root).resolve()
    engine = engine_named().name  # $ATLAS_ENGINE, else MkDocs: `make test` runs the site checks on both
    into = into / engine
    marker = into / "built.json"
    site_dir = into / "site"
    if not marker.is_file():
        on = dt.date.today()
        into.mkdir(parents=True, exist_ok=True)
        build_site(project_root / "mkdocs.yml", site_dir=site_dir, on=on, engine=engine)
        marker.write_text(json.dumps({"on": on.isoformat()}))
    on = dt.date.fromisoformat(json.loads(marker.read_text())["on"])
    return BuiltSite(project_root, site_dir, on, site_url_of(project_root / "mkdocs.yml"))


def site_url_of(config_file: Path) -> str | None:
    """site_url from mkdocs.yml, read without MkDocs (canonical links and the sitemap use it)."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold MkDocs' own tags (!ENV, !relative): irrelevant here, read as null.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return config.get("site_url")
