from atlas.articles import format_reference, render_citations
from atlas.articles.references import Reference

REFS = {
    "alpha2001": Reference("alpha2001", ("Alpha A", "Beta B"), "First study", 2001, journal="J One", volume="1", issue="2", pages="3-4", doi="10.1000/one", pmid="123"),
    "gamma2002": Reference("gamma2002", ("Gamma C",), "Second study", 2002, publisher="A Press"),
    "delta2003": Reference("delta2003", tuple(f"Author{i} A" for i in range(1, 9)), "Third study", 2003, journal="J Three"),
}


def test_citations_are_numbered_in_order_of_first_use_and_reused():
    markdown = "One [@gamma2002].\n\nTwo [@alpha2001; @gamma2002].\n\nThree [@alpha2001]."
    result = render_citations(markdown, page_path="docs/page.md", references=REFS)
    assert result.errors == []
    assert result.cited == ["gamma2002", "alpha2001"]
    assert 'One <sup class="atlas-cite">[<a href="#ref-gamma2002" aria-label="Reference 1">1</a>]</sup>.' in result.markdown
    assert '[<a href="#ref-alpha2001" aria-label="Reference 2">2</a>, <a href="#ref-gamma2002" aria-label="Reference 1">1</a>]' in result.markdown
    assert 'Three <sup class="atlas-cite">[<a href="#ref-alpha2001" aria-label="Reference 2">2</a>]</sup>.' in result.markdown


def test_reference_list_is_appended_in_citation_order():
    result = render_citations("A [@alpha2001]. B [@gamma2002].", page_path="docs/page.md", references=REFS)
    section = result.markdown.split("## References {#references}", 1)[1]
    assert section.index('id="ref-alpha2001"') < section.index('id="ref-gamma2002"')
    assert "delta2003" not in section


def test_unknown_key_is_an_error_naming_page_line_and_near_miss():
    result = render_citations("Fine.\n\nBad [@alpha2010].", page_path="docs/what.md", references=REFS)
    assert result.errors == [
        "docs/what.md:3: [@alpha2010]: no reference has this key in references.yaml (did you mean 'alpha2001'?)"
    ]
    assert "[@alpha2010]" in result.markdown


def test_unreadable_citation_is_an_error():
    result = render_citations("Bad [@alpha2001, @gamma2002].", page_path="docs/what.md", references=REFS)
    assert result.errors == [
        "docs/what.md:1: [@alpha2001, @gamma2002]: cannot read this citation (write [@key], or [@key1; @key2] for several)"
    ]


def test_page_without_citations_gets_no_reference_section():
    result = render_citations("Nothing cited here.", page_path="docs/page.md", references=REFS)
    assert result.markdown == "Nothing cited here."


def test_citation_syntax_inside_code_fences_is_left_alone():
    markdown = "```\nWrite [@unknown] to cite.\n```"
    result = render_citations(markdown, page_path="docs/page.md", references=REFS)
    assert result.errors == [] and result.markdown == markdown


def test_bibliography_marker_lists_every_reference_by_first_author():
    result = render_citations("[[bibliography]]", page_path="docs/all.md", references=REFS)
    assert result.markdown.index("bib-alpha2001") < result.markdown.index("bib-delta2003") < result.markdown.index("bib-gamma2002")


def test_reference_is_formatted_vancouver_style_with_checked_identifiers():
    assert format_reference(REFS["alpha2001"]) == (
        'Alpha A, Beta B. First study. <em>J One</em>. 2001;1(2):3-4. '
        'doi:<a href="https://doi.org/10.1000/one">10.1000/one</a>. '
        'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/123/">123</a>.'
    )
    assert format_reference(REFS["gamma2002"]) == "Gamma C. Second study. <em>A Press</em>. 2002."


def test_a_doi_with_characters_a_url_may_not_hold_is_percent_encoded_in_the_link_only():
    # A real Wiley SICI DOI (Cancer 1972): "<" and ">" are not allowed in a URL.
    doi = "10.1002/1097-0142(197205)29:5<1298::AID-CNCR2820290526>3.0.CO;2-6"
    text = format_reference(Reference("sici1972", ("Brownstein MH",), "Metastatic tumors of the skin", 1972, journal="Cancer", doi=doi))
    assert 'href="https://doi.org/10.1002/1097-0142&#40;197205&#41;29:5%3C1298::AID-CNCR2820290526%3E3.0.CO;2-6"' in text
    assert ">10.1002/1097-0142&#40;197205&#41;29:5&lt;1298::AID-CNCR2820290526&gt;3.0.CO;2-6</a>" in text


def test_more_than_six_authors_are_shortened_with_et_al():
    assert format_reference(REFS["delta2003"]).startswith(
        "Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. Third study."
    )


def test_error_line_counts_from_the_top_of_the_file_not_the_body():
    from atlas.articles.page import body_first_line

    source = "---\ntitle: T\n---\n\n# T\n\nText [@nope]."
    assert body_first_line(source) == 5
    body = "# T\n\nText [@nope]."
    result = render_citations(body, page_path="docs/t.md", references=REFS, first_line=body_first_line(source))
    assert result.errors[0].startswith("docs/t.md:7: [@nope]")
