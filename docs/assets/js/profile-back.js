// A profile's "Zurück zum Verzeichnis": back to the directory as the visitor left it. The directory
// (directory.js) hands its filters to each profile link as ?verzeichnis=…; here they go back onto the
// back links, whose #partner-… already brings the card into view. Nothing is stored in the browser.
(function () {
  "use strict";
  var KEYS = ["q", "branche", "groesse", "bezirk", "status", "sortierung"];  // the directory's filter fields
  var handed = new URLSearchParams(window.location.search).get("verzeichnis");
  if (!handed) return;
  var given = new URLSearchParams(handed);
  var kept = new URLSearchParams();
  KEYS.forEach(function (key) { if (given.get(key)) kept.set(key, given.get(key)); });
  var query = kept.toString();
  if (!query) return;
  Array.prototype.forEach.call(document.querySelectorAll("a[data-kp-back]"), function (link) {
    var url = new URL(link.getAttribute("href"), window.location.href);
    url.search = "?" + query;
    link.setAttribute("href", url.pathname + url.search + url.hash);
  });
})();
