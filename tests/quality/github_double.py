"""TEST DOUBLE of the GitHub API: only what the form editor (Sveltia CMS, github backend) calls, on 127.0.0.1.

Not GitHub: a small in-memory repository (branches of commits, each commit a full tree) that answers the
editor's REST calls and recognises its GraphQL queries by their shape (the editor's queries are fixed
strings in its bundle). After every commit the branch's files are written to `<root>/<branch>/` on disk,
so a test reads the files the editor really saved. Every request the double does not know is answered
404 and listed in `unknown`: a test asserts the list is empty, so a new editor version that calls more
of the API fails loudly instead of passing against a double that pretends.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOKEN = "github_pat_test_double_only"  # the token the test types into the sign-in form
LOGIN = "geschaeftsstelle-test"
ALIAS = re.compile(r"(\w+_\d+): ")
STRING = r'"(?:[^"\\]|\\.)*"'


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 (git's object id)


@dataclass
class Commit:
    oid: str
    message: str
    files: dict[str, bytes]
    date: str


@dataclass
class Repository:
    owner: str
    name: str
    root: Path  # where each branch's files are written
    branches: dict[str, list[Commit]] = field(default_factory=dict)
    pulls: list[dict] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def seed(self, files: dict[str, bytes]) -> None:
        self.branches["main"] = [Commit(self._oid("seed"), "Ausgangsstand", dict(files), _now())]

    def head(self, branch: str) -> Commit | None:
        commits = self.branches.get(branch)
        return commits[-1] if commits else None

    def commit(self, branch: str, expected: str, additions: list[dict], deletions: list[dict], message: str) -> Commit:
        head = self.head(branch)
        if head is None or head.oid != expected:
            raise ValueError(f"expectedHeadOid {expected} is not the head of {branch}")
        files = dict(head.files)
        for change in deletions:
            files.pop(change["path"], None)
        for change in additions:
            files[change["path"]] = base64.b64decode(change["contents"])
        new = Commit(self._oid(message), message, files, _now())
        self.branches[branch].append(new)
        self.write(branch)
        return new

    def write(self, branch: str) -> None:
        for path, data in self.head(branch).files.items():
            target = self.root / branch / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def blob(self, sha: str) -> bytes | None:
        return next((data for commits in self.branches.values() for c in commits
                     for data in c.files.values() if blob_sha(data) == sha), None)

    def history(self, branch: str, path: str | None) -> list[Commit]:
        commits = list(reversed(self.branches.get(branch, [])))
        if path is None:
            return commits
        touched = [c for c, older in zip(commits, commits[1:] + [None])
                   if path in c.files and (older is None or older.files.get(path) != c.files[path])]
        return touched

    def _oid(self, text: str) -> str:
        count = sum(len(c) for c in self.branches.values())
        return hashlib.sha1(f"{count}:{text}".encode()).hexdigest()  # noqa: S324 (an id, not security)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _node(commit: Commit) -> dict:
    return {"oid": commit.oid, "message": commit.message, "committedDate": commit.date,
            "author": {"name": "Geschäftsstelle (Test)", "email": "test@example.org", "avatarUrl": None,
                       "user": {"id": 1, "login": LOGIN}}}


class GraphQL:
    """The editor's GraphQL queries, recognised by what they ask for."""

    def __init__(self, repo: Repository):
        self.repo = repo

    def answer(self, query: str, variables: dict) -> dict:
        if "createCommitOnBranch" in query:
            return self.create_commit(query, variables["input"])
        if "createRef(" in query:
            data = variables["input"]
            branch = data["name"].removeprefix("refs/heads/")
            source = next(c for commits in self.repo.branches.values() for c in commits if c.oid == data["oid"])
            self.repo.branches[branch] = [source]
            self.repo.write(branch)
            return {"createRef": {"ref": {"name": data["name"]}}}
        if "fork: repository" in query:
            head = self.repo.head(variables["branch"])
            return {"fork": {"id": "R_double"}, "base": {"ref": {"target": {"oid": head.oid}} if head else None}}
        if "defaultBranchRef" in query:
            return {"repository": {"defaultBranchRef": {"name": "main"}}}
        if "pullRequests(headRefName" in query:
            count = sum(1 for p in self.repo.pulls if p["head"]["ref"] == variables["branch"] and p["state"] == "open")
            return {"repository": {"pullRequests": {"totalCount": count}}}
        if "pullRequests(" in query:
            return {"repository": {"pullRequests": {"nodes": [self.pull_node(p) for p in self.repo.pulls
                                                               if p["state"] == "open"]}}}
        if ALIAS.search(query):
            return {"repository": {alias: self.aliased(part.strip(), variables) for alias, part in _aliases(query)}}
        if "... on Commit { oid }" in query:  # the branch head, for the deployment status
            head = self.repo.head(variables["branch"])
            return {"repository": {"ref": {"target": {"oid": head.oid}} if head else None}}
        if "history(first: 1)" in query:
            head = self.repo.head(variables["branch"])
            return {"repository": {"ref": {"target": {"history": {"nodes": [_node(head)]}}} if head else None}}
        raise LookupError(query)

    def aliased(self, part: str, variables: dict):
        if m := re.match(rf"object\(oid: ({STRING})\)", part):
            data = self.repo.blob(json.loads(m[1]))
            return {"text": data.decode("utf-8", "replace"), "isTruncated": False} if data is not None else None
        if m := re.match(rf"object\(expression: ({STRING})\)", part):
            branch, _, path = json.loads(m[1]).partition(":")
            data = (self.repo.head(branch).files if self.repo.head(branch) else {}).get(path)
            if data is None:
                return None
            binary = b"\0" in data
            return {"oid": blob_sha(data), "byteSize": len(data), "isBinary": binary, "isTruncated": False,
                    "text": None if binary else data.decode("utf-8")}
        if m := re.match(rf"ref\(qualifiedName: \$branch\).*?history\(first: (\d+), path: ({STRING})\)", part):
            nodes = self.repo.history(variables["branch"], json.loads(m[2]))[: int(m[1])]
            return {"target": {"history": {"nodes": [_node(c) for c in nodes]}}}
        raise LookupError(part)

    def create_commit(self, query: str, data: dict) -> dict:
        changes = data["fileChanges"]
        commit = self.repo.commit(data["branch"]["branchName"], data["expectedHeadOid"], changes.get("additions") or [],
                                  changes.get("deletions") or [], data["message"]["headline"])
        result = {"oid": commit.oid, "committedDate": commit.date}
        for alias, path in re.findall(rf"(file_\d+): file\(path: ({STRING})\)", query):
            result[alias] = {"oid": blob_sha(commit.files[json.loads(path)])}
        return {"createCommitOnBranch": {"commit": result}}

    def pull_node(self, pull: dict) -> dict:
        base, head = self.repo.head(pull["base"]["ref"]), self.repo.head(pull["head"]["ref"])
        changed = sorted(p for p in head.files if base.files.get(p) != head.files[p]) if head and base else []
        return {"id": pull["node_id"], "number": pull["number"], "title": pull["title"], "url": pull["html_url"],
                "isDraft": pull["draft"], "isCrossRepository": False, "createdAt": pull["created_at"],
                "updatedAt": pull["updated_at"], "headRefName": pull["head"]["ref"], "headRefOid": head.oid,
                "author": {"login": LOGIN, "avatarUrl": None, "name": None, "email": None, "databaseId": 1},
                "labels": {"nodes": [{"name": n} for n in pull["labels"]]},
                "files": {"nodes": [{"path": p, "changeType": "MODIFIED" if p in base.files else "ADDED"}
                                    for p in changed]}}


