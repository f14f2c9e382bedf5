"""gunicorn settings used by ``zaakwerk serve``."""

import gc
import os

worker_class = "gthread"
keepalive = 30
timeout = int(os.environ.get("ZAAKWERK_REQUEST_TIMEOUT", "300"))
graceful_timeout = 20
accesslog = os.environ.get("ZAAKWERK_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("ZAAKWERK_LOG_LEVEL", "warning").lower()
preload_app = True


def when_ready(server):
    # Objects created during start-up live for the whole process: keep them out of the
    # garbage collector's generations so full collections stay short.
    gc.collect()
    gc.freeze()
