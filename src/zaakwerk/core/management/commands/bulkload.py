"""``zaakwerk bulkload [--zaken N] [--zaaktypen N] [--documenten N] [--batch N] [--seed N]``: fill
the database with a realistic municipality through the domain's bulk paths (see
``zaakwerk.bulkload``). The catalogue is created idempotently; zaken and documents are added on
every run. Prints progress after every batch and the elapsed time at the end."""

from __future__ import annotations

import os
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import DomainError, ValidationFailed
from zaakwerk.core.settings_util import configured_base_url


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


def _moment(value) -> datetime | None:
    """``--now``: an ISO 8601 date-time (naive is Dutch time)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--now {value!r} is geen datum-tijd (ISO 8601).") from None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    if value > timezone.now():
        raise CommandError("--now ligt in de toekomst: statussen mogen niet in de toekomst liggen.")
    return value


class Command(BaseCommand):
    help = "Vul de database met een realistische gemeente (zaken, documenten) via de bulkpaden van het domein."

    def add_arguments(self, parser):
        parser.add_argument("--zaken", type=int, default=10_000, help="aantal zaken (standaard 10000)")
        parser.add_argument("--zaaktypen", type=int, default=100, help="aantal zaaktypen (standaard 100)")
        parser.add_argument("--documenten", type=int, default=None,
                            help="aantal documenten (standaard evenveel als zaken)")
        parser.add_argument("--batch", type=int, default=5000, help="zaken/documenten per transactie (standaard 5000)")
        parser.add_argument("--seed", type=int, default=1, help="startwaarde van de generator (standaard 1)")
        parser.add_argument("--workers", type=int, default=None,
                            help="processen die tegelijk laden (standaard: 2 op PostgreSQL, 1 op SQLite)")
        parser.add_argument("--bronorganisatie", default=None, help="RSIN van de gemeente (standaard 517439943)")
        parser.add_argument("--now", default=None,
                            help="einde van de gegenereerde wereld, ISO 8601 (standaard nu); met --seed volledig "
                                 "reproduceerbaar")
        parser.add_argument("--base-url", default=None,
                            help="basis-URL waaronder de objecten heten (standaard ZAAKWERK_BASE_URL)")

    def handle(self, *args, **options):
        from zaakwerk.bulkload.loader import DEFAULT_BRONORGANISATIE, load

        zaken, zaaktypen, batch = options["zaken"], options["zaaktypen"], options["batch"]
        documenten = zaken if options["documenten"] is None else options["documenten"]
        if min(zaken, documenten) < 0 or zaaktypen < 1 or batch < 1 or (options["workers"] or 1) < 1:
            raise CommandError("--zaken en --documenten zijn 0 of meer, --zaaktypen, --batch en --workers 1 of meer.")
        workers = options["workers"] or (min(2, os.cpu_count() or 1) if connection.vendor == "postgresql" else 1)
        base_url = (options["base_url"] or configured_base_url()).rstrip("/")
        actor = Actor.system(base_url, name="zaakwerk-bulkload")
        self.stdout.write(f"Bulkload: {zaken:,} zaken over {zaaktypen} zaaktypen, {documenten:,} documenten, "
                          f"batches van {batch:,}, seed {options['seed']}, {workers} worker(s), basis-URL {base_url}")

        def report(stats, total_zaken, total_documenten):
            elapsed = max(stats.elapsed, 1e-9)
            parts = [f"zaken {stats.zaken:,}/{total_zaken:,}"] if total_zaken else []
            parts.append(f"documenten {stats.documenten:,}/{total_documenten:,}")
            self.stdout.write(
                f"  {' · '.join(parts)} · {stats.zaken / elapsed:,.0f} zaken/s · "
                f"{stats.documenten / elapsed:,.0f} documenten/s · {stats.rijen / elapsed:,.0f} rijen/s · "
                f"{_duration(stats.elapsed)}")
            self.stdout.flush()

        try:
            stats = load(actor, zaken=zaken, zaaktypen=zaaktypen, documenten=documenten, batch=batch,
                         seed=options["seed"], bronorganisatie=options["bronorganisatie"] or DEFAULT_BRONORGANISATIE,
                         now=_moment(options["now"]), workers=workers, report=report)
        except ValidationFailed as exc:
            problems = "; ".join(f"{p.name}: {p.code} ({p.reason})" for p in exc.params[:10])
            raise CommandError(f"Ongeldige gegevens: {problems}") from exc
        except DomainError as exc:
            raise CommandError(str(exc.detail)) from exc
        elapsed = max(stats.elapsed, 1e-9)
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stats.phases.items())
        self.stdout.write(self.style.SUCCESS(
            f"Klaar: {stats.zaken:,} zaken en {stats.documenten:,} documenten ({stats.rijen:,} rijen) in "
            f"{_duration(stats.elapsed)} ({elapsed:.1f} s): {stats.zaken / elapsed:,.0f} zaken/s, "
            f"{stats.documenten / elapsed:,.0f} documenten/s, {stats.rijen / elapsed:,.0f} rijen/s."))
        self.stdout.write(f"Tijd per fase: {phases}")
