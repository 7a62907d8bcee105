"""Broken files are refused by name and line; the cache re-encodes exactly when it must."""

import shutil

import pytest
from images_support import SMALL, photo_for
from image_fixtures import decompression_bomb, not_an_image, phone_jpeg, truncated_jpeg

from atlas.images import ImageError, ImageSettings, Rights, cached_verifier, render_photos, verify_image
from atlas.images import render as render_module


@pytest.mark.parametrize(
    "maker, reason",
    [
        (truncated_jpeg, "is damaged or truncated"),
        (not_an_image, "is not an image Pillow can read"),
        (decompression_bomb, "a possible decompression bomb"),
    ],
)
def test_broken_files_are_refused_with_a_reason(tmp_path, maker, reason):
    assert reason in verify_image(maker(tmp_path))


def test_render_names_every_broken_file_and_its_line_and_caches_the_good_ones(tmp_path):
    good = photo_for(phone_jpeg(tmp_path, 1), line=3)
    broken = [photo_for(truncated_jpeg(tmp_path), line=12), photo_for(not_an_image(tmp_path), line=20)]
    with pytest.raises(ImageError) as raised:
        render_photos([good, *broken], settings=SMALL, cache_dir=tmp_path / "cache")
    lines = str(raised.value).splitlines()
    assert [line.split(" cannot")[0] for line in lines] == [
        "captions.yaml:12: images/truncated.jpg",
        "captions.yaml:20: images/notes.jpg",
    ]
    calls = count_encodes(tmp_path, [good])
    assert calls == 0, "the good photo was cached although the others failed"


def count_encodes(tmp_path, photos, settings=SMALL, rights=None):
    made = []
    original = render_module._make_entry

    def counting(job):
        made.append(job.source)
        return original(job)

    render_module._make_entry = counting
    try:
        render_photos(photos, settings=settings, cache_dir=tmp_path / "cache", rights=rights, workers=1)
    finally:
        render_module._make_entry = original
    return len(made)


def test_changing_a_caption_reuses_the_cache_but_changing_quality_or_rights_does_not(tmp_path):
    path = phone_jpeg(tmp_path, 1)
    photo = photo_for(path)
    assert count_encodes(tmp_path, [photo]) == 1
    recaptioned = photo_for(path)
    object.__setattr__(recaptioned, "caption", "A new caption")
    assert count_encodes(tmp_path, [recaptioned]) == 0
    assert count_encodes(tmp_path, [photo], settings=ImageSettings(widths=(120, 240), thumbnail_width=80, jpeg_quality=60)) == 1
    assert count_encodes(tmp_path, [photo], rights={photo.id: Rights(credit="Someone else")}) == 1


def test_a_damaged_cache_entry_is_remade_not_published(tmp_path):
    photo = photo_for(phone_jpeg(tmp_path, 1))
    first = render_photos([photo], settings=SMALL, cache_dir=tmp_path / "cache")[photo.id]
    victim = first.largest.cache_file
    first_bytes = victim.read_bytes()
    victim.write_bytes(victim.read_bytes()[:100])
    assert count_encodes(tmp_path, [photo]) == 1
    again = render_photos([photo], settings=SMALL, cache_dir=tmp_path / "cache")[photo.id]
    assert again.largest.url == first.largest.url
    assert again.largest.cache_file.read_bytes() == first_bytes


def test_parallel_and_serial_rendering_give_identical_files(tmp_path):
    photos = [photo_for(phone_jpeg(tmp_path, o)) for o in (1, 6, 8)]
    parallel = render_photos(photos, settings=SMALL, cache_dir=tmp_path / "a", workers=2)
    serial = render_photos(photos, settings=SMALL, cache_dir=tmp_path / "b", workers=1)
    for photo in photos:
        assert [v.url for v in parallel[photo.id].variants] == [v.url for v in serial[photo.id].variants]
        for a, b in zip(parallel[photo.id].variants, serial[photo.id].variants):
            assert a.cache_file.read_bytes() == b.cache_file.read_bytes()


def test_cached_verifier_remembers_good_files_but_catches_a_file_that_changed(tmp_path, monkeypatch):
    path = phone_jpeg(tmp_path, 1)
    verify = cached_verifier(tmp_path / "cache")
    assert verify(path) is None
    decoded = []
    monkeypatch.setattr("atlas.images.verify.verify_image", lambda p, **k: decoded.append(p))
    assert cached_verifier(tmp_path / "cache")(path) is None
    assert decoded == [], "a known-good file is not decoded again"
    monkeypatch.undo()
    shutil.copy(truncated_jpeg(tmp_path), path)
    assert "is damaged or truncated" in cached_verifier(tmp_path / "cache")(path)
