import datetime as dt
import shutil

import pytest

from atlas.catalog import check_catalog
from atlas.staff import EditError, add_photo

from .conftest import CAPTIONS, make_image

ON = dt.date(2025, 1, 2)
GOLDEN = __import__("pathlib").Path(__file__).parent / "golden"


def test_add_photo_appends_a_pending_entry_and_keeps_the_rest_of_the_file_byte_for_byte(project, new_photo):
    added = add_photo(project, new_photo, gallery="arms", on=ON)

    text = project.captions.read_text(encoding="utf-8")
    assert text == (GOLDEN / "add_photo.yaml").read_text(encoding="utf-8")
    assert text.startswith(CAPTIONS)
    assert added.photo_id == "img-2041-upper-arm"
    assert added.line == text.splitlines().index("  - id: img-2041-upper-arm") + 1


def test_added_photo_is_copied_into_its_gallery_folder_and_validates_as_pending(project, new_photo):
    added = add_photo(project, new_photo, gallery="arms", on=ON)

    copy = project.images / "arms" / "img-2041-upper-arm.jpg"
    assert added.file == "arms/img-2041-upper-arm.jpg" and added.copied
    assert copy.read_bytes() == new_photo.read_bytes()
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, problems
    photo = catalog.photo("img-2041-upper-arm")
    assert photo.permission.status == "pending"
    assert photo.permission.requested_on == ON


def test_add_photo_report_says_it_is_not_published_and_what_to_do_next(project, new_photo):
    report = add_photo(project, new_photo, gallery="arms", on=ON).report()
    assert "NOT published" in report
    assert "Next:" in report and "make check" in report.splitlines()[-1]


def test_a_photo_already_in_images_is_referenced_not_copied(project):
    inside = make_image(project.images / "arms" / "Elbow.png", (10, 20, 30))
    added = add_photo(project, inside, gallery="arms", on=ON)
    assert (added.file, added.copied, added.photo_id) == ("arms/Elbow.png", False, "elbow")
    assert sorted(p.name for p in (project.images / "arms").iterdir()) == ["Elbow.png", "left-arm.png", "right-arm.png"]


def test_add_photo_refuses_a_photo_whose_content_is_already_in_the_catalog(project, tmp_path):
    same = tmp_path / "copy-of-left.png"
    shutil.copy(project.images / "arms" / "left-arm.png", same)
    before = project.captions.read_text(encoding="utf-8")

    with pytest.raises(EditError) as refused:
        add_photo(project, same, gallery="arms", on=ON)

    assert str(refused.value).startswith("this photo is already in the catalog as 'left-arm' (status: granted)")
    assert "Next: edit the entry for 'left-arm'" in str(refused.value)
    assert project.captions.read_text(encoding="utf-8") == before
    assert not (project.images / "arms" / "copy-of-left.png").exists()


def test_proposed_id_avoids_ids_and_former_ids(project, tmp_path):
    photo = make_image(tmp_path / "old arm.png", (1, 2, 3))
    assert add_photo(project, photo, gallery="arms", on=ON).photo_id == "old-arm-2"


def test_a_chosen_id_that_is_taken_is_refused_with_a_free_one_suggested(project, new_photo):
    with pytest.raises(EditError, match=r"the id 'left-arm' is already used .*\nNext: choose another, such as 'left-arm-2'"):
        add_photo(project, new_photo, gallery="arms", photo_id="left-arm", on=ON)


def test_a_chosen_id_that_is_not_a_slug_is_refused_with_a_suggestion(project, new_photo):
    with pytest.raises(EditError, match="such as 'upper-arm-2'"):
        add_photo(project, new_photo, gallery="arms", photo_id="Upper Arm 2", on=ON)


def test_an_unknown_gallery_is_refused_with_the_galleries_listed(project, new_photo):
    with pytest.raises(EditError) as refused:
        add_photo(project, new_photo, gallery="arm", on=ON)
    assert str(refused.value) == (
        "there is no gallery 'arm'. did you mean 'arms'?\n"
        "Next: use one of: arms (or add the gallery to captions.yaml first)."
    )


def test_a_file_that_is_not_an_image_is_refused(project, tmp_path):
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a photo")
    with pytest.raises(EditError, match="notes.jpg is not an image"):
        add_photo(project, bogus, gallery="arms", on=ON)


def test_a_broken_catalog_is_reported_before_anything_is_changed(project, new_photo):
    project.captions.write_text(CAPTIONS.replace("gallery: arms\n    alt: A pale", "gallery: legs\n    alt: A pale"))
    with pytest.raises(EditError, match=r"captions.yaml:13:14: photos\[0\].gallery: unknown gallery 'legs'"):
        add_photo(project, new_photo, gallery="arms", on=ON)
    assert not (project.images / "arms" / "img-2041-upper-arm.jpg").exists()


def test_the_entry_goes_at_the_end_of_the_photos_list_even_when_another_section_follows(project, new_photo):
    # Not the layout captions.yaml uses today, but staff might reorder the sections.
    header, rest = CAPTIONS.split("galleries:", 1)
    galleries, photos = rest.split("photos:", 1)
    reordered = header + "photos:" + photos + "\n# The galleries.\ngalleries:" + galleries
    project.captions.write_text(reordered, encoding="utf-8")
    added = add_photo(project, new_photo, gallery="arms", on=ON)
    lines = project.captions.read_text(encoding="utf-8").splitlines()
    assert lines[added.line - 1] == "  - id: img-2041-upper-arm"
    assert lines.index("# The galleries.") > added.line
