"""The build date (KLIMAPAKT_TODAY) and build timestamp (SOURCE_DATE_EPOCH) come from klimapakt.clock only."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import FIXTURES, ROOT
from klimapakt import clock, demo, exports
from klimapakt.load import loader
from klimapakt.outputs import ical
from klimapakt.render import progress

BERLIN = ZoneInfo("Europe/Berlin")
LOGOS = FIXTURES / "logos"
REGISTRY = """\
partners:
  - id: muster
    name: Testwerk Muster GmbH
    role: partner
    status: letter-of-intent
    logo: ok.svg
    description: Testwerk Muster GmbH stellt Werkzeuge her.
    joined: 2026-10-01
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    monkeypatch.delenv("KLIMAPAKT_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_build_date_is_today_in_duesseldorf_without_the_variable():
    assert clock.build_date() == dt.datetime.now(BERLIN).date()


def test_build_date_comes_from_klimapakt_today(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", " 2026-10-01 ")
    assert clock.build_date() == dt.date(2026, 10, 1)


@pytest.mark.parametrize("raw", ["1.10.2026", "2026-02-30", "2026-1-1", "heute"])
def test_a_bad_klimapakt_today_is_refused_in_german(monkeypatch, raw):
    monkeypatch.setenv("KLIMAPAKT_TODAY", raw)
    with pytest.raises(ValueError) as err:
        clock.build_date()
    assert str(err.value) == f"KLIMAPAKT_TODAY muss ein Datum in der Form JJJJ-MM-TT sein (z. B. 2026-10-01), nicht „{raw}“."


def test_build_timestamp_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock.build_timestamp() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_build_timestamp_without_the_variable_is_now_in_whole_seconds():
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    stamp = clock.build_timestamp()
    assert stamp.tzinfo == dt.timezone.utc and stamp.microsecond == 0
    assert before <= stamp <= dt.datetime.now(dt.timezone.utc)


@pytest.mark.parametrize("raw", ["-1", "1.5", "gestern", "١٢٣", "99999999999999999999", "253402300800"])
def test_a_bad_source_date_epoch_is_refused_in_german(monkeypatch, raw):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", raw)
    with pytest.raises(clock.ClockError) as err:
        clock.build_timestamp()
    assert str(err.value) == ("SOURCE_DATE_EPOCH muss eine ganze Zahl von 0 bis 253402300799 sein (Sekunden seit "
                              f"dem 1. Januar 1970, UTC, z. B. 1700000000), nicht „{raw}“.")


def test_the_last_representable_second_is_accepted(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert clock.build_timestamp().year == 9999


@pytest.mark.parametrize(("name", "raw", "form"), [
    ("KLIMAPAKT_TODAY", "32.13.2026", "JJJJ-MM-TT"),
    ("KLIMAPAKT_TODAY", "2026-12-32\n::error::x", "JJJJ-MM-TT"),
    ("SOURCE_DATE_EPOCH", "1e9", "ganze Zahl"),
    ("SOURCE_DATE_EPOCH", "9" * 30, "ganze Zahl"),
])
def test_check_says_what_form_is_expected_and_exits_1_without_traceback(monkeypatch, capsys, name, raw, form):
    from klimapakt.__main__ import main

    monkeypatch.setenv(name, raw)
    assert main(["check", str(ROOT / "tests/fixtures/events-valid.yml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Fehler: {name} muss") and form in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1  # the value is shown neutralised, on the one line


@pytest.mark.parametrize(("name", "raw"), [("SOURCE_DATE_EPOCH", "gestern"), ("KLIMAPAKT_TODAY", "2026-02-30")])
def test_the_build_stops_with_the_german_message_and_no_traceback(tmp_path, name, raw):
    from conftest import build_site

    result = build_site(ROOT / "partners.yml", tmp_path / "site", **{name: raw})
    assert result.returncode == 1
    assert f"{name} muss" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_events_keeps_the_build_date_under_its_old_name():
    assert clock.build_date is clock.build_date and clock.TZ is clock.TZ


# Every caller that needs "today" or "now" asks the clock.

def test_the_partner_loader_judges_future_dates_by_the_build_date(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", "2026-09-30")
    messages = [p.message for p in loader.load_text(REGISTRY, logo_dir=LOGOS).problems]
    assert messages == ["Das Datum 2026-10-01 liegt in der Zukunft."]
    monkeypatch.setenv("KLIMAPAKT_TODAY", "2026-10-01")
    assert loader.load_text(REGISTRY, logo_dir=LOGOS).problems == ()


def test_the_events_loader_uses_the_build_date(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", "1.10.2026")
    with pytest.raises(ValueError, match="KLIMAPAKT_TODAY muss ein Datum"):
        loader.load_events_text("events:\n", [])


def test_the_progress_page_ends_its_time_series_and_stand_at_the_build_date(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", "2031-03-04")
    partners = loader.load_text(REGISTRY, logo_dir=LOGOS, today=dt.date(2026, 11, 25)).partners
    figures = progress.compute(partners)
    assert figures.over_time[-1].year == 2031
    assert "Stand: 4. März 2031." in progress.render_section("stand", figures, root="", data_href="daten/")


def test_demo_data_is_dated_relative_to_the_build_date(monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TODAY", "2030-01-15")
    assert demo.demo_registry(5) == demo.demo_registry(5, today=dt.date(2030, 1, 15))


def test_calendar_dtstamp_and_export_metadata_come_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    loaded, problems = loader.load_events(FIXTURES / "events-valid.yml",
                                          ["ihk-duesseldorf", "handwerkskammer-duesseldorf"])  # the ids it names
    cal = icalendar.Calendar.from_ical(ical.calendar_bytes(loaded, "https://klimapakt.example.org/"))
    stamps = {e.DTSTAMP for e in cal.walk("VEVENT")}
    assert stamps == {dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)}
    assert exports.generated_now() == "2023-11-14T22:13:20Z"


def test_no_module_reads_the_clock_itself():
    """Only klimapakt/clock.py may ask the system for today or now."""
    sources = [*sorted((ROOT / "klimapakt").rglob("*.py")), ROOT / "hooks.py", ROOT / "macros.py"]
    calls = ("date.today(", "datetime.now(", "utcnow(", "time.time(", "datetime.today(")
    found = [f"{path.relative_to(ROOT)}: {call}" for path in sources if path.name != "clock.py"
             for call in calls if call in path.read_text(encoding="utf-8")]
    assert found == []
