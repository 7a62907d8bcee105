"""Security headers for the published site: a Content-Security-Policy <meta> on every page, and
a `_headers` file for static hosts that read one (Netlify, Cloudflare Pages).

The policy allows only the site's own scripts, styles and images, so a page can never load
anything from another host, even by mistake. Material for MkDocs writes a few small inline
<script> elements; their text differs from page to page (it holds the page's relative path to
the site root), so each page's policy lists the SHA-256 hashes of exactly the inline scripts and
styles that page contains. That is why this runs on the finished HTML after the build rather
than in the template: the template cannot know the hashes of what it is still writing.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

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
_CSP_META = re.compile(r"""<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\n?""", re.IGNORECASE)
_REFERRER_META = re.compile(r"""<meta\s+name=["']referrer["'][^>]*>\n?""", re.IGNORECASE)
_CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>\n?", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>\n?", re.IGNORECASE)

# Script types browsers run. Others (Material's <script type="application/json"> config) are
# data blocks: never executed, so CSP does not govern them.
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}


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


def policy(script_hashes=(), style_hashes=(), *, header: bool = False) -> str:
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += sorted(set(script_hashes))
    directives["style-src"] += sorted(set(style_hashes))
    if header:
        directives.update({name: list(values) for name, values in HEADER_ONLY_POLICY.items()})
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def page_policy(html: str) -> str:
    return policy(
        [source_hash(script) for script in inline_scripts(html)],
        [source_hash(style) for style in inline_styles(html)],
    )


def with_security_meta(html: str) -> str:
    """`html` with its CSP and referrer <meta> elements, first in <head>.

    First, because a <meta> policy only governs what comes after it: Material's first inline
    script is written before the theme's `extrahead` block. Running this twice changes nothing.
    """
    html = _REFERRER_META.sub("", _CSP_META.sub("", html))
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{page_policy(html)}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">\n'
    )
    anchor = _CHARSET_META.search(html) or _HEAD.search(html)
    if anchor is None:  # not a full page (a fragment): nothing to protect it with
        return html
    return html[: anchor.end()] + tags + html[anchor.end() :]


def headers_file(script_hashes, style_hashes) -> str:
    """`_headers` for hosts that read it. A header policy and a <meta> policy both apply, so the
    header allows the hashes of every page's inline scripts."""
    return (
        "# Security headers for static hosts that read this file (Netlify, Cloudflare Pages).\n"
        "# Written by the build (atlas.security); GitHub Pages ignores it and relies on each\n"
        "# page's <meta> policy instead.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(script_hashes, style_hashes, header=True)}\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
    )


def secure_site(site_dir: Path) -> int:
    """Add the security <meta> elements to every HTML file in `site_dir` and write `_headers`.
    Returns the number of pages secured."""
    site_dir = Path(site_dir)
    scripts: set[str] = set()
    styles: set[str] = set()
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        secured = with_security_meta(html)
        if secured != html:
            page.write_text(secured, encoding="utf-8")
        scripts.update(source_hash(s) for s in inline_scripts(secured))
        styles.update(source_hash(s) for s in inline_styles(secured))
    (site_dir / "_headers").write_text(headers_file(scripts, styles), encoding="utf-8")
    return len(pages)
