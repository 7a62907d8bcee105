from atlas.security import headers_file, inline_scripts, page_policy, source_hash, with_security_meta

PAGE = """<!doctype html>
<html>
  <head>
    <meta charset="utf-8">
    <script>var a=1</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="bundle.js"></script>
    <style>:root{--x:1}</style>
  </head>
  <body><script type="module">import "./m.js"</script></body>
</html>
"""


def test_only_executable_inline_scripts_are_hashed():
    # The JSON config is a data block and a src= script is covered by 'self'.
    assert inline_scripts(PAGE) == ["var a=1", 'import "./m.js"']


def test_hash_matches_the_browser_computation():
    # Chromium, blocking <script>document.title="ran"</script>, named this hash as the one that
    # would allow it: SHA-256 of the exact UTF-8 text, base64-encoded, quoted.
    assert source_hash('document.title="ran"') == "'sha256-GfV6DSHIwBscRt0+xsa90g7kijNGkZeCo6CplpvNfis='"


def test_page_policy_allows_its_own_inline_code_and_nothing_from_other_hosts():
    policy = page_policy(PAGE)
    hashes = " ".join(sorted([source_hash("var a=1"), source_hash('import "./m.js"')]))
    assert f"script-src 'self' {hashes};" in policy
    assert f"style-src 'self' {source_hash(':root{--x:1}')};" in policy
    assert "default-src 'self';" in policy and "object-src 'none'" in policy
    assert "http" not in policy and "unsafe" not in policy


def test_security_meta_goes_right_after_the_charset_and_is_idempotent():
    once = with_security_meta(PAGE)
    lines = once.splitlines()
    charset = lines.index('    <meta charset="utf-8">')
    assert lines[charset + 1].startswith('<meta http-equiv="Content-Security-Policy" content="default-src')
    assert lines[charset + 2] == '<meta name="referrer" content="no-referrer">'
    assert with_security_meta(once) == once


def test_headers_file_sets_the_three_headers_for_every_path():
    text = headers_file({"'sha256-abc'"}, set())
    assert "/*\n" in text
    assert "  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-abc';" in text
    assert "frame-ancestors 'none'" in text  # header only: browsers ignore it in <meta>
    assert "  Referrer-Policy: no-referrer\n" in text
    assert "  X-Content-Type-Options: nosniff\n" in text
