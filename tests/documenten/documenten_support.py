"""What the Documenten core tests share: published informatieobjecttypen, API clients, a body
builder, and content storage in a temporary directory for every test."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.core.models import AuditTrail, OutboxMessage

from ..conftest import BASE, ApiClient, make_token, register_client

ROOT = "/documenten/api/v1"
LIST = f"{ROOT}/enkelvoudiginformatieobjecten"
CATALOGI = f"{BASE}/catalogi/api/v1"


def make_iot(system, catalogus, omschrijving: str, vertrouwelijkheid: str = "openbaar", publish: bool = True):
    iot = catalogi.create_informatieobjecttype(system, {
        "catalogus": catalogus, "omschrijving": omschrijving, "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"})
    return catalogi.publish_informatieobjecttype(system, iot) if publish else iot


@pytest.fixture
def iot(system, catalogus):
    return make_iot(system, catalogus, "aanvraag", "zaakvertrouwelijk")


@pytest.fixture
def other_iot(system, catalogus):
    return make_iot(system, catalogus, "besluit")


def iot_url(iot) -> str:
    return f"{CATALOGI}/informatieobjecttypen/{iot.pk}"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def body(iot, **overrides) -> dict:
    """The body VNG's Postman collections send."""
    return {"bronorganisatie": "000000000", "creatiedatum": "2019-01-01", "titel": "testobject",
            "auteur": "testauteur", "taal": "eng", "inhoud": b64(b"string"),
            "informatieobjecttype": iot_url(iot), "bestandsomvang": 6, **overrides}


@pytest.fixture
def api(db) -> ApiClient:
    register_client("drcsuper", "supersecret", all_permissions=True)
    return ApiClient(make_token("drcsuper", "supersecret"), default_headers={"X-Audit-Toelichting": "test"})


@pytest.fixture
def client_for(db):
    """Factory: an API client with exactly these drc scopes on these informatieobjecttypen."""
    counter = {"n": 0}

    def factory(scopes: list[str], iots: list, max_vertrouwelijkheid: str = "geheim", *,
                alleen_gereed: bool = False) -> ApiClient:
        counter["n"] += 1
        cid = f"drcclient{counter['n']}"
        register_client(cid, "s3cret", autorisaties=[{
            "component": "drc", "scopes": scopes, "informatieobjecttype": iot_url(i),
            "max_vertrouwelijkheidaanduiding": max_vertrouwelijkheid} for i in iots])
        if alleen_gereed:
            from zaakwerk.autorisaties.models import Applicatie

            Applicatie.objects.filter(client_ids__client_id=cid).update(alleen_is_gereed_voor_publicatie=True)
        return ApiClient(make_token(cid, "s3cret"))

    return factory


def create(api, iot, **overrides) -> dict:
    response = api.post(LIST, body(iot, **overrides))
    assert response.status_code == 201, response.json()
    return response.json()


def path_of(url: str) -> str:
    return url.removeprefix(BASE)


def codes(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


def lock(api, doc: dict) -> str:
    response = api.post(path_of(doc["url"]) + "/lock", "")
    assert response.status_code == 200, response.json()
    return response.json()["lock"]


def download(client, url: str) -> bytes:
    response = client.get(path_of(url), headers={"Accept": "application/octet-stream"})
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def trail(uuid) -> list[AuditTrail]:
    return list(AuditTrail.objects.filter(hoofd_object_uuid=uuid).order_by("aanmaakdatum", "pk"))


def notifications(resource: str = "enkelvoudiginformatieobject") -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kanaal="documenten", resource=resource).order_by("pk"))


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file())
