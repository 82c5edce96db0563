"""Reading files from the repository without following symlinks or opening special files.

A pull request can add a symlink as easily as a file. MkDocs follows symlinks when it
collects docs/ (os.walk(followlinks=True)) and copies what they point at, and a plain
`open()` reads through them: a link to /proc/self/environ would publish the build's
environment, one to /dev/zero fill the disk, one to a file elsewhere on the machine
quote it in an error message. So every file is looked at with `lstat` first, and only a
regular file of a bounded size is opened (without following a link swapped in since).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Messages start with the file named as a subject, e.g. "Die Datei „docs/x.svg“".
SYMLINK = ("{name} ist eine Verknüpfung (Symlink) auf eine andere Datei. Verknüpfungen sind aus Sicherheitsgründen "
           "nicht erlaubt; bitte die Datei selbst hochladen.")
SYMLINK_FOLDER = ("Der Ordner „{path}“ ist eine Verknüpfung (Symlink) auf einen anderen Ordner. Verknüpfungen sind "
                  "aus Sicherheitsgründen nicht erlaubt; bitte die Dateien selbst hochladen.")
NOT_REGULAR = "{name} ist keine gewöhnliche Datei (sondern z. B. ein Ordner, eine Pipe oder ein Gerät) und wird nicht gelesen."
OUTSIDE = "{name} liegt außerhalb des Ordners {root}/ und wird nicht gelesen."
TOO_LARGE = "{name} ist {kb} KB groß; höchstens {limit_kb} KB sind erlaubt."


class Refused(Exception):
    """A file that is not read; the German message names it."""


class TooLarge(Refused):
    def __init__(self, message: str, size: int, limit: int):
        super().__init__(message)
        self.size, self.limit = size, limit


def file_name(path: str | Path) -> str:
    """How messages name a file: „partners.yml“."""
    return f"Die Datei „{Path(path).as_posix()}“"


def refusal(path: Path, name: str, root: Path | None = None) -> str | None:
    """Why `path` must not be opened (German, naming it `name`), or None for a regular file inside `root`.

    Raises FileNotFoundError (or another OSError) when nothing can be found at `path`.
    """
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return SYMLINK.format(name=name)
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR.format(name=name)
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        return OUTSIDE.format(name=name, root=root.as_posix())
    return None


def safe_read_bytes(path: str | Path, root: Path | None, limit: int | None, name: str | None = None) -> bytes:
    """The content of a regular file inside `root` of at most `limit` bytes.

    Raises FileNotFoundError when it is missing, TooLarge above the limit, Refused for a
    symlink, a special file or a file outside `root`. The size is checked before reading,
    and at most limit + 1 bytes are read in case the file grows meanwhile.
    """
    path = Path(path)
    name = name or file_name(path)
    reason = refusal(path, name, root)
    if reason:
        raise Refused(reason)
    size = os.lstat(path).st_size
    if limit is not None and size > limit:
        raise _too_large(name, size, limit)
    data = _read_at_most(path, name, limit)
    if limit is not None and len(data) > limit:
        raise _too_large(name, len(data), limit)
    return data


def read_registry_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """A registry file (partners.yml, events.yml or the path in KLIMAPAKT_REGISTRY): no symlink, no special file.

    The registry may live outside the repository (demo and test builds), so no root applies.
    """
    return safe_read_bytes(path, None, max_bytes, name=file_name(Path(path).name))


def read_registry_text(path: str | Path, max_bytes: int | None = None) -> str:
    """The registry as text, with line ends normalised as `Path.read_text` does (raises UnicodeDecodeError)."""
    text = read_registry_bytes(path, max_bytes).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_large(name: str, size: int, limit: int) -> TooLarge:
    return TooLarge(TOO_LARGE.format(name=name, kb=size // 1024, limit_kb=limit // 1024), size, limit)


def _read_at_most(path: Path, name: str, limit: int | None) -> bytes:
    # O_NOFOLLOW: a symlink put in place since the lstat is not followed; O_NONBLOCK: a FIFO does not block.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise Refused(SYMLINK.format(name=name) if os.path.islink(path) else NOT_REGULAR.format(name=name)) from err
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise Refused(NOT_REGULAR.format(name=name))
        return file.read() if limit is None else file.read(limit + 1)


def tree_problems(folder: Path) -> list[tuple[str, str]]:
    """(path relative to `folder`, German message) for every symlink and special file under `folder`.

    Symlinked folders are reported and not entered. The messages name the path as
    `folder.name/…` (e.g. „docs/assets/partners/x.svg“). "." stands for `folder` itself.
    """
    shown = folder.name
    if folder.is_symlink():
        return [(".", SYMLINK_FOLDER.format(path=shown))]
    found = []
    for current, dirnames, filenames in os.walk(folder, followlinks=False):
        relative = Path(current).relative_to(folder)
        for dirname in sorted(dirnames):
            if (Path(current) / dirname).is_symlink():
                path = (relative / dirname).as_posix()
                found.append((path, SYMLINK_FOLDER.format(path=f"{shown}/{path}")))
        for filename in sorted(filenames):
            path = (relative / filename).as_posix()
            try:
                reason = refusal(Path(current) / filename, f"Die Datei „{shown}/{path}“")
            except OSError:  # vanished meanwhile
                continue
            if reason:
                found.append((path, reason))
        dirnames.sort()
    return found
