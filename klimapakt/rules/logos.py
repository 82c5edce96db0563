"""Logo files as partners.yml and the docs folder refer to them: the name, the folder, the file there,
read safely within the size limit; what is inside the file is klimapakt.rules.logo_content.

The site publishes every file in docs/assets/partners/, so every file there is checked,
whether a partner names it or not (`folder_problems`). A logo uploaded before its
partner entry is normal: it is checked with the same rules and published once valid;
an invalid one fails `check` and the build, so nothing unchecked is ever published.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .. import files, vocabulary
from ..report import ERROR, Problem
from . import logo_content, names, owners

# Logo file names become part of a URL: plain ASCII letters, digits, "-", "_" and one suffix.
LOGO_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.[A-Za-z]+$")
LOGO_NAME_MAX = 100
LOGO_SUBDIR = vocabulary.LOGO_DIR.removeprefix("docs/")  # the logo folder inside docs_dir


def check_logo(filename: str, logo_dir: Path) -> list[str]:
    """The logo file exists, has an allowed format, size and pixel size, and (for SVG) is inert."""
    if "/" in filename or "\\" in filename or filename.startswith("."):
        return [f"Bitte nur den Dateinamen angeben (ohne Ordner): „{filename}“."]
    if len(filename) > LOGO_NAME_MAX or not LOGO_NAME_RE.match(filename):
        return [f"„{filename[:40]}{'…' if len(filename) > 40 else ''}“: Der Dateiname darf nur Buchstaben a–z, Ziffern, „-“, „_“ und einen Punkt vor der "
                f"Endung enthalten und höchstens {LOGO_NAME_MAX} Zeichen lang sein."]
    if names.windows_device(filename):
        return names.check_windows_name(filename, "Der Dateiname", f"{Path(filename).stem}-logo{Path(filename).suffix}")
    suffix = Path(filename).suffix.lower()
    if suffix not in vocabulary.LOGO_SUFFIXES:
        return [f"„{filename}“: erlaubt sind SVG, PNG, WebP oder JPEG (Endung .svg, .png, .webp, .jpg oder .jpeg)."]
    linked = linked_logo_folder(logo_dir)
    if linked:
        return [files.SYMLINK_FOLDER.format(path=linked)]
    path = logo_dir / filename
    missing = [f"Die Logo-Datei „{filename}“ fehlt im Ordner {vocabulary.LOGO_DIR}/."]
    if path.is_dir() and not path.is_symlink():
        return missing
    try:
        data = files.safe_read_bytes(path, logo_dir, vocabulary.LOGO_MAX_BYTES, name=f"Die Logo-Datei „{filename}“")
    except (FileNotFoundError, NotADirectoryError):
        return missing
    except files.TooLarge as err:
        return [f"Die Logo-Datei ist {err.size // 1024} KB groß; höchstens {vocabulary.LOGO_MAX_BYTES // 1024} KB sind erlaubt."]
    except files.Refused as err:
        return [str(err)]
    except OSError:
        return [f"Die Logo-Datei „{filename}“ ist nicht lesbar."]
    return logo_content.content_problems(data, suffix, filename)


def linked_logo_folder(logo_dir: Path) -> str | None:
    """The logo folder, or docs/ or docs/assets/ above it, when it is a symlink: shown as in LOGO_DIR."""
    shown = vocabulary.LOGO_DIR.split("/") if logo_dir.as_posix().endswith(vocabulary.LOGO_DIR) else [logo_dir.name]
    folder = logo_dir
    for depth in range(len(shown), 0, -1):
        if folder.is_symlink():
            return "/".join(shown[:depth])
        folder = folder.parent
    return None


# Every file in the logo folder, and every file under docs/.

def folder_problems(logo_dir: Path, referenced: Iterable[str]) -> list[tuple[str, str]]:
    """(file name, German message) for the files in the logo folder that no partner names.

    Named logos are checked by the loader, at the partner's line. Symlinks and special
    files are left to `files.tree_problems`; dotfiles MkDocs never publishes.
    """
    if linked_logo_folder(logo_dir) or not logo_dir.is_dir():
        return []
    named = set(referenced)
    found = []
    for entry in sorted(os.scandir(logo_dir), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in named or entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            found.append((entry.name, f"Logos gehören direkt in den Ordner {vocabulary.LOGO_DIR}/; Unterordner wie "
                                      f"„{entry.name}“ sind nicht vorgesehen. Bitte die Dateien dorthin verschieben."))
        elif entry.is_file(follow_symlinks=False):
            found += [(entry.name, message) for message in check_logo(entry.name, logo_dir)]
    return found


def docs_problems(docs_dir: Path, referenced_logos: Iterable[str]) -> list[Problem]:
    """No symlink or special file under docs/, every logo file valid, and no file whose address another
    file or a generator owns (klimapakt.rules.owners): what the build would publish.

    Each problem names the file as `docs/…:1: Datei: -: …`, for `check` and the build alike.
    """
    shown = docs_dir.name
    tree = files.tree_problems(docs_dir)
    found = [(shown if path == "." else f"{shown}/{path}", message) for path, message in tree]
    if not any(path == "." or f"{LOGO_SUBDIR}/".startswith(f"{path}/") for path, _ in tree):
        found += [(f"{shown}/{LOGO_SUBDIR}/{name}", message)
                  for name, message in folder_problems(docs_dir / LOGO_SUBDIR, referenced_logos)]
    problems = [Problem(1, "Datei", "-", message, ERROR, path) for path, message in found]
    if docs_dir.is_dir() and not docs_dir.is_symlink():  # and every address with one owner
        problems += owners.owner_problems(docs_dir)
    return problems


def folder_tree_problems(folder: Path) -> list[Problem]:
    """No symlink or special file under another published folder (the theme's overrides/)."""
    if not (folder.is_dir() or folder.is_symlink()):
        return []
    return [Problem(1, "Datei", "-", message, ERROR, folder.name if path == "." else f"{folder.name}/{path}")
            for path, message in files.tree_problems(folder)]
