"""The pact office as a vCard for the Kontakt page, from the configured values (`extra.settings.geschaeftsstelle`).

vCard 3.0 (RFC 2426), not 4.0 (RFC 6350): Outlook, Apple Contacts, Android and Google Contacts all
import 3.0, while some of them read 4.0 only in part; what 4.0 adds (KIND:org) this card does not
need, and Apple's X-ABShowAs marks it as an organisation instead. Text escaping, CRLF line ends and
folding at 75 octets are the same in both versions.

Only filled-in values become properties. Nothing depends on the clock (no REV), so two builds
write the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .contentline import escape_text

VCARD_PATH = "kontakt/geschaeftsstelle-klimapakt.vcf"  # site path, linked from the Kontakt page
MEDIA_TYPE = "text/vcard"
FALLBACK_NAME = "Klimapakt Düsseldorf"  # FN is required; used only while name and organisation are empty
FOLD_OCTETS = 75  # RFC 2426 section 2.6 / RFC 6350 section 3.2, without the CRLF
CRLF = "\r\n"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# "Straße Nr., 40xxx Düsseldorf", the form mkdocs.yml asks for; anything else stays one street line.
ADDRESS_RE = re.compile(r"^(?P<street>.+?),\s*(?P<code>\d{5})\s+(?P<city>.+)$")


def fold(line: str) -> str:
    """A content line folded after at most 75 octets (continuation lines start with a space, which
    counts), never inside a UTF-8 sequence."""
    pieces, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > FOLD_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += octets
    return CRLF.join([*pieces, current])


def clean(value: Any) -> str:
    """A configured value as text: trimmed, tabs as spaces, other control characters dropped."""
    return CONTROL_RE.sub("", str(value or "").replace("\t", " ")).strip()


def structured(*components: str) -> str:
    return ";".join(escape_text(c) for c in components)


def address(value: str) -> str:
    """ADR: PO box; extended; street; locality; region; postal code; country (nothing invented)."""
    match = ADDRESS_RE.match(value)
    if match:
        return structured("", "", match["street"].strip(), match["city"].strip(), "", match["code"], "")
    return structured("", "", value, "", "", "", "")


def uri(value: str) -> str:
    """A URI value is not escaped like text: characters that would end it are percent-encoded."""
    return quote(value, safe=":/?#[]@!$&'()*+=%-._~")


def properties(office: Mapping[str, Any], site_url: str = "") -> list[str]:
    """The content lines before folding, in a fixed order."""
    name, organisation = clean(office.get("name")), clean(office.get("organisation"))
    email, phone = clean(office.get("email")), clean(office.get("telefon"))
    postal, person = clean(office.get("adresse")), clean(office.get("ansprechperson"))
    lines = ["BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:" + escape_text(name or organisation or FALLBACK_NAME)]
    if name or organisation:
        lines.append("ORG:" + structured(*[part for part in (organisation, name) if part]))
    lines.append("X-ABShowAs:COMPANY")  # Apple Contacts: show the organisation, not an empty person name
    if email:
        lines.append("EMAIL;TYPE=INTERNET,WORK:" + escape_text(email))
    if phone:
        lines.append("TEL;TYPE=WORK,VOICE:" + escape_text(phone))
    if postal:
        lines.append("ADR;TYPE=WORK:" + address(postal))
    if person:
        lines.append("NOTE:" + escape_text(f"Ansprechperson: {person}"))
    if clean(site_url):
        lines.append("URL:" + uri(clean(site_url).rstrip("/") + "/kontakt/"))
    return [*lines, "END:VCARD"]


def vcard_text(office: Mapping[str, Any], site_url: str = "") -> str:
    return "".join(fold(line) + CRLF for line in properties(office, site_url))


def write_vcard(office: Mapping[str, Any], site_dir: str | Path, site_url: str = "") -> Path:
    path = Path(site_dir) / VCARD_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(vcard_text(office, site_url).encode("utf-8"))
    return path
