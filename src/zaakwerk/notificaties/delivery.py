"""Sending notifications over HTTP: to an abonnement's callback, or to an external Notificaties API.

Standard library only (``http.client``): every sending thread keeps one keep-alive connection per
subscriber host, so the worker has a small connection pool per subscriber and a notification costs
one request on an open connection (a third of the CPU urllib3 needs per request, which matters
at thousands of notifications per second). Nothing here touches the database."""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
import threading
import time
import warnings
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import jwt
import msgspec

from . import conf

logger = logging.getLogger("zaakwerk.notificaties")

MAX_RESPONSE = 2000  # characters of a subscriber's answer kept for the admin
MAX_READ = 64 * 1024  # bytes of an answer read at most; a longer answer closes the connection
USER_AGENT = "Zaakwerk-Notificaties/1.0"

_encoder = msgspec.json.Encoder()
_local = threading.local()  # per thread: {(scheme, host, port): HTTPConnection}
_ssl_context: ssl.SSLContext | None = None


@dataclass
class Result:
    ok: bool
    status_code: int | None = None
    response: str = ""
    error: str = ""

    @property
    def unreachable(self) -> bool:
        """No HTTP answer at all (refused, timed out, reset): the subscriber is down."""
        return self.status_code is None


def _connections() -> dict:
    cache = getattr(_local, "connections", None)
    if cache is None:
        cache = _local.connections = {}
    return cache


def _connection(scheme: str, host: str, port: int | None, timeout: float):
    global _ssl_context
    key = (scheme, host, port)
    cache = _connections()
    conn = cache.get(key)
    if conn is None:
        if scheme == "https":
            if _ssl_context is None:
                _ssl_context = ssl.create_default_context()
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=_ssl_context)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        cache[key] = conn
    conn.timeout = timeout  # for a new socket (connect) ...
    if conn.sock is not None:
        conn.sock.settimeout(timeout)  # ... and for an open one
    return key, conn


def _drop(key) -> None:
    conn = _connections().pop(key, None)
    if conn is not None:
        conn.close()


def close_connections() -> None:
    """Close this thread's connections."""
    for key in list(_connections()):
        _drop(key)


