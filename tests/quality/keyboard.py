"""The keyboard: Tab through a page, record each stop's focus indicator, check it."""

from __future__ import annotations

from dataclasses import dataclass

from .contrast import contrast, parse_color
from .styles import add_style

_DESCRIBE_JS = r"""
(el) => {
  const id = el.id ? '#' + el.id : '';
  const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const rgba = c => { const n = (c.match(/[\d.]+/g) || []).map(Number); return n.length < 3 ? [0, 0, 0, 0] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  // How opaque an element really is (its own and its ancestors' opacity; hidden counts as 0).
  const opacity = node => { let o = 1;
    for (let e = node; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e); if (s.visibility === 'hidden') return 0; o *= Number(s.opacity); }
    return o; };
  // The colour painted at a point below `skip`: the backgrounds of every layer there, top
  // first, composited until one is opaque (fixed headers and overlays included).
  const paintAt = (x, y, skip) => { const layers = [];
    for (const n of document.elementsFromPoint(x, y)) {
      if (n === skip || skip.contains(n)) continue;
      const c = rgba(getComputedStyle(n).backgroundColor); c[3] *= opacity(n);
      if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => c[3] * c[i] + (1 - c[3]) * v);
    return `rgb(${out.map(Math.round).join(', ')})`; };
  // The focus ring: an outline or box-shadow on the element or (via :focus-within) a close ancestor.
  let ring = null;
  for (let e = el, i = 0; e && i < 4 && !ring; e = e.parentElement, i++) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
      ring = {node: e, color: s.outlineColor, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset) || 0};
    else if (s.boxShadow && s.boxShadow !== 'none')
      ring = {node: e, color: (s.boxShadow.match(/rgba?\([^)]*\)/) || [''])[0], width: 2, offset: 0};
  }
  // What the ring is drawn on: sample just outside the ring's box on each side and take what is
  // really painted there (fixed headers and overlays included), the lowest contrast counts.
  const behind = [];
  if (ring) {
    const r = ring.node.getBoundingClientRect(), d = ring.offset + ring.width / 2;
    const points = [[r.left - d, (r.top + r.bottom) / 2], [r.right + d, (r.top + r.bottom) / 2],
                    [(r.left + r.right) / 2, r.top - d], [(r.left + r.right) / 2, r.bottom + d]];
    // A point counts where the ring is drawn over its own ancestors; where something else is on
    // top (a sticky header over a tall element), that covers the ring rather than lies below it.
    const inView = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    const over = inView.filter(([x, y]) => { const top = document.elementsFromPoint(x, y)
      .find(n => n !== ring.node && !ring.node.contains(n)); return top && top.contains(ring.node); });
    for (const [x, y] of (over.length ? over : inView)) behind.push(paintAt(x, y, ring.node));
  }
  const r = el.getBoundingClientRect(), style = getComputedStyle(el);
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
    && opacity(el) > 0;
  return {name: `${el.tagName.toLowerCase()}${id}${cls} "${text}"`, ring: ring && {color: ring.color, width: ring.width},
          behind, visible: onScreen};
}
"""


_TAB_STEP_JS = r"""
async (selectors) => {
  // One Tab stop: remember the previous element's look now that it lost the focus, then
  // describe the newly focused one. State lives in the page, so each Tab costs one call.
  const look = el => { const chain = [];
    for (let e = el, i = 0; e && i < 4; e = e.parentElement, i++) { const s = getComputedStyle(e);
      chain.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
                  s.textDecorationLine, s.color].join('|')); }
    return chain.join(' / '); };
  const state = window.__kpTab || (window.__kpTab = {els: [], stops: []});
  const el = document.activeElement;
  const previous = state.els[state.els.length - 1];
  if (previous) state.stops[state.stops.length - 1].blurred = look(previous);
  if (!el || el === document.body || el === state.els[0]) return null;
  // Material opens the search when its field gets the focus, once its search worker has
  // started (seconds on a busy machine): wait for that state, bounded at 30 s.
  const search = document.getElementById('__search');
  if (search && el.closest('.md-search')) for (let i = 0; i < 3000 && !search.checked; i++)
    await new Promise(r => setTimeout(r, 10));
  // Measure the end state only: no running transition or animation, and style and layout
  // settled (two frames), however slow the machine is.
  for (let i = 0; i < 300 && document.getAnimations().some(a => a.playState === 'running'); i++)
    await new Promise(r => setTimeout(r, 10));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (previous) state.stops[state.stops.length - 1].blurred = look(previous);
  const info = (DESCRIBE)(el);
  info.focused = look(el);
  info.matches = selectors.filter(sel => el.matches(sel));
  state.els.push(el); state.stops.push(info);
  return info;
}
"""


