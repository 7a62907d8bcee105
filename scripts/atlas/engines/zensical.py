"""The Zensical adapter: build or serve a prepared tree with the `zensical` command.

Zensical (the Material team's successor to MkDocs + Material) is an optional extra
(`pip install -e '.[zensical]'`, which `make build ENGINE=zensical` runs). It runs as its own
process: it is a Rust program with a Python front end, and its exit code and log are all the
atlas needs. What it does differently is in notes/zensical/NOTES.md; the parts that matter:
it empties site_dir first (the atlas points it only at the workspace), caches pages beside the
config (the workspace is new for every build, so a build is never served from a stale cache),
ignores MkDocs plugins (the atlas has none) and reads `theme.variant` (classic = Material's look).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from .base import Engine, RenderFailed, plain

# The version the atlas is tested with; pyproject.toml pins it (the `zensical` extra).
TESTED_VERSION = "0.0.73"
MISSING = (
    "Zensical is not installed. Run `make build ENGINE=zensical` (it installs it), or "
    "`.venv/bin/pip install -e '.[zensical]'`."
)


def executable() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if not found:
        raise RenderFailed(MISSING)
    return found


def version() -> str | None:
    try:
        return metadata.version("zensical")
    except metadata.PackageNotFoundError:
        return None


def render(config_file: Path, strict: bool) -> None:
    installed = version()
    if installed is None:
        raise RenderFailed(MISSING)
    if installed != TESTED_VERSION:
        # Not refused: a newer Zensical may be fine, but the finish step's checks are what
        # prove it, and the log says which version built the site.
        print(f"warning: Zensical {installed} is not the tested {TESTED_VERSION}", file=sys.stderr)
    command = [executable(), "build", "--config-file", str(config_file), "--clean"]
    if strict:
        command.append("--strict")
    done = subprocess.run(command, cwd=config_file.parent, capture_output=True, text=True)
    log = plain(done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise RenderFailed(f"Zensical stopped (exit {done.returncode}):\n{log}")
    warnings = [line for line in log.splitlines() if line.lower().startswith("warning")]
    if warnings and strict:  # it has exited 0 with warnings before (a nav entry to a missing page)
        raise RenderFailed("Zensical warned (strict build):\n" + "\n".join(warnings))


def serve_command(config_file: Path, addr: str) -> list[str]:
    return [executable(), "serve", "--config-file", str(config_file), "--dev-addr", addr]


def templates() -> Path:
    try:
        import zensical
    except ImportError:
        raise RenderFailed(MISSING) from None
    return Path(zensical.__file__).parent / "templates"


# Zensical's search dialog is drawn in a shadow root with a <style> element whose text is a
# constant in the theme's JavaScript bundle: `o.appendChild(C("style",{},Tc.toString()))`.
_STYLE_ELEMENT = re.compile(r'C\("style",\{\},(?P<name>[\w$]+)(?:\.toString\(\))?\)')


def inline_styles() -> tuple[str, ...]:
    """The text of every <style> element the theme's bundle inserts at run time, read from the
    installed bundle (never from a page), so the fixed policy can allow exactly these by hash.
    Fails loudly if the bundle no longer has the shape this reads: the search would break."""
    bundles = sorted((templates() / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise RenderFailed(f"expected one Zensical bundle.*.min.js, found {len(bundles)}")
    code = bundles[0].read_text(encoding="utf-8")
    texts = []
    for use in _STYLE_ELEMENT.finditer(code):
        name = re.escape(use.group("name"))
        literal = re.search(rf"(?:^|[,;\s{{(]){name}=('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", code)
        if literal is None:
            raise RenderFailed(f"{bundles[0].name}: cannot find the text of the <style> that {use.group(0)} inserts")
        texts.append(ast.literal_eval(literal.group(1)))  # JS and Python agree on these escapes
    if not texts:
        raise RenderFailed(f"{bundles[0].name}: found no <style> the search inserts; the CSP would block it or allow nothing")
    return tuple(texts)


def adjust_config(config: dict) -> dict:
    theme = dict(config.get("theme") or {})
    # Zensical's default look is its new "modern" variant; the atlas's CSS is written for
    # Material's, which Zensical calls classic.
    theme.setdefault("variant", "classic")
    return {**config, "theme": theme}


ZENSICAL = Engine(name="zensical", render=render, serve_command=serve_command, templates=templates, adjust_config=adjust_config, inline_styles=inline_styles,
                    rewrites_raw_html_urls=True)
