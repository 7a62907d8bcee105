"""Every staff command ends by saying what to do next, and a refusal says that nothing changed."""

import pytest

from atlas.cli import main

from .conftest import CAPTIONS


def run(project, *args, capsys):
    status = main(["--project", str(project.root), *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("permissions",),
        ("withdraw", "left-arm", "--reason", "asked by phone"),
    ],
)
def test_successful_commands_end_with_the_next_step(project, capsys, args):
    status, out, err = run(project, *args, capsys=capsys)
    assert status == 0
    raw = [line for line in out.splitlines() if line.strip()]
    nexts = [i for i, line in enumerate(raw) if line.strip().startswith("Next:")]
    assert nexts, out
    # Nothing after "Next:" but its numbered steps (each may wrap onto more-indented lines).
    assert all(line.strip()[0].isdigit() or line.startswith("     ") for line in raw[nexts[-1] + 1 :]), out


def test_add_photo_through_the_command_line(project, new_photo, capsys):
    status, out, _ = run(project, "add-photo", str(new_photo), "--gallery", "arms", capsys=capsys)
    assert status == 0
    assert out.splitlines()[-1] == "  3. Run `make check`, then `make serve` to preview."


def test_refusals_say_nothing_changed_and_what_to_do(project, capsys):
    status, out, err = run(project, "withdraw", "nope", "--reason", "x", capsys=capsys)
    assert status == 1 and out == ""
    assert err == (
        "Nothing was changed: there is no photo 'nope' in captions.yaml.\n"
        "Next: run `make permissions` to list every photo id.\n"
    )
    assert project.captions.read_text(encoding="utf-8") == CAPTIONS


def test_make_with_a_missing_file_argument_explains_the_make_form(project, capsys):
    # `make add-photo` with no FILE= passes an empty string.
    status, _, err = run(project, "add-photo", "", "--gallery", "arms", capsys=capsys)
    assert status == 1
    assert "Next: make add-photo FILE=path/to/photo.jpg GALLERY=gallery-id" in err


def test_check_reports_embeds_of_unknown_ids_in_the_articles(project, capsys):
    (project.docs / "notes.md").write_text("# Notes\n\n[[photo:left-arm]]\n\n[[photo:left-amr]]\n[[gallery:legs]]\n")
    status, _, err = run(project, "check", capsys=capsys)
    assert status == 1
    assert "docs/notes.md:5: [[photo:left-amr]]: no photo has this id in captions.yaml (check the spelling)" in err
    assert "docs/notes.md:6: [[gallery:legs]]: no gallery has this id (known: arms)" in err
    assert "2 embed(s) in docs/ name no photo or gallery." in err
