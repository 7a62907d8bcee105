from __future__ import annotations

from PIL import Image

from atlas.catalog import check_catalog

CATALOG = """\
galleries:
  - id: g
    title: G
    description: D.
photos:
  - id: huge
    file: bomb.png
    gallery: g
    alt: Red skin.
    caption: A photo.
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2020-01-01
      record: FORM-1
      license: all-rights-reserved
      credit: A patient
"""


def test_decompression_bomb_is_refused_with_its_captions_line(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    # 121 megapixels of one bit each: a small file that would decode to a huge image.
    Image.new("1", (11_000, 11_000)).save(images / "bomb.png")
    (tmp_path / "captions.yaml").write_text(CATALOG)
    catalog, problems = check_catalog(tmp_path / "captions.yaml", images_dir=images)
    assert catalog is None
    assert [str(p) for p in problems] == [
        "captions.yaml:7:11: photos[0].file: images/bomb.png is 11000x11000 pixels, more than the 120 megapixels "
        "allowed (a possible decompression bomb) (replace it with a good copy of the photo, or remove this entry)"
    ]