def request(method: str, url: str, body: bytes | None = None, headers: dict | None = None, *,
            timeout: float | None = None, keep_alive: bool = True) -> tuple[Result, bytes]:
    """One HTTP request on this thread's keep-alive connection to the host (``keep_alive=False``:
    on a connection of its own, closed afterwards); never raises for network trouble. Redirects
    are not followed: a notification goes where it was told to go. Returns the Result and the
    answer's first bytes."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Result(False, error=f"ongeldige URL: {url!r}"), b""
    seconds = conf.timeout() if timeout is None else timeout
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    all_headers = {"User-Agent": USER_AGENT, "Accept": "application/json, */*", **(headers or {})}
    try:
        port = parts.port
    except ValueError:
        return Result(False, error=f"ongeldige poort in {url!r}"), b""
    for attempt in (1, 2):
        if not keep_alive:
            _drop((parts.scheme, parts.hostname, port))
        key, conn = _connection(parts.scheme, parts.hostname, port, seconds)
        reused = conn.sock is not None
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            broken = False
            try:
                raw = response.read(MAX_READ)
            except (OSError, http.client.HTTPException) as exc:  # the status counts, not the body
                logger.debug("answer of %s unreadable: %s", url, exc)
                raw, broken = b"", True
            if broken or not keep_alive or response.will_close or not response.isclosed():
                _drop(key)  # not reusable: closed, or an unread (or unreadable) rest
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
            _drop(key)
            if reused and attempt == 1:
                continue  # the subscriber closed an idle keep-alive connection: once more, fresh
            return Result(False, error=_describe(exc)), b""
        except (OSError, http.client.HTTPException, ValueError) as exc:
            _drop(key)
            return Result(False, error=_describe(exc)), b""
        status = response.status
        return Result(200 <= status < 300, status, raw.decode("utf-8", "replace")[:MAX_RESPONSE]), raw
    raise AssertionError("unreachable")  # pragma: no cover


def post(url: str, payload, auth: str = "", *, timeout: float | None = None, keep_alive: bool = True) -> Result:
    """POST JSON (a dict, or bytes already encoded) with the given Authorization header."""
    body = payload if isinstance(payload, (bytes, bytearray)) else _encoder.encode(payload)
    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = auth
    return request("POST", url, bytes(body), headers, timeout=timeout, keep_alive=keep_alive)[0]


def _describe(exc: Exception) -> str:
    """A short Dutch description of a network failure, for the admin and the logs."""
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "time-out: geen verbinding of geen antwoord binnen de wachttijd"
    if isinstance(exc, socket.gaierror):
        return f"geen verbinding: {exc.strerror or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return f"geen verbinding: {exc.strerror or 'Connection refused'}"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "verbinding verbroken: de abonnee sloot de verbinding zonder antwoord"
    if isinstance(exc, (BrokenPipeError, ConnectionResetError)):
        return f"verbinding verbroken: {exc.strerror or exc}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS-fout: {exc.reason or exc}"
    if isinstance(exc, OSError):
        return f"geen verbinding: {exc.strerror or exc}"
    return f"{exc.__class__.__name__}: {exc}"


# --------------------------------------------------------------------------------------------
# An external Notificaties API (Open Notificaties, another NRC)
# --------------------------------------------------------------------------------------------


class ExternalApi:
    """POST {root}/notificaties with a JWT-ZGW token of the configured client. Before the first
    message on a kanaal the kanaal is registered there when it does not exist yet (a source must
    register its kanalen, the standard says)."""

    def __init__(self, root: str, client_id: str, secret: str):
        self.root = root.rstrip("/")
        self.client_id = client_id
        self.secret = secret
        self._token = ""
        self._token_time = 0.0
        self._lock = threading.Lock()
        self._known_kanalen: set[str] = set()

    def authorization(self) -> str:
        with self._lock:
            now = time.time()
            if not self._token or now - self._token_time > 60:
                claims = {"iss": self.client_id, "iat": int(now), "client_id": self.client_id,
                          "user_id": "zaakwerk", "user_representation": "Zaakwerk"}
                with warnings.catch_warnings():  # a short shared secret is the client's choice
                    warnings.simplefilter("ignore")
                    self._token = jwt.encode(claims, self.secret, algorithm="HS256")
                self._token_time = now
            return f"Bearer {self._token}"

    def ensure_kanaal(self, naam: str, definition: dict | None) -> Result | None:
        """None when the kanaal exists there (or was created); otherwise the failed call's result."""
        if naam in self._known_kanalen:
            return None
        auth = self.authorization()
        found, raw = request("GET", f"{self.root}/kanaal?naam={quote(naam, safe='')}", None,
                             {"Authorization": auth})
        if found.status_code != 200:
            found.ok = False
            found.error = found.error or f"kanaal '{naam}' opvragen mislukt"
            return found
        try:
            kanalen = msgspec.json.decode(raw)
        except msgspec.DecodeError:
            kanalen = None
        if isinstance(kanalen, dict):  # a paginated answer
            kanalen = kanalen.get("results")
        if not kanalen:
            body = definition or {"naam": naam, "documentatieLink": "", "filters": []}
            created = post(f"{self.root}/kanaal", body, auth)
            if not created.ok:
                created.error = created.error or f"kanaal '{naam}' registreren mislukt"
                return created
            logger.info("kanaal %s geregistreerd bij %s", naam, self.root)
        self._known_kanalen.add(naam)
        return None

    def send(self, body: bytes, kanaal: str, definition: dict | None) -> Result:
        failed = self.ensure_kanaal(kanaal, definition)
        if failed is not None:
            return failed
        return post(f"{self.root}/notificaties", body, self.authorization())


_external: ExternalApi | None = None


def external_api() -> ExternalApi | None:
    """The configured external Notificaties API, or None for the built-in one."""
    global _external
    root = conf.external_api_url()
    if not root:
        return None
    if _external is None or _external.root != root:
        _external = ExternalApi(root, conf.external_client_id(), conf.external_secret())
    return _external
