"""The package's shape: no import cycles, small modules, one layer that knows MkDocs, one registry machinery."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.exports import schema
from klimapakt.load.registries import REGISTRIES

PACKAGE = ROOT / "klimapakt"
MAX_LINES = 300
# Modules allowed to be longer, each with the reason.
LONG_MODULES = {
    "klimapakt/rules/logos.py": "the SVG allow-list and the raster header readers belong together with the file checks",
}
MKDOCS_NAMES = ("mkdocs", "material", "properdocs")


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports (relative imports resolved; TYPE_CHECKING ones too)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known, found = modules(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def test_no_module_of_the_package_imports_itself_round_a_circle():
    graph = {name: imports_of(name, path) for name, path in modules().items()}
    circles = []

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circles.append(trail[trail.index(name):] + [name])
            return
        for target in sorted(graph[name]):
            if not target.endswith(("model", "exports", "rules")):  # faces only hand names on
                visit(target, [*trail, name])

    for start in graph:
        visit(start, [])
    assert circles == []


def test_no_module_is_longer_than_300_lines_except_the_listed_ones():
    long = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
            for path in modules().values()}
    over = {path: lines for path, lines in long.items() if lines > MAX_LINES and path not in LONG_MODULES}
    assert over == {}
    assert all(long[path] > MAX_LINES for path in LONG_MODULES), "an exception that is no longer needed"


def test_only_the_mkdocs_layer_and_the_glue_import_mkdocs():
    importers = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if any(n.split(".")[0] in MKDOCS_NAMES for n in names) and not name.startswith("klimapakt.mkdocs"):
                importers.append(name)
    assert importers == []


def test_no_module_changes_another_modules_tables():
    """Assignments to attributes or items of an imported module (`loader.TABLE[...] = …`) are what the
    second registry once did; registries are declared in one place now."""
    offenders = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            calls = [node.func] if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else []
            for target in targets + [c.value for c in calls if c.attr in ("setdefault", "update", "append")]:
                base = target
                while isinstance(base, (ast.Attribute, ast.Subscript)):
                    base = base.value
                if isinstance(base, ast.Name) and base.id in imported and base is not target:
                    offenders.append(f"{name}: {ast.unparse(target)}")
    assert offenders == []


def test_macros_build_no_html():
    text = (ROOT / "macros.py").read_text(encoding="utf-8")
    assert "<" not in text.replace("<=", "").replace("->", ""), "HTML belongs in klimapakt.render"


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.name)
def test_every_registry_has_its_committed_schema(registry):
    committed = (ROOT / registry.schema_path).read_text(encoding="utf-8")
    assert committed == schema.schema_text(registry), "run `python -m klimapakt schema --write`"
    first_line = (ROOT / registry.file).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=./{registry.schema_path}"


@pytest.mark.data
def test_the_events_schema_accepts_the_shipped_events_and_refuses_an_unknown_key():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    events_schema = schema.json_schema(REGISTRIES[1])
    validator = jsonschema.Draft7Validator(events_schema)
    shipped = yaml.safe_load((ROOT / "events.yml").read_text(encoding="utf-8"))
    shipped = {"events": [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in e.items()}
                          for e in shipped["events"] or []]}
    assert list(validator.iter_errors(shipped)) == []
    broken = {"events": [{**shipped["events"][0], "titel": "x"}]} if shipped["events"] else {"event": []}
    assert list(validator.iter_errors(broken))


BROKEN = "partners:\n  - id: muster-gmbh\n    name: Muster GmbH\n    role: partner\n    status: partner\n    websit: x\n"


def test_the_same_error_gives_the_same_message_from_check_and_from_the_build(tmp_path):
    """Both run in fresh processes, each importing only what it needs: the wording cannot depend on
    which modules happen to be imported (the build also loads events, `check partners.yml` does not)."""
    registry = tmp_path / "partners.yml"
    registry.write_text(BROKEN, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "klimapakt", "check", str(registry), "--logo-dir",
                            str(ROOT / "docs/assets/partners")], capture_output=True, text=True, cwd=tmp_path)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                           capture_output=True, text=True, cwd=ROOT,
                           env={**__import__("os").environ, "KLIMAPAKT_REGISTRY": str(registry),
                                "NO_MKDOCS_2_WARNING": "1"})
    message = "partners.yml:6: muster-gmbh: websit: Unbekanntes Feld „websit“. Meinten Sie „website“?"
    assert check.returncode == 1 and message in check.stdout
    assert build.returncode == 1 and message in build.stdout + build.stderr
    assert "Traceback" not in build.stderr


def test_browser_tests_live_under_tests_website():
    """Playwright's sync API leaves an event loop running in the process; pytest collects
    tests/website/ last, so the tests that use asyncio.run (the link check) run before it."""
    outside = [str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")
               if "website" not in path.parts and re.search(r"mark\.browser|\bdef test_\w+\(browser\b", path.read_text(encoding="utf-8"))]
    assert outside == []
