"""Command line: `python -m klimapakt check [FILE] [--github] [--base REF] [--release]`, `schema [--write]`, `fields`, `demo`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load.registries import REGISTRIES
from .review import checking


def check(args: argparse.Namespace) -> int:
    failed = checking.run(args.file, base=args.base, github=args.github, logo_dir=args.logo_dir) != 0
    if args.release:  # the legally required values in mkdocs.yml, before the real site is published
        from .release import report

        failed = report(Path(args.config), github=args.github) or failed
    return 1 if failed else 0


def demo(args: argparse.Namespace) -> int:
    from .demo import write_demo_registry

    path = write_demo_registry(Path(args.output), args.count, args.seed)
    print(f"{args.count} erfundene Partner geschrieben: {path}")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Every registry's JSON Schema (or the one named with --registry): print, --write or --check."""
    from .exports.schema import schema_text

    chosen = [r for r in REGISTRIES if args.registry in (None, r.name)]
    if not (args.write or args.check):
        sys.stdout.write(schema_text(chosen[0]))
        return 0
    outdated = 0
    for registry in chosen[:1] if args.output else chosen:
        path = Path(args.output or registry.schema_path)
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            outdated += current != schema_text(registry)
            print(f"{path} ist {'veraltet. Bitte `python -m klimapakt schema --write` ausführen.' if current != schema_text(registry) else 'aktuell.'}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(registry), encoding="utf-8")
            print(f"JSON-Schema geschrieben: {path}")
    return 1 if outdated else 0


def fields(args: argparse.Namespace) -> int:
    from .exports.schema import field_reference_markdown, with_field_reference

    if not args.write:
        sys.stdout.write(field_reference_markdown())
        return 0
    path = Path(args.write)
    guide = path.read_text(encoding="utf-8")
    try:
        updated = with_field_reference(guide)
    except ValueError:
        print(f"{path} enthält die Markierungen <!-- fields:start --> und <!-- fields:end --> nicht.")
        return 1
    path.write_text(updated, encoding="utf-8")
    print(f"Feldtabelle aktualisiert: {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klimapakt", description="Werkzeuge für die Klimapakt-Website")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="partners.yml und events.yml prüfen")
    check_parser.add_argument("file", nargs="?", help="nur diese Datei prüfen (Standard: partners.yml und events.yml)")
    check_parser.add_argument("--github", action="store_true", help="zusätzlich GitHub-Annotationen ausgeben")
    check_parser.add_argument("--logo-dir", help="Ordner der Logos (Standard: docs/assets/partners neben der Datei)")
    check_parser.add_argument("--release", action="store_true",
                              help="zusätzlich prüfen, ob alle Pflichtangaben (Impressum, Datenschutz, …) eingetragen sind")
    check_parser.add_argument("--config", default="mkdocs.yml", help="Konfiguration für --release (Standard: mkdocs.yml)")
    check_parser.add_argument("--base", metavar="REF", help="mit dieser Fassung vergleichen und die Änderungen zeigen: "
                              "eine Git-Revision (z. B. origin/main), eine Datei oder ein Ordner")
    check_parser.set_defaults(run=check)
    demo_parser = commands.add_parser("demo", help="Demodaten (erfundene Unternehmen) erzeugen")
    demo_parser.add_argument("--count", type=int, default=60)
    demo_parser.add_argument("--seed", type=int, default=2035)
    demo_parser.add_argument("--output", default="build/demo/partners.yml")
    demo_parser.set_defaults(run=demo)
    schema_parser = commands.add_parser("schema", help="JSON-Schema für partners.yml und events.yml ausgeben oder schreiben")
    schema_parser.add_argument("--write", action="store_true", help="nach schema/<register>.schema.json schreiben")
    schema_parser.add_argument("--check", action="store_true", help="Fehler, wenn die Datei nicht aktuell ist")
    schema_parser.add_argument("--output", help="anderer Zielpfad (Standard: schema/<register>.schema.json)")
    schema_parser.add_argument("--registry", choices=[r.name for r in REGISTRIES],
                               help="nur dieses Register (Standard: alle; ohne --write: partners)")
    schema_parser.set_defaults(run=schema)
    fields_parser = commands.add_parser("fields", help="Feldtabelle für den Redaktionsleitfaden ausgeben")
    fields_parser.add_argument("--write", nargs="?", const="CONTRIBUTING.md", metavar="DATEI",
                               help="die Tabelle zwischen den Markierungen in DATEI ersetzen (Standard: CONTRIBUTING.md)")
    fields_parser.set_defaults(run=fields)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
