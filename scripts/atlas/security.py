"""Security headers for the published site: a Content-Security-Policy <meta> on every page, and
a `_headers` file for static hosts that read one (Netlify, Cloudflare Pages).

The policy allows only the site's own scripts, styles and images, so a page can never load
anything from another host, even by mistake. The only inline scripts it allows are the ones
the site itself ships in its theme, and their hashes are computed from the theme's template
files before any content is read, never from the built pages: a script that staff text smuggled
into a page would otherwise have its hash added, and the safety net would bless the attack.

Material writes a few small inline <script> elements. The one in
`partials/javascripts/base.html` held the page's relative path to the site root in its text,
so it differed with page depth; the atlas theme overrides it with a depth-independent form
(the path is in an attribute, which the hash does not cover), so one fixed set of hashes serves
every page. Nothing here imports MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Iterable

# The theme templates that write inline <script> elements into every page, looked up through
# the theme's folders in order (the atlas overrides first). Their script texts must be fixed:
# any Jinja inside a script's text is refused, because it would make the hash page-dependent.
INLINE_SCRIPT_TEMPLATES = (
    "partials/javascripts/base.html",  # Material's storage helpers (overridden: depth-independent)
    "partials/javascripts/content.html",  # Material's tab-state restore
    "partials/javascripts/palette.html",  # Material's colour-scheme restore
    "atlas-theme-loader.html",  # the atlas's own: loads the theme's script on the reader's first action
)

# The directives every page gets. 'self' means the site's own address only.
BASE_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    # data: because Material's own stylesheet draws its icons as inline SVG data URLs
    # (mask-image: url("data:image/svg+xml...")); no other host is allowed.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # the search index is fetched from the site itself
    "worker-src": ("'self'",),  # the search runs in a worker script from the site itself
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
# Browsers ignore these in a <meta> policy; they work only as a real HTTP header.
HEADER_ONLY_POLICY: dict[str, tuple[str, ...]] = {"frame-ancestors": ("'none'",)}

# No referrer: a site about cancer must not tell the sites it links to which page a reader
# was on (a URL such as /photos/scalp-nodule/ is itself health information).
REFERRER_POLICY = "no-referrer"

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JINJA = re.compile(r"\{\{|\{%|\{#")
_CSP_META = re.compile(r"""<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\n?""", re.IGNORECASE)
_REFERRER_META = re.compile(r"""<meta\s+name=["']referrer["'][^>]*>\n?""", re.IGNORECASE)
_CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>\n?", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>\n?", re.IGNORECASE)

# Script types browsers run. Others (Material's <script type="application/json"> config, the
# JSON-LD blocks) are data blocks: never executed, so CSP does not govern them.
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}


class ThemeScriptError(Exception):
    """A theme template's inline script cannot be allowed by a fixed hash."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in `html` that a browser would execute."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _JAVASCRIPT_TYPES:
            found.append(body)
    return found


def inline_styles(html: str) -> list[str]:
    return [match.group(2) for match in _STYLE.finditer(html)]


def source_hash(text: str) -> str:
    """A CSP hash source: the SHA-256 of the element's exact text, as the browser computes it."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_script_hashes(template_dirs: Iterable[Path], templates: Iterable[str] = INLINE_SCRIPT_TEMPLATES) -> frozenset[str]:
    """The hashes of the inline scripts the theme ships, read from its template files (the first
    folder that has a template wins, as in the theme's own lookup)."""
    dirs = [Path(d) for d in template_dirs]
    hashes = set()
    for name in templates:
        source = next((d / name for d in dirs if (d / name).is_file()), None)
        if source is None:
            continue  # a theme without this partial writes no such script
        for body in inline_scripts(source.read_text(encoding="utf-8")):
            if _JINJA.search(body):
                raise ThemeScriptError(
                    f"{source}: an inline <script> has template code in its text, so its hash would differ "
                    "from page to page; move the value into an attribute (see scripts/atlas/theme/mkdocs/partials/javascripts/base.html)"
                )
            hashes.add(source_hash(body))
    return frozenset(hashes)


def policy(script_hashes: Iterable[str] = (), *, header: bool = False, style_hashes: Iterable[str] = ()) -> str:
    """`style_hashes`: <style> elements the theme's own script inserts (Zensical's search
    dialog); never inline style attributes, which stay blocked."""
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += sorted(set(script_hashes))
    directives["style-src"] += sorted(set(style_hashes))
    if header:
        directives.update({name: list(values) for name, values in HEADER_ONLY_POLICY.items()})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_security_meta(html: str, page_policy: str) -> str:
    """`html` with its CSP and referrer <meta> elements, first in <head>.

    First, because a <meta> policy only governs what comes after it: Material's first inline
    script is written before the theme's `extrahead` block. Running this twice changes nothing.
    """
    html = _REFERRER_META.sub("", _CSP_META.sub("", html))
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{page_policy}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">\n'
    )
    anchor = _CHARSET_META.search(html) or _HEAD.search(html)
    if anchor is None:  # not a full page (a fragment): nothing to protect it with
        return html
    return html[: anchor.end()] + tags + html[anchor.end() :]


def headers_file(script_hashes: Iterable[str], style_hashes: Iterable[str] = ()) -> str:
    return (
        "# Security headers for static hosts that read this file (Netlify, Cloudflare Pages).\n"
        "# Written by the build (atlas.security); GitHub Pages ignores it and relies on each\n"
        "# page's <meta> policy instead.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(script_hashes, header=True, style_hashes=style_hashes)}\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
    )


def unexpected_inline_code(html: str, allowed: frozenset[str], allowed_styles: frozenset[str] = frozenset()) -> list[str]:
    """Inline scripts and styles of a page that the policy does not allow (and browsers will
    therefore not run): a theme update that changed a script, or text that should have been
    escaped. Short excerpts, for a message."""
    found = [f"script: {body.strip()[:80]!r}" for body in inline_scripts(html) if source_hash(body) not in allowed]
    found += [f"style: {body.strip()[:80]!r}" for body in inline_styles(html) if source_hash(body) not in allowed_styles]
    return found


def secure_site(site_dir: Path, *, allowed_scripts: frozenset[str], allowed_styles: frozenset[str] = frozenset(),
                own_policy: tuple[str, ...] = ()) -> list[str]:
    """Add the security <meta> elements to every HTML file in `site_dir` and write `_headers`.
    Returns one line per page with inline code the policy blocks (for a warning; the policy
    itself never depends on what the pages contain). Pages under `own_policy` folders are left
    as they are."""
    site_dir = Path(site_dir)
    page_policy = policy(allowed_scripts, style_hashes=allowed_styles)
    blocked = []
    for page in sorted(site_dir.rglob("*.html")):
        if page.relative_to(site_dir).as_posix().startswith(own_policy):
            continue  # a folder that carries its own, stricter-for-its-needs policy (the staff editor)
        html = page.read_text(encoding="utf-8")
        secured = with_security_meta(html, page_policy)
        if secured != html:
            page.write_text(secured, encoding="utf-8")
        for what in unexpected_inline_code(secured, allowed_scripts, allowed_styles):
            blocked.append(f"{page.relative_to(site_dir).as_posix()}: inline {what} is not allowed by the policy")
    (site_dir / "_headers").write_text(headers_file(allowed_scripts, allowed_styles), encoding="utf-8")
    return blocked
