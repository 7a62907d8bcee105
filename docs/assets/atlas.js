/* Progressive enhancements for the atlas. Every feature here also works, more plainly,
 * without JavaScript. Nothing is sent anywhere: the one preference is kept in this browser's
 * localStorage and never leaves the device. */
(function () {
  "use strict";

  var PREFERENCE = "atlas-always-show-photos";

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

  // The photo lightbox: one native <dialog>, built once and kept for every page (Material's
  // instant navigation swaps pages without a reload, so links are found by one click listener
  // on the document). showModal() makes the page behind inert, keeps Tab inside and closes on
  // Esc. Staff text (caption, alt) is read from data attributes and written only with
  // textContent or as a property, so it shows exactly as typed and can never become markup
  // (issue 11); nothing writes an inline style, so the strict Content-Security-Policy
  // (style-src 'self') holds. Without JavaScript each link simply opens the largest file.
  var LIGHTBOX_LINK = "a.atlas-lightbox-link";
  var viewer = null;

  function element(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // A button whose visible words are its accessible name; the arrow is decoration.
  function viewerButton(className, label, arrow, parent, arrowLast) {
    var node = element("button", "atlas-lightbox__button " + className, parent);
    node.type = "button";
    var words = document.createTextNode(label);
    var mark = element("span", "atlas-lightbox__arrow");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = arrow;
    node.appendChild(arrowLast ? words : mark);
    node.appendChild(arrowLast ? mark : words);
    return node;
  }

  function buildViewer() {
    var dialog = element("dialog", "atlas-lightbox");
    dialog.setAttribute("aria-label", "Photo viewer");
    var bar = element("div", "atlas-lightbox__bar", dialog);
    var v = { dialog: dialog, group: [], index: 0, opener: null };
    v.close = viewerButton("atlas-lightbox__close", "Close", "\u00d7", bar);
    v.stage = element("div", "atlas-lightbox__stage", dialog);
    var picture = element("picture", "", v.stage);
    v.source = element("source", "", picture);
    v.image = element("img", "atlas-lightbox__image", picture);
    v.image.decoding = "async";
    // Polite: moving to another photo reads its number and caption; opening reads the dialog.
    var text = element("div", "atlas-lightbox__text", dialog);
    text.setAttribute("aria-live", "polite");
    v.counter = element("p", "atlas-lightbox__counter", text);
    v.caption = element("p", "atlas-lightbox__caption", text);
    v.alt = element("p", "atlas-lightbox__alt", text);
    v.nav = element("div", "atlas-lightbox__nav", dialog);
    v.previous = viewerButton("atlas-lightbox__previous", "Previous photo", "\u2039", v.nav);
    v.next = viewerButton("atlas-lightbox__next", "Next photo", "\u203a", v.nav, true);

    v.close.addEventListener("click", function () { dialog.close(); });
    v.previous.addEventListener("click", function () { move(-1); });
    v.next.addEventListener("click", function () { move(1); });
    dialog.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        event.preventDefault();
        move(event.key === "ArrowLeft" ? -1 : 1);
      }
    });
    // A click on the backdrop or the empty space around the photo closes, as in most viewers.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target === v.stage) { dialog.close(); }
    });
    v.image.addEventListener("load", function () { v.stage.classList.remove("atlas-lightbox__stage--loading"); });
    v.image.addEventListener("error", function () { v.stage.classList.remove("atlas-lightbox__stage--loading"); });
    dialog.addEventListener("close", function () {
      if (dialog.open) { return; }  // closed and opened again before this event arrived
      document.documentElement.classList.remove("atlas-lightbox-open");
      var opener = v.opener;
      v.opener = null;
      if (opener && document.contains(opener)) { opener.focus(); }
    });
    return v;
  }

  // The srcsets name files in the folder of the link's own file (atlas/pages/html.py says why).
  function besideLink(srcset, link) {
    if (!srcset) { return ""; }
    return srcset.split(",").map(function (entry) {
      var parts = entry.trim().split(/\s+/);
      return new URL(parts[0], link.href).href + (parts[1] ? " " + parts[1] : "");
    }).join(", ");
  }

  function show(index) {
    var link = viewer.group[index];
    var data = link.dataset;
    var count = viewer.group.length;
    viewer.index = index;
    viewer.stage.classList.add("atlas-lightbox__stage--loading");
    viewer.source.type = data.sourceType || "";
    viewer.source.srcset = besideLink(data.sourceSrcset, link);  // empty: the browser skips this <source>
    viewer.source.sizes = viewer.image.sizes = data.sizes || "100vw";
    viewer.image.srcset = besideLink(data.srcset, link);
    viewer.image.src = link.href;
    viewer.image.alt = data.alt || "";
    if (data.width && data.height) {
      viewer.image.width = Number(data.width);  // the shape, before the file arrives
      viewer.image.height = Number(data.height);
    }
    if (viewer.image.complete) { viewer.stage.classList.remove("atlas-lightbox__stage--loading"); }
    viewer.caption.textContent = data.caption || "";
    viewer.caption.hidden = !data.caption;
    viewer.alt.textContent = data.alt ? "What the photo shows: " + data.alt : "";
    viewer.alt.hidden = !data.alt;
    viewer.counter.textContent = "Photo " + (index + 1) + " of " + count;
    viewer.counter.hidden = viewer.nav.hidden = count < 2;
    // No looping: the ends of a group are ends. Focus never stays on a button just disabled.
    var focused = document.activeElement;
    viewer.previous.disabled = index === 0;
    viewer.next.disabled = index === count - 1;
    if (focused && focused.disabled) {
      (viewer.previous.disabled ? (viewer.next.disabled ? viewer.close : viewer.next) : viewer.previous).focus();
    }
  }

  function move(step) {
    var index = viewer.index + step;
    if (index >= 0 && index < viewer.group.length) { show(index); }
  }

  function openViewer(link) {
    if (!viewer) { viewer = buildViewer(); }
    if (viewer.dialog.open) { viewer.dialog.close(); }
    if (viewer.dialog.parentNode !== document.body) { document.body.appendChild(viewer.dialog); }
    // Photos of one gallery form a group; a sensitive photo is a group of its own (the build
    // gives it one), so the arrows never reach a photo the reader has not uncovered.
    var name = link.dataset.lightboxGroup;
    viewer.group = name ? Array.prototype.filter.call(document.querySelectorAll(LIGHTBOX_LINK), function (other) {
      return other.dataset.lightboxGroup === name;
    }) : [link];
    viewer.opener = link;
    show(viewer.group.indexOf(link));
    document.documentElement.classList.add("atlas-lightbox-open");  // the page behind stays still
    viewer.dialog.showModal();
    viewer.close.focus();
  }

  function closeViewer() {
    if (viewer && viewer.dialog.open) { viewer.dialog.close(); }
  }

  document.addEventListener("click", function (event) {
    // A modified click (new tab, download) keeps the link's plain behaviour.
    if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var link = event.target.closest && event.target.closest(LIGHTBOX_LINK);
    if (!link || typeof HTMLDialogElement !== "function") { return; }
    event.preventDefault();
    openViewer(link);
  });

  function init() {
    closeViewer();  // the back button swapped the page under an open viewer
    initPreference();
    initCitation();
  }

  // Material's instant navigation swaps pages without a reload and announces each through
  // document$; without it, run once when the page is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });  // once: the theme's late start sends it again
  } else {
    init();
  }
})();
