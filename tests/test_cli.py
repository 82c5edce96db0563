"""`python -m klimapakt check|schema|fields`: exit codes, output and GitHub annotations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from klimapakt.exports import schema
from klimapakt.__main__ import main
from klimapakt.report import ERROR, WARNING, Problem, format_text, github_annotation, summary

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOGOS = ROOT / "docs/assets/partners"

VALID = """\
partners:
  - id: acme
    name: Acme GmbH
    role: partner
    status: partner
    description: Acme stellt Werkzeuge her.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "partners.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_of_a_valid_registry_exits_0_and_says_so(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("    description", "    logo: l.svg\n    description"))
    (tmp_path / "l.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    assert main(["check", str(path), "--logo-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "Alles in Ordnung: keine Fehler, keine Hinweise.\n"


def test_check_with_only_warnings_exits_0(tmp_path, capsys):
    assert main(["check", str(write(tmp_path, VALID)), "--logo-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        "Hinweise:\n"
        "  partners.yml:2: acme: Ohne Logo wirkt das Profil leer. Bitte nachtragen, wenn möglich.\n"
        "0 Fehler, 1 Hinweis. Keine Fehler.\n")


def test_check_with_errors_exits_1_and_lists_errors_before_warnings(tmp_path, capsys):
    text = VALID.replace("role: partner", "role: Partner") + "  - id: beta\n    name: Beta\n    role: partner\n    status: partner\n"
    assert main(["check", str(write(tmp_path, text)), "--logo-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().out == (
        "Fehler:\n"
        "  partners.yml:4: acme: role: „Partner“ ist nicht erlaubt. Meinten Sie „partner“? "
        "Erlaubt sind: founding (Initialpartner), partner (Partner).\n"
        "Hinweise:\n"
        "  partners.yml:7: beta: Ohne Logo und Beschreibung wirkt das Profil leer. Bitte nachtragen, wenn möglich.\n"
        "1 Fehler, 1 Hinweis. Bitte korrigieren.\n")


def test_check_of_a_missing_file_exits_1(tmp_path, capsys):
    assert main(["check", str(tmp_path / "fehlt.yml")]) == 1
    assert "fehlt.yml:1: Datei: Die Datei" in capsys.readouterr().out


def test_check_github_prints_annotations_after_the_text(tmp_path, capsys):
    text = VALID.replace("role: partner", "role partner")
    assert main(["check", str(write(tmp_path, text)), "--github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "::error file=partners.yml,line=4,col=5,title=Datei::YAML-Syntaxfehler in Spalte 5: hier fehlt ein "
        "Doppelpunkt. Hinweis: In „role partner“ fehlt nach dem Feldnamen ein Doppelpunkt.")
    assert out[-2] == "1 Fehler, 0 Hinweise. Bitte korrigieren."


def test_check_github_marks_warnings_as_warnings(tmp_path, capsys):
    main(["check", str(write(tmp_path, VALID)), "--github", "--logo-dir", str(tmp_path)])
    assert capsys.readouterr().out.splitlines()[-1] == (
        "::warning file=partners.yml,line=2,title=acme::Ohne Logo wirkt das Profil leer. Bitte nachtragen, wenn möglich.")


def test_github_annotation_escapes_properties_and_message():
    # line breaks from data become „↵“ (klimapakt.neutral) before GitHub's own escaping
    problem = Problem(7, "a:b,c%", "x\r\ny", "50 % weniger,\r\nZiel: 2035", ERROR, "dir:x,y.yml", 3)
    assert github_annotation(problem) == (
        "::error file=dir%3Ax%2Cy.yml,line=7,col=3,title=a%3Ab%2Cc%25%3A x↵y::50 %25 weniger,↵Ziel: 2035")


def test_github_annotation_for_a_warning_without_column():
    problem = Problem(2, "acme", "logo", "Hinweis", WARNING)
    assert github_annotation(problem) == "::warning file=partners.yml,line=2,title=acme%3A logo::Hinweis"


def test_problem_prints_as_file_line_entry_field_message():
    assert str(Problem(12, "acme", "website", "Meldung.")) == "partners.yml:12: acme: website: Meldung."


def test_summary_counts_in_german():
    assert summary([]) == "Alles in Ordnung: keine Fehler, keine Hinweise."
    assert summary([Problem(1, "a", "-", "m", WARNING)] * 2) == "0 Fehler, 2 Hinweise. Keine Fehler."
    assert format_text([Problem(3, "b", "-", "m"), Problem(1, "a", "-", "m")]).splitlines()[1:3] == [
        "  partners.yml:1: a: m", "  partners.yml:3: b: m"]  # "-": the whole entry


# A staff member's edit: a copy of partners.yml with ten typical mistakes.

TEN_MISTAKES = [
    (14, "ihk-duesseldorf", "role", "„Initialpartner“ ist nicht erlaubt. Meinten Sie „founding“?"),
    (27, "handwerkskammer-duesseldorf", "website", "„www.hwk-duesseldorf.de“: Bitte mit https:// beginnen"),
    (36, "kreishandwerkerschaft-duesseldorf", "joined", "„14.10.2021“ ist kein Datum in der Form JJJJ-MM-TT. Meinten Sie 2021-10-14?"),
    (49, "metro", "logo", "Die Logo-Datei „metro.png“ fehlt im Ordner docs/assets/partners/."),
    (56, "siemens", "size", "„groß“ ist nicht erlaubt. Erlaubt sind: micro (Kleinstunternehmen)"),
    (65, "henkel", "webseite", "Unbekanntes Feld „webseite“. Meinten Sie „website“?"),
    (76, "stadtwerke-duesseldorf", "email", "Das Feld „email“ gehört in den Abschnitt „contact“. Ist es richtig eingerückt?"),
    (88, "basf", "agreement.targets[1].reduction_percent", "Hier wird eine Zahl erwartet, nicht der Text „25 %“. "
     "Bitte nur die Zahl ohne Einheit schreiben."),
    (92, "basf", "emissions[1].scope1", "„1.250,5“: Meinen Sie 1250,5 (eintausendzweihundertfünfzig "
     "Komma fünf)? Bitte ohne Tausendertrennzeichen und mit Punkt als Dezimaltrenner schreiben: 1250.5."),
    (94, "metro", "id", "Die Kennung „metro“ ist schon in Zeile 42 vergeben. Jede Kennung darf nur einmal vorkommen."),
]


def test_ten_typical_mistakes_give_ten_clear_messages_in_one_run(capsys):
    assert main(["check", str(FIXTURES / "zehn-fehler.yml"), "--logo-dir", str(LOGOS)]) == 1
    out = capsys.readouterr().out
    errors = out.split("Fehler:\n", 1)[1].split("Hinweise:\n", 1)[0].splitlines()
    assert len(errors) == 10
    for line, (number, entry, field, message) in zip(errors, TEN_MISTAKES):
        assert line.startswith(f"  zehn-fehler.yml:{number}: {entry}: {field}: {message}")
    assert out.splitlines()[-1].startswith("10 Fehler, ")


def test_module_runs_as_a_program():
    result = subprocess.run([sys.executable, "-m", "klimapakt", "check", str(FIXTURES / "zehn-fehler.yml"), "--github",
                             "--logo-dir", str(LOGOS)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert sum(ln.startswith("::error file=zehn-fehler.yml,line=") for ln in result.stdout.splitlines()) == 10


# schema and fields

def test_schema_prints_the_generated_schema(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema.schema_text()


def test_schema_write_and_check(tmp_path, capsys):
    target = tmp_path / "schema" / "partners.schema.json"
    assert main(["schema", "--check", "--output", str(target)]) == 1
    assert main(["schema", "--write", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema.schema_text()
    assert main(["schema", "--check", "--output", str(target)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{target} ist aktuell."


def test_committed_schema_passes_the_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["schema", "--check"]) == 0


def test_fields_prints_the_table(capsys):
    assert main(["fields"]) == 0
    assert capsys.readouterr().out == schema.field_reference_markdown()


def test_fields_write_replaces_only_the_text_between_the_markers(tmp_path, capsys):
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text("# Leitfaden\n\n<!-- fields:start -->\nalt\n<!-- fields:end -->\n\nEnde\n", encoding="utf-8")
    assert main(["fields", "--write", str(guide)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert text == ("# Leitfaden\n\n<!-- fields:start -->\n" + schema.field_reference_markdown()
                    + "<!-- fields:end -->\n\nEnde\n")
    guide.write_text("ohne Markierungen\n", encoding="utf-8")
    assert main(["fields", "--write", str(guide)]) == 1


@pytest.mark.parametrize("argv", [[], ["unbekannt"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
