"""The theme overrides that fix stock Material's accessibility failures stay minimal and in sync."""

from pathlib import Path

from atlas.engines import ENGINES

THEME = Path(__file__).resolve().parents[2] / "scripts" / "atlas" / "theme"
OVERRIDES = THEME / "mkdocs"
UPSTREAM = ENGINES["mkdocs"].templates()


def without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


def test_search_partial_differs_from_upstream_only_by_the_dialogs_accessible_name():
    ours = without_leading_comment((OVERRIDES / "partials" / "search.html").read_text())
    upstream = without_leading_comment((UPSTREAM / "partials" / "search.html").read_text())
    named = ours.replace(""" aria-label="{{ lang.t('search') }}">""", ">", 1)
    assert named != ours, "the search dialog lost its aria-label: axe's aria-dialog-name will fail"
    assert named == upstream, (
        "Material's partials/search.html changed upstream: copy the new one to "
        "scripts/atlas/theme/mkdocs/partials/search.html and add the aria-label on role=dialog again"
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
        "scripts/atlas/theme/mkdocs/partials/javascripts/base.html and move the root into data-md-scope again"
    )


def test_zensical_storage_script_differs_from_upstream_only_by_where_it_reads_the_site_root():
    ours = without_leading_comment((THEME / "zensical" / "partials" / "javascripts" / "base.html").read_text())
    upstream = without_leading_comment((ENGINES["zensical"].templates() / "partials" / "javascripts" / "base.html").read_text())
    restored = ours.replace(
        '<script data-md-scope="{{ config.extra.scope | d(base_url, true) }}">__md_scope=new URL(document.currentScript.dataset.mdScope,location)',
        '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url, true) }}",location)',
        1,
    )
    assert restored != ours, "the Zensical override no longer reads the root from its data-md-scope attribute"
    assert restored.strip() == upstream.strip(), (
        "Zensical's partials/javascripts/base.html changed upstream: copy the new one to "
        "scripts/atlas/theme/zensical/partials/javascripts/base.html and move the root into data-md-scope again"
    )


def test_zensical_uses_no_material_copy():
    """Zensical's search partial is a button, not Material's form: the MkDocs overrides must
    never reach it (atlas.prepare.write_theme layers shared, then the engine's own)."""
    assert not (THEME / "zensical" / "partials" / "search.html").exists()
    assert not (THEME / "shared" / "partials").exists()
