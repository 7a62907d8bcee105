"""`atlas check` checks references.yaml, the glossary and every [@key] in the pages as the build
does, so a writer who runs `make check` sees a broken reference before a build (or a reviewer)
does."""

from __future__ import annotations

from atlas.cli import main
from fixture_project import make_project, write_jpeg
from test_settings import CATALOG

GOOD = """\
smith2019:
  authors: [Smith A]
  title: A study
  journal: J Test
  year: 2019
"""


def project(tmp_path, references: str, page: str):
    config = make_project(tmp_path, CATALOG, docs={"index.md": "# Home\n", "article.md": page})
    write_jpeg(tmp_path / "images" / "moved.jpg")
    (tmp_path / "references.yaml").write_text(references)
    return config.parent


def test_a_good_page_and_references_pass(tmp_path, capsys):
    root = project(tmp_path, GOOD, "# A\n\nA fact [@smith2019].\n")
    assert main(["--project", str(root), "check"]) == 0


def test_an_unknown_key_is_named_with_file_and_line(tmp_path, capsys):
    root = project(tmp_path, GOOD, "# A\n\nA fact [@smith2091].\n")
    assert main(["--project", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "docs/article.md:3: [@smith2091]: no reference has this key" in err
    assert "1 problem(s) in the references, glossary or citations" in err


def test_a_broken_references_file_is_reported_once_not_as_every_citation(tmp_path, capsys):
    root = project(tmp_path, GOOD.replace("2019\n", "19\n"), "# A\n\nA fact [@smith2019].\n")
    assert main(["--project", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "smith2019.year: '19' is not a year" in err
    assert "no reference has this key" not in err
