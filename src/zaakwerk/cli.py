"""The ``zaakwerk`` console command: Django's management commands behind stable names.

    zaakwerk migrate                  apply database migrations
    zaakwerk serve [--bind H:P]       serve with gunicorn (workers/threads from the environment)
    zaakwerk demo                     load the demo catalogue and demo logins
    zaakwerk client add ID SECRET [--all-permissions]
    zaakwerk <any Django management command>
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zaakwerk.settings")
    argv = list(sys.argv if argv is None else argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zaakwerk", *argv[1:]])


if __name__ == "__main__":
    main()
