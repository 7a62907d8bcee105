"""Bytes that are not UTF-8 and characters YAML forbids are reported on their own line and
column, in words staff can act on; a byte-order mark and CRLF line endings are simply read."""

from __future__ import annotations

from atlas.yamlsource import MAX_REPORTED, parse, read_text

from .support import read_capped

SAVE_AS_UTF8 = (
    "(save the file as UTF-8: in VS Code, click the encoding in the status bar, 'Reopen with Encoding' "
    "(Western Windows 1252 if letters look wrong), then 'Save with Encoding', UTF-8)"
)
PASTED = (
    "(delete it: such characters usually come with text pasted from a PDF or a Word document; "
    "retype the text around it if unsure)"
)


def test_every_byte_that_is_not_utf8_is_reported_on_its_own_line_and_column(tmp_path):
    latin1 = "photos:\n  - caption: Café au lait\n    alt: ÿ\n".encode("latin-1")
    result = read_capped(tmp_path, latin1)
    assert result == {
        "readable": False,
        "problems": [
            f"captions.yaml:2:17: byte 0xE9 ('é' in Windows-1252) is not UTF-8 text {SAVE_AS_UTF8}",
            f"captions.yaml:3:10: byte 0xFF ('ÿ' in Windows-1252) is not UTF-8 text {SAVE_AS_UTF8}",
        ],
    }


def test_after_many_bad_bytes_the_rest_are_counted_not_listed(tmp_path):
    path = tmp_path / "captions.yaml"
    path.write_bytes(b"caption: " + b"\xe9" * (MAX_REPORTED + 5) + b"\n")
    text, problems = read_text(path, filename="captions.yaml")
    assert text is None
    assert len(problems) == MAX_REPORTED + 1
    assert str(problems[-1]) == (
        f"captions.yaml:1:{10 + MAX_REPORTED}: 5 more bytes that are not UTF-8 from here on (fix the ones above first)"
    )


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "captions.yaml"
    path.write_bytes("photos: []\n".encode("utf-16"))
    _, problems = read_text(path, filename="captions.yaml")
    assert [str(p) for p in problems] == [
        "captions.yaml:1:1: the file is saved as UTF-16 ('Unicode') (save it again as UTF-8: in VS Code, "
        "click the encoding in the status bar, then 'Save with Encoding', UTF-8)"
    ]


def test_a_nul_pasted_into_a_caption_is_reported_where_it_is(tmp_path):
    result = read_capped(tmp_path, "photos:\n  - id: a\n    caption: Red\x00 bumps\n")
    assert result == {
        "readable": False,
        "problems": [f"captions.yaml:3:17: a NUL character (U+0000), which YAML does not allow (most editors do not show it) {PASTED}"],
    }


def test_other_forbidden_control_characters_are_each_reported(tmp_path):
    located, problems = parse("a: page\x0cbreak\nb: bell\x07\n", filename="captions.yaml")
    assert located is None
    assert [str(p).split(" (delete")[0] for p in problems] == [
        "captions.yaml:1:8: a page break (U+000C), which YAML does not allow (most editors do not show it)",
        "captions.yaml:2:8: an invisible control character (U+0007), which YAML does not allow (most editors do not show it)",
    ]


def test_a_byte_order_mark_is_accepted_and_takes_no_column(tmp_path):
    path = tmp_path / "captions.yaml"
    path.write_bytes(b"\xef\xbb\xbfgalleries: []\r\nphotos: ['a\tb']\r\n")
    text, problems = read_text(path, filename="captions.yaml")
    assert problems == [] and text.startswith("\ufeffgalleries")
    located, problems = parse(text, filename="captions.yaml")
    assert located.data == {"galleries": [], "photos": ["a\tb"]}
    assert located.key_at(("galleries",)).column == 1
    assert [str(p) for p in problems] == [
        "captions.yaml:2:12: tab character (YAML needs spaces, not tabs: replace the tab with spaces)"
    ]


def test_crlf_files_are_read_with_the_same_lines_as_lf_files():
    lf = "photos:\n  - id: a\n    caption: x\n"
    crlf_located, _ = parse(lf.replace("\n", "\r\n"), filename="captions.yaml")
    lf_located, _ = parse(lf, filename="captions.yaml")
    assert crlf_located.data == lf_located.data
    assert crlf_located.values == lf_located.values
