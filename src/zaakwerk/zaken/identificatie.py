"""Zaaknummers (zrc-002): the identificatie of a zaak, unique per bronorganisatie.

Numbers are drawn from ``ZaakIdentificatieReeks``, one row per (bronorganisatie, year). The row is
locked while a number is drawn, so parallel creates never get the same number:

- PostgreSQL: ``SELECT ... FOR UPDATE`` on the row; a second transaction waits until the first
  commits and then reads the advanced counter. The row of a new series is inserted in a savepoint;
  a transaction that loses that race gets an IntegrityError, rolls back the savepoint and locks
  the winner's row.
- SQLite: ``FOR UPDATE`` does not exist, but Zaakwerk opens every transaction with ``BEGIN
  IMMEDIATE`` (settings: ``transaction_mode``), which takes the database's write lock at the start:
  writers are serialised, so the read-increment-write cannot interleave.

Every call must run inside ``transaction.atomic()`` (the lock lasts until the transaction ends).

A number is skipped when a zaak already has it (a client may send its own identificatie in the
series' format) or when it is reserved (``POST /zaaknummer_reserveren``): reserved numbers are
never handed out automatically.

The format is the setting ``ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT`` (default
``"ZAAK-{year}-{sequence:010d}"``), a ``str.format`` pattern with ``{year}``, ``{sequence}`` and
``{bronorganisatie}``. Without ``{year}`` the numbering runs on across years (one series per
bronorganisatie). The result must fit the 40 characters of ``identificatie``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import GereserveerdZaaknummer, Zaak, ZaakIdentificatieReeks

DEFAULT_FORMAT = "ZAAK-{year}-{sequence:010d}"
MAX_LENGTH = 40


def identificatie_format() -> str:
    fmt = getattr(settings, "ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT", None) or DEFAULT_FORMAT
    if "{sequence" not in fmt:
        raise ImproperlyConfigured(f"ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT {fmt!r} needs a {{sequence}} field")
    return fmt


def format_identificatie(fmt: str, *, year: int, sequence: int, bronorganisatie: str) -> str:
    try:
        value = fmt.format(year=year, sequence=sequence, bronorganisatie=bronorganisatie)
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT {fmt!r} is not a valid pattern: {exc}") from None
    if not value or len(value) > MAX_LENGTH:
        raise ImproperlyConfigured(
            f"ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT {fmt!r} gives {value!r}: 1 to {MAX_LENGTH} characters needed")
    return value


def _locked_reeks(bronorganisatie: str, jaar: int) -> ZaakIdentificatieReeks:
    rows = ZaakIdentificatieReeks.objects.select_for_update()
    reeks = rows.filter(bronorganisatie=bronorganisatie, jaar=jaar).first()
    if reeks is None:
        try:
            with transaction.atomic():
                ZaakIdentificatieReeks.objects.create(bronorganisatie=bronorganisatie, jaar=jaar, laatste=0)
        except IntegrityError:
            pass  # a parallel transaction created it first: lock that row below
        reeks = rows.get(bronorganisatie=bronorganisatie, jaar=jaar)
    return reeks


def draw(bronorganisatie: str, count: int = 1) -> list[str]:
    """``count`` new identificaties for ``bronorganisatie``, in order. Call inside atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("identificatie.draw() must run inside transaction.atomic()")
    fmt = identificatie_format()
    year = timezone.localdate().year
    reeks = _locked_reeks(bronorganisatie, year if "{year" in fmt else 0)
    out: list[str] = []
    sequence = reeks.laatste
    while len(out) < count:
        # a batch of candidates, checked against zaken and reservations in one query
        wanted = count - len(out)
        batch = []
        for _ in range(wanted + min(wanted, 10)):
            sequence += 1
            batch.append((sequence, format_identificatie(fmt, year=year, sequence=sequence,
                                                         bronorganisatie=bronorganisatie)))
        values = [v for _, v in batch]
        taken = set(Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie__in=values)
                    .values_list("identificatie", flat=True)
                    .union(GereserveerdZaaknummer.objects.filter(bronorganisatie=bronorganisatie,
                                                                 identificatie__in=values)
                           .values_list("identificatie", flat=True)))
        for seq, value in batch:
            if value in taken or value in out:
                continue
            out.append(value)
            reeks.laatste = seq
            if len(out) == count:
                break
    ZaakIdentificatieReeks.objects.filter(pk=reeks.pk).update(laatste=reeks.laatste)
    return out


def reserve(bronorganisatie: str, count: int) -> list[str]:
    """Draw ``count`` numbers and record them as reserved. Call inside atomic()."""
    numbers = draw(bronorganisatie, count)
    GereserveerdZaaknummer.objects.bulk_create(
        GereserveerdZaaknummer(bronorganisatie=bronorganisatie, identificatie=n) for n in numbers)
    return numbers


def consume_reservation(bronorganisatie: str, identificatie: str) -> bool:
    """A zaak created with a reserved number takes it: the reservation is removed."""
    deleted, _ = GereserveerdZaaknummer.objects.filter(bronorganisatie=bronorganisatie,
                                                       identificatie=identificatie).delete()
    return bool(deleted)


def in_use(bronorganisatie: str, identificatie: str, *, exclude_zaak=None) -> bool:
    qs = Zaak.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if exclude_zaak is not None:
        qs = qs.exclude(pk=exclude_zaak)
    return qs.exists()
