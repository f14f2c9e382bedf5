"""The HTTP client of the worker (notificaties.delivery) against real sockets: keep-alive reuse,
a subscriber that closed an idle connection, chunked and oversized answers, time-outs, refused
connections, redirects (not followed)."""

import socket
import socketserver
import threading
import time

import pytest

from zaakwerk.notificaties import delivery


class RawServer:
    """A TCP server answering each HTTP request with ``answer(request_number) -> bytes`` (the raw
    response); ``close_after`` closes the connection after each answer (without saying so)."""

    def __init__(self, answer, close_after=False, delay=0.0):
        self.connections = 0
        self.requests = 0
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                outer.connections += 1
                buffer = b""
                while True:
                    while b"\r\n\r\n" not in buffer:
                        data = self.request.recv(65536)
                        if not data:
                            return
                        buffer += data
                    head, _, buffer = buffer.partition(b"\r\n\r\n")
                    length = 0
                    for line in head.split(b"\r\n"):
                        if line.lower().startswith(b"content-length:"):
                            length = int(line.split(b":")[1])
                    while len(buffer) < length:
                        buffer += self.request.recv(65536)
                    buffer = buffer[length:]
                    outer.requests += 1
                    if delay:
                        time.sleep(delay)
                    self.request.sendall(answer(outer.requests))
                    if close_after:
                        self.request.shutdown(socket.SHUT_RDWR)
                        return

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client that went away
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


NO_CONTENT = b"HTTP/1.1 204 No Content\r\n\r\n"


@pytest.fixture
def raw_server():
    servers = []

    def start(answer=lambda n: NO_CONTENT, **kw):
        server = RawServer(answer, **kw)
        servers.append(server)
        return server

    yield start
    delivery.close_connections()
    for server in servers:
        server.stop()


def test_notifications_share_one_keep_alive_connection(raw_server):
    server = raw_server()
    for _ in range(5):
        assert delivery.post(server.url, {"a": 1}, "Bearer x").ok
    assert (server.connections, server.requests) == (1, 5)


def test_a_connection_the_subscriber_closed_is_replaced_without_losing_the_notification(raw_server):
    server = raw_server(close_after=True)  # closes after every answer without "Connection: close"
    for _ in range(3):
        result = delivery.post(server.url, {"a": 1})
        assert result.ok, result
        time.sleep(0.05)
    assert server.requests == 3 and server.connections == 3


def test_a_chunked_answer_is_read_and_the_connection_reused(raw_server):
    server = raw_server(lambda n: b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  b"5\r\nhallo\r\n7\r\n wereld\r\n0\r\n\r\n")
    first = delivery.post(server.url, {"a": 1})
    second = delivery.post(server.url, {"a": 2})
    assert (first.ok, first.status_code, first.response) == (True, 200, "hallo wereld")
    assert second.ok and server.connections == 1


def test_a_huge_answer_is_cut_short_and_its_connection_not_reused(raw_server):
    body = b"x" * 200_000
    server = raw_server(lambda n: b"HTTP/1.1 500 Error\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    result = delivery.post(server.url, {"a": 1})
    assert (result.ok, result.status_code, len(result.response)) == (False, 500, delivery.MAX_RESPONSE)
    delivery.post(server.url, {"a": 1})
    assert server.connections == 2


def test_no_answer_within_the_timeout_is_a_failed_attempt(raw_server):
    server = raw_server(delay=1.0)
    started = time.monotonic()
    result = delivery.post(server.url, {"a": 1}, timeout=0.2)
    assert time.monotonic() - started < 0.9
    assert (result.ok, result.status_code, result.unreachable) == (False, None, True)
    assert "time-out" in result.error


def test_refused_unresolvable_and_invalid_urls(raw_server):
    server = raw_server()
    server.stop()
    refused = delivery.post(server.url, {"a": 1}, timeout=1)
    assert refused.unreachable and "geen verbinding" in refused.error
    assert delivery.post("http://zaakwerk-bestaat-niet.invalid/x", {}, timeout=1).unreachable
    assert "ongeldige URL" in delivery.post("ftp://example.com/x", {}).error
    assert "ongeldige" in delivery.post("http://127.0.0.1:99999/x", {}).error


def test_a_redirect_is_not_followed(raw_server):
    server = raw_server(lambda n: b"HTTP/1.1 302 Found\r\nLocation: http://elders.example/\r\n"
                                  b"Content-Length: 0\r\n\r\n")
    result = delivery.post(server.url, {"a": 1})
    assert (result.ok, result.status_code) == (False, 302)
    assert server.requests == 1


def test_the_request_carries_json_and_the_auth_header(subscriber):
    sub = subscriber()
    assert delivery.post(sub.url, {"kanaal": "zaken"}, "Bearer 123").ok
    (received,) = sub.received
    assert received.headers["authorization"] == "Bearer 123"
    assert received.headers["content-type"] == "application/json"
    assert received.body == {"kanaal": "zaken"}


def test_an_unreadable_body_after_a_2xx_status_still_counts_as_delivered(raw_server):
    server = raw_server(lambda n: b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
    result = delivery.post(server.url, {"a": 1})
    assert (result.ok, result.status_code) == (True, 200)
    delivery.post(server.url, {"a": 1})
    assert server.connections == 2  # that connection was not reused
