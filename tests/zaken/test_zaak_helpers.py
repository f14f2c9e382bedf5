"""Helpers shared by the zaak tests (tests/zaken/test_zaak_*.py): a stand-in for another
register's host (VNG's conformance mock: /200, /404, /communicatiekanaal), URL builders and a
``make_zaak`` that creates zaken through the domain. No tests here."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import ThreadingHTTPServer

import pytest

from zaakwerk.core.actor import Actor
from zaakwerk.zaken.domain import zaak as domain
from zaakwerk.zaken.models import Zaak

from ..conftest import BASE
from ..conformance.mock_server import MockHandler
from .conftest import REF, ROOT, zaak_body, zaaktype_url

ZAKEN = f"{BASE}{ROOT}/zaken"


def zaak_url(zaak) -> str:
    return f"{ZAKEN}/{zaak.pk if hasattr(zaak, 'pk') else zaak}"


def communicatiekanaal_url() -> str:
    from zaakwerk.referentielijsten.data import lists

    item = next(iter(lists().communicatiekanalen.values()))
    return f"{REF}/{item['url']}"


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


@pytest.fixture
def mock_host():
    """Another register's host: http://127.0.0.1:<port> (not one of Zaakwerk's own hosts)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), MockHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_zaak(zaaktype, actor: Actor | None = None, **fields) -> Zaak:
    """A zaak created through the domain with the API's defaults (snake_case ``fields``)."""
    data = {
        "bronorganisatie": "517439943",
        "verantwoordelijke_organisatie": "517439943",
        "zaaktype": zaaktype,
        "startdatum": dt.date(2024, 3, 1),
        **fields,
    }
    return domain.create_zaak(actor or Actor.system(BASE), data)


__all__ = ["ZAKEN", "zaak_url", "communicatiekanaal_url", "invalid_params", "mock_host", "make_zaak",
           "zaak_body", "zaaktype_url"]
