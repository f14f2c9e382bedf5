"""``zaakwerk worker``: deliver the notifications in the outbox (see zaakwerk.notificaties.worker).

Run one beside every installation; on PostgreSQL run as many as the load needs, on as many
machines as you like (they share the work). SIGTERM/SIGINT stop it after the current batch."""

import signal

from django.core.management.base import BaseCommand

from zaakwerk.notificaties import conf
from zaakwerk.notificaties.worker import Worker


class Command(BaseCommand):
    help = "Verstuur de notificaties uit de outbox naar de abonnementen (of de externe Notificaties API)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None,
                            help=f"berichten/afleveringen per ronde (standaard {conf.worker_batch_size()})")
        parser.add_argument("--poll-interval", type=float, default=None,
                            help="seconden tussen twee blikken in de outbox als er niets te doen is "
                                 "(standaard 1 op PostgreSQL, dat de worker bij elke commit wekt; 0,2 op SQLite)")
        parser.add_argument("--concurrency", type=int, default=None,
                            help=f"gelijktijdige HTTP-verzoeken (standaard {conf.worker_concurrency()})")
        parser.add_argument("--once", action="store_true",
                            help="verwerk wat nu klaarstaat en stop dan (voor cron en tests)")

    def handle(self, *args, **options):
        worker = Worker(batch_size=options["batch_size"], poll_interval=options["poll_interval"],
                        concurrency=options["concurrency"])

        def stop(signum, frame):
            worker.stop()

        previous = {}
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                previous[sig] = signal.signal(sig, stop)
            except ValueError:  # not the main thread (called from a test thread)
                pass
        try:
            worker.run(once=options["once"])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        stats = worker.stats
        if options["verbosity"] >= 1 and options["once"]:
            self.stdout.write(f"{stats['messages']} berichten verwerkt, {stats['delivered']} afgeleverd, "
                              f"{stats['failed']} mislukt, {stats['dead']} onbestelbaar")
