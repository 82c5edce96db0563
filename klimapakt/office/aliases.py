"""The header names office spreadsheets use for the partners' fields, beside the export's own.

A list kept by hand in a pact office says „Unternehmen“, „Homepage“ or „E-Mail-Adresse“, not
„Name“, „Website“ or „Ansprechperson – E-Mail“. Each alias names one column of the partners
table; headers are compared as `columns.normalised` compares them (no case, spaces, punctuation).
The summary shows each match, so a wrong guess is seen before the pull request.
"""

from __future__ import annotations

from types import MappingProxyType

PARTNER_ALIASES = MappingProxyType({
    "id": ("ID", "Kürzel"),
    "name": ("Unternehmen", "Firma", "Name des Unternehmens", "Unternehmensname", "Firmenname", "Organisation",
             "Partnerunternehmen", "Partner", "Partnername", "Name der Organisation"),
    "role": ("Art der Partnerschaft", "Partnerrolle"),
    "status": ("Status", "Teilnahme", "Stand"),
    "joined": ("Beitrittsdatum", "Beigetreten am", "Mitglied seit", "Dabei seit", "Eintritt", "Datum Beitritt"),
    "sector": ("Wirtschaftszweig", "Branche (WZ 2008)"),
    "size": ("Unternehmensgröße", "Betriebsgröße"),
    "district": ("PLZ/Stadtteil", "Stadtteil", "Bezirk", "Stadtbezirk/Stadtteil", "Ort/Stadtteil"),
    "website": ("Webseite", "Homepage", "Internetseite", "Internetadresse", "Internet", "Web", "URL"),
    "description": ("Kurzbeschreibung", "Kurzprofil", "Profil"),
    "contact.name": ("Ansprechpartner", "Ansprechpartnerin", "Ansprechpartner/in", "Ansprechperson",
                     "Kontaktperson", "Kontakt"),
    "contact.role": ("Funktion", "Position"),
    "contact.email": ("E-Mail-Adresse", "E-Mail", "Email", "Mail", "Mailadresse"),
    "contact.phone": ("Telefon", "Telefonnummer", "Tel.", "Tel", "Rufnummer"),
    "agreement.signed": ("Vereinbarung unterzeichnet", "Datum der Vereinbarung", "Vereinbarung vom"),
    "last_reviewed": ("Zuletzt geprüft am", "Geprüft am", "Letzte Prüfung"),
})
