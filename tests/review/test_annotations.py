"""The annotation budget of `check --github`: GitHub shows 10 errors and 10 warnings per step.

Errors first, warnings only on lines the pull request changed, a last notice with the rest;
every message, without limit, in the job summary ($GITHUB_STEP_SUMMARY) as a table.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from klimapakt.review import annotations
from klimapakt.__main__ import main
from klimapakt.report import ERROR, WARNING, Problem

LOGOS = ROOT / "docs/assets/partners"


def partner(n: int, role: str = "partner") -> str:
    return f"  - id: firma-{n}\n    name: Firma {n} GmbH\n    role: {role}\n    status: partner\n    description: Erfunden.\n"


def registry(count: int, bad: set[int] = frozenset()) -> str:
    return "partners:\n" + "".join(partner(n, "Partner" if n in bad else "partner") for n in range(1, count + 1))


@pytest.fixture
def step_summary(tmp_path, monkeypatch):
    path = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(path))
    return path


def run_check(tmp_path, capsys, text: str, *args: str) -> tuple[int, list[str]]:
    path = tmp_path / "partners.yml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path), "--github", "--logo-dir", str(LOGOS), *args])
    return code, capsys.readouterr().out.splitlines()


def commands(lines: list[str], kind: str) -> list[str]:
    return [line for line in lines if line.startswith(f"::{kind} ")]


def test_15_errors_give_10_annotations_a_notice_and_a_summary_with_all_15(tmp_path, capsys, step_summary):
    code, out = run_check(tmp_path, capsys, registry(15, bad=set(range(1, 16))))
    assert code == 1
    errors = commands(out, "error")
    assert len(errors) == 10
    assert [e.split(",")[1] for e in errors] == [f"line={4 + 5 * n}" for n in range(10)]  # the first ten, in order
    assert out[-1].startswith("::notice title=Weitere Meldungen::5 weitere Fehler stehen nicht an den Zeilen")
    assert "Zusammenfassung dieses Prüflaufs" in out[-1]
    summary = step_summary.read_text(encoding="utf-8")
    rows = [line for line in summary.splitlines() if line.startswith("| partners.yml |")]
    assert len(rows) == 15 and all("| Fehler | firma-" in row for row in rows)
    assert "### Meldungen der Prüfung (15 Fehler, 0 Hinweise)" in summary


def test_warnings_are_annotated_only_on_changed_lines(tmp_path, capsys, step_summary):
    base_text = registry(3).replace("    description: Erfunden.\n", "")  # three „Ohne Logo und Beschreibung“
    base = tmp_path / "base.yml"
    base.write_text(base_text, encoding="utf-8")
    new_text = base_text + partner(4).replace("    description: Erfunden.\n", "")
    code, out = run_check(tmp_path, capsys, new_text, "--base", str(base))
    assert code == 0
    assert commands(out, "warning") == [
        "::warning file=partners.yml,line=14,title=firma-4::Ohne Logo und Beschreibung wirkt das Profil leer. "
        "Bitte nachtragen, wenn möglich."]
    assert out[-1].startswith("::notice title=Weitere Meldungen::3 weitere Hinweise stehen nicht an den Zeilen")
    assert step_summary.read_text(encoding="utf-8").count("| Hinweis | firma-") == 4


def test_a_removed_partner_always_gets_a_slot(tmp_path, capsys):
    base = tmp_path / "base.yml"
    base.write_text(registry(3), encoding="utf-8")
    _, out = run_check(tmp_path, capsys, registry(3).replace(partner(2), ""), "--base", str(base))
    warnings = commands(out, "warning")
    assert len(warnings) == 1 and "title=firma-2::Eintrag „firma-2“ (Firma 2 GmbH) ist nicht mehr da – gewollt?" in warnings[0]


def test_errors_on_changed_lines_come_before_older_errors(tmp_path, capsys):
    base = tmp_path / "base.yml"
    old = registry(13, bad=set(range(1, 13)))  # twelve errors already on the base branch
    base.write_text(old, encoding="utf-8")
    _, out = run_check(tmp_path, capsys, registry(13, bad=set(range(1, 14))), "--base", str(base))
    errors = commands(out, "error")
    assert len(errors) == 10
    assert errors[0].startswith("::error file=partners.yml,line=64,title=firma-13%3A role::")  # the new one
    assert out[-1].startswith("::notice title=Weitere Meldungen::3 weitere Fehler")


def test_without_a_base_every_warning_counts_but_at_most_10(tmp_path, capsys):
    _, out = run_check(tmp_path, capsys, registry(12).replace("    description: Erfunden.\n", ""))
    assert len(commands(out, "warning")) == 10
    assert out[-1].startswith("::notice title=Weitere Meldungen::2 weitere Hinweise")


def test_no_notice_when_everything_fits(tmp_path, capsys):
    _, out = run_check(tmp_path, capsys, registry(2, bad={1}))
    assert len(commands(out, "error")) == 1 and not commands(out, "notice")


def test_no_message_prints_a_dash_as_field(tmp_path, capsys, step_summary):
    _, out = run_check(tmp_path, capsys, registry(1).replace("    description: Erfunden.\n", "") + "  - kaputt\n")
    text = "\n".join(out)
    assert ": -:" not in text and "%3A -" not in text
    assert "  partners.yml:2: firma-1: Ohne Logo und Beschreibung wirkt das Profil leer." in text
    assert "::warning file=partners.yml,line=2,title=firma-1::Ohne Logo" in text
    table = step_summary.read_text(encoding="utf-8")
    assert "| partners.yml | 2 | Hinweis | firma-1 | (ganzer Eintrag) | Ohne Logo und Beschreibung" in table
    assert "| - |" not in table


def test_the_table_escapes_data():
    problem = Problem(3, "a|b", "name", "Der Text „x | <img src=x>“ ist falsch.", ERROR)
    table = annotations.summary_table([problem, Problem(1, "Datei", "-", "Leer.", WARNING)])
    rows = table.splitlines()[-2:]
    assert rows[0] == ("| partners.yml | 3 | Fehler | a&#124;b | name | Der Text „x &#124; &#60;img src=x&#62;“ "
                       "ist falsch. |")
    assert rows[1] == "| partners.yml | 1 | Hinweis | Datei | (ganze Datei) | Leer. |"


def test_only_githubs_size_limit_cuts_the_table_short():
    problems = [Problem(n, f"firma-{n}", "-", "Ohne Logo wirkt das Profil leer.", WARNING) for n in range(1, 201)]
    assert annotations.summary_table(problems).count("| Hinweis |") == 200
    short = annotations.summary_table(problems, max_bytes=2000)
    rows = short.count("| Hinweis |")
    assert 0 < rows < 200 and len(short.encode()) < 2000 + 300
    assert f"{200 - rows} weitere Meldungen passen nicht mehr in diese Zusammenfassung" in short


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("a\nb\nc", "a\nb\nc", set()),
    ("a\nb\nc", "a\nx\nb\nc", {2}),  # inserted
    ("a\nb\nc", "a\nB\nc", {2}),  # replaced
    ("a\nb\nc\nd", "a\nd", set()),  # deleted: no line left to show it at
    ("a\nb\nc\nd", "a\nX\nd", {2}),
    ("x: 1\nx: 1\ny", "x: 1\nx: 1\nx: 1\ny", {3}),  # a repeated line, no anchor
    ("", "a\nb", {1, 2}),
])
def test_changed_lines(old, new, expected):
    assert annotations.changed_lines(old, new) == expected


def test_changed_lines_finds_one_change_among_5000_partners():
    lines = [f"  - id: firma-{n}\n    role: partner\n    status: partner" for n in range(5000)]
    old = "\n".join(lines)
    lines[2500] = lines[2500].replace("role: partner", "role: founding")
    assert annotations.changed_lines(old, "\n".join(lines)) == {7502}
