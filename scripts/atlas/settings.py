"""The atlas's settings, read from one place by a plain loader that imports no site engine.

They live in `mkdocs.yml` under `extra.atlas`, because both engines read that file (MkDocs, and
Zensical after it) and both hand `extra` to the templates untouched. Every command (`check`,
`build`, `serve`, `add-photo`, `withdraw`, `permissions`, `takedown`, `bench`, `qa`) asks
`load_settings()`, so moving the catalog to `data/captions.yaml` is one line here:

    extra:
      atlas:
        catalog: data/captions.yaml     # the photo catalog (default captions.yaml)
        images: images                  # the original photos
        cache: .cache/atlas             # encoded photos, kept between builds
        references: references.yaml
        glossary: docs/includes/glossary.md
        contact_email: contact@example.org
        reuse_page: about-the-photos/
        workers: 2                      # image encoders at once (default: one per core)
        image:                          # see atlas.images.settings for what each one does
          widths: [480, 960, 1600]
          jpeg_quality: 82

An unknown or mistyped setting is an error naming its line, never silently ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .images.settings import ImageSettings
from .pages.context import SiteInfo

CONFIG_FILE = "mkdocs.yml"

# Paths, relative to the folder mkdocs.yml is in.
PATH_DEFAULTS = {
    "catalog": "captions.yaml",
    "images": "images",
    "cache": ".cache/atlas",
    "references": "references.yaml",
    "glossary": "docs/includes/glossary.md",
}
TEXT_DEFAULTS = {"contact_email": "", "reuse_page": "", "publisher": ""}
IMAGE_KEYS = {f.name for f in fields(ImageSettings)} - {"watermark", "background"}
# The staff editor at /admin/ (atlas.editor): the GitHub repository it saves to, its branch,
# and the address of the OAuth login service that lets staff sign in with GitHub.
EDITOR_KEYS = ("repo", "branch", "login")
# When `atlas permissions` and the daily reminder flag a photo: pending for longer than this (a
# consent request unanswered for a month needs chasing), or its consent ending within this many
# days (time to ask for renewal).
DAY_DEFAULTS = {"pending_too_long_days": 30, "expiring_within_days": 60}


class SettingsError(Exception):
    """mkdocs.yml's atlas settings cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class Settings:
    root: Path  # the project folder, where mkdocs.yml is
    config_file: Path
    site_name: str
    site_url: str  # ending in '/', or '' when unknown
    docs: Path
    site_dir: Path
    catalog: Path
    images: Path
    cache: Path
    references: Path
    glossary: Path
    contact_email: str = ""
    reuse_page: str = ""
    publisher: str = ""  # the foundation, for citations (default: the site's name)
    image: ImageSettings = ImageSettings()
    workers: int | None = None
    editor: dict[str, str] = field(default_factory=dict)  # the staff editor's git host (EDITOR_KEYS)
    pending_too_long_days: int = DAY_DEFAULTS["pending_too_long_days"]
    expiring_within_days: int = DAY_DEFAULTS["expiring_within_days"]
    # Words people type, per word the pages use: {"radiotherapy": ["radiation"], ...}, so search
    # finds "radiotherapy" for "radiation" (atlas.searchindex).
    search_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def site(self) -> SiteInfo:
        return SiteInfo(name=self.site_name, url=self.site_url, contact_email=self.contact_email, reuse_page=self.reuse_page,
                        publisher=self.publisher)

    def shown(self, path: Path) -> str:
        """A path as staff see it in messages: relative to the project (data/captions.yaml)."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags: !ENV is read as MkDocs reads it (the variable, else
    the default) and !relative as the folder it names; any other tag's value reads as null."""

    root: Path = Path(".")


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "ENV":
        names = [node.value] if isinstance(node, yaml.ScalarNode) else [n.value for n in node.value]
        *variables, default = names if len(names) > 1 else (names + [None])
        return next((os.environ[v] for v in variables if v in os.environ), default)
    if suffix == "relative":
        # MkDocs' `!relative $config_dir` (or `$docs_dir`, not supported here: say so by null).
        return str(loader.root) if node.value in ("", "$config_dir") else None
    return None


_Loader.add_multi_constructor("!", _tagged)


def _loader_for(root: Path) -> type[_Loader]:
    return type("_ProjectLoader", (_Loader,), {"root": root})


def read_config(path: Path, *, root: Path) -> dict[str, Any]:
    """The whole of mkdocs.yml as plain data (the engine configuration is made from it)."""
    try:
        config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_loader_for(root)) or {}
    except FileNotFoundError:
        return {}
    except yaml.YAMLError as error:
        raise SettingsError(f"{Path(path).name}: cannot be read: {error}") from error
    if not isinstance(config, dict):
        raise SettingsError(f"{Path(path).name}:1: the file must be a list of 'name: value' settings")
    return config


