from atlas.qa.external import external_load_problems
from atlas.qa.htmlcheck import parse_problems

from site_faults import replace_in


def test_every_page_of_the_built_site_parses_without_html_errors(built_site):
    assert parse_problems(built_site.site_dir) == []


def test_malformed_html_is_reported_with_page_line_and_column(site_copy):
    replace_in(site_copy / "index.html", "</article>", "<p><b>unclosed</p></article><div>")
    problems = parse_problems(site_copy)
    assert problems and all(p.startswith("index.html:") for p in problems)


def test_nothing_on_the_built_site_loads_from_another_host(built_site):
    assert external_load_problems(built_site.site_dir, site_url=built_site.site_url) == []


def test_a_deliberately_added_external_font_is_reported(site_copy):
    replace_in(
        site_copy / "index.html",
        "</head>",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>',
    )
    problems = external_load_problems(site_copy)
    assert len(problems) == 1
    assert problems[0].startswith("index.html:") and "fonts.googleapis.com" in problems[0]


def test_a_font_imported_from_another_host_in_css_is_reported(site_copy):
    with open(site_copy / "assets" / "atlas.css", "a") as css:
        css.write('\n@font-face { font-family: X; src: url("//fonts.gstatic.com/x.woff2"); }\n')
    problems = external_load_problems(site_copy)
    assert len(problems) == 1 and problems[0].startswith("assets/atlas.css:") and "fonts.gstatic.com" in problems[0]


def test_plain_links_to_other_sites_and_canonical_urls_are_not_loads(site_copy):
    replace_in(
        site_copy / "index.html",
        "</article>",
        '<a href="https://www.cancer.gov/">NCI</a><link rel="alternate" href="https://other.example/feed"></article>',
    )
    assert external_load_problems(site_copy, site_url="https://cutaneous-metastases.example.org/") == []


def test_every_inline_script_and_style_on_the_built_site_is_allowed_by_its_page_policy(built_site):
    # What the build warns about ("inline ... is not allowed by the policy") must be nothing on
    # the real site: a warning on every build teaches staff to ignore warnings.
    import re

    from atlas.security import inline_scripts, inline_styles, source_hash

    refused = []
    for page in sorted(built_site.site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        if page.relative_to(built_site.site_dir).parts[0] == "admin" or found is None:
            continue
        directives = dict(part.strip().split(" ", 1) for part in found.group(1).split(";") if part.strip())
        for kind, bodies in (("script-src", inline_scripts(html)), ("style-src", inline_styles(html))):
            refused += [f"{page.name} {kind}" for body in bodies if source_hash(body) not in directives[kind]]
    assert refused == []
