"""TEXT values of the line-based calendar and contact formats (.ics and .vcf).

RFC 5545 (3.3.11), RFC 2426 (section 5) and RFC 6350 (3.4) escape a text alike: backslash, comma,
semicolon and every line end, so a value can neither split a structured value nor start a property.
"""

from __future__ import annotations


def escape_text(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n")
    return lines.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
