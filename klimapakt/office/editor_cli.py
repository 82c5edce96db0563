"""The form editor's commands: `editor-config` (the generated configuration) and `normalize-editor` (a save
brought back to the registry's form, for the workflow on the editor's branches)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load.registries import REGISTRIES


def add_commands(commands: argparse._SubParsersAction) -> None:
    config_parser = commands.add_parser("editor-config", help="Konfiguration des Formular-Editors ausgeben oder schreiben")
    config_parser.add_argument("--write", action="store_true", help="nach schema/editor.config.yml schreiben")
    config_parser.add_argument("--check", action="store_true", help="Fehler, wenn die Datei nicht aktuell ist")
    config_parser.set_defaults(run=editor_config)
    normalize_parser = commands.add_parser("normalize-editor", help="vom Formular gespeicherte Register in die "
                                           "gewohnte Form bringen (unveränderte Einträge wie in der Basis)")
    normalize_parser.add_argument("--base", required=True, metavar="ORDNER",
                                  help="Ordner mit den Registern der Basis (z. B. aus `git show origin/main:…`)")
    normalize_parser.add_argument("files", nargs="*", metavar="DATEI",
                                  help="Register (Standard: partners.yml, events.yml, kennzahlen.yml)")
    normalize_parser.set_defaults(run=normalize_editor)


def editor_config(args: argparse.Namespace) -> int:
    from .editor_config import COMMITTED, config_text

    path = Path(COMMITTED)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        fresh = current == config_text()
        print(f"{path} ist {'aktuell.' if fresh else 'veraltet. Bitte `make schema` ausführen.'}")
        return 0 if fresh else 1
    if args.write:
        path.write_text(config_text(), encoding="utf-8")
        print(f"Konfiguration des Formular-Editors geschrieben: {path}")
        return 0
    sys.stdout.write(config_text())
    return 0


def normalize_editor(args: argparse.Namespace) -> int:
    from .editor_normalize import NormalizeError, normalize

    by_file = {registry.file: registry for registry in REGISTRIES}
    failed = 0
    for name in args.files or list(by_file):
        path, base = Path(name), Path(args.base) / Path(name).name
        registry = by_file.get(path.name)
        if registry is None or not path.is_file() or not base.is_file():
            print(f"{name}: übersprungen (kein Register, oder in der Basis nicht vorhanden).")
            continue
        try:
            text = normalize(path.read_text(encoding="utf-8"), base.read_text(encoding="utf-8"), registry)
        except NormalizeError as err:
            print(f"Fehler: {err}")
            failed = 1
            continue
        changed = text != path.read_text(encoding="utf-8")
        if changed:
            path.write_text(text, encoding="utf-8", newline="")
        print(f"{name}: {'in die gewohnte Form gebracht.' if changed else 'schon in der gewohnten Form.'}")
    return failed
