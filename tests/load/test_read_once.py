"""A value the loader has read once is taken as read (klimapakt.load.structure.read_scalar, Kind.pure, and
the texts in klimapakt.kinds.text): what depends on its place in the file is still checked at every place,
and a value that failed fails again wherever it stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from klimapakt.load.loader import load_text
from helpers.corpus import AGREEMENT, SECOND, registry

TODAY = dt.date(2026, 11, 25)
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"


def errors(text: str) -> list[str]:
    return [str(p) for p in load_text(text, today=TODAY, logo_dir=LOGOS).problems if p.severity == "error"]


def test_a_comment_cut_off_a_text_read_before_is_still_found():
    second = SECOND.replace("description: Beta plant.", "description: Acme stellt Werkzeuge her. #Neu")
    assert errors(registry(second)) == [
        "partners.yml:13: beta: description: „#Neu“ liest YAML als Kommentar, es fehlt also im Text. Bitte den ganzen "
        "Text in Anführungszeichen setzen (ein Kommentar beginnt mit „# “)."]


def test_a_number_read_before_is_refused_in_quotes():
    second = SECOND + AGREEMENT.replace("year: 2024", 'year: "2024"')
    assert errors(registry(AGREEMENT + second)) == [
        "partners.yml:43: beta: agreement.measures[1].year: Hier wird eine Jahreszahl erwartet, nicht der Text „2024“. "
        "Bitte ohne Anführungszeichen schreiben: 2024."]


def test_a_value_that_failed_fails_again_at_each_place():
    message = ("„huge“ ist nicht erlaubt. Erlaubt sind: micro (Kleinstunternehmen), small (Kleines Unternehmen), "
               "medium (Mittleres Unternehmen), large (Großunternehmen).")
    text = registry("    size: huge\n" + SECOND + "    size: huge\n")
    assert errors(text) == [f"partners.yml:8: acme: size: {message}", f"partners.yml:15: beta: size: {message}"]


def test_values_read_once_are_the_same_values():
    loaded = load_text(registry(AGREEMENT + SECOND + AGREEMENT), today=TODAY, logo_dir=LOGOS)
    acme, beta = loaded.partners
    assert not loaded.problems or all(p.severity != "error" for p in loaded.problems)
    assert acme.agreement == beta.agreement and acme.joined == beta.joined
