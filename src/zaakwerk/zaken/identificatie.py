"""Zaaknummers (zrc-002): the identificatie of a zaak, unique per bronorganisatie.

Numbers are drawn from ``ZaakIdentificatieReeks``, one row per (bronorganisatie, year). The row is
locked while a number is drawn, so parallel creates never get the same number:

- PostgreSQL: ``UPDATE ... SET laatste = laatste + n RETURNING laatste`` locks the row and moves
  the counter in one statement; a second transaction waits until the first commits and then moves
  the advanced counter on. The row of a new series is inserted in a savepoint; a transaction that
  loses that race gets an IntegrityError, rolls back the savepoint and updates the winner's row.
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
from django.db import IntegrityError, connection, transaction
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


def _advance(bronorganisatie: str, jaar: int, count: int) -> int:
    """Move the series on by ``count`` and return its new last number. The UPDATE locks the row
    until the transaction ends (one round trip: lock, increment and read together)."""
    sql = (f"UPDATE {ZaakIdentificatieReeks._meta.db_table} SET laatste = laatste + %s "
           "WHERE bronorganisatie = %s AND jaar = %s RETURNING laatste")
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute(sql, [count, bronorganisatie, jaar])
            row = cursor.fetchone()
        if row is not None:
            return row[0]
        try:
            with transaction.atomic():
                ZaakIdentificatieReeks.objects.create(bronorganisatie=bronorganisatie, jaar=jaar, laatste=0)
        except IntegrityError:
            pass  # a parallel transaction created it first: its row is updated (and locked) next
    raise RuntimeError("the identificatie series row could not be created")


def _taken(bronorganisatie: str, values: list[str]) -> set[str]:
    """Which of ``values`` a zaak has or a reservation holds (one round trip, plain SQL: this runs
    on every zaak create)."""
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT identificatie FROM {Zaak._meta.db_table} WHERE bronorganisatie = %s AND identificatie IN ({marks}) "
            f"UNION SELECT identificatie FROM {GereserveerdZaaknummer._meta.db_table} "
            f"WHERE bronorganisatie = %s AND identificatie IN ({marks})",
            [bronorganisatie, *values, bronorganisatie, *values])
        return {row[0] for row in cursor.fetchall()}


def draw(bronorganisatie: str, count: int = 1) -> list[str]:
    """``count`` new identificaties for ``bronorganisatie``, in order. Call inside atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("identificatie.draw() must run inside transaction.atomic()")
    fmt = identificatie_format()
    year = timezone.localdate().year
    jaar = year if "{year" in fmt else 0
    out: list[str] = []
    while len(out) < count:
        # the next numbers of the series, checked against zaken and reservations in one query;
        # a number in use is skipped and another one drawn
        wanted = count - len(out)
        last = _advance(bronorganisatie, jaar, wanted)
        values = [format_identificatie(fmt, year=year, sequence=seq, bronorganisatie=bronorganisatie)
                  for seq in range(last - wanted + 1, last + 1)]
        taken = _taken(bronorganisatie, values)
        out.extend(v for v in values if v not in taken)
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
