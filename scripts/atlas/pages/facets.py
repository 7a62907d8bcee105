"""Gallery filters: the catalog fields readers narrow a gallery by.

Each filter value gets its own small page (/galleries/<id>/<facet>/<value>/), so filtering is
plain links: it works without JavaScript, and a screen reader announces the new page's heading
and result count like any other page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.model import Photo


@dataclass(frozen=True)
class Facet:
    field: str  # attribute of Photo
    slug: str  # in URLs
    label: str  # shown to readers


FACETS = (
    Facet("body_site", "body-site", "Body site"),
    Facet("stage", "stage", "Stage"),
    Facet("primary_cancer", "primary-cancer", "Primary cancer"),
    Facet("skin_type", "skin-type", "Skin type"),
)

# Order in which stages read naturally, and in which a case's photos are shown.
STAGE_ORDER = ("early", "advanced", "during-treatment", "after-treatment")


def value_label(facet: Facet, value: str) -> str:
    if facet.field == "skin_type":
        return f"Type {value}"
    return value.replace("-", " ").capitalize()


def facet_values(facet: Facet, photos: list[Photo]) -> list[tuple[str, int]]:
    """The values this facet takes among `photos`, with counts, in a stable order."""
    counts: dict[str, int] = {}
    for photo in photos:
        value = getattr(photo, facet.field)
        if value:
            counts[value] = counts.get(value, 0) + 1
    if facet.field == "stage":
        order = {stage: index for index, stage in enumerate(STAGE_ORDER)}
        return sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))
    return sorted(counts.items())


def useful_facets(photos: list[Photo]) -> list[Facet]:
    """Filters worth offering: those that split the gallery into at least two groups."""
    return [facet for facet in FACETS if len(facet_values(facet, photos)) >= 2]


def matching(photos: list[Photo], facet: Facet, value: str) -> list[Photo]:
    return [photo for photo in photos if getattr(photo, facet.field) == value]
