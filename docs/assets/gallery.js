/* Gallery pages only (added by theme/shared/main.html where the page has `atlas_gallery`).
 *
 * Without JavaScript a gallery's filters are links to one-facet pages (/galleries/<id>/stage/
 * early/) and a large gallery is split into linked pages (/galleries/<id>/page/2/). This script
 * lets filters combine (body site and stage together) in place: no reload, no jump to the top,
 * counts that follow the selection, and the selection in the address (?stage=early&body-site=
 * scalp) so it can be shared. It also adds "Show more photos", which fetches the next page of
 * tiles from the site itself. Nothing writes markup from text or an inline style: the strict
 * Content-Security-Policy holds, and staff text is only ever moved as the build escaped it.
 */
(function () {
  "use strict";

  // Material's instant navigation runs this file again on every gallery page it swaps in.
  if (window.atlasGallery) { window.atlasGallery(); return; }

  // A lightbox group no gallery can have (ids have no spaces): atlas.js's arrows move through
  // the links of one group, and a photo filtered out of view must not be reached that way.
  var OUT_OF_VIEW = " out-of-view";

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function tiles(grid) { return all(grid, ":scope > li.atlas-grid__item"); }

  function resolveSrcset(srcset, base) {
    return srcset.split(",").map(function (entry) {
      var parts = entry.trim().split(/\s+/);
      return new URL(parts[0], base).href + (parts[1] ? " " + parts[1] : "");
    }).join(", ");
  }

  // Tiles from another page carry addresses relative to that page, which may be deeper
  // (page/2/): make them absolute before they move here.
  function rebase(node, base) {
    all(node, "[href]").forEach(function (e) { e.setAttribute("href", new URL(e.getAttribute("href"), base).href); });
    all(node, "[src]").forEach(function (e) { e.setAttribute("src", new URL(e.getAttribute("src"), base).href); });
    all(node, "[srcset]").forEach(function (e) { e.setAttribute("srcset", resolveSrcset(e.getAttribute("srcset"), base)); });
  }

  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("could not load " + url + ": " + response.status); }
      return response.text().then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var grid = doc.querySelector(".atlas-grid");
        var items = grid ? tiles(grid) : [];
        items.forEach(function (item) { rebase(item, response.url || url); });
        var next = doc.querySelector('.atlas-pages a[rel="next"]');
        return { items: items, next: next ? new URL(next.getAttribute("href"), response.url || url).href : null };
      });
    });
  }

  function setup() {
    var grid = document.querySelector(".md-content .atlas-grid");
    var status = document.querySelector(".md-content .atlas-result-count__text");
    if (!grid || !status || grid.hasAttribute("data-atlas-gallery")) { return; }
    grid.setAttribute("data-atlas-gallery", "");
    status.setAttribute("aria-live", "polite");

    var filters = document.querySelector(".md-content .atlas-filters");
    var pages = document.querySelector(".md-content .atlas-pages");
    var preference = document.querySelector(".atlas-pref__always");
    var first = status.textContent;
    var state = { loadedAll: !pages, loading: null, next: null, button: null, loaded: {} };
    state.loaded[location.href.split(/[?#]/)[0]] = true;
    var total = Number(status.getAttribute("data-total")) || 0;
    var links = filters ? all(filters, "a[data-facet]") : [];
    var facets = links.map(function (a) { return a.getAttribute("data-facet"); })
      .filter(function (facet, index, list) { return list.indexOf(facet) === index; });
    var root = links.length ? links[0].href.split("#")[0] : location.href.split(/[?#]/)[0];
    var onRoot = new URL(root).pathname === location.pathname;

    // New tiles arrive lazy, covered or uncovered as the reader chose, under this page's group.
    function adopt(items) {
      var group = grid.querySelector("a.atlas-lightbox-link");
      items.forEach(function (item) {
        var node = document.importNode(item, true);
        all(node, "img").forEach(function (img) { img.setAttribute("loading", "lazy"); });
        if (preference && preference.checked) { all(node, "details.atlas-sensitive").forEach(function (d) { d.open = true; }); }
        grid.appendChild(node);
      });
      return group;
    }

    function loadAll() {
      if (state.loadedAll) { return Promise.resolve(); }
      if (state.loading) { return state.loading; }
      var urls = all(pages, "a[data-page]").map(function (a) { return a.href; })
        .filter(function (url) { return !state.loaded[url]; });
      urls.forEach(function (url) { state.loaded[url] = true; });
      state.loading = Promise.all(urls.map(fetchPage)).then(function (results) {
        // This page's own tiles stay first: with JavaScript the filters work from page one.
        results.forEach(function (result) { adopt(result.items); });
        state.loadedAll = true;
        pages.hidden = true;
        if (state.button) { state.button.parentNode.removeChild(state.button); state.button = null; }
      });
      return state.loading;
    }

    function matches(item, selection, except) {
      return facets.every(function (facet) {
        return facet === except || !selection[facet] || item.getAttribute("data-" + facet) === selection[facet];
      });
    }

    function valueLabel(link) {
      var copy = link.cloneNode(true);
      all(copy, ".atlas-count").forEach(function (span) { span.parentNode.removeChild(span); });
      return copy.textContent.trim();
    }

    function facetLabel(facet) {
      var label = document.getElementById("filter-" + facet);
      return label ? label.textContent.trim() : facet;
    }

    function render(selection) {
      var items = tiles(grid);
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, selection);
        item.hidden = !visible;
        if (visible) { shown += 1; }
        all(item, "a.atlas-lightbox-link").forEach(function (link) {
          if (!link.hasAttribute("data-atlas-group")) { link.setAttribute("data-atlas-group", link.getAttribute("data-lightbox-group") || ""); }
          var group = link.getAttribute("data-atlas-group");
          link.setAttribute("data-lightbox-group", visible ? group : group + OUT_OF_VIEW);
        });
      });
      var chosen = [];
      links.forEach(function (link) {
        var facet = link.getAttribute("data-facet");
        var value = link.getAttribute("data-value");
        var current = value ? selection[facet] === value : !selection[facet];
        if (current) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
        if (value && current) { chosen.push(facetLabel(facet).toLowerCase() + " " + valueLabel(link).toLowerCase()); }
        var count = link.querySelector(".atlas-count");
        if (count && value) {
          var n = items.filter(function (item) { return matches(item, selection, facet) && item.getAttribute("data-" + facet) === value; }).length;
          count.textContent = "(" + n + ")";
        }
      });
      if (chosen.length) {
        status.textContent = "Showing " + shown + " of " + items.length + " photos: " + chosen.join(", ") + "." +
          (shown ? "" : " Choose fewer filters to see more.");
      } else if (state.loadedAll && pages) {
        status.textContent = items.length + " photos.";
      } else {
        status.textContent = first;
      }
    }

    function address(selection) {
      var params = new URLSearchParams();
      facets.forEach(function (facet) { if (selection[facet]) { params.set(facet, selection[facet]); } });
      var query = params.toString();
      return (query ? "?" + query : "");
    }

    function apply(selection) {
      var wanted = Object.keys(selection).length > 0;
      (wanted ? loadAll() : Promise.resolve()).then(function () {
        render(selection);
        history.replaceState(history.state, "", location.pathname + address(selection) + location.hash);
      }, function () {
        status.textContent = "The other photos could not be loaded: use the links to the pages below.";
      });
    }

    // Where the reader starts: the address's selection on the gallery itself, or the one
    // filter a no-JavaScript page shows.
    var selection = {};
    if (onRoot) {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (facet) { if (params.get(facet)) { selection[facet] = params.get(facet); } });
    } else {
      links.forEach(function (link) {
        if (link.getAttribute("data-value") && link.hasAttribute("aria-current")) {
          selection[link.getAttribute("data-facet")] = link.getAttribute("data-value");
        }
      });
    }

    if (filters) {
      filters.addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        var link = event.target.closest && event.target.closest("a[data-facet]");
        if (!link) { return; }
        // Before Material's instant navigation sees the click, which would load the link.
        event.preventDefault();
        event.stopPropagation();
        var facet = link.getAttribute("data-facet");
        var value = link.getAttribute("data-value");
        if (value && selection[facet] !== value) { selection[facet] = value; } else { delete selection[facet]; }
        if (!onRoot) {
          // A one-filter or later page holds only some photos: combine on the gallery itself.
          location.assign(root + address(selection));
          return;
        }
        apply(selection);
      });
    }

    // "Show more photos": the next page's tiles, appended here; the page links stay below.
    if (pages && !state.loadedAll) {
      var next = pages.querySelector('a[rel="next"]');
      if (next) {
        state.next = next.href;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "atlas-more md-button";
        button.textContent = "Show more photos";
        pages.parentNode.insertBefore(button, pages);
        state.button = button;
        button.addEventListener("click", function () {
          if (!state.next || state.loading) { return; }
          button.disabled = true;
          state.loaded[state.next] = true;
          var before = tiles(grid).length;
          fetchPage(state.next).then(function (result) {
            adopt(result.items);
            state.next = result.next;
            var added = tiles(grid)[before];
            status.textContent = "Showing photos 1 to " + tiles(grid).length + (total ? " of " + total : "") + ".";
            button.disabled = false;
            if (!state.next) { button.parentNode.removeChild(button); state.button = null; }
            var title = added && added.querySelector("figcaption a");
            if (title) { title.focus(); }
          }, function () {
            button.disabled = false;
            status.textContent = "More photos could not be loaded: use the links to the pages below.";
          });
        });
      }
    }

    if (Object.keys(selection).length && onRoot) { apply(selection); }
  }

  window.atlasGallery = setup;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup, { once: true });
  } else {
    setup();
  }
})();
