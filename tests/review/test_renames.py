"""Reviewers see consequences: an id change is a rename with the addresses it breaks, and
kennzahlen.yml changes read as German sentences (Wert, Stand, Quelle)."""

from __future__ import annotations

import datetime as dt

from klimapakt.load import loader
from klimapakt.load.registries import FIGURES
from klimapakt.report import WARNING
from klimapakt.review import changes

TODAY = dt.date(2026, 11, 25)
BASE = """partners:
  - id: testwerk
    name: Testwerk GmbH
    role: partner
    status: partner
    website: https://testwerk.example
    agreement:
      signed: 2024-05-02

  - id: probe
    name: Probe AG
    role: partner
    status: letter-of-intent
"""


def compare(old: str, new: str, kind=changes.PARTNERS, registry=None):
    options = {"registry": registry} if registry else {}
    before = loader.load_text(old, today=TODAY, **options)
    after = loader.load_text(new, today=TODAY, **options)
    assert [p for p in before.problems + after.problems if p.severity == "error"] == []
    return changes.compare(before.records, after.records, kind)


def test_a_new_id_for_the_same_name_is_a_rename_naming_the_profile_and_badge_addresses():
    summary, problems = compare(BASE, BASE.replace("id: testwerk", "id: testwerk-gmbh"))
    assert (summary.added, summary.removed) == ((), ())
    [rename] = summary.renamed
    assert (rename.old_id, rename.new_id, rename.addresses) == ("testwerk", "testwerk-gmbh",
                                                                ("/partner/testwerk/", "/partner/testwerk/badge.svg"))
    assert [(p.line, p.entry, p.field, p.severity, p.message) for p in problems] == [(
        2, "testwerk-gmbh", "id", WARNING,
        "Die Kennung „testwerk“ heißt jetzt „testwerk-gmbh“: Die alten Adressen /partner/testwerk/, "
        "/partner/testwerk/badge.svg führen dann ins Leere – auch der Badge, den der Partner auf seiner Website "
        "eingebunden hat. Bitte beim Partner „former_ids: [testwerk]“ eintragen; dann leiten sie zur neuen Adresse weiter.")]
    text = changes.render_text(summary, "main")
    assert text.startswith("partners.yml gegenüber main: 0 neu, 0 entfernt, 0 geändert, 1 umbenannt.")
    assert ("- testwerk → testwerk-gmbh – Testwerk GmbH (Zeile 2). Die alten Adressen /partner/testwerk/, "
            "/partner/testwerk/badge.svg führen ins Leere: bitte former_ids: [testwerk] eintragen.") in text


def test_a_rename_with_former_ids_says_the_old_addresses_redirect_and_warns_nothing():
    new = BASE.replace("id: testwerk", "id: testwerk-gmbh").replace(
        "    website: https://testwerk.example\n",
        "    website: https://testwerk.example\n    former_ids: [testwerk]\n").replace("name: Testwerk GmbH", "name: Testwerk")
    summary, problems = compare(BASE, new)
    assert problems == []
    text = changes.render_text(summary, "main")
    assert "Die alten Adressen /partner/testwerk/, /partner/testwerk/badge.svg leiten weiter (former_ids)." in text
    assert "  - name: „Testwerk GmbH“ → „Testwerk“" in text  # matched by the website; the other changes listed


def test_a_letter_of_intent_renamed_breaks_only_the_profile_address():
    summary, _ = compare(BASE, BASE.replace("id: probe", "id: probe-ag"))
    assert summary.renamed[0].addresses == ("/partner/probe/",)


def test_a_different_partner_with_a_new_id_is_still_new_and_removed():
    new = BASE.replace("id: probe\n    name: Probe AG", "id: anders\n    name: Anders KG")
    summary, problems = compare(BASE, new)
    assert ([e.id for e in summary.added], [e.id for e in summary.removed], summary.renamed) == (["anders"], ["probe"], ())
    assert [p.entry for p in problems] == ["probe"]  # „… ist nicht mehr da – gewollt?“


