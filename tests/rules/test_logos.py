"""Logo files and the files under docs/: SVG allow-list, pixel limits, symlinks and special files.

Every hostile file is refused with its exact German message, by `check` and by a real
`mkdocs build --strict` of a copy of the repository, and nothing it points at is published.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.repo_copy import copy_for_building
from klimapakt import model
from klimapakt.load import loader
from klimapakt.rules import logo_content, logos
from klimapakt import files
from klimapakt.__main__ import main
from klimapakt.report import ERROR, Problem

ROOT = Path(__file__).resolve().parents[2]
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
EXTERNAL = "einen Verweis auf eine externe Quelle"
# What a build or check must never reveal: set in the environment that /proc/self/environ shows.
SECRET = "geheimer-wert-4711"


def svg_problem(found: str) -> list[str]:
    return [f"Das SVG enthält {found}; das ist aus Sicherheitsgründen nicht erlaubt."]


def symlink_message(path: str) -> str:
    return (f"Die Datei „{path}“ ist eine Verknüpfung (Symlink) auf eine andere Datei. Verknüpfungen sind aus "
            "Sicherheitsgründen nicht erlaubt; bitte die Datei selbst hochladen.")


def folder_message(path: str) -> str:
    return (f"Der Ordner „{path}“ ist eine Verknüpfung (Symlink) auf einen anderen Ordner. Verknüpfungen sind aus "
            "Sicherheitsgründen nicht erlaubt; bitte die Dateien selbst hochladen.")


def png(width: int, height: int = 1) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"


def jpeg(width: int, height: int) -> bytes:
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + b"\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01")


def webp_vp8x(width: int, height: int) -> bytes:
    return (b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00"
            + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little"))


# --- SVG: the bypasses of the old deny-list, and what else an allow-list refuses

@pytest.mark.parametrize(("body", "found"), [
    # url() in other spellings
    ('<rect style="fill: URL(https://x.example/a.svg#g)"/>', EXTERNAL),
    (r"<style>.a{fill:u\72 l(https://x.example/a.svg#g)}</style>", EXTERNAL),
    (r"<style>.a{fill:u\000072 l(https://x.example/a.svg#g)}</style>", EXTERNAL),
    (r"<style>.a{fill:\75\72\6c(https://x.example/a.svg#g)}</style>", EXTERNAL),
    (r'<rect style="fill:\55 RL(https://x.example/a.svg#g)"/>', EXTERNAL),
    ("<style>.a{fill:u&#x72;l(https://x.example/a.svg#g)}</style>", EXTERNAL),
    ("<style>@IMPORT 'https://x.example/a.css';</style>", EXTERNAL),
    (r"<style>@\69mport 'https://x.example/a.css';</style>", EXTERNAL),
    ("<style>@import/**/'https://x.example/a.css';</style>", EXTERNAL),
    # url() in presentation attributes
    ('<rect fill="url(https://x.example/a.svg#g)"/>', EXTERNAL),
    ('<rect stroke="URL(//x.example/a.svg#g)"/>', EXTERNAL),
    ('<rect mask="url(a.svg#m)"/>', EXTERNAL),
    ('<rect clip-path="url(data:image/svg+xml;base64,AAAA#c)"/>', EXTERNAL),
    # a local url(#…) next to an external one
    ('<rect fill="url(#g) url(https://x.example/a.svg#g)"/>', EXTERNAL),
    ('<rect style="fill:url(#g);stroke:url(https://x.example/a.svg#g)"/>', EXTERNAL),
    ("<style>.a{fill:url(#g)} .b{fill:url(https://x.example/a.svg#g)}</style>", EXTERNAL),
    ("<style>.a{fill:url('#g'), url(https://x.example/a.svg#g)}</style>", EXTERNAL),
    # what comments, strings and child elements might hide
    ("<style>.a{fill:url(/**/#g)}</style>", EXTERNAL),
    ('<style>.a{content:"/*"} .b{fill:url(https://x.example/a.svg)} .c{content:"*/"}</style>', EXTERNAL),
    ("<style>.a{fill:u<tspan/>rl(https://x.example/a.svg)}</style>", EXTERNAL),
    ("<style><![CDATA[.a{fill:url(https://x.example/a.svg)}]]></style>", EXTERNAL),
    # other ways CSS loads or runs something
    ("<style>.a{background:image-set('https://x.example/a.png' 1x)}</style>", EXTERNAL),
    ("<style>.a{width:expression(alert(1))}</style>", "den CSS-Ausdruck „expression()“"),
    (r'<rect fill="java\09 script:alert(1)"/>', "„javascript:“"),
    # references through href, also in animations
    ('<use href="https://x.example/a.svg#a"/>', EXTERNAL),
    ('<use xlink:href="a.svg#a"/>', EXTERNAL),
    ('<linearGradient id="g" href="https://x.example/a.svg#g"/>', EXTERNAL),
    ('<animate attributeName="fill" values="red;url(https://x.example/a.svg#g)"/>', EXTERNAL),
    ('<set attributeName="class" to="a"/>', "das Element <set>, das „class“ verändert"),
    ('<animate attributeName="style" values="x"/>', "das Element <animate>, das „style“ verändert"),
    # elements and attributes that are not on the list
    ("<foreignObject><p>Hallo</p></foreignObject>", "das Element <foreignObject>"),
    ("<Script>alert(1)</Script>", "das Element <Script>"),
    ('<filter id="f"><feImage href="https://x.example/a.png"/></filter>', "das Element <filter>"),
    ("<handler>alert(1)</handler>", "das Element <handler>"),
    ('<g><html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script></g>',
     "das Element <script> aus dem Namensraum „http://www.w3.org/1999/xhtml“"),
    ('<g xmlns=""><script>alert(1)</script></g>', "das Element <g> ohne SVG-Namensraum"),
    ('<rect ev:onclick="x()" xmlns:ev="http://www.w3.org/2001/xml-events"/>',
     "das Attribut „onclick“ aus dem Namensraum „http://www.w3.org/2001/xml-events“"),
    ('<a xlink:show="new" href="#a"><text>x</text></a>', "das Attribut „show“ aus dem Namensraum „http://www.w3.org/1999/xlink“"),
    ('<rect xml:base="https://x.example/"/>', "das Attribut „base“ aus dem Namensraum „http://www.w3.org/XML/1998/namespace“"),
    ('<a href="#a" target="_blank"><text>x</text></a>', "das Attribut „target“"),
    ('<g onfocusin="x()"/>', "das Attribut „onfocusin“"),
    ("<g><?php echo 1; ?></g>", "die Verarbeitungsanweisung „<?php“"),
])
def test_check_svg_refuses_with_the_exact_finding(body, found):
    assert logo_content.check_svg(SVG.format(body).encode()) == svg_problem(found)


def test_check_svg_refuses_a_stylesheet_instruction_in_any_encoding():
    data = '<?xml-stylesheet href="https://x.example/a.css"?>' + SVG.format("")
    assert logo_content.check_svg(data.encode("utf-16")) == [  # refused before parsing: only UTF-8 and Latin-1 are read
        "Das SVG ist nicht als UTF-8 gespeichert (sondern als „UTF-16/UTF-32“). Bitte beim Export „UTF-8“ als "
        "Zeichensatz wählen."]
    assert logo_content.check_svg(data.encode()) == svg_problem(EXTERNAL)
    assert logo_content.check_svg(('<?xml version="1.0"?><?xml-stylesheet type="text/css" href="a.css"?>' + SVG.format(""))
                           .encode()) == svg_problem(EXTERNAL)


def test_check_svg_names_each_finding_once_and_not_the_content_of_refused_elements():
    body = ('<foreignObject><iframe src="https://x.example/"/></foreignObject><rect fill="URL(https://x.example/a)"/>'
            '<g onload="x()"/>')
    assert logo_content.check_svg(SVG.format(body).encode()) == svg_problem(
        f"das Attribut „onload“, das Element <foreignObject>, {EXTERNAL}")


def test_check_svg_asks_for_the_svg_namespace():
    assert logo_content.check_svg(b'<svg width="240"><rect/></svg>') == [
        'Im Element <svg> fehlt die Angabe xmlns="http://www.w3.org/2000/svg"; ohne sie zeigen Browser das Logo nicht an.']


@pytest.mark.parametrize("body", [
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#2e7d32"/></linearGradient></defs>'
    '<rect width="10" height="10" fill="url(#g)"/>',
    '<radialGradient id="r" xlink:href="#g" cx="0.5" cy="0.5" r="0.5" gradientUnits="objectBoundingBox"/>',
    '<symbol id="a" viewBox="0 0 10 10"><path d="M0 0h10v10z"/></symbol><use href="#a"/><use xlink:href="#a"/>',
    "<style>.a{fill:url(#g)} .b{stroke:URL( '#g' )}</style>",
    '<style type="text/css">/* Farben */ .a{fill:#1f6b46;font-family:"Muster Sans",sans-serif}</style>',
    '<rect style="fill:url(&quot;#g&quot;);stroke-width:2"/>',
    '<clipPath id="c"><circle cx="5" cy="5" r="5"/></clipPath><mask id="m"><rect width="5" height="5"/></mask>'
    '<g clip-path="url(#c)" mask="url(#m)" fill-rule="evenodd"><ellipse cx="1" cy="1" rx="1" ry="1"/></g>',
    '<pattern id="p" width="4" height="4" patternUnits="userSpaceOnUse"><line x1="0" y1="0" x2="4" y2="4"/></pattern>',
    '<text x="0" y="10" font-size="10" text-anchor="start" xml:space="preserve">Muster <tspan dy="2">GmbH</tspan></text>',
    '<g id="Ebene_1" data-name="Ebene 1" role="img" aria-label="Muster GmbH"><polygon points="0,0 1,1 0,1"/></g>',
    '<animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="2s" repeatCount="indefinite"/>',
    '<a href="#a"><text>Muster</text></a>',
    "<!-- exportiert --><title>Logo</title><desc>Muster GmbH</desc>",
])
def test_check_svg_accepts_what_logos_need(body):
    assert logo_content.check_svg(SVG.format(body).encode()) == []


@pytest.mark.parametrize("path", sorted((ROOT / "docs/assets/partners").glob("*.svg")) + [LOGOS / "gradient.svg"],
                         ids=lambda p: p.name)
def test_shipped_and_fixture_logos_pass(path):
    assert logos.check_logo(path.name, path.parent) == []


@pytest.mark.parametrize("name", ["escaped-url.svg", "import-upper.svg", "fill-external.svg", "mixed-url.svg"])
def test_fixture_logos_with_hidden_external_references_are_refused(name):
    assert logos.check_logo(name, LOGOS) == svg_problem(EXTERNAL)


def test_css_findings_resolve_escapes_before_comparing():
    assert logo_content.css_findings(r"fill: \000055\000052\00004c(https://x.example/)") == {EXTERNAL}
    assert logo_content.css_findings(r"fill: url(\23 g)") == set()  # "\23 " is "#": a local reference
    assert logo_content.css_findings("fill: #fff; stroke: red") == set()


# --- raster logos: pixel size from the header

@pytest.mark.parametrize(("data", "suffix", "size"), [
    (png(240, 120), ".png", (240, 120)),
    (jpeg(320, 16), ".jpg", (320, 16)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", 300, 100), ".webp",
     (300, 100)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" + struct.pack("<I", 299 | 149 << 14) + b"\x00", ".webp",
     (300, 150)),
    (webp_vp8x(256, 4096), ".webp", (256, 4096)),
])
def test_raster_size_reads_width_and_height(data, suffix, size):
    assert logo_content.raster_size(data, suffix) == size


def test_raster_size_needs_the_png_header_chunk_first():
    assert logo_content.raster_size(png(240).replace(b"IHDR", b"tEXt"), ".png") is None


@pytest.mark.parametrize(("name", "data", "message"), [
    ("breit.png", png(4001, 300), "Das Logo ist 4001 × 300 Pixel groß"),
    ("hoch.png", png(300, 50000), "Das Logo ist 300 × 50000 Pixel groß"),
    ("riesig.jpg", jpeg(65000, 65000), "Das Logo ist 65000 × 65000 Pixel groß"),
    ("hoch.webp", webp_vp8x(400, 16384), "Das Logo ist 400 × 16384 Pixel groß"),
])
def test_check_logo_refuses_more_than_4000_pixels_per_side(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    assert logos.check_logo(name, tmp_path) == [
        f"{message}; höchstens 4000 × 4000 Pixel sind erlaubt. Bitte verkleinert speichern."]


def test_check_logo_accepts_exactly_4000_pixels_per_side(tmp_path):
    (tmp_path / "gross.png").write_bytes(real_image("PNG", 4000, 4000))
    assert logos.check_logo("gross.png", tmp_path) == []


# --- raster logos: decoded in full (Pillow), not only the header

def real_image(kind: str, width: int = 300, height: int = 100, **options) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 110, 60)).save(out, kind, **options)
    return out.getvalue()


def unreadable(name: str, kind: str) -> list[str]:
    return [f"„{name}“ ließ sich nicht als {kind}-Bild lesen (die Datei ist beschädigt, unvollständig oder in "
            f"Wahrheit ein anderes Format). Bitte das Logo neu als {kind} speichern und hochladen."]


@pytest.mark.parametrize(("name", "data"), [
    ("logo.png", real_image("PNG")),
    ("logo.webp", real_image("WEBP")),
    ("logo.webp", real_image("WEBP", lossless=True)),
    ("logo.jpg", real_image("JPEG")),
    ("logo.jpeg", real_image("JPEG", progressive=True)),
])
def test_a_complete_raster_logo_passes(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert logos.check_logo(name, tmp_path) == []


@pytest.mark.parametrize(("name", "kind", "data"), [
    ("header.png", "PNG", png(300, 100)),  # a header and nothing else
    ("kurz.png", "PNG", real_image("PNG", 800, 600)[:60]),  # cut off after the first chunk
    ("kaputt.png", "PNG", real_image("PNG")[:-20] + b"\x00" * 20),  # the image data and end chunk overwritten
    ("header.webp", "WEBP", b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00" + (299).to_bytes(3, "little")
     + (99).to_bytes(3, "little")),
    ("kurz.webp", "WEBP", real_image("WEBP", 800, 600)[:40]),
    ("header.jpg", "JPG", jpeg(320, 200)),
    ("ist-jpeg.png", "PNG", real_image("JPEG")),  # another format behind the name
])
def test_a_raster_logo_that_does_not_decode_is_refused_with_its_name(tmp_path, name, kind, data):
    (tmp_path / name).write_bytes(data)
    assert logos.check_logo(name, tmp_path) == (
        unreadable(name, kind) if logo_content.raster_size(data, name[name.rindex("."):]) else
        [f"„{name}“ ist keine lesbare {kind}-Datei."])


def test_an_animation_with_too_many_pixels_in_all_frames_is_refused(tmp_path, monkeypatch):
    from PIL import Image

    from klimapakt.rules import raster

    monkeypatch.setattr(raster, "MAX_TOTAL_PIXELS", 4 * 300 * 100)
    frames = [Image.new("RGB", (300, 100), (n * 40, 0, 0)) for n in range(5)]
    out = io.BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:])
    (tmp_path / "film.png").write_bytes(out.getvalue())
    assert logos.check_logo("film.png", tmp_path) == [
        "„film.png“ ist zu groß zum Anzeigen (300 × 100 Pixel, 5 Bilder). Bitte verkleinert oder ohne Animation speichern."]
    monkeypatch.setattr(raster, "MAX_TOTAL_PIXELS", 5 * 300 * 100)
    assert logos.check_logo("film.png", tmp_path) == []


# --- logo files: size before reading, symlinks, special files

def test_an_oversized_logo_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    with open(tmp_path / "riesig.svg", "wb") as file:
        file.truncate(1024 ** 3)  # sparse: 1 GB that takes no disk space
    monkeypatch.setattr(files, "_read_at_most", lambda *args: pytest.fail("the file was opened"))
    assert logos.check_logo("riesig.svg", tmp_path) == [
        "Die Logo-Datei ist 1048576 KB groß; höchstens 200 KB sind erlaubt."]


def test_reading_stops_one_byte_after_the_limit(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"x" * 100_000)
    assert len(files._read_at_most(tmp_path / "x.bin", "x", 10)) == 11


def test_a_symlinked_logo_is_refused_even_when_its_target_is_a_valid_logo(tmp_path):
    outside = tmp_path / "ausserhalb"
    outside.mkdir()
    shutil.copy(LOGOS / "ok.svg", outside / "ok.svg")
    logo_dir = tmp_path / "logos"
    logo_dir.mkdir()
    (logo_dir / "muster.svg").symlink_to(outside / "ok.svg")
    (logo_dir / "null.png").symlink_to("/dev/zero")
    (logo_dir / "umgebung.svg").symlink_to("/proc/self/environ")
    (logo_dir / "weg.svg").symlink_to(tmp_path / "fehlt.svg")
    for name in ("muster.svg", "null.png", "umgebung.svg", "weg.svg"):
        assert logos.check_logo(name, logo_dir) == [
            f"Die Logo-Datei „{name}“ ist eine Verknüpfung (Symlink) auf eine andere Datei. Verknüpfungen sind aus "
            "Sicherheitsgründen nicht erlaubt; bitte die Datei selbst hochladen."]


def test_a_logo_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.svg")
    assert logos.check_logo("pipe.svg", tmp_path) == [
        "Die Logo-Datei „pipe.svg“ ist keine gewöhnliche Datei (sondern z. B. ein Ordner, eine Pipe oder ein Gerät) "
        "und wird nicht gelesen."]


@pytest.mark.parametrize("linked", ["docs", "docs/assets", "docs/assets/partners"])
def test_logos_are_not_read_through_a_symlinked_folder(tmp_path, linked):
    outside = tmp_path / "ausserhalb"
    (outside / "docs/assets/partners").mkdir(parents=True)
    shutil.copy(LOGOS / "ok.svg", outside / "docs/assets/partners/ok.svg")
    repo = tmp_path / "repo"
    (repo / linked).parent.mkdir(parents=True, exist_ok=True)
    (repo / linked).symlink_to(outside / linked)
    assert logos.check_logo("ok.svg", repo / "docs/assets/partners") == [folder_message(linked)]


# --- every file in the logo folder and under docs/

def test_folder_problems_check_unreferenced_files_and_skip_named_ones(tmp_path):
    shutil.copy(LOGOS / "script.svg", tmp_path / "neu.svg")
    shutil.copy(LOGOS / "ok.svg", tmp_path / "vorab.svg")
    shutil.copy(LOGOS / "script.svg", tmp_path / "benannt.svg")
    (tmp_path / "seite.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / ".gitkeep").write_text("", encoding="utf-8")
    (tmp_path / "alt").mkdir()
    assert logos.folder_problems(tmp_path, ["benannt.svg"]) == [
        ("alt", "Logos gehören direkt in den Ordner docs/assets/partners/; Unterordner wie „alt“ sind nicht "
                "vorgesehen. Bitte die Dateien dorthin verschieben."),
        ("neu.svg", svg_problem("das Element <script>")[0]),
        ("seite.html", "„seite.html“: erlaubt sind SVG, PNG, WebP oder JPEG (Endung .svg, .png, .webp, .jpg oder .jpeg)."),
    ]


def test_tree_problems_find_symlinks_and_special_files_without_entering_linked_folders(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets/partners").mkdir(parents=True)
    (docs / "index.md").write_text("# Start", encoding="utf-8")
    (docs / "assets/partners/env.svg").symlink_to("/proc/self/environ")
    (docs / "assets/partners/.versteckt").symlink_to("/etc/hostname")
    (docs / "proc").symlink_to("/proc")
    os.mkfifo(docs / "assets/pipe.css")
    assert files.tree_problems(docs) == [
        ("proc", folder_message("docs/proc")),
        ("assets/pipe.css", "Die Datei „docs/assets/pipe.css“ ist keine gewöhnliche Datei (sondern z. B. ein Ordner, "
                            "eine Pipe oder ein Gerät) und wird nicht gelesen."),
        ("assets/partners/.versteckt", symlink_message("docs/assets/partners/.versteckt")),
        ("assets/partners/env.svg", symlink_message("docs/assets/partners/env.svg")),
    ]


def test_docs_problems_skip_the_logo_folder_check_when_the_folder_is_a_link(tmp_path):
    outside = tmp_path / "ausserhalb"
    outside.mkdir()
    shutil.copy(LOGOS / "script.svg", outside / "script.svg")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets/partners").symlink_to(outside)
    assert logos.docs_problems(docs, []) == [
        Problem(1, "Datei", "-", folder_message("docs/assets/partners"), ERROR, "docs/assets/partners")]


# --- registry files

@pytest.fixture
def outside_registry(tmp_path) -> Path:
    outside = tmp_path / "ausserhalb"
    outside.mkdir()
    target = outside / "geheim.yml"
    target.write_text(f"partners:\n  - id: {SECRET}\n", encoding="utf-8")
    return target


def registry_symlink_problem(file: str) -> Problem:
    return Problem(1, "Datei", "-", symlink_message(file), ERROR, file)


def test_a_symlinked_registry_is_refused_and_not_read(tmp_path, outside_registry):
    (tmp_path / "partners.yml").symlink_to(outside_registry)
    (tmp_path / "events.yml").symlink_to(outside_registry)
    assert loader.load_file(tmp_path / "partners.yml").problems == (registry_symlink_problem("partners.yml"),)
    assert loader.load_events(tmp_path / "events.yml", [])[1] == (registry_symlink_problem("events.yml"),)


def test_a_registry_that_is_a_fifo_or_a_folder_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "partners.yml")
    (tmp_path / "events.yml").mkdir()
    message = ("Die Datei „{}“ ist keine gewöhnliche Datei (sondern z. B. ein Ordner, eine Pipe oder ein Gerät) und "
               "wird nicht gelesen.")
    assert loader.load_file(tmp_path / "partners.yml").problems == (
        Problem(1, "Datei", "-", message.format("partners.yml"), ERROR, "partners.yml"),)
    assert loader.load_events(tmp_path / "events.yml", [])[1] == (
        Problem(1, "Datei", "-", message.format("events.yml"), ERROR, "events.yml"),)


def test_read_registry_bytes_applies_a_size_limit_before_reading(tmp_path):
    (tmp_path / "partners.yml").write_bytes(b"x" * 3000)
    with pytest.raises(files.TooLarge, match="^Die Datei „partners.yml“ ist 2 KB groß; höchstens 1 KB sind erlaubt.$"):
        files.read_registry_bytes(tmp_path / "partners.yml", 1024)


def test_registry_text_keeps_line_ends_as_read_text_did(tmp_path):
    (tmp_path / "partners.yml").write_bytes(b"a\r\nb\rc\n")
    assert files.read_registry_text(tmp_path / "partners.yml") == "a\nb\nc\n"


# --- `check` and a real build of a copy of the repository

@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of what the build reads, to add hostile files to."""
    return copy_for_building(tmp_path / "repo")


