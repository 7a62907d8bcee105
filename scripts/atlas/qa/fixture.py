"""The one builder of small atlas projects' `mkdocs.yml`, for the tests and `make bench`.

Tests build tiny projects in temporary folders, never the sample content; they differ only in
what they switch on, so they all say it here instead of each keeping its own copy of a config.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SITE_URL = "https://atlas.example.org/"


def write_config(
    root: Path,
    *,
    site_name: str = "Fixture atlas",
    strict: bool = False,
    search: bool = True,
    glossary: bool = False,
    atlas: dict[str, Any] | None = None,
    nav: list | None = None,
) -> Path:
    """Write `root/mkdocs.yml` for a fixture project and return its path.

    `glossary`: the articles' Markdown (admonitions, abbreviations, the glossary appended to
    every page, as the real site has). `atlas`: the project's extra.atlas settings."""
    # The guard, as in the real mkdocs.yml: a fixture is a source tree, built only by atlas build.
    extensions: list[Any] = ["atlas.engines.guard", "attr_list", "md_in_html"]
    config: dict[str, Any] = {
        "site_name": site_name,
        "site_url": SITE_URL,
        "strict": strict,
        "theme": {"name": "material", "font": False, "language": "en"},
        "extra": {"generator": False, "atlas": dict(atlas or {})},
        "plugins": ["search"] if search else [],
        "markdown_extensions": extensions,
        "not_in_nav": "/photos/*\n/galleries/*\n",
    }
    if glossary:
        extensions += ["admonition", "abbr"]
        config["exclude_docs"] = "includes/\n"
    if nav is not None:
        config["nav"] = nav
    path = Path(root) / "mkdocs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
