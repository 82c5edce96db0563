"""Host names that look like another: letters from more than one script (`аpple.com` with a
Cyrillic „а“), also when written as Punycode (`xn--pple-43d.com`). A warning, not an error: a
Cyrillic name under a Latin top-level domain can be real, but staff should look twice.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

# Scripts that are written together in one name (Japanese mixes three).
SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HANGUL": "CJK"}
SCRIPT_NAMES = {"LATIN": "lateinisch", "CYRILLIC": "kyrillisch", "GREEK": "griechisch", "ARMENIAN": "armenisch",
                "CJK": "chinesisch/japanisch/koreanisch", "ARABIC": "arabisch", "HEBREW": "hebräisch",
                "CHEROKEE": "Cherokee"}


def script_of(char: str) -> str:
    """The Unicode script of a letter, as the first word of its name (LATIN, CYRILLIC, …)."""
    word = unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return SAME_SCRIPT.get(word, word)


def unicode_host(host: str) -> str:
    """The host as people read it: Punycode labels (xn--…) decoded."""
    labels = []
    for label in host.lower().split("."):
        try:
            labels.append(label.encode("ascii").decode("idna") if label.startswith("xn--") else label)
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def mixed_script_warning(url: str) -> list[str]:
    """A warning for a web address whose host mixes letters of different scripts, or []."""
    try:
        hostname = urlsplit(url).hostname or ""
    except ValueError:
        return []
    if hostname.isascii() and "xn--" not in hostname:  # urlsplit lower-cases it: only Latin letters
        return []
    host = unicode_host(hostname)
    letters = [c for c in host if c.isalpha()]
    scripts = {script_of(c) for c in letters}
    if len(scripts) < 2:
        return []
    main = "LATIN" if "LATIN" in scripts else max(scripts, key=[script_of(c) for c in letters].count)
    odd = next(c for c in letters if script_of(c) != main)
    names = ", ".join(SCRIPT_NAMES.get(s, s.lower()) for s in sorted(scripts))
    return [f"Der Rechnername „{host}“ mischt Buchstaben verschiedener Schriften ({names}): „{odd}“ ist "
            f"{SCRIPT_NAMES.get(script_of(odd), script_of(odd).lower())} und sieht vielleicht nur aus wie ein "
            "lateinischer Buchstabe. Solche Adressen führen oft auf gefälschte Seiten. Bitte die Adresse aus der "
            "Adresszeile des Browsers auf der echten Website kopieren."]
