"""events.yml: reading, line-numbered German messages, upcoming/past, German wording, CLI."""

from __future__ import annotations

import datetime as dt
import shutil
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, ROOT
from klimapakt import clock, model
from klimapakt.load import loader
from klimapakt.render import events as event_words
from klimapakt.__main__ import main
from klimapakt.model.events import Event, Location

BERLIN = ZoneInfo("Europe/Berlin")
REAL_PARTNER_IDS = frozenset(p.id for p in loader.load_file(ROOT / "partners.yml").partners)
IDS = frozenset({"ihk-duesseldorf", "metro", "basf"})


def load(text: str, ids=IDS):
    return loader.load_events_text(text, ids, today=dt.date(2026, 11, 25))


def messages(text: str, ids=IDS) -> list[str]:
    return [str(p) for p in sorted(load(text, ids)[1])]


def one_event(**fields: str) -> str:
    """An events.yml with one event (id "e", line 2); `fields` override or add keys (None removes)."""
    base = {"id": "e", "title": "Treffen", "start": "2026-12-01T18:00", "end": "2026-12-01T20:00", "kind": "workshop"}
    base.update(fields)
    lines = [f"    {k}: {v}" for k, v in base.items() if v is not None]
    lines[0] = "  - " + lines[0].lstrip()
    return "events:\n" + "\n".join(lines) + "\n"


def test_valid_fixture_reads_times_in_berlin_and_all_day_dates():
    loaded, problems = loader.load_events(FIXTURES / "events-valid.yml", REAL_PARTNER_IDS)
    assert problems == ()
    by_id = {e.id: e for e in loaded}
    workshop = by_id["test-workshop-herbst"]
    assert workshop.start == dt.datetime(2026, 9, 15, 9, 30, tzinfo=BERLIN)
    assert workshop.start.utcoffset() == dt.timedelta(hours=2)
    assert workshop.location == Location("Testhaus", "Teststraße 1, 40210 Düsseldorf")
    assert workshop.partners == ("ihk-duesseldorf", "handwerkskammer-duesseldorf")
    assert workshop.registration_url == "https://anmeldung.example.org/workshop"
    assert workshop.line == 3 and workshop.lines["end"] == 6
    across = by_id["test-treffen-zeitumstellung"]
    assert (across.start.hour, across.end.hour) == (18, 13)
    assert across.start.utcoffset() == dt.timedelta(hours=2) and across.end.utcoffset() == dt.timedelta(hours=1)
    assert across.registration_url == "mailto:anmeldung@example.org"
    days = by_id["test-beratungstage"]
    assert days.all_day and (days.start, days.end) == (dt.date(2026, 12, 3), dt.date(2026, 12, 4))


@pytest.mark.data
def test_shipped_events_yml_is_valid():
    loaded, problems = loader.load_events(ROOT / "events.yml", REAL_PARTNER_IDS)
    assert [str(p) for p in problems] == []


def test_invalid_fixture_reports_each_mistake_with_its_line():
    _, problems = loader.load_events(FIXTURES / "events-invalid.yml", REAL_PARTNER_IDS, file="events.yml")
    assert [str(p) for p in sorted(problems)] == [
        "events.yml:6: ende-vor-beginn: end: Das Ende (2026-09-15T17:00) liegt nicht nach dem Beginn (2026-09-15T18:00).",
        "events.yml:15: unbekannter-partner: partners[2]: „metor“ ist keine Kennung aus partners.yml. Meinten Sie „metro“?",
        "events.yml:20: falsche-adresse: registration: „www.example.org/anmeldung“: Bitte mit https:// beginnen, z. B. „https://www.example.org/anmeldung“.",
        "events.yml:23: ende-vor-beginn: id: Die Kennung „ende-vor-beginn“ ist schon in Zeile 3 vergeben. Jede Kennung darf nur einmal vorkommen.",
    ]


