"""A tiny stand-in for the "mock" host that VNG's Postman conformance collections call.

The collections use ``{{mock_url}}`` for URLs that must point *outside* the implementation under
test, so this server has to listen on a host the implementation does not treat as its own (a
second loopback address such as 127.0.0.2; see specs/conformance/README.md).

Routes:
    GET  /200                -> 200, empty text/html body ("a URL that is not the right resource")
    GET  /404                -> 404
    GET  /communicatiekanaal -> 200, JSON {"url", "naam", "omschrijving"}
    POST /callback           -> 204 (a Notificaties abonnement callback; the body is read and dropped)
    HEAD on the GET routes   -> the same status and headers, without a body
    anything else            -> 404

Standard library only, so it runs before any project dependency is installed:

    python tests/conformance/mock_server.py --host 127.0.0.2 --port 9000
"""

from __future__ import annotations

import argparse
import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

COMMUNICATIEKANAAL = {"naam": "Telefoon", "omschrijving": "Telefonisch contact"}


class MockHandler(BaseHTTPRequestHandler):
    server_version = "ZaakwerkConformanceMock/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, as newman expects from a normal server

    # -- helpers ---------------------------------------------------------------------------------

    def _path(self) -> str:
        """The request path without query string and without a trailing slash."""
        path = urlsplit(self.path).path
        return path.rstrip("/") or "/"

    def _own_url(self) -> str:
        """This request's absolute URL (without query string), as the client addressed it."""
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        return "http://%s%s" % (host, urlsplit(self.path).path)

    def _send(self, status: int, body: bytes = b"", content_type: str | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != HTTPStatus.NO_CONTENT:  # a 204 carries no Content-Length (RFC 9110, 8.6)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _drain_body(self) -> None:
        """Read and discard the request body so the connection can be reused."""
        length = self.headers.get("Content-Length")
        if length:
            try:
                remaining = int(length)
            except ValueError:
                remaining = 0
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
        elif "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            while True:
                size_line = self.rfile.readline()
                try:
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    size = 0
                if size == 0:
                    # trailer section: lines until an empty one
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                self.rfile.read(size + 2)  # chunk data + CRLF

    # -- methods ---------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        path = self._path()
        if path == "/200":
            self._send(HTTPStatus.OK, b"", "text/html; charset=utf-8")
        elif path == "/communicatiekanaal":
            body = json.dumps({"url": self._own_url(), **COMMUNICATIEKANAAL}).encode()
            self._send(HTTPStatus.OK, body, "application/json")
        else:  # /404 and everything unknown
            self._send(HTTPStatus.NOT_FOUND, b"", "text/html; charset=utf-8")

    do_HEAD = do_GET  # _send() leaves out the body for HEAD  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        self._drain_body()
        if self._path() == "/callback":
            self._send(HTTPStatus.NO_CONTENT)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"", "text/html; charset=utf-8")

    def _not_found_with_body(self) -> None:
        self._drain_body()
        self._send(HTTPStatus.NOT_FOUND, b"", "text/html; charset=utf-8")

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _not_found_with_body  # noqa: N815

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Quiet: no line per request (newman's report already lists every call)."""


def make_server(host: str, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), MockHandler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mock endpoint for the ZGW conformance collections.")
    parser.add_argument("--host", default="127.0.0.2", help="address to listen on (default 127.0.0.2)")
    parser.add_argument("--port", type=int, default=9000, help="port to listen on (default 9000)")
    args = parser.parse_args(argv)

    server = make_server(args.host, args.port)
    print("mock server listening on http://%s:%d" % server.server_address[:2], file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
