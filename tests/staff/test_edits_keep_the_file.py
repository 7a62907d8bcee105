"""`atlas withdraw` and `atlas add-photo` change only the lines they are about: line endings,
the byte-order mark, comments, blank lines, quoting and key order stay byte for byte, and staff
text is written so that it reads back exactly."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys

import pytest

from atlas.catalog import check_catalog
from atlas.staff import EditError, add_photo, withdraw
from atlas.staff.withdraw import withdrawal_text
from atlas.staff.yamledit import double_quoted, lines_of

from .conftest import CAPTIONS

ON = dt.date(2025, 3, 4)
STATUS = "      status: granted\n"
WITHDRAWN = "      status: withdrawn\n      withdrawn_on: 2025-03-04\n      withdrawn_reason: \"asked by phone\"\n"


def saved_reason(project, photo_id="left-arm"):
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems
    return catalog.photo(photo_id).permission.withdrawn_reason


def test_a_crlf_file_with_a_byte_order_mark_keeps_both_and_every_other_line(project):
    original = ("\ufeff" + CAPTIONS).replace("\n", "\r\n").encode("utf-8")
    project.captions.write_bytes(original)

    withdraw(project, "left-arm", reason="asked by phone", on=ON)

    expected = original.replace(
        b"      status: granted\r\n",
        b"      status: withdrawn\r\n      withdrawn_on: 2025-03-04\r\n      withdrawn_reason: \"asked by phone\"\r\n",
    )
    after = project.captions.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.splitlines(keepends=True) == expected.splitlines(keepends=True)


def test_a_comment_on_the_status_line_and_the_comment_lines_around_it_stay_where_they_were(project):
    commented = CAPTIONS.replace(
        STATUS,
        "      # Form received by post.\n      status: granted   # since 2020\n      # Scope agreed by phone.\n",
    )
    project.captions.write_text(commented, encoding="utf-8")

    withdraw(project, "left-arm", reason="asked by phone", on=ON)

    assert project.captions.read_text(encoding="utf-8") == commented.replace(
        "      status: granted   # since 2020\n",
        "      status: withdrawn   # since 2020\n"
        "      withdrawn_on: 2025-03-04\n"
        "      withdrawn_reason: \"asked by phone\"\n",
    )


def test_a_comment_line_after_a_last_status_line_is_not_pulled_onto_it(project):
    last = CAPTIONS.replace(
        "      status: pending\n      requested_on: 2024-09-01\n",
        "      requested_on: 2024-09-01\n      status: pending\n      # Chased by phone on 2024-10-01.\n",
    )
    project.captions.write_text(last, encoding="utf-8")

    withdraw(project, "right-arm", reason="asked by phone", on=ON)

    assert project.captions.read_text(encoding="utf-8") == last.replace(
        "      status: pending\n",
        "      status: withdrawn\n      withdrawn_on: 2025-03-04\n      withdrawn_reason: \"asked by phone\"\n",
    )


def test_a_flow_style_permission_is_edited_inside_its_braces(project):
    block = CAPTIONS[CAPTIONS.index("    permission:\n      status: granted") : CAPTIONS.index("\n  - id: right-arm")]
    flow = (
        "    permission: {status: granted, scope: [website], granted_by: patient, granted_on: 2020-01-01,\n"
        "                 record: FORM-1, license: all-rights-reserved, credit: Shared by a patient}\n"
    )
    project.captions.write_text(CAPTIONS.replace(block, flow), encoding="utf-8")

    withdraw(project, "left-arm", reason="asked by phone", on=ON)

    assert project.captions.read_text(encoding="utf-8") == CAPTIONS.replace(
        block,
        flow.replace(
            "{status: granted,",
            '{status: withdrawn, withdrawn_on: 2025-03-04, withdrawn_reason: "asked by phone",',
        ),
    )
    assert saved_reason(project) == "asked by phone"


def test_a_quoted_status_keeps_its_quotes(project):
    project.captions.write_text(CAPTIONS.replace(STATUS, "      status: 'granted'\n"), encoding="utf-8")
    withdraw(project, "left-arm", reason="asked by phone", on=ON)
    assert "      status: 'withdrawn'\n      withdrawn_on: 2025-03-04\n" in project.captions.read_text(encoding="utf-8")


def test_an_old_withdrawal_reason_is_updated_where_it_stands(project):
    # A photo withdrawn once, then granted again with a new form: the old reason is still there.
    regranted = CAPTIONS.replace(
        "      credit: Shared by a patient\n",
        "      credit: Shared by a patient\n      withdrawn_reason: |\n        first time\n        by letter\n",
    )
    project.captions.write_text(regranted, encoding="utf-8")

    withdraw(project, "left-arm", reason="asked by phone", on=ON)

    text = project.captions.read_text(encoding="utf-8")
    assert text == regranted.replace(
        STATUS, "      status: withdrawn\n      withdrawn_on: 2025-03-04\n"
    ).replace("      withdrawn_reason: |\n        first time\n        by letter\n", '      withdrawn_reason: "asked by phone"\n')
    assert saved_reason(project) == "asked by phone"


HOSTILE_REASONS = [
    'she said "no"',
    "the patient's daughter asked",
    "Tom & Jerry's form",
    "costs $HOME $(rm -rf ~) ${PATH} `id`",
    "first; second && third | fourth > file",
    "# not a comment",
    "key: value, - dash, [list], {map}, *alias, &anchor, !tag, %directive, @at",
    "line one\nline two\r\nline three",
    "tab\tinside",
    "naïve café, 日本語, emoji 🙂, right-to-left שלום",
    "back\\slash and \\n that is not a line break",
    "invisible\u2028line separator, NEL\x85, BOM\ufeff, DEL\x7f, bell\x07",
    "ends with a backslash \\",
    "'single quoted'",
    '"double quoted"',
    "yes",
    "12:30",
    "null",
]


@pytest.mark.parametrize("reason", HOSTILE_REASONS)
def test_a_reason_staff_could_type_reads_back_exactly(project, reason):
    withdraw(project, "left-arm", reason=reason, on=ON)
    assert saved_reason(project) == reason
    changed = set(lines_of(project.captions.read_text(encoding="utf-8"))) - set(lines_of(CAPTIONS))
    assert changed == {"      status: withdrawn\n", "      withdrawn_on: 2025-03-04\n", f"      withdrawn_reason: {double_quoted(reason)}\n"}


def test_an_edit_that_would_not_read_back_exactly_is_refused(project, monkeypatch):
    # Stand-in for a writing bug: the reason is written without its escapes.
    monkeypatch.setattr(sys.modules["atlas.staff.withdraw"], "double_quoted", lambda text: '"' + text + '"')
    with pytest.raises(EditError, match="the edit did not read back as intended, so nothing was changed"):
        withdraw(project, "left-arm", reason='she said "no" twice', on=ON)
    assert project.captions.read_text(encoding="utf-8") == CAPTIONS


def test_a_file_that_does_not_end_with_a_line_break_is_edited_in_place():
    text = "galleries: []\nphotos:\n  - id: a\n    permission:\n      status: granted"
    assert withdrawal_text(text, "a", reason="asked", on=ON) == (
        "galleries: []\nphotos:\n  - id: a\n    permission:\n      status: withdrawn\n"
        '      withdrawn_on: 2025-03-04\n      withdrawn_reason: "asked"'
    )


def test_the_catalog_keeps_its_permission_bits_and_no_scratch_file_is_left(project):
    os.chmod(project.captions, 0o640)
    withdraw(project, "left-arm", reason="asked by phone", on=ON)
    assert stat.S_IMODE(project.captions.stat().st_mode) == 0o640
    leftovers = sorted(p.name for p in project.root.glob(".captions.yaml.*"))
    assert leftovers in ([], [".captions.yaml.lock"])  # the lock file itself may stay: it holds no lock


def test_withdraw_reports_pages_that_embed_the_photo_by_a_former_id(project):
    (project.docs / "old.md").write_text("# Old\n\n[[photo: old-arm ]]\n", encoding="utf-8")
    (project.docs / "other.md").write_text("# Other\n\n[[photo:old-arms]]\n[[gallery:old-arm]]\n", encoding="utf-8")
    report = withdraw(project, "left-arm", reason="asked by phone", on=ON)
    assert report.embedded_in == ("docs/old.md",)


def test_add_photo_keeps_crlf_a_byte_order_mark_and_every_existing_byte(project, new_photo):
    original = ("\ufeff" + CAPTIONS).replace("\n", "\r\n").encode("utf-8")
    project.captions.write_bytes(original)

    added = add_photo(project, new_photo, gallery="arms", on=dt.date(2025, 1, 2))

    after = project.captions.read_bytes()
    assert after.startswith(original)
    added_text = after[len(original) :].decode("utf-8")
    assert "\n" not in added_text.replace("\r\n", "")
    assert added_text.startswith("\r\n  # Added by `atlas add-photo` on 2025-01-02")
    assert after.decode("utf-8").splitlines()[added.line - 1] == "  - id: img-2041-upper-arm"
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems


def test_add_photo_keeps_blank_lines_at_the_end_of_the_file(project, new_photo):
    project.captions.write_text(CAPTIONS + "\n\n", encoding="utf-8")
    add_photo(project, new_photo, gallery="arms", on=dt.date(2025, 1, 2))
    assert project.captions.read_text(encoding="utf-8").startswith(CAPTIONS + "\n\n  # Added by")
