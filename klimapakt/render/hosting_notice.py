"""The privacy notice's hosting paragraph, chosen by one setting: `extra.settings.hosting.art`.

Where the site is served decides what the notice must say (Art. 13 (1) e and f GDPR: the
recipients, and a transfer to a third country): GitHub Pages (a US company), the operator's own
server (no hoster receives the log data), or an EU hoster processing on the operator's behalf
(Art. 28 GDPR). The hoster's name and the third-country statement are the settings beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .html import setting_text

INTRO = {
    "github-pages": "Diese Website wird über GitHub Pages bereitgestellt, einen Dienst der GitHub, Inc. aus den USA.",
    "eigener-server": "Diese Website liegt auf einem eigenen Server des Betreibers (siehe Impressum).",
    "eu-hoster": "Diese Website liegt auf den Servern eines Hosting-Anbieters in der Europäischen Union. "
                 "Er verarbeitet die Daten in unserem Auftrag (Auftragsverarbeitung nach Artikel 28 DSGVO).",
}
RECIPIENT = {
    "github-pages": "Der Hosting-Anbieter erhält die Daten aus den Server-Protokolldateien (siehe unten). "
                    "Er ist Empfänger dieser Daten.",
    "eigener-server": "Die Daten aus den Server-Protokolldateien (siehe unten) verarbeitet nur der Betreiber selbst; "
                      "kein Hosting-Anbieter erhält sie.",
    "eu-hoster": "Der Hosting-Anbieter erhält die Daten aus den Server-Protokolldateien (siehe unten) als "
                 "Auftragsverarbeiter.",
}


def hosting_markdown(hosting: Mapping[str, Any]) -> str:
    """The paragraph in Markdown (a definition list for the two facts), values escaped."""
    kind = str(hosting.get("art") or "")
    if kind not in INTRO:
        raise ValueError(f"mkdocs.yml: extra.settings.hosting.art: „{kind}“ ist keine der Möglichkeiten "
                         f"{', '.join(INTRO)}.")
    return (f"{INTRO[kind]}\n\nHosting-Anbieter\n:   {setting_text(hosting.get('anbieter'))}\n\n"
            f"Übermittlung in Länder außerhalb der EU und des EWR\n:   {setting_text(hosting.get('drittland'))}\n\n"
            f"{RECIPIENT[kind]}\n")
