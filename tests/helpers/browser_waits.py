"""A static check of the browser tests: no bare `assert` on page state read after an interaction.

After a key press, a click, a `goto` or a script that changes the page, the browser sets the state
a test asserts when it gets to it; on a busy machine later than the test reads it. So a value read
from the page once (`page.evaluate`, `locator.input_value()`, `page.url`, a helper that returns such
a read) must not be asserted after an interaction in the same function: the assertion waits
instead, with Playwright's `expect(...)`, `page.wait_for_function` or `helpers.waits.until`.

The check reads the source (ast), function by function, in source order: from the first
interaction on, an `assert` whose expression reads the page, or names a variable that was read
from the page after it, is refused with its file and line. Functions passed to `until(...)` are
the waiting form and are not scanned as bare code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Calls that change what the page shows: keyboard, mouse, touch, form input, focus, navigation,
# viewport, media emulation, injected styles and scripts.
INTERACTIONS = frozenset({
    "press", "type", "down", "up", "insert_text", "press_sequentially", "click", "dblclick", "tap", "move",
    "wheel", "hover", "fill", "clear", "check", "uncheck", "set_checked", "select_option", "select_text",
    "set_input_files", "focus", "blur", "dispatch_event", "drag_to", "drag_and_drop",
    "scroll_into_view_if_needed", "goto", "reload", "go_back", "go_forward", "set_content",
    "set_viewport_size", "emulate_media", "add_style_tag", "add_script_tag",
})
# Script calls: an interaction when their result is thrown away (they ran for their effect), a read otherwise.
SCRIPTS = frozenset({"evaluate", "evaluate_all", "eval_on_selector", "eval_on_selector_all"})
# Calls that return page state once, without waiting for it.
READS = SCRIPTS | frozenset({
    "get_attribute", "inner_text", "inner_html", "text_content", "input_value", "is_checked", "is_visible",
    "is_hidden", "is_enabled", "is_disabled", "is_editable", "bounding_box", "all_inner_texts",
    "all_text_contents", "title", "content",
})
ZERO_ARGUMENT_READS = frozenset({"count"})  # locator.count(); list.count(x) takes an argument
READ_ATTRIBUTES = frozenset({"url"})  # page.url
WAITING = frozenset({"until"})  # helpers.waits.until(check): check is the waiting form


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    after: str  # the interaction, with its line

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: bare assert on page state read after {self.after}; "
                "wait for it: expect(...), page.wait_for_function(...) or helpers.waits.until(...)")


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _own_nodes(node: ast.AST):
    """The nodes of `node` outside nested functions and lambdas (those are scanned on their own)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        yield child
        yield from _own_nodes(child)


@dataclass(frozen=True)
class Helpers:
    """Functions of the scanned modules that read the page (their return value) or interact with it."""
    reads: frozenset[str]
    interactions: frozenset[str]


def _is_read(node: ast.AST, helpers: Helpers, tainted: frozenset[str] = frozenset()) -> bool:
    for n in [node, *_own_nodes(node)]:
        if isinstance(n, ast.Call):
            name = _called_name(n)
            if name in READS or (name in ZERO_ARGUMENT_READS and not n.args) or name in helpers.reads:
                return True
        elif isinstance(n, ast.Attribute) and n.attr in READ_ATTRIBUTES and isinstance(n.ctx, ast.Load):
            return True
        elif isinstance(n, ast.Name) and n.id in tainted:
            return True
    return False


def _interaction(stmt: ast.stmt, helpers: Helpers) -> str | None:
    """The interaction a statement makes, if any."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and _called_name(stmt.value) in SCRIPTS:
        return _called_name(stmt.value)
    for n in [stmt, *_own_nodes(stmt)]:
        if isinstance(n, ast.Call):
            name = _called_name(n)
            if name in INTERACTIONS or name in helpers.interactions:
                return name
    return None


def _statements(body: list[ast.stmt]):
    """Every statement in source order, compound ones before their bodies, nested functions left out."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield stmt
        for field in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list):
                yield from _statements([s for s in inner if isinstance(s, ast.stmt)] +
                                       [s for h in inner if isinstance(h, ast.ExceptHandler) for s in h.body])


