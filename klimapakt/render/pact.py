"""The pact's figures (kennzahlen.yml) where a page quotes them: a list, or one figure as a sentence.

A figure about the pact as a whole never stands without its date and source (FACTS: "Each figure
the site shows about the pact as a whole must say when it was reported and by whom, with a link"),
so pages quote them through these functions rather than writing the number by hand.
"""

from __future__ import annotations

from ..model.figures import Figure, figure

FIGURES_FILE = "kennzahlen.yml"


class UnknownFigure(ValueError):
    """A page names a figure id that kennzahlen.yml does not have; the message is German."""


def chosen(figures: tuple[Figure, ...], ids: tuple[str, ...]) -> list[Figure]:
    """The figures with these ids in this order; all of them when no id is given."""
    if not ids:
        return list(figures)
    return [one(figures, figure_id) for figure_id in ids]


def one(figures: tuple[Figure, ...], figure_id: str) -> Figure:
    found = figure(figures, figure_id)
    if found is None:
        known = ", ".join(f.id for f in figures) or "keine"
        raise UnknownFigure(f"{FIGURES_FILE}: Die Seite nennt die Kennzahl „{figure_id}“, die es dort nicht gibt. "
                            f"Vorhanden: {known}.")
    return found
