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


def demo(args: argparse.Namespace) -> int:
    from .demo import write_demo_registry

    path = write_demo_registry(Path(args.output), args.count, args.seed)
    print(f"{args.count} erfundene Partner geschrieben: {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klimapakt", description="Werkzeuge für die Klimapakt-Website")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="partners.yml prüfen")
    check_parser.add_argument("file", nargs="?", default="partners.yml")
    check_parser.add_argument("--github", action="store_true", help="zusätzlich GitHub-Annotationen ausgeben")
    check_parser.add_argument("--logo-dir", help="Ordner der Logos (Standard: docs/assets/partners neben der Datei)")
    check_parser.set_defaults(run=check)
    demo_parser = commands.add_parser("demo", help="Demodaten (erfundene Unternehmen) erzeugen")
    demo_parser.add_argument("--count", type=int, default=60)
    demo_parser.add_argument("--seed", type=int, default=2035)
    demo_parser.add_argument("--output", default="build/demo/partners.yml")
    demo_parser.set_defaults(run=demo)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
