"""The built site's search index (either engine's): every word people type for a page word
(extra.atlas.search_synonyms) is indexed wherever that word is, no control text is glued into
a result, and the citation sections are not results of their own."""

import re

from atlas.settings import load_settings
from atlas.takedown import search_entries


def test_every_synonym_is_indexed_beside_its_word(built_site):
    entries = search_entries(built_site.site_dir)
    synonyms = load_settings(built_site.root).search_synonyms
    assert synonyms, "mkdocs.yml lists no extra.atlas.search_synonyms"
    missing = []
    for word, typed in synonyms.items():
        using = [e for e in entries if re.search(rf"\b{re.escape(word)}\b", e.get("text", "") + " " + e.get("title", ""), re.I)]
        for entry in using:
            for other in typed:
                if other.lower() not in entry["text"].lower():
                    missing.append(f"{entry['location']}: '{word}' without '{other}'")
    assert missing == [], "\n".join(missing[:20])


def test_no_result_carries_the_controls_words_or_is_a_citation_section(built_site):
    entries = search_entries(built_site.site_dir)
    assert not [e["location"] for e in entries if "Hide photo" in e.get("text", "") or "Copy citation" in e.get("text", "")]
    assert not [e["location"] for e in entries if e["location"].endswith(("#cite-this-page", "#cite-this-photo"))]
