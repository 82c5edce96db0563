"""How much of the pact the directory holds: its entries against the pact's latest sourced partner count.

The directory is filled step by step, so every page that counts from it says how many partners it
holds of how many the pact has, with that count's date and source (kennzahlen.yml). The count is
the figure with the id `PARTNER_COUNT_FIGURE`; while kennzahlen.yml has none, the sentence says
only how many are listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.figures import Figure, figure
from ..model.partners import Partner
from ..vocabulary import STATUS_FORMER

PARTNER_COUNT_FIGURE = "partnerunternehmen"  # the id in kennzahlen.yml of the pact's latest partner count


@dataclass(frozen=True)
class Coverage:
    listed: int  # current partners of the pact in the directory: not the Initialpartner, not former partners
    total: Figure | None  # the pact's latest sourced partner count
    former: int = 0  # former partners, listed in the directory too, so its "N von N eingetragenen" adds them

    @property
    def incomplete(self) -> bool:
        """Fewer listed than the sourced count says ("über 100": 100 or fewer listed)."""
        if self.total is None:
            return True  # nothing says the directory is complete
        if self.total.qualifier == "more-than":
            return self.listed <= self.total.value
        return self.listed < self.total.value


def is_listed_partner(partner: Partner) -> bool:
    """A partner the pact's partner count counts: a company, not an organiser, not one that left."""
    return not partner.is_founding and partner.status != STATUS_FORMER


def coverage(partners: Iterable[Partner], figures: tuple[Figure, ...]) -> Coverage:
    partners = list(partners)
    former = sum(not p.is_founding and p.status == STATUS_FORMER for p in partners)
    return Coverage(sum(is_listed_partner(p) for p in partners), figure(figures, PARTNER_COUNT_FIGURE), former)
