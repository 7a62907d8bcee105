"""schema.org MedicalWebPage metadata for an article, as JSON-LD text for a
<script type="application/ld+json"> element.

Only what is true goes in: a page awaiting review has no lastReviewed or reviewedBy, so search
engines are never told a page was checked when it was not.
"""

from __future__ import annotations

from ..escape import script_json

from .review import Review, ReviewState

# schema.org's MedicalAudience values for the two readers the site is written for.
AUDIENCES = {"patient": "Patient", "clinician": "Clinician"}


class AudienceError(ValueError):
    pass


def medical_web_page(
    *,
    title: str,
    description: str,
    url: str,
    review: Review,
    audience: list[str] | tuple[str, ...] = (),
    language: str = "en",
) -> str:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": language,
    }
    unknown = [a for a in audience if a not in AUDIENCES]
    if unknown:
        raise AudienceError(f"audience: {', '.join(map(str, unknown))} not one of {', '.join(AUDIENCES)}")
    if audience:
        data["audience"] = [{"@type": "MedicalAudience", "audienceType": AUDIENCES[a]} for a in audience]
    if review.state in (ReviewState.CURRENT, ReviewState.OVERDUE):
        data["lastReviewed"] = review.reviewed_on.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": review.reviewed_by}
    # Inside <script>, '</script>' or '<!--' in a title would end the element early.
    return str(script_json(data))
