"""The built site's search index, made more helpful after the engine writes it (either engine's
format: atlas.takedown reads both):

- the words people type find the words the pages use ("radiation" finds "radiotherapy"): each
  entry whose text uses a word gets that word's synonyms (extra.atlas.search_synonyms) added to
  its indexed text, never to the page;
- a photo result reads as its caption, not as the sensitive-photo control's text glued to it
  ("Hide photoWidespread rash..."), and no entry carries the citation buttons' labels;
- the "Cite this page" and "Cite this photo" sections are not results of their own: every page
  has one, each naming the site ("Cutaneous Metastases Atlas"), so they crowded out the pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from .takedown import search_indexes, write_search_index

# The controls' own words (atlas.pages.html and atlas.pages.cite write them), which say nothing
# about the page: "Show photo: <alt> Hide photo" before a sensitive photo, and the two buttons
# under every citation.
CITE_SECTIONS = ("#cite-this-page", "#cite-this-photo")
CONTROL_TEXT = re.compile(r"Show photo: .*?Hide photo\s*|Copy citation\s*|Download citation \(RIS\)\s*", re.DOTALL)


def improve_search(site_dir: Path, synonyms: dict[str, tuple[str, ...]]) -> int:
    """Rewrite either engine's index in place; returns how many entries changed."""
    patterns = [(re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), others) for word, others in synonyms.items()]
    changed = 0
    for index_file, index, key in search_indexes(site_dir):
        before_count = changed
        kept = [e for e in index[key] if not str(e.get("location", "")).endswith(CITE_SECTIONS)]
        changed += len(index[key]) - len(kept)
        index[key] = kept
        for entry in index[key]:
            before = entry.get("text", "")
            entry["text"] = improved_text(str(before), str(entry.get("title", "")), patterns)
            changed += entry["text"] != before
        if changed != before_count:
            write_search_index(index_file, index)
    return changed


def improved_text(text: str, title: str, patterns) -> str:
    text = CONTROL_TEXT.sub("", text)
    extra = [
        other for pattern, others in patterns if pattern.search(text) or pattern.search(title)
        for other in others if other.lower() not in text.lower()
    ]
    return f"{text} {' '.join(extra)}" if extra else text
