// The atlas's one rule Decap cannot express itself (its issue #565): a photo may be saved as
// granted only with everything a granted photo needs, above all the consent `record`. The
// list comes from captions.schema.json (atlas-rules.json, written by the build). The build
// checks the same rule again: such a photo is never published.
(function () {
  "use strict";
  if (!window.CMS) { return; }
  var rules = null;
  fetch("atlas-rules.json").then(function (r) { return r.json(); }).then(function (r) { rules = r; });

  function missing(photo) {
    var permission = photo.get("permission");
    if (!rules || !permission || permission.get("status") !== "granted") { return []; }
    var empty = function (v) { return v === undefined || v === null || (typeof v === "string" && !v.trim()) || (v && v.size === 0); };
    var gaps = rules.photo.filter(function (k) { return empty(photo.get(k)); });
    return gaps.concat(rules.permission.filter(function (k) { return empty(permission.get(k)); }).map(function (k) { return "permission." + k; }));
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      var photos = data.get("photos");
      if (!photos) { return data; }
      var problems = [];
      photos.forEach(function (photo) {
        var gaps = missing(photo);
        if (gaps.length) { problems.push((photo.get("id") || "a new photo") + ": " + gaps.join(", ")); }
      });
      if (problems.length) {
        throw new Error("A photo set to granted needs these filled in before it can be saved: " + problems.join("; ") +
          ". Fill them in, or set the status back to pending.");
      }
      return data;
    },
  });
})();
