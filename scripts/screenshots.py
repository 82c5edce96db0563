"""Screenshots of key pages at phone and desktop widths, for looking at what we build.

Usage: python scripts/screenshots.py SITE_DIR OUT_DIR [PATH ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

DEFAULT_PATHS = ["", "klimapartner/", "partner/muster-0001/"]


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    paths = sys.argv[3:] or DEFAULT_PATHS
    out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths:
                page.goto(base + path)
                name = (path.strip("/").replace("/", "_") or "start") + f"-{width}.png"
                page.screenshot(path=str(out / name), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": 1800})
                print(out / name)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
