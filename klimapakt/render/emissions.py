"""Emissions over the years, compared like with like.

A sum over "whoever reported that year" grows when more partners report and reads as rising
emissions. So the progress page sums each scope only over the partners that reported it in
every year shown: the run of consecutive years that holds the most such values (partners times
years; the later and longer run on a tie), at least two years. A partner's own chart likewise
sums only the scopes it reported in every year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import vocabulary
from ..model.partners import Emission, Partner
from . import charts
from .html import number_de

MIN_YEARS = 2  # one year shows no change

# Each scope in words, for the legends (the Fortschritt page explains them at length).
SCOPE_NOTES = {1: "direkte Emissionen", 2: "eingekaufte Energie", 3: "übrige Emissionen in der Lieferkette"}


@dataclass(frozen=True)
class ScopeComparison:
    """One scope's sums over the same partners in every year shown."""

    scope: int
    reporting: int  # partners that reported this scope in at least one year
    years: tuple[int, ...]  # consecutive, oldest first; () when no partner reported two years in a row
    partners: int  # partners behind every sum: they reported the scope in each of `years`
    tonnes: tuple[float, ...]  # one sum per year

    @property
    def left_out(self) -> int:
        return self.reporting - self.partners


SCOPE_FIELDS = {scope: f"scope{scope}" for scope in vocabulary.SCOPES}  # Emission.scope1 …


def scope_value(emission: Emission, scope: int) -> float | None:
    return getattr(emission, SCOPE_FIELDS[scope])


def reported_years(partner: Partner, scope: int) -> dict[int, float]:
    return {e.year: value for e in partner.emissions if (value := scope_value(e, scope)) is not None}


def compare(partners: Sequence[Partner], scope: int) -> ScopeComparison | None:
    """The like-with-like sums of one scope; None when no partner reported it."""
    series = [years for years in (reported_years(p, scope) for p in partners) if years]
    if not series:
        return None
    all_years = sorted({year for years in series for year in years})
    best: tuple[tuple[int, int, int], tuple[int, ...], list[dict[int, float]]] | None = None
    for first in all_years:
        for last in all_years:
            span = tuple(range(first, last + 1))
            if len(span) < MIN_YEARS:
                continue
            members = [years for years in series if all(year in years for year in span)]
            key = (len(members) * len(span), last, len(span))
            if members and (best is None or key > best[0]):
                best = (key, span, members)
    if best is None:
        return ScopeComparison(scope, len(series), (), 0, ())
    _, span, members = best
    return ScopeComparison(scope, len(series), span, len(members),
                           tuple(round(sum(years[year] for years in members), 3) for year in span))


def comparisons(partners: Sequence[Partner]) -> tuple[ScopeComparison, ...]:
    return tuple(c for c in (compare(partners, scope) for scope in vocabulary.SCOPES) if c is not None)


def rule_text(c: ScopeComparison) -> str:
    """The rule under the chart, in words: which partners and years the sums cover."""
    scope = vocabulary.SCOPES[c.scope]
    if not c.years:
        return (f"Kein Partner hat {scope} in zwei aufeinanderfolgenden Jahren berichtet. "
                "Ein Vergleich über die Jahre ist deshalb noch nicht möglich.")
    who = "den einen Partner" if c.partners == 1 else f"die {number_de(c.partners)} Partner"
    text = (f"Jede Summe umfasst nur {who}, {'der' if c.partners == 1 else 'die'} {scope} in jedem Jahr von "
            f"{c.years[0]} bis {c.years[-1]} berichtet {'hat' if c.partners == 1 else 'haben'}. So vergleicht "
            "jeder Balken dieselben Partner, und eine Änderung liegt nicht daran, dass mehr oder weniger Partner berichten.")
    if c.left_out:
        text += (f" {number_de(c.left_out)} weitere{'r' if c.left_out == 1 else ''} Partner "
                 f"{'hat' if c.left_out == 1 else 'haben'} {scope} nicht in jedem dieser Jahre berichtet und "
                 f"{'ist' if c.left_out == 1 else 'sind'} nicht enthalten.")
    return text