@pytest.mark.parametrize("fields, expected", [
    ({"start": "2026-12-01T18:00", "end": "2026-12-01T18:00"},
     "events.yml:5: e: end: Das Ende (2026-12-01T18:00) liegt nicht nach dem Beginn (2026-12-01T18:00)."),
    ({"start": "2026-12-02", "end": "2026-12-01"},
     "events.yml:5: e: end: Das Ende (2026-12-01) liegt nicht nach dem Beginn (2026-12-02)."),
    ({"end": None},
     "events.yml:2: e: end: Das Ende fehlt. Bei einem Beginn mit Uhrzeit bitte auch das Ende angeben, z. B. end: 2026-12-01T20:00."),
    ({"end": "2026-12-02"},
     "events.yml:5: e: end: Beginn und Ende müssen gleich geschrieben sein: beide mit Uhrzeit (JJJJ-MM-TTTHH:MM) oder beide nur als Datum (JJJJ-MM-TT, ganztägig)."),
    ({"start": '"2026-12-01 18:00"'},
     "events.yml:4: e: start: „2026-12-01 18:00“ ist weder Datum noch Datum mit Uhrzeit. Bitte JJJJ-MM-TTTHH:MM (z. B. 2024-02-27T18:00, Düsseldorfer Ortszeit) oder für ganztägige Termine JJJJ-MM-TT schreiben."),
    ({"start": "2026-12-01T18:00:00+01:00"},
     "events.yml:4: e: start: „2026-12-01T18:00:00+01:00“ ist weder Datum noch Datum mit Uhrzeit. Bitte JJJJ-MM-TTTHH:MM (z. B. 2024-02-27T18:00, Düsseldorfer Ortszeit) oder für ganztägige Termine JJJJ-MM-TT schreiben."),
    ({"start": "2026-02-30T18:00"}, "events.yml:4: e: start: Das Datum 2026-02-30 gibt es nicht."),
    ({"start": "2026-12-01T24:00"}, "events.yml:4: e: start: Die Uhrzeit 24:00 gibt es nicht."),
    ({"start": "2026-03-29T02:30", "end": "2026-03-29T04:00"},
     "events.yml:4: e: start: Die Uhrzeit 2:30 Uhr gibt es am 2026-03-29 wegen der Umstellung auf Sommerzeit in Düsseldorf nicht."),
    ({"registration": "https://anmeldung"},
     "events.yml:7: e: registration: „https://anmeldung“ ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft)."),
    ({"registration": "anmeldung@example"},
     "events.yml:7: e: registration: „anmeldung@example“ ist keine gültige E-Mail-Adresse (Beispiel: name@firma.de)."),
    ({"kind": "party"},
     "events.yml:6: e: kind: „party“ ist nicht erlaubt. Erlaubt sind: network-meeting (Netzwerktreffen), workshop (Workshop), consultation (Beratung), other (Veranstaltung)."),
    ({"partners": "[metro, acme]"}, "events.yml:7: e: partners[2]: „acme“ ist keine Kennung aus partners.yml."),
    ({"partners": "[metro, metro]"}, "events.yml:7: e: partners[2]: Der Partner „metro“ steht doppelt in der Liste."),
    ({"partners": "metro"},
     "events.yml:7: e: partners: Hier wird eine Liste von Partner-Kennungen erwartet (jeder Eintrag beginnt mit „- “), nicht der Text „metro“."),
    ({"location": "Rathaus"},
     "events.yml:7: e: location: Hier wird ein Abschnitt mit Feldern erwartet (z. B. „name: …“), nicht der Text „Rathaus“."),
    ({"location": "{address: Marktplatz 1}"},
     "events.yml:7: e: location.name: Das Pflichtfeld „name“ fehlt (Name des Ortes, z. B. „TechHub.K67“)."),
    ({"title": None}, "events.yml:2: e: title: Das Pflichtfeld „title“ fehlt (Titel der Veranstaltung)."),
    ({"datum": "2026-12-01"}, "events.yml:7: e: datum: Unbekanntes Feld „datum“. Erlaubt sind: id, title, start, end, location, description, registration, kind, partners."),
    ({"description": "<b>Fett</b>"}, "events.yml:7: e: description: Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen."),
])
def test_invalid_event_gives_exact_message(fields, expected):
    assert messages(one_event(**fields)) == [expected]


def test_all_day_event_needs_no_end_and_valid_forms_pass():
    assert messages(one_event(start="2026-12-01", end=None)) == []
    assert messages(one_event(start="'2026-12-01T18:00'", end='"2026-12-01T20:00"')) == []
    assert messages(one_event(registration="anmeldung@example.org", partners="[metro]")) == []


def test_ambiguous_autumn_hour_is_read_as_summer_time():
    (event,), _ = load(one_event(start="2026-10-25T02:30", end="2026-10-25T04:00"))
    assert event.start.utcoffset() == dt.timedelta(hours=2) and event.end.utcoffset() == dt.timedelta(hours=1)


def test_empty_and_non_list_files():
    assert messages("") == ["events.yml:1: Datei: -: Die Datei ist leer. Sie muss mit „events:“ beginnen."]
    assert load("events: []\n") == ((), ())
    assert messages("events: keine\n") == ["events.yml:1: Datei: events: „events“ muss eine Liste sein (jeder Eintrag beginnt mit „- id: …“)."]


