"""``zaakwerk worker``: drain the outbox and deliver every notification at least once.

Two stages, each a short transaction; no transaction is open while a subscriber is called.

1. **Fan-out.** Outbox messages not yet processed (``processed IS NULL``, oldest first) become
   one ``Delivery`` per matching abonnement (or one for the external Notificaties API), and the
   messages are marked processed, in ONE transaction: a message is never lost and never routed
   twice. On PostgreSQL one worker at a time does this (a transaction-level advisory lock; it is
   cheap, a few queries per batch), so deliveries are created in message order.
2. **Delivery.** A worker claims due deliveries with ``SELECT … FOR UPDATE SKIP LOCKED`` (on
   PostgreSQL; SQLite serialises writers and runs one worker) and stamps them with a lease
   (``claimed_until``), commits, sends them over HTTP in parallel threads, then records the
   outcome in one more transaction. A worker that dies mid-batch loses nothing: its claimed
   deliveries are still open and are taken over when the lease runs out. A notification whose
   outcome was not recorded is sent again: delivery is at-least-once.

Ordering: only the OLDEST open delivery of a (abonnement, hoofdObject) pair (``sequence_key``)
may be claimed, and the following ones of that pair are sent by the same worker, one after the
other, stopping at the first failure. A subscriber therefore never receives "zaak closed" before
"zaak created". A dead letter no longer holds the pair up.

Failures are retried with exponential backoff (``backoff * 2**(attempt-1)``, capped, plus up to
10 % jitter); after ``max_attempts`` the delivery becomes a dead letter: logged at ERROR level and
mailed to ``ADMINS`` (one mail per batch), shown in the admin, where an operator can send it again.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

import msgspec
from django.core.mail import mail_admins
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections, transaction
from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone

from zaakwerk.core.models import OutboxMessage

from . import conf
from .delivery import Result, external_api, post
from .models import Delivery, Kanaal
from .routing import RoutingTable, sequence_key

logger = logging.getLogger("zaakwerk.notificaties")

CHANNEL = "zaakwerk_outbox"  # PostgreSQL NOTIFY channel (migration 0003 adds the trigger)
FAN_OUT_LOCK = 0x5A574E52  # "ZWNR": advisory lock id of the fan-out stage
PURGE_EVERY = 600.0  # seconds between purges of old history
_encoder = msgspec.json.Encoder()


def backoff_delay(attempts: int) -> float:
    """Seconds to wait after failed attempt number ``attempts`` (1-based)."""
    base = conf.backoff() * (2 ** min(attempts - 1, 30))
    return min(conf.backoff_max(), base) * (1 + random.random() * 0.1)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def notify_workers() -> None:
    """Wake listening workers (PostgreSQL; delivered when the caller's transaction commits)."""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])


def _table() -> str:
    return connection.ops.quote_name(Delivery._meta.db_table)


def _db_value(field: str, value):
    return Delivery._meta.get_field(field).get_db_prep_value(value, connection)


def _insert_deliveries(rows: list[tuple], now) -> None:
    """INSERT new deliveries in multi-row statements: the fan-out's hot path (the ORM's
    bulk_create spends more time preparing its 16 columns than the database needs to store them)."""
    if not rows:
        return
    moment = _db_value("created", now)
    abonnement = Delivery._meta.get_field("abonnement")
    sql = (f"INSERT INTO {_table()} (message_id, abonnement_id, sequence_key, created, next_attempt_at, state, "
           f"attempts, response, error, replays, claimed_by, worker) VALUES ")
    row = f"(%s, %s, %s, %s, %s, '{Delivery.PENDING}', 0, '', '', 0, '', '')"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            params = []
            for message_id, abonnement_id, key in chunk:
                params += [message_id, abonnement.get_db_prep_value(abonnement_id, connection), key, moment, moment]
            cursor.execute(sql + ", ".join([row] * len(chunk)), params)


@dataclass
class Item:
    """One claimed delivery with what is needed to send it."""

    id: int
    attempts: int
    target: str  # abonnement uuid, or "extern"
    callback_url: str
    auth: str
    kanaal: str
    message_id: int
    body: bytes = b""


@dataclass
class Flight:
    """A batch on the wire: one job (a Future, or a callable when sending inline) per sequence."""

    batch: "Batch"
    jobs: list


@dataclass
class Batch:
    token: str
    chains: list[list[int]]
    claimed: list[int]
    deadline: float  # time.monotonic() after which nothing more is sent (the lease ends)
    items: dict[int, Item] = field(default_factory=dict)


class Worker:
    def __init__(self, *, batch_size: int | None = None, poll_interval: float | None = None,
                 concurrency: int | None = None, name: str | None = None):
        self.batch_size = batch_size or conf.worker_batch_size()
        self.poll_interval = poll_interval or conf.worker_poll_interval(is_postgresql())
        self.concurrency = concurrency or conf.worker_concurrency()
        self.name = (name or f"{socket.gethostname()}:{os.getpid()}")[:100]
        self.executor = ThreadPoolExecutor(self.concurrency, thread_name_prefix="notificaties") \
            if self.concurrency > 1 else None
        self._stop = threading.Event()
        self._listener = None
        self._listen_again_at: float | None = None  # retry LISTEN after a lost connection
        self._flight: Flight | None = None  # the batch being sent while the next one is claimed
        self._last_purge = 0.0
        self.stats = defaultdict(int)

    # ---- the loop ---------------------------------------------------------------------------

    def stop(self) -> None:
        self._stop.set()

    def run(self, *, once: bool = False) -> None:
        """Work until stopped; with ``once``, until nothing is due right now."""
        logger.info("worker %s gestart (batch %d, interval %.2fs, %d threads, %s)", self.name,
                    self.batch_size, self.poll_interval, self.concurrency,
                    f"extern: {conf.external_api_url()}" if conf.external_api_url() else "ingebouwde NRC")
        if not once:
            self._listen()
        try:
            while not self._stop.is_set():
                try:
                    done = self.step()
                except Exception:  # the database went away, a bug: log, reconnect, go on
                    # a batch whose outcome could not be recorded is sent again after its lease
                    self._flight = None
                    logger.exception("fout in de notificatie-worker; opnieuw over %.1fs", self.poll_interval)
                    close_old_connections()
                    connection.close()
                    if once:
                        raise
                    self._stop.wait(self.poll_interval)
                    continue
                if done:
                    continue
                if once:
                    break
                self._wait()
        finally:
            if self._flight is not None:  # stopping: record what is on the wire
                flight, self._flight = self._flight, None
                try:
                    self.finish_batch(flight)
                except Exception:
                    logger.exception("uitkomst van de laatste ronde niet vastgelegd; wordt opnieuw verstuurd")
            self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None
        if self._listener is not None:
            try:
                self._listener.close()
            except Exception:  # pragma: no cover - closing a broken connection
                pass
            self._listener = None

    def step(self) -> int:
        """One round: fan out a batch, claim and start sending the next batch of deliveries, and
        record the batch that was on the wire meanwhile. Returns the work done (0: idle)."""
        done = self.fan_out()
        flight = self.start_batch()
        previous, self._flight = self._flight, flight
        if previous is not None:
            done += self.finish_batch(previous)
        if flight is not None:
            done += len(flight.batch.claimed)
        now = time.monotonic()
        if now - self._last_purge > PURGE_EVERY:
            self._last_purge = now
            self.purge()
        return done

    def _listen(self) -> None:
        if not is_postgresql():
            return
        self._listen_again_at = None
        try:
            current = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the proxy
            wrapper = type(current)(dict(current.settings_dict), alias="notificaties-listen")
            wrapper.ensure_connection()
            raw = wrapper.connection
            raw.autocommit = True
            raw.execute(f"LISTEN {CHANNEL}")
            self._listener = wrapper
        except Exception:
            logger.warning("LISTEN %s lukt niet; alleen pollen (nieuwe poging over een minuut)", CHANNEL,
                           exc_info=True)
            self._listener = None
            self._listen_again_at = time.monotonic() + 60

    def _wait(self) -> None:
        timeout = self.poll_interval
        soonest = (Delivery.objects.filter(state=Delivery.PENDING, attempts__gt=0,
                                           next_attempt_at__gt=timezone.now())
                   .aggregate(m=Min("next_attempt_at"))["m"])
        if soonest is not None:
            timeout = max(0.0, min(timeout, (soonest - timezone.now()).total_seconds()))
        if self._listener is not None:
            try:
                raw = self._listener.connection
                for _ in raw.notifies(timeout=timeout, stop_after=1):
                    pass
                for _ in raw.notifies(timeout=0.0):  # the wake-ups that queued meanwhile: one step
                    pass
                return
            except Exception:
                logger.warning("LISTEN-verbinding verbroken; pollen tot een nieuwe LISTEN lukt", exc_info=True)
                try:
                    self._listener.close()
                except Exception:  # pragma: no cover
                    pass
                self._listener = None
                self._listen_again_at = time.monotonic()
        elif self._listen_again_at is not None and time.monotonic() >= self._listen_again_at:
            self._listen()
        self._stop.wait(timeout)

    # ---- stage 1: fan-out ---------------------------------------------------------------------

    def fan_out(self) -> int:
        pending = OutboxMessage.objects.filter(processed__isnull=True)
        postgresql = is_postgresql()
        if not postgresql and not pending.exists():
            return 0  # SQLite: do not take the write lock for nothing
        with transaction.atomic():
            if postgresql:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [FAN_OUT_LOCK])
                    if not cursor.fetchone()[0]:
                        return 0  # another worker is fanning out right now
            qs = pending.order_by("id")
            if postgresql:
                qs = qs.select_for_update(skip_locked=True)
            messages = list(qs.values_list("id", "kanaal", "hoofd_object", "kenmerken", "created")
                            [: self.batch_size])
            if not messages:
                return 0
            now = timezone.now()
            rows = []  # (message_id, abonnement_id, sequence_key)
            if external_api() is not None:
                for message_id, _kanaal, hoofd, _kenmerken, _created in messages:
                    rows.append((message_id, None, sequence_key(None, hoofd)))
            else:
                table = RoutingTable.load({m[1] for m in messages})
                for message_id, kanaal, hoofd, kenmerken, created in messages:
                    for abonnement_id in table.abonnementen(kanaal, kenmerken or {}, created):
                        rows.append((message_id, abonnement_id, sequence_key(abonnement_id, hoofd)))
            _insert_deliveries(rows, now)
            OutboxMessage.objects.filter(id__in=[m[0] for m in messages]).update(processed=now)
        self.stats["messages"] += len(messages)
        return len(messages)

    # ---- stage 2: delivery --------------------------------------------------------------------

    def claim(self) -> Batch | None:
        """Claim due deliveries: the oldest open one of each sequence (SKIP LOCKED), then the ones
        that follow it in its sequence, up to the batch size, under one lease."""
        now = timezone.now()
        lease = conf.lease()
        postgresql = is_postgresql()
        free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        open_ = Delivery.objects.filter(state=Delivery.PENDING)
        earlier = Delivery.objects.filter(state=Delivery.PENDING, sequence_key=OuterRef("sequence_key"),
                                          id__lt=OuterRef("id"))
        heads_qs = (open_.filter(free, next_attempt_at__lte=now).filter(~Exists(earlier))
                    .order_by("next_attempt_at", "id"))
        if not postgresql and not heads_qs.exists():
            return None  # SQLite: do not take the write lock for nothing
        token = uuid.uuid4().hex
        stamp = {"claimed_until": now + timedelta(seconds=lease), "claimed_by": token, "worker": self.name}

        def take(ids) -> set:
            """Claim the rows among ``ids`` that are still free; the ones this batch got. The
            condition is evaluated again on the locked row, so two workers never both win a row
            (even where SKIP LOCKED is not in effect)."""
            if not connection.features.can_return_rows_from_bulk_insert:  # no UPDATE ... RETURNING
                Delivery.objects.filter(free, id__in=ids, state=Delivery.PENDING).update(**stamp)
                return set(Delivery.objects.filter(id__in=ids, claimed_by=token).values_list("id", flat=True))
            marks = ", ".join(["%s"] * len(ids))
            sql = (f"UPDATE {_table()} SET claimed_until = %s, claimed_by = %s, worker = %s "
                   f"WHERE id IN ({marks}) AND state = %s AND (claimed_until IS NULL OR claimed_until < %s) "
                   f"RETURNING id")
            params = [_db_value("claimed_until", stamp["claimed_until"]), token, self.name, *ids,
                      Delivery.PENDING, _db_value("claimed_until", now)]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return {row[0] for row in cursor.fetchall()}

        with transaction.atomic():
            if postgresql:
                heads_qs = heads_qs.select_for_update(skip_locked=True, of=("self",))
            heads = list(heads_qs.values_list("id", "sequence_key")[: self.batch_size])
            won = take([h for h, _ in heads]) if heads else set()
            if not won:
                return None
            chains = {key: [head_id] for head_id, key in heads if head_id in won}
            room = self.batch_size - len(chains)
            if room > 0:
                # the rest of each claimed sequence, in order, as long as it is due and free
                rows = (open_.filter(sequence_key__in=list(chains)).exclude(id__in=won)
                        .order_by("sequence_key", "id")
                        .values_list("id", "sequence_key", "next_attempt_at", "claimed_until")[: room * 2])
                followers: dict = {}
                stopped = set()
                for row_id, key, due, claimed_until in rows:
                    if room <= 0:
                        break
                    if key in stopped or row_id < chains[key][0]:
                        continue
                    if due > now or (claimed_until is not None and claimed_until >= now):
                        stopped.add(key)
                        continue
                    followers.setdefault(key, []).append(row_id)
                    room -= 1
                if followers:
                    got = take([i for ids in followers.values() for i in ids])
                    dropped = []
                    for key, ids in followers.items():
                        for index, row_id in enumerate(ids):
                            if row_id not in got:  # taken by someone else: the sequence stops here
                                dropped += [i for i in ids[index:] if i in got]
                                break
                            chains[key].append(row_id)
                    if dropped:
                        Delivery.objects.filter(id__in=dropped, claimed_by=token).update(
                            claimed_until=None, claimed_by="")
            claimed = [i for chain in chains.values() for i in chain]
        # leave a margin of one delivery timeout so nothing is still being sent after the lease
        deadline = time.monotonic() + max(lease - conf.timeout() - 1.0, lease / 2)
        return Batch(token=token, chains=list(chains.values()), claimed=claimed, deadline=deadline)

    def load(self, batch: Batch) -> None:
        rows = Delivery.objects.filter(id__in=batch.claimed, claimed_by=batch.token).values_list(
            "id", "attempts", "abonnement_id", "abonnement__callback_url", "abonnement__auth",
            "message_id", "message__kanaal", "message__hoofd_object", "message__resource",
            "message__resource_url", "message__actie", "message__aanmaakdatum", "message__kenmerken")
        bodies: dict[int, bytes] = {}
        for (id_, attempts, abonnement_id, callback_url, auth, message_id, kanaal, hoofd, resource,
             resource_url, actie, aanmaakdatum, kenmerken) in rows:
            body = bodies.get(message_id)
            if body is None:
                body = bodies[message_id] = _encoder.encode({
                    "kanaal": kanaal, "hoofdObject": hoofd, "resource": resource,
                    "resourceUrl": resource_url, "actie": actie,
                    "aanmaakdatum": aanmaakdatum.isoformat().replace("+00:00", "Z"),
                    "kenmerken": kenmerken or {},
                })
            batch.items[id_] = Item(id=id_, attempts=attempts,
                                    target=str(abonnement_id) if abonnement_id else "extern",
                                    callback_url=callback_url or "", auth=auth or "", kanaal=kanaal,
                                    message_id=message_id, body=body)

    def start_batch(self) -> "Flight | None":
        """Claim a batch and start sending it in the thread pool; ``finish_batch`` records it.
        The loop claims (and fans out) the next batch while this one is on the wire."""
        batch = self.claim()
        if batch is None:
            return None
        self.load(batch)
        external = external_api()
        definitions = {}
        if external is not None:
            names = {item.kanaal for item in batch.items.values()}
            definitions = {k.naam: {"naam": k.naam, "documentatieLink": k.documentatie_link, "filters": k.filters}
                           for k in Kanaal.objects.filter(naam__in=names)}
        unreachable: dict[str, int] = {}  # target -> the delivery that found it down
        lock = threading.Lock()

        def send(item: Item) -> Result:
            with lock:
                first = unreachable.get(item.target)
            if first is not None:
                return Result(False, error=f"niet verstuurd: de abonnee was in deze ronde onbereikbaar "
                                           f"(zie aflevering {first})")
            try:
                if external is not None:
                    result = external.send(item.body, item.kanaal, definitions.get(item.kanaal))
                else:
                    result = post(item.callback_url, item.body, item.auth)
            except Exception as exc:  # a bug must not stop the batch: record a failed attempt
                logger.exception("versturen van aflevering %s mislukt", item.id)
                return Result(False, error=f"interne fout: {exc.__class__.__name__}: {exc}")
            if result.unreachable:
                with lock:
                    unreachable.setdefault(item.target, item.id)
            return result

        def run_chain(chain: list[int]) -> list[tuple[Item, Result]]:
            done = []
            for delivery_id in chain:
                item = batch.items.get(delivery_id)
                if item is None:  # its abonnement was deleted meanwhile
                    continue
                if time.monotonic() > batch.deadline:
                    break  # the lease is nearly over: leave the rest for the next claim
                result = send(item)
                done.append((item, result))
                if not result.ok:
                    break  # keep the order: the rest of this sequence waits for this one
            return done

        chains = _interleave(batch.chains, batch.items)
        if self.executor is None or len(chains) == 1:
            return Flight(batch, [lambda chain=chain: run_chain(chain) for chain in chains])
        return Flight(batch, [self.executor.submit(run_chain, chain) for chain in chains])

    def finish_batch(self, flight: "Flight") -> int:
        outcomes: list[tuple[Item, Result]] = []
        for job in flight.jobs:
            outcomes.extend(job.result() if hasattr(job, "result") else job())
        self.record(flight.batch, outcomes)
        return len(outcomes)

    def record(self, batch: Batch, outcomes: list[tuple[Item, Result]]) -> None:
        now = timezone.now()
        delivered: dict[int, list[int]] = defaultdict(list)
        failed: list[Delivery] = []
        dead: list[tuple[Item, Result]] = []
        limit = conf.max_attempts()
        for item, result in outcomes:
            if result.ok:
                delivered[result.status_code].append(item.id)
                continue
            attempts = item.attempts + 1
            row = Delivery(id=item.id, attempts=attempts, last_attempt_at=now, status_code=result.status_code,
                           response=result.response, error=result.error[:2000], claimed_until=None,
                           claimed_by="", state=Delivery.PENDING, next_attempt_at=now)
            if attempts >= limit:
                row.state = Delivery.DEAD
                dead.append((item, result))
            else:
                row.next_attempt_at = now + timedelta(seconds=backoff_delay(attempts))
            failed.append(row)
        attempted = {item.id for item, _ in outcomes}
        untouched = [i for i in batch.claimed if i not in attempted]
        with transaction.atomic():
            # only rows this batch still owns (a lease that ran out may have passed them on)
            for code, ids in delivered.items():
                Delivery.objects.filter(id__in=ids, claimed_by=batch.token).update(
                    state=Delivery.DELIVERED, delivered_at=now, last_attempt_at=now, status_code=code,
                    attempts=F("attempts") + 1, response="", error="", claimed_until=None, claimed_by="")
            if failed:
                mine = set(Delivery.objects.filter(id__in=[row.id for row in failed], claimed_by=batch.token)
                           .values_list("id", flat=True))
                failed = [row for row in failed if row.id in mine]
                dead = [(item, result) for item, result in dead if item.id in mine]
            if failed:
                Delivery.objects.bulk_update(
                    failed, ["attempts", "last_attempt_at", "status_code", "response", "error",
                             "claimed_until", "claimed_by", "state", "next_attempt_at"], batch_size=500)
            if untouched:
                Delivery.objects.filter(id__in=untouched, claimed_by=batch.token).update(
                    claimed_until=None, claimed_by="")
        self.stats["delivered"] += sum(len(v) for v in delivered.values())
        self.stats["failed"] += len(failed)
        if dead:
            self.stats["dead"] += len(dead)
            report_dead_letters(dead)

    # ---- housekeeping ------------------------------------------------------------------------

    def purge(self) -> None:
        """Delete delivered history and processed outbox messages older than the retention."""
        cutoff = timezone.now() - timedelta(days=conf.retention_days())
        try:
            while True:
                ids = list(Delivery.objects.filter(state=Delivery.DELIVERED, delivered_at__lt=cutoff)
                           .values_list("id", flat=True)[:5000])
                if not ids:
                    break
                Delivery.objects.filter(id__in=ids).delete()
            while True:
                ids = list(OutboxMessage.objects.filter(processed__lt=cutoff)
                           .filter(~Exists(Delivery.objects.filter(message=OuterRef("pk"))))
                           .values_list("id", flat=True)[:5000])
                if not ids:
                    break
                OutboxMessage.objects.filter(id__in=ids).delete()
        except Exception:
            logger.exception("opruimen van de notificatiegeschiedenis mislukt")