def load_settings(root: Path, *, config_file: str = CONFIG_FILE) -> Settings:
    root = Path(root).resolve()
    path = root / config_file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""  # a folder without mkdocs.yml (a bare catalog): every default
    try:
        tree = yaml.compose(text, Loader=_loader_for(root))
        config = yaml.load(text, Loader=_loader_for(root)) or {}
    except yaml.YAMLError as error:
        raise SettingsError(f"{config_file}: cannot be read: {error}") from error
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file}:1: the file must be a list of 'name: value' settings")
    atlas = ((config.get("extra") or {}).get("atlas")) or {}
    lines = _lines_of_atlas_keys(tree)
    problems = []
    for key in atlas:
        if key not in PATH_DEFAULTS and key not in TEXT_DEFAULTS and key not in ("image", "workers", "editor", "search_synonyms", *DAY_DEFAULTS):
            known = ", ".join([*PATH_DEFAULTS, *TEXT_DEFAULTS, "image", "workers", "editor", "search_synonyms", *DAY_DEFAULTS])
            problems.append(f"{config_file}:{lines.get(key, 1)}: extra.atlas.{key}: unknown setting (known: {known})")
    image = atlas.get("image") or {}
    for key in image if isinstance(image, dict) else []:
        if key not in IMAGE_KEYS:
            problems.append(f"{config_file}:{lines.get('image', 1)}: extra.atlas.image.{key}: unknown setting (known: {', '.join(sorted(IMAGE_KEYS))})")
    for key in DAY_DEFAULTS:
        days = atlas.get(key)
        if days is not None and not (isinstance(days, int) and not isinstance(days, bool) and days >= 1):
            problems.append(f"{config_file}:{lines.get(key, 1)}: extra.atlas.{key}: '{days}' is not a number of days (write 1 or more, or leave it out)")
    workers = atlas.get("workers")
    if workers is not None and not (isinstance(workers, int) and not isinstance(workers, bool) and workers >= 1):
        problems.append(f"{config_file}:{lines.get('workers', 1)}: extra.atlas.workers: '{workers}' is not a number of workers (write 1 or more, or leave it out)")
    editor = atlas.get("editor") or {}
    for key in editor if isinstance(editor, dict) else ["(not a list of settings)"]:
        if key not in EDITOR_KEYS:
            problems.append(f"{config_file}:{lines.get('editor', 1)}: extra.atlas.editor.{key}: unknown setting (known: {', '.join(EDITOR_KEYS)})")
    synonyms = atlas.get("search_synonyms") or {}
    if not isinstance(synonyms, dict) or not all(
        isinstance(word, str) and isinstance(others, list) and all(isinstance(o, str) and o.strip() for o in others)
        for word, others in synonyms.items()
    ):
        problems.append(
            f"{config_file}:{lines.get('search_synonyms', 1)}: extra.atlas.search_synonyms: write one word a line, "
            "each with the list of words people type for it, such as  radiotherapy: [radiation, radiation therapy]"
        )
        synonyms = {}
    if problems:
        raise SettingsError("\n".join(problems))
    try:
        image_settings = ImageSettings(**{k: tuple(v) if isinstance(v, list) else v for k, v in image.items()})
    except (TypeError, ValueError) as error:
        raise SettingsError(f"{config_file}:{lines.get('image', 1)}: extra.atlas.image: {error}") from error
    url = str(config.get("site_url") or "")
    return Settings(
        root=root,
        config_file=path,
        site_name=str(config.get("site_name") or "Cutaneous Metastases Atlas"),
        site_url=url if url.endswith("/") or not url else url + "/",
        docs=root / str(config.get("docs_dir") or "docs"),
        site_dir=root / str(config.get("site_dir") or "site"),
        **{key: root / str(atlas.get(key) or default) for key, default in PATH_DEFAULTS.items()},
        **{key: str(atlas.get(key) or default) for key, default in TEXT_DEFAULTS.items()},
        image=image_settings,
        workers=workers,
        editor={key: str(value) for key, value in editor.items() if value},
        **{key: atlas.get(key) or default for key, default in DAY_DEFAULTS.items()},
        search_synonyms={word.strip().lower(): tuple(o.strip() for o in others) for word, others in synonyms.items()},
    )


def _lines_of_atlas_keys(tree: yaml.Node | None) -> dict[str, int]:
    """The line each extra.atlas key is on, for messages."""

    def child(node, name):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == name:
                    return value
        return None

    atlas = child(child(tree, "extra"), "atlas")
    if not isinstance(atlas, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in atlas.value if isinstance(key, yaml.ScalarNode)}