def _aliases(query: str):
    marks = list(ALIAS.finditer(query))
    for mark, following in zip(marks, marks[1:] + [None]):
        yield mark[1], query[mark.end(): following.start() if following else len(query)]


class Handler(BaseHTTPRequestHandler):
    repo: Repository  # set on the class made by `serve`

    def log_message(self, *args):  # keep test output readable
        pass

    def do_OPTIONS(self):  # noqa: N802 (the CORS preflight: the editor's page is another origin)
        self._send(204, None)

    def do_GET(self):  # noqa: N802
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def do_PATCH(self):  # noqa: N802
        self._dispatch("PATCH")

    def do_DELETE(self):  # noqa: N802
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        if self.headers.get("Authorization") != f"token {TOKEN}":
            return self._send(401, {"message": "Bad credentials"})
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null")
        path = self.path.split("?")[0]
        with self.repo.lock:
            try:
                if path == "/graphql" and method == "POST":  # where the editor puts it for an api_root .../api/v3
                    return self._send(200, {"data": GraphQL(self.repo).answer(body["query"], body.get("variables") or {})})
                return self._rest(method, path, body)
            except LookupError as err:
                self.repo.unknown.append(f"{method} {self.path}: {str(err)[:200]}")
                return self._send(404, {"message": "Not Found (test double)"})

    def _rest(self, method: str, path: str, body) -> None:
        repo, prefix = self.repo, f"/api/v3/repos/{self.repo.owner}/{self.repo.name}"
        if (method, path) == ("GET", "/api/v3/user"):
            return self._send(200, {"id": 1, "login": LOGIN, "name": "Geschäftsstelle (Test)", "email": None,
                                    "avatar_url": "", "html_url": f"https://github.invalid/{LOGIN}"})
        rest = path.removeprefix(prefix) if path.startswith(prefix + "/") else None
        if rest == f"/collaborators/{LOGIN}" and method == "GET":
            return self._send(204, None)
        if rest and rest.startswith("/git/trees/") and method == "GET":
            ref = rest.removeprefix("/git/trees/")
            commit = repo.head(ref) or next(c for cs in repo.branches.values() for c in cs if c.oid == ref)
            return self._send(200, {"sha": commit.oid, "truncated": False, "tree": [
                {"path": p, "type": "blob", "sha": blob_sha(d), "size": len(d)} for p, d in sorted(commit.files.items())]})
        if rest and rest.startswith("/git/blobs/") and method == "GET":
            data = repo.blob(rest.removeprefix("/git/blobs/"))
            return self._send(200, data, "application/octet-stream") if data is not None else self._send(404, {})
        if rest == "/pulls" and method == "POST":
            return self._send(201, self._open_pull(body))
        if m := re.fullmatch(r"/issues/(\d+)(/labels)?", rest or ""):
            pull = repo.pulls[int(m[1]) - 1]
            if method in ("POST", "PATCH"):
                pull["labels"] = list(dict.fromkeys(([*pull["labels"]] if m[2] else []) + body["labels"]))
            return self._send(200, {"number": pull["number"], "labels": [{"name": n} for n in pull["labels"]]})
        raise LookupError(path)

    def _open_pull(self, body: dict) -> dict:
        now, number = _now(), len(self.repo.pulls) + 1
        pull = {"number": number, "node_id": f"PR_{number}", "title": body["title"], "state": "open",
                "draft": bool(body.get("draft")), "body": body.get("body"), "labels": [],
                "html_url": f"https://github.invalid/{self.repo.owner}/{self.repo.name}/pull/{number}",
                "head": {"ref": body["head"], "sha": self.repo.head(body["head"]).oid}, "base": {"ref": body["base"]},
                "created_at": now, "updated_at": now}
        self.repo.pulls.append(pull)
        return pull

    def _send(self, status: int, payload, content_type: str = "application/json") -> None:
        data = payload if isinstance(payload, bytes) else b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
        if status != 204:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if status != 204:
            self.wfile.write(data)


def serve(repo: Repository) -> ThreadingHTTPServer:
    """The double on 127.0.0.1 on a free port, in a daemon thread; `shutdown()` stops it."""
    handler = type("DoubleHandler", (Handler,), {"repo": repo})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
