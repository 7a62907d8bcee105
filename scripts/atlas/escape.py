"""Staff text is data: the one place that turns it into each kind of output.

Captions, titles, alt text, credits, gallery texts, references and front matter are written by
foundation staff and pasted from emails and web pages. They are shown exactly as typed and
never run or change a page's structure: every value passes through exactly one of these
functions at the point where it is written out, one function per kind of output.

- `html()`: text or an attribute value in the HTML that the atlas writes into a generated
  Markdown page (photo and gallery pages, embeds, references). Besides the five characters
  HTML needs escaped, every ASCII punctuation character that Markdown, its extensions or the
  atlas's own markers give a meaning to (`[[photo:...]]`, `[@key]`, `*emphasis*`, `{#id}`,
  `--8<--`, `# heading`) becomes a numeric character reference, and so do line breaks. The
  browser shows the same characters; no Markdown processor, preprocessor or marker can see them.
- `engine_text()`: a value the site engine's templates print without escaping (the page title
  and description in `<title>`, meta tags, the header, navigation and the search index):
  escaped once, as markup-safe text, so a template that escapes again changes nothing.
- `script_json()`: JSON inside a `<script type="application/ld+json">` element.
- `ris_value()`: one RIS field on one line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

# Characters kept as they are in html(): letters, digits, spaces and the punctuation that
# means nothing to HTML, Markdown or the atlas's markers. Everything else in ASCII punctuation
# is written as a character reference.
_SAFE_PUNCTUATION = set(" .,;:?/-@%=+")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u0085\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# The five HTML needs, in the forms html.escape() writes; every other character is numeric.
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}


def _reference(character: str) -> str:
    return _NAMED.get(character) or f"&#{ord(character)};"


def html(text: Any) -> str:
    """`text` for HTML text or a quoted attribute value inside a generated Markdown page."""
    if text is None:
        return ""
    out = []
    for character in str(text):
        if character.isascii() and not character.isalnum() and character not in _SAFE_PUNCTUATION:
            out.append(_reference(character))
        else:
            out.append(character)
    return "".join(out)


def engine_text(text: Any) -> Markup:
    """A value for the engine's templates, which print it as they find it."""
    return Markup.escape("" if text is None else str(text))


def engine_meta(meta: dict, *, built_safe: tuple[str, ...] = ()) -> dict:
    """A page's front matter as the engine's templates see it: every text value escaped once,
    in lists and nested mappings too. `built_safe` names the keys whose values the atlas wrote
    itself in their final form (JSON-LD from `script_json`, which HTML escaping would break:
    a <script> element's text is never unescaped by the browser)."""

    def escaped(value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        if isinstance(value, str):
            return engine_text(value)
        if isinstance(value, list):
            return [escaped(item) for item in value]
        if isinstance(value, dict):
            return {key: escaped(item) for key, item in value.items()}
        return value

    return {key: Markup(value) if key in built_safe else escaped(value) for key, value in meta.items()}


def script_json(data: Any) -> Markup:
    """JSON that no text inside it can end or change: `<`, `>` and `&` are written as JSON
    escapes, so neither `</script>` nor `<!--` can appear in the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def ris_value(text: Any) -> str:
    """A value for one RIS line: line breaks and control characters folded into spaces, so a
    value can never start a new tag line or a new record."""
    value = _LINE_BREAKS.sub(" ", "" if text is None else str(text))
    return " ".join(_CONTROL.sub(" ", value).split())