def test_missing_file_is_an_error(tmp_path):
    _, problems = loader.load_events(tmp_path / "events.yml", IDS)
    assert [p.message for p in problems] == [f"Die Datei {tmp_path / 'events.yml'} wurde nicht gefunden."]


def event(id: str, start, end=None) -> Event:
    return Event(id=id, title=id, start=start, kind="other", end=end)


def at(day: int, hour: int, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=BERLIN)


EVENTS = (
    event("a", at(1, 18), at(1, 20)),
    event("b", dt.date(2026, 10, 10), dt.date(2026, 10, 12)),
    event("c", at(20, 9), at(20, 12)),
    event("d", dt.date(2026, 10, 20)),
)


@pytest.mark.parametrize("today, upcoming, past", [
    (dt.date(2026, 9, 30), ["a", "b", "d", "c"], []),
    (dt.date(2026, 10, 1), ["a", "b", "d", "c"], []),  # running today: still upcoming
    (dt.date(2026, 10, 2), ["b", "d", "c"], ["a"]),
    (dt.date(2026, 10, 12), ["b", "d", "c"], ["a"]),  # last day of a multi-day event
    (dt.date(2026, 10, 13), ["d", "c"], ["b", "a"]),
    (dt.date(2026, 10, 21), [], ["c", "d", "b", "a"]),
])
def test_upcoming_soonest_first_and_past_latest_first(today, upcoming, past):
    assert [e.id for e in model.events.upcoming(EVENTS, today)] == upcoming
    assert [e.id for e in model.events.past(EVENTS, today)] == past
    assert (model.events.next_event(EVENTS, today) or event("-", today)).id == (upcoming[0] if upcoming else "-")


@pytest.mark.parametrize("e, expected", [
    (event("x", at(27, 18, 2), at(27, 20, 2)), "Freitag, 27. Februar 2026, 18:00 bis 20:00 Uhr"),
    (event("x", dt.datetime(2026, 10, 24, 18, tzinfo=BERLIN), dt.datetime(2026, 10, 25, 13, tzinfo=BERLIN)),
     "Samstag, 24. Oktober 2026, 18:00 Uhr, bis Sonntag, 25. Oktober 2026, 13:00 Uhr"),
    (event("x", dt.datetime(2026, 3, 5, 9, 30, tzinfo=BERLIN), dt.datetime(2026, 3, 5, 12, tzinfo=BERLIN)),
     "Donnerstag, 5. März 2026, 9:30 bis 12:00 Uhr"),
    (event("x", dt.date(2022, 12, 5)), "Montag, 5. Dezember 2022"),
    (event("x", dt.date(2026, 12, 3), dt.date(2026, 12, 4)), "Donnerstag, 3. Dezember 2026, bis Freitag, 4. Dezember 2026"),
])
def test_when_in_german(e, expected):
    assert event_words.when_de(e) == expected


def test_build_date_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", "2026-10-01")
    assert clock.build_date() == dt.date(2026, 10, 1)
    monkeypatch.setenv("KLIMAPAKT_TODAY", "1.10.2026")
    with pytest.raises(ValueError, match=r"KLIMAPAKT_TODAY muss ein Datum in der Form JJJJ-MM-TT sein \(z. B. 2026-10-01\), nicht „1.10.2026“."):
        clock.build_date()
    monkeypatch.delenv("KLIMAPAKT_TODAY")
    assert clock.build_date() == dt.datetime.now(BERLIN).date()


@pytest.mark.data
def test_check_command_checks_events_against_partners_beside_it(tmp_path, capsys):
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    shutil.copy(FIXTURES / "events-invalid.yml", tmp_path / "events.yml")
    assert main(["check", str(tmp_path / "events.yml")]) == 1
    out = capsys.readouterr().out
    assert "events.yml:15: unbekannter-partner: partners[2]: „metor“ ist keine Kennung aus partners.yml." in out
    assert out.rstrip().endswith("4 Fehler, 0 Hinweise. Bitte korrigieren.")
    shutil.copy(FIXTURES / "events-valid.yml", tmp_path / "events.yml")
    assert main(["check", str(tmp_path / "events.yml")]) == 0


@pytest.mark.data
def test_check_command_without_file_checks_both(tmp_path, monkeypatch, capsys):
    shutil.copy(ROOT / "partners.yml", tmp_path / "partners.yml")
    shutil.copy(FIXTURES / "events-invalid.yml", tmp_path / "events.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("partners.yml:\n") and "\nevents.yml:\n" in out
    assert "::error file=events.yml,line=6,title=ende-vor-beginn%3A end::" in out
