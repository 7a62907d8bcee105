"""Awkward real-world files through the real build: good ones published privately and
reproducibly, broken ones refused by name."""

import shutil

import pytest
from image_fixtures import (
    SECRETS,
    cmyk_jpeg,
    heic_file,
    phone_jpeg,
    png_16bit_grey,
    png_rgba,
    truncated_jpeg,
    wide_gamut_jpeg,
)

from atlas.bench import BENCH_DATE, write_project
from atlas.build import BuildFailed, build_site


def awkward_project(root):
    (root / "images").mkdir(parents=True)
    images = root / "images"
    files = [
        phone_jpeg(images, 6, name="phone-rotated.jpg"),
        wide_gamut_jpeg(images)[0],
        heic_file(images, 6),
        png_rgba(images),
        cmyk_jpeg(images),
        png_16bit_grey(images),
    ]
    return write_project(root, [(f.stem.replace("_", "-"), f.name) for f in files])


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical_and_carry_nothing_private(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    config = awkward_project(tmp_path / "project")
    first = tree(build_site(config, site_dir=tmp_path / "one", on=BENCH_DATE))
    shutil.rmtree(tmp_path / "project" / ".cache")
    second = tree(build_site(config, site_dir=tmp_path / "two", on=BENCH_DATE))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []

    photos = [name for name in first if name.startswith("assets/photos/")]
    assert {name.rsplit(".", 1)[1] for name in photos} == {"avif", "jpg"}
    assert len([name for name in first if name.startswith("photos/") and name.endswith("index.html")]) == 6
    for name, data in first.items():
        for secret in (*SECRETS, "CONSENT-RECORD-SECRET"):
            assert secret.encode() not in data, (name, secret)
    page = first["photos/phone-rotated/index.html"].decode()
    assert "<picture><source type=\"image/avif\"" in page and 'width="400" height="300"' in page


def test_a_truncated_photo_is_refused_by_name_and_line_and_the_old_site_stays(tmp_path):
    config = awkward_project(tmp_path / "project")
    site = build_site(config, site_dir=tmp_path / "site", on=BENCH_DATE)
    before = tree(site)
    truncated = truncated_jpeg(tmp_path / "project" / "images")
    captions = config.parent / "captions.yaml"
    text = captions.read_text()
    captions.write_text(text.replace("file: phone-rotated.jpg", f"file: {truncated.name}"))
    with pytest.raises(BuildFailed) as error:
        build_site(config, site_dir=tmp_path / "site", on=BENCH_DATE)
    reported = str(error.value)
    line = next(n for n, row in enumerate(captions.read_text().splitlines(), 1) if "truncated.jpg" in row)
    assert f"captions.yaml:{line}:9: photos[0].file: images/truncated.jpg is damaged or truncated" in reported
    assert tree(site) == before
