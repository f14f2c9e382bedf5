"""Besluit identificaties (brc-002): unique per verantwoordelijke organisatie, generated when the
client sends none.

Numbers come from ``BesluitIdentificatieReeks``, one row per (verantwoordelijke organisatie, year),
locked while a number is drawn, exactly as the zaaknummers (``zaken.identificatie``):

- PostgreSQL: ``SELECT ... FOR UPDATE`` on the row; a parallel transaction waits for the first to
  commit and then reads the advanced counter. A new series' row is inserted in a savepoint; the
  loser of that race gets an IntegrityError, rolls the savepoint back and locks the winner's row.
- SQLite: every transaction starts with ``BEGIN IMMEDIATE`` (the database's write lock), so writers
  are serialised and the read-increment-write cannot interleave.

Call inside ``transaction.atomic()``: the lock lasts until the transaction ends. A number a besluit
already has (a client may send its own identificatie in the series' format) is skipped.

The format is the setting ``ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT`` (default
``"BESLUIT-{year}-{sequence:010d}"``): a ``str.format`` pattern with ``{sequence}`` (required),
``{year}`` and ``{verantwoordelijke_organisatie}``. Without ``{year}`` one series runs across the
years. The result must fit the 50 characters of ``identificatie``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Besluit, BesluitIdentificatieReeks

DEFAULT_FORMAT = "BESLUIT-{year}-{sequence:010d}"
MAX_LENGTH = 50
SETTING = "ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT"


def identificatie_format() -> str:
    fmt = getattr(settings, SETTING, None) or DEFAULT_FORMAT
    if "{sequence" not in fmt:
        raise ImproperlyConfigured(f"{SETTING} {fmt!r} needs a {{sequence}} field")
    return fmt


def format_identificatie(fmt: str, *, year: int, sequence: int, verantwoordelijke_organisatie: str) -> str:
    try:
        value = fmt.format(year=year, sequence=sequence, verantwoordelijke_organisatie=verantwoordelijke_organisatie)
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(f"{SETTING} {fmt!r} is not a valid pattern: {exc}") from None
    if not value or len(value) > MAX_LENGTH:
        raise ImproperlyConfigured(f"{SETTING} {fmt!r} gives {value!r}: 1 to {MAX_LENGTH} characters needed")
    return value


def _locked_reeks(organisatie: str, jaar: int) -> BesluitIdentificatieReeks:
    rows = BesluitIdentificatieReeks.objects.select_for_update()
    reeks = rows.filter(verantwoordelijke_organisatie=organisatie, jaar=jaar).first()
    if reeks is None:
        try:
            with transaction.atomic():
                BesluitIdentificatieReeks.objects.create(verantwoordelijke_organisatie=organisatie, jaar=jaar)
        except IntegrityError:
            pass  # a parallel transaction created it first: lock that row below
        reeks = rows.get(verantwoordelijke_organisatie=organisatie, jaar=jaar)
    return reeks


def draw(organisatie: str) -> str:
    """A new identificatie for a besluit of ``organisatie``. Call inside atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("identificatie.draw() must run inside transaction.atomic()")
    fmt = identificatie_format()
    year = timezone.localdate().year
    reeks = _locked_reeks(organisatie, year if "{year" in fmt else 0)
    sequence = reeks.laatste
    while True:
        # candidates in batches, each batch checked against the besluiten in one query
        batch = []
        for _ in range(10):
            sequence += 1
            batch.append((sequence, format_identificatie(fmt, year=year, sequence=sequence,
                                                         verantwoordelijke_organisatie=organisatie)))
        taken = set(Besluit.objects.filter(verantwoordelijke_organisatie=organisatie,
                                           identificatie__in=[v for _, v in batch])
                    .values_list("identificatie", flat=True))
        for seq, value in batch:
            if value not in taken:
                BesluitIdentificatieReeks.objects.filter(pk=reeks.pk).update(laatste=seq)
                return value


def in_use(organisatie: str, identificatie: str, *, exclude=None) -> bool:
    qs = Besluit.objects.filter(verantwoordelijke_organisatie=organisatie, identificatie=identificatie)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.exists()
