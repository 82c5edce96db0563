"""`python -m klimapakt links`: do the web addresses in the registries still answer?

Every partner `website`, every event `registration` that is a web address (and the sources of the
pact's figures) is fetched once with GET over HTTP(S): a deadline per address (all its redirects
included, however slowly a server sends) and a budget for the whole run, a few requests at a time
and one at a time per host, a user agent that says who asks, redirects followed hop by hop. Only
public addresses are connected to (klimapakt.office.fetching); internal ones are reported without
being named. Reported in German: errors (4xx, 5xx), permanent redirects (301, 308: the address
should be updated), TLS errors, time-outs, hosts that cannot be reached, and what the budget left
„nicht geprüft“. It runs only when asked (the monthly workflow); a broken link never fails it, a
registry with errors does (there would be nothing true to report).
"""

from __future__ import annotations

import asyncio
import os
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..kinds.text import REGISTRATION, URL
from ..load import loader
from ..load.registries import declared_files
from ..model.fields import fields_of
from ..neutral import neutral
from ..report import Problem, errors, format_text
from . import fetching
from .monitoring import md

USER_AGENT = "KlimapaktDuesseldorf-Linkpruefung/1.0 (Geschaeftsstelle Klimapakt; klimapakt@duesseldorf.de)"
TIMEOUT = 10.0  # seconds per address, its redirects included
BUDGET = 15 * 60.0  # seconds for all addresses: the workflow step "Links prüfen" stops at 20 minutes
CONCURRENCY = 4  # requests at a time (and one per host)
MAX_REDIRECTS = 5
LINK_KINDS = (URL, REGISTRATION)  # a registration may also be an e-mail address: only web addresses count
PERMANENT = (301, 308)
REASONS = {400: "ungültige Anfrage", 401: "Anmeldung nötig", 403: "Zugriff verweigert", 404: "Seite nicht gefunden",
           410: "Seite entfernt", 429: "zu viele Anfragen", 500: "Serverfehler", 502: "Serverfehler",
           503: "Dienst nicht verfügbar", 504: "Zeitüberschreitung am Server"}
MAYBE_BLOCKED = (401, 403, 429)  # some sites refuse automatic requests: a person should look


@dataclass(frozen=True)
class Link:
    url: str
    file: str
    line: int
    entry: str  # the record's id
    field: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}: {self.entry}: {self.field}"


@dataclass(frozen=True)
class Finding:
    link: Link
    kind: str  # "broken", "moved", "tls", "timeout", "unreachable"
    message: str  # German

    def __str__(self) -> str:
        return neutral(f"{self.link.where}: {self.link.url} {self.message}")


def links_of(records: Iterable[Any], file: str) -> list[Link]:
    """The web addresses of the records' fields that hold one."""
    found = []
    for record in records:
        record_type: type = type(record)
        for f in fields_of(record_type):
            value = getattr(record, f.key)
            if f.kind is not None and f.kind in LINK_KINDS and isinstance(value, str) and value.lower().startswith(("http://", "https://")):
                found.append(Link(value, file, record.lines.get(f.key, record.line), record.id, f.key))
    return found


def registry_links(folder: Path, environ: Mapping[str, str] | None = None) -> tuple[list[Link], list[Problem]]:
    """Every link of every declared registry's file in `folder` (or the file its environment variable
    names, as for `check` and the build), and every error in them: a report over a registry with errors
    would leave out what could not be read."""
    environ = os.environ if environ is None else environ
    found: list[Link] = []
    problems: list[Problem] = []
    ids: dict[str, list[str]] = {}
    for registry, path in declared_files(environ, folder):
        references = {name: ids.get(name, []) for name in registry.references}
        loaded = loader.load_file(path, registry=registry, references=references,
                                  logo_dir=folder / "docs/assets/partners")
        ids[registry.name] = [record.id for record in loaded.records]
        found += links_of(loaded.records, path.name)
        problems += loaded.problems
    return found, errors(problems)


def refusal(problems: list[Problem], markdown: bool) -> str:
    """The report when a registry has errors: no check, the errors instead."""
    head = ("Linkprüfung nicht durchgeführt: Die Register enthalten Fehler. Bitte zuerst "
            "`python -m klimapakt check` ausführen und die Fehler beheben.")
    if not markdown:
        return head + "\n" + format_text(problems) + "\n"
    return "\n".join(["## Linkprüfung", "", f"**{head}**", "", *(f"- {md(p.text())}" for p in problems), ""]) + "\n"


def check_links(links: list[Link], timeout: float = TIMEOUT, concurrency: int = CONCURRENCY,
                budget: float = BUDGET, guard: fetching.Guard | None = None) -> list[Finding]:
    """Fetch each address once, within `timeout` seconds per address (all its redirects included) and
    `budget` seconds for all; a finding for every link that is broken, moved, internal or not checked."""
    results = asyncio.run(fetch_all(sorted({link.url for link in links}), timeout, concurrency, budget,
                                    guard or fetching.Guard()))
    return [Finding(link, *results[link.url]) for link in links if results[link.url]]


