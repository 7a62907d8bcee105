"""The theme overrides that fix stock Material's accessibility failures stay minimal and in sync."""

from pathlib import Path

import material

OVERRIDES = Path(__file__).resolve().parents[2] / "scripts" / "atlas" / "theme"
UPSTREAM = Path(material.__file__).parent / "templates"


def without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


def test_search_partial_differs_from_upstream_only_by_the_dialogs_accessible_name():
    ours = without_leading_comment((OVERRIDES / "partials" / "search.html").read_text())
    upstream = without_leading_comment((UPSTREAM / "partials" / "search.html").read_text())
    named = ours.replace(""" aria-label="{{ lang.t('search') }}">""", ">", 1)
    assert named != ours, "the search dialog lost its aria-label: axe's aria-dialog-name will fail"
    assert named == upstream, (
        "Material's partials/search.html changed upstream: copy the new one to "
        "scripts/atlas/theme/partials/search.html and add the aria-label on role=dialog again"
    )


def test_built_pages_name_the_search_dialog(built_site):
    assert 'role="dialog" aria-label="Search"' in (built_site.site_dir / "index.html").read_text()


def test_storage_script_differs_from_upstream_only_by_where_it_reads_the_site_root():
    ours = without_leading_comment((OVERRIDES / "partials" / "javascripts" / "base.html").read_text())
    upstream = without_leading_comment((UPSTREAM / "partials" / "javascripts" / "base.html").read_text())
    restored = ours.replace(
        '<script data-md-scope="{{ config.extra.scope | d(base_url) }}">__md_scope=new URL(document.currentScript.dataset.mdScope,location)',
        '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)',
        1,
    )
    assert restored != ours, "the override no longer reads the root from its data-md-scope attribute"
    assert restored == upstream, (
        "Material's partials/javascripts/base.html changed upstream: copy the new one to "
        "scripts/atlas/theme/partials/javascripts/base.html and move the root into data-md-scope again"
    )
