"""The link check stays outside: internal addresses are refused before connecting, on every redirect
hop, and never printed; one deadline per address and one budget for the run.

Only local servers on 127.0.0.1 are used. Host names come from a resolver stub; every connection
the checker opens is recorded (at httpcore's backend, below the vetting) so a test can assert
that none went anywhere else.
"""

from __future__ import annotations

import ipaddress
import socket
import socketserver
import threading
import time
import http.server

import httpcore
import pytest

from klimapakt.office import fetching, links

INTERNAL = ["127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1", "2002:a00:1::1",
            "64:ff9b::7f00:1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::127.0.0.1", "192.0.2.1", "198.18.0.1"]
PUBLIC = ["8.8.8.8", "193.99.144.80", "2a00:1450:4001:82b::2003", "::ffff:8.8.8.8", "2002:808:808::1",
          "64:ff9b::808:808"]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_not_public(address):
    assert not fetching.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are(address):
    assert fetching.is_public(ipaddress.ip_address(address))


@pytest.fixture
def connections(monkeypatch):
    """Every (host, port) the checker really connects to."""
    opened: list[tuple[str, int]] = []
    real = httpcore.AnyIOBackend.connect_tcp

    async def recording(self, host, port, **options):
        opened.append((host, port))
        return await real(self, host, port, **options)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", recording)
    return opened


def stub(names: dict[str, list[str]]):
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host in names:
            return names[host]
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            raise socket.gaierror(socket.EAI_NONAME, "unknown") from None
    resolve.asked = asked
    return resolve


class Redirecting(http.server.BaseHTTPRequestHandler):
    targets: dict[str, str] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        target = Redirecting.targets.get(self.path)
        self.send_response(302 if target else 200)
        if target:
            self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def port():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def link(url: str, entry: str = "muster-gmbh") -> links.Link:
    return links.Link(url, "partners.yml", 7, entry, "website")


def only_this_loopback(ip) -> bool:
    """The test server's address stands in for the public internet; every other address is production's."""
    return ip == ipaddress.ip_address("127.0.0.1") or fetching.is_public(ip)


@pytest.mark.parametrize("address", ["169.254.169.254", "10.0.0.1", "::1", "127.0.0.1", "::ffff:127.0.0.1",
                                     "2002:7f00:1::1", "0.0.0.0"])
def test_a_host_resolving_inside_is_refused_without_connecting_and_without_naming_it(connections, address):
    guard = fetching.Guard(resolve=stub({"www.muster.example": [address]}))
    found = links.check_links([link("https://www.muster.example/")], timeout=3, guard=guard)
    assert [(f.kind, f.message) for f in found] == [
        ("internal", "zeigt auf eine interne, nicht öffentliche Adresse und wurde nicht abgerufen.")]
    assert address not in str(found[0]) and connections == []


def test_a_host_with_one_internal_address_among_public_ones_is_refused(connections):
    guard = fetching.Guard(resolve=stub({"www.muster.example": ["8.8.8.8", "10.0.0.1"]}))
    assert links.check_links([link("https://www.muster.example/")], timeout=3, guard=guard)[0].kind == "internal"
    assert connections == []


@pytest.mark.parametrize("target", ["http://intern.example:{port}/", "http://10.0.0.1:{port}/",
                                    "http://[::1]:{port}/", "http://127.0.0.2:{port}/", "/weiter-intern"])
def test_every_redirect_hop_is_vetted_and_an_internal_target_is_not_named(connections, port, target):
    Redirecting.targets = {"/start": target.format(port=port), "/weiter-intern": f"http://metadata.example:{port}/"}
    guard = fetching.Guard(resolve=stub({"www.muster.example": ["127.0.0.1"], "intern.example": ["10.0.0.1"],
                                         "metadata.example": ["169.254.169.254"]}), allowed=only_this_loopback)
    found = links.check_links([link(f"http://www.muster.example:{port}/start")], timeout=3, guard=guard)
    assert [(f.kind, f.message) for f in found] == [
        ("internal", "leitet an eine interne, nicht öffentliche Adresse weiter und wurde nicht weiter abgerufen.")]
    text = links.text_report([link("x")], found) + links.markdown_report([link("x")], found)
    assert not any(secret in text for secret in ("intern.example", "10.0.0.1", "::1", "127.0.0.2", "metadata", "169.254"))
    assert {host for host, _ in connections} == {"127.0.0.1"}


