"""axe-core's WCAG A/AA rules, and the accessibility checks axe cannot do: structure, reflow."""

from __future__ import annotations

from .tools import AXE_JS, require_tool

# WCAG 2.0 and 2.1, levels A and AA: the axe rules tagged with these (axe-core API, `runOnly` by tag).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules that cannot be met, with the reason; each is also named in the Erklärung zur Barrierefreiheit.
AXE_EXCEPTIONS: dict[str, str] = {}


def inject_axe(page) -> None:
    # Evaluated, not a <script> element: the site's Content Security Policy refuses inline scripts.
    page.evaluate(require_tool(AXE_JS).read_text(encoding="utf-8"))


def axe_rule_ids(page, tags=AXE_TAGS) -> list[str]:
    inject_axe(page)
    return page.evaluate("tags => axe.getRules(tags).map(r => r.ruleId)", tags)


def run_axe(page, tags=AXE_TAGS, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page: all rules for `tags`, or only `rules`."""
    inject_axe(page)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": tags}
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only)
    return [v for v in result["violations"] if v["id"] not in AXE_EXCEPTIONS]


def describe_violations(violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{v['id']} ({v['impact']}): {node['target']}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"{v['id']}: … and {len(v['nodes']) - 5} more")
    return lines


# ------------------------------------------------------------------ accessibility checks in the page

_PAGE_CHECKS_JS = r"""
() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'de') problems.push(`<html lang> is ${JSON.stringify(lang)}, not "de"`);
  const rendered = el => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none'
    && !el.closest('[aria-hidden="true"]');
  // Headings: exactly one h1, and no level skipped on the way down.
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(rendered);
  const h1 = headings.filter(h => h.tagName === 'H1').length;
  if (h1 !== 1) problems.push(`${h1} visible h1 headings, expected 1`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1)
      problems.push(`heading level skipped: h${previous} then h${level} "${h.textContent.trim().slice(0, 60)}"`);
    previous = level;
  }
  // Images: every <img> has an alt attribute; decorative ones (alt="") are hidden from the tree.
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.getAttribute('src')}`);
  }
  // Inline SVG: hidden (decorative) or an image with a name; charts also need a text alternative.
  const named = el => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')
    || (el.querySelector(':scope > title') || {}).textContent;
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest('[aria-hidden="true"]') || svg.parentElement.closest('svg')) continue;
    if (svg.closest('a, button, label') && (svg.closest('a, button, label').textContent.trim()
        || svg.closest('a, button, label').getAttribute('aria-label') || svg.closest('a, button, label').getAttribute('title'))) continue;
    if (svg.getAttribute('role') === 'img' && named(svg)) continue;
    problems.push(`svg neither aria-hidden nor role="img" with a name: ${svg.outerHTML.slice(0, 120)}`);
  }
  for (const chart of document.querySelectorAll('.kp-chart, [class*="chart"]:is(svg, img, figure)')) {
    const text = chart.tagName === 'IMG' ? chart.getAttribute('alt') : named(chart);
    if (!text || !text.trim()) problems.push(`chart without text alternative: ${chart.outerHTML.slice(0, 120)}`);
  }
  // A skip link to the content, first in the tab order.
  const skip = document.querySelector('a.md-skip, a[href^="#"].skip-link');
  if (!skip) problems.push('no skip link');
  else {
    const target = document.getElementById(decodeURIComponent(skip.hash.slice(1)));
    if (!target || !target.closest('.md-content, [role="main"], article'))
      problems.push(`skip link ${skip.getAttribute('href')} does not point into the main content`);
  }
  return problems;
}
"""


def page_problems(page) -> list[str]:
    """lang, heading order, image and chart alternatives, skip link."""
    return page.evaluate(_PAGE_CHECKS_JS)


_OVERFLOW_JS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
  // Content pushed past the right edge that overflow: hidden would merely cut off.
  const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o !== 'visible') return true; } return false; };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    if (getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
    offenders.push(`${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80) + ` right edge ${Math.round(r.right)} px`);
  }
  return problems.concat(offenders.slice(0, 5));
}
"""


def reflow_problems(page) -> list[str]:
    return page.evaluate(_OVERFLOW_JS)
