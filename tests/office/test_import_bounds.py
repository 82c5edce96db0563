"""The import ends for every sheet, keeps every text exactly, and prints no cell raw (issue 19 item 2, issue 25
items 2 and 8).

A Hypothesis property test writes random small sheets (.csv and .xlsx) with random headers and
cells and runs the import under a time bound: it must return an outcome, never hang, never raise.
"""

from __future__ import annotations

import json
import shutil
import threading
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES, ROOT, TODAY
from klimapakt.exports import csv_tables, write_exports, Metadata
from klimapakt.load.loader import load_text
from klimapakt.office.summary import import_files
from klimapakt.office.terminal import neutral

IMPORT = FIXTURES / "import"
LOGOS = ROOT / "docs/assets/partners"
BASE = (IMPORT / "partners.yml").read_text(encoding="utf-8")
BIDI = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
BOUND_SECONDS = 20  # a hang bound, far above the usual run (well under a second)
HEADERS = ["Kennung", "Name", "Rolle", "Stand der Teilnahme", "Beitritt", "Website", "Unternehmen", "Status",
           "Partner-Kennung", "Zieljahr", "Scope 1 (t CO2e)", "Stadtbezirk", "PLZ/Stadtteil", "", "Summe", "x"]
CELLS = st.one_of(st.none(), st.sampled_from(["Partner", "Letter of Intent", "Klimapartner", "muster-holzbau",
                                             "Gesamt", "150", "1.234", "31.02.2024", "Bilk", "=1+1", "'=x"]),
                  st.text(max_size=12), st.integers(-5, 3000), st.floats(allow_nan=False, allow_infinity=False))


