"""Keyboard only: Tab reaches every interactive element, and each shows where focus is."""

from __future__ import annotations


from atlas.permission import Visibility, visibility

from browser_support import stop_motion

# Marks every element a keyboard user should be able to reach, and records how it looks
# unfocused, to compare with how it looks when Tab lands on it.
_MARK_CANDIDATES = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const look = (e) => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.color, s.backgroundColor,
            s.textDecorationLine, s.borderColor].join('|'); };
  window.__atlasLook = look;
  // Material draws a hidden radio's focus on the label right after it (.md-option + label).
  const labelOf = (e) => (e.nextElementSibling && e.nextElementSibling.tagName === 'LABEL')
    ? e.nextElementSibling : (e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`));
  window.__atlasLabelOf = labelOf;
  const found = [];
  document.querySelectorAll(selector).forEach((e, i) => {
    if (e.tabIndex < 0 || e.disabled || e.closest('[inert]')) return;
    // Tab stops once in a radio group (on its checked radio, else its first); arrow keys move
    // within the group. Count one radio per group.
    if (e.type === 'radio' && e.name) {
      const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(e.name)}"]`)];
      if (e !== (group.find(r => r.checked) || group[0])) return;
    }
    if (!e.checkVisibility({visibilityProperty: true})) return;
    e.dataset.kbIndex = i;
    const label = labelOf(e);
    // The parent counts too: Material shows a focused search field by restyling its form.
    e.dataset.kbLook = look(e) + '//' + look(e.parentElement) + (label ? '//' + look(label) : '');
    found.push(i);
  });
  return found;
}"""

# What Tab landed on: which element, whether it can be seen, and whether it looks focused.
_FOCUSED = """async () => {
  // Let the theme's focus handlers (Material opens the search panel on focus) paint first.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = window.__atlasLabelOf(e);
  const look = window.__atlasLook(e) + '//' + window.__atlasLook(e.parentElement) + (label ? '//' + window.__atlasLook(label) : '');
  // A visually hidden control (Material's colour-scheme radios) shows focus on its label.
  const shown = (label && e.getBoundingClientRect().width < 2) ? label : e;
  const box = shown.getBoundingClientRect();
  let opacity = 1;
  for (let n = shown; n; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  const visible = box.width >= 1 && box.height >= 1 && opacity > 0.1 && shown.checkVisibility({visibilityProperty: true});
  return {index: e.dataset.kbIndex ?? null, html: e.outerHTML.slice(0, 120), visible,
          looksFocused: look !== (e.dataset.kbLook ?? '')};
}"""


def keyboard_pages(built_site):
    catalog = built_site.catalog()
    published = [p for p in catalog.photos if visibility(p, on=built_site.on) is Visibility.PUBLISHED]
    photo = next((p for p in published if p.sensitive), published[0])  # one with a "Show photo" control if any
    return ["/", f"/galleries/{catalog.galleries[0].id}/", f"/photos/{photo.id}/"]


def test_every_interactive_element_is_reached_by_tab_and_visibly_focused(page, recorder, built_site):
    problems = []
    for path in keyboard_pages(built_site):
        recorder.visit(path)
        stop_motion(page)  # measure focus styles at rest, not mid-fade
        candidates = set(map(str, page.evaluate(_MARK_CANDIDATES)))
        reached = set()
        for _ in range(len(candidates) * 2 + 10):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused is None:
                continue
            if focused["index"] in reached:
                break  # Tab came round again: the whole page has been walked
            if not focused["visible"]:
                problems.append(f"{path}: Tab lands on an element that cannot be seen: {focused['html']}")
            elif not focused["looksFocused"]:
                problems.append(f"{path}: focus is not visible on {focused['html']}")
            reached.add(focused["index"])
        for index in sorted(candidates - reached, key=int):
            html = page.locator(f'[data-kb-index="{index}"]').evaluate("e => e.outerHTML.slice(0, 120)")
            problems.append(f"{path}: never reached with Tab: {html}")
    assert not problems, "\n".join(problems)


def test_the_open_lightbox_keeps_tab_inside_and_shows_where_focus_is(page, recorder, built_site):
    catalog = built_site.catalog()
    published = [p for p in catalog.photos if visibility(p, on=built_site.on) is Visibility.PUBLISHED and not p.sensitive]
    gallery = max({p.gallery for p in published}, key=lambda g: sum(p.gallery == g for p in published))
    recorder.visit(f"/galleries/{gallery}/")
    stop_motion(page)
    opener = page.locator("article a.atlas-lightbox-link").nth(1 if sum(p.gallery == gallery for p in published) > 2 else 0)
    opener.focus()
    page.keyboard.press("Enter")
    viewer = page.get_by_role("dialog", name="Photo viewer")
    viewer.wait_for(state="visible")
    assert page.evaluate("document.activeElement.closest('dialog.atlas-lightbox') !== null")  # focus moved in
    # Measure every control unfocused, then walk them with Tab as a keyboard user would.
    page.evaluate("document.activeElement.blur()")
    page.evaluate(_MARK_CANDIDATES)
    controls = set(page.evaluate(
        "[...document.querySelectorAll('dialog.atlas-lightbox button')].filter(b => !b.disabled).map(b => b.dataset.kbIndex)"
    ))
    assert len(controls) >= 2  # Close, and Previous or Next
    problems, reached = [], set()
    for _ in range(len(controls) * 3 + 2):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue  # between the last control and the first, focus visits the browser's own controls
        if focused["index"] not in controls:
            problems.append(f"Tab left the open viewer for the page behind: {focused['html']}")
        elif not (focused["visible"] and focused["looksFocused"]):
            problems.append(f"focus is not visible on {focused['html']}")
        reached.add(focused["index"])
    assert not problems, "\n".join(problems)
    assert controls <= reached
    page.keyboard.press("Escape")
    viewer.wait_for(state="hidden")
    assert page.evaluate("element => document.activeElement === element", opener.element_handle())
