"""`python -m klimapakt links` against a local HTTP server on 127.0.0.1 (no other network is used):
200, a temporary and a permanent redirect, 404, a slow answer, a refused connection, a TLS error."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
from collections import Counter

import pytest

from klimapakt import model
from klimapakt.__main__ import main
from klimapakt.office import links

TIMEOUT = 5.0  # the slow page never answers; the others do well within it, even on a busy machine
# The checker refuses loopback addresses; these tests reach their server on 127.0.0.1 through a guard
# that allows it (see tests/office/test_link_safety.py for the refusals).
LOCAL = links.fetching.Guard(allowed=lambda ip: ip.is_loopback)


class Handler(http.server.BaseHTTPRequestHandler):
    requests: Counter = Counter()
    agents: set = set()
    release = threading.Event()

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.requests[self.path] += 1
        Handler.agents.add(self.headers.get("User-Agent"))
        if self.path == "/langsam":
            Handler.release.wait(10)  # released when the test ends; the client has given up long before
        status, location = {"/ok": (200, None), "/kurz": (302, "/ok"), "/umgezogen": (301, "/neu"),
                            "/neu": (200, None), "/fehlt": (404, None), "/langsam": (200, None),
                            "/gesperrt": (403, None)}.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture(scope="module")
def server():
    Handler.requests.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def link(url: str, entry: str = "muster-gmbh") -> links.Link:
    return links.Link(url, "partners.yml", 7, entry, "website")


@pytest.fixture(scope="module")
def findings(server):
    urls = {"ok": f"{server}/ok", "kurz": f"{server}/kurz", "umgezogen": f"{server}/umgezogen",
            "fehlt": f"{server}/fehlt", "langsam": f"{server}/langsam", "gesperrt": f"{server}/gesperrt",
            "abgelehnt": f"http://127.0.0.1:{closed_port()}/", "tls": server.replace("http://", "https://") + "/ok",
            "doppelt": f"{server}/ok"}
    found = links.check_links([link(url, name) for name, url in urls.items()], timeout=TIMEOUT, concurrency=3,
                              guard=LOCAL)
    return {f.link.entry: f for f in found}


def test_answering_pages_and_temporary_redirects_are_fine(findings):
    assert "ok" not in findings and "kurz" not in findings and "doppelt" not in findings


def test_a_permanent_redirect_names_the_new_address(findings, server):
    assert findings["umgezogen"].kind == "moved"
    assert findings["umgezogen"].message == f"leitet dauerhaft weiter nach {server}/neu. Bitte die neue Adresse eintragen."


def test_errors_are_reported_with_their_status_in_german(findings, server):
    assert str(findings["fehlt"]) == f"partners.yml:7: fehlt: website: {server}/fehlt antwortet mit 404 (Seite nicht gefunden)."
    assert findings["gesperrt"].message.startswith("antwortet mit 403 (Zugriff verweigert). Manche Websites sperren")


def test_a_slow_page_a_refused_connection_and_a_tls_error(findings):
    assert (findings["langsam"].kind, findings["langsam"].message) == (
        "timeout", "antwortet nicht innerhalb von 5 Sekunden.")
    assert findings["abgelehnt"].kind == "unreachable"
    assert findings["abgelehnt"].message.startswith("ist nicht erreichbar")
    assert findings["tls"].kind == "tls"
    assert "TLS-Fehler" in findings["tls"].message


def test_each_address_is_fetched_once_with_a_polite_user_agent(findings):
    assert Handler.requests["/ok"] == 2  # once for both links to it, once as the target of /kurz
    assert Handler.requests["/umgezogen"] == 1
    assert Handler.agents == {links.USER_AGENT}
    assert "klimapakt@duesseldorf.de" in links.USER_AGENT


def test_the_links_are_websites_and_registration_addresses_not_e_mail(tmp_path):
    registry = tmp_path / "partners.yml"
    registry.write_text("partners:\n  - id: werkzeug-nord\n    name: Werkzeug Nord GmbH\n    role: partner\n"
                        "    status: partner\n    website: https://werkzeug-nord.example\n"
                        "  - id: beispiel-ag\n    name: Beispiel AG\n    role: partner\n    status: partner\n",
                        encoding="utf-8")
    (tmp_path / "events.yml").write_text(
        "events:\n  - id: treffen\n    title: Netzwerktreffen\n    start: 2026-02-27T18:00\n    end: 2026-02-27T20:00\n"
        "    kind: network-meeting\n"
        "    registration: https://anmeldung.example/treffen\n"
        "  - id: werkstatt\n    title: Werkstatt\n    start: 2026-03-05\n    kind: workshop\n"
        "    registration: anmeldung@werkzeug-nord.example\n", encoding="utf-8")
    assert links.registry_links(tmp_path, {}) == ([
        links.Link("https://werkzeug-nord.example", "partners.yml", 6, "werkzeug-nord", "website"),
        links.Link("https://anmeldung.example/treffen", "events.yml", 7, "treffen", "registration")], [])


def test_links_command_reports_in_markdown_and_never_fails(server, monkeypatch, capsys):
    monkeypatch.setattr(links, "registry_links", lambda folder: ([link(f"{server}/fehlt"), link(f"{server}/ok", "ok")], []))
    monkeypatch.setattr(links.fetching, "Guard", lambda: LOCAL)
    assert main(["links", "--format", "md", "--timeout", str(TIMEOUT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Linkprüfung\n\n2 Adressen geprüft, 1 Hinweis.\n")
    assert f"| partners.yml:7: muster-gmbh: website | {server}/fehlt | antwortet mit 404 (Seite nicht gefunden). |" in out


def test_a_partner_record_gives_its_website_with_its_line():
    partner = model.Partner(id="muster-gmbh", name="Muster GmbH", role="partner", status="partner",
                            website="https://muster.example", joined=dt.date(2025, 1, 1), line=3,
                            lines={"website": 9})
    assert links.links_of([partner], "partners.yml") == [
        links.Link("https://muster.example", "partners.yml", 9, "muster-gmbh", "website")]


PARTNER = "  - id: {id}\n    name: {id} GmbH\n    role: partner\n    status: partner\n    website: https://{id}.example\n"


def test_links_reads_the_registry_that_klimapakt_registry_names(tmp_path, monkeypatch):
    other = tmp_path / "anderswo" / "demo.yml"
    other.parent.mkdir()
    other.write_text("partners:\n" + PARTNER.format(id="erfunden-gmbh"), encoding="utf-8")
    (tmp_path / "partners.yml").write_text("partners:\n" + PARTNER.format(id="falsch-gmbh"), encoding="utf-8")
    found, problems = links.registry_links(tmp_path, {"KLIMAPAKT_REGISTRY": str(other)})
    assert problems == [] and [(l.url, l.file) for l in found] == [("https://erfunden-gmbh.example", "demo.yml")]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_links_refuses_to_report_success_over_a_registry_with_errors(tmp_path, monkeypatch, capsys, fmt):
    (tmp_path / "partners.yml").write_text("partners:\n" + PARTNER.format(id="muster-gmbh").replace("partner\n", "Partner\n", 1),
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KLIMAPAKT_REGISTRY", raising=False)
    assert main(["links", "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "Linkprüfung nicht durchgeführt: Die Register enthalten Fehler." in out
    assert "partners.yml:4: muster-gmbh: role:" in out
    assert "alle antworten" not in out and "Adressen geprüft" not in out


def test_links_refuses_when_the_named_registry_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KLIMAPAKT_REGISTRY", str(tmp_path / "fehlt.yml"))
    assert main(["links"]) == 1
    assert "Linkprüfung nicht durchgeführt" in capsys.readouterr().out
