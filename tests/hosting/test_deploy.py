"""`python -m klimapakt deploy` against Debian's OpenSSH server on 127.0.0.1, with nginx serving `current`.

First deploy, a second one while a reader fetches pages in a loop (no failed request, never an
older version after a newer one), rollback, pruning, an interrupted upload, a corrupted upload
and a server whose host key is not the pinned one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from klimapakt.hosting import deploy
from quality.servers import START_BOUND, SshServer, keygen, nginx_serving, reload_nginx, sshd_running
from test_nginx import fetch

pytestmark = pytest.mark.long

DEPLOY_BOUND = 300  # seconds for one deploy: a bound against hangs


@pytest.fixture(scope="module")
def ssh(tmp_path_factory):
    with sshd_running(tmp_path_factory.mktemp("sshd")) as server:
        yield server


def variant(demo_site: Path, folder: Path, name: str) -> Path:
    """A copy of the demo build whose start page and version.txt say `name`."""
    site = folder / name
    shutil.copytree(demo_site, site)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", f"<!-- version {name} --></body>"), encoding="utf-8")
    (site / "version.txt").write_text(name, encoding="utf-8")
    return site


def run_deploy(ssh: SshServer, base: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "klimapakt", "deploy", *args, "--host", ssh.host, "--path", str(base),
               "--known-hosts", str(ssh.known_hosts), "--port", str(ssh.port), "--identity", str(ssh.identity)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=DEPLOY_BOUND, **popen)


def served(base: Path) -> str:
    return os.readlink(base / "current").removeprefix("releases/")


def target(ssh: SshServer, base: Path, known_hosts: Path | None = None) -> deploy.Target:
    return deploy.Target(ssh.host, str(base), known_hosts or ssh.known_hosts, ssh.port, ssh.identity)


class Reader(threading.Thread):
    """Fetches the start page and version.txt in a loop; records each answer's version or failure."""

    def __init__(self, url: str, versions: dict[str, dict[bytes, str]]):
        super().__init__(daemon=True)
        self.url, self.versions = url, versions
        self.seen: list[tuple[str, str]] = []
        self.failures: list[str] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for path, bodies in self.versions.items():
                status, _, body = fetch(self.url, path)
                if status != 200 or body not in bodies:
                    self.failures.append(f"{path}: {status}, {len(body)} bytes of no deployed version")
                else:
                    self.seen.append((path, bodies[body]))

    def wait_for(self, version: str) -> None:
        deadline = time.monotonic() + START_BOUND
        while version not in {v for _, v in self.seen[-4:]} and time.monotonic() < deadline:
            time.sleep(0.01)  # polling the reader thread's record; the assertions come after


def test_deploy_while_reading_then_rollback(ssh, demo_site, tmp_path):
    site_a, site_b = variant(demo_site, tmp_path, "A"), variant(demo_site, tmp_path, "B")
    base = tmp_path / "srv"
    first = run_deploy(ssh, base, str(site_a))
    assert first.returncode == 0, first.stderr
    release_a = served(base)
    assert first.stdout.strip() == f"Veröffentlicht: {release_a}"
    assert (base / "releases" / release_a / "version.txt").read_text() == "A"

    with nginx_serving(base / "current", tmp_path / "nginx") as (url, main):
        versions = {path: {(site / path).read_bytes(): site.name for site in (site_a, site_b)}
                    for path in ("index.html", "version.txt")}
        reader = Reader(url, versions)
        reader.start()
        reader.wait_for("A")
        reload = " ".join(reload_nginx(main, tmp_path / "nginx"))
        second = run_deploy(ssh, base, str(site_b), "--reload-command", reload)
        reader.wait_for("B")
        reader.done.set()
        reader.join(timeout=60)
        assert second.returncode == 0, second.stderr
        assert reader.failures == []
        for path in versions:
            sequence = [v for p, v in reader.seen if p == path]
            assert sequence[0] == "A" and sequence[-1] == "B"
            assert sequence == sorted(sequence), f"{path}: an older version after a newer one"
        release_b = served(base)
        assert release_b != release_a and fetch(url, "version.txt")[2] == b"B"

        back = run_deploy(ssh, base, "--rollback")
        assert back.returncode == 0, back.stderr
        assert back.stdout.strip() == f"Zurückgesetzt auf {release_a}"
        assert served(base) == release_a and fetch(url, "version.txt")[2] == b"A"
    assert sorted(p.name for p in (base / "releases").iterdir()) == sorted([release_a, release_b])


def test_only_the_newest_releases_are_kept_and_rollback_needs_an_older_one(ssh, demo_site, tmp_path):
    base, logins = tmp_path / "srv", ssh.logins()
    for name in ("A", "B", "C"):
        done = run_deploy(ssh, base, str(variant(demo_site, tmp_path, name)), "--keep", "2")
        assert done.returncode == 0, done.stderr
    kept = sorted(p.name for p in (base / "releases").iterdir())
    assert len(kept) == 2 and served(base) == kept[-1]
    assert [(base / "releases" / k / "version.txt").read_text() for k in kept] == ["B", "C"]
    assert run_deploy(ssh, base, "--rollback").returncode == 0
    refused = run_deploy(ssh, base, "--rollback")
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"Nicht veröffentlicht: Keine ältere Version auf dem Server (aktuell: {kept[0]})"
    # Each deploy and rollback sends its commands and upload through one SSH connection and closes it.
    assert ssh.logins() - logins == 3 + 2
    assert not list(Path(tempfile.gettempdir()).glob("klimapakt-ssh-*/socket"))


