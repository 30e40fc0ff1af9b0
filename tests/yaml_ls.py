"""A small client of yaml-language-server, the server behind VS Code's YAML extension.

It speaks the Language Server Protocol over stdio (JSON-RPC messages framed by a
`Content-Length` header) the way an editor does: initialize, the `yaml.schemas`
setting, open a document, collect the diagnostics the server publishes, ask for
completions. Only what the editor tests need.

The server is looked up in `.cache/yls` (where `.ci/run` installs it with npm) and then
on PATH; `find_server()` says why it cannot run when it cannot.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOCAL_SERVER = ROOT / ".cache" / "yls" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
INSTALL = "npm install --prefix .cache/yls yaml-language-server@1.25.0"


def find_server() -> tuple[list[str] | None, str]:
    """The command that starts the server over stdio, or None and the reason why not."""
    node = shutil.which("node")
    if node is None:
        return None, "node is not installed, so yaml-language-server cannot run"
    if LOCAL_SERVER.is_file():
        return [node, str(LOCAL_SERVER), "--stdio"], ""
    on_path = shutil.which("yaml-language-server")
    if on_path is not None:
        return [on_path, "--stdio"], ""
    return None, f"yaml-language-server is not installed (install it with `{INSTALL}`)"


class LanguageServer:
    """One running server; documents are opened by URI with their text."""

    def __init__(self, command: list[str], root: Path, schemas: dict[str, list[str]]) -> None:
        self._process = subprocess.Popen(
            command, cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._next_id = 0
        self._version = 0
        self._replies: queue.Queue[dict[str, Any]] = queue.Queue()
        self._diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._publications: dict[str, int] = {}
        self._published = threading.Condition()
        self._settings = {"yaml": {"schemas": schemas, "validate": True, "completion": True, "hover": True}}
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self._settings})

    # --- the protocol -------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._process.stdin is not None
        self._process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        self._process.stdin.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return  # the server ended
            self._handle(json.loads(stream.read(length)))

    def _handle(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is None:
            self._replies.put(message)
        elif "id" in message:  # a request of the server's own: answer what an editor answers
            if method == "workspace/configuration":
                result: Any = [self._settings.get(item.get("section", ""), None) for item in message["params"]["items"]]
            else:
                result = None
            self._send({"id": message["id"], "result": result})
        elif method == "textDocument/publishDiagnostics":
            with self._published:
                uri = message["params"]["uri"]
                self._diagnostics[uri] = message["params"]["diagnostics"]
                self._publications[uri] = self._publications.get(uri, 0) + 1
                self._published.notify_all()

    def request(self, method: str, params: dict[str, Any], timeout: float = 20) -> Any:
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            reply = self._replies.get(timeout=max(0.0, deadline - time.monotonic()))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self._process.wait(timeout=5)
        except Exception:
            self._process.kill()
            self._process.wait()

    # --- what the tests ask -------------------------------------------------------------------

    def _count(self, uri: str) -> int:
        with self._published:
            return self._publications.get(uri, 0)

    def _wait_for_publication(self, uri: str, after: int, timeout: float) -> list[dict[str, Any]]:
        with self._published:
            if not self._published.wait_for(lambda: self._publications.get(uri, 0) > after, timeout):
                raise TimeoutError(f"no diagnostics for {uri} in {timeout} s")
            return self._diagnostics[uri]

    def _open(self, uri: str, text: str) -> int:
        before = self._count(uri)
        self._version += 1  # the server caches parsed documents by URI and version
        document = {"uri": uri, "languageId": "yaml", "version": self._version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return before

    def _close(self, uri: str) -> int:
        # the server answers a close with empty diagnostics: they are waited for, so that
        # they cannot be taken for those of the next document opened at the same URI
        before = self._count(uri)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return before

    def diagnostics_of(self, documents: dict[str, str], timeout: float = 30) -> dict[str, list[dict[str, Any]]]:
        """Open documents (URI: text) together and return the diagnostics published for each.
        The server checks a document 200 ms after it last changed, so many at once is faster."""
        opened = {uri: self._open(uri, text) for uri, text in documents.items()}
        found = {uri: self._wait_for_publication(uri, before, timeout) for uri, before in opened.items()}
        closed = {uri: self._close(uri) for uri in documents}
        for uri, before in closed.items():
            self._wait_for_publication(uri, before, timeout)
        return found

    def diagnostics(self, uri: str, text: str, timeout: float = 30) -> list[dict[str, Any]]:
        """Open a document with `text` and return the diagnostics the server publishes for it."""
        return self.diagnostics_of({uri: text}, timeout)[uri]

    def completion(self, uri: str, text: str, line: int, character: int, timeout: float = 20) -> list[dict[str, Any]]:
        """The completion items at a 0-based position of a document with `text`."""
        self._wait_for_publication(uri, self._open(uri, text), timeout)
        position = {"line": line, "character": character}
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position}, timeout)
        self._wait_for_publication(uri, self._close(uri), timeout)
        items: list[dict[str, Any]] = result["items"] if isinstance(result, dict) else (result or [])
        return items
