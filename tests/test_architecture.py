"""The package's shape: no import cycles, small modules, one layer that knows MkDocs, one registry machinery."""

from __future__ import annotations

import ast
import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.exports import schema
from klimapakt.load.registries import REGISTRIES

PACKAGE = ROOT / "klimapakt"
MAX_LINES = 300
# Modules allowed to be longer, each with the reason (none at present).
LONG_MODULES: dict[str, str] = {}
MKDOCS_NAMES = ("mkdocs", "material", "properdocs")
GLUE = ("hooks.py", "macros.py")


@dataclass(frozen=True)
class Layer:
    name: str
    units: tuple[str, ...]  # modules ("files.py") and packages ("rules/") below klimapakt/; the glue beside it
    knows: tuple[str, ...]  # the layers it may import, with everything those know


# The layers, top of ARCHITECTURE.md's table first. A module imports its own unit (its package, or
# itself) and the units of the layers its layer knows, directly or through them; nothing beside it in
# its own layer (render/, exports/ and outputs/ are siblings). ARCHITECTURE.md shows this table.
LAYERS = (
    Layer("text neutralisation", ("neutral.py",), ()),
    Layer("leaves", ("files.py", "report.py", "vocabulary.py", "clock.py", "precision.py", "urls.py", "mdtext.py", "memory.py"),
          ("text neutralisation",)),
    Layer("value rules", ("rules/",), ("leaves",)),
    Layer("source", ("source/",), ("value rules",)),
    Layer("pages", ("pages/",), ("source",)),
    Layer("kinds", ("kinds/",), ("source",)),
    Layer("model", ("model/",), ("kinds",)),
    Layer("load", ("load/",), ("model", "pages")),
    Layer("outputs of the records", ("render/", "exports/", "outputs/"), ("load",)),
    Layer("legal pages", ("legal_pages.py",), ("value rules",)),
    Layer("review", ("review/", "release.py"), ("load", "legal pages")),
    Layer("office tools", ("office/",), ("outputs of the records",)),
    Layer("hosting", ("hosting/",), ("leaves",)),
    Layer("demo data", ("demo.py",), ("leaves",)),
    Layer("command line", ("__main__.py",), ("review", "office tools", "demo data", "hosting")),
    Layer("generator", ("mkdocs/",), ("office tools", "hosting")),
    Layer("glue", GLUE, ("generator",)),
)


def unit_of(module: str) -> str:
    """klimapakt.render.html -> "render/", klimapakt.files -> "files.py", hooks -> "hooks.py"."""
    parts = module.split(".")
    if parts[0] != "klimapakt":
        return f"{module}.py"
    if len(parts) == 2 and f"{parts[1]}.py" in {u for layer in LAYERS for u in layer.units}:
        return f"{parts[1]}.py"
    return f"{parts[1]}/" if len(parts) > 1 else "__init__.py"


def known_units(layer: Layer) -> set[str]:
    by_name = {layer.name: layer for layer in LAYERS}
    found, todo = set(), list(layer.knows)
    while todo:
        known = by_name[todo.pop()]
        if not found.issuperset(known.units):
            found.update(known.units)
            todo.extend(known.knows)
    return found