def _header(stmt: ast.stmt) -> ast.AST:
    """The part of a compound statement that runs before its body (the whole statement otherwise)."""
    for field in ("test", "iter", "items", "subject"):
        if hasattr(stmt, field):
            value = getattr(stmt, field)
            return ast.Tuple(elts=value if isinstance(value, list) else [value], ctx=ast.Load())
    return ast.Module(body=[], type_ignores=[]) if hasattr(stmt, "body") else stmt


def _targets(stmt: ast.stmt) -> set[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    return {n.id for t in targets if t is not None for n in ast.walk(t) if isinstance(n, ast.Name)}


def _function_findings(func: ast.FunctionDef | ast.AsyncFunctionDef, path: str, helpers: Helpers) -> list[Finding]:
    findings, after, tainted = [], None, set()
    for stmt in _statements(func.body):
        part = _header(stmt)
        if isinstance(stmt, ast.Assert) and after and _is_read(stmt.test, helpers, frozenset(tainted)):
            findings.append(Finding(path, stmt.lineno, after))
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For)) and after:
            value = stmt.iter if isinstance(stmt, ast.For) else stmt.value
            if value is not None and _is_read(value, helpers, frozenset(tainted)):
                tainted |= _targets(stmt)
        made = _interaction(stmt, helpers) if part is stmt else _interaction_in(part, helpers)
        if made:
            after = f"{made}() at line {stmt.lineno}"
    return findings


def _interaction_in(node: ast.AST, helpers: Helpers) -> str | None:
    for n in [node, *_own_nodes(node)]:
        if isinstance(n, ast.Call) and (_called_name(n) in INTERACTIONS or _called_name(n) in helpers.interactions):
            return _called_name(n)
    return None


def _waiting_functions(tree: ast.AST) -> set[str]:
    """Names passed to until(...): their assertions are retried, so they are the waiting form."""
    return {arg.id for n in ast.walk(tree) if isinstance(n, ast.Call) and _called_name(n) in WAITING
            for arg in n.args if isinstance(arg, ast.Name)}


def helpers_of(trees: list[ast.Module]) -> Helpers:
    """Functions that return a page read, and functions (fixtures' inner functions too) that interact."""
    reads, interactions = set(), set()
    for _ in range(3):  # helpers built on helpers
        known = Helpers(frozenset(reads), frozenset(interactions))
        for tree in trees:
            for func in (n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
                returns = [n.value for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
                if any(_is_read(value, known) for value in returns):
                    reads.add(func.name)
                if any(_interaction_in(n, known) for n in ast.walk(func) if isinstance(n, ast.stmt)):
                    interactions.add(func.name)
    return Helpers(frozenset(reads), frozenset(interactions))


def findings(sources: dict[str, str], helper_sources: dict[str, str] | None = None) -> list[Finding]:
    """Every bare assert on page state after an interaction in `sources` ({path: text}); helper
    functions are also taken from `helper_sources` (the checkers the tests import)."""
    trees = {path: ast.parse(text, filename=path) for path, text in sources.items()}
    extra = [ast.parse(text, filename=path) for path, text in (helper_sources or {}).items()]
    helpers = helpers_of([*trees.values(), *extra])
    found = []
    for path, tree in trees.items():
        waiting = _waiting_functions(tree)
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and func.name not in waiting:
                found += _function_findings(func, path, helpers)
    return sorted(found, key=lambda f: (f.path, f.line))


def findings_in(folders: list[Path], root: Path) -> list[Finding]:
    """The guard over the browser tests' folders (tests/website/, tests/quality/)."""
    sources = {str(p.relative_to(root)): p.read_text(encoding="utf-8")
               for folder in folders for p in sorted(folder.glob("*.py"))}
    return findings(sources)
