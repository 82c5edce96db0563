"""Problems found in a registry, and how they are printed for people and for GitHub."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .neutral import neutral  # noqa: F401  (the one neutralisation, exported for the office tools)

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    entry: str  # the partner's id, "Eintrag N" when it has none, or "Datei"
    field: str  # dotted path such as "agreement.targets[1].year", or "-" (the whole entry; never printed)
    message: str  # German, one sentence or two
    severity: str = ERROR
    file: str = "partners.yml"
    column: int = 0  # 1-based; only syntax errors know it

    def __str__(self) -> str:
        return neutral(f"{self.file}:{self.line}: {self.entry}: {self.field}: {self.message}")

    @property
    def where(self) -> str:
        """Entry and field as people read them: only the entry where the message is about all of it."""
        return self.entry if self.field == "-" else f"{self.entry}: {self.field}"

    def text(self) -> str:
        """One line for the terminal and the build log; data in it is neutralised (klimapakt.neutral)."""
        return neutral(f"{self.file}:{self.line}: {self.where}: {self.message}")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == WARNING]


def format_text(problems: list[Problem]) -> str:
    """Errors first, then warnings, then a German summary line."""
    errs, warns = sorted(errors(problems)), sorted(warnings(problems))
    lines: list[str] = []
    if errs:
        lines.append("Fehler:")
        lines += [f"  {p.text()}" for p in errs]
    if warns:
        lines.append("Hinweise:")
        lines += [f"  {p.text()}" for p in warns]
    lines.append(summary(problems))
    return "\n".join(lines)


def summary(problems: list[Problem]) -> str:
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    if not n_err and not n_warn:
        return "Alles in Ordnung: keine Fehler, keine Hinweise."
    verdict = "Bitte korrigieren." if n_err else "Keine Fehler."
    return f"{n_err} Fehler, {n_warn} {'Hinweis' if n_warn == 1 else 'Hinweise'}. {verdict}"


def _escape_data(text: str) -> str:
    # GitHub workflow-command escaping for the message part, after the neutralisation every output gets.
    return neutral(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A workflow command GitHub shows on the pull request's changed line."""
    command = "error" if problem.severity == ERROR else "warning"
    title = _escape_property(problem.where)
    file = _escape_property(problem.file)
    column = f",col={problem.column}" if problem.column else ""
    return f"::{command} file={file},line={problem.line}{column},title={title}::{_escape_data(problem.message)}"


class RegistryError(Exception):
    """Raised by the build when the registry has errors; the text lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("Die Registrierung enthält Fehler:\n" + format_text(problems))
