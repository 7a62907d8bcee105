"""A Markdown extension listed in mkdocs.yml so that `mkdocs build`, `mkdocs serve` or
`zensical build` run by hand on docs/ fail loudly instead of publishing a site without its
photo pages, with raw [[photo:...]] embeds and [@key] citations, and with no
Content-Security-Policy. Both engines load Markdown extensions (Zensical ignores MkDocs
plugins, so a plugin could not stop it). The configuration the atlas generates for the engine
leaves this extension out (atlas.engineconfig)."""

from __future__ import annotations

from markdown import Extension

MESSAGE = (
    "This is the atlas's source, not something an engine can build directly: the photo pages, "
    "the permission checks, embeds, citations and the security policy are made by `atlas build`. "
    "Run `make build` (or `make serve` to preview; add ENGINE=zensical for Zensical)."
)


class SourceTreeError(RuntimeError):
    pass


class SourceTreeGuard(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        raise SourceTreeError(MESSAGE)


def makeExtension(**kwargs) -> SourceTreeGuard:  # noqa: N802 - Python-Markdown's name
    return SourceTreeGuard(**kwargs)