def test_an_interrupted_upload_leaves_current_untouched(ssh, demo_site, tmp_path):
    base = tmp_path / "srv"
    assert run_deploy(ssh, base, str(variant(demo_site, tmp_path, "A"))).returncode == 0
    before = served(base)
    big = variant(demo_site, tmp_path, "B")
    (big / "assets" / "big.bin").write_bytes(os.urandom(64 * 1024 * 1024))
    command = [sys.executable, "-m", "klimapakt", "deploy", str(big), "--host", ssh.host, "--path", str(base),
               "--known-hosts", str(ssh.known_hosts), "--port", str(ssh.port), "--identity", str(ssh.identity)]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + DEPLOY_BOUND
    while not list((base / "releases").glob("*.partial")) and time.monotonic() < deadline:
        time.sleep(0.005)  # until the upload has begun
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert list((base / "releases").glob("*.partial")), "the upload had not begun"
    assert served(base) == before
    assert (base / "current" / "version.txt").read_text() == "A"
    again = run_deploy(ssh, base, str(big))
    assert again.returncode == 0, again.stderr
    assert (base / "current" / "version.txt").read_text() == "B"
    assert not list((base / "releases").glob("*.partial"))  # the interrupted one is removed


def test_a_corrupted_or_incomplete_upload_is_not_switched_to(ssh, demo_site, tmp_path):
    base = tmp_path / "srv"
    assert run_deploy(ssh, base, str(variant(demo_site, tmp_path, "A"))).returncode == 0
    before, site = served(base), variant(demo_site, tmp_path, "B")
    server = target(ssh, base)
    sums = deploy.manifest(site)
    files = deploy.upload(site, server, "20990101T000000Z-00000000", sums)
    partial = base / "releases" / "20990101T000000Z-00000000.partial"
    (partial / "version.txt").write_text("X", encoding="utf-8")
    with pytest.raises(deploy.DeployError, match="sha256sum|FAILED|fehlgeschlagen"):
        deploy.verify(server, "20990101T000000Z-00000000", files)
    (partial / "version.txt").unlink()
    with pytest.raises(deploy.DeployError, match=f"Upload unvollständig: {files - 1} statt {files} Dateien"):
        deploy.verify(server, "20990101T000000Z-00000000", files)
    assert served(base) == before


def test_a_server_with_another_host_key_gets_nothing(ssh, demo_site, tmp_path):
    other = keygen(tmp_path / "other_host_key")
    pinned = tmp_path / "known_hosts"
    pinned.write_text(f"[127.0.0.1]:{ssh.port} {' '.join(other.split()[:2])}\n", encoding="ascii")
    base = tmp_path / "srv"
    with pytest.raises(deploy.DeployError, match="Host key verification failed"):
        deploy.deploy(variant(demo_site, tmp_path, "A"), target(ssh, base, pinned))
    assert not base.exists()


def test_releases_sort_in_the_order_they_were_deployed_even_within_one_second():
    second = dt.datetime(2026, 12, 8, 10, 15, 0, tzinfo=dt.UTC)
    names = [deploy.release_id(sums, second + dt.timedelta(microseconds=offset))
             for offset, sums in ((0, "ffff"), (1, "0000"), (999_999, "8888"))]
    assert sorted(names) == names and all(deploy._RELEASE.fullmatch(name) for name in names)
    assert deploy._RELEASE.fullmatch("20261207T101500Z-1a2b3c4d")  # a release named before the microseconds


def test_target_and_manifest_refuse_what_they_cannot_handle(tmp_path):
    known = tmp_path / "known_hosts"
    known.write_text("", encoding="ascii")
    with pytest.raises(deploy.DeployError, match="Ungültiger Zielordner"):
        deploy.Target("web@example.org", "srv/relative", known)
    with pytest.raises(deploy.DeployError, match="Ungültiger Zielordner"):
        deploy.Target("web@example.org", "/srv/x; rm -rf /", known)
    with pytest.raises(deploy.DeployError, match="known_hosts-Datei fehlt"):
        deploy.Target("web@example.org", "/srv/x", tmp_path / "missing")
    assert deploy.Target("web@example.org", "/srv/klimapakt", known).ssh_options()[-2:] == ["-o", "ConnectTimeout=20"]
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("a", encoding="utf-8")
    assert deploy.manifest(tmp_path / "site") == (
        "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  ./a.html\n")
    (tmp_path / "site" / "link.html").symlink_to(tmp_path / "site" / "a.html")
    with pytest.raises(deploy.DeployError, match="Verknüpfung im Build"):
        deploy.manifest(tmp_path / "site")
