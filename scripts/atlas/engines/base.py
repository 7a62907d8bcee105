"""What the atlas needs from a site engine: render a prepared tree, serve it, name its theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


class RenderFailed(Exception):
    """The engine did not turn the prepared tree into a complete site; the text says why."""


@dataclass(frozen=True)
class Engine:
    name: str
    # Builds <workspace>/site from <workspace>/mkdocs.yml (atlas.workspace); raises RenderFailed.
    render: Callable[[Path, bool], None]
    # The command that previews the prepared tree, rebuilding when it changes.
    serve_command: Callable[[Path, str], list[str]]
    # The engine's own template folder, after the atlas's overrides in the theme lookup.
    templates: Callable[[], Path]
    # Changes to the generated configuration that only this engine needs.
    adjust_config: Callable[[dict], dict] = lambda config: config
    # Whether relative src/srcset/href in raw HTML are rewritten as if relative to the Markdown
    # file (Zensical) or left as written, relative to the page (MkDocs).
    rewrites_raw_html_urls: bool = False
    # The text of each <style> element the theme's own JavaScript inserts (allowed by hash).
    inline_styles: Callable[[], tuple[str, ...]] = lambda: ()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """An engine's log without colour codes (Zensical colours them even when piped)."""
    return _ANSI.sub("", text)
