"""Fixtures for the Besluiten tests: published catalogue objects built through the Catalogi domain
(an informatieobjecttype, a besluittype that allows it, a zaaktype that allows the besluittype),
API clients, body builders, and the ``remote`` stub server of the Zaken tests that plays a foreign
Documenten or Zaken API."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.core.models import AuditTrail, OutboxMessage

from ..conftest import BASE, ApiClient, make_token, register_client
from ..zaken.conftest import _serving, build_zaaktype, catalogus, system  # noqa: F401 - fixtures
from ..zaken.test_relaties_support import make_zaak, remote  # noqa: F401 - fixture

ROOT = "/besluiten/api/v1"
BESLUITEN = f"{ROOT}/besluiten"
BIOS = f"{ROOT}/besluitinformatieobjecten"
CATALOGI = f"{BASE}/catalogi/api/v1"


def catalogi_url(collection: str, obj) -> str:
    return f"{CATALOGI}/{collection}/{obj.pk}"


def make_iot(system, catalogus, omschrijving: str = "besluitbrief", publish: bool = True):
    iot = catalogi.create_informatieobjecttype(system, {
        "catalogus": catalogus, "omschrijving": omschrijving, "vertrouwelijkheidaanduiding": "openbaar",
        "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"})
    return catalogi.publish_informatieobjecttype(system, iot) if publish else iot


def make_besluittype(system, catalogus, omschrijving: str = "Vergunning verleend", *,
                     informatieobjecttypen=(), publish: bool = True):
    bt = catalogi.create_besluittype(system, {
        "catalogus": catalogus, "omschrijving": omschrijving, "publicatie_indicatie": False,
        "informatieobjecttypen": list(informatieobjecttypen), "begin_geldigheid": dt.date(2020, 1, 1)})
    return catalogi.publish_besluittype(system, bt) if publish else bt


@pytest.fixture
def iot(system, catalogus):
    return make_iot(system, catalogus)


@pytest.fixture
def besluittype(system, catalogus, iot):
    """A published besluittype whose documents are of informatieobjecttype ``iot``."""
    return make_besluittype(system, catalogus, informatieobjecttypen=[iot])


@pytest.fixture
def zaaktype(system, catalogus, besluittype):
    """A published zaaktype whose besluiten may be of ``besluittype``."""
    return build_zaaktype(system, catalogus, besluittypen=[besluittype])


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def besluittype_url(besluittype) -> str:
    return catalogi_url("besluittypen", besluittype)


def zaak_url(zaak) -> str:
    return f"{BASE}/zaken/api/v1/zaken/{zaak.pk}"


def besluit_body(besluittype, **kw) -> dict:
    return {
        "verantwoordelijkeOrganisatie": "517439943",
        "besluittype": besluittype_url(besluittype) if not isinstance(besluittype, str) else besluittype,
        "datum": "2024-03-01",
        "ingangsdatum": "2024-03-02",
        **kw,
    }


@pytest.fixture
def api(db) -> ApiClient:
    """All permissions."""
    register_client("besluiten-super", "besluiten-secret", all_permissions=True)
    return ApiClient(make_token("besluiten-super", "besluiten-secret"))


@pytest.fixture
def client_for(db):
    """Factory: an API client with exactly these autorisaties."""
    counter = {"n": 0}

    def factory(autorisaties: list[dict]) -> ApiClient:
        counter["n"] += 1
        client_id = f"besluiten-limited-{counter['n']}"
        register_client(client_id, "s3cret", autorisaties=autorisaties)
        return ApiClient(make_token(client_id, "s3cret"))

    return factory


def brc(besluittype, *scopes: str) -> dict:
    """An Autorisatie for the Besluiten API on one besluittype."""
    return {"component": "brc", "scopes": list(scopes), "besluittype": besluittype_url(besluittype)}


def codes(response) -> list[tuple[str, str]]:
    assert response.status_code == 400, (response.status_code, response.content)
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def trail(besluit_uuid) -> list[tuple[str, str]]:
    """(resource, actie) of the besluit's audit trail, oldest first."""
    return list(AuditTrail.objects.filter(hoofd_object_uuid=besluit_uuid).order_by("aanmaakdatum", "pk")
                .values_list("resource", "actie"))


def notifications(kanaal: str = "besluiten") -> list[tuple[str, str]]:
    """(resource, actie) of the notifications on ``kanaal``, oldest first."""
    return list(OutboxMessage.objects.filter(kanaal=kanaal).order_by("pk").values_list("resource", "actie"))


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
