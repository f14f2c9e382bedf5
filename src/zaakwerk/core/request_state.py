"""The base URL of the request being served, for code far from the request (reference lookups
decide whether a URL is ours). Set by the API layer for each request; a contextvar, so it is
correct per thread and per async task."""

from __future__ import annotations

import contextvars

_base_url: contextvars.ContextVar[str | None] = contextvars.ContextVar("zaakwerk_base_url", default=None)


def base_url() -> str | None:
    return _base_url.get()


def set_base_url(value: str | None):
    return _base_url.set(value)


def reset(token) -> None:
    _base_url.reset(token)
