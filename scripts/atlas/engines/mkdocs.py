"""The MkDocs 1.6 + Material adapter: build or serve a prepared tree. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

from .base import Engine, RenderFailed


def render(config_file: Path, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    try:
        build(load_config(str(config_file), strict=strict))
    except Abort as error:
        # MkDocs turns the real error into "Aborted with a BuildError!"; show the real one.
        raise RenderFailed(str(error.__context__ or error)) from error
    except Exception as error:  # a template or extension error: the engine's own message
        raise RenderFailed(f"{type(error).__name__}: {error}") from error


def serve_command(config_file: Path, addr: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file), "--dev-addr", addr, "--livereload"]


def templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


MKDOCS = Engine(name="mkdocs", render=render, serve_command=serve_command, templates=templates)