def _interleave(chains: list[list[int]], items: dict[int, Item]) -> list[list[int]]:
    """Chains ordered round-robin over their targets, so one busy subscriber does not make the
    others wait behind all of its deliveries."""
    by_target: dict[str, list[list[int]]] = defaultdict(list)
    for chain in chains:
        first = next((items[i] for i in chain if i in items), None)
        if first is not None:
            by_target[first.target].append(chain)
    out = []
    queues = list(by_target.values())
    index = 0
    while queues:
        queue = queues[index % len(queues)]
        out.append(queue.pop(0))
        if not queue:
            queues.remove(queue)
        else:
            index += 1
    return out


def report_dead_letters(dead: list[tuple[Item, Result]]) -> None:
    """ERROR log per dead letter and one mail to ADMINS for the batch."""
    lines = []
    for item, result in dead:
        target = item.callback_url or conf.external_api_url()
        answer = f"HTTP {result.status_code}" if result.status_code is not None else result.error
        logger.error("notificatie onbestelbaar: aflevering %s (bericht %s, kanaal %s) aan %s na %d pogingen: %s %s",
                     item.id, item.message_id, item.kanaal, target, item.attempts + 1, answer,
                     result.response[:500])
        lines.append(f"- aflevering {item.id} (bericht {item.message_id}, kanaal {item.kanaal}) aan {target}\n"
                     f"  na {item.attempts + 1} pogingen: {answer}\n"
                     f"  antwoord: {result.response[:500] or '(leeg)'}\n"
                     f"  fout: {result.error or '-'}")
    subject = f"{len(dead)} notificatie(s) onbestelbaar"
    message = ("De volgende notificaties konden na het maximale aantal pogingen niet worden afgeleverd.\n"
               "Ze staan in het beheer onder Notificaties > Onbestelbare notificaties, waar u ze "
               "opnieuw kunt laten versturen.\n\n" + "\n".join(lines))
    try:
        mail_admins(subject, message, fail_silently=False)
    except Exception:
        logger.exception("mail over onbestelbare notificaties kon niet worden verstuurd")
