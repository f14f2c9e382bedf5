"""The Notificaties settings, each from the Django setting of the same name (settings.py reads it
from the environment variable of that name), or, where settings.py does not define it, straight
from that environment variable; otherwise the default. A setting that is None or "" means: the
default."""

from __future__ import annotations

import os

from django.conf import settings


def _value(name: str, default, cast):
    configured = getattr(settings, name, None)
    if configured is not None and configured != "":
        return cast(configured)
    if hasattr(settings, name):  # defined in settings.py, left empty: the default
        return default
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return cast(raw)


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def external_api_url() -> str:
    """Root of an external Notificaties API (e.g. Open Notificaties, ``https://nrc.example/api/v1``).
    Empty: Zaakwerk's own Notificaties API routes the messages to its abonnementen."""
    return _value("ZAAKWERK_NOTIFICATIES_API_URL", "", str).rstrip("/")


def external_client_id() -> str:
    return _value("ZAAKWERK_NOTIFICATIES_API_CLIENT_ID", "", str)


def external_secret() -> str:
    return _value("ZAAKWERK_NOTIFICATIES_API_SECRET", "", str)


def timeout() -> float:
    """Seconds to connect to and to wait for an answer from a subscriber (per delivery attempt)."""
    return _value("ZAAKWERK_NOTIFICATIES_TIMEOUT", 10.0, float)


def max_attempts() -> int:
    """Delivery attempts per message and subscriber before it becomes a dead letter."""
    return max(1, _value("ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS", 10, int))


def backoff() -> float:
    """Seconds before the first retry; every next retry waits twice as long (up to the cap)."""
    return _value("ZAAKWERK_NOTIFICATIES_BACKOFF", 5.0, float)


def backoff_max() -> float:
    return _value("ZAAKWERK_NOTIFICATIES_BACKOFF_MAX", 3600.0, float)


def lease() -> float:
    """Seconds a worker owns the deliveries it claimed. A worker that dies mid-batch leaves them
    claimed; another worker (or the restarted one) takes them over after this time."""
    return max(1.0, _value("ZAAKWERK_NOTIFICATIES_LEASE", 300.0, float))


def retention_days() -> float:
    """Delivered notifications are kept this long (for the admin's history), then purged."""
    return _value("ZAAKWERK_NOTIFICATIES_RETENTION_DAYS", 14.0, float)


def callback_check() -> bool:
    """Creating or changing an abonnement first POSTs a test notification to its callback."""
    return _value("ZAAKWERK_NOTIFICATIES_CALLBACK_CHECK", True, _bool)


def worker_batch_size() -> int:
    return max(1, _value("ZAAKWERK_WORKER_BATCH_SIZE", 200, int))


def worker_poll_interval(postgresql: bool = True) -> float:
    """Seconds between looks at the outbox when idle. PostgreSQL wakes the worker at once on
    every commit (LISTEN/NOTIFY), so polling is only the fallback there; SQLite has no such
    signal, so it polls more often (a few tiny reads per poll)."""
    return max(0.01, _value("ZAAKWERK_WORKER_POLL_INTERVAL", 1.0 if postgresql else 0.2, float))


def worker_concurrency() -> int:
    return max(1, _value("ZAAKWERK_WORKER_CONCURRENCY", 8, int))
