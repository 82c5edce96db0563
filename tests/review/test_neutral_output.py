"""Data can never form a workflow command or a terminal escape: file names, paths and values pass
through the one neutralisation (klimapakt.neutral) in `check`, its annotations, the job summary and
the build log."""

from __future__ import annotations

import pytest

from klimapakt.__main__ import main
from klimapakt.neutral import cut_to_bytes, neutral
from klimapakt.report import ERROR, Problem, RegistryError, github_annotation
from klimapakt.review import annotations

FORGERIES = [
    "x\n::stop-commands::abc",
    "x\r::add-mask::geheim",
    "x\r\n::error file=partners.yml,line=1::gefälscht",
    "x\u2028::warning::y",
    "x\x85::notice::y",
    "\x1b[2J\x1b[31mrot",
    "a ##[error]gefälscht",
    "::stop-commands::abc",
]
OWN_COMMANDS = ("::error file=", "::warning file=", "::notice title=Weitere Meldungen::")


def forged_command(line: str) -> bool:
    """A line GitHub's runner would read as a command that we did not write, or one with escapes."""
    stripped = line.lstrip()
    if stripped.startswith("::") and not stripped.startswith(OWN_COMMANDS):
        return True
    return "::stop-commands::" in line or "::add-mask::" in line or "##[" in line or "\x1b" in line


@pytest.mark.parametrize("text", FORGERIES)
def test_neutral_text_is_one_line_without_command_openers_or_escapes(text):
    shown = neutral(text)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown and "\u2028" not in shown
    assert "::" not in shown and "##[" not in shown
    assert neutral(shown) == shown


def test_neutral_keeps_ordinary_text():
    text = "partners.yml:12: muster-gmbh: website: „https://www.müller.example/a?b=1“ ist 100 % gut."
    assert neutral(text) == text
    assert neutral("a\nb") == "a↵b" and neutral("a\r\nb") == "a↵b" and neutral("a\x00b") == "a\ufffdb"


@pytest.mark.parametrize("text", FORGERIES)
def test_annotations_text_and_build_log_neutralise_file_entry_and_message(text):
    problem = Problem(1, f"e{text}", f"f{text}", f"Meldung {text}", ERROR, f"docs/assets/partners/{text}.svg")
    for output in (github_annotation(problem), problem.text(), str(problem), str(RegistryError([problem]))):
        assert not any(forged_command(line) for line in output.splitlines())
    assert len(github_annotation(problem).splitlines()) == 1


def test_a_logo_whose_name_forges_commands_is_reported_without_forming_one(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    logos = tmp_path / "docs/assets/partners"
    logos.mkdir(parents=True)
    (logos / "a\n::stop-commands::tok\n::add-mask::x\x1b[31m.svg").write_text("<svg/>", encoding="utf-8")
    (logos / "b\r\n::error file=x::y.png").symlink_to(tmp_path / "partners.yml")
    (tmp_path / "partners.yml").write_text(
        "partners:\n  - id: firma-1\n    name: Firma 1 GmbH\n    role: partner\n    status: partner\n"
        "    description: Erfunden.\n", encoding="utf-8")
    code = main(["check", str(tmp_path / "partners.yml"), "--github"])
    out = capsys.readouterr().out
    assert code == 1
    assert not [line for line in out.splitlines() if forged_command(line)]
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2 and all("stop-commands" not in e or ": :stop-commands: :" in e for e in errors)
    table = summary.read_text(encoding="utf-8")
    assert not [line for line in table.splitlines() if forged_command(line)]
    assert "stop-commands" in table  # still named, so staff find the file


def test_the_job_summary_stays_under_githubs_limit_with_a_note_where_it_was_cut():
    text = "".join(f"| Zeile {n} | {'x' * 200} |\n" for n in range(10_000))
    cut = annotations.bounded_summary(text)
    assert len(cut.encode()) <= 1024 * 1024
    assert cut.rstrip().endswith(annotations.CUT_NOTE)
    assert cut.split("\n" + annotations.CUT_NOTE)[0].endswith("|\n")  # cut at a line end
    assert annotations.bounded_summary("kurz\n") == "kurz\n"
    assert cut_to_bytes("ä" * 100, 50, "…") .encode().__len__() <= 50


def test_the_summary_counts_what_the_step_already_wrote():
    text = "x\n" * 400_000
    assert len(annotations.bounded_summary(text, already=600_000).encode()) <= 1024 * 1024 - 600_000


def test_undecodable_and_escape_bytes_in_file_names_reach_no_output_raw(tmp_path):
    """A name's bytes that are not UTF-8 would be written back raw (surrogate escapes): they become „�“."""
    import os
    import subprocess
    import sys

    (tmp_path / "docs/assets/partners").mkdir(parents=True)
    (tmp_path / "partners.yml").write_text(
        "partners:\n  - id: firma-1\n    name: Firma 1 GmbH\n    role: partner\n    status: partner\n"
        "    description: Erfunden.\n", encoding="utf-8")
    root = os.fsencode(tmp_path)
    (open(os.path.join(root, b"docs/assets/partners/\xff\x1b[31m.svg"), "w")).close()
    (open(os.path.join(root, b"docs/a\n::stop-commands::b\xfe.md"), "w")).close()
    result = subprocess.run([sys.executable, "-m", "klimapakt", "check", str(tmp_path / "partners.yml"), "--github"],
                            capture_output=True, timeout=120)
    assert result.returncode == 1 and result.stderr == b""
    out = result.stdout.decode("utf-8")  # strict: no raw byte got through
    assert "\x1b" not in out and not [line for line in out.splitlines() if forged_command(line)]
    assert out.count("::error file=docs/") == 2  # the page and the logo, each by its name
