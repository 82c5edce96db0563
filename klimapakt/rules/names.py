"""Names that work on every system and on every page: Windows device names, the events page's own ids.

Staff unzip the preview and clone the repository on Windows, where a file or folder named like a
device (`con`, `nul`, `com1`, also `con.svg`) cannot be created: a partner id becomes the folder
partner/<id>/, an event id the file veranstaltungen/<id>.ics, a logo name a file.

On the events page each event is an `<article id="<id>">` with a heading `id="<id>-titel"`
(render/templates/events.html), beside the page's own headings: an event id equal to one of those,
or ending in „-titel“ (the heading id of an event with the shorter id), would give two elements
the same id, and the calendar link's description would point at the wrong one.
"""

from __future__ import annotations

# Windows' reserved device names (also with any suffix: "con.svg", "nul.tar.gz").
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
# The ids the events page has of its own: the headings of docs/veranstaltungen.md (toc slugs),
# checked against that page by tests/rules/test_names.py.
EVENTS_PAGE_IDS = frozenset({"veranstaltungen", "kommende-veranstaltungen", "vergangene-veranstaltungen"})
TITLE_SUFFIX = "-titel"  # the heading id of every event: "<id>-titel"
SITE_ID_PREFIX = "kp-"  # the site's own element ids (directory, filters, badges)


def windows_device(name: str) -> str | None:
    """The device name `name` stands for on Windows ("con" for "CON.svg"), or None."""
    stem = name.split(".", 1)[0].lower()
    return stem if stem in WINDOWS_DEVICES else None


def check_windows_name(value: str, what: str, example: str) -> list[str]:
    """`what` is „Die Kennung“ or „Der Dateiname“; `example` a name that would work."""
    device = windows_device(value)
    if device is None:
        return []
    return [f"{what} „{value}“ ist unter Windows ein reservierter Gerätename („{device}“): Dateien und Ordner mit "
            f"diesem Namen lassen sich dort weder anlegen noch entpacken. Bitte einen anderen Namen wählen, "
            f"z. B. „{example}“."]


# What Windows does not allow in a file or folder name, besides control characters.
WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')


def file_name_problem(name: str) -> str | None:
    """Why a file or folder name under docs/ does not work everywhere (German), or None."""
    bad = next((c for c in name if c in WINDOWS_FORBIDDEN or not c.isprintable() or "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        shown = f"das Zeichen „{bad}“" if bad.isprintable() and not "\ud800" <= bad <= "\udfff" else (
            "einen Zeilenumbruch" if bad in "\r\n" else "ein unsichtbares oder unlesbares Zeichen")
        return (f"Der Name „{name}“ enthält {shown}; so lässt er sich nicht überall anlegen (z. B. unter Windows) und "
                "wird in Meldungen missverständlich. Bitte umbenennen: Buchstaben, Ziffern, „-“, „_“ und „.“.")
    if name.endswith((".", " ")):
        return f"Der Name „{name}“ endet mit einem Punkt oder Leerzeichen; Windows entfernt ihn. Bitte umbenennen."
    device = windows_device(name)
    if device:
        return check_windows_name(name, "Der Name", f"{name.split('.', 1)[0]}-seite{name[len(device):]}")[0]
    return None


def check_event_page_id(value: str) -> list[str]:
    """An event id that no element of the events page has already."""
    if value in EVENTS_PAGE_IDS or value.startswith(SITE_ID_PREFIX):
        return [f"Die Kennung „{value}“ hat auf der Seite „Veranstaltungen“ schon ein anderer Teil der Seite. "
                f"Bitte eine andere wählen, z. B. „{value}-{'treffen' if value != 'treffen' else 'termin'}“."]
    if value.endswith(TITLE_SUFFIX):
        return [f"Kennungen von Veranstaltungen dürfen nicht auf „{TITLE_SUFFIX}“ enden: so heißt auf der Seite "
                f"„Veranstaltungen“ schon die Überschrift jeder Veranstaltung. Bitte z. B. "
                f"„{value.removesuffix(TITLE_SUFFIX)}-termin“ schreiben."]
    return []
