"""The site engines the atlas can hand its prepared docs tree to.

An engine only turns Markdown into HTML with its theme: every step that decides what the site
shows (the permission gate, photo and gallery pages, embeds, citations, review notices, the
glossary, the lightbox markup) is done before it runs (atlas.prepare), and every step that
secures what it wrote (pruning, the guard, the Content-Security-Policy) after (atlas.finish).
So an engine can be replaced without touching the consent gate, and an engine that silently
skips a plugin cannot lose one: there is none.
"""

from __future__ import annotations

import os

from .base import Engine, RenderFailed
from .mkdocs import MKDOCS
from .zensical import ZENSICAL

ENGINES: dict[str, Engine] = {engine.name: engine for engine in (MKDOCS, ZENSICAL)}
# MkDocs 1.6 + Material until Zensical is on par (README, "Engines").
DEFAULT_ENGINE = "mkdocs"
# `make build ENGINE=zensical` passes --engine; the test suites and CI choose by this variable.
ENGINE_VARIABLE = "ATLAS_ENGINE"


def engine_named(name: str | None = None) -> Engine:
    chosen = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    try:
        return ENGINES[chosen]
    except KeyError:
        raise RenderFailed(f"unknown engine '{chosen}' (known: {', '.join(ENGINES)})") from None


__all__ = ["DEFAULT_ENGINE", "ENGINES", "ENGINE_VARIABLE", "MKDOCS", "ZENSICAL", "Engine", "RenderFailed", "engine_named"]
