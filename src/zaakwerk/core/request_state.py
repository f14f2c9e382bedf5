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


class serving:
    """``with serving(base_url):`` — for work outside an HTTP request (command line, worker)."""

    def __init__(self, base_url: str | None):
        self.value = base_url

    def __enter__(self):
        self.token = set_base_url(self.value)
        return self

    def __exit__(self, *exc):
        reset(self.token)
        return False


class BaseUrlMiddleware:
    """Records the request's base URL for every request (API, admin, UI), so reference lookups
    anywhere recognise URLs on this server as ours and resolve them in-process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        base = settings.ZAAKWERK_BASE_URL or f"{request.scheme}://{request.get_host()}"
        with serving(base):
            return self.get_response(request)