def test_former_ids_must_not_be_a_current_id_or_claimed_twice():
    text = BASE.replace("    website: https://testwerk.example\n",
                        "    website: https://testwerk.example\n    former_ids: [probe, alt]\n").replace(
        "    status: letter-of-intent\n", "    status: letter-of-intent\n    former_ids: [alt, probe]\n")
    assert [str(p) for p in loader.load_text(text, today=TODAY).problems if p.severity == "error"] == [
        "partners.yml:15: probe: former_ids: „probe“ ist die jetzige Kennung; unter „former_ids“ stehen nur frühere.",
        "partners.yml:7: testwerk: former_ids: „probe“ ist die Kennung eines anderen Partners (Zeile 11); "
        "eine frühere Kennung darf nicht mehr vergeben sein.",
        "partners.yml:15: probe: former_ids: „alt“ steht schon bei „testwerk“ (Zeile 2) als frühere Kennung; "
        "jede alte Adresse kann nur zu einem Partner weiterleiten."]


FIGURE = """figures:
  - id: partnerunternehmen
    value: {value}
    qualifier: more-than
    unit: Unternehmen
    label: sind Partner im Klimapakt
    as_of: {as_of}
    source_title: "{source}"
    source_url: https://quelle.example/bericht
"""


def test_a_kennzahl_change_reads_wert_stand_quelle_without_a_false_warning():
    old = FIGURE.format(value=100, as_of="2025-07-03", source="Muster-Quelle: Bericht 2025")
    new = FIGURE.format(value=120, as_of="2026-02", source="Muster-Quelle: Bericht 2026")
    summary, problems = compare(old, new, changes.FIGURES, FIGURES)
    assert problems == []
    assert changes.render_text(summary, "main").splitlines()[-1] == (
        "- partnerunternehmen – sind Partner im Klimapakt (Zeile 2): Wert „100“ → „120“, "
        "Stand „3. Juli 2025“ → „Februar 2026“, Quelle „Muster-Quelle: Bericht 2025“ → „Muster-Quelle: Bericht 2026“.")


def test_numbers_and_dates_in_emissions_and_the_agreement_show_old_and_new():
    old = BASE.replace("      signed: 2024-05-02\n", "      signed: 2024-05-02\n    emissions:\n      - year: 2024\n"
                       "        scope1: 1250\n        scope2: 310\n")
    new = old.replace("signed: 2024-05-02", "signed: 2024-06-03").replace("scope1: 1250", "scope1: 1.25").replace(
        "        scope2: 310\n", "")
    summary, problems = compare(old, new)
    assert [(c.path, changes.describe(c, str)) for c in summary.changed[0].fields] == [
        ("agreement.signed", "„2024-05-02“ → „2024-06-03“"),
        ("emissions[1].scope1", "„1250“ → „1.25“"),
        ("emissions[1].scope2", "entfernt (bisher „310“)")]
    assert [(p.line, p.field) for p in problems] == [(10, "emissions[1].scope2")]  # emptied: at its emission (- year:)


def test_check_base_on_kennzahlen_yml_prints_the_sentence_and_stays_green(tmp_path, capsys):
    from klimapakt.__main__ import main
    (tmp_path / "base").mkdir()
    (tmp_path / "new").mkdir()
    base, new = tmp_path / "base/kennzahlen.yml", tmp_path / "new/kennzahlen.yml"
    base.write_text(FIGURE.format(value=100, as_of="2025-07-03", source="Muster-Quelle: Bericht 2025"), encoding="utf-8")
    new.write_text(FIGURE.format(value=120, as_of="2025-07-03", source="Muster-Quelle: Bericht 2025"), encoding="utf-8")
    assert main(["check", str(new), "--base", str(base)]) == 0
    out = capsys.readouterr().out
    assert "- partnerunternehmen – sind Partner im Klimapakt (Zeile 2): Wert „100“ → „120“." in out
    assert "gewollt?" not in out and "as_of" not in out
