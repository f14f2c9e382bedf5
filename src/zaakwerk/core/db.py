"""Transactions of domain changes.

Every request that writes runs in one transaction (``request_transaction``, opened by the API
adapter). A domain function wraps its change in ``change()``: outside a request (command line,
tests, bulk loads, other callers that may catch a refused change and go on) that is an ordinary
``transaction.atomic()`` with its savepoint; inside a request's transaction it joins that
transaction without a savepoint, because the adapter never goes on after a refused change: the
whole request rolls back. That saves two round trips (SAVEPOINT, RELEASE) per nested block on the
hottest writes.

Within a request's transaction an object read with a row lock can be marked (``mark_locked``), so
a domain function that needs the lock does not read it a second time (``locked_here``).
"""

from __future__ import annotations

import contextlib
import contextvars

from django.db import transaction

_IN_REQUEST = contextvars.ContextVar("zaakwerk_request_transaction", default=None)
_LOCK_MARK = "_zaakwerk_locked_in"


@contextlib.contextmanager
def request_transaction():
    """The one transaction of a writing request; nothing in it continues after an error."""
    with transaction.atomic():
        token = _IN_REQUEST.set(object())  # this transaction's identity
        try:
            yield
        finally:
            _IN_REQUEST.reset(token)


def change():
    """The transaction block of one domain change (see the module docstring)."""
    return transaction.atomic(savepoint=_IN_REQUEST.get() is None)


def mark_locked(obj) -> None:
    """``obj`` was read with a row lock in the current request's transaction (no-op outside one)."""
    current = _IN_REQUEST.get()
    if current is not None and obj is not None:
        obj.__dict__[_LOCK_MARK] = current


def locked_here(obj) -> bool:
    """Was ``obj`` read with a row lock in the current request's transaction?"""
    current = _IN_REQUEST.get()
    return current is not None and obj.__dict__.get(_LOCK_MARK) is current
