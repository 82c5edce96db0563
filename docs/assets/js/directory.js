// Partner directory: narrows the server-rendered list. Without JavaScript every partner
// stays listed. Filter state lives only in the URL (?branche=…&groesse=…&bezirk=…&status=…&q=…),
// never in cookies or browser storage.
(function () {
  "use strict";
  var form = document.getElementById("kp-filter");
  var list = document.getElementById("kp-cards");
  if (!form || !list) return;
  var count = document.getElementById("kp-count");
  var empty = document.getElementById("kp-empty");
  var toggle = document.getElementById("kp-filter-toggle");
  var panel = document.getElementById("kp-filter-panel");
  var activeNote = document.getElementById("kp-filter-active");
  var letterBar = document.getElementById("kp-letters");
  var letterBack = document.getElementById("kp-letters-back");
  var letterLinks = letterBar ? Array.prototype.slice.call(letterBar.querySelectorAll("a[data-letter]")) : [];
  var cards = Array.prototype.slice.call(list.children);
  var fields = { q: "kp-q", branche: "kp-branche", groesse: "kp-groesse", bezirk: "kp-bezirk", status: "kp-status", sortierung: "kp-sortierung" };
  var filters = { branche: "sector", groesse: "size", bezirk: "district", status: "status" };

  function value(name) { return document.getElementById(fields[name]).value; }

  // What the text search and the sorting read, once: the card's name, and the words of its sector and
  // district as their filter options give them (the full names of the sector and of every Stadtteil),
  // so that the page does not carry them on each of thousands of cards.
  function optionWords(id) {
    var words = {};
    Array.prototype.forEach.call(document.getElementById(id).options, function (o) {
      if (o.value) words[o.value] = [o.textContent, o.dataset.terms].filter(Boolean).join(" ");
    });
    return words;
  }
  var sectorWords = optionWords("kp-branche");
  var districtWords = optionWords("kp-bezirk");
  var known = new Map();
  cards.forEach(function (card) {
    var name = card.querySelector(".kp-card__title").textContent.trim();
    var words = [name, sectorWords[card.dataset.sector], districtWords[card.dataset.district]];
    known.set(card, { name: name.toLocaleLowerCase("de"),
                      search: words.filter(Boolean).join(" ").toLocaleLowerCase("de") });
  });

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    Object.keys(fields).forEach(function (name) {
      var el = document.getElementById(fields[name]);
      var wanted = params.get(name);
      if (wanted === null) return;
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === wanted; })) return;
      el.value = wanted;
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      var v = value(name).trim();
      if (v && !(name === "sortierung" && v === "name")) params.set(name, v);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    handOn(query);
  }

  // Each profile link carries the filters (?verzeichnis=…), so the profile's "Zurück zum Verzeichnis"
  // (profile-back.js) returns to this list as it is now, at the card: nothing is stored in the browser.
  function handOn(query) {
    cards.forEach(function (card) {
      var link = card.querySelector("a");
      var path = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", query ? path + "?verzeichnis=" + encodeURIComponent(query) : path);
    });
  }

  // Back from a profile (#partner-…): the filters above have moved the card, so bring it into view again
  // and put the keyboard focus on its link, where the visitor left the list.
  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var card = id && document.getElementById(id);
    if (!card || card.parentNode !== list || card.hidden) return;
    var link = card.querySelector("a");
    link.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  function matches(card) {
    var q = value("q").trim().toLocaleLowerCase("de");
    if (q && known.get(card).search.indexOf(q) === -1) return false;
    return Object.keys(filters).every(function (name) {
      var v = value(name);
      if (!v) return true;
      // An option with data-values stands for several values (status "aktuell": partner and LoI).
      var option = document.getElementById(fields[name]).selectedOptions[0];
      var group = option && option.dataset.values;
      return group ? group.split(" ").indexOf(card.dataset[filters[name]]) !== -1 : card.dataset[filters[name]] === v;
    });
  }

  function sortCards() {
    var byJoined = value("sortierung") === "beitritt";
    var sorted = cards.slice().sort(function (a, b) {
      if (byJoined && a.dataset.joined !== b.dataset.joined) return a.dataset.joined < b.dataset.joined ? 1 : -1;
      return known.get(a).name.localeCompare(known.get(b).name, "de");
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (card) { fragment.appendChild(card); });
    list.appendChild(fragment);
  }

  // Each letter points at the first shown card under it, or is no link while none is shown.
  // Sorted by date the letters mean nothing: the bar is hidden then.
  function updateLetters() {
    if (!letterBar) return;
    var byName = value("sortierung") !== "beitritt";
    letterBar.hidden = !byName;
    if (letterBack) letterBack.hidden = !byName;
    var first = {};
    Array.prototype.forEach.call(list.children, function (card) {
      if (!card.hidden && !(card.dataset.letter in first)) first[card.dataset.letter] = card.id;
    });
    letterLinks.forEach(function (link) {
      var target = first[link.dataset.letter];
      if (target) link.setAttribute("href", "#" + target);
      else link.removeAttribute("href");
    });
  }

  function activeFilters() {
    return Object.keys(filters).filter(function (name) { return value(name) !== ""; }).length;
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    sortCards();
    updateLetters();
    count.textContent = shown + " von " + cards.length + " " + count.dataset.noun;
    empty.hidden = shown !== 0;
    var active = activeFilters();
    activeNote.textContent = active ? " (" + active + " aktiv)" : "";
    writeUrl();
  }

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  form.hidden = false;
  toggle.addEventListener("click", function () { setOpen(panel.hidden); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  readUrl();
  // Closed on every screen, so the first cards are in the first screen; the toggle says how many are active.
  setOpen(false);
  // Without filters in the URL the server-rendered list is already right (all partners, by
  // name): re-sorting 60+ cards at load would only cost layout work on slow phones.
  if (window.location.search) apply();
  // After the page has loaded: a focus set earlier is lost while Material's bundle sets up the page.
  if (document.readyState === "complete") showTarget();
  else window.addEventListener("load", showTarget, { once: true });
})();
