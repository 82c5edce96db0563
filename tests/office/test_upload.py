"""The workflow „Tabelle übernehmen“ end to end, without GitHub: `python -m klimapakt import-upload` on a
temporary git repository with a committed sheet, as the workflow runs it after checking out the branch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY
from klimapakt.load.loader import load_text
from office_sheets import office_list

IMPORT = FIXTURES / "import"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository like the site's: partners.yml, the logo folder, import/ with its explanation."""
    repo = tmp_path / "website"
    (repo / "docs/assets/partners").mkdir(parents=True)
    (repo / "docs/assets/partners/.gitkeep").write_text("", encoding="utf-8")
    (repo / "import").mkdir()
    (repo / "import/LIESMICH.md").write_text("Tabellen hier hochladen.\n", encoding="utf-8")
    shutil.copy(IMPORT / "partners.yml", repo / "partners.yml")
    git(repo, "init", "--quiet", "--initial-branch", "tabelle-hochladen")
    git(repo, "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "add", ".")
    git(repo, "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "commit", "--quiet", "-m", "Start")
    return repo


def upload(repo: Path, path_in_repo: str, source: Path) -> None:
    """What GitHub's „Upload files“ does: one commit adding the file on the branch."""
    (repo / path_in_repo).write_bytes(source.read_bytes())
    git(repo, "add", path_in_repo)
    git(repo, "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "commit", "--quiet", "-m",
        f"Add files via upload: {path_in_repo}")


def run_upload(repo: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str, str]:
    summary, output = tmp_path / "summary.md", tmp_path / "github_output"
    done = subprocess.run([sys.executable, "-m", "klimapakt", "import-upload", "--repo", str(repo), "--summary",
                           str(summary), "--github-output", str(output)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={"KLIMAPAKT_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"})
    return done, summary.read_text(encoding="utf-8") if summary.exists() else "", output.read_text(encoding="utf-8")


def test_an_uploaded_office_list_is_imported_and_removed_in_one_commit(repo, tmp_path):
    upload(repo, "import/Partnerliste 2026.xlsx", office_list(tmp_path / "liste.xlsx"))
    before = git(repo, "rev-parse", "HEAD").strip()
    done, summary, output = run_upload(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert output == "committed=true\n"
    assert git(repo, "rev-parse", "HEAD^").strip() == before  # exactly one new commit
    assert git(repo, "show", "--name-status", "--format=%s%n%an", "HEAD").splitlines()[:4] == [
        "Tabelle übernommen: Partnerliste 2026.xlsx", "Klimapakt-Import", "",
        "D\timport/Partnerliste 2026.xlsx"] and "M\tpartners.yml" in git(repo, "show", "--name-status", "HEAD")
    assert git(repo, "status", "--porcelain") == ""
    assert not (repo / "import/Partnerliste 2026.xlsx").exists() and (repo / "import/LIESMICH.md").exists()
    loaded = load_text((repo / "partners.yml").read_text(encoding="utf-8"), today=TODAY,
                       logo_dir=repo / "docs/assets/partners")
    assert len(loaded.partners) == 3 + 148 and not [p for p in loaded.problems if p.severity == "error"]
    assert summary.startswith("## Tabelle übernehmen\n\n✅ **Übernommen:** Partnerliste 2026.xlsx. partners.yml ist "
                              "geändert, und die Tabelle ist aus dem Ordner `import/` entfernt")
    assert "Neu: 148, geändert: 0, unverändert: 0." in summary and "Summenzeile: Zeile 154" in summary
    # The job log: workflow commands are off while the summary is printed.
    first, *_, last = done.stdout.splitlines()
    token = first.removeprefix("::stop-commands::")
    assert len(token) == 32 and last == f"::{token}::"


def test_a_sheet_with_nothing_new_is_removed_and_partners_yml_stays(repo, tmp_path):
    (tmp_path / "gleich.csv").write_text("Kennung;Name\nmuster-holzbau;Muster-Holzbau Rhein GmbH\n", encoding="utf-8")
    upload(repo, "import/gleich.csv", tmp_path / "gleich.csv")
    done, summary, output = run_upload(repo, tmp_path)
    assert done.returncode == 0 and output == "committed=true\n"
    assert git(repo, "show", "--name-status", "--format=", "HEAD").splitlines() == ["D\timport/gleich.csv"]
    assert "partners.yml bleibt unverändert (die Tabelle enthält nichts Neues)" in summary


def test_a_sheet_with_an_error_commits_nothing_and_says_what_to_fix(repo, tmp_path):
    (tmp_path / "zwei.csv").write_text("Name;Stand der Teilnahme\nNeu Eins GmbH;Letter of Intent\n", encoding="utf-8")
    upload(repo, "import/zwei.csv", tmp_path / "zwei.csv")
    before = git(repo, "rev-parse", "HEAD")
    done, summary, output = run_upload(repo, tmp_path)
    assert done.returncode == 1 and output == "committed=false\n"
    assert git(repo, "rev-parse", "HEAD") == before and (repo / "import/zwei.csv").exists()
    assert (repo / "partners.yml").read_text(encoding="utf-8") == (IMPORT / "partners.yml").read_text(encoding="utf-8")
    assert "❌ **Nicht übernommen:** zwei.csv. partners.yml bleibt unverändert." in summary
    assert "Die Spalte „Rolle“ fehlt." in summary and "erneut in den Ordner `import/`" in summary


def test_a_branch_without_a_sheet_has_nothing_to_do(repo, tmp_path):
    done, summary, output = run_upload(repo, tmp_path)
    assert done.returncode == 0 and output == "committed=false\n"
    assert "nichts zu tun" in summary and git(repo, "log", "--format=%s") == "Start\n"


def test_a_summary_cannot_break_out_of_its_code_block_or_mention_anyone(repo, tmp_path):
    (tmp_path / "boese.csv").write_text('Name;Rolle;Stand der Teilnahme\n"```\n@octocat [x](https://e.example)";'
                                        'Partnerin;Letter of Intent\n', encoding="utf-8")
    upload(repo, "import/[x](https:__e.example) @octocat.csv", tmp_path / "boese.csv")
    done, summary, _ = run_upload(repo, tmp_path)
    assert done.returncode == 1
    fence = summary.split("\n\n")[2].split("text\n")[0]
    assert len(fence) >= 4 and summary.count(fence) == 2  # longer than the backticks in the text
    headline = summary.split("\n\n")[1]
    assert "\\[x\\]" in headline and "@\u2060octocat" in headline


def test_the_pull_request_check_fails_while_a_sheet_waits_in_import_and_passes_after_the_import(repo, tmp_path):
    def pending():
        return subprocess.run([sys.executable, "-m", "klimapakt", "import-upload", "--repo", str(repo),
                               "--check-pending"], capture_output=True, text=True, timeout=60, cwd=ROOT)

    assert pending().returncode == 0
    upload(repo, "import/Partnerliste 2026.xlsx", office_list(tmp_path / "liste.xlsx"))
    waiting = pending()
    assert waiting.returncode == 1 and waiting.stdout.startswith(
        "Im Ordner import/ liegt noch eine Tabelle (import/Partnerliste 2026.xlsx).")
    assert run_upload(repo, tmp_path)[0].returncode == 0
    assert pending().returncode == 0
