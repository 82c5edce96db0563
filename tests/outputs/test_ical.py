"""The iCalendar feed and per-event files, read back with the icalendar parser."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import FIXTURES
from klimapakt import model
from klimapakt.load import loader
from klimapakt.outputs import ical

BERLIN = ZoneInfo("Europe/Berlin")
SITE = "https://klimapakt.example.org/"
STAMP = dt.datetime(2026, 11, 25, 6, 30, tzinfo=dt.timezone.utc)
PARTNER_IDS = ["ihk-duesseldorf", "handwerkskammer-duesseldorf"]  # the ids the fixture events name


@pytest.fixture(scope="module")
def fixture_events() -> tuple[model.Event, ...]:
    loaded, problems = loader.load_events(FIXTURES / "events-valid.yml", PARTNER_IDS)
    assert problems == ()
    return loaded


@pytest.fixture(scope="module")
def parsed(fixture_events) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ical.calendar_bytes(fixture_events, SITE, stamp=STAMP))


def vevents(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_has_the_rfc5545_frame(parsed):
    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"] == "-//Klimapakt Düsseldorf//Veranstaltungen//DE"
    assert parsed["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert parsed.get_missing_tzids() == set()
    assert all(not component.errors for component in parsed.walk())


def test_every_event_is_in_the_calendar_with_stable_uid_and_utc_dtstamp(fixture_events, parsed):
    by_uid = vevents(parsed)
    assert set(by_uid) == {f"{e.id}@klimapakt.example.org" for e in fixture_events}
    for event in fixture_events:
        component = by_uid[f"{event.id}@klimapakt.example.org"]
        assert component["SUMMARY"] == event.title
        assert component["URL"] == f"{SITE}veranstaltungen/#{event.id}"
        assert component.DTSTAMP == STAMP
        assert component["DTSTAMP"].to_ical().endswith(b"Z")
        assert component.categories == [event.kind_label]
    again = icalendar.Calendar.from_ical(ical.calendar_bytes(reversed(fixture_events), SITE, stamp=STAMP + dt.timedelta(days=1)))
    assert set(vevents(again)) == set(by_uid)  # UIDs do not depend on order or build time


def test_timed_events_keep_local_time_in_europe_berlin(fixture_events, parsed):
    by_uid = vevents(parsed)
    for event in (e for e in fixture_events if not e.all_day):
        component = by_uid[f"{event.id}@klimapakt.example.org"]
        assert component["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert component.start == event.start and component.end == event.end
        assert str(component.start.tzinfo) == "Europe/Berlin"


def test_event_across_the_daylight_saving_change_keeps_its_local_time(parsed):
    component = vevents(parsed)["test-treffen-zeitumstellung@klimapakt.example.org"]
    start, end = component.start, component.end
    assert (start.hour, start.minute, end.hour, end.minute) == (18, 0, 13, 0)
    assert start.utcoffset() == dt.timedelta(hours=2)  # still summer time
    assert end.utcoffset() == dt.timedelta(hours=1)  # winter time again
    utc = dt.timezone.utc  # (same-zone subtraction in Python ignores the offsets)
    assert end.astimezone(utc) - start.astimezone(utc) == dt.timedelta(hours=20)  # 19 h on the clock + the repeated hour
    raw = parsed.to_ical()
    assert b"DTSTART;TZID=Europe/Berlin:20261024T180000" in raw
    assert b"DTEND;TZID=Europe/Berlin:20261025T130000" in raw
    # The VTIMEZONE knows the change, so any client computes the same instants.
    tz = parsed.walk("VTIMEZONE")[0].to_tz()
    assert dt.datetime(2026, 10, 25, 13, tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime(2026, 10, 24, 18, tzinfo=tz).utcoffset() == dt.timedelta(hours=2)


def test_all_day_events_are_dates_with_exclusive_end(parsed):
    component = vevents(parsed)["test-beratungstage@klimapakt.example.org"]
    assert component["DTSTART"].params["VALUE"] == "DATE"
    assert (component.start, component.end) == (dt.date(2026, 12, 3), dt.date(2026, 12, 5))


def test_single_day_all_day_event_without_end_lasts_one_day():
    event = model.Event(id="x", title="X", start=dt.date(2022, 12, 5), kind="network-meeting")
    component = icalendar.Calendar.from_ical(ical.event_bytes(event, SITE, stamp=STAMP)).walk("VEVENT")[0]
    assert (component.start, component.end) == (dt.date(2022, 12, 5), dt.date(2022, 12, 6))


def test_location_registration_and_description(parsed):
    component = vevents(parsed)["test-workshop-herbst@klimapakt.example.org"]
    assert component["LOCATION"] == "Testhaus, Teststraße 1, 40210 Düsseldorf"
    assert component["DESCRIPTION"] == (
        "Ein erfundener Workshop für die Tests.\n\nAnmeldung: https://anmeldung.example.org/workshop"
        f"\n\nMehr: {SITE}veranstaltungen/#test-workshop-herbst")


def test_per_event_file_holds_that_event_only(fixture_events):
    event = fixture_events[1]
    cal = icalendar.Calendar.from_ical(ical.event_bytes(event, SITE, stamp=STAMP))
    assert list(vevents(cal)) == [f"{event.id}@klimapakt.example.org"]
    assert cal.calendar_name == event.title
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert ical.event_file_path(event) == f"veranstaltungen/{event.id}.ics"


def test_calendar_without_timed_events_has_no_vtimezone():
    event = model.Event(id="x", title="X", start=dt.date(2022, 12, 5), kind="network-meeting")
    assert icalendar.Calendar.from_ical(ical.calendar_bytes([event], SITE)).walk("VTIMEZONE") == []


def test_text_lines_are_crlf_and_folded_at_75_octets(fixture_events):
    raw = ical.calendar_bytes(fixture_events, SITE, stamp=STAMP)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
