"""Every logo the check accepts renders quickly in Chromium; the amplification corpus is refused.

The corpus: the fixture logos and generated ones at the check's bounds (klimapakt.rules.svg_bounds):
the most <use> expansion, elements and nesting it accepts. Each is shown as a page's <img>, as a
profile shows it, and must be painted (a screenshot) within a generous bound against hangs; the
nested-use bombs that froze the browser (10^3 … 10^6 copies) never get that far.
"""

from __future__ import annotations

import base64
import io
import shutil
import time
from pathlib import Path

import pytest

from klimapakt.rules import logos, svg_bounds
from svg_corpus import amplified, drawn_per_reference, flat, svg

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
BOUND_SECONDS = 10  # against hangs; the heaviest accepted logo paints in well under a second
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp", ".jpg": "image/jpeg"}


def generated() -> dict[str, bytes]:
    from PIL import Image

    big = io.BytesIO()
    Image.new("RGB", (4000, 4000), (0, 110, 60)).save(big, "PNG")
    return {
        "expanded-am-limit.svg": flat(uses=48, paths=1000).encode(),  # 49,100 drawn elements
        "elemente-am-limit.svg": svg("<g/>" * (svg_bounds.MAX_ELEMENTS - 1)).encode(),  # 200 KB allow no more
        "viele-formen.svg": svg("".join(f'<rect x="{n % 100}" y="{n // 100}" width="1" height="1"/>'
                                        for n in range(5000))).encode(),
        "tiefe-am-limit.svg": svg("<g>" * 98 + '<rect width="9" height="9"/>' + "</g>" * 98).encode(),
        "symbol.svg": svg('<defs><symbol id="s" viewBox="0 0 10 10"><path d="M0 0h10v10z"/></symbol></defs>'
                          + "".join(f'<use href="#s" x="{n}" width="5" height="5"/>' for n in range(200))).encode(),
        "gross.png": big.getvalue(),
        **{f"{kind}-am-limit.svg": drawn_per_reference(kind, 45, 1000, via_style=kind == "mask").encode()
           for kind in ("pattern", "mask", "clipPath")},
    }


def accepted_corpus(folder: Path) -> list[Path]:
    for path in FIXTURES.iterdir():
        shutil.copy(path, folder / path.name)
    for name, data in generated().items():
        (folder / name).write_bytes(data)
    return sorted(p for p in folder.iterdir() if not logos.check_logo(p.name, folder))


def paint_seconds(page, path: Path) -> float:
    source = f"data:{MIME[path.suffix]};base64,{base64.b64encode(path.read_bytes()).decode()}"
    start = time.monotonic()
    page.set_content(f'<img id="logo" alt="" width="400" height="200" src="{source}">', timeout=BOUND_SECONDS * 1000)
    page.wait_for_function("() => document.getElementById('logo').complete", timeout=BOUND_SECONDS * 1000)
    page.screenshot(timeout=BOUND_SECONDS * 1000)
    return time.monotonic() - start


def test_every_accepted_logo_renders_within_the_bound(browser, tmp_path):
    corpus = accepted_corpus(tmp_path)
    assert {"expanded-am-limit.svg", "elemente-am-limit.svg", "tiefe-am-limit.svg", "gross.png", "ok.svg",
            "ok.png", "pattern-am-limit.svg", "mask-am-limit.svg", "clipPath-am-limit.svg"} <= {p.name for p in corpus}
    page = browser.new_page(viewport={"width": 640, "height": 400})
    slow = {p.name: seconds for p in corpus if (seconds := paint_seconds(page, p)) > BOUND_SECONDS}
    assert slow == {}


@pytest.mark.parametrize("levels", [3, 4, 5, 6])
def test_the_amplification_corpus_is_refused_naming_the_file(tmp_path, levels):
    name = f"verschachtelt-{levels}.svg"
    (tmp_path / name).write_text(amplified(levels), encoding="utf-8")
    message = logos.check_logo(name, tmp_path)
    assert len(message) == 1 and message[0].startswith(f"Die Logo-Datei „{name}“ verweist mit <use> auf ein Element")


@pytest.mark.parametrize("kind", ["pattern", "mask", "clipPath"])
def test_patterns_masks_and_clip_paths_drawn_thousands_of_times_are_refused(tmp_path, kind):
    name = f"{kind}-bombe.svg"  # 2,500 × 1,000 drawn paths in 150 KB: Chromium took 4 to 12 s to paint them
    (tmp_path / name).write_text(drawn_per_reference(kind, 2500, 1000), encoding="utf-8")
    message = logos.check_logo(name, tmp_path)
    assert len(message) == 1 and message[0].startswith(f"Die Logo-Datei „{name}“ vervielfacht seine Formen")
