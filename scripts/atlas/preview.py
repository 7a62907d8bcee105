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


def serve(root: Path, *, engine: Engine, addr: str, editor: bool = False) -> int:
    """`editor`: `make edit`, the staff editor at /admin/ on the local backend (atlas.editor.local)."""
    if editor:
        from .staff import Project, catalog_lock

        with catalog_lock(Project(root), timeout=0, holder="make edit (the editor in a browser)"):
            return _serve(root, engine=engine, addr=addr, editor=True)
    return _serve(root, engine=engine, addr=addr, editor=False)


def _serve(root: Path, *, engine: Engine, addr: str, editor: bool) -> int:
    settings = load_settings(root)
    preview = Workspace(settings.cache.parent / "preview" / engine.name)
    if not refresh(settings, preview, engine=engine, local_editor=editor):
        return 1
    host, _, port = addr.rpartition(":")
    helpers: list[subprocess.Popen] = []
    door = None
    engine_addr = f"{host}:{int(port) + 1}" if editor else addr
    server = subprocess.Popen(engine.serve_command(preview.config_file, engine_addr), cwd=preview.folder)
    try:
        if editor:
            from .editor.local import decap_server, serve_front_door

            helpers.append(decap_server(root))
            door = serve_front_door((host, int(port)), admin=preview.docs / "admin", preview=(host, int(port) + 1))
            print(f"Editor at http://{addr}/admin/ (saves to this folder), preview at http://{addr}/ (Ctrl-C to stop).", flush=True)
        else:
            print(f"Preview ({engine.name}) at http://{addr}/ (Ctrl-C to stop). Changes to docs/, captions.yaml "
                  "and images/ show after a moment.", flush=True)
        seen = _fingerprint(settings)
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
                refresh(settings, preview, engine=engine, local_editor=editor)
    except KeyboardInterrupt:
        pass
    finally:
        if door is not None:
            door.shutdown()
        for process in [server, *helpers]:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


def refresh(settings: Settings, preview: Workspace, *, engine: Engine, on: dt.date | None = None,
            local_editor: bool = False) -> bool:
    """Prepare into a fresh folder, then copy into the preview's tree only what changed; False
    (and the message) when the sources have a problem: the preview keeps the last good tree."""
    fresh = Workspace(preview.folder.with_name(preview.folder.name + ".next"))
    shutil.rmtree(fresh.folder, ignore_errors=True)
    try:
        prepare(settings, fresh, engine=engine, on=on or today(), local_editor=local_editor)
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
