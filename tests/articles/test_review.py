import datetime as dt
import json

import pytest

from atlas.articles import ReviewError, ReviewState, insert_after_title, medical_web_page, overdue_warning, review_banner, review_of

TODAY = dt.date(2026, 11, 21)
REVIEWED = {"reviewed_by": "Dr A. Example", "reviewed_on": dt.date(2026, 10, 1), "next_review": dt.date(2027, 10, 1)}


def test_page_without_review_record_shows_no_notice():
    review = review_of({}, page_path="docs/privacy.md", on=TODAY)
    assert review.state is ReviewState.NOT_RECORDED and review_banner(review) == ""


def test_awaiting_review_shows_an_honest_notice():
    review = review_of({"review": "awaiting-review"}, page_path="docs/a.md", on=TODAY)
    assert review.state is ReviewState.AWAITING
    assert "<strong>Awaiting medical review.</strong>" in review_banner(review)


def test_reviewed_page_shows_when_and_by_whom_and_next_review():
    review = review_of({"review": REVIEWED}, page_path="docs/a.md", on=TODAY)
    assert review.state is ReviewState.CURRENT
    assert review_banner(review) == (
        '<div class="atlas-review" role="note">Last reviewed 1 October 2026 by Dr A. Example'
        " · Next review due 1 October 2027</div>"
    )
    assert overdue_warning(review, page_path="docs/a.md", on=TODAY) is None


def test_review_dates_written_as_text_are_accepted():
    record = {**REVIEWED, "reviewed_on": "2026-10-01", "next_review": "2027-10-01"}
    assert review_of({"review": record}, page_path="docs/a.md", on=TODAY).state is ReviewState.CURRENT


def test_overdue_review_is_flagged_on_the_page_and_warned_about():
    record = {**REVIEWED, "reviewed_on": dt.date(2025, 1, 1), "next_review": dt.date(2026, 1, 1)}
    review = review_of({"review": record}, page_path="docs/a.md", on=TODAY)
    assert review.state is ReviewState.OVERDUE
    assert "<strong>This review is overdue</strong>" in review_banner(review)
    assert overdue_warning(review, page_path="docs/a.md", on=TODAY) == (
        "docs/a.md: medical review was due on 2026-01-01 (324 day(s) ago); "
        "ask the reviewer to check the page, then update reviewed_on and next_review"
    )


@pytest.mark.parametrize(
    "record, message",
    [
        ("reviewed", "docs/a.md: review: 'reviewed' is not understood (write 'review: awaiting-review', or reviewed_by, reviewed_on and next_review under 'review:')"),
        ({"reviewed_by": "Dr X"}, "docs/a.md: review: missing reviewed_on, next_review (a reviewed page needs reviewed_by, reviewed_on and next_review)"),
        ({**REVIEWED, "next_review": "soon"}, "docs/a.md: review.next_review: 'soon' is not a date (write it as YYYY-MM-DD)"),
        ({**REVIEWED, "next_review": dt.date(2026, 9, 1)}, "docs/a.md: review.next_review: 2026-09-01 is not after reviewed_on 2026-10-01 (check the dates)"),
    ],
)
def test_unreadable_review_record_is_an_error_saying_how_to_fix_it(record, message):
    with pytest.raises(ReviewError) as error:
        review_of({"review": record}, page_path="docs/a.md", on=TODAY)
    assert str(error.value) == message


def test_notice_goes_right_after_the_title():
    assert insert_after_title("# Title\n\nText", "<div>n</div>") == "# Title\n\n<div>n</div>\n\n\nText"


def test_jsonld_for_a_page_awaiting_review_claims_no_review():
    review = review_of({"review": "awaiting-review"}, page_path="docs/a.md", on=TODAY)
    data = json.loads(medical_web_page(title="T", description="D", url="https://x.org/a/", review=review, audience=["patient"]))
    assert data == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "T",
        "description": "D",
        "url": "https://x.org/a/",
        "inLanguage": "en",
        "audience": [{"@type": "MedicalAudience", "audienceType": "Patient"}],
    }


def test_jsonld_for_a_reviewed_page_names_reviewer_and_date():
    review = review_of({"review": REVIEWED}, page_path="docs/a.md", on=TODAY)
    data = json.loads(medical_web_page(title="T", description="D", url="u", review=review, audience=["patient", "clinician"]))
    assert data["lastReviewed"] == "2026-10-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A. Example"}
    assert [a["audienceType"] for a in data["audience"]] == ["Patient", "Clinician"]


def test_jsonld_cannot_close_its_script_element():
    review = review_of({}, page_path="docs/a.md", on=TODAY)
    text = medical_web_page(title="</script><script>alert(1)", description="", url="u", review=review)
    assert "</script>" not in text and json.loads(text)["name"] == "</script><script>alert(1)"


def test_the_editors_form_of_the_review_is_read_like_the_short_form():
    import datetime as dt

    from atlas.articles.review import ReviewState, review_of

    on = dt.date(2026, 12, 1)
    awaiting = {"review": {"status": "awaiting-review", "reviewed_by": "", "reviewed_on": None, "next_review": None}}
    assert review_of(awaiting, page_path="p.md", on=on).state is ReviewState.AWAITING
    reviewed = {"review": {"status": "reviewed", "reviewed_by": "Dr A", "reviewed_on": "2026-11-01", "next_review": "2027-11-01"}}
    assert review_of(reviewed, page_path="p.md", on=on).reviewed_by == "Dr A"


def test_the_review_notice_comes_after_the_in_brief_box():
    from atlas.articles.review import insert_after_summary

    markdown = '# Title\n\n!!! abstract "In brief"\n\n    Short.\n    Words.\n\n## First\n\nText.\n'
    out = insert_after_summary(markdown, "<div>NOTICE</div>")
    assert out.index("Words.") < out.index("NOTICE") < out.index("## First")


def test_without_an_in_brief_box_the_notice_follows_the_title():
    from atlas.articles.review import insert_after_summary

    out = insert_after_summary("# Title\n\nText.\n\n## Later\n\n!!! abstract \"In brief\"\n\n    x\n", "<div>N</div>")
    assert out.startswith("# Title\n\n<div>N</div>")
