"""The folder one build works in: the prepared docs tree, the theme, the generated engine
configuration and the engine's output, side by side because Zensical wants docs_dir and
site_dir inside the configuration's folder. It is made new for every build, beside the
published site (so the finished site can be swapped in by one rename), and removed after."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Workspace:
    folder: Path

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def theme(self) -> Path:
        return self.folder / "theme"

    @property
    def config_file(self) -> Path:
        return self.folder / "mkdocs.yml"
