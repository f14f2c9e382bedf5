"""Fixtures of the bulk load tests: a small municipality loaded through ``zaakwerk bulkload``
(300 zaken over 6 zaaktypen, 300 documents, in batches of 100), document content in a directory
of the test, and API clients. Everything is checked through the real APIs."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from ..conftest import BASE, ApiClient, make_token, register_client
from ..documenten.conftest import media  # noqa: F401 - fixture (autouse)
from ..zaken.conftest import _serving, system  # noqa: F401 - fixtures

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ZRC, DRC, ZTC = (f"{BASE}/{api}/api/v1" for api in ("zaken", "documenten", "catalogi"))
BRON = "517439943"
SMALL = {"zaken": 300, "zaaktypen": 6, "documenten": 300, "batch": 100, "seed": 7}
# the end of the generated world (fixed, so every run of the tests has the same data)
NOW = dt.datetime(2025, 11, 15, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def path(url: str) -> str:
    return url.removeprefix(BASE)


@pytest.fixture
def api(db) -> ApiClient:
    register_client("bulk-super", "geheim", all_permissions=True)
    return ApiClient(make_token("bulk-super", "geheim"), default_headers=CRS)


@pytest.fixture
def municipality(db) -> str:
    """Load the small municipality through the command; its output."""
    out = io.StringIO()
    call_command("bulkload", **SMALL, now=NOW.isoformat(), base_url=BASE, stdout=out)
    return out.getvalue()


def all_pages(api, url: str, params: dict | None = None) -> list[dict]:
    out, page = [], api.get(path(url), params or {})
    while True:
        assert page.status_code == 200, page.content
        body = page.json()
        if isinstance(body, list):
            return body
        out += body["results"]
        if not body.get("next"):
            return out
        page = api.get(path(body["next"]))


@pytest.fixture
def client_for(api_for):
    """Factory: a Zaken API client with exactly these autorisaties (sends the CRS headers)."""
    return lambda autorisaties: api_for(autorisaties, default_headers=CRS)
