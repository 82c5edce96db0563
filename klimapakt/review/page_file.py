"""`python -m klimapakt check docs/….md`: one page or post, checked as the whole check would (links to
the other pages and to the partners of the partners.yml beside docs/ included)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from .. import clock
from ..load import loader
from ..load.registries import FIGURES, PARTNERS
from ..pages.check import page_problems
from ..report import ERROR, Problem, errors, format_text
from . import annotations as github_annotations


def run(file: str, *, github: bool, environ: Mapping[str, str], out: TextIO | None = None) -> int:
    out = out or sys.stdout
    path = Path(file).absolute()
    docs = next((folder for folder in path.parents if folder.name == "docs"), None)
    if docs is None or not path.is_file():
        problems = [Problem(1, "Datei", "-", f"„{file}“ ist keine Seite im Ordner docs/.", ERROR, Path(file).name)]
    else:
        shown = f"docs/{path.relative_to(docs).as_posix()}"
        figures = Path(environ.get(FIGURES.env) or docs.parent / FIGURES.file)
        problems = [p for p in page_problems(docs, partner_ids(docs.parent, environ), clock.build_date(),
                                             figure_ids(figures)) if p.file == shown]
    print(format_text(problems), file=out)
    if github:
        for line in github_annotations.annotation_lines(problems, lambda problem: True):
            print(line, file=out)
    return 1 if errors(problems) else 0


def partner_ids(root: Path, environ: Mapping[str, str]) -> list[str]:
    """The ids a profile link may name; none when partners.yml cannot be read (its own check says why)."""
    path = Path(environ.get(PARTNERS.env) or root / PARTNERS.file)
    text, problem = loader.read_source(path, path.name)
    return [] if problem else [p.id for p in loader.load_text(text, file=path.name, logo_dir=root / "docs/assets/partners").partners]


def figure_ids(path: Path) -> list[str] | None:
    """The ids of kennzahlen.yml a page may cite; None when it cannot be read (its own check says why)."""
    if not path.exists() and not path.is_symlink():
        return None
    text, problem = loader.read_source(path, path.name)
    return None if problem else [f.id for f in loader.load_text(text, file=path.name, registry=FIGURES).records]