def build(repo: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KLIMAPAKT_")}
    env.update(NO_MKDOCS_2_WARNING="1", KLIMAPAKT_TEST_SECRET=SECRET)  # the real date: it builds the real registries
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def check_output(repo: Path, capsys) -> tuple[int, str]:
    code = main(["check", str(repo / "partners.yml")])
    return code, capsys.readouterr().out


def assert_refused(repo: Path, capsys, *lines: str, build_stops_at: int | None = None) -> None:
    """`check` fails with exactly these problems and the build with them (or the first `build_stops_at`,
    when loading the registry stops it first), and nothing secret leaks anywhere."""
    code, out = check_output(repo, capsys)
    assert code == 1
    errors = out.split("Fehler:\n", 1)[1].split("Hinweise:\n", 1)[0].splitlines()
    assert sorted(line for line in errors if line.startswith("  ")) == sorted(f"  {line}" for line in lines)
    result = build(repo)
    assert result.returncode != 0
    for line in lines[:build_stops_at]:
        assert line in result.stdout + result.stderr
    assert SECRET not in out + result.stdout + result.stderr
    site = repo / "site"
    assert not any(SECRET.encode() in path.read_bytes() for path in site.rglob("*") if path.is_file())


def add_logo_to_first_partner(repo: Path, logo: str) -> int:
    """Name `logo` in the first partner's entry; returns the line of the new `logo:` field."""
    text = (repo / "partners.yml").read_text(encoding="utf-8")
    text = text.replace("    role: founding\n", f"    role: founding\n    logo: {logo}\n", 1)
    (repo / "partners.yml").write_text(text, encoding="utf-8")
    return text.splitlines().index(f"    logo: {logo}") + 1


def test_an_unreferenced_valid_logo_builds_and_is_published(repo, capsys):
    shutil.copy(LOGOS / "gradient.svg", repo / "docs/assets/partners/muster-gmbh.svg")
    code, out = check_output(repo, capsys)
    assert code == 0, out
    result = build(repo)
    assert result.returncode == 0, result.stderr
    assert (repo / "site/assets/partners/muster-gmbh.svg").read_bytes() == (LOGOS / "gradient.svg").read_bytes()


def test_an_unreferenced_hostile_svg_fails_check_and_build_and_is_not_published(repo, capsys):
    shutil.copy(LOGOS / "escaped-url.svg", repo / "docs/assets/partners/neu.svg")
    shutil.copy(LOGOS / "xhtml.svg", repo / "docs/assets/partners/spaeter.svg")
    assert_refused(repo, capsys,
                   f"docs/assets/partners/neu.svg:1: Datei: {svg_problem(EXTERNAL)[0]}",
                   "docs/assets/partners/spaeter.svg:1: Datei: " + svg_problem(
                       "das Element <script> aus dem Namensraum „http://www.w3.org/1999/xhtml“")[0])
    assert not (repo / "site/assets/partners/neu.svg").exists()


def test_a_referenced_logo_that_links_outside_the_repository_is_refused(repo, tmp_path, capsys):
    shutil.copy(LOGOS / "ok.svg", tmp_path / "aussen.svg")
    (repo / "docs/assets/partners/aussen.svg").symlink_to(tmp_path / "aussen.svg")
    line = add_logo_to_first_partner(repo, "aussen.svg")
    message = ("Die Logo-Datei „aussen.svg“ ist eine Verknüpfung (Symlink) auf eine andere Datei. Verknüpfungen sind "
               "aus Sicherheitsgründen nicht erlaubt; bitte die Datei selbst hochladen.")
    assert_refused(repo, capsys, f"partners.yml:{line}: ihk-duesseldorf: logo: {message}",
                   "docs/assets/partners/aussen.svg:1: Datei: " + symlink_message("docs/assets/partners/aussen.svg"),
                   build_stops_at=1)
    assert not (repo / "site/assets/partners/aussen.svg").exists()


def test_an_unreferenced_symlink_to_the_environment_is_refused_and_nothing_leaks(repo, capsys, monkeypatch):
    monkeypatch.setenv("KLIMAPAKT_TEST_SECRET", SECRET)  # for `check`, which runs in this process
    (repo / "docs/assets/partners/umgebung.svg").symlink_to("/proc/self/environ")
    assert_refused(repo, capsys, "docs/assets/partners/umgebung.svg:1: Datei: "
                   + symlink_message("docs/assets/partners/umgebung.svg"))


def test_a_symlink_to_dev_zero_is_refused(repo, capsys):
    (repo / "docs/assets/partners/null.png").symlink_to("/dev/zero")
    (repo / "docs/assets/null.css").symlink_to("/dev/zero")
    assert_refused(repo, capsys,
                   "docs/assets/null.css:1: Datei: " + symlink_message("docs/assets/null.css"),
                   "docs/assets/partners/null.png:1: Datei: " + symlink_message("docs/assets/partners/null.png"))


def test_a_symlinked_folder_under_docs_is_refused(repo, tmp_path, capsys):
    outside = tmp_path / "ausserhalb"
    outside.mkdir()
    (outside / "geheim.txt").write_text(SECRET, encoding="utf-8")
    (repo / "docs/extern").symlink_to(outside)
    (repo / "docs/aktuelles/wurzel").symlink_to("/")
    assert_refused(repo, capsys,
                   "docs/aktuelles/wurzel:1: Datei: " + folder_message("docs/aktuelles/wurzel"),
                   "docs/extern:1: Datei: " + folder_message("docs/extern"))


def test_a_symlinked_registry_is_refused_by_check_and_build(repo, outside_registry, capsys):
    (repo / "partners.yml").unlink()
    (repo / "partners.yml").symlink_to(outside_registry)
    assert_refused(repo, capsys, "partners.yml:1: Datei: " + symlink_message("partners.yml"))


def test_a_symlinked_events_file_is_refused_by_check_and_build(repo, outside_registry, capsys):
    (repo / "events.yml").unlink()
    (repo / "events.yml").symlink_to(outside_registry)
    assert main(["check", str(repo / "events.yml")]) == 1
    assert capsys.readouterr().out.splitlines()[1] == "  events.yml:1: Datei: " + symlink_message("events.yml")
    result = build(repo)
    assert result.returncode != 0
    assert "events.yml:1: Datei: " + symlink_message("events.yml") in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_symlink_in_the_theme_overrides_is_refused_by_check_and_build(repo, capsys):
    """MkDocs copies the theme's custom_dir (overrides/) into the site as it copies docs/."""
    (repo / "overrides" / "umgebung.txt").symlink_to("/proc/self/environ")
    assert_refused(repo, capsys, "overrides/umgebung.txt:1: Datei: " + symlink_message("overrides/umgebung.txt"))


@pytest.mark.data
def test_the_shipped_docs_folder_has_no_problem():
    loaded = loader.load_file(ROOT / "partners.yml", logo_dir=ROOT / model.LOGO_DIR)
    assert logos.docs_problems(ROOT / "docs", [p.logo for p in loaded.partners if p.logo]) == []
