"""Command line: `python -m klimapakt check [FILE] [--github] [--base REF] [--release]`, `schema [--write]`, `fields`, `demo`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .clock import ClockError, check_environment
from .hosting import cli as hosting_cli
from .load.registries import PARTNERS, REGISTRIES
from .office import editor_cli
from .review import checking


def check(args: argparse.Namespace) -> int:
    check_environment()  # the build reads both dates: a malformed one is reported here already
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


def import_sheets(args: argparse.Namespace) -> int:
    from . import vocabulary
    from .clock import build_date
    from .office.summary import import_files

    into = Path(args.into)
    logo_dir = Path(args.logo_dir) if args.logo_dir else into.absolute().parent / vocabulary.LOGO_DIR
    code, text = import_files([Path(f) for f in args.files], into, logo_dir=logo_dir, today=build_date(),
                              dry_run=args.dry_run)
    sys.stdout.write(text)
    return code


def import_upload(args: argparse.Namespace) -> int:
    """The workflow „Tabelle übernehmen“: import the sheets committed in import/, commit, write the summary."""
    from .clock import build_date
    from .office.upload import UploadError, pending_message, run_upload, workflow_log

    try:
        if args.check_pending:
            message = pending_message(Path(args.repo))
            print(message or "Keine Tabelle im Ordner import/.")
            return 1 if message else 0
        done = run_upload(Path(args.repo), build_date())
    except UploadError as error:
        print(error)
        return 1
    log = done.log or done.summary
    sys.stdout.write(workflow_log(log) if args.github_output else log)  # in the workflow: no commands from data
    if args.summary:
        Path(args.summary).write_text(done.summary, encoding="utf-8")
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as output:
            output.write(f"committed={'true' if done.committed else 'false'}\n")
    return done.code


def template(args: argparse.Namespace) -> int:
    from .office.template import write_template

    path, current = write_template(Path("."), check=args.check)
    verdict = "aktuell." if current else ("veraltet. Bitte `python -m klimapakt template` ausführen." if args.check
                                          else "geschrieben.")
    print(f"Importvorlage {path} {verdict}")
    return 1 if args.check and not current else 0


def day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum in der Form JJJJ-MM-TT.") from None


def monitoring(args: argparse.Namespace) -> int:
    from . import vocabulary
    from .clock import build_date
    from .load import loader
    from .office import monitoring as report
    from .report import errors, format_text

    path = Path(args.file)
    loaded = loader.load_file(path, logo_dir=path.absolute().parent / vocabulary.LOGO_DIR)
    if errors(loaded.problems):
        print(format_text(errors(loaded.problems)))
        return 1
    today = args.today or build_date()
    items = report.due_items(loaded.partners, today)
    if args.format == "md":
        text = report.markdown(items, today, path.name, details=args.details_url)
        output = report.with_appended(text, args.append).encode("utf-8")
    else:
        output = report.csv_bytes(items) if args.format == "csv" else report.xlsx_bytes(items, today)
    if args.output or args.format == "xlsx":
        Path(args.output or "monitoring.xlsx").write_bytes(output)
        print(f"Monitoring-Bericht geschrieben: {args.output or 'monitoring.xlsx'} ({len(items)} Aufgaben)")
    else:
        sys.stdout.buffer.write(output)
    return 0


def links(args: argparse.Namespace) -> int:
    from .office import links as check

    found, problems = check.registry_links(Path("."))
    if problems:  # „0 Adressen geprüft, alle antworten.“ over a broken registry would be false
        sys.stdout.write(check.refusal(problems, markdown=args.format == "md"))
        return 1
    findings = check.check_links(found, timeout=args.timeout, concurrency=args.concurrency, budget=args.budget)
    sys.stdout.write(check.markdown_report(found, findings) if args.format == "md" else check.text_report(found, findings))
    return 0  # a broken link is a task for the office, never a failed run


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
    import_parser = commands.add_parser("import", help="Partner aus einer Tabelle (.xlsx, .csv) in partners.yml übernehmen")
    import_parser.add_argument("files", nargs="+", metavar="DATEI", help="Tabelle(n): .xlsx oder .csv")
    import_parser.add_argument("--into", default=PARTNERS.file, help="Zieldatei (Standard: partners.yml)")
    import_parser.add_argument("--dry-run", action="store_true", help="nur prüfen und zeigen, nichts schreiben")
    import_parser.add_argument("--logo-dir", help="Ordner der Logos (Standard: docs/assets/partners neben der Zieldatei)")
    import_parser.set_defaults(run=import_sheets)
    upload_parser = commands.add_parser("import-upload", help="Tabellen aus import/ übernehmen und committen "
                                        "(Workflow „Tabelle übernehmen“)")
    upload_parser.add_argument("--repo", default=".", help="das Git-Arbeitsverzeichnis (Standard: hier)")
    upload_parser.add_argument("--summary", help="die Zusammenfassung (Markdown) auch in diese Datei schreiben")
    upload_parser.add_argument("--github-output", help="committed=true|false an diese Datei anhängen ($GITHUB_OUTPUT)")
    upload_parser.add_argument("--check-pending", action="store_true",
                               help="nur prüfen: Fehler, solange eine Tabelle in import/ liegt (Pull Request)")
    upload_parser.set_defaults(run=import_upload)
    template_parser = commands.add_parser("template", help="die Importvorlage vorlagen/partner-import.xlsx schreiben")
    template_parser.add_argument("--check", action="store_true", help="Fehler, wenn die Vorlage nicht aktuell ist")
    template_parser.set_defaults(run=template)
    monitoring_parser = commands.add_parser("monitoring", help="Was bei welchem Partner fällig ist (Monitoring)")
    monitoring_parser.add_argument("file", nargs="?", default=PARTNERS.file, help="Register (Standard: partners.yml)")
    monitoring_parser.add_argument("--format", choices=("md", "csv", "xlsx"), default="md")
    monitoring_parser.add_argument("--today", type=day, help="Stichtag JJJJ-MM-TT (Standard: heute)")
    monitoring_parser.add_argument("--output", help="in diese Datei schreiben (Standard: Bildschirm; xlsx: monitoring.xlsx)")
    monitoring_parser.add_argument("--details-url", help="md: Adresse, unter der die vollständige Liste liegt (der Lauf)")
    monitoring_parser.add_argument("--append", help="md: diesen Bericht (z. B. der Linkprüfung) anhängen, gekürzt, "
                                   "sodass alles in ein GitHub-Issue passt")
    monitoring_parser.set_defaults(run=monitoring)
    links_parser = commands.add_parser("links", help="Webadressen der Partner und Veranstaltungen prüfen")
    links_parser.add_argument("--format", choices=("text", "md"), default="text")
    links_parser.add_argument("--timeout", type=float, default=10.0,
                              help="Sekunden je Adresse, Weiterleitungen eingeschlossen (Standard: 10)")
    links_parser.add_argument("--concurrency", type=int, default=4, help="Abrufe gleichzeitig (Standard: 4)")
    links_parser.add_argument("--budget", type=float, default=900.0,
                              help="Sekunden für alle Adressen zusammen; der Rest bleibt „nicht geprüft“ (Standard: 900)")
    links_parser.set_defaults(run=links)
    hosting_cli.add_commands(commands)  # deploy, nginx-config
    editor_cli.add_commands(commands)  # editor-config, normalize-editor
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ClockError as err:  # a malformed KLIMAPAKT_TODAY or SOURCE_DATE_EPOCH: say what form, no traceback
        print(f"Fehler: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
