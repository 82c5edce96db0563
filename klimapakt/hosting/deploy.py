"""Atomic deploy of a built site to a server over SSH with rsync, and rollback.

On the server, below the target folder:

    releases/20261207T101500.123456Z-1a2b3c4d/   one folder per deployed build, never changed afterwards
    current -> releases/…                 the served release (nginx `root …/current`)

A deploy uploads into `releases/<id>.partial` (hard-linking files unchanged since the current
release), checks there that the file count and every SHA-256 sum match the local build, renames
the folder, and only then switches `current` with one rename (`mv -T`), which a reader never sees
half done. Until then `current` is untouched: an interrupted upload leaves a `.partial` folder,
which the next deploy removes. The last `keep` releases stay for `rollback`.

SSH only with the pinned host key (a known_hosts file; StrictHostKeyChecking=yes, no other
known_hosts is read) and a key (BatchMode: never a password prompt). A deploy or rollback opens one
SSH connection and sends its commands and the upload through it (`connection`, OpenSSH's ControlMaster
with its socket in a private temporary folder): one handshake instead of eight.
The server needs a POSIX shell, GNU coreutils (sha256sum, mv -T) and rsync.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import re
import shlex
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import clock

MANIFEST = ".SHA256SUMS"  # in each release; a dot file, so nginx does not serve it
PARTIAL = ".partial"
# Names sort in the order of their deploys: the time to the microsecond (two deploys a second apart, or
# less, sorted by their hash when the name had whole seconds only), then the build's hash. Names without
# the microseconds, from earlier deploys, still count.
_RELEASE = re.compile(r"\d{8}T\d{6}(?:\.\d{6})?Z-[0-9a-f]{8}")
_SAFE_PATH = re.compile(r"/[A-Za-z0-9._/-]+")
_HOST = re.compile(r"(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+|(?:[A-Za-z0-9._-]+@)?\[[0-9a-fA-F:.]+\]")


class DeployError(Exception):
    """A deploy or rollback that stopped; `current` is as it was."""


@dataclass(frozen=True)
class Target:
    host: str  # user@host
    path: str  # absolute folder on the server
    known_hosts: Path
    port: int = 22
    identity: Path | None = None
    control: Path | None = None  # the socket of a shared connection (see `connection`)

    def __post_init__(self):
        if not _HOST.fullmatch(self.host):
            raise DeployError(f"Ungültiger Server: {self.host!r} (erwartet: benutzer@host)")
        if not _SAFE_PATH.fullmatch(self.path) or "/../" in self.path + "/":
            raise DeployError(f"Ungültiger Zielordner: {self.path!r} (absoluter Pfad ohne Leerzeichen)")
        if not self.known_hosts.is_file():
            raise DeployError(f"known_hosts-Datei fehlt: {self.known_hosts} (der Host-Schlüssel des Servers)")

    def ssh_options(self) -> list[str]:
        options = ["-F", "/dev/null", "-p", str(self.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                   "-o", f"UserKnownHostsFile={self.known_hosts}", "-o", "GlobalKnownHostsFile=/dev/null",
                   "-o", "ConnectTimeout=20"]
        if self.identity:
            options += ["-o", "IdentitiesOnly=yes", "-i", str(self.identity)]
        if self.control:
            options += ["-o", "ControlMaster=auto", "-o", f"ControlPath={self.control}", "-o", "ControlPersist=10"]
        return options

    def run(self, script: str, *, timeout: float = 300) -> str:
        """Run a shell script on the server; its output, or DeployError with what it said."""
        done = subprocess.run(["ssh", *self.ssh_options(), self.host, script], capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise DeployError(f"Auf dem Server fehlgeschlagen ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def quoted(self, *parts: str) -> str:
        return shlex.quote("/".join([self.path.rstrip("/"), *parts]))


@contextlib.contextmanager
def connection(target: Target) -> Iterator[Target]:
    """The target with one shared SSH connection, closed at the end; its socket lives in a folder only
    this user can enter (mkdtemp: mode 700), so no other local user can send commands through it."""
    with tempfile.TemporaryDirectory(prefix="klimapakt-ssh-") as folder:
        shared = dataclasses.replace(target, control=Path(folder) / "socket")
        try:
            yield shared
        finally:
            subprocess.run(["ssh", *shared.ssh_options(), "-O", "exit", shared.host], capture_output=True, timeout=30)


def manifest(site: Path) -> str:
    """`sha256sum` lines of every file of the build, sorted, paths relative to the site folder."""
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != MANIFEST):
        if path.is_symlink():
            raise DeployError(f"Verknüpfung im Build: {path} (nur echte Dateien werden veröffentlicht)")
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  ./{path.relative_to(site).as_posix()}\n")
    if not lines:
        raise DeployError(f"{site} ist leer: erst bauen (mkdocs build)")
    return "".join(lines)


def release_id(sums: str, now: dt.datetime | None = None) -> str:
    stamp = (now or clock.wall_clock()).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{stamp}-{hashlib.sha256(sums.encode()).hexdigest()[:8]}"


def upload(site: Path, target: Target, release: str, sums: str) -> int:
    """The build into releases/<release>.partial with its manifest; the number of files it holds."""
    (site / MANIFEST).write_text(sums, encoding="utf-8")
    partial = target.quoted("releases", release + PARTIAL)
    target.run(f"set -e; mkdir -p {target.quoted('releases')}; rm -rf {partial}; mkdir {partial}")
    link_dest = [f"--link-dest={target.path.rstrip('/')}/current/"] if _has_current(target) else []
    # --checksum: a file is hard-linked from the current release only if its content is the same
    # (by size and time alone, a changed file of equal size written in the same second would be).
    rsync = ["rsync", "-rlt", "--checksum", "--delete", "--chmod=D755,F644", *link_dest,
             "-e", shlex.join(["ssh", *target.ssh_options()]),
             f"{site}/", f"{target.host}:{target.path.rstrip('/')}/releases/{release}{PARTIAL}/"]
    done = subprocess.run(rsync, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise DeployError(f"Hochladen fehlgeschlagen ({done.returncode}): {done.stderr.strip()}")
    return sums.count("\n")


def _has_current(target: Target) -> bool:
    return target.run(f"if [ -d {target.quoted('current')} ]; then echo yes; fi").strip() == "yes"


def verify(target: Target, release: str, files: int) -> None:
    """File count and every checksum of the uploaded release, checked on the server."""
    partial = target.quoted("releases", release + PARTIAL)
    found = target.run(f"cd {partial} && find . -type f ! -name {MANIFEST} | wc -l").strip()
    if found != str(files):
        raise DeployError(f"Upload unvollständig: {found} statt {files} Dateien auf dem Server")
    target.run(f"cd {partial} && sha256sum --quiet --strict -c {MANIFEST}")


def switch(target: Target, release: str) -> None:
    """Make `release` the served one: the complete folder first, then `current` in one rename."""
    folder = target.quoted("releases", release)
    partial = target.quoted("releases", release + PARTIAL)
    link = target.quoted(".current.new")
    target.run(f"set -e; if [ -e {partial} ]; then mv -T {partial} {folder}; fi; test -d {folder}; "
               f"ln -sfn {shlex.quote('releases/' + release)} {link}; mv -T {link} {target.quoted('current')}")


def releases(target: Target) -> tuple[list[str], str | None]:
    """The complete releases on the server, oldest first, and the one `current` points at."""
    listing = target.run(f"ls -1 {target.quoted('releases')} 2>/dev/null; echo '--'; "
                         f"readlink {target.quoted('current')} || true")
    names, _, link = listing.partition("--\n")
    complete = sorted(n for n in names.split() if _RELEASE.fullmatch(n))
    current = link.strip().removeprefix("releases/") or None
    return complete, current


def prune(target: Target, keep: int) -> list[str]:
    """Remove all but the newest `keep` releases (never the current one) and interrupted uploads."""
    complete, current = releases(target)
    old = [n for n in complete[:-keep] if n != current] if keep > 0 else []
    target.run("rm -rf " + " ".join([*(target.quoted("releases", n) for n in old),
                                     target.quoted("releases") + "/*" + PARTIAL]))
    return old


def deploy(site: Path, target: Target, *, keep: int = 5, reload_command: str = "") -> str:
    """Upload, verify, switch, reload the web server if asked, prune; the new release's id."""
    site = site.resolve()
    sums = manifest(site)
    release = release_id(sums)
    with connection(target) as shared:
        files = upload(site, shared, release, sums)
        verify(shared, release, files)
        switch(shared, release)
        if reload_command:
            shared.run(reload_command)
        prune(shared, keep)
    return release


def rollback(target: Target, *, to: str | None = None, reload_command: str = "") -> str:
    """`current` back to the release before it (or to `to`); the release now served."""
    with connection(target) as shared:
        return _roll_back(shared, to, reload_command)


def _roll_back(target: Target, to: str | None, reload_command: str) -> str:
    complete, current = releases(target)
    if to is None:
        older = [n for n in complete if current and n < current]
        if not older:
            raise DeployError(f"Keine ältere Version auf dem Server (aktuell: {current or 'keine'})")
        to = older[-1]
    if to not in complete:
        raise DeployError(f"Version {to!r} gibt es auf dem Server nicht; vorhanden: {', '.join(complete) or 'keine'}")
    switch(target, to)
    if reload_command:
        target.run(reload_command)
    return to
