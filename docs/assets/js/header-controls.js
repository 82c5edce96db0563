/* The header's menu and search buttons for the keyboard.
 *
 * Material for MkDocs draws both as <label>s of hidden checkboxes (#__drawer, #__search): a click
 * works, but a label cannot take the focus. This script puts a real <button> beside each label
 * (the label stays, hidden: Material's own script looks for it, and without JavaScript it works
 * as before). Opening the drawer moves the focus into it; Escape closes the drawer or the search
 * and returns the focus to the control that opened it; leaving the open drawer with Tab closes it.
 * Where the header shows the button instead of the search field, the field itself is no tab stop.
 * Which buttons show at which width is in klimapakt.css. Nothing is stored.
 */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var panel = document.querySelector(".md-sidebar--primary");
  var dialog = document.querySelector(".md-search");
  var query = document.querySelector(".md-search__input");
  var narrowSearch = window.matchMedia("(max-width: 59.984375em)");  // Material's breakpoint of the field
  var menuButton = drawer && panel && button('label[for="__drawer"]', "menu", "Menü", panel, "kp-drawer");
  var searchButton = search && dialog && query && button('label[for="__search"]', "search", "Suche", dialog, "kp-search");
  var opener = null;  // what had the focus when the search opened
  var pressed = "";  // the key held down: Material opens the search on /, s and f

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
    if (back && back !== query && document.contains(back)) back.focus();  // in the header the field keeps it
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
    query.addEventListener("input", function () { toggle(search, true); });
    query.addEventListener("click", function () { toggle(search, true); });
    var tabStop = function () {
      if (narrowSearch.matches) query.setAttribute("tabindex", "-1"); else query.removeAttribute("tabindex");
    };
    tabStop();
    narrowSearch.addEventListener("change", tabStop);
  }

  // Capture phase: before Material's own Escape handling, which would drop the focus to the page.
  document.addEventListener("keydown", function (event) {
    pressed = event.key;
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (searchButton && search.checked) closeSearch();
    else if (menuButton && drawer.checked) closeDrawer();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }, true);
})();
