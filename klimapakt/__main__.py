"""Command line: `python -m klimapakt check [FILE] [--github]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import loader
from .report import errors, format_text, github_annotation


def check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    logo_dir = Path(args.logo_dir) if args.logo_dir else path.resolve().parent / "docs/assets/partners"
    loaded = loader.load_file(path, logo_dir=logo_dir)
    problems = list(loaded.problems)
    print(format_text(problems))
    if args.github:
        for problem in sorted(problems):
            print(github_annotation(problem))
    return 1 if errors(problems) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klimapakt", description="Werkzeuge für die Klimapakt-Website")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="partners.yml prüfen")
    check_parser.add_argument("file", nargs="?", default="partners.yml")
    check_parser.add_argument("--github", action="store_true", help="zusätzlich GitHub-Annotationen ausgeben")
    check_parser.add_argument("--logo-dir", help="Ordner der Logos (Standard: docs/assets/partners neben der Datei)")
    check_parser.set_defaults(run=check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
