"""A real HTTP(S) server on 127.0.0.1, in a thread, for the tests of fetching: the standard library's
http.server, serving files from a dict the test changes between requests, and a few misbehaving paths."""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

LAST_MODIFIED = "Wed, 02 Dec 2026 10:00:00 GMT"


class Site:
    """What the server serves: `files` by path (ETag and Last-Modified from the content, or Last-Modified
    alone under /lm/), and counts of what it was asked."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[dict[str, str]] = []


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[Site]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_GET(self) -> None:
        self.site.requests.append({"path": self.path, **dict(self.headers.items())})
        path = self.path
        if path == "/slow":
            time.sleep(1)
            try:
                self._send(200, b"late")
            except OSError:  # the client gave up, as it should
                self.close_connection = True
            return None
        if path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.wfile.flush()
            self.close_connection = True
            return None
        if path == "/stream":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 100)
            self.close_connection = True
            return None
        if path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", path.removeprefix("/redirect?to="))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        body = self.site.files.get(path.removeprefix("/lm"))
        if body is None:
            return self._send(404, b"not here")
        etag = None if path.startswith("/lm/") else f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        if etag is not None and self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", etag)
        if etag is None and self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return self._send(304, b"", etag)
        return self._send(200, body, etag)

    def _send(self, status: int, body: bytes, etag: str | None = None) -> None:
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


@contextmanager
def serving(site: Site, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (with TLS when `tls` is given); yields the base URL."""
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    scheme = "https" if tls is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
