"""`python -m klimapakt check`: which files, their problems, the comparison with a base version, the output.

Without a file argument the check reads what the build reads: each registry's file, or the one
its environment variable names (`KLIMAPAKT_REGISTRY`, `KLIMAPAKT_EVENTS`, `KLIMAPAKT_FIGURES`, as
mkdocs.yml's `extra` does), with the logos in docs/assets/partners. `--base REF` compares each file with its
version at a git revision (or with a file or folder) and lists what the pull request changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .. import clock, vocabulary
from ..load import loader
from ..load.registries import FIGURES, PARTNERS, Registry, declared_files, registry_for
from ..mdtext import markdown_text
from ..pages.check import page_problems
from ..report import Problem, errors, format_text
from ..rules import logos
from ..source.context import printable
from . import annotations as github_annotations
from . import changes, page_file

GIT_TIMEOUT = 60


@dataclass(frozen=True)
class CheckedFile:
    """One file to check, and where the files around it are."""

    path: Path
    holds: Registry
    partners: Path  # the partners file (events name its partners)
    root: Path  # the folder with docs/ and the logos
    figures: Path | None = None  # the figures file the pages cite (None: kennzahlen.yml in root)

    @property
    def is_partners(self) -> bool:
        return self.holds is PARTNERS

    @property
    def kind(self) -> changes.ChangeKind:
        return changes.KINDS.get(self.holds.name) or changes.ChangeKind(self.holds.file)


@dataclass
class Result:
    target: CheckedFile
    text: str | None  # None when the file could not be read
    records: tuple[Any, ...]
    problems: list[Problem]
    changes: changes.Changes | None = None
    changed_lines: frozenset[int] | None = None  # None: no base, every line counts as changed
    note: str = ""  # why there is no comparison
    accident: list[Problem] = field(default_factory=list)


def targets(file: str | None, environ: Mapping[str, str], cwd: Path) -> list[CheckedFile]:
    if file:  # one file, with partners.yml and docs/ beside it; events*.yml, kennzahlen*.yml by their names
        path = Path(file)
        folder = path.absolute().parent  # not resolve(): a symlinked file is refused, not followed
        holds = registry_for(path.name)
        return [CheckedFile(path, holds, path if holds is PARTNERS else folder / PARTNERS.file, folder)]
    partners = Path(environ.get(PARTNERS.env) or PARTNERS.file)
    figures = Path(environ.get(FIGURES.env) or FIGURES.file)
    return [CheckedFile(path, registry, partners, cwd, figures) for registry, path in declared_files(environ, Path())]


def check_file(target: CheckedFile, logo_dir: Path | None, partner_ids: Iterable[str] | None = None) -> Result:
    """Problems and records of one file; a file that refers to partners (events) is checked against
    `partner_ids` (read from its partners file when not given)."""
    name = target.path.name
    text, problem = loader.read_source(target.path, name)
    if problem:
        return Result(target, None, (), [problem])
    references = {}
    if "partners" in target.holds.references:
        references["partners"] = partner_ids if partner_ids is not None else [p.id for p in load_partners(target, logo_dir)]
    loaded = loader.load_text(text, file=name, logo_dir=logo_path(target, logo_dir), registry=target.holds,
                              references=references)
    if not target.is_partners:
        return Result(target, text, loaded.records, list(loaded.problems))
    docs = target.root / "docs"
    docs_problems = (logos.docs_problems(docs, [p.logo for p in loaded.partners if p.logo])
                     if docs.is_dir() or docs.is_symlink() else [])
    theme_problems = logos.folder_tree_problems(target.root / "overrides")
    figures = page_file.figure_ids(target.figures or target.root / FIGURES.file)
    pages = page_problems(docs, [p.id for p in loaded.partners], clock.build_date(), figures) if docs.is_dir() else []
    return Result(target, text, loaded.partners, [*loaded.problems, *docs_problems, *theme_problems, *pages])


def check_all(found: list[CheckedFile], logo_dir: Path | None) -> list[Result]:
    """Partners first, so that the events are checked against the partners just read."""
    results: list[Result] = []
    for target in found:
        checked = [r for r in results if r.target.is_partners and r.target.path == target.partners]
        ids = [p.id for p in checked[0].records] if checked else None
        results.append(check_file(target, logo_dir, ids))
    return results


def logo_path(target: CheckedFile, logo_dir: Path | None) -> Path:
    return logo_dir or target.root / vocabulary.LOGO_DIR


def load_partners(target: CheckedFile, logo_dir: Path | None) -> tuple[Any, ...]:
    """The partners an events file may name (their own check reports their problems)."""
    text, problem = loader.read_source(target.partners, target.partners.name)
    return () if problem else loader.load_text(text, file=target.partners.name, logo_dir=logo_path(target, logo_dir)).partners


# The base version -------------------------------------------------------------------------------

def read_base(ref: str, target: CheckedFile) -> tuple[str | None, str]:
    """The file's text at `ref` (a git revision, or a file or folder), or None and why not (German)."""
    as_path = Path(ref)
    if as_path.is_dir():
        as_path = as_path / target.path.name
    if as_path.is_file():
        text, problem = loader.read_source(as_path, as_path.name)
        return (None, problem.message) if problem else (text, "")
    return git_show(ref, target.path)


