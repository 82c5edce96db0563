"""The shipped nginx configuration (deploy/nginx/klimapakt.conf) with its placeholders written in.

The values go into nginx's syntax unquoted, so each is checked against what it may contain.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "klimapakt.conf"
PLACEHOLDERS = {
    "@ROOT@": re.compile(r"/[A-Za-z0-9._/-]*"),  # an absolute path, no spaces or quotes
    "@SERVER_NAME@": re.compile(r"[A-Za-z0-9._-]+(?: [A-Za-z0-9._-]+)*"),
    "@LISTEN@": re.compile(r"[A-Za-z0-9.:\[\]]+(?: [a-z0-9_=]+)*"),  # "80", "127.0.0.1:8080", "[::]:443 ssl"
}


def render(*, root: str, server_name: str, listen: str, template: Path = TEMPLATE) -> str:
    values = {"@ROOT@": root.rstrip("/") or "/", "@SERVER_NAME@": server_name, "@LISTEN@": listen}
    for placeholder, value in values.items():
        if not PLACEHOLDERS[placeholder].fullmatch(value):
            raise ValueError(f"{placeholder.strip('@').lower()}: {value!r} ist hier nicht erlaubt")
    text = template.read_text(encoding="utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text
