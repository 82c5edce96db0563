"""Pages and posts are data too: payloads in a page and in a post never reach the site.

A copy of the repository gets one hostile page and one hostile post (template injection, raw
markup, links that run code, a tracking pixel, a front-matter alias bomb, pathological Markdown).
`check` refuses each at its file and line, the real `mkdocs build --strict` fails with the same
German messages (no traceback), and no marker and no output of code appears anywhere. The same
copy with harmless text in the same places builds, and the marker shows as text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.load import news

SECRET = "ZZ98Q-geheim"
POST = "docs/aktuelles/posts/2026-11-angriff.md"
PAGE = "docs/angriff.md"
HOSTILE_POST = f"""---
date: 2026-11-25
description: ZZ01Q Bericht
categories:
  - Netzwerktreffen
---

# ZZ02Q Angriff

{{{{ cycler.__init__.__globals__.os.popen("id").read() }}}}

<script>document.title = "ZZ03Q"</script>

[ZZ04Q](javascript:alert(1))

![ZZ05Q](https://tracker.example/pixel.gif)
"""
HOSTILE_PAGE = f"""---
title: ZZ06Q
render_macros: true
---

# Angriff

{{{{ lipsum.__globals__["os"].environ.KLIMAPAKT_TEST_SECRET }}}}

<iframe src="https://evil.example/ZZ07Q"></iframe>

Absatz ZZ08Q
{{: onclick="alert(1)" }}

<style>@import url(https://evil.example/ZZ09Q.css);</style>

{"[" * 50_000}
"""
BOMB_POST = """---
date: 2026-11-25
a: &a ["ZZ10Q","ZZ10Q","ZZ10Q","ZZ10Q","ZZ10Q","ZZ10Q","ZZ10Q","ZZ10Q"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b]
d: [*c,*c,*c,*c,*c,*c,*c,*c]
---

# Bombe
"""
EXPECTED = [
    f"{POST}:10: Meldung: „{{{{ cycler.__init__.__globals__.os.popen(“: In Meldungen sind „{{{{“, „{{%“ und „{{#“ nicht "
    "erlaubt (die Website würde sie als Programmcode lesen). Bitte als Text umschreiben.",
    f"{PAGE}:8: Seite: „{{{{ lipsum.__globals__[\"os\"].environ.KLIM“ ist kein erlaubter Baustein.",
    f"{PAGE}:17: Seite: Der Absatz ab dieser Zeile enthält 50000 eckige Klammern „[“; höchstens 100 je Absatz sind "
    "erlaubt. Bitte mit Leerzeilen in mehrere Absätze teilen.",
    "docs/aktuelles/posts/2026-11-bombe.md:3: Datei: In Spalte 4 steht ein YAML-Anker („&…“)",
]
# Found once the template code and the brackets are gone (the check renders only a page without them)
EXPECTED_MARKUP = [
    f"{POST}:12: Meldung: Das HTML-Element <script> ist auf Seiten nicht erlaubt.",
    f"{POST}:14: Meldung: „javascript:alert(1)“ ist als Link nicht erlaubt.",
    f"{POST}:16: Meldung: Das Bild „https://tracker.example/pixel.gif“ käme von einem anderen Server",
    f"{PAGE}:10: Seite: Das HTML-Element <iframe> ist auf Seiten nicht erlaubt.",
    f"{PAGE}:13: Seite: „onclick“ an <p> würde Programmcode ausführen und ist nicht erlaubt.",
    f"{PAGE}:15: Seite: Das HTML-Element <style> ist auf Seiten nicht erlaubt.",
]


@pytest.fixture
def repo(tmp_path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("mkdocs.yml", "mkdocs.preview.yml", "hooks.py", "macros.py", "partners.yml", "events.yml", "kennzahlen.yml"):
        shutil.copy(ROOT / name, copy / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name)
    return copy


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KLIMAPAKT_")}
    env.update(NO_MKDOCS_2_WARNING="1", KLIMAPAKT_TODAY="2026-11-25", KLIMAPAKT_TEST_SECRET=SECRET)
    return subprocess.run([sys.executable, "-m", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def published(repo: Path) -> bytes:
    site = repo / "site"
    return b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else b""


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")


def test_payloads_in_a_page_and_a_post_are_refused_by_check_and_build_and_never_published(repo):
    write(repo, {POST: HOSTILE_POST, PAGE: HOSTILE_PAGE, "docs/aktuelles/posts/2026-11-bombe.md": BOMB_POST})
    check = run(repo, "klimapakt", "check")
    assert check.returncode == 1
    build = run(repo, "mkdocs", "build", "--strict")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    for line in EXPECTED:
        assert line in check.stdout, line
        assert line in build.stdout + build.stderr, line
    output = published(repo)
    assert not any(f"ZZ{n:02d}Q".encode() in output for n in range(1, 11))
    assert SECRET.encode() not in output and b"uid=" not in output

    write(repo, {PAGE: HOSTILE_PAGE.replace("{{ lipsum", "lipsum").replace("[" * 50_000, ""),
                 POST: HOSTILE_POST.replace("{{ cycler", "cycler")})
    (repo / "docs/aktuelles/posts/2026-11-bombe.md").unlink()
    check = run(repo, "klimapakt", "check")
    build = run(repo, "mkdocs", "build", "--strict")
    for line in EXPECTED_MARKUP:
        assert line in check.stdout, line
        assert line in build.stdout + build.stderr, line
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert not any(f"ZZ{n:02d}Q".encode() in published(repo) for n in range(1, 11))


def test_harmless_text_in_the_same_places_builds_and_shows_as_text(repo):
    write(repo, {POST: HOSTILE_POST.split("{{")[0] + "Text ZZ11Q mit 5 < 7 & \"Zitat\" und [Profil](../../partner/"
                 + first_partner(repo) + ".md).\n",
                 PAGE: "---\ntitle: ZZ12Q Seite\n---\n\n# Seite\n\nText ZZ13Q mit <abbr title=\"ZZ14Q\">Abk.</abbr>\n"})
    check = run(repo, "klimapakt", "check")
    assert check.returncode == 0, check.stdout
    build = run(repo, "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr
    slug = news.read_post(repo / POST).slug  # without `slug:`, named from the title as the blog plugin does
    assert slug == "zz02q-angriff"
    post_html = (repo / f"site/aktuelles/{slug}/index.html").read_text(encoding="utf-8")
    assert "Text ZZ11Q mit 5 &lt; 7 &amp; \"Zitat\"" in post_html or "Text ZZ11Q mit 5 &lt; 7 &amp; &quot;Zitat&quot;" in post_html
    assert f'href="../../partner/{first_partner(repo)}/"' in post_html
    page_html = (repo / "site/angriff/index.html").read_text(encoding="utf-8")
    assert '<abbr title="ZZ14Q">Abk.</abbr>' in page_html and "ZZ13Q" in page_html
    preview = run(repo, "mkdocs", "build", "--strict", "-f", "mkdocs.preview.yml")  # links to files
    assert preview.returncode == 0, preview.stderr
    post_html = (repo / f"site/aktuelles/{slug}.html").read_text(encoding="utf-8")
    assert f'href="../partner/{first_partner(repo)}/index.html"' in post_html


def first_partner(repo: Path) -> str:
    import yaml
    return yaml.safe_load((repo / "partners.yml").read_text(encoding="utf-8"))["partners"][0]["id"]
