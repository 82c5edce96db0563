"""Record rules: a finished record in, (field, message) pairs out; `warn_*` rules return warnings.

Which rules apply to which record type is declared with the registries (klimapakt.load.registries).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

from .. import precision
from ..vocabulary import ROLE_FOUNDING, STATUS_FOUNDING, STATUS_PARTNER

if TYPE_CHECKING:
    from .partners import Emission, Partner, Target


# Record rules: (field, message) pairs.

def check_target_years(target: Target) -> list[tuple[str, str]]:
    if target.year and target.baseline_year and target.year <= target.baseline_year:
        return [("year", f"Das Zieljahr {target.year} muss nach dem Basisjahr {target.baseline_year} liegen.")]
    return []


def check_target_has_goal(target: Target) -> list[tuple[str, str]]:
    if target.reduction_percent is None and not target.climate_neutral:
        return [("-", "Ein Ziel braucht „reduction_percent“ oder „climate_neutral: true“.")]
    return []


def check_reduction_has_baseline(target: Target) -> list[tuple[str, str]]:
    if target.reduction_percent is not None and target.baseline_year is None:
        return [("baseline_year", "Zu einer Minderung in Prozent gehört ein Basisjahr („baseline_year“).")]
    return []


def check_emission_reported(emission: Emission) -> list[tuple[str, str]]:
    if emission.scope1 is None and emission.scope2 is None and emission.scope3 is None:
        return [("-", f"Für {emission.year} ist kein Wert angegeben (scope1, scope2 oder scope3).")]
    return []


def check_founding_status(partner: Partner) -> list[tuple[str, str]]:
    """A founding partner is a Klimapartner only with its own agreement entered: no public source says
    the founding organisations signed one, so the registry must not say it without the agreement."""
    if partner.role == ROLE_FOUNDING and partner.status == STATUS_PARTNER and partner.agreement is None:
        return [("status", "Ein Initialpartner („role: founding“) ist nur mit eingetragener Klimaschutzvereinbarung "
                           "(Feld „agreement“) ein Klimapartner („status: partner“). Bitte „status: founding“ "
                           "eintragen oder die Vereinbarung unter „agreement“ ergänzen.")]
    if partner.status == STATUS_FOUNDING and partner.role != ROLE_FOUNDING:
        return [("status", "„status: founding“ gilt nur für Initialpartner („role: founding“). Bitte „role“ oder "
                           "„status“ korrigieren.")]
    return []


def check_former_ids(partner: Partner) -> list[tuple[str, str]]:
    if partner.id in partner.former_ids:
        return [("former_ids", f"„{partner.id}“ ist die jetzige Kennung; unter „former_ids“ stehen nur frühere.")]
    return []


def check_joined_precision(partner: Partner) -> list[tuple[str, str]]:
    """`joined_precision: month` needs the first of a month (klimapakt.precision), and a `joined` to describe."""
    if partner.joined_precision is None:
        return []
    if partner.joined is None:
        return [("joined_precision", "„joined_precision“ sagt, wie genau „joined“ bekannt ist; ohne „joined“ bitte "
                                     "weglassen oder das Beitrittsdatum ergänzen.")]
    message = precision.problem(partner.joined, partner.joined_precision)
    return [("joined", message)] if message else []


TARGET_RULES = (check_target_years, check_target_has_goal, check_reduction_has_baseline)
EMISSION_RULES = (check_emission_reported,)
PARTNER_RULES = (check_founding_status, check_former_ids, check_joined_precision)


# Warnings about a whole partner.

def warn_missing_logo_or_description(partner: Partner, today: dt.date) -> list[tuple[str, str]]:
    missing = [label for key, label in (("logo", "Logo"), ("description", "Beschreibung")) if getattr(partner, key) is None]
    if missing:
        return [("-", f"Ohne {' und '.join(missing)} wirkt das Profil leer. Bitte nachtragen, wenn möglich.")]
    return []


# The day-dependent reminders (review due, agreement due) are monitoring rules: model/monitoring_rules.py.
PARTNER_WARNINGS = (warn_missing_logo_or_description,)


# Plausibility: values that can be right but mostly are a slip (a year in the future, dates in the wrong
# order). Warnings, never errors; each names the field by its path (the loader finds its line). Unlike the
# monitoring rules they never start to fire as time passes: a measure still „planned“ for a year that is
# over is a reminder (monitoring_rules.due_planned_measures), not a slip in what was written.

def warn_future_baseline(partner: Partner, today: dt.date) -> list[tuple[str, str]]:
    targets = partner.agreement.targets if partner.agreement else ()
    return [(f"agreement.targets[{n}].baseline_year", f"Das Basisjahr {t.baseline_year} liegt in der Zukunft; mit "
             "seinen Emissionen lässt sich das Ziel noch nicht vergleichen. Bitte prüfen (ist das Zieljahr gemeint?).")
            for n, t in enumerate(targets, start=1) if t.baseline_year and t.baseline_year > today.year]


def warn_future_emissions(partner: Partner, today: dt.date) -> list[tuple[str, str]]:
    return [(f"emissions[{n}].year", f"Emissionen für {e.year} liegen in der Zukunft: berichtet werden können nur "
             "vergangene Jahre. Bitte das Berichtsjahr prüfen.")
            for n, e in enumerate(partner.emissions, start=1) if e.year > today.year]


def warn_signed_before_joined(partner: Partner, today: dt.date) -> list[tuple[str, str]]:
    signed = partner.agreement.signed if partner.agreement else None
    if signed and partner.joined and signed < partner.joined:
        return [("agreement.signed", f"Die Vereinbarung ist am {signed.isoformat()} unterzeichnet, vor dem Beitritt am "
                 f"{partner.joined.isoformat()} („joined“). Der Beitritt ist der Letter of Intent oder die Vereinbarung, "
                 "liegt also nicht nach der Unterzeichnung. Bitte beide Daten prüfen.")]
    return []


PLAUSIBILITY_WARNINGS = (warn_future_baseline, warn_future_emissions, warn_signed_before_joined)


def warn_duplicate_names(partners) -> list[tuple[Partner, str, str]]:
    """(partner, field, message) for each partner with exactly the name of an earlier one: one
    organisation under two ids (the site would show it twice), or two that need telling apart."""
    first: dict[str, Partner] = {}
    found = []
    for partner in partners:
        other = first.setdefault(partner.name, partner)
        if other is not partner:
            found.append((partner, "name", f"Den Namen „{partner.name}“ hat schon der Partner „{other.id}“ (Zeile "
                          f"{other.lines.get('name', other.line)}). Ist es derselbe Partner unter zwei Kennungen? Dann "
                          "bitte die beiden Einträge zusammenführen; sonst die Namen unterscheidbar machen, z. B. mit "
                          "dem Standort."))
    return found


# Letters of other alphabets that look like Latin ones, as NFKC and casefold leave them: „Асme“
# with a Cyrillic „А“ looks like „Acme“. Small on purpose: the letters seen in spoofed names.
LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "н": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "ӏ": "l",
    "м": "m", "о": "o", "р": "p", "ԛ": "q", "с": "c", "ѕ": "s", "т": "t", "у": "y", "ԝ": "w", "х": "x", "ԁ": "d",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "y", "χ": "x", "ζ": "z",
})


def name_skeleton(name: str) -> str:
    """What a name looks like: compatibility forms, case, look-alike letters and spacing folded away."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().translate(LOOK_ALIKES).split())