def tree_of(path: Path) -> ast.Module:
    """The module's syntax tree, parsed once per text (the tests below parse many copies of the package)."""
    return _parsed(path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(text: str) -> ast.Module:
    return ast.parse(text)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package and the glue beside it."""
    found = {}
    for path in sorted((root / "klimapakt").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    for glue in GLUE:
        found[glue.removesuffix(".py")] = root / glue
    return found


def imports_of(name: str, path: Path, known: dict[str, Path] | None = None) -> set[str]:
    """The package's modules that `name` imports (relative imports resolved; TYPE_CHECKING ones too)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known, found = known or modules(), set()
    for node in ast.walk(tree_of(path)):
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


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def layer_violations(root: Path = ROOT) -> list[str]:
    """Every import that does not go down LAYERS: `importer -> imported`."""
    layer_of = {unit: layer for layer in LAYERS for unit in layer.units}
    found = []
    for name, targets in import_graph(root).items():
        unit = unit_of(name)
        if unit == "__init__.py":
            continue
        allowed = known_units(layer_of[unit]) | {unit}
        found += [f"{name} -> {target}" for target in sorted(targets) if unit_of(target) not in allowed]
    return found


def glue_violations(root: Path = ROOT) -> list[str]:
    """The glue reaches the package only through klimapakt.mkdocs."""
    graph = import_graph(root)
    return [f"{glue} -> {target}" for glue in ("hooks", "macros") for target in sorted(graph[glue])
            if not target.startswith("klimapakt.mkdocs")]


def import_cycles(root: Path = ROOT) -> list[list[str]]:
    """Every circle of imports between exact module names (a package's __init__ is a module too)."""
    graph, circles = import_graph(root), []

    def visit(name: str, trail: list[str], done: set[str]) -> None:
        if name in trail:
            circles.append(trail[trail.index(name):] + [name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name], done)
        done.add(name)

    finished: set[str] = set()
    for start in graph:
        visit(start, [], finished)
    return circles


# Calls that change the object they are called on.
MUTATING_METHODS = frozenset({"append", "extend", "insert", "remove", "pop", "popitem", "clear", "update",
                              "setdefault", "add", "discard", "sort", "reverse", "__setitem__", "__delitem__"})


def root_name(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node


def mutations(root: Path = ROOT) -> list[str]:
    """Changes to another module's names: assigning (=, +=, annotated), deleting, setattr/delattr, or a
    mutating method call on a module's attribute or on a name imported from a module."""
    found = []
    for name, path in modules(root).items():
        tree = tree_of(path)
        modules_imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                            if isinstance(node, ast.Import) for alias in node.names}
        from_imported = {alias.asname or alias.name for node in ast.walk(tree)
                         if isinstance(node, ast.ImportFrom) for alias in node.names}
        imported = modules_imported | from_imported

        def foreign(target: ast.expr, *, itself: bool = False) -> bool:
            base = root_name(target)
            return isinstance(base, ast.Name) and base.id in imported and (itself or base is not target)

        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            elif isinstance(node, ast.Delete):
                targets = node.targets
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
                if node.args and foreign(node.args[0], itself=True):
                    found.append(f"{name}: {ast.unparse(node)}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr in MUTATING_METHODS):
                owner = node.func.value
                base = root_name(owner)
                if isinstance(base, ast.Name) and (base.id in from_imported or (base.id in modules_imported
                                                                              and base is not owner)):
                    found.append(f"{name}: {ast.unparse(node)}")
            found += [f"{name}: {ast.unparse(t)}" for t in targets if foreign(t)]
    return found


def untyped_mkdocs_parameters(root: Path = ROOT) -> list[str]:
    """Parameters of klimapakt/mkdocs/ named after MkDocs' objects that are not annotated with a type
    (Any, or nothing, would hide what the layer takes from MkDocs)."""
    found = []
    for path in sorted((root / "klimapakt/mkdocs").glob("*.py")):
        for node in ast.walk(tree_of(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in node.args.args + node.args.kwonlyargs:
                    if arg.arg in ("config", "page", "nav", "files", "env", "post") and (
                            arg.annotation is None or ast.unparse(arg.annotation) in ("Any", "object")):
                        found.append(f"{path.name}: {node.name}({arg.arg})")
    return found


def test_every_import_goes_down_the_layers():
    assert layer_violations() == []


def test_every_module_belongs_to_a_layer():
    units = {u for layer in LAYERS for u in layer.units}
    assert {unit_of(name) for name in modules()} - {"__init__.py"} == units


def test_the_glue_reaches_the_package_only_through_the_mkdocs_layer():
    assert glue_violations() == []


def test_no_module_imports_itself_round_a_circle():
    assert import_cycles() == []


def test_no_module_changes_another_modules_names():
    """What the second registry once did (`loader.TABLE[...] = …`); registries are declared in one place now."""
    assert mutations() == []


def test_the_mkdocs_layer_names_the_mkdocs_types_it_takes():
    assert untyped_mkdocs_parameters() == []


def architecture_md_layers() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(layer, units, knows) of each row of ARCHITECTURE.md's layer table."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("| layer | package | job | knows |", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.strip().splitlines()[1:]:
        layer, package, _job, knows = (cell.strip() for cell in line.strip().strip("|").split("|"))
        known = () if knows == "nothing" else tuple(k.strip() for k in knows.split(","))
        rows.append((layer, tuple(re.findall(r"`([^`]+)`", package)), known))
    return rows


def test_architecture_md_shows_the_layer_table_the_tests_hold():
    assert architecture_md_layers() == [(layer.name, layer.units, layer.knows) for layer in LAYERS]


def test_no_module_is_longer_than_300_lines_except_the_listed_ones():
    long = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
            for name, path in modules().items() if name.startswith("klimapakt")}
    over = {path: lines for path, lines in long.items() if lines > MAX_LINES and path not in LONG_MODULES}
    assert over == {}
    assert all(long[path] > MAX_LINES for path in LONG_MODULES), "an exception that is no longer needed"


def test_only_the_mkdocs_layer_and_the_glue_import_mkdocs():
    importers = []
    for name, path in modules().items():
        tree = tree_of(path)
        for node in ast.walk(tree):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if (any(n.split(".")[0] in MKDOCS_NAMES for n in names) and not name.startswith("klimapakt.mkdocs")
                    and f"{name}.py" not in GLUE):
                importers.append(name)
    assert importers == []


# Each hole the tests above close, opened in a copy of the package: the test must see it.

@pytest.fixture
def copy(tmp_path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "klimapakt", ignore=python_only)
    for glue in GLUE:
        shutil.copy(ROOT / glue, tmp_path / glue)
    return tmp_path


def python_only(folder: str, names: list[str]) -> list[str]:
    """What the copy leaves out: everything but Python files and folders (templates, the editor's bundle)."""
    return [n for n in names if n == "__pycache__" or not (n.endswith(".py") or Path(folder, n).is_dir())]


def inject(root: Path, module: str, line: str) -> None:
    path = root / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_a_value_rule_importing_the_review_layer_is_refused(copy):
    inject(copy, "klimapakt/rules/values.py", "from ..review import changes")
    assert layer_violations(copy) == ["klimapakt.rules.values -> klimapakt.review.changes"]


def test_a_sibling_import_between_outputs_and_render_is_refused(copy):
    inject(copy, "klimapakt/outputs/badges.py", "from ..render.html import render")
    assert layer_violations(copy) == ["klimapakt.outputs.badges -> klimapakt.render.html"]


def test_a_leaf_importing_another_leaf_is_refused(copy):
    inject(copy, "klimapakt/clock.py", "from . import vocabulary")
    assert layer_violations(copy) == ["klimapakt.clock -> klimapakt.vocabulary"]


def test_a_cycle_through_a_rules_module_is_found(copy):
    inject(copy, "klimapakt/model/partners.py", "from . import partner_rules")
    assert [set(circle) for circle in import_cycles(copy)] == [{"klimapakt.model.partners",
                                                                  "klimapakt.model.partner_rules"}]


@pytest.mark.parametrize("line", [
    "vocabulary.MAX_FILE_BYTES += 1",
    "vocabulary.STATUSES['x'] = 'y'",
    "vocabulary.MAX_FILE_BYTES: int = 1",
    "del vocabulary.STATUSES['partner']",
    "setattr(vocabulary, 'MAX_FILE_BYTES', 1)",
    "vocabulary.LOGO_SUFFIXES.add('.gif')",
    "vocabulary.STATUSES.pop('partner')",
])
def test_changing_another_modules_names_is_refused_by_any_means(copy, line):
    inject(copy, "klimapakt/demo.py", "from . import vocabulary\n" + line)
    (found,) = mutations(copy)
    assert found.startswith("klimapakt.demo: ") and "vocabulary" in found


def test_a_mutating_call_on_a_name_imported_from_another_module_is_refused(copy):
    inject(copy, "klimapakt/render/directory.py", "from ..vocabulary import DISTRICTS\nDISTRICTS.update({})")
    assert mutations(copy) == ["klimapakt.render.directory: DISTRICTS.update({})"]


def test_the_glue_importing_the_render_layer_directly_is_refused(copy):
    inject(copy, "macros.py", "from klimapakt.render import html")
    assert glue_violations(copy) == ["macros -> klimapakt.render.html"]


def test_an_untyped_mkdocs_parameter_is_found(copy):
    inject(copy, "klimapakt/mkdocs/navigation.py", "def shown(page) -> bool:\n    return True")
    assert untyped_mkdocs_parameters(copy) == ["navigation.py: shown(page)"]


def test_a_module_outside_every_layer_is_found(copy):
    (copy / "klimapakt/newthing.py").write_text("", encoding="utf-8")
    units = {u for layer in LAYERS for u in layer.units}
    assert {unit_of(name) for name in modules(copy)} - {"__init__.py"} - units == {"newthing/"}


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
