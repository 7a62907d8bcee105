"""The Content-Security-Policy is fixed before any content is read: it allows the theme's own
inline scripts and nothing a page brings with it."""

from pathlib import Path

import pytest

from atlas.engines import ENGINES
from atlas.security import (
    ThemeScriptError,
    headers_file,
    inline_scripts,
    policy,
    secure_site,
    source_hash,
    theme_script_hashes,
    with_security_meta,
)

OURS = Path(__file__).resolve().parents[1] / "scripts" / "atlas" / "theme"


def theme_of(engine: str) -> list[Path]:
    """The lookup order a build's workspace theme gives (atlas.prepare.write_theme)."""
    return [OURS / engine, OURS / "shared", ENGINES[engine].templates()]


THEME = theme_of("mkdocs")

PAGE = """<!doctype html>
<html>
  <head>
    <meta charset="utf-8">
    <script>var a=1</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="bundle.js"></script>
  </head>
  <body><script type="module">import "./m.js"</script></body>
</html>
"""


def test_only_executable_inline_scripts_count():
    # The JSON config is a data block and a src= script is covered by 'self'.
    assert inline_scripts(PAGE) == ["var a=1", 'import "./m.js"']


def test_hash_matches_the_browser_computation():
    # Chromium, blocking <script>document.title="ran"</script>, named this hash as the one that
    # would allow it: SHA-256 of the exact UTF-8 text, base64-encoded, quoted.
    assert source_hash('document.title="ran"') == "'sha256-GfV6DSHIwBscRt0+xsa90g7kijNGkZeCo6CplpvNfis='"


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_theme_scripts_have_fixed_hashes_read_from_the_templates(engine):
    hashes = theme_script_hashes(theme_of(engine))
    # The storage helpers (our depth-independent override), palette restore, two tab-state
    # scripts (Zensical's palette and tab scripts are Material's, byte for byte), and the
    # atlas's "js" class in main.html.
    assert len(hashes) == 5
    ours = (OURS / engine / "partials" / "javascripts" / "base.html").read_text()
    assert source_hash(inline_scripts(ours)[0]) in hashes


def test_a_theme_script_whose_text_depends_on_the_page_is_refused(tmp_path):
    (tmp_path / "partials" / "javascripts").mkdir(parents=True)
    (tmp_path / "partials" / "javascripts" / "base.html").write_text('<script>x=new URL("{{ base_url }}")</script>')
    with pytest.raises(ThemeScriptError, match="template code in its text"):
        theme_script_hashes([tmp_path, *THEME])


def test_the_policy_is_the_same_whatever_the_pages_contain(tmp_path):
    allowed = frozenset({source_hash("var a=1")})
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.html").write_text(PAGE.replace("</body>", "<script>alert(document.cookie)</script></body>"))
    blocked = secure_site(tmp_path, allowed_scripts=allowed)
    policies = {p.read_text().split('content="', 1)[1].split('"', 1)[0] for p in tmp_path.glob("*.html")}
    assert policies == {policy(allowed)}
    assert source_hash("alert(document.cookie)") not in policy(allowed)
    assert any(line.startswith("b.html: inline script: 'alert(document.cookie)'") for line in blocked)
    assert "http" not in policy(allowed) and "unsafe" not in policy(allowed)


def test_only_inline_styles_outside_the_policy_are_reported(tmp_path):
    # The theme's inlined stylesheet is listed by hash, so it is not worth a warning on every
    # build (staff would learn to ignore warnings); a <style> someone slipped in still is.
    allowed_style = frozenset({source_hash("p{margin:0}")})
    (tmp_path / "a.html").write_text(PAGE.replace("</head>", "<style>p{margin:0}</style></head>"))
    (tmp_path / "b.html").write_text(PAGE.replace("</head>", "<style>body{display:none}</style></head>"))
    blocked = secure_site(tmp_path, allowed_scripts=frozenset(), allowed_styles=allowed_style)
    assert [line.split(":", 1)[0] for line in blocked if "inline style" in line] == ["b.html"]


def test_security_meta_goes_right_after_the_charset_and_is_idempotent():
    once = with_security_meta(PAGE, policy())
    lines = once.splitlines()
    charset = lines.index('    <meta charset="utf-8">')
    assert lines[charset + 1].startswith('<meta http-equiv="Content-Security-Policy" content="default-src')
    assert lines[charset + 2] == '<meta name="referrer" content="no-referrer">'
    assert with_security_meta(once, policy()) == once


def test_headers_file_sets_the_three_headers_for_every_path():
    text = headers_file({"'sha256-abc'"})
    assert "/*\n" in text
    assert "  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-abc';" in text
    assert "frame-ancestors 'none'" in text  # header only: browsers ignore it in <meta>
    assert "  Referrer-Policy: no-referrer\n" in text
    assert "  X-Content-Type-Options: nosniff\n" in text
