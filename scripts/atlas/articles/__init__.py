"""Articles: citations from references.yaml, the medical review notice, schema.org metadata,
the glossary and the plain-language check. Plain functions; nothing here imports MkDocs."""

from .citations import CitationResult, format_reference, render_citations
from .glossary import Term, expand_glossary, parse_glossary
from .jsonld import medical_web_page
from .placeholders import expand_contact
from .references import Reference, check_references, parse_references
from .review import Review, ReviewError, ReviewState, insert_after_title, overdue_warning, review_banner, review_of

__all__ = [
    "CitationResult",
    "Reference",
    "Review",
    "ReviewError",
    "ReviewState",
    "Term",
    "check_references",
    "expand_contact",
    "expand_glossary",
    "format_reference",
    "insert_after_title",
    "medical_web_page",
    "overdue_warning",
    "parse_glossary",
    "parse_references",
    "render_citations",
    "review_banner",
    "review_of",
]