def focus_start(page) -> None:
    """Make the top of the page the starting point of the next Tab (as after loading it)."""
    page.evaluate("""() => { window.scrollTo(0, 0);
        let mark = document.getElementById('kp-test-start');
        if (!mark) { mark = document.createElement('span'); mark.id = 'kp-test-start'; mark.tabIndex = -1;
                     document.body.prepend(mark); }
        mark.focus({preventScroll: true}); }""")


@dataclass
class TabStop:
    name: str
    ring: dict | None
    behind: list[str]
    visible: bool
    focused: str
    matches: list[str]
    blurred: str = ""


def tab_through(page, max_steps: int = 400, selectors: tuple[str, ...] = ()) -> list[TabStop]:
    """Press Tab from the top of the page until the focus leaves the page or comes round again.

    Records each focused element's look while focused and, after the next Tab, while not
    focused: a visible focus indicator is a difference between the two. `selectors`: which
    of them each stop matches (for tests of the tab order)."""
    # Transitions would be caught half-way (Material fades the skip link in): end states only.
    add_style(page, "*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate("() => { window.__kpTab = null; }")
    focus_start(page)
    step = _TAB_STEP_JS.replace("(DESCRIBE)", "(" + _DESCRIBE_JS.strip() + ")")
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate(step, list(selectors)) is None:
            break
    stops = page.evaluate("() => (window.__kpTab || {stops: []}).stops")
    return [TabStop(s["name"], s["ring"], s["behind"], s["visible"], s["focused"], s["matches"], s.get("blurred", ""))
            for s in stops]


def focus_problems(stops: list[TabStop]) -> list[str]:
    """Every tab stop is on screen and shows a focus indicator of at least 2 px that contrasts 3:1."""
    problems = []
    for s in stops:
        if not s.visible:
            problems.append(f"{s.name}: focusable but not visible")
            continue
        if s.blurred and s.blurred == s.focused:
            problems.append(f"{s.name}: no visible change when focused")
            continue
        if s.ring is None:
            continue  # the indicator is a change of colour/background/underline: accepted if it contrasts
        if s.ring["width"] < 2:
            problems.append(f"{s.name}: focus outline only {s.ring['width']} px")
        for behind in dict.fromkeys(s.behind):
            ratio = contrast(parse_color(s.ring["color"]), parse_color(behind))
            if ratio < 3:
                problems.append(f"{s.name}: focus outline {s.ring['color']} on {behind} is {ratio:.2f}:1, below 3:1")
    return problems


_ACTIVE_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect(), style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), name: el.getAttribute('aria-label') || el.textContent.trim(),
          classes: typeof el.className === 'string' ? el.className.split(/\s+/) : [],
          expanded: el.getAttribute('aria-expanded'), controls: el.getAttribute('aria-controls'),
          in_drawer: !!el.closest('.md-sidebar--primary'), in_search: !!el.closest('.md-search'),
          visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && style.visibility === 'visible'};
}
"""


def active(page) -> dict | None:
    """The focused element: tag, accessible name (aria-label or text), classes, aria-expanded and
    aria-controls, whether it is in the drawer or the search, and whether it is shown; None on the body."""
    return page.evaluate(_ACTIVE_JS)


def tab_to(page, selector: str, max_steps: int = 40) -> int:
    """Press Tab from the top of the page until `selector` has the focus; the number of presses."""
    focus_start(page)
    for step in range(1, max_steps + 1):
        page.keyboard.press("Tab")
        if page.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector):
            return step
    raise AssertionError(f"{selector} not reached with {max_steps} presses of Tab")