def git_show(ref: str, path: Path) -> tuple[str | None, str]:
    if ref.startswith("-"):  # git would read it as an option
        return None, "das ist weder eine Datei noch eine Git-Revision."
    try:
        done = subprocess.run(["git", "show", f"{ref}:./{path.name}"], cwd=path.absolute().parent,
                              capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as err:
        return None, f"Git ließ sich nicht aufrufen ({type(err).__name__})."
    if done.returncode != 0:
        reason = printable(done.stderr.decode("utf-8", "replace").strip().split("\n")[0][:200])
        return None, f"{path.name} gibt es dort nicht, oder Git kennt diese Revision nicht" + (f" ({reason})." if reason else ".")
    if len(done.stdout) > vocabulary.MAX_FILE_BYTES:
        return None, f"{path.name} ist dort zu groß zum Vergleichen."
    try:
        return done.stdout.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, f"{path.name} ist dort nicht UTF-8-kodiert."


def base_records(text: str, target: CheckedFile, logo_dir: Path | None, partner_ids: set[str]) -> tuple[Any, ...]:
    # base events may name partners of the base or of the new version
    references = {"partners": partner_ids} if "partners" in target.holds.references else {}
    return loader.load_text(text, file=target.path.name, logo_dir=logo_path(target, logo_dir), registry=target.holds,
                            references=references).records


def compare_with_base(results: list[Result], ref: str, logo_dir: Path | None) -> None:
    """Fill in each result's changes against `ref`; add the warnings about possible accidents."""
    partner_ids = {p.id for r in results if r.target.is_partners for p in r.records}
    for result in results:  # partners first: the base events may name base partners
        if result.text is None:
            result.note = "Die Datei ließ sich nicht lesen; die Änderungsübersicht folgt, sobald sie lesbar ist."
            continue
        old_text, why = read_base(ref, result.target)
        if old_text is None:
            result.note = f"Kein Vergleich mit „{printable(ref)}“ möglich: {why}"
            continue
        old = base_records(old_text, result.target, logo_dir, partner_ids)
        if result.target.is_partners:
            partner_ids |= {p.id for p in old}
        result.changed_lines = github_annotations.changed_lines(old_text, result.text)
        if not result.records and errors(result.problems):
            result.note = "Die Datei enthält Fehler, die das Lesen verhindern; die Änderungsübersicht folgt, sobald sie behoben sind."
            continue
        unreadable = {p.entry for p in errors(result.problems)}
        result.changes, result.accident = changes.compare(old, result.records, result.target.kind, unreadable=unreadable)
        result.problems += result.accident


# Output ------------------------------------------------------------------------------------------

def run(file: str | None, *, base: str | None, github: bool, logo_dir: str | None,
        environ: Mapping[str, str] = os.environ, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if file and file.endswith(".md"):  # a page or a post
        return page_file.run(file, github=github, environ=environ, out=out)
    logos_at = Path(logo_dir) if logo_dir else None
    results = check_all(targets(file, environ, Path.cwd()), logos_at)
    if base:
        compare_with_base(results, base, logos_at)
    several = len(results) > 1
    for result in results:
        print((f"{result.target.path}:\n" if several else "") + format_text(result.problems), file=out)
        if base:
            print(result.note or changes.render_text(result.changes, base), file=out)
    if github:
        problems = [p for r in results for p in r.problems]
        for line in github_annotations.annotation_lines(problems, changed_test(results)):
            print(line, file=out)
        write_step_summary(results, base, environ)
    return 1 if any(errors(r.problems) for r in results) else 0


def changed_test(results: list[Result]) -> Callable[[Problem], bool]:
    """Messages about a possible accident always count as changed: they are about the change."""
    accidents = {p for r in results for p in r.accident}
    on_line = github_annotations.on_changed_line({r.target.path.name: r.changed_lines for r in results})
    return lambda problem: problem in accidents or on_line(problem)


def write_step_summary(results: list[Result], base: str | None, environ: Mapping[str, str]) -> None:
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    parts = []
    if base:
        parts.append(changes.render_markdown([r.changes for r in results if r.changes], base))
        parts += [f"{r.target.path.name}: {markdown_text(r.note)}\n" for r in results if r.note]
    parts.append(github_annotations.summary_table([p for r in results for p in r.problems]))
    already = os.path.getsize(path) if os.path.isfile(path) else 0
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(github_annotations.bounded_summary("\n".join(parts) + "\n", already))

