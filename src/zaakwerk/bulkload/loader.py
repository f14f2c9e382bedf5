"""Feeding a generated municipality to the domain's bulk paths, round by round.

A round: ``batch`` zaken (``zaken.domain.bulk``, one transaction), then their documents in
batches of at most ``batch`` (``documenten.domain.bulk``, one transaction each, content written to
the document storage first), then the relations of those documents with their zaken
(``zaken.domain.bulk``: zaakinformatieobjecten and, through the Documenten register, their
objectinformatieobjecten). Only the current round's items are held in memory.

The data of a round depend on the seed and the round's number only (``Municipality.start_round``),
so ``workers`` processes can each take every n-th round: the Python work of one (generating,
validating, building rows) overlaps with the database work of another. Each process has its own
database connection. The zaaknummer and documentnummer series are locked per transaction as in
normal creates, so the transactions that draw numbers take turns; nothing else is shared.

Each batch commits on its own: an interrupted load leaves whole batches (a zaak may lack the
documents of its last round); the catalogue is reused by a next run, the zaken of a next run are
new ones.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import multiprocessing
import queue
import time
import traceback
from typing import Callable

from zaakwerk.core import request_state
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import InvalidParam, ValidationFailed
from zaakwerk.documenten.domain.bulk import DocumentenImport
from zaakwerk.documenten.domain.common import document_url
from zaakwerk.zaken.domain.bulk import ZakenImport

from .catalogue import ensure_catalogue
from .generator import Municipality, documents_per_zaak

DEFAULT_BRONORGANISATIE = "517439943"
PHASES = ("catalogus", "genereren", "zaken", "documenten", "relaties")


@dataclasses.dataclass
class Stats:
    """What a load did, and where its time went (seconds per phase, summed over the workers)."""

    zaken: int = 0
    documenten: int = 0
    rijen: int = 0  # rows inserted (every table, audit trail included)
    started: float = dataclasses.field(default_factory=time.monotonic)
    phases: dict = dataclasses.field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def timed(self, phase: str, function, *args):
        start = time.monotonic()
        try:
            return function(*args)
        finally:
            self.phases[phase] += time.monotonic() - start

    def add(self, other: dict) -> None:
        self.zaken += other["zaken"]
        self.documenten += other["documenten"]
        self.rijen += other["rijen"]
        for phase, seconds in other["phases"].items():
            self.phases[phase] += seconds


def _zaak_rows(item: dict) -> int:
    # the zaak, its audit entry, and its parts
    return (2 + len(item["statussen"]) + len(item["rollen"]) + len(item["zaakobjecten"])
            + len(item["eigenschappen"]) + (item["resultaat"] is not None))


def _document_rows(item: dict) -> int:
    # canonical row, version, audit entry, trefwoorden
    return 3 + len(item.get("trefwoorden") or [])


@dataclasses.dataclass
class _Plan:
    """The whole load, split into rounds."""

    zaken: int
    documenten: int
    batch: int

    @property
    def rounds(self) -> int:
        total = self.zaken if self.zaken else self.documenten
        return -(-total // self.batch)


class _Worker:
    """Runs rounds of a load in this process (with this process's database connection)."""

    def __init__(self, actor: Actor, world: Municipality, plan: _Plan):
        self.actor, self.world, self.plan = actor, world, plan
        self.zaken_import, self.documenten_import = ZakenImport(actor), DocumentenImport(actor)

    def run(self, number: int) -> dict:
        """Round ``number``; what it did (counts, seconds per phase)."""
        stats = Stats()
        world, plan = self.world, self.plan
        world.start_round(number)
        first = number * plan.batch
        if plan.zaken:
            count = min(plan.batch, plan.zaken - first)
            generated = stats.timed("genereren", lambda: [world.zaak() for _ in range(count)])
            items = [item for item, _ in generated]
            created = stats.timed("zaken", self.zaken_import.create_zaken, items)
            stats.zaken += len(created)
            stats.rijen += sum(_zaak_rows(item) for item in items)
            doc_items, owners = [], []
            start = time.monotonic()
            for offset, (zaak, (_, zaak_plan)) in enumerate(zip(created, generated)):
                for doc_number in range(documents_per_zaak(first + offset, plan.zaken, plan.documenten)):
                    doc_items.append(world.document(zaak_plan, doc_number))
                    owners.append(zaak)
            stats.phases["genereren"] += time.monotonic() - start
            del generated, items, created
        else:
            count = min(plan.batch, plan.documenten - first)
            doc_items = stats.timed("genereren", lambda: [world.document(None, n) for n in range(count)])
            owners = [None] * count
        self._documents(stats, doc_items, owners)
        return {"zaken": stats.zaken, "documenten": stats.documenten, "rijen": stats.rijen, "phases": stats.phases}

    def _documents(self, stats: Stats, doc_items: list[dict], owners: list) -> None:
        batch = self.plan.batch
        for start in range(0, len(doc_items), batch):
            part = doc_items[start:start + batch]
            created = stats.timed("documenten", self.documenten_import.create_documenten, part)
            stats.documenten += len(created)
            stats.rijen += sum(_document_rows(item) for item in part)
            links = [{"zaak": zaak, "informatieobject": document_url(self.actor.base_url, document),
                      "titel": item["titel"]}
                     for zaak, document, item in zip(owners[start:start + batch], created, part) if zaak is not None]
            if links:
                stats.timed("relaties", self.zaken_import.create_zaakinformatieobjecten, links)
                stats.rijen += 2 * len(links)  # zaakinformatieobject and its mirror


@contextlib.contextmanager
def _collecting_per_round():
    """Python's cyclic garbage collector runs every few hundred allocations and then walks every
    object alive: during a round of thousands of new model instances that costs a quarter of the
    time. Instead it is switched off during a round and the round's garbage collected after it
    (memory stays flat); what exists before the load is frozen (never walked again)."""
    enabled = gc.isenabled()
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def load(actor: Actor, *, zaken: int, zaaktypen: int, documenten: int, batch: int = 5000, seed: int = 1,
         bronorganisatie: str = DEFAULT_BRONORGANISATIE, now: dt.datetime | None = None, workers: int = 1,
         report: Callable[[Stats, int, int], None] | None = None) -> Stats:
    """Load ``zaken`` zaken over ``zaaktypen`` zaaktypen and ``documenten`` documents (related to
    the zaken, spread evenly; unrelated when there are no zaken), in ``workers`` processes.
    ``report(stats, zaken, documenten)`` is called after every round. ``now``: the moment the
    generated world ends (default: now). Called inside a transaction (a test), it runs in this
    process whatever ``workers`` says: other processes would not see what the transaction holds."""
    from django.db import connection

    stats = Stats()
    plan = _Plan(zaken, documenten, batch)
    if connection.in_atomic_block:
        workers = 1
    with request_state.serving(actor.base_url):
        catalogue = stats.timed("catalogus", ensure_catalogue, actor, zaaktypen)
        world = Municipality(catalogue, seed=seed, zaken=zaken, bronorganisatie=bronorganisatie, now=now)
        if workers <= 1 or plan.rounds <= 1:
            worker = _Worker(actor, world, plan)
            with _collecting_per_round() as collect:
                for number in range(plan.rounds):
                    stats.add(worker.run(number))
                    collect()
                    if report is not None:
                        report(stats, zaken, documenten)
            return stats
    _in_processes(actor, world, plan, min(workers, plan.rounds), stats, report)
    return stats


def _in_processes(actor: Actor, world: Municipality, plan: _Plan, workers: int, stats: Stats, report) -> None:
    from django.db import connections

    connections.close_all()  # every process opens its own connection
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_work, args=(actor, world, plan, index, workers, results), daemon=True)
                 for index in range(workers)]
    for process in processes:
        process.start()
    try:
        finished = 0
        while finished < workers:
            try:
                kind, payload = results.get(timeout=5)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise RuntimeError("Een worker van de bulkload is onverwacht gestopt.") from None
                continue
            if kind == "round":
                stats.add(payload)
                if report is not None:
                    report(stats, plan.zaken, plan.documenten)
            elif kind == "done":
                finished += 1
            elif kind == "invalid":
                raise ValidationFailed(params=[InvalidParam(*param) for param in payload])
            else:
                raise RuntimeError(f"Een worker van de bulkload faalde:\n{payload}")
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _work(actor: Actor, world: Municipality, plan: _Plan, index: int, workers: int, results) -> None:
    """A worker process: rounds ``index``, ``index + workers``, ..."""
    try:
        with request_state.serving(actor.base_url), _collecting_per_round() as collect:
            worker = _Worker(actor, world, plan)
            for number in range(index, plan.rounds, workers):
                results.put(("round", worker.run(number)))
                collect()
        results.put(("done", None))
    except ValidationFailed as exc:
        results.put(("invalid", [(p.name, p.code, p.reason) for p in exc.params]))
    except BaseException:
        results.put(("error", traceback.format_exc()))
    finally:
        from django.db import connections

        connections.close_all()