def warn_confusable_names(partners) -> list[tuple[Partner, str, str]]:
    """(partner, field, message) for each partner whose name looks like an earlier partner's but is
    written with other characters (a Cyrillic „А“, a full-width „Ａ“): a copy, or a spoof."""
    first: dict[str, Partner] = {}
    found = []
    for partner in partners:
        other = first.setdefault(name_skeleton(partner.name), partner)
        if other is not partner and other.name != partner.name:
            found.append((partner, "name", f"Der Name „{partner.name}“ sieht aus wie „{other.name}“ (Partner "
                          f"„{other.id}“, Zeile {other.lines.get('name', other.line)}), ist aber mit anderen Zeichen "
                          f"geschrieben{first_difference(partner.name, other.name)}. Bitte prüfen, ob es derselbe "
                          "Partner ist oder ob Buchstaben aus einem anderen Alphabet (z. B. kyrillische) im Namen stehen."))
    return found


def first_difference(name: str, other: str) -> str:
    """' (an Stelle 1: U+0410 „А“ statt U+0041 „A“)' when both names have the same length, else ''."""
    if len(name) != len(other):
        return ""
    index, (mine, theirs) = next((i, pair) for i, pair in enumerate(zip(name, other)) if pair[0] != pair[1])
    return f" (an Stelle {index + 1}: U+{ord(mine):04X} „{mine}“ statt U+{ord(theirs):04X} „{theirs}“)"
