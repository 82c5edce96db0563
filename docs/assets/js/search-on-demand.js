/* Load the search index only when a visitor starts to search.
 *
 * Material for MkDocs 9.x requests search/search_index.json as soon as any page has
 * loaded, so every visitor would download the whole index (it grows with every
 * partner profile). This script runs before Material's bundle and holds back exactly
 * that one request until the search field gets the focus (click, tap, the keyboard
 * shortcuts f, s and /) or the search is opened; a ?q= search link releases it at once.
 * Every other request passes untouched. Without JavaScript nothing changes: Material's
 * search needs JavaScript anyway.
 */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json(?:$|[?#])/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var held = [];
  var released = false;

  proto.open = function (method, url) {
    this.kpSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.kpSearchIndex && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    proto.open = open;
    proto.send = send;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest(".md-search")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
  if (/[?&]q=/.test(location.search)) release();
})();
