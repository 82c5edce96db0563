"""The monitoring report: each rule on a given day, the report in Markdown, CSV and .xlsx, and that
`check` no longer prints these day-dependent reminders."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from conftest import ROOT
from klimapakt import model
from klimapakt.__main__ import main
from klimapakt.load.loader import load_text
from klimapakt.load.registries import PARTNERS
from klimapakt.model import monitoring_rules as rules
from klimapakt.office import monitoring

DAY = dt.date(2026, 11, 25)
LOGOS = ROOT / "docs/assets/partners"


def partner(**values) -> model.Partner:
    return model.Partner(**{"id": "muster-gmbh", "name": "Muster GmbH", "role": "partner", "status": "partner",
                            "last_reviewed": dt.date(2026, 6, 1), **values})


def agreement(**values) -> model.Agreement:
    return model.Agreement(**{"signed": dt.date(2025, 1, 10), "targets": (model.Target(year=2035, climate_neutral=True),),
                              **values})


def dues(rule, p, today=DAY):
    return [(d.since, d.task, d.field) for d in rule(p, today)]


def test_a_letter_of_intent_older_than_twelve_months_without_agreement_is_due_the_day_after():
    loi = partner(status="letter-of-intent", joined=dt.date(2025, 11, 25))
    assert dues(rules.due_agreement, loi, dt.date(2026, 11, 25)) == []  # exactly 12 months: not older
    assert dues(rules.due_agreement, loi, dt.date(2026, 11, 26)) == [
        (dt.date(2026, 11, 26), "Klimaschutzvereinbarung fällig", "agreement")]
    assert rules.due_agreement(loi, DAY + dt.timedelta(days=1))[0].reason == (
        "Letter of Intent vom 25.11.2025; nach 12 Monaten sollte die Klimaschutzvereinbarung mit Zielen und "
        "Maßnahmen vorliegen, im Register steht noch keine.")
    assert dues(rules.due_agreement, partner(joined=dt.date(2020, 1, 1), agreement=agreement())) == []
    assert dues(rules.due_agreement, partner(status="letter-of-intent")) == []  # no date to count from
    assert dues(rules.due_agreement, partner(role="founding", status="founding")) == []  # Initialpartner sign none


def test_a_klimapartner_without_an_entered_agreement_is_asked_for_it_not_called_a_letter_of_intent():
    klimapartner = partner(joined=dt.date(2026, 3, 1))
    (due,) = rules.due_agreement(klimapartner, DAY)
    assert (due.since, due.task, due.field) == (dt.date(2026, 3, 1), "Klimaschutzvereinbarung eintragen", "agreement")
    assert due.reason == ("Klimapartner (beigetreten am 01.03.2026), aber im Register steht keine "
                          "Klimaschutzvereinbarung. Bitte Datum, Ziele und Maßnahmen der Vereinbarung unter "
                          "„agreement“ eintragen.")
    assert "Letter of Intent" not in rules.due_agreement(partner(), DAY)[0].reason


def test_a_letter_of_intent_with_a_signed_agreement_is_asked_whether_it_is_a_klimapartner_now():
    behind = partner(status="letter-of-intent", joined=dt.date(2024, 1, 1), agreement=agreement())
    assert dues(rules.due_agreement, behind) == [(dt.date(2025, 1, 10), "Stand der Teilnahme prüfen", "status")]
    assert rules.due_agreement(behind, DAY)[0].reason.startswith("Die Klimaschutzvereinbarung ist am 10.01.2025 "
                                                                 "unterzeichnet, der Stand steht noch auf „Letter")
    assert dues(rules.due_agreement, partner(status="letter-of-intent", joined=dt.date(2026, 1, 1),
                                             agreement=agreement(signed=None))) == []
    assert dues(rules.due_agreement, partner(agreement=agreement())) == []


def test_an_agreement_without_targets_is_due_from_its_signing():
    signed = partner(agreement=agreement(targets=()))
    assert dues(rules.due_targets, signed) == [(dt.date(2025, 1, 10), "Klimaziele fehlen", "agreement.targets")]
    assert "vom 10.01.2025" in rules.due_targets(signed, DAY)[0].reason
    undated = partner(joined=dt.date(2024, 2, 29), agreement=agreement(signed=None, targets=()))
    assert dues(rules.due_targets, undated) == [(dt.date(2025, 3, 1), "Klimaziele fehlen", "agreement.targets")]
    assert dues(rules.due_targets, partner(agreement=agreement())) == []
    assert dues(rules.due_targets, partner(agreement=agreement(signed=DAY + dt.timedelta(days=3), targets=()))) == []


def test_a_review_older_than_twelve_months_or_missing_is_due():
    assert dues(rules.due_review, partner(last_reviewed=dt.date(2025, 11, 25))) == []
    assert dues(rules.due_review, partner(last_reviewed=dt.date(2025, 11, 24))) == [
        (dt.date(2026, 11, 25), "Angaben prüfen", "last_reviewed")]
    never = partner(last_reviewed=None, joined=dt.date(2026, 3, 1))
    assert dues(rules.due_review, never) == [(dt.date(2026, 3, 1), "Angaben prüfen", "last_reviewed")]
    assert "noch nie geprüft" in rules.due_review(never, DAY)[0].reason
    assert dues(rules.due_review, partner(last_reviewed=None)) == [(None, "Angaben prüfen", "last_reviewed")]


def test_emissions_of_the_previous_year_are_due_where_the_partner_reports_emissions():
    reporting = partner(emissions=(model.Emission(year=2024, scope1=10), model.Emission(year=2023, scope1=12)))
    assert dues(rules.due_emissions, reporting) == [(dt.date(2026, 1, 1), "Emissionen 2025 fehlen", "emissions")]
    assert "zuletzt für 2024" in rules.due_emissions(reporting, DAY)[0].reason
    assert dues(rules.due_emissions, reporting, dt.date(2025, 12, 31)) == []
    assert dues(rules.due_emissions, partner()) == []  # reports none: nothing to ask for


def test_measures_still_planned_for_a_past_year_are_due_one_by_one():
    measures = (model.Measure(title="LED-Beleuchtung", field="energy-efficiency", status="planned", year=2025),
                model.Measure(title="Jobticket", field="mobility", status="done", year=2024),
                model.Measure(title="Wärmepumpe", field="buildings", status="planned", year=2026),
                model.Measure(title="Ökostrom", field="renewables", status="planned"))
    found = rules.due_planned_measures(partner(agreement=agreement(measures=measures)), DAY)
    assert [(d.since, d.field) for d in found] == [(dt.date(2026, 1, 1), "agreement.measures[1].status")]
    assert found[0].reason.startswith("Die Maßnahme „LED-Beleuchtung“ war für 2025 geplant")


def test_former_partners_are_not_monitored():
    former = partner(status="former", last_reviewed=None, joined=dt.date(2020, 1, 1))
    assert [due for rule in PARTNERS.monitoring for due in rule(former, DAY)] == []


def test_months_later_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert rules.months_later(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert rules.months_later(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert rules.months_later(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


# --- out of `check`, into the registry's monitoring rules

REGISTRY = """\
partners:
  - id: muster-gmbh
    name: Muster | GmbH @octocat [x](https://example.org)
    role: partner
    status: letter-of-intent
    joined: 2024-11-24
    logo: muster.svg
    description: Ein erfundenes Unternehmen.
    contact:
      name: Fiktive Ansprechperson
      email: klima@muster-gmbh.example
      phone: +49 211 000000
    last_reviewed: 2025-11-24
  - id: beispiel-ag
    name: Beispiel AG
    role: partner
    status: partner
    logo: beispiel.svg
    description: Noch ein erfundenes Unternehmen.
    agreement:
      signed: 2026-02-01
      targets:
        - year: 2035
          climate_neutral: true
    last_reviewed: 2026-10-01
"""


CSV_CONTACT = ["Fiktive Ansprechperson", "klima@muster-gmbh.example", "'+49 211 000000"]  # CSV's formula guard


@pytest.fixture
def logo_dir(tmp_path):
    for name in ("muster.svg", "beispiel.svg"):
        (tmp_path / name).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    return tmp_path


def test_check_no_longer_warns_about_what_is_due(logo_dir):
    """A review and an agreement long overdue: `check` has nothing to say, the monitoring report does."""
    loaded = load_text(REGISTRY, today=DAY, logo_dir=logo_dir)
    assert loaded.problems == ()
    assert [(i.partner.id, i.due.task) for i in monitoring.due_items(loaded.partners, DAY)] == [
        ("muster-gmbh", "Klimaschutzvereinbarung fällig"), ("muster-gmbh", "Angaben prüfen")]
    assert not set(PARTNERS.monitoring) & set(PARTNERS.warnings)


def test_the_markdown_report_escapes_names_and_lists_task_reason_and_date(logo_dir):
    items = monitoring.due_items(load_text(REGISTRY, today=DAY, logo_dir=logo_dir).partners, DAY)
    text = monitoring.markdown(items, DAY)
    assert text.startswith("## Monitoring Klimapakt: Stand 25.11.2026\n\n2 Aufgaben bei 1 Partner.")
    assert "### Muster \\| GmbH @\u2060octocat \\[x\\](https://example.org) (`muster-gmbh`)" in text
    assert ("| Klimaschutzvereinbarung fällig | Letter of Intent vom 24.11.2024; nach 12 Monaten sollte die "
            "Klimaschutzvereinbarung mit Zielen und Maßnahmen vorliegen, im Register steht noch keine. "
            "| 25.11.2025 | 2 |") in text
    assert "| Angaben prüfen |" in text and "| 25.11.2026 | 13 |" in text
    assert ("Ansprechperson: Fiktive Ansprechperson · E-Mail: klima@\u2060muster-gmbh.example · "
            "Telefon: +49 211 000000") in text
    assert "beispiel-ag" not in text
    assert monitoring.markdown([], DAY).endswith("Nichts fällig: Alle Partner in partners.yml sind auf dem aktuellen "
                                                 "Stand.\n")


def registry_with_logos(tmp_path, logo_dir, monkeypatch):
    """REGISTRY as partners.yml with its logos beside it, as the command finds them, and the build date."""
    registry = tmp_path / "partners.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "docs/assets/partners").mkdir(parents=True)
    for logo in logo_dir.glob("*.svg"):
        (tmp_path / "docs/assets/partners" / logo.name).write_bytes(logo.read_bytes())
    monkeypatch.setenv("KLIMAPAKT_TODAY", DAY.isoformat())
    return registry


def test_monitoring_command_writes_csv_and_xlsx_with_real_dates(tmp_path, logo_dir, capsys, monkeypatch):
    registry = registry_with_logos(tmp_path, logo_dir, monkeypatch)
    assert main(["monitoring", str(registry), "--format", "csv", "--today", "2026-11-25"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == list(monitoring.HEADERS)
    assert [row[:3] + row[4:] for row in rows[1:]] == [
        ["muster-gmbh", "Muster | GmbH @octocat [x](https://example.org)", "Klimaschutzvereinbarung fällig",
         "2025-11-25", "agreement", "2", *CSV_CONTACT],
        ["muster-gmbh", "Muster | GmbH @octocat [x](https://example.org)", "Angaben prüfen", "2026-11-25",
         "last_reviewed", "13", *CSV_CONTACT]]
    out = tmp_path / "monitoring.xlsx"
    assert main(["monitoring", str(registry), "--format", "xlsx", "--today", "2026-11-25", "--output", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Monitoring"]
    assert [c.value for c in sheet[1]] == list(monitoring.HEADERS)
    assert sheet["E2"].value == dt.datetime(2025, 11, 25) and sheet["E2"].number_format == "DD.MM.YYYY"
    assert sheet.freeze_panes == "A2"


def test_monitoring_of_a_registry_with_errors_prints_them_and_fails(tmp_path, capsys):
    registry = tmp_path / "partners.yml"
    registry.write_text(REGISTRY.replace("status: partner", "status: Partnerin"), encoding="utf-8")
    assert main(["monitoring", str(registry)]) == 1
    assert "„Partnerin“ ist nicht erlaubt" in capsys.readouterr().out


def test_a_measures_task_points_at_the_measures_line_and_a_targets_task_at_the_agreement(logo_dir):
    registry = REGISTRY.replace("""      targets:
        - year: 2035
          climate_neutral: true
""", """      measures:
        - title: Jobticket
          field: mobility
          status: done
        - title: LED-Beleuchtung
          field: energy-efficiency
          status: planned
          year: 2025
""")
    loaded = load_text(registry, today=DAY, logo_dir=logo_dir)
    lines = registry.splitlines()
    found = {i.due.field: i.line for i in monitoring.due_items(loaded.partners, DAY) if i.partner.id == "beispiel-ag"}
    assert lines[found["agreement.measures[2].status"] - 1] == "          status: planned"
    assert lines[found["agreement.targets"] - 1] == "    agreement:"


def demo_partners(count: int, today: dt.date) -> list[model.Partner]:
    """The demo registry's partners as records, built directly: loading 10,000 from YAML takes a minute."""
    from klimapakt.demo import demo_registry

    def record(cls, values):
        return cls(**{k: v for k, v in values.items() if v is not None})

    found = []
    for number, p in enumerate(demo_registry(count, today=today)["partners"], start=1):
        values = dict(p, line=number * 30)
        if "contact" in p:
            values["contact"] = record(model.Contact, p["contact"])
        if "agreement" in p:
            a = p["agreement"]
            values["agreement"] = model.Agreement(
                signed=a.get("signed"), targets=tuple(record(model.Target, dict(t, scopes=tuple(t.get("scopes", ()))))
                                                      for t in a.get("targets", ())),
                measures=tuple(record(model.Measure, m) for m in a.get("measures", ())))
        values["emissions"] = tuple(record(model.Emission, e) for e in p.get("emissions", ()))
        found.append(record(model.Partner, values))
    return found


def test_the_issue_body_for_10000_demo_partners_stays_under_githubs_limit_and_links_the_full_list():
    from klimapakt.office.monitoring_md import ISSUE_LIMIT, within_limit

    later = dt.date(2029, 6, 1)  # years after the demo's dates: nearly every partner has something due
    items = monitoring.due_items(demo_partners(10_000, DAY), later)
    assert len({i.partner.id for i in items}) > 9_000
    url = "https://github.com/klimapakt/website/actions/runs/1"
    body = monitoring.markdown(items, later, details=url)
    assert len(body) < 50_000
    assert f"unter „Artifacts“ auf der Seite des Laufs: {url}" in body and "**Gekürzt:** Hier stehen " in body
    overview = body.split("| Aufgabe | Anzahl |")[1].split("\n\n")[0]
    assert sum(int(row.split("|")[2].replace(".", "")) for row in overview.splitlines()[2:]) == len(items)
    links = "\n".join(f"- https://muster-{n:04d}.example.org antwortet nicht" for n in range(5_000))
    issue = within_limit(body, links)
    assert len(issue) < ISSUE_LIMIT and issue.endswith("steht in der Zusammenfassung des Laufs.\n")
    full = monitoring.csv_text(items)
    assert len(full.splitlines()) == len(items) + 1  # the artifact holds every task


def test_a_short_report_is_not_cut():
    from klimapakt.office.monitoring_md import within_limit

    items = monitoring.due_items(demo_partners(20, DAY), DAY)
    body = monitoring.markdown(items, DAY, details="https://example.org/run")
    assert "Gekürzt" not in body and body.count("\n### ") == len({i.partner.id for i in items})
    assert within_limit(body, "## Links\n\nAlle antworten.\n") == body + "\n## Links\n\nAlle antworten.\n"


def test_the_issue_text_appends_the_link_report_or_says_that_it_is_missing(tmp_path, logo_dir, capsys, monkeypatch):
    registry = registry_with_logos(tmp_path, logo_dir, monkeypatch)
    issue, links = tmp_path / "issue.md", tmp_path / "links.md"
    command = ["monitoring", str(registry), "--today", "2026-11-25", "--details-url", "https://example.org/run/1",
               "--append", str(links), "--output", str(issue)]
    assert main(command) == 0
    text = issue.read_text(encoding="utf-8")
    assert text.startswith("## Monitoring Klimapakt: Stand 25.11.2026\n")
    assert text.endswith("## Linkprüfung\n\nDie Linkprüfung hat diesmal keinen Bericht geschrieben (abgebrochen oder "
                         "zu langsam). Der Monitoring-Bericht oben ist vollständig.\n")
    links.write_text("## Links\n\nAlle 2 Adressen antworten.\n", encoding="utf-8")
    assert main(command) == 0
    assert issue.read_text(encoding="utf-8").endswith("\n\n## Links\n\nAlle 2 Adressen antworten.\n")
