"""Micro-benchmark: check every logo file of a folder, as `check` does for docs/assets/partners.

    python bench/logos.py FOLDER [ROUNDS]
    python bench/logos.py --corpus FOLDER   # writes the corpus: logos at the check's bounds
    farm-bench --vs 'sh -c "cd OLD && exec python bench/logos.py FOLDER"' -- python bench/logos.py FOLDER

The corpus holds what makes the check work hardest: the largest SVG it accepts by expansion and
by element count, deep nesting, a 4000 × 4000 PNG (decoded in full), ordinary logos, and a
refused nested-use bomb.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from klimapakt.rules import logos

NS = 'xmlns="http://www.w3.org/2000/svg"'


def corpus(folder: Path) -> None:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    group = '<g id="g">' + '<path d="M0 0h1v1z"/>' * 1000 + "</g>"
    (folder / "expanded.svg").write_text(f"<svg {NS}><defs>{group}</defs>" + '<use href="#g"/>' * 48 + "</svg>")
    (folder / "elements.svg").write_text(f"<svg {NS}>" + "<g/>" * 19_999 + "</svg>")
    (folder / "deep.svg").write_text(f"<svg {NS}>" + "<g>" * 98 + "</g>" * 98 + "</svg>")
    defs = '<path id="l0" d="M0 0h1v1z"/>' + "".join(
        f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 7))
    (folder / "bomb.svg").write_text(f'<svg {NS}><defs>{defs}</defs><use href="#l6"/></svg>')
    for name, size in (("big.png", (4000, 4000)), ("logo.png", (600, 200))):
        out = io.BytesIO()
        Image.new("RGB", size, (0, 110, 60)).save(out, "PNG")
        (folder / name).write_bytes(out.getvalue())


def main(folder: Path, rounds: int) -> None:
    for _ in range(rounds):
        for path in sorted(folder.iterdir()):
            logos.check_logo(path.name, folder)


if __name__ == "__main__":
    if sys.argv[1] == "--corpus":
        corpus(Path(sys.argv[2]))
    else:
        main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)
