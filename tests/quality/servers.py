"""Real servers for the hosting tests: Debian's nginx with the shipped configuration, and OpenSSH.

Each runs on 127.0.0.1 on a free port from files in a temporary folder, in the foreground of a
child process that the context manager stops. A missing program fails with the command that
installs it (`make server-tools`), never a skip.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from klimapakt.hosting import nginx

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL = "make server-tools (apt-get install nginx-light libnginx-mod-http-brotli-static openssh-server rsync)"
START_BOUND = 20.0  # seconds a server may take to listen; a bound against hangs, not a timing


def program(name: str, *candidates: str) -> str:
    found = next((c for c in candidates if Path(c).is_file()), None) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: run `{INSTALL}`")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_BOUND
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text(errors='replace') if log.exists() else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)  # polling a port that is not open yet; no assertion depends on it
    process.kill()
    pytest.fail(f"server did not listen on port {port} within {START_BOUND} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def self_signed_certificate(folder: Path) -> str:
    """http-level certificate lines for a TLS test (the shipped file names its own, commented out)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([program("openssl", "/usr/bin/openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-subj", "/CN=localhost", "-days", "1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return f"  ssl_certificate {cert};\n  ssl_certificate_key {key};\n"


def nginx_main_conf(folder: Path, server_conf: Path, extra: str = "") -> str:
    """The main file around the shipped server block, as Debian's /etc/nginx/nginx.conf would be."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temporary folders
    return (f"{user}worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log info;\n"
            f"load_module {BROTLI_MODULE};\nevents {{ worker_connections 128; }}\n"
            f"http {{\n  access_log {folder}/access.log;\n"
            + "".join(f"  {name}_temp_path {path};\n" for name, path in
                      (("client_body", temp["body"]), *((n, temp[n]) for n in ("proxy", "fastcgi", "uwsgi", "scgi"))))
            + extra + f"  include {server_conf};\n}}\n")


@contextlib.contextmanager
def nginx_serving(root: Path, folder: Path, *, tls: bool = False) -> Iterator[tuple[str, Path]]:
    """nginx with exactly deploy/nginx/klimapakt.conf serving `root`: (base URL, main config file)."""
    binary = program("nginx", "/usr/sbin/nginx")
    if not BROTLI_MODULE.is_file():
        pytest.fail(f"{BROTLI_MODULE} is missing: run `{INSTALL}`")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server_conf = folder / "klimapakt.conf"
    server_conf.write_text(nginx.render(root=str(root), server_name="localhost", listen=f"127.0.0.1:{port}" + " ssl" * tls),
                           encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(nginx_main_conf(folder, server_conf, self_signed_certificate(folder) if tls else ""),
                    encoding="utf-8")
    log = folder / "error.log"
    process = subprocess.Popen([binary, "-e", str(log), "-p", str(folder), "-c", str(main)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, log)
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}/", main
    finally:
        stop(process)


def reload_nginx(main: Path, folder: Path) -> list[str]:
    """The command that makes a running nginx of `nginx_serving` read its configuration again."""
    return [program("nginx", "/usr/sbin/nginx"), "-e", str(folder / "error.log"), "-p", str(folder),
            "-c", str(main), "-s", "reload"]


@dataclass(frozen=True)
class SshServer:
    host: str  # user@127.0.0.1
    port: int
    known_hosts: Path  # the pinned host key
    identity: Path  # the user's private key

    def logins(self) -> int:
        """How many SSH logins the server has accepted so far (its log, beside the pinned key)."""
        log = (self.known_hosts.parent / "sshd.log").read_text(encoding="utf-8", errors="replace")
        return log.count("Accepted publickey")


def keygen(path: Path) -> str:
    subprocess.run([program("ssh-keygen", "/usr/bin/ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "test",
                    "-f", str(path)], check=True, capture_output=True, timeout=60)
    return (path.with_suffix(".pub")).read_text(encoding="ascii").strip()


def sshd_config(folder: Path, port: int) -> str:
    """Key login only, as the current user (root in CI: allowed here, in this test server alone)."""
    return "\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {folder / 'host_key'}", f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}", "PermitRootLogin prohibit-password",
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
        "StrictModes no",  # the temporary folder's owners are not a home directory's
        # bash sources ~/.bashrc for every command sshd runs unless it is a nested shell; a developer's
        # ~/.bashrc (e.g. `pyenv init`) then costs about 0.1 s of CPU per command. SHLVL=1 marks it nested.
        "SetEnv SHLVL=1",
        "Subsystem sftp internal-sftp", ""])


@contextlib.contextmanager
def sshd_running(folder: Path) -> Iterator[SshServer]:
    """Debian's OpenSSH server on 127.0.0.1 with generated host and user keys."""
    binary = program("sshd", "/usr/sbin/sshd")
    program("rsync", "/usr/bin/rsync")
    folder.mkdir(parents=True, exist_ok=True)
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
    host_key = keygen(folder / "host_key")
    (folder / "authorized_keys").write_text(keygen(folder / "id") + "\n", encoding="ascii")
    port = free_port()
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {' '.join(host_key.split()[:2])}\n", encoding="ascii")
    config = folder / "sshd_config"
    config.write_text(sshd_config(folder, port), encoding="ascii")
    log = folder / "sshd.log"
    with log.open("w") as out:
        process = subprocess.Popen([binary, "-D", "-e", "-f", str(config)], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
        yield SshServer(f"{pwd.getpwuid(os.geteuid()).pw_name}@127.0.0.1", port, folder / "known_hosts", folder / "id")
    finally:
        stop(process)
