"""Every page a reader can reach, in a real browser: accessible, quiet, and self-contained."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from browser_support import axe_violations, pages_to_audit


@dataclass
class PageAudit:
    status: int
    other_hosts: list[str]
    console_errors: list[str]
    axe: list[str]


@pytest.fixture(scope="module")
def audits(recorder, built_site) -> dict[str, PageAudit]:
    """Each page visited once; the tests below read the findings, so every page is loaded and
    audited a single time however many checks look at it."""
    found = {}
    for path in pages_to_audit(built_site):
        response = recorder.visit(path)
        found[path] = PageAudit(response.status, recorder.other_host_requests(), list(recorder.console_errors), axe_violations(recorder.page))
    return found


def failures(audits: dict[str, PageAudit], attribute: str) -> str:
    return "\n".join(f"{path}: {item}" for path, audit in audits.items() for item in getattr(audit, attribute))


def test_pages_to_audit_cover_home_galleries_photos_withdrawn_notices_and_404(audits, built_site):
    from atlas.permission import Visibility, visibility

    catalog = built_site.catalog()
    expected = {"/", "/galleries/", "/404.html"}
    expected |= {f"/galleries/{g.id}/" for g in catalog.galleries}
    expected |= {f"/photos/{p.id}/" for p in catalog.photos if visibility(p, on=built_site.on) in (Visibility.PUBLISHED, Visibility.RETIRED)}
    assert expected <= set(audits)
    assert all(audit.status == 200 for audit in audits.values()), {p: a.status for p, a in audits.items() if a.status != 200}


def test_no_page_requests_anything_from_another_host(audits):
    assert failures(audits, "other_hosts") == ""


def test_no_page_logs_a_console_error(audits):
    assert failures(audits, "console_errors") == ""


def test_every_page_has_no_axe_violations_of_wcag_2_2_a_and_aa(audits):
    assert failures(audits, "axe") == ""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_key_pages_have_no_axe_violations_on_a_phone(browser, base_url, built_site, scheme):
    """The same rules at phone size, in both colour schemes the site offers (layout and
    colours change there: the drawer menu, the slate palette)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        found = []
        catalog = built_site.catalog()
        for path in ["/", f"/galleries/{catalog.galleries[0].id}/", "/404.html"]:
            page.goto(base_url + path, wait_until="load")
            found += [f"{path}: {line}" for line in axe_violations(page)]
        assert found == []
    finally:
        context.close()
