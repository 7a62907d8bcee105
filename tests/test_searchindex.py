"""The search index after the engine: synonyms added to the indexed text, controls' words gone,
in either engine's format."""

import json
import re

from atlas.searchindex import improve_search, improved_text

PATTERNS = [(re.compile(r"\bradiotherapy\b", re.IGNORECASE), ("radiation",)), (re.compile(r"\bnodule\b", re.I), ("lump",))]


def test_a_word_in_the_text_brings_its_synonyms_and_nothing_else_changes():
    assert improved_text("Radiotherapy can help.", "Treatment", PATTERNS) == "Radiotherapy can help. radiation"
    assert improved_text("Surgery only.", "Surgery", PATTERNS) == "Surgery only."


def test_the_sensitive_photo_control_and_citation_buttons_leave_the_text():
    text = "Show photo: A red rash on the chest.Hide photo Widespread red rash. Copy citation Download citation (RIS)"
    assert improved_text(text, "", []) == "Widespread red rash. "


def test_both_engines_indexes_are_rewritten(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"docs": [{"location": "a/", "title": "A", "text": "A nodule."}]}))
    (tmp_path / "search.json").write_text(json.dumps({"items": [{"location": "b/", "title": "Radiotherapy", "text": "x"}]}))
    assert improve_search(tmp_path, {"nodule": ("lump",), "radiotherapy": ("radiation",)}) == 2
    assert json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"][0]["text"] == "A nodule. lump"
    assert json.loads((tmp_path / "search.json").read_text())["items"][0]["text"] == "x radiation"


def test_the_citation_sections_are_not_results_of_their_own(tmp_path):
    (tmp_path / "search.json").write_text(json.dumps({"items": [
        {"location": "a/", "title": "A", "text": "x"}, {"location": "a/#cite-this-page", "title": "Cite this page", "text": "y"},
    ]}))
    improve_search(tmp_path, {})
    assert [e["location"] for e in json.loads((tmp_path / "search.json").read_text())["items"]] == ["a/"]
