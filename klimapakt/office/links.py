"""`python -m klimapakt links`: do the web addresses in the registries still answer?

Every partner `website`, every event `registration` that is a web address (and the sources of the
pact's figures) is fetched once with GET over HTTP(S): a short timeout, a few requests at a time and
one at a time per host, a user agent that says who asks, redirects followed. Reported in German:
errors (4xx, 5xx), permanent redirects (301, 308: the address should be updated), TLS errors, time-outs
and hosts that cannot be reached. It runs only when asked (the monthly workflow) and never fails.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..kinds.text import REGISTRATION, URL
from ..load import loader
from ..load.registries import declared_files
from ..model.fields import fields_of
from .monitoring import md

USER_AGENT = "KlimapaktDuesseldorf-Linkpruefung/1.0 (Geschaeftsstelle Klimapakt; klimapakt@duesseldorf.de)"
TIMEOUT = 10.0  # seconds per request
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
        return f"{self.link.where}: {self.link.url} {self.message}"


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


def registry_links(folder: Path) -> list[Link]:
    """Every link of every declared registry's file in `folder` (what loads of them)."""
    found: list[Link] = []
    ids: dict[str, list[str]] = {}
    for registry, path in declared_files({}, folder):
        references = {name: ids.get(name, []) for name in registry.references}
        records = loader.load_file(path, registry=registry, references=references,
                                   logo_dir=folder / "docs/assets/partners").records
        ids[registry.name] = [record.id for record in records]
        found += links_of(records, registry.file)
    return found


def check_links(links: list[Link], timeout: float = TIMEOUT, concurrency: int = CONCURRENCY) -> list[Finding]:
    """Fetch each address once; a finding for every link whose address is broken or moved."""
    results = asyncio.run(fetch_all(sorted({link.url for link in links}), timeout, concurrency))
    return [Finding(link, *results[link.url]) for link in links if results[link.url]]


async def fetch_all(urls: list[str], timeout: float, concurrency: int) -> dict[str, tuple[str, str] | None]:
    import httpx

    limit = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    async with httpx.AsyncClient(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout,
                                 headers={"User-Agent": USER_AGENT}) as client:
        async def one(url: str) -> tuple[str, str] | None:
            host = hosts.setdefault(urlsplit(url).netloc.lower(), asyncio.Semaphore(1))
            async with host, limit:  # the host first: a busy host does not hold a place
                return await fetch(client, url, timeout)

        results = await asyncio.gather(*(one(url) for url in urls))
    return dict(zip(urls, results))


async def fetch(client: Any, url: str, timeout: float) -> tuple[str, str] | None:
    """(kind, German message) for an address that does not answer as it should, else None."""
    import httpx

    try:
        async with client.stream("GET", url) as response:
            status, history, final = response.status_code, response.history, str(response.url)
    except httpx.TimeoutException:
        return "timeout", f"antwortet nicht innerhalb von {timeout:g} Sekunden."
    except httpx.TooManyRedirects:
        return "broken", f"leitet mehr als {MAX_REDIRECTS}-mal weiter (eine Schleife?)."
    except httpx.HTTPError as error:
        return unreachable(error)
    if status >= 400:
        reason = REASONS.get(status, "Fehler")
        hint = " Manche Websites sperren automatische Abrufe: bitte im Browser prüfen." if status in MAYBE_BLOCKED else ""
        return "broken", f"antwortet mit {status} ({reason}).{hint}"
    if any(step.status_code in PERMANENT for step in history):
        return "moved", f"leitet dauerhaft weiter nach {final}. Bitte die neue Adresse eintragen."
    return None


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
    lines = [f"Linkprüfung: {len({link.url for link in links})} Adressen geprüft, {summary(findings)}"]
    return "\n".join([*lines, *(f"  {finding}" for finding in findings)]) + "\n"


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "alle antworten."
    return f"{len(findings)} {'Hinweis' if len(findings) == 1 else 'Hinweise'}."


def markdown_report(links: list[Link], findings: list[Finding]) -> str:
    lines = ["## Linkprüfung", "", f"{len({link.url for link in links})} Adressen geprüft, {summary(findings)}", ""]
    if findings:
        lines += ["| Eintrag | Adresse | Befund |", "|---|---|---|"]
        lines += [f"| {md(f.link.where)} | {md(f.link.url)} | {md(f.message)} |" for f in findings]
        lines.append("")
    return "\n".join(lines)
