from atlas.catalog import WARNING, check_catalog
from atlas.catalog.advice import ALT_MAX_CHARACTERS

from .conftest import CAPTIONS


def warnings_for(project, alt: str, caption: str = "Three small bumps on the forearm."):
    text = CAPTIONS.replace(
        "    alt: A pale forearm with three small red bumps.\n    caption: Three small bumps on the forearm.\n",
        f"    alt: {alt}\n    caption: {caption}\n",
    )
    project.captions.write_text(text, encoding="utf-8")
    catalog, problems = check_catalog(project.captions, images_dir=project.images)
    assert catalog is not None, "advice must never make the catalog invalid"
    return [str(p) for p in problems if p.severity == WARNING]


def test_alt_text_starting_with_photo_of_is_warned_with_its_line(project):
    assert warnings_for(project, "Photo of a forearm with three small red bumps.") == [
        "captions.yaml:14:10: warning: photos[0].alt: alt text starts with 'Photo of' "
        "(screen readers already say it is an image: start with what it shows, such as 'Red bumps along a healed scar')"
    ]


def test_other_redundant_openings_are_warned_too(project):
    for opening in ("An image of", "image showing", "A picture of"):
        assert len(warnings_for(project, f"{opening} a forearm.")) == 1, opening


def test_words_like_photo_later_in_the_alt_text_are_fine(project):
    assert warnings_for(project, "Forearm beside a ruler, as in the earlier photo of the same arm.") == []


def test_alt_text_repeating_the_caption_is_warned(project):
    assert warnings_for(project, "three small bumps on the forearm") == [
        "captions.yaml:14:10: warning: photos[0].alt: alt text repeats the caption word for word "
        "(screen reader users would hear it twice: describe what the photo looks like in the alt text "
        "and keep what it means for the caption)"
    ]


def test_long_alt_text_is_warned_with_its_length(project):
    alt = "A forearm " + "with many small red bumps " * 6
    alt = alt.strip() + "."
    assert len(alt) > ALT_MAX_CHARACTERS
    (warning,) = warnings_for(project, alt)
    assert warning.startswith(f"captions.yaml:14:10: warning: photos[0].alt: alt text is {len(alt)} characters long")


def test_alt_text_of_exactly_the_limit_is_fine(project):
    assert warnings_for(project, "x" * (ALT_MAX_CHARACTERS - 1) + ".") == []


def test_good_alt_text_gets_no_warning(project):
    assert warnings_for(project, "A pale forearm with three small red bumps.") == []
