"""Embeds in the articles that name no photo or gallery: the one thing a build rejects that
lives outside captions.yaml, checked here so `atlas check` catches it before a commit."""

from __future__ import annotations

from ..catalog.model import Catalog
from ..pages.embed import expand_embeds
from .project import Project


def embed_errors(project: Project, catalog: Catalog) -> list[str]:
    """'docs/page.md:12: [[photo:x]]: ...' for every unknown id, in every page."""
    errors: list[str] = []
    docs = project.docs
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        relative = page.relative_to(docs).as_posix()
        # Nothing counts as published here: only whether each id exists matters, and the
        # placeholder path needs no rendered images.
        result = expand_embeds(
            page.read_text(encoding="utf-8"),
            page_path=f"docs/{relative}",
            page_url=relative.removesuffix(".md") + "/",
            catalog=catalog,
            published=set(),
            rendered={},
        )
        errors += result.errors
    return errors