async def fetch_all(urls: list[str], timeout: float, concurrency: int, budget: float,
                    guard: fetching.Guard) -> dict[str, tuple[str, str] | None]:
    import httpx

    limit = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    async with httpx.AsyncClient(transport=fetching.vetted_transport(guard), follow_redirects=False, timeout=timeout,
                                 trust_env=False, headers={"User-Agent": USER_AGENT}) as client:
        async def one(url: str) -> tuple[str, str] | None:
            host = hosts.setdefault(urlsplit(url).netloc.lower(), asyncio.Semaphore(1))
            async with host, limit:  # the host first: a busy host does not hold a place
                left = deadline - loop.time()
                if left <= 0:
                    return not_checked(budget)
                try:
                    async with asyncio.timeout(min(timeout, left)):  # the whole request, not each read
                        return await fetch(client, url, timeout)
                except TimeoutError:
                    return (not_checked(budget) if left < timeout else
                            ("timeout", f"antwortet nicht innerhalb von {duration_de(timeout)}."))

        results = await asyncio.gather(*(one(url) for url in urls))
    return dict(zip(urls, results))


def not_checked(budget: float) -> tuple[str, str]:
    return "unchecked", (f"nicht geprüft: Die Linkprüfung hat ihre Zeit ({duration_de(budget)}) aufgebraucht. "
                         "Sie kommt beim nächsten Lauf dran.")


def duration_de(seconds: float) -> str:
    if seconds >= 60:
        return f"{seconds / 60:.3g} {'Minute' if seconds == 60 else 'Minuten'}".replace(".", ",")
    return f"{seconds:.3g} {'Sekunde' if seconds == 1 else 'Sekunden'}".replace(".", ",")


async def fetch(client: Any, url: str, timeout: float) -> tuple[str, str] | None:
    """(kind, German message) for an address that does not answer as it should, else None. Redirects
    are followed here, hop by hop, each through the vetting transport."""
    import httpx

    request, permanent = client.build_request("GET", url), False
    try:
        for hop in range(MAX_REDIRECTS + 1):
            try:
                response = await client.send(request, stream=True)
            except fetching.InternalAddress:
                return internal(hop)
            await response.aclose()
            if response.next_request is None:
                break
            permanent = permanent or response.status_code in PERMANENT
            request = response.next_request
        else:
            return "broken", f"leitet mehr als {MAX_REDIRECTS}-mal weiter (eine Schleife?)."
    except httpx.UnsupportedProtocol:
        return "broken", "leitet an eine Adresse weiter, die keine Webadresse (http/https) ist."
    except httpx.TimeoutException:
        return "timeout", f"antwortet nicht innerhalb von {duration_de(timeout)}."
    except (httpx.HTTPError, OSError, ValueError) as error:
        return unreachable(error)
    status = response.status_code
    if status >= 400:
        reason = REASONS.get(status, "Fehler")
        hint = " Manche Websites sperren automatische Abrufe: bitte im Browser prüfen." if status in MAYBE_BLOCKED else ""
        return "broken", f"antwortet mit {status} ({reason}).{hint}"
    if permanent:
        return "moved", f"leitet dauerhaft weiter nach {response.url}. Bitte die neue Adresse eintragen."
    return None


def internal(hop: int) -> tuple[str, str]:
    """Never the address itself: the report is published."""
    if hop:
        return "internal", "leitet an eine interne, nicht öffentliche Adresse weiter und wurde nicht weiter abgerufen."
    return "internal", "zeigt auf eine interne, nicht öffentliche Adresse und wurde nicht abgerufen."


def unreachable(error: Exception) -> tuple[str, str]:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None) or "TLS"
            return "tls", (f"scheitert an der verschlüsselten Verbindung (TLS-Fehler: {detail}). Das Zertifikat der "
                           "Website ist ungültig oder abgelaufen, oder der Server spricht kein HTTPS.")
        cause = cause.__cause__ or cause.__context__
    return "unreachable", "ist nicht erreichbar (der Server antwortet nicht oder den Namen gibt es nicht)."


def text_report(links: list[Link], findings: list[Finding]) -> str:
    lines = [f"Linkprüfung: {counted(links, findings)}, {summary(findings)}"]
    return "\n".join([*lines, *(f"  {finding}" for finding in findings)]) + "\n"


def counted(links: list[Link], findings: list[Finding]) -> str:
    total = len({link.url for link in links})
    unchecked = len({f.link.url for f in findings if f.kind == "unchecked"})
    if not unchecked:
        return f"{total} Adressen geprüft"
    return f"{total - unchecked} von {total} Adressen geprüft ({unchecked} nicht geprüft: Zeit aufgebraucht)"


def summary(findings: list[Finding]) -> str:
    found = [f for f in findings if f.kind != "unchecked"]
    if not found:
        return "alle geprüften antworten." if findings else "alle antworten."
    return f"{len(found)} {'Hinweis' if len(found) == 1 else 'Hinweise'}."


def markdown_report(links: list[Link], findings: list[Finding]) -> str:
    lines = ["## Linkprüfung", "", f"{counted(links, findings)}, {summary(findings)}", ""]
    if findings:
        lines += ["| Eintrag | Adresse | Befund |", "|---|---|---|"]
        lines += [f"| {md(neutral(f.link.where))} | {md(neutral(f.link.url))} | {md(neutral(f.message))} |"
                  for f in findings]
        lines.append("")
    return "\n".join(lines)
