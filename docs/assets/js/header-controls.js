/* The header's menu and search buttons for the keyboard.
 *
 * Material for MkDocs draws both as <label>s of hidden checkboxes (#__drawer, #__search): a click
 * works, but a label cannot take the focus. This script puts a real <button> beside each label
 * (the label stays, hidden: Material's own script looks for it, and without JavaScript it works
 * as before). Opening the drawer moves the focus into it; Escape closes the drawer or the search
 * and returns the focus to the control that opened it; leaving the open drawer with Tab closes it.
 * Where the header shows the button instead of the search field, the field itself is no tab stop.
 * Which buttons show at which width is in klimapakt.css. Nothing is stored.
 *
 * In the drawer, the current page's entry and the titles of sub-menus are labels too: they become tab
 * stops, and Enter or Space opens (or, on a title, closes) the sub-menu; the focus then moves into
 * the sub-menu, or back to its entry, instead of dropping to the page when the entry is covered.
 * With the search open and results shown, Tab and Shift+Tab walk through the field and the results
 * (Material would close the search) and come round again; a hint above the results says so. Escape
 * from a result where the header holds the field returns the focus there, the search closed.
 */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var panel = document.querySelector(".md-sidebar--primary");
  var dialog = document.querySelector(".md-search");
  var query = document.querySelector(".md-search__input");
  var narrowSearch = window.matchMedia("(max-width: 59.984375em)");  // Material's breakpoint of the field
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");  // the navigation is the drawer
  var menuButton = drawer && panel && button('label[for="__drawer"]', "menu", "Menü", panel, "kp-drawer");
  var searchButton = search && dialog && query && button('label[for="__search"]', "search", "Suche", dialog, "kp-search");
  var opener = null;  // what had the focus when the search opened
  var pressed = "";  // the key held down: Material opens the search on /, s and f
  var heldClosed = false;  // the search stays closed while the field keeps the focus it got back

  function button(selector, kind, name, controlled, id) {
    var label = document.querySelector(".md-header " + selector + ".md-header__button");
    if (!label) return null;
    var control = document.createElement("button");
    control.type = "button";
    control.className = label.className + " kp-header-control kp-header-control--" + kind;
    control.setAttribute("aria-label", name);
    controlled.id = controlled.id || id;
    control.setAttribute("aria-controls", controlled.id);
    control.setAttribute("aria-expanded", "false");
    Array.prototype.forEach.call(label.childNodes, function (node) { control.appendChild(node.cloneNode(true)); });
    label.hidden = true;
    label.parentNode.insertBefore(control, label.nextSibling);
    return control;
  }

  function toggle(box, open) {
    if (box.checked !== open) box.click();  // as the label does: Material and the CSS follow the change event
  }

  function focusable(root) {
    return Array.prototype.filter.call(root.querySelectorAll("a[href], button, input, [tabindex]"), function (el) {
      return el.tabIndex >= 0 && el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";
    });
  }

  function openDrawer() {
    toggle(drawer, true);
    var first = focusable(panel)[0];
    if (first) first.focus();
  }

  function closeDrawer() {
    toggle(drawer, false);
    menuButton.focus();
  }

  function openSearch() {
    toggle(search, true);
    query.focus();
  }

  function closeSearch() {
    var back = opener;
    toggle(search, false);
    opener = null;
    if (back === query && document.activeElement !== query) {
      // From a result back to the field in the header: Material opens the search when the field gets
      // the focus, so it is held closed until the visitor types, clicks or leaves the field.
      heldClosed = true;
      query.focus();
    } else if (back && back !== query && document.contains(back)) {
      back.focus();  // in the header the field keeps it
    }
  }

  // The field and the results as Material's arrow keys walk them (its result links are no tab stops).
  function searchStops() {
    var results = dialog.querySelectorAll(
      '.md-search-result :not(details) > [href], .md-search-result summary, .md-search-result details[open] [href]');
    return [query].concat(Array.prototype.filter.call(results, function (el) { return el.getClientRects().length > 0; }));
  }

  // Tab inside the open search: the next (or previous) of the field and its results, round again at the end.
  function tabInSearch(event) {
    var stops = searchStops();
    var at = stops.indexOf(document.activeElement);
    if (stops.length < 2 || at < 0) return false;  // no results to walk to: Material closes the search
    var next = stops[(at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length];
    next.focus();
    return true;
  }

  function addSearchHint() {
    var meta = dialog.querySelector(".md-search-result__meta");
    if (!meta) return;
    var hint = document.createElement("p");
    hint.id = "kp-search-hint";
    hint.className = "kp-search-hint";
    hint.textContent = "Zu den Ergebnissen mit der Tab-Taste oder den Pfeiltasten, Suche schließen mit Escape.";
    meta.parentNode.insertBefore(hint, meta);
    query.setAttribute("aria-describedby", hint.id);
  }

  if (menuButton) {
    menuButton.addEventListener("click", function () { if (drawer.checked) closeDrawer(); else openDrawer(); });
    drawer.addEventListener("change", function () {
      menuButton.setAttribute("aria-expanded", String(drawer.checked));
      // however it closed (Escape, the overlay, a link): the focus must not stay in a hidden drawer
      if (!drawer.checked && panel.contains(document.activeElement)) menuButton.focus();
    });
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && !panel.contains(event.target) && event.target !== menuButton) toggle(drawer, false);
    });
  }

  if (searchButton) {
    searchButton.addEventListener("click", openSearch);
    search.addEventListener("change", function () {
      searchButton.setAttribute("aria-expanded", String(search.checked));
      if (!search.checked) opener = null;  // closed another way (Material closes it on Tab)
    });
    // The control that opened the search: where the focus was if a shortcut (/, s, f) opened it, else
    // the button, or where the header shows the search field instead, the field itself.
    document.addEventListener("focusin", function (event) {
      if (event.target !== query || (search.checked && opener)) return;
      var from = event.relatedTarget;
      var shortcut = /^[/sf]$/.test(pressed) && from && !dialog.contains(from);
      opener = shortcut ? from : narrowSearch.matches ? searchButton : query;
    });
    document.addEventListener("keyup", function () { pressed = ""; });
    // After Escape the field may keep the focus (desktop): typing or clicking in it opens the search again.
    var reopen = function () { heldClosed = false; toggle(search, true); };
    query.addEventListener("input", reopen);
    query.addEventListener("click", reopen);
    query.addEventListener("blur", function () { heldClosed = false; });
    // A click that would open the search while it is held closed is cancelled: the box stays unchecked.
    search.addEventListener("click", function (event) { if (heldClosed && search.checked) event.preventDefault(); });
    addSearchHint();
    var tabStop = function () {
      if (narrowSearch.matches) query.setAttribute("tabindex", "-1"); else query.removeAttribute("tabindex");
    };
    tabStop();
    narrowSearch.addEventListener("change", tabStop);
  }

  // The drawer's labels: the current page's entry (opens its table of contents) and the sub-menus'
  // titles (back to the menu they belong to) become tab stops like Material's section entries.
  function navLabels() {
    return panel ? panel.querySelectorAll('.md-nav__link[for="__toc"], .md-nav .md-nav .md-nav__title[for]') : [];
  }

  function entryOf(toggleBox) {
    return panel.querySelector('label.md-nav__link[for="' + toggleBox.id + '"]');
  }

  function subMenuOf(toggleBox) {
    return toggleBox.parentNode.querySelector(":scope > nav");
  }

  // A sub-menu opened or closed from the keyboard covers or uncovers the entry that had the focus.
  function followSubMenu(toggleBox) {
    var entry = entryOf(toggleBox), menu = subMenuOf(toggleBox), active = document.activeElement;
    if (!drawerMode.matches || !entry || !menu) return;
    if (toggleBox.checked && active === entry) {
      var first = focusable(menu).filter(function (el) { return !el.matches(".md-nav__title"); })[0];
      if (first) first.focus();
    } else if (!toggleBox.checked && menu.contains(active)) {
      entry.focus();
    }
  }

  if (panel) {
    Array.prototype.forEach.call(navLabels(), function (label) { label.tabIndex = 0; });
    Array.prototype.forEach.call(panel.querySelectorAll(".md-nav__toggle"), function (box) {
      box.addEventListener("change", function () { followSubMenu(box); });
    });
    // Material opens a label on Enter; Space is the other key a control answers to.
    panel.addEventListener("keydown", function (event) {
      if (event.key !== " " || !(event.target instanceof HTMLLabelElement) || event.target.tabIndex < 0) return;
      event.preventDefault();
      event.target.click();
    });
  }

  // Capture phase: before Material's own Escape and Tab handling, which would drop the focus to the
  // page or close the search.
  document.addEventListener("keydown", function (event) {
    pressed = event.key;
    if (event.key === "Shift" && searchButton && search.checked && dialog.contains(document.activeElement)) {
      event.stopPropagation();  // Material hands every other key to the field: Shift+Tab would start there
      return;
    }
    if (event.key === "Tab" && searchButton && search.checked && !event.defaultPrevented && tabInSearch(event)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (searchButton && search.checked) closeSearch();
    else if (menuButton && drawer.checked) closeDrawer();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }, true);
})();
