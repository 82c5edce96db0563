"""Bounded pages: pathological Markdown is refused before Markdown runs, or renders fast.

The time bound is generous (a guard against hangs, not a performance test): before the limits,
50,000 nested brackets took Python-Markdown minutes.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from klimapakt.pages import limits
from klimapakt.pages.check import page_problems

BOUND_SECONDS = 10
N = 50_000
# name -> body; each is either refused or rendered within the bound
CORPUS = {
    "nested brackets": "[" * N + "a" + "]" * N,
    "nested brackets on lines": "\n".join("[" * 80 for _ in range(N // 80)),
    "open brackets per paragraph at the limit": "\n\n".join("[" * 100 for _ in range(20)),
    "images at the limit": "\n\n".join("![" * 50 for _ in range(40)),
    "emphasis": "*a " * N,
    "emphasis nested": "\n".join("*" * 60 + "a" + "*" * 60 for _ in range(300)),
    "underscores": "_a_ " * 10_000,
    "backticks": "`" * N,
    "backtick runs": "\n".join("`a``" * 100 for _ in range(100)),
    "angle brackets": "<" * N,
    "tag starts": "<a " * N,
    "tag starts at the limit": "\n\n".join("<a " * 100 for _ in range(20)),
    "nested lists": "".join("  " * i + "- a\n" for i in range(3000)),
    "nested lists at the limit": "".join("  " * (i % 20) + "- a\n" for i in range(3000)),
    "nested quotes": ">" * N + " a",
    "nested quote lines": "".join("> " * min(i, 6) + "a\n" for i in range(3000)),
    "deep quote lines": "".join(">" * i + " a\n" for i in range(2000)),
    "nested html blocks": "<div markdown>\n\n" * 2000 + "a\n",
    "html blocks at the limit": ("<div markdown>\n\n" * 12 + "a\n\n" + "</div>\n\n" * 12) * 50,
    "ampersands": "&" * N,
    "link parentheses": "[a](" + "(" * N,
    "long page": "Ein Satz. " * 30_000,
}


def check_page(tmp_path: Path, body: str) -> tuple[float, list[str]]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "seite.md").write_text(f"---\ntitle: Seite\n---\n\n# Seite\n\n{body}\n", encoding="utf-8")
    started = time.perf_counter()
    found = page_problems(docs, [], dt.date(2026, 11, 25))
    return time.perf_counter() - started, [p.text() for p in found]


@pytest.mark.parametrize("name", CORPUS)
def test_pathological_markdown_is_refused_or_checked_within_the_bound(tmp_path, name):
    seconds, _ = check_page(tmp_path, CORPUS[name])
    assert seconds < BOUND_SECONDS, f"{name}: {seconds:.1f} s"


def test_fifty_thousand_nested_brackets_are_refused_at_their_line(tmp_path):
    _, found = check_page(tmp_path, "Absatz.\n\n" + "[" * 4000 + "\n" + "]" * 4000)
    assert found == ["docs/seite.md:9: Seite: Der Absatz ab dieser Zeile enthält 4000 eckige Klammern „[“; höchstens "
                     "100 je Absatz sind erlaubt. Bitte mit Leerzeilen in mehrere Absätze teilen."]


@pytest.mark.parametrize("body, expected", [
    ("> > > > > > > zu tief", "docs/seite.md:7: Seite: 7 Zitate („>“) stehen ineinander; höchstens 6 sind erlaubt."),
    (" " * 44 + "- zu tief", "docs/seite.md:7: Seite: Die Zeile ist 44 Zeichen weit eingerückt; höchstens 40 (acht Ebenen "
     "einer Liste in der Liste) sind erlaubt."),
    ("x" * 5001, "docs/seite.md:7: Seite: Die Zeile ist 5001 Zeichen lang; höchstens 5000 sind erlaubt. Bitte den "
     "Absatz auf mehrere Zeilen verteilen."),
    ("<div>" * 13, "docs/seite.md:7: Seite: Hier stehen 13 HTML-Elemente ineinander; höchstens 12 sind erlaubt. Ist "
     "ein schließendes „</div>“ vergessen?"),
])
def test_each_nesting_limit_names_the_line(tmp_path, body, expected):
    assert check_page(tmp_path, body)[1][0] == expected


def test_a_page_at_every_limit_passes(tmp_path):
    body = "\n\n".join(["> " * 6 + "Zitat", "  " * 20 + "- tief", "[a](seite.md) " * 100, "x" * 5000,
                        "<div markdown>\n\n" * 12 + "a\n\n" + "</div>\n\n" * 12])
    assert check_page(tmp_path, body)[1] == []


def test_an_oversized_page_is_not_even_read(tmp_path):
    _, found = check_page(tmp_path, "a" * (limits.MAX_PAGE_BYTES + 1))
    assert found == ["docs/seite.md:1: Datei: Die Datei „docs/seite.md“ ist 200 KB groß; höchstens 200 KB sind erlaubt."]


MARKDOWN_CHARS = st.sampled_from(list("[]()<>*_`!>-#{}:|&\\ \n\n") + ["a", "  ", "    ", "> ", "- ", "1. ", "<div markdown>",
                                                                     "</div>", "{: .x }", "```", "](", "[^"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(MARKDOWN_CHARS, max_size=400).map("".join), st.integers(1, 200))
def test_random_markdown_of_special_characters_is_checked_within_the_bound(tmp_path, piece, repeat):
    seconds, _ = check_page(tmp_path, (piece * repeat)[:150_000])
    assert seconds < BOUND_SECONDS


def test_less_than_signs_in_text_are_no_html_nesting(tmp_path):
    assert check_page(tmp_path, "\n\n".join(["a<b und c<d"] * 20))[1] == []
