"""Fixtures for the Notificaties tests: real subscriber HTTP servers on 127.0.0.1, a real database
shared with real ``zaakwerk worker`` processes, and helpers to start and stop those workers.

``proc_db`` gives each test its own committed database (a copy of a database migrated once per
module: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL) and points this
process's default connection at it for the duration of the test, so the domain code, the API
client and the worker processes all see the same data. Tests using it must not use ``db``."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.db.utils import load_backend

# Until settings.py lists the app (see the issue 5 report), these tests run only with
# --ds=tests.notificaties.standalone_settings; elsewhere they are not collected, so they do not
# break a run of the whole suite.
if "zaakwerk.notificaties" not in django_settings.INSTALLED_APPS:
    collect_ignore_glob = ["test_*.py"]

REPO_ROOT = Path(__file__).resolve().parents[2]
ZAAKWERK = Path(sys.executable).parent / "zaakwerk"  # console script of the installed package

# fast settings for worker processes in tests: short poll, short backoff, short lease
FAST_ENV = {
    "ZAAKWERK_WORKER_POLL_INTERVAL": "0.05",
    "ZAAKWERK_NOTIFICATIES_BACKOFF": "0.1",
    "ZAAKWERK_NOTIFICATIES_BACKOFF_MAX": "0.4",
    "ZAAKWERK_NOTIFICATIES_TIMEOUT": "2",
    "ZAAKWERK_NOTIFICATIES_LEASE": "3",
    "ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS": "100",
}


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.02, message: str = ""):
    """Poll ``predicate`` until it returns something truthy (returned) or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message or predicate}")
        time.sleep(interval)


# =============================================================================================
# A subscriber: a real HTTP server that records what it receives
# =============================================================================================


@dataclass
class Received:
    path: str
    headers: dict
    body: dict
    at: float


class Subscriber:
    """A webhook receiver (notificaties-consumer 1.0.0-rc1): answers 204 unless ``respond``
    (``Received -> int``) says otherwise. ``stop()`` closes the port and every open connection,
    so the subscriber is really down; ``start()`` listens on the same port again."""

    def __init__(self, respond=None, delay: float = 0.0):
        self.respond = respond or (lambda received: 204)
        self.delay = delay
        self.received: list[Received] = []
        self.refused: list[Received] = []  # requests answered with a non-2xx status
        self.lock = threading.Lock()
        self.port = 0
        self.server: ThreadingHTTPServer | None = None
        self.sockets: set = set()

    # -- server ----------------------------------------------------------------------------------

    def start(self) -> "Subscriber":
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                with subscriber.lock:
                    subscriber.sockets.add(self.connection)

            def finish(self):
                with subscriber.lock:
                    subscriber.sockets.discard(self.connection)
                super().finish()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                item = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic())
                if subscriber.delay:
                    time.sleep(subscriber.delay)
                status = subscriber.respond(item)
                answer = b"" if status == 204 else json.dumps({"status": status, "detail": "test"}).encode()
                with subscriber.lock:
                    if 200 <= status < 300:
                        subscriber.received.append(item)
                    else:
                        subscriber.refused.append(item)
                self.send_response(status)
                if status != 204:
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                if answer:
                    self.wfile.write(answer)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        server.handle_error = lambda request, address: None  # a client that went away (SIGKILL)
        self.port = server.server_address[1]
        self.server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is None:
            return
        self.server.shutdown()
        self.server.server_close()
        with self.lock:
            for sock in list(self.sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1/notificaties"

    # -- what arrived ----------------------------------------------------------------------------

    def notifications(self, kanaal: str | None = None) -> list[dict]:
        """Accepted notifications, in arrival order, without the callback test notification."""
        with self.lock:
            bodies = [r.body for r in self.received]
        return [b for b in bodies if isinstance(b, dict) and b.get("kanaal") != "test"
                and (kanaal is None or b.get("kanaal") == kanaal)]

    def wait_for(self, count: int, kanaal: str | None = None, timeout: float = 20.0) -> list[dict]:
        return wait_until(lambda: len(self.notifications(kanaal)) >= count and self.notifications(kanaal),
                          timeout=timeout, message=f"{count} notifications at {self.url}")


@pytest.fixture
def subscriber():
    """Factory: ``subscriber(respond=None, delay=0)`` starts one; all are stopped afterwards."""
    started: list[Subscriber] = []

    def factory(respond=None, delay: float = 0.0, start: bool = True) -> Subscriber:
        sub = Subscriber(respond, delay)
        if start:
            sub.start()
        started.append(sub)
        return sub

    yield factory
    for sub in started:
        sub.stop()


# =============================================================================================
# A real database, shared with worker processes
# =============================================================================================


def _pg_admin(cfg):
    import psycopg

    return psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                           password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)