def import_within_bound(paths: list[Path], into: Path) -> tuple[int, str]:
    """The import, in a thread joined with a bound: a hang fails the test instead of stalling it."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(import_files(
        paths, into, logo_dir=LOGOS, today=TODAY, dry_run=True)), daemon=True)
    worker.start()
    worker.join(BOUND_SECONDS)
    assert not worker.is_alive(), f"import did not end within {BOUND_SECONDS} s"
    assert result, "import raised"
    return result[0]


def no_controls(text: str) -> bool:
    """No control character (Cc) but the line ends, no bidirectional control."""
    return not any(ch != "\n" and (unicodedata.category(ch) == "Cc" or unicodedata.bidirectional(ch) in BIDI)
                   for ch in text)


def xlsx_cell(value):
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable()) or None  # openpyxl refuses control characters
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(HEADERS), max_size=6),
       rows=st.lists(st.lists(CELLS, max_size=7), max_size=6),
       above=st.lists(st.lists(CELLS, max_size=3), max_size=3),
       form=st.sampled_from(["csv", "xlsx"]), hidden=st.sets(st.integers(1, 12), max_size=3),
       merged=st.booleans())
def test_every_small_sheet_ends_with_a_summary_and_no_exception(tmp_path_factory, header, rows, above, form, hidden,
                                                                merged):
    folder = tmp_path_factory.mktemp("sheet")
    into = folder / "partners.yml"
    shutil.copy(IMPORT / "partners.yml", into)
    table = [*above, header, *rows]
    if form == "csv":
        path = folder / "liste.csv"
        path.write_text("\n".join(";".join("" if c is None else str(c).replace(";", ",").replace('"', "")
                                           for c in row) for row in table), encoding="utf-8")
    else:
        path = folder / "liste.xlsx"
        book = openpyxl.Workbook()
        for row in table:
            book.active.append([xlsx_cell(c) for c in row])
        for number in hidden:  # rows hidden in Excel
            book.active.row_dimensions[number].hidden = True
        if merged:  # a title merged over the first columns
            book.active.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
        book.save(path)
    code, text = import_within_bound([path], into)
    assert code in (0, 1) and text.endswith("\n")
    assert into.read_text(encoding="utf-8") == BASE  # a dry run writes nothing
    assert no_controls(text)


# --- a leading apostrophe, and formula-like texts, round trip exactly

TRICKY = ["'Muster", "'=Summe(A1)", "''=x", "=1+1", "+49 211 000000", "-Minus", "@Bei", "'", "''Zitat''"]


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_the_sites_own_export_imports_back_with_every_apostrophe(tmp_path, form):
    registry = tmp_path / "partners.yml"
    text = "partners:\n" + "".join(
        f"  - id: apostroph-{n}\n    name: {json.dumps(name + ' GmbH')}\n    role: partner\n"
        f"    status: letter-of-intent\n    description: {json.dumps(description + ' ' + TRICKY[-1])}\n"
        f"    contact:\n      role: {json.dumps(TRICKY[-2])}\n"
        for n, (name, description) in enumerate([TRICKY[0:2], TRICKY[2:4], TRICKY[4:6], TRICKY[6:8]]))
    registry.write_text(text, encoding="utf-8")
    original = load_text(text, today=TODAY, logo_dir=LOGOS)
    assert not [p for p in original.problems if p.severity == "error"], original.problems
    write_exports(original.partners, tmp_path / "daten", Metadata("https://example.org/", "Test", "2026-01-01T00:00:00Z"))
    files = ([tmp_path / "daten/partners.xlsx"] if form == "xlsx"
             else [tmp_path / "daten" / table.file for table in csv_tables.tables()])
    empty = tmp_path / "leer.yml"
    empty.write_text("partners: []\n", encoding="utf-8")
    code, summary = import_files(files, empty, logo_dir=LOGOS, today=TODAY, dry_run=False)
    assert code == 0, summary
    imported = load_text(empty.read_text(encoding="utf-8"), today=TODAY, logo_dir=LOGOS).partners
    assert [(p.name, p.description) for p in imported] == [(p.name, p.description) for p in original.partners]
    assert imported[0].name == "'Muster GmbH"
    assert imported == original.partners
    # and a second import of the same export into the result changes nothing
    code, summary = import_files(files, empty, logo_dir=LOGOS, today=TODAY, dry_run=True)
    assert code == 0 and "Neu: 0, geändert: 0, unverändert: 4." in summary


# --- nothing from a cell reaches the terminal raw

HOSTILE = ["\x1b[2J\x1b]0;Titel\x07Muster", "Null\x00Byte", "Zeile\rÜberschrieben", "Eins\nZwei",
           "\n::stop-commands::tok", "\u202eGmbH", "Tab\tGetrennt"]


def test_escape_sequences_nul_and_line_breaks_from_cells_are_neutralised_in_the_summary(tmp_path):
    registry = tmp_path / "partners.yml"
    shutil.copy(IMPORT / "partners.yml", registry)
    path = tmp_path / "boese.csv"
    path.write_text("Kennung;Name;Rolle;Stand der Teilnahme\n" + "".join(
        f'boese-{n};"{name}";Partnerin;Letter of Intent\n' for n, name in enumerate(HOSTILE)), encoding="utf-8")
    code, text = import_files([path], registry, logo_dir=LOGOS, today=TODAY, dry_run=True)
    assert code == 1
    assert not any(ch in text for ch in "\x1b\x00\r\x07\u202e\t") and no_controls(text)
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    assert "Eins↵Zwei" in text and "Null�Byte" in text


@pytest.mark.parametrize("raw, shown", [("a\x1b[31mb", "a�[31mb"), ("a\r\nb", "a↵b"), ("a\x00", "a�"),
                                        ("Straße 1", "Straße 1"), ("\u2066x\u2069", "�x�")])
def test_neutral_marks_every_control_and_keeps_the_rest(raw, shown):
    assert neutral(raw) == shown


def test_an_xlsx_whose_sheet_xml_is_cut_off_is_refused_in_german(tmp_path):
    import zipfile

    from klimapakt.office.sheet import SheetError, read_sheets

    whole, cut = tmp_path / "ganz.xlsx", tmp_path / "kaputt.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Name", "Rolle"])
    book.save(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(cut, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[:len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(SheetError, match="^kaputt.xlsx: Die Datei ist keine lesbare Excel-Arbeitsmappe"):
        read_sheets(cut)
