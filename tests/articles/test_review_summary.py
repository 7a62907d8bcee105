"""The home page's sentence on medical review is counted from the pages, never written by hand,
so it cannot say more has been checked than has."""

from atlas.articles.review import ReviewState, review_summary

A, C, O, N = ReviewState.AWAITING, ReviewState.CURRENT, ReviewState.OVERDUE, ReviewState.NOT_RECORDED


def test_nothing_reviewed_says_so():
    assert review_summary([A, A, N]).startswith("No medical page on this site has been checked by a doctor yet")


def test_some_reviewed_gives_the_count_and_an_overdue_review_does_not_count():
    assert review_summary([C, A, O, N]).startswith("1 of the 3 medical pages have been checked")


def test_all_reviewed():
    assert review_summary([C, C, N]).startswith("All 2 medical pages have been checked")


def test_no_medical_pages_no_sentence():
    assert review_summary([N]) == ""
