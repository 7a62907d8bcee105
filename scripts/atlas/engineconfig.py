"""The one flat configuration an engine is run with, made from the project's mkdocs.yml.

The project's file stays what staff and developers edit; the engine gets a copy that points at
the workspace (docs, theme, site), lists no MkDocs plugin but `search` (Zensical would skip any
other silently, so the two engines could differ), leaves out the source-tree guard, and has
every path that MkDocs resolves against the config file made absolute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
import yaml

from .engines import Engine
from .settings import Settings, SettingsError
from .workspace import Workspace

GUARD = "atlas.engines.guard"
# Keys the atlas decides for the engine, or that have no meaning for a prepared tree.
REPLACED = ("docs_dir", "site_dir", "watch", "exclude_docs", "dev_addr")
SUPPORTED_PLUGINS = ("search",)


def engine_config(source: dict[str, Any], settings: Settings, workspace: Workspace, engine: Engine) -> dict[str, Any]:
    """`source`: the project's mkdocs.yml as read by atlas.settings.read_config."""
    name = settings.config_file.name
    if "INHERIT" in source:
        raise SettingsError(f"{name}: INHERIT is not supported (the engines merge it differently); write one file")
    if source.get("hooks"):
        raise SettingsError(f"{name}: hooks are not supported (Zensical does not run them); the atlas's own steps do the work")
    config = {key: value for key, value in source.items() if key not in REPLACED}
    config["docs_dir"] = workspace.docs.name
    config["site_dir"] = workspace.site.name
    theme = dict(config.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)  # the project's own overrides are layered into the workspace theme
    theme["custom_dir"] = workspace.theme.name
    config["theme"] = theme
    if "plugins" in config:  # absent: each engine's default (search)
        config["plugins"] = _plugins(config["plugins"], name)
    config["markdown_extensions"] = _extensions(config.get("markdown_extensions"), settings.root)
    config = inline_own_files(config, settings)
    return engine.adjust_config(config)


INLINE_CSS_KEY = "atlas_inline_css"
INLINE_JS_KEY = "atlas_inline_js"
# The gallery pages' own script (combined filters, "Show more"), inlined on those pages only
# (the theme prints config.extra.atlas_gallery_js where page.meta.atlas_gallery is set).
GALLERY_SCRIPT = "assets/gallery.js"
GALLERY_JS_KEY = "atlas_gallery_js"


def inline_own_files(config: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The project's own stylesheets and scripts (extra_css and extra_javascript files in docs/)
    go into every page as one <style> in <head> and one <script> at the end of <body> (the
    theme prints config.extra.atlas_inline_css and atlas_inline_js) instead of files the page
    waits for: each was one more request on a phone's slow connection, and Lighthouse counted
    the script's, though deferred, in the article's first paint (make bench-pages). The texts
    are fixed here, when the build starts, so the Content-Security-Policy lists their hashes
    (atlas.finish): the policy never depends on a page."""
    styles, linked_styles = _own_files(config.get("extra_css"), settings)
    scripts, linked_scripts = _own_files(config.get("extra_javascript"), settings)
    gallery, _ = _own_files([GALLERY_SCRIPT], settings)
    if not styles and not scripts and not gallery:
        return config
    config = dict(config)
    extra = dict(config.get("extra") or {})
    if gallery:
        extra[GALLERY_JS_KEY] = _inlinable(rjsmin.jsmin(gallery[0][1]), "script", gallery)
    if styles:
        config["extra_css"] = linked_styles
        # Minified, as the scripts are: every page carries this text, and its comments (kept in
        # docs/assets/ for whoever edits them) are no use to a reader's phone.
        extra[INLINE_CSS_KEY] = _inlinable(rcssmin.cssmin("\n".join(text for _, text in styles)), "style", styles)
    if scripts:
        config["extra_javascript"] = linked_scripts
        # One statement after another, as separate files would run; each file keeps its own
        # scope (the atlas's are wrapped in a function).
        extra[INLINE_JS_KEY] = _inlinable(rjsmin.jsmin("\n;\n".join(text for _, text in scripts)), "script", scripts)
    config["extra"] = extra
    return config


def _own_files(entries: Any, settings: Settings) -> tuple[list[tuple[str, str]], list[Any]]:
    """(path, text) of the entries that are files in docs/, and the entries left to link."""
    own, linked = [], []
    for entry in entries or []:
        target = entry.get("path") if isinstance(entry, dict) else entry
        path = settings.docs / str(target) if isinstance(target, str) and "://" not in target else None
        if path is not None and path.is_file():
            own.append((str(target), path.read_text(encoding="utf-8")))
        else:
            linked.append(entry)
    return own, linked


def _inlinable(text: str, element: str, sources: list[tuple[str, str]]) -> str:
    """The text, if it cannot end its own element early (the page would then show the rest)."""
    if f"</{element}" in text.lower() or "<!--" in text:
        names = ", ".join(f"docs/{path}" for path, _ in sources)
        raise SettingsError(
            f"{names}: contains </{element} or <!--, which would end the <{element}> it is inlined in; "
            f"write it another way (for example '<\\/{element}' in a string)"
        )
    return text


def inline_css(config: dict[str, Any]) -> str:
    """The text the theme inlines as <style>, for the policy's hash."""
    return str((config.get("extra") or {}).get(INLINE_CSS_KEY) or "")


def inline_js(config: dict[str, Any]) -> list[str]:
    """The texts the theme inlines as <script> (on every page, on gallery pages), for the policy's hashes."""
    extra = config.get("extra") or {}
    return [str(extra[key]) for key in (INLINE_JS_KEY, GALLERY_JS_KEY) if extra.get(key)]


def write_engine_config(config: dict[str, Any], workspace: Workspace) -> Path:
    workspace.config_file.write_text(
        "# Generated by `atlas build` from the project's mkdocs.yml for one build; edit that file instead.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1_000_000),
        encoding="utf-8",
    )
    return workspace.config_file


def custom_theme(source: dict[str, Any], settings: Settings) -> Path | None:
    """The project's own template overrides (mkdocs.yml `theme.custom_dir`), if any: they are
    laid over the atlas's templates, so a foundation may restyle without forking the atlas."""
    theme = source.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return settings.root / custom if custom else None


def _plugins(plugins: Any, config_name: str) -> list:
    kept = []
    for entry in plugins or []:
        plugin = next(iter(entry)) if isinstance(entry, dict) else entry
        if plugin not in SUPPORTED_PLUGINS:
            raise SettingsError(
                f"{config_name}: plugins: '{plugin}' is not supported: Zensical would skip it without a word, so the "
                "two engines would build different sites. Remove it, or do the work in the atlas's own steps."
            )
        kept.append(entry)
    return kept


def _extensions(extensions: Any, root: Path) -> list:
    kept = []
    for entry in extensions or []:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name == GUARD:
            continue
        if name == "pymdownx.snippets" and isinstance(entry, dict):
            options = dict(entry[name] or {})
            # Relative to the working folder under Zensical, the config folder under MkDocs.
            options["base_path"] = str(root)
            entry = {name: options}
        kept.append(entry)
    return kept
