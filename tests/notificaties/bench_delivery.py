"""Benchmark of notification delivery (not a test; run by hand or from the benchmark suite):

* throughput: N notifications waiting in the outbox, delivered by 1 and by 4 ``zaakwerk worker``
  processes to one local subscriber: notifications per second;
* latency: one idle worker, changes committed at a steady rate: the delay from the commit to
  the subscriber receiving the notification (median, p95).

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres \\
      .venv/bin/python tests/notificaties/bench_delivery.py [--messages 20000] [--workers 1,4]

A fresh database ``zw_bench_<random>`` is created on that server (and dropped afterwards); on
SQLite (no DATABASE_URL) a temporary file is used and only one worker is meaningful. The
subscriber is a small asyncio HTTP/1.1 server in its own process (keep-alive, answers 204).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ZAAKWERK = Path(sys.executable).parent / "zaakwerk"
# until the notificaties app is in zaakwerk.settings, the standalone test settings add it
SETTINGS = os.environ.get("DJANGO_SETTINGS_MODULE") or (
    "tests.notificaties.standalone_settings" if (REPO / "tests/notificaties/standalone_settings.py").exists()
    else "zaakwerk.settings")


# ---- the subscriber (its own process) -------------------------------------------------------------

def serve_subscriber(port: int) -> None:
    arrivals: dict[str, float] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:].strip())
                body = await reader.readexactly(length) if length else b""
                if head.startswith(b"GET /stats"):
                    data = json.dumps(arrivals).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                 + str(len(data)).encode() + b"\r\n\r\n" + data)
                else:
                    now = time.time()
                    try:
                        url = json.loads(body).get("resourceUrl", "")
                    except ValueError:
                        url = ""
                    arrivals.setdefault(url, now)
                    writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def stats(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=30) as response:
        return json.loads(response.read())


# ---- helpers -------------------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(url: str, **extra) -> dict:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE=SETTINGS,
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
               ZAAKWERK_LOG_LEVEL="WARNING", NO_PROXY="127.0.0.1")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def setup_django(url: str) -> None:
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE=SETTINGS)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def wait_delivered(total: int, timeout: float = 600) -> None:
    from zaakwerk.notificaties.models import Delivery

    deadline = time.monotonic() + timeout
    while Delivery.objects.filter(state=Delivery.DELIVERED).count() < total:
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.05)


def reset() -> None:
    from zaakwerk.core.models import OutboxMessage
    from zaakwerk.notificaties.models import Delivery

    Delivery.objects.all().delete()
    OutboxMessage.objects.all().delete()


def fill_outbox(n: int, per_zaak: int = 2) -> None:
    """``n`` messages on kanaal zaken, ``per_zaak`` per hoofdObject (create, then updates)."""
    from django.utils import timezone

    from zaakwerk.core.models import OutboxMessage

    now = timezone.now()
    run = uuid.uuid4().hex[:8]
    rows = []
    for i in range(n):
        zaak = f"http://bench.local/zaken/api/v1/zaken/{run}-{i // per_zaak:08d}"
        rows.append(OutboxMessage(kanaal="zaken", hoofd_object=zaak, resource="zaak",
                                  resource_url=f"{zaak}?m={i}", actie="create" if i % per_zaak == 0 else "update",
                                  aanmaakdatum=now, kenmerken={"bronorganisatie": "002220647",
                                                               "zaaktype": "http://bench.local/zt/1",
                                                               "vertrouwelijkheidaanduiding": "openbaar"}))
    OutboxMessage.objects.bulk_create(rows, batch_size=2000)


def start_workers(url: str, count: int, **env) -> list[subprocess.Popen]:
    return [subprocess.Popen([str(ZAAKWERK), "worker", *[a for k, v in env.items() for a in (k, str(v))]],
                             env=env_for(url), stdout=subprocess.DEVNULL, stderr=sys.stderr)
            for _ in range(count)]


def stop(workers) -> None:
    for w in workers:
        w.send_signal(signal.SIGTERM)
    for w in workers:
        w.wait(timeout=60)


# ---- the measurements ----------------------------------------------------------------------------

def throughput(url: str, port: int, messages: int, workers: int, batch: int, concurrency: int) -> dict:
    reset()
    fill_outbox(messages)
    before = set(stats(port))
    started = time.monotonic()
    procs = start_workers(url, workers, **{"--batch-size": batch, "--concurrency": concurrency})
    wait_delivered(messages)
    elapsed = time.monotonic() - started
    stop(procs)
    arrivals = sorted(t for u, t in stats(port).items() if u not in before)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else elapsed
    return {"workers": workers, "messages": messages, "wall_s": round(elapsed, 2),
            "per_s_including_start": round(messages / elapsed), "per_s_delivering": round(len(arrivals) / span)}


def latency(url: str, port: int, rate: float, seconds: float) -> dict:
    from django.db import transaction

    from zaakwerk.core.actor import Actor
    from zaakwerk.core.events import record

    reset()
    procs = start_workers(url, 1)
    time.sleep(2)  # started and idle
    committed: dict[str, float] = {}
    actor = Actor.system("http://bench.local")
    interval = 1 / rate
    next_at = time.monotonic()
    end = next_at + seconds
    while time.monotonic() < end:
        zaak = f"http://bench.local/zaken/api/v1/zaken/{uuid.uuid4()}"
        with transaction.atomic():
            record(actor, bron="zrc", actie="create", resource="zaak", resource_url=zaak, hoofd_object=zaak,
                   kanaal="zaken", kenmerken={"bronorganisatie": "002220647"})
        committed[zaak] = time.time()
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
    wait_delivered(len(committed))
    stop(procs)
    arrivals = stats(port)
    delays = sorted((arrivals[u] - t) * 1000 for u, t in committed.items())
    return {"rate_per_s": rate, "messages": len(delays), "median_ms": round(statistics.median(delays), 1),
            "p95_ms": round(delays[int(0.95 * (len(delays) - 1))], 1), "max_ms": round(delays[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--workers", default="1,4")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", default="", help="also write the results to this file")
    args = parser.parse_args()

    server = os.environ.get("DATABASE_URL", "")
    name = f"zw_bench_{uuid.uuid4().hex[:8]}"
    tmp = None
    if server.startswith("postgres"):
        import psycopg

        admin = psycopg.connect(server, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        url = server.rsplit("/", 1)[0] + "/" + name
    else:
        tmp = tempfile.mkdtemp()
        url = f"sqlite:///{tmp}/bench.sqlite3"
    port = free_port()
    subscriber = subprocess.Popen([sys.executable, __file__, "--serve", str(port)])
    try:
        subprocess.run([str(ZAAKWERK), "migrate", "--noinput"], env=env_for(url), check=True,
                       stdout=subprocess.DEVNULL)
        setup_django(url)
        from zaakwerk.core.actor import Actor
        from zaakwerk.notificaties import domain

        domain.create_abonnement(Actor.system("http://bench.local"), {
            "callback_url": f"http://127.0.0.1:{port}/hook", "auth": "Bearer bench",
            "kanalen": [{"naam": "zaken", "filters": {}}]}, check=False)
        time.sleep(0.5)
        results = {"database": "postgresql" if tmp is None else "sqlite", "throughput": [], "latency": None}
        for workers in [int(w) for w in args.workers.split(",") if w]:
            results["throughput"].append(throughput(url, port, args.messages, workers, args.batch_size,
                                                    args.concurrency))
            print(json.dumps(results["throughput"][-1]), flush=True)
        results["latency"] = latency(url, port, args.rate, args.seconds)
        print(json.dumps(results["latency"]), flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
    finally:
        subscriber.terminate()
        subscriber.wait()
        if tmp is None:
            from django.db import connections

            connections.close_all()
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve_subscriber(int(sys.argv[2]))
    else:
        main()
