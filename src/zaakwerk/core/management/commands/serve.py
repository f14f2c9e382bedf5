"""``zaakwerk serve``: run the production server (gunicorn) with defaults fitted to the machine."""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start de server (gunicorn)."

    def add_arguments(self, parser):
        port = os.environ.get("PORT", "8000")
        parser.add_argument("--bind", default=os.environ.get("ZAAKWERK_BIND", f"127.0.0.1:{port}"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ZAAKWERK_WORKERS", "0")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("ZAAKWERK_THREADS", "4")))

    def handle(self, *args, **options):
        workers = options["workers"] or min(8, (os.cpu_count() or 1) + 1)
        argv = [
            sys.executable, "-m", "gunicorn", "zaakwerk.wsgi:application",
            "--config", "python:zaakwerk.gunicorn_conf",
            "--bind", options["bind"],
            "--workers", str(workers),
            "--threads", str(options["threads"]),
        ]
        sys.stdout.flush()
        os.execv(sys.executable, argv)
