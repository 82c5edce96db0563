"""Privacy: requests only to 127.0.0.1, nothing stored in the browser."""

from __future__ import annotations

import urllib.parse

LOCAL_HOSTS = {"127.0.0.1"}


class RequestLog:
    """Records every request of a browser context; anything not on 127.0.0.1 is recorded and
    aborted (so a test never reaches the internet, and the failure names the URL)."""

    def __init__(self, context):
        self.urls: list[str] = []
        self.foreign: list[str] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("websocket", lambda ws: self.foreign.append(ws.url))

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


def storage_problems(context, page) -> list[str]:
    """Cookies, Web Storage, IndexedDB, Cache Storage and service workers must all be empty."""
    problems = [f"cookie {c['name']} for {c['domain']}" for c in context.cookies()]
    found = page.evaluate("""async () => ({
        cookie: document.cookie,
        local: Object.keys(localStorage), session: Object.keys(sessionStorage),
        idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
        caches: self.caches ? await caches.keys() : [],
        workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0})""")
    if found["cookie"]:
        problems.append(f"document.cookie: {found['cookie']}")
    problems += [f"localStorage: {k}" for k in found["local"]]
    problems += [f"sessionStorage: {k}" for k in found["session"]]
    problems += [f"IndexedDB: {k}" for k in found["idb"]]
    problems += [f"Cache Storage: {k}" for k in found["caches"]]
    if found["workers"]:
        problems.append(f"{found['workers']} service worker(s) registered")
    return problems
