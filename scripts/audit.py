"""Lighthouse audit (`make audit`): start page, directory and a full partner profile, with
Lighthouse's mobile and desktop presets. Not a test: it reports, it does not fail on scores.

Builds the demo site (60 fictional partners) with its site_url set to the local server, serves
it on 127.0.0.1 the way GitHub Pages serves it (gzip, max-age=600), runs the pinned npm
`lighthouse` (package.json) in Debian's Chromium (CHROME_PATH=/usr/bin/chromium), and writes

    audit/lighthouse.json   every run: the four category scores, transfer size, failed audits
    audit/lighthouse.md     the same as a table

Targets: performance >= 95, accessibility 100, best practices 100, SEO 100.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
WORK = ROOT / "build" / "audit"
OUT = ROOT / "audit"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PRESETS = ["mobile", "desktop"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run --disable-quic"
COMPRESS = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".ics", ".csv"}


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text, max-age=600, 404.html."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the slash URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(port: int) -> Path:
    registry = WORK / "partners.yml"
    site = WORK / "site"
    py = sys.executable
    subprocess.run([py, "-m", "klimapakt", "demo", "--count", "60", "--output", str(registry)],
                   cwd=ROOT, check=True, capture_output=True)
    env = {**os.environ, "KLIMAPAKT_REGISTRY": str(registry), "SITE_URL": f"http://127.0.0.1:{port}/",
           "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([py, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return site


def full_profile(site: Path) -> str:
    """A profile with logo, contact, targets, measures and emissions (as in the browser tests)."""
    needles = ('class="kp-profile__logo"', 'id="kontakt"', 'id="ziele"', 'id="massnahmen"', 'id="emissionen"')
    for page in sorted((site / "partner").glob("*/index.html")):
        if all(n in page.read_text(encoding="utf-8") for n in needles):
            return f"partner/{page.parent.name}/"
    return sorted((site / "partner").glob("*/index.html"))[0].parent.relative_to(site).as_posix() + "/"


def lighthouse(url: str, preset: str, report: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--locale=de"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(name: str, path: str, preset: str, lhr: dict) -> dict:
    audits = lhr["audits"]
    failed = {}
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.setdefault(category, []).append(f"{ref['id']} ({audit['score']:.2f}): {audit['title']}")
    return {
        "page": name, "path": "/" + path, "preset": preset,
        "scores": {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES},
        "transfer_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"].get("details", {}).get("items", [])),
        "metrics": {m: round(audits[m]["numericValue"]) for m in
                    ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")},
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "failed_audits": failed,
        "lighthouse": lhr["lighthouseVersion"], "chrome": lhr["environment"]["hostUserAgent"],
    }


def markdown(rows: list[dict]) -> str:
    lines = [
        "# Lighthouse audit",
        "",
        f"`make audit`, Lighthouse {rows[0]['lighthouse']} in Debian's Chromium, demo site (60 fictional partners)"
        " served on 127.0.0.1 with gzip. Targets: performance ≥ 95, accessibility, best practices and SEO 100.",
        "",
        "| page | preset | performance | accessibility | best practices | SEO | transfer size | requests |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s = r["scores"]
        marks = {c: "" if s[c] >= TARGETS[c] else " ⚠" for c in CATEGORIES}
        lines.append(f"| {r['page']} (`{r['path']}`) | {r['preset']} | {s['performance']}{marks['performance']} | "
                     f"{s['accessibility']}{marks['accessibility']} | {s['best-practices']}{marks['best-practices']} | "
                     f"{s['seo']}{marks['seo']} | {r['transfer_bytes'] / 1000:.1f} kB | {r['requests']} |")
    missed = [(r, c, a) for r in rows for c, audits in r["failed_audits"].items() for a in audits]
    if missed:
        lines += ["", "Audits below full score:", ""]
        lines += [f"- {r['page']}, {r['preset']}, {c}: {a}" for r, c, a in missed]
    return "\n".join(lines) + "\n"


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `make audit` (it runs npm ci)", file=sys.stderr)
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(exist_ok=True)
    port = free_port()
    site = build(port)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(PagesLikeHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = {"start": "", "directory": "klimapartner/", "profile": full_profile(site)}
    rows = []
    try:
        for name, path in pages.items():
            for preset in PRESETS:
                started = time.monotonic()
                lhr = lighthouse(f"http://127.0.0.1:{port}/{path}", preset, WORK / f"{name}-{preset}.json")
                rows.append(summarise(name, path, preset, lhr))
                s = rows[-1]["scores"]
                print(f"{name:9} {preset:7} " + "  ".join(f"{c} {s[c]}" for c in CATEGORIES)
                      + f"  {rows[-1]['transfer_bytes'] / 1000:.1f} kB  ({time.monotonic() - started:.0f} s)")
    finally:
        server.shutdown()
    (OUT / "lighthouse.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "lighthouse.md").write_text(markdown(rows), encoding="utf-8")
    print(f"wrote {OUT / 'lighthouse.json'} and {OUT / 'lighthouse.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