def scope_fill(scope: int) -> charts.Fill:
    """A scope looks the same on every chart: Scope 1 solid, Scope 2 hatched, Scope 3 dotted."""
    return charts.fill_at(scope - 1, vocabulary.SCOPES[scope], SCOPE_NOTES[scope])


def comparison_chart(c: ScopeComparison) -> str:
    scope = vocabulary.SCOPES[c.scope]
    bars = [charts.Bar(str(year), (tonnes,), f"{number_de(round(tonnes))} t") for year, tonnes in zip(c.years, c.tonnes)]
    desc = (f"Summe der {scope}-Emissionen je Jahr in Tonnen CO2e, von {c.years[0]} bis {c.years[-1]}, immer über "
            f"dieselben {number_de(c.partners)} Partner: {year_totals(bars)}. Die Tabelle darunter nennt alle Werte.")
    return charts.chart(f"chart-emissionen-scope{c.scope}", f"{scope}-Emissionen derselben Partner je Jahr", desc,
                        bars, (scope_fill(c.scope),))


# A partner's own chart.

def common_scopes(partner: Partner) -> tuple[int, ...]:
    """The scopes the partner reported in every year it reported."""
    return tuple(s for s in vocabulary.SCOPES if partner.emissions
                 and all(scope_value(e, s) is not None for e in partner.emissions))


def partner_note(partner: Partner) -> str:
    """The sentence under a partner's chart: which scopes its bars add up."""
    scopes = common_scopes(partner)
    if not partner.emissions:
        return ""
    if not scopes:
        return "Kein Scope ist in jedem Jahr berichtet; deshalb gibt es kein Diagramm. Die Tabelle nennt alle Werte."
    named = " und ".join(vocabulary.SCOPES[s] for s in scopes)
    missing = [vocabulary.SCOPES[s] for s in vocabulary.SCOPES if s not in scopes]
    text = f"Das Diagramm zeigt je Jahr die Summe von {named}, die in jedem Jahr berichtet {'ist' if len(scopes) == 1 else 'sind'}."
    if missing:
        text += f" {' und '.join(missing)} {'steht' if len(missing) == 1 else 'stehen'} nur in der Tabelle."
    return text


def partner_chart(partner: Partner) -> str:
    """One bar per year (label above the bar, legible on a phone), stacked from the scopes reported every
    year, each scope in its own fill; the line under each bar names the scopes' values, so no colour is needed."""
    scopes = common_scopes(partner)
    if not scopes:
        return ""
    named = " und ".join(vocabulary.SCOPES[s] for s in scopes)
    bars = []
    for e in sorted(partner.emissions, key=lambda e: e.year):
        values = tuple(scope_value(e, s) for s in scopes)
        # No-break spaces keep "Scope 2 462,8 t" on one line when the detail wraps.
        detail = " · ".join(f"{vocabulary.SCOPES[s]} {number_de(round(v, 1))} t".replace(" ", "\u00a0")
                            for s, v in zip(scopes, values)) if len(scopes) > 1 else ""
        bars.append(charts.Bar(str(e.year), values, f"{number_de(round(sum(values), 1))} t", detail))
    stacked = "gestapelt nach Scope, " if len(scopes) > 1 else ""
    return charts.chart(f"emissionen-{partner.id}", f"Berichtete Emissionen von {partner.name}",
                        f"Balken je Jahr, {stacked}Summe von {named} in Tonnen CO2e: {year_totals(bars)}. "
                        "Die Tabelle darunter nennt alle Werte.", bars, tuple(scope_fill(s) for s in scopes))


def year_totals(bars) -> str:
    """The chart's numbers in its description, for screen readers: „2022: 115,5 t, 2023: 102 t“."""
    return ", ".join(f"{bar.label}: {bar.total_text}" for bar in bars)
