// The editor speaks German whatever the browser's language: Sveltia CMS picks its interface language from
// navigator.languages (it ignores the `locale` option), so this runs before the bundle and puts German first.
(function () {
  var languages = ["de"].concat((navigator.languages || []).filter(function (l) { return l.slice(0, 2) !== "de"; }));
  Object.defineProperty(navigator, "languages", { get: function () { return languages; } });
  Object.defineProperty(navigator, "language", { get: function () { return "de"; } });
})();
