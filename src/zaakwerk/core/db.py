"""Transactions of domain changes.

Every request that writes runs in one transaction (``request_transaction``, opened by the API
adapter). A domain function wraps its change in ``change()``: outside a request (command line,
tests, bulk loads, other callers that may catch a refused change and go on) that is an ordinary
``transaction.atomic()`` with its savepoint; inside a request's transaction it joins that
transaction without a savepoint, because the adapter never goes on after a refused change: the
whole request rolls back. That saves two round trips (SAVEPOINT, RELEASE) per nested block on the
hottest writes.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.db import transaction

_IN_REQUEST = contextvars.ContextVar("zaakwerk_request_transaction", default=False)


@contextlib.contextmanager
def request_transaction():
    """The one transaction of a writing request; nothing in it continues after an error."""
    with transaction.atomic():
        token = _IN_REQUEST.set(True)
        try:
            yield
        finally:
            _IN_REQUEST.reset(token)


def change():
    """The transaction block of one domain change (see the module docstring)."""
    return transaction.atomic(savepoint=not _IN_REQUEST.get())
