"""`atlas serve`: a live preview, on either engine, of exactly what `atlas build` would publish.

The atlas prepares its docs tree into a workspace of its own (.cache/preview/<engine>), starts the
engine's own preview server on that tree, and prepares the tree again whenever a source changes
(docs/, the catalog, the photos, references, mkdocs.yml, the atlas's code or templates). The
engine sees its tree change and reloads the browser. Only changed files are rewritten, so a
caption edit re-renders the pages it touches, not every photo.

The preview has no Content-Security-Policy: both engines inject a live-reload script that a fixed
policy would block (the published build always has the policy).
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .engines import Engine
from .permission import today
from .prepare import PrepareFailed, prepare
from .settings import Settings, SettingsError, load_settings
from .workspace import Workspace

POLL_SECONDS = 1.0


def serve(root: Path, *, engine: Engine, addr: str) -> int:
    settings = load_settings(root)
    preview = Workspace(settings.cache.parent / "preview" / engine.name)
    if not refresh(settings, preview, engine=engine):
        return 1
    server = subprocess.Popen(engine.serve_command(preview.config_file, addr), cwd=preview.folder)
    print(f"Preview ({engine.name}) at http://{addr}/ (Ctrl-C to stop). Changes to docs/, captions.yaml "
          "and images/ show after a moment.", flush=True)
    seen = _fingerprint(settings)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _fingerprint(settings)
            if now != seen:
                seen = now
                try:
                    settings = load_settings(root)
                except SettingsError as error:
                    print(error, file=sys.stderr)
                    continue
                refresh(settings, preview, engine=engine)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


def refresh(settings: Settings, preview: Workspace, *, engine: Engine, on: dt.date | None = None) -> bool:
    """Prepare into a fresh folder, then copy into the preview's tree only what changed; False
    (and the message) when the sources have a problem: the preview keeps the last good tree."""
    fresh = Workspace(preview.folder.with_name(preview.folder.name + ".next"))
    shutil.rmtree(fresh.folder, ignore_errors=True)
    try:
        prepare(settings, fresh, engine=engine, on=on or today())
    except PrepareFailed as error:
        print(f"Not updated: {error}", file=sys.stderr, flush=True)
        shutil.rmtree(fresh.folder, ignore_errors=True)
        return False
    preview.folder.mkdir(parents=True, exist_ok=True)
    for part in ("docs", "theme"):
        _mirror(fresh.folder / part, preview.folder / part)
    if not preview.config_file.is_file() or not filecmp.cmp(fresh.config_file, preview.config_file, shallow=False):
        shutil.copy2(fresh.config_file, preview.config_file)
    shutil.rmtree(fresh.folder, ignore_errors=True)
    return True


def _mirror(source: Path, target: Path) -> None:
    """Make `target` hold exactly `source`'s files, writing only those that differ."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for relative in wanted:
        new, old = source / relative, target / relative
        if not old.is_file() or not filecmp.cmp(new, old, shallow=False):
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(new, old)
    for old in sorted(target.rglob("*"), reverse=True) if target.is_dir() else []:
        relative = old.relative_to(target)
        if old.is_file() and relative not in wanted:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()


def _fingerprint(settings: Settings) -> dict[str, float]:
    watched = [settings.config_file, settings.catalog, settings.references, settings.docs, settings.images,
               Path(__file__).parent]
    stamps: dict[str, float] = {}
    for path in watched:
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            if "__pycache__" not in file.parts:
                stamps[os.fspath(file)] = file.stat().st_mtime
    return stamps
