"""Links the site writes itself from data (no Jinja here: the registry check imports it too)."""

from __future__ import annotations

import re
from urllib.parse import quote


def mailto_url(address: str, subject: str | None = None) -> str:
    """A mailto: link; the address and subject are percent-encoded (RFC 6068), so a "?" or "&"
    in an address cannot add headers (cc, body) to the message."""
    url = "mailto:" + quote(address, safe="@.+-_")
    return f"{url}?subject={quote(subject, safe='')}" if subject else url


def tel_url(phone: str) -> str:
    """A tel: link: only the digits and a leading "+" of the number as written."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)