def test_the_connection_goes_to_the_address_that_was_vetted(connections, port):
    """DNS rebinding: the second answer (internal) is never used for the connection the first allowed."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]])

    async def rebinding(host, port_):
        return next(answers)

    Redirecting.targets = {}
    guard = fetching.Guard(resolve=rebinding, allowed=only_this_loopback)
    assert links.check_links([link(f"http://www.muster.example:{port}/")], timeout=3, guard=guard) == []
    assert connections == [("127.0.0.1", port)]


def test_a_redirect_to_another_scheme_is_refused_without_naming_it(connections, port):
    Redirecting.targets = {"/datei": "file:///etc/passwd"}
    guard = fetching.Guard(resolve=stub({"www.muster.example": ["127.0.0.1"]}), allowed=only_this_loopback)
    found = links.check_links([link(f"http://www.muster.example:{port}/datei")], timeout=3, guard=guard)
    assert [(f.kind, f.message) for f in found] == [
        ("broken", "leitet an eine Adresse weiter, die keine Webadresse (http/https) ist.")]


def test_a_proxy_from_the_environment_is_not_used(connections, port, monkeypatch):
    proxy = socket.socket()
    proxy.bind(("127.0.0.1", 0))
    proxy.listen()
    proxy.settimeout(0.5)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.getsockname()[1]}")
    Redirecting.targets = {}
    guard = fetching.Guard(resolve=stub({"www.muster.example": ["127.0.0.1"]}), allowed=only_this_loopback)
    assert links.check_links([link(f"http://www.muster.example:{port}/")], timeout=3, guard=guard) == []
    with pytest.raises(socket.timeout):
        proxy.accept()
    proxy.close()


class Trickle(socketserver.BaseRequestHandler):
    """Sends its status line one byte per 0.5 s: no read ever waits long, the request never ends."""
    stop = threading.Event()

    def handle(self):
        self.request.recv(4096)
        for byte in b"HTTP/1.1 200 OK\r\nX-Langsam: " + b"a" * 200:
            if Trickle.stop.wait(0.5):
                return
            try:
                self.request.sendall(bytes([byte]))
            except OSError:
                return


@pytest.fixture(scope="module")
def trickle():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    Trickle.stop.set()
    server.shutdown()
    server.server_close()


LOCAL = fetching.Guard(resolve=stub({}), allowed=lambda ip: ip.is_loopback)


def test_the_timeout_is_a_deadline_for_the_whole_request_not_for_each_read(trickle):
    start = time.monotonic()
    found = links.check_links([link(f"http://127.0.0.1:{trickle}/")], timeout=2, guard=LOCAL)
    elapsed = time.monotonic() - start
    assert [(f.kind, f.message) for f in found] == [("timeout", "antwortet nicht innerhalb von 2 Sekunden.")]
    assert elapsed < 6  # 2 s and the event loop's start; a per-read timeout took over 100 s here


def test_the_budget_leaves_the_rest_not_checked_and_says_so(trickle):
    urls = [link(f"http://127.0.0.1:{trickle}/{n}", f"firma-{n}") for n in range(6)]
    start = time.monotonic()
    found = links.check_links(urls, timeout=1.5, concurrency=1, budget=2.5, guard=LOCAL)
    elapsed = time.monotonic() - start
    kinds = [f.kind for f in found]
    assert len(found) == 6 and kinds.count("timeout") == 1 and kinds.count("unchecked") == 5
    assert elapsed < 7
    unchecked = next(f for f in found if f.kind == "unchecked")
    assert unchecked.message == ("nicht geprüft: Die Linkprüfung hat ihre Zeit (2,5 Sekunden) aufgebraucht. "
                                 "Sie kommt beim nächsten Lauf dran.")
    unchecked_count = kinds.count("unchecked")
    assert links.text_report(urls, found).startswith(
        f"Linkprüfung: {6 - unchecked_count} von 6 Adressen geprüft ({unchecked_count} nicht geprüft: Zeit aufgebraucht), "
        f"{6 - unchecked_count} Hinweis")


def test_a_resolver_that_hangs_holds_neither_the_deadline_nor_the_end_of_the_run(monkeypatch):
    release = threading.Event()

    def hanging(*args, **kwargs):
        release.wait(20)
        raise socket.gaierror(socket.EAI_AGAIN, "timeout")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    start = time.monotonic()
    found = links.check_links([link("https://langsam.example/")], timeout=1)
    assert [(f.kind, f.message) for f in found] == [("timeout", "antwortet nicht innerhalb von 1 Sekunde.")]
    assert time.monotonic() - start < 5  # the lookup thread is left behind, not waited for
    release.set()


def test_tls_goes_to_the_vetted_address_but_names_the_host(tmp_path, connections):
    """Pinning the address keeps TLS about the host name: SNI (and so the certificate check) says
    www.muster.example, though the connection goes to the address that was vetted."""
    import ssl
    import subprocess

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=www.muster.example"], check=True, capture_output=True, timeout=60)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port_ = listener.getsockname()[1]

    def serve_once():
        conn, _ = listener.accept()
        try:
            context.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()

    thread = threading.Thread(target=serve_once, daemon=True)
    thread.start()
    guard = fetching.Guard(resolve=stub({"www.muster.example": ["127.0.0.1"]}), allowed=only_this_loopback)
    found = links.check_links([link(f"https://www.muster.example:{port_}/")], timeout=5, guard=guard)
    thread.join(5)
    listener.close()
    assert [f.kind for f in found] == ["tls"]  # a self-signed certificate is refused
    assert names == ["www.muster.example"] and connections == [("127.0.0.1", port_)]
