"""`python -m klimapakt import-upload`: the logic of the workflow „Tabelle übernehmen“ (.github/workflows/import.yml).

Staff upload an .xlsx or .csv file through GitHub's web interface into the folder `import/` on a
new branch and open a pull request. The workflow checks the branch out and runs this command:
it imports every sheet committed in `import/` into partners.yml with every rule of `check`, and,
when all is well, removes the sheets and commits the new partners.yml in ONE commit (the sheet is
never published: it lies outside docs/, and it leaves the branch with the import). With an error
nothing is committed and the sheet stays, to be replaced by a corrected one. Either way the German
summary is written as Markdown for the job summary and the pull request's comment.

The command only commits; the workflow pushes (to the pull request's branch, never to main).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import vocabulary
from ..load.registries import PARTNERS
from .monitoring_md import md
from .sheet import SUFFIXES
from .summary import import_files
from .terminal import neutral

IMPORT_DIR = "import"
BOT_NAME = "Klimapakt-Import"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"  # GitHub's own bot address
GIT_TIMEOUT = 60
MAX_SHEETS = 10
TEXT_LIMIT = 50_000  # characters of the import's summary in the comment; the job log has all of it


class UploadError(Exception):
    """git failed or the folder is not what it should be; the message is German."""


@dataclass(frozen=True)
class Upload:
    code: int  # 0: imported and committed (or nothing to do), 1: errors, nothing committed
    summary: str  # German Markdown
    committed: bool
    log: str = ""  # the import's whole summary, for the job log (the comment may hold only a part)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", BOT_NAME),
           "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", BOT_EMAIL),
           "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME", BOT_NAME),
           "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL", BOT_EMAIL)}
    done = subprocess.run(["git", "-C", str(repo), "-c", "core.hooksPath=/dev/null", *args], capture_output=True,
                          text=True, timeout=GIT_TIMEOUT, env=env)
    if done.returncode != 0:
        raise UploadError(f"git {args[0]} ist fehlgeschlagen: {neutral(done.stderr.strip())[:300]}")
    return done.stdout


def committed_sheets(repo: Path) -> list[str]:
    """The spreadsheets committed directly in import/ (paths relative to the repository), sorted."""
    names = git(repo, "ls-files", "-z", "--", f"{IMPORT_DIR}/").split("\0")
    return sorted(name for name in names if name and name.count("/") == 1 and Path(name).suffix.lower() in SUFFIXES
                  and (repo / name).is_file() and not (repo / name).is_symlink())


def fence(text: str) -> str:
    """A code fence longer than any run of backticks in the text, so the text cannot end it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def bounded(text: str, limit: int = TEXT_LIMIT) -> str:
    """The text cut at a line below `limit` characters, with a note: a PR comment holds at most 65,536."""
    if len(text) <= limit:
        return text
    cut = text[:text.rfind("\n", 0, limit) + 1]
    return cut + f"… gekürzt ({len(text.splitlines()) - len(cut.splitlines())} weitere Zeilen im Protokoll des Laufs)\n"


def markdown(headline: str, text: str, advice: str) -> str:
    text = bounded(text)
    marks = fence(text)
    return f"## Tabelle übernehmen\n\n{headline}\n\n{marks}text\n{text}{marks}\n\n{advice}\n"


def run_upload(repo: Path, today: dt.date) -> Upload:
    sheets = committed_sheets(repo)
    if not sheets:
        return Upload(0, f"## Tabelle übernehmen\n\nIm Ordner `{IMPORT_DIR}/` liegt keine Tabelle (.xlsx oder .csv): "
                         "nichts zu tun.\n", False)
    if len(sheets) > MAX_SHEETS:
        return Upload(1, f"## Tabelle übernehmen\n\nIm Ordner `{IMPORT_DIR}/` liegen {len(sheets)} Tabellen; "
                         f"höchstens {MAX_SHEETS} werden auf einmal übernommen. Bitte aufteilen.\n", False)
    registry = repo / PARTNERS.file
    code, text = import_files([repo / name for name in sheets], registry, logo_dir=repo / vocabulary.LOGO_DIR,
                              today=today, dry_run=False, local=False)
    names = ", ".join(md(neutral(Path(name).name)) for name in sheets)
    if code != 0:
        return Upload(1, markdown(f"❌ **Nicht übernommen:** {names}. partners.yml bleibt unverändert.", text,
                                  "Bitte die Tabelle korrigieren und erneut in den Ordner `import/` dieses Zweigs "
                                  "hochladen (gleicher Dateiname: Sie ersetzt die alte). Der Import läuft dann "
                                  "von selbst noch einmal."), False, text)
    git(repo, "rm", "--quiet", "--", *sheets)
    git(repo, "add", "--", PARTNERS.file)
    changed = PARTNERS.file in git(repo, "diff", "--cached", "--name-only", "--", PARTNERS.file).split("\n")
    git(repo, "commit", "--quiet", "-m", f"Tabelle übernommen: {', '.join(neutral(Path(n).name) for n in sheets)}", "-m",
        "Automatisch durch den Workflow „Tabelle übernehmen“ (python -m klimapakt import-upload); "
        "die hochgeladene Tabelle ist mit diesem Commit entfernt.")
    result = ("partners.yml ist geändert" if changed
              else "partners.yml bleibt unverändert (die Tabelle enthält nichts Neues)")
    return Upload(0, markdown(f"✅ **Übernommen:** {names}. {result}, und die Tabelle ist aus dem Ordner "
                              f"`{IMPORT_DIR}/` entfernt (ein Commit in diesem Pull Request).", text,
                              "Bitte die Änderungen unter „Files changed“ ansehen: Stimmen die neuen Kennungen und "
                              "die erkannten Spalten? Dann den Pull Request zur Prüfung freigeben."), True, text)


def pending_message(repo: Path) -> str:
    """"" when import/ holds no sheet; else why the pull request may not be merged yet (German): a sheet
    left there would reach main, and the repository is public."""
    sheets = committed_sheets(repo)
    if not sheets:
        return ""
    names = ", ".join(neutral(name) for name in sheets)
    return (f"Im Ordner {IMPORT_DIR}/ liegt noch eine Tabelle ({names}). Sie wird mit dem Workflow „Tabelle "
            "übernehmen“ in partners.yml übernommen und dabei entfernt; bitte dessen Kommentar im Pull Request "
            "abwarten und Fehler in der Tabelle beheben. Eine Tabelle darf nicht nach main gelangen.")


def workflow_log(text: str) -> str:
    """The text for a GitHub Actions log with workflow commands switched off around it: a file name or cell
    that begins a line with `::` stays text (the token is random, so the text cannot switch them on)."""
    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n{text}{'' if text.endswith(chr(10)) else chr(10)}::{token}::\n"
