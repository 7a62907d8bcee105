/* Progressive enhancements for the atlas. Every feature here also works, more plainly,
 * without JavaScript. Nothing is sent anywhere: the one preference is kept in this browser's
 * localStorage and never leaves the device. */
(function () {
  "use strict";

  var PREFERENCE = "atlas-always-show-photos";
  var lastLightboxTrigger = null;

  function alwaysShow() {
    try { return window.localStorage.getItem(PREFERENCE) === "1"; } catch (e) { return false; }
  }

  function remember(value) {
    try {
      if (value) { window.localStorage.setItem(PREFERENCE, "1"); }
      else { window.localStorage.removeItem(PREFERENCE); }
    } catch (e) { /* storage disabled: the choice lasts for this page only */ }
  }

  function setCovers(open) {
    document.querySelectorAll("details.atlas-sensitive").forEach(function (details) {
      details.open = open;
    });
  }

  function initPreference() {
    var chosen = alwaysShow();
    if (chosen) { setCovers(true); }
    document.querySelectorAll(".atlas-pref").forEach(function (pref) {
      var box = pref.querySelector("input.atlas-pref__always");
      if (!box) { return; }
      pref.hidden = false;
      box.checked = chosen;
      box.onchange = function () {
        remember(box.checked);
        setCovers(box.checked);
      };
    });
  }

  function initCitation() {
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    document.querySelectorAll(".atlas-access-date").forEach(function (span) { span.textContent = iso; });
    document.querySelectorAll("button.atlas-copy").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.onclick = function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var status = button.parentNode.querySelector(".atlas-copy__status");
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          if (status) { status.textContent = " Citation copied."; }
        }, function () {
          if (status) { status.textContent = " Could not copy: select the citation and copy it by hand."; }
        });
      };
    });
  }

  // GLightbox does not give focus back when it closes; keyboard users would be left at the top
  // of the page. Remember what opened it and return focus there.
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("a.glightbox");
    if (trigger) { lastLightboxTrigger = trigger; }
  }, true);
  // GLightbox's dialog has no accessible name, and the slides it preloads beside the current
  // one carry empty headings. Name the dialog, mark it modal, and hide every slide but the
  // current one from assistive technology (WCAG 4.1.2, 1.3.1).
  function tidyLightbox() {
    var dialog = document.getElementById("glightbox-body");
    if (!dialog) { return; }
    if (!dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", "Photo viewer");
      dialog.setAttribute("aria-modal", "true");
    }
    dialog.querySelectorAll(".gslide").forEach(function (slide) {
      var current = slide.classList.contains("current");
      if (current) { slide.removeAttribute("aria-hidden"); } else { slide.setAttribute("aria-hidden", "true"); }
    });
    dialog.querySelectorAll(".gslide-title, .gslide-desc").forEach(function (text) {
      text.hidden = text.textContent.trim() === "";
    });
  }
  new MutationObserver(function (changes) {
    if (changes.some(function (change) {
      return change.target.closest && change.target.closest("#glightbox-body");
    })) { tidyLightbox(); }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });

  new MutationObserver(function () {
    var open = document.documentElement.classList.contains("glightbox-open") ||
      document.body.classList.contains("glightbox-open");
    if (open) { tidyLightbox(); }
    if (!open && lastLightboxTrigger && document.contains(lastLightboxTrigger)) {
      var trigger = lastLightboxTrigger;
      lastLightboxTrigger = null;
      window.setTimeout(function () { trigger.focus(); }, 0);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["class"], subtree: false });

  function init() {
    initPreference();
    initCitation();
  }

  // Material's instant navigation swaps pages without a reload and announces each through
  // document$; without it, run once when the page is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
