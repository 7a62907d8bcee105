import datetime as dt
from pathlib import Path

import pytest

from atlas.catalog import check_catalog
from atlas.staff import EditError, withdraw

from .conftest import CAPTIONS

ON = dt.date(2025, 3, 4)
GOLDEN = Path(__file__).parent / "golden"


def test_withdraw_changes_only_the_status_and_adds_date_and_reason(project):
    withdraw(project, "left-arm", reason="Asked by the patient's daughter: please remove", on=ON)
    assert project.captions.read_text(encoding="utf-8") == (GOLDEN / "withdraw.yaml").read_text(encoding="utf-8")


def test_withdrawn_entry_validates_and_reads_back_as_withdrawn(project):
    withdraw(project, "left-arm", reason="asked by phone", on=ON)
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems
    permission = catalog.photo("left-arm").permission
    assert (permission.status, permission.withdrawn_on, permission.withdrawn_reason) == ("withdrawn", ON, "asked by phone")


def test_withdraw_report_says_what_the_next_build_removes_and_to_redeploy(project):
    (project.docs / "arm.md").write_text("# Arm\n\n[[photo:left-arm]]\n")
    report = withdraw(project, "left-arm", reason="asked by phone", on=ON).report()
    assert "/photos/left-arm/" in report
    assert "docs/arm.md" in report
    assert "stays online until the site is rebuilt and redeployed" in report
    assert report.splitlines()[-1].startswith("Next: run `make build`")


def test_withdrawing_a_pending_photo_says_it_was_never_published(project):
    report = withdraw(project, "right-arm", reason="form never came back", on=ON).report()
    assert "never on the site" in report


def test_withdraw_by_former_id_points_to_the_current_id(project):
    with pytest.raises(EditError, match="'old-arm' is a former id of 'left-arm'"):
        withdraw(project, "old-arm", reason="x", on=ON)


def test_withdraw_of_an_unknown_id_suggests_the_near_one(project):
    with pytest.raises(EditError, match=r"no photo 'left-arms' in captions.yaml. did you mean 'left-arm'\?"):
        withdraw(project, "left-arms", reason="x", on=ON)


def test_withdraw_needs_a_reason(project):
    with pytest.raises(EditError, match="a reason is needed"):
        withdraw(project, "left-arm", reason="  ", on=ON)
    assert project.captions.read_text(encoding="utf-8") == CAPTIONS


def test_withdrawing_twice_changes_nothing_the_second_time(project):
    withdraw(project, "left-arm", reason="asked by phone", on=ON)
    once = project.captions.read_text(encoding="utf-8")
    with pytest.raises(EditError, match=r"already withdrawn \(on 2025-03-04\)"):
        withdraw(project, "left-arm", reason="again", on=dt.date(2025, 4, 1))
    assert project.captions.read_text(encoding="utf-8") == once


def test_a_mistake_elsewhere_in_the_catalog_never_holds_back_a_withdrawal(project):
    # Someone left the other photo's gallery misspelt: `make check` fails, the build fails,
    # but the withdrawal of this photo must still be recorded at once.
    project.captions.write_text(CAPTIONS.replace("  - id: right-arm\n    file: arms/right-arm.png\n    gallery: arms\n",
                                                 "  - id: right-arm\n    file: arms/right-arm.png\n    gallery: armz\n"))
    withdraw(project, "left-arm", reason="asked by phone", on=ON)
    text = project.captions.read_text()
    assert "status: withdrawn" in text and 'withdrawn_reason: "asked by phone"' in text
    assert "gallery: armz" in text  # the unrelated mistake is left for staff to fix
