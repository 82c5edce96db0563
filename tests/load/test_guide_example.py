"""The example entry in CONTRIBUTING.md: staff copy it and replace its example values, so with them
replaced it must pass the check without a single message, and its `last_reviewed` must not turn
yellow in the months after it was written; an example value left in is an error at its line."""

from __future__ import annotations

import datetime as dt
import re
import shutil

from conftest import ROOT
from klimapakt.load import loader

FIXTURE_LOGO = ROOT / "tests/fixtures/logos/ok.svg"


def example_entry() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Beispiel-Eintrag mit Erklärungen", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


FILLED_IN = {"Muster GmbH": "Testbetrieb Rhein GmbH", "muster.example": "testbetrieb-rhein.example",
             "Erika Mustermann": "Testperson Beispiel", "+49 211 1234567": "+49 211 000000"}


def filled_in(entry: str) -> str:
    for example, value in FILLED_IN.items():
        entry = entry.replace(example, value)
    return entry


def test_the_example_entry_as_copied_names_each_example_value_left_in(tmp_path):
    entry = example_entry()
    shutil.copy(FIXTURE_LOGO, tmp_path / re.search(r"logo: (\S+)", entry).group(1))
    loaded = loader.load_text("partners:\n" + entry, today=dt.date(2026, 12, 1), logo_dir=tmp_path)
    assert [(p.field, p.severity) for p in loaded.problems] == [
        (field, "error") for field in ("name", "website", "description", "contact.name", "contact.email")]
    assert all("ist ein Beispielwert aus dem Leitfaden (CONTRIBUTING.md)" in p.message for p in loaded.problems)


def test_the_example_entry_filled_in_passes_the_check_without_a_message(tmp_path):
    entry = filled_in(example_entry())
    reviewed = dt.date.fromisoformat(re.search(r"last_reviewed: (\d{4}-\d\d-\d\d)", entry).group(1))
    logo = re.search(r"logo: (\S+)", entry).group(1)
    shutil.copy(FIXTURE_LOGO, tmp_path / logo)
    for today in (reviewed, reviewed + dt.timedelta(days=180)):  # copied the day it was written, or months later
        loaded = loader.load_text("partners:\n" + entry, today=today, logo_dir=tmp_path)
        assert [str(p) for p in loaded.problems] == [], today
        (partner,) = loaded.records
        assert partner.id == "muster-gmbh" and partner.agreement.targets[0].scopes == (1, 2)
        assert partner.emissions[0].scope3 is None  # `null` reads as "nicht berichtet"


def test_the_example_tells_staff_to_write_todays_date_and_names_a_district():
    entry = example_entry()
    assert "Heutiges Datum" in entry  # tells staff to put today's date, not to copy ours
    assert re.search(r"district: (\d+)", entry).group(1) in {str(n) for n in range(1, 11)}
