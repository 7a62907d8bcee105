"""'Cite this photo': a citation and an RIS record a reference manager reads correctly. The
consent date is paperwork and never appears; an author only from the explicit `author` field."""

from __future__ import annotations

import datetime as dt

import rispy

from atlas.catalog.model import Permission, Photo
from atlas.pages.cite import citation_text, ris_record
from atlas.pages.context import SiteInfo

SITE = SiteInfo(name="Cutaneous Metastases Atlas", url="https://atlas.example.org/", publisher="Example Foundation")
PERMISSION = Permission(status="granted", scope=("website",), granted_by="patient", granted_on=dt.date(2013, 6, 1),
                        record="FORM-1", license="CC-BY-4.0", credit="Shared by an IBC patient")


def photo(**fields) -> Photo:
    return Photo(id="scar-nodules", file="a.jpg", gallery="g", permission=PERMISSION,
                 caption="Nodules along a scar.\\nSecond line.", title="Nodules along a scar", **fields)


def test_without_updated_or_author_the_citation_has_no_date_and_no_author():
    text = citation_text(photo(), SITE)
    assert "2013" not in text and "Shared by" not in text
    assert text == ("Nodules along a scar [photograph]. Cutaneous Metastases Atlas. Example Foundation; n.d. "
                    "https://atlas.example.org/photos/scar-nodules/ (accessed [date accessed]).")


def test_the_author_and_updated_date_are_used_when_recorded():
    text = citation_text(photo(author="Example A", updated=dt.date(2020, 3, 4)), SITE)
    assert text.startswith("Example A. Nodules along a scar [photograph]. Cutaneous Metastases Atlas. Example Foundation; 2020 [updated 2020-03-04].")


def test_the_ris_record_imports_as_one_figure_with_publisher_url_and_no_consent_date():
    records = rispy.loads(ris_record(photo(), SITE))
    assert len(records) == 1
    record = records[0]
    assert record["type_of_reference"] == "FIGURE"
    assert record["title"] == "Nodules along a scar"
    assert record["publisher"] == "Example Foundation"
    assert record["urls"] == ["https://atlas.example.org/photos/scar-nodules/"]
    assert "authors" not in record and "year" not in record and "date" not in record
    assert "2013" not in ris_record(photo(), SITE)


def test_the_ris_record_names_the_recorded_author_and_date():
    record = rispy.loads(ris_record(photo(author="Example A", updated=dt.date(2020, 3, 4)), SITE))[0]
    assert record["authors"] == ["Example A"] and record["year"] == "2020" and record["date"] == "2020/03/04"


def test_without_a_publisher_setting_the_site_is_the_publisher():
    record = rispy.loads(ris_record(photo(), SiteInfo(name="Atlas", url="https://a.example/")))[0]
    assert record["publisher"] == "Atlas"
