"""Every page is valid HTML by the W3C Nu HTML Checker (vnu), the checker behind
validator.w3.org: beyond parsing (htmlcheck.py), it knows which attributes each element may
carry and which ARIA goes where, so it catches markup that browsers and screen readers may
each read their own way (an aria-label a screen reader ignores, a label for no control).

The checker is the `vnu-jar` npm package (scripts/node, installed by `make`), run with a Java
runtime (Debian's default-jre-headless; .ci/run installs it). It checks files on this machine
and fetches nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..editor.admin import NODE_TOOLS
from .sitefiles import html_pages

VNU_JAR = NODE_TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The whole sample site takes about ten seconds; a catalog of thousands of photos, minutes.
TIMEOUT_SECONDS = 1800


class CheckerMissing(RuntimeError):
    """Java or vnu.jar is not installed: the check cannot run (the message says what to install)."""


def checker_missing(*, jar: Path = VNU_JAR, java: str | None = None) -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if (java or shutil.which("java")) is None:
        return (
            "no java on PATH for the Nu HTML Checker: install Debian's Java runtime "
            "(apt-get install default-jre-headless); .ci/run does this in CI"
        )
    if not Path(jar).is_file():
        return f"the Nu HTML Checker is not installed ({jar} not found): run make, which installs scripts/node (npm ci)"
    return None


def invalid_html_problems(
    site_dir: Path, *, pages: list[Path] | None = None, jar: Path = VNU_JAR, java: str | None = None
) -> list[str]:
    """Every error the Nu HTML Checker finds in the site's pages (all of them unless `pages`
    names some), as "page:line:column: what is wrong (at: the markup)". Warnings are not
    problems. Raises CheckerMissing when Java or the checker is not installed."""
    site_dir = Path(site_dir).resolve()
    reason = checker_missing(jar=jar, java=java)
    if reason:
        raise CheckerMissing(reason)
    # The staff editor's page at /admin/ is included: the atlas writes it, and it passes.
    files = [Path(p).resolve() for p in pages] if pages is not None else html_pages(site_dir)
    if not files:
        return []
    command = [
        java or shutil.which("java"),
        "-jar",
        str(jar),
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        # Language detection only ever gives warnings, which --errors-only drops: skip the work.
        "--no-langdetect",
        *map(str, files),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(
            f"the Nu HTML Checker gave no report (exit status {run.returncode}): {run.stderr.strip()[-2000:]}"
        ) from error
    return [_problem(message, site_dir) for message in messages if message.get("type") != "info"]


def _problem(message: dict, site_dir: Path) -> str:
    page = _shown_path(message.get("url", ""), site_dir)
    line = message.get("firstLine") or message.get("lastLine")
    column = message.get("firstColumn") or message.get("lastColumn")
    where = page + (f":{line}" if line else "") + (f":{column}" if line and column else "")
    text = message.get("message", "").strip()
    if message.get("type") == "non-document-error":
        text = f"could not check this file: {text}"
    extract = " ".join((message.get("extract") or "").split())
    return f"{where}: {text}" + (f" (at: {extract})" if extract else "")


def _shown_path(url: str, site_dir: Path) -> str:
    # vnu names each file by its file: URL; show it the way the other checks do, from the site root.
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.resolve().relative_to(site_dir).as_posix()
    except ValueError:
        return str(path)
