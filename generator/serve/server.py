"""`portfolio serve`: a local server for the built site, with live reload.

Only files of the built site are served: no directory listing, no path that
leaves the site folder (`..`, encoded slashes, absolute paths), and error pages
that name no local path. Open pages hear about new builds by server-sent events.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import queue
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.serve.preview import Preview, State

log = logging.getLogger(__name__)

PREFIX = "/__portfolio__/"
KEEPALIVE_SECONDS = 15
_SCRIPT = f'<script src="{PREFIX}client.js" defer></script>'
_WAITING = (
    b'<!DOCTYPE html><html lang="zh-Hant-TW"><meta charset="utf-8">'
    b"<title>portfolio</title><body><p>Not found / \xe6\x89\xbe\xe4\xb8\x8d\xe5"
    b"\x88\xb0</p></body></html>"
)


class Hub:
    """Fans each new build state out to every connected page."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clients: set[queue.Queue[State | None]] = set()

    def connect(self) -> queue.Queue[State | None]:
        client: queue.Queue[State | None] = queue.Queue()
        with self.lock:
            self.clients.add(client)
        return client

    def disconnect(self, client: queue.Queue[State | None]) -> None:
        with self.lock:
            self.clients.discard(client)

    def publish(self, state: State | None) -> None:
        with self.lock:
            for client in self.clients:
                client.put(state)

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.clients)


def safe_path(site_dir: Path, request_path: str) -> Path | None:
    """The file a URL path names inside the site, or None for anything else."""
    path = urlsplit(request_path).path
    decoded = unquote(path)
    if "\x00" in decoded or "\\" in decoded or "%" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") for p in parts):
        return None
    candidate = site_dir.joinpath(*parts)
    if decoded.endswith("/") or not parts:
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve()
    except OSError:
        return None
    if not real.is_relative_to(site_dir.resolve()) or not real.is_file():
        return None
    return real


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        preview: Preview,
        hub: Hub,
        print_dossier: Callable[[str], Path | None] | None = None,
    ) -> None:
        super().__init__(address, Handler)
        self.preview = preview
        self.hub = hub
        self.print_dossier = print_dossier
        self.stopping = threading.Event()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self._internal(path.removeprefix(PREFIX), head)
            return
        site_dir = self.server.preview.site_dir
        target = safe_path(site_dir, self.path)
        if target is None:
            self._not_found(head)
            return
        body = target.read_bytes()
        content_type = (
            mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        if content_type == "text/html":
            body = _inject(body)
            content_type += "; charset=utf-8"
        elif content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, body, content_type, head)

    def _internal(self, name: str, head: bool) -> None:
        if name == "client.js":
            script = (
                resources.files("generator.serve").joinpath("client.js").read_bytes()
            )
            self._send(HTTPStatus.OK, script, "text/javascript; charset=utf-8", head)
        elif name == "state":
            state = json.dumps(self.server.preview.state.as_dict(), ensure_ascii=False)
            self._send(HTTPStatus.OK, state.encode(), "application/json", head)
        elif name == "events" and not head:
            self._events()
        elif name.startswith("pdf/") and name.endswith(".pdf"):
            self._dossier(name.removeprefix("pdf/").removesuffix(".pdf"), head)
        else:
            self._not_found(head)

    def _events(self) -> None:
        """Server-sent events: the current state at once, then every new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        client = self.server.hub.connect()
        try:
            self._event(self.server.preview.state)
            while not self.server.stopping.is_set():
                try:
                    state = client.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                if state is None:
                    break
                self._event(state)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        finally:
            self.server.hub.disconnect(client)

    def _event(self, state: State) -> None:
        data = json.dumps(state.as_dict(), ensure_ascii=False)
        self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
        self.wfile.flush()

    def _dossier(self, application: str, head: bool) -> None:
        printer = self.server.print_dossier
        if printer is None or application not in self.server.preview.application_ids:
            self._not_found(head)
            return
        path = printer(application)
        if path is None or not path.exists():
            self._send(
                HTTPStatus.SERVICE_UNAVAILABLE,
                b"The dossier cannot be printed now; see the terminal.",
                "text/plain; charset=utf-8",
                head,
            )
            return
        self._send(HTTPStatus.OK, path.read_bytes(), "application/pdf", head)

    def _not_found(self, head: bool) -> None:
        # Before the first good build there is no 404 page yet; a bare page
        # with the client still shows the findings and reloads once fixed.
        page = safe_path(self.server.preview.site_dir, "/404.html")
        body = page.read_bytes() if page else _WAITING
        self._send(
            HTTPStatus.NOT_FOUND, _inject(body), "text/html; charset=utf-8", head
        )

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _inject(body: bytes) -> bytes:
    """Add the live-reload client to a page, just before </body>."""
    marker = b"</body>"
    index = body.rfind(marker)
    script = _SCRIPT.encode()
    return body[:index] + script + body[index:] if index >= 0 else body + script


def start(
    preview: Preview,
    host: str = "127.0.0.1",
    port: int = 8000,
    print_dossier: Callable[[str], Path | None] | None = None,
) -> tuple[PreviewServer, Hub]:
    """Start serving in a background thread; returns the server and its hub."""
    hub = Hub()
    server = PreviewServer((host, port), preview, hub, print_dossier)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, hub


def stop(server: PreviewServer, hub: Hub) -> None:
    server.stopping.set()
    hub.publish(None)
    server.shutdown()
    server.server_close()


def url_of(server: PreviewServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"
