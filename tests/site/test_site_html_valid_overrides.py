"""The theme overrides that make Material's and Zensical's markup valid HTML change only what the
Nu HTML Checker reports, stay in sync with the installed theme, and keep keyboard behaviour."""

import re
from pathlib import Path

import pytest

from atlas.engines import ENGINES

THEME = Path(__file__).resolve().parents[2] / "scripts" / "atlas" / "theme"

TOGGLES = [
    ('type="checkbox" id="__drawer">', 'type="checkbox" id="__drawer" autocomplete="off">'),
    ('type="checkbox" id="__search">', 'type="checkbox" id="__search" autocomplete="off">'),
]
def bundle_on_first_use(digest: str) -> list[tuple[str, str]]:
    url = "'assets/javascripts/bundle." + digest + ".min.js' | url"
    ours = '<script id="__atlas_theme_script" type="application/json">{{ (' + url + ') | tojson }}</script>'
    return [(ours, '<script src="{{ ' + url + ' }}"></script>')]


TABINDEX = [
    (
        'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        'id="{{ path }}_label" tabindex="{{ tabindex }}">',
    )
]
TOC_IN_NAV = """  {#- atlas: is this page in the navigation, where nav-item.html writes the __toc toggle? (The
      test is nav-item.html's own.) -#}
  {%- set atlas_toc = namespace(in_nav=false) %}
  {%- for item in nav.items recursive %}
    {%- if item.children %}{{ loop(item.children) }}{% elif IN_NAV %}{% set atlas_toc.in_nav = true %}{% endif %}
  {%- endfor %}
"""


def toc_changes(in_nav: str, condition: str) -> list[tuple[str, str]]:
    return [
        (TOC_IN_NAV.replace("IN_NAV", in_nav), ""),
        (f'<label class="md-nav__title"{{% if {condition} %}} for="__toc"{{% endif %}}>', '<label class="md-nav__title" for="__toc">'),
    ]


# (engine, template): what ours has instead of upstream's text, in order.
CHANGES = {
    ("mkdocs", "base.html"): TOGGLES + bundle_on_first_use("a5f9d56c"),
    ("zensical", "base.html"): TOGGLES + bundle_on_first_use("77dd0ce9")
    + [('<label class="md-overlay" for="__drawer"></label>', '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>')],
    ("mkdocs", "partials/nav-item.html"): TABINDEX,
    ("zensical", "partials/nav-item.html"): TABINDEX,
    ("mkdocs", "partials/toc.html"): toc_changes("item == page", "atlas_toc.in_nav"),
    ("zensical", "partials/toc.html"): toc_changes("item.active", 'atlas_toc.in_nav or config.theme.variant != "classic"'),
}


def without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


@pytest.mark.parametrize("engine, template", sorted(CHANGES), ids=lambda value: value)
def test_override_differs_from_the_installed_theme_only_by_what_makes_it_valid(engine, template):
    ours = without_leading_comment((THEME / engine / template).read_text())
    upstream = without_leading_comment((ENGINES[engine].templates() / template).read_text())
    restored = ours
    for our_text, upstream_text in CHANGES[engine, template]:
        assert our_text in restored, f"scripts/atlas/theme/{engine}/{template} lost its fix: {our_text!r}"
        restored = restored.replace(our_text, upstream_text)
    assert restored == upstream, (
        f"the installed theme's {template} changed: copy {ENGINES[engine].templates() / template} to "
        f"scripts/atlas/theme/{engine}/{template} again and reapply the changes its leading comment lists"
    )


def test_built_pages_carry_none_of_the_invalid_theme_markup(built_site):
    for page in sorted(built_site.site_dir.rglob("*.html")):
        text = page.read_text()
        name = page.relative_to(built_site.site_dir)
        assert not re.search(r'type="checkbox"[^>]*autocomplete=', text), f"{name}: autocomplete on a checkbox"
        assert 'tabindex=""' not in text, f"{name}: an empty tabindex"
        assert not re.search(r"<sup[^>]*aria-label", text), f"{name}: aria-label on a <sup>"
        if 'for="__toc"' in text:
            assert 'id="__toc"' in text, f"{name}: a label for the __toc toggle, which the page does not have"


def test_pages_in_the_navigation_keep_the_table_of_contents_toggle_and_keyboard_labels(built_site):
    # What keyboard and screen-reader users rely on stays: on a page in the navigation the
    # drawer's table of contents opens from its label and its title label closes it; the
    # overlay still closes the drawer. (Section labels lost tabindex="", which browsers ignore.)
    page = (built_site.site_dir / "treatment" / "index.html").read_text()
    assert 'id="__toc"' in page
    assert page.count('for="__toc"') >= 2
    assert '<label class="md-overlay" for="__drawer"></label>' in page
    photo = next(p for p in sorted(built_site.site_dir.glob("photos/*/index.html")) if "<img" in p.read_text())
    assert 'for="__toc"' not in photo.read_text()


def test_no_page_loads_the_theme_bundle_itself_and_every_page_can_load_it_on_first_use(built_site):
    """Our base.html copies write the bundle's address as data, never a <script src>, and the
    atlas's script that loads it on the reader's first action is on every page that has it."""
    problems = []
    for page in sorted(built_site.site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site.site_dir).as_posix()
        if name.startswith("admin/") or 'id="__config"' not in text:
            continue  # the staff editor, and redirect pages, are not the theme's
        if re.search(r"<script[^>]*src=[^>]*assets/javascripts/bundle\.", text):
            problems.append(f"{name}: loads the bundle while the page loads")
        has_data = re.search(r'<script id="__atlas_theme_script" type="application/json">"[^"<]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"</script>', text)
        if not has_data or "__atlas_theme_script" not in text.split("</head>", 1)[0]:
            problems.append(f"{name}: no way to load the theme's script")
    assert problems == []