def _database_url(cfg) -> str:
    if cfg["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{cfg['NAME']}"
    auth = quote(cfg["USER"] or "", safe="")
    if cfg["PASSWORD"]:
        auth += ":" + quote(cfg["PASSWORD"], safe="")
    host = cfg["HOST"] or "127.0.0.1"
    port = f":{cfg['PORT']}" if cfg["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{cfg['NAME']}"


def subprocess_env(database_url: str, **extra) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p),
        "ZAAKWERK_LOG_LEVEL": "INFO",
        "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
    })
    for key in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ZAAKWERK_NOTIFICATIES_API_URL"):
        env.pop(key, None)
    env.setdefault("DJANGO_SETTINGS_MODULE", "zaakwerk.settings")
    env.update({k: str(v) for k, v in extra.items()})
    return env


@dataclass
class TemplateDb:
    cfg: dict
    postgresql: bool


@pytest.fixture(scope="module")
def proc_db_template(django_db_blocker, tmp_path_factory):
    base = copy.deepcopy(connections["default"].settings_dict)
    postgresql = base["ENGINE"].endswith("postgresql")
    cfg = copy.deepcopy(base)
    if postgresql:
        cfg["NAME"] = f"zw_nrc_tmpl_{uuid.uuid4().hex[:10]}"
        with _pg_admin(cfg) as admin:
            admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
    else:
        cfg["NAME"] = str(tmp_path_factory.mktemp("nrcdb") / "template.sqlite3")
    result = subprocess.run([str(ZAAKWERK), "migrate", "--noinput"], env=subprocess_env(_database_url(cfg)),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    yield TemplateDb(cfg, postgresql)
    if postgresql:
        with _pg_admin(cfg) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')


@dataclass
class ProcDb:
    cfg: dict
    postgresql: bool
    url: str
    workers: list = field(default_factory=list)

    def env(self, **extra) -> dict:
        return subprocess_env(self.url, **{**FAST_ENV, **extra})


@pytest.fixture
def proc_db(proc_db_template, django_db_blocker, tmp_path):
    template = proc_db_template
    cfg = copy.deepcopy(template.cfg)
    if template.postgresql:
        cfg["NAME"] = f"zw_nrc_{uuid.uuid4().hex[:12]}"
        with _pg_admin(cfg) as admin:
            admin.execute(f'CREATE DATABASE "{cfg["NAME"]}" TEMPLATE "{template.cfg["NAME"]}"')
    else:
        cfg["NAME"] = str(tmp_path / "zaakwerk.sqlite3")
        shutil.copy(template.cfg["NAME"], cfg["NAME"])
    db = ProcDb(cfg, template.postgresql, _database_url(cfg))
    with django_db_blocker.unblock():
        original = connections["default"]
        wrapper = load_backend(cfg["ENGINE"]).DatabaseWrapper(cfg, alias="default")
        connections["default"] = wrapper
        try:
            yield db
        finally:
            for process in db.workers:
                _kill(process)
            wrapper.close()
            connections["default"] = original
    if template.postgresql:
        with _pg_admin(cfg) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


@pytest.fixture
def start_worker(proc_db, tmp_path):
    """Start a real ``zaakwerk worker`` process on the test's database; killed after the test.
    ``start_worker(*args, **env)``; the process has ``.log`` (its stdout+stderr file)."""
    counter = {"n": 0}

    def start(*args: str, **env) -> subprocess.Popen:
        counter["n"] += 1
        log = tmp_path / f"worker-{counter['n']}.log"
        handle = open(log, "w")
        process = subprocess.Popen([str(ZAAKWERK), "worker", *args], env=proc_db.env(**env), stdout=handle,
                                   stderr=subprocess.STDOUT, cwd=str(REPO_ROOT),
                                   start_new_session=True)
        handle.close()
        process.log = log
        proc_db.workers.append(process)
        return process

    return start


def worker_log(process) -> str:
    return Path(process.log).read_text() if getattr(process, "log", None) else ""


def stop_worker(process: subprocess.Popen, timeout: float = 15) -> int:
    """SIGTERM and wait: a worker finishes its batch and exits 0."""
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=timeout)
