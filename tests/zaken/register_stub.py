"""What the Zaken tests share about other registers and zaken:

- ``RegisterServer`` / the ``remote`` fixture: a tiny real HTTP server on 127.0.0.2 (a host
  Zaakwerk does not treat as its own) that plays other registers (Documenten, Besluiten, another
  Zaken API, Contactmomenten/Verzoeken, an objects registration): a test puts a body at a path and
  gets its URL; the server records the requests it got.
- ``make_zaak``: a zaak written directly in the database.
"""

from __future__ import annotations

import datetime as dt
import http.server
import itertools
import json
import threading

import pytest

from zaakwerk.zaken.models import Zaak

RANKS = ["openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk", "confidentieel",
         "geheim", "zeer_geheim"]
_counter = itertools.count(1)


class RegisterServer:
    """Serves ``{path: (status, body)}``: a dict/list as JSON, bytes as text/html. ``requests``
    holds (path, headers) of every request, in order."""

    def __init__(self):
        self.routes: dict[str, tuple[int, object]] = {}
        self.requests: list[tuple[str, dict]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                server.requests.append((self.path, dict(self.headers)))
                status, body = server.routes.get(self.path, (404, {"detail": "Niet gevonden."}))
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html" if isinstance(body, bytes) else "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.base = f"http://127.0.0.2:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)
        self.thread.start()

    def add(self, path: str, body, status: int = 200) -> str:
        self.routes[path] = (status, body)
        return self.base + path

    def document(self, informatieobjecttype_url: str | None = None, *, name: str | None = None, **extra) -> str:
        """An enkelvoudiginformatieobject of the Documenten API at this server (``extra``: more
        fields in wire form, e.g. ``indicatieGebruiksrecht``)."""
        name = name or f"doc-{next(_counter)}"
        path = f"/documenten/api/v1/enkelvoudiginformatieobjecten/{name}"
        body = {"url": self.base + path, "titel": name, "status": "definitief", "locked": False, **extra}
        if informatieobjecttype_url is not None:
            body["informatieobjecttype"] = informatieobjecttype_url
        return self.add(path, body)

    def besluit(self, ingangsdatum: str, vervaldatum: str | None = None, **extra) -> str:
        path = f"/besluiten/api/v1/besluiten/besluit-{next(_counter)}"
        return self.add(path, {"url": self.base + path, "ingangsdatum": ingangsdatum, "vervaldatum": vervaldatum,
                               "datum": "2019-04-25", **extra})

    def paths_requested(self) -> list[str]:
        return [p for p, _ in self.requests]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def remote():
    server = RegisterServer()
    yield server
    server.close()


def make_zaak(zaaktype, *, vertrouwelijkheidaanduiding: str = "openbaar", **fields) -> Zaak:
    defaults = {
        "identificatie": f"ZAAK-{next(_counter)}", "bronorganisatie": "517439943",
        "verantwoordelijke_organisatie": "517439943", "registratiedatum": dt.date(2024, 3, 1),
        "startdatum": dt.date(2024, 3, 1),
    }
    return Zaak.objects.create(zaaktype=zaaktype, vertrouwelijkheidaanduiding=vertrouwelijkheidaanduiding,
                               vertrouwelijkheid_rank=RANKS.index(vertrouwelijkheidaanduiding),
                               **{**defaults, **fields})
