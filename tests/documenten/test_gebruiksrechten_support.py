"""What the gebruiksrechten and verzendingen tests share: published informatieobjecttypen, a
document maker (through the Documenten domain), API clients and small assertions helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.core.actor import Actor
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.documenten.domain import documenten as documenten_domain
from zaakwerk.documenten.models import EnkelvoudigInformatieObject

from ..conftest import BASE, ApiClient, make_token, register_client

ROOT = "/documenten/api/v1"
CATALOGI = f"{BASE}/catalogi/api/v1"


# ---- fixtures ---------------------------------------------------------------------------------------------


def make_iot(system, catalogus, omschrijving: str, vertrouwelijkheid: str = "openbaar"):
    iot = catalogi.create_informatieobjecttype(system, {
        "catalogus": catalogus, "omschrijving": omschrijving, "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"})
    return catalogi.publish_informatieobjecttype(system, iot)


@pytest.fixture
def iot(system, catalogus):
    return make_iot(system, catalogus, "aanvraag")


@pytest.fixture
def other_iot(system, catalogus):
    return make_iot(system, catalogus, "besluit")


def make_document(iot, *, vertrouwelijkheid: str = "openbaar", identificatie: str = "DOC-1",
                  indicatie_gebruiksrecht: bool | None = None) -> EnkelvoudigInformatieObject:
    """A document with one version, made through the Documenten domain."""
    document = documenten_domain.create_document(Actor.system(BASE), {
        "identificatie": identificatie, "bronorganisatie": "000000000", "creatiedatum": dt.date(2024, 1, 1),
        "titel": "Aanvraag", "auteur": "tester", "taal": "nld", "informatieobjecttype": iot_url(iot),
        "vertrouwelijkheidaanduiding": vertrouwelijkheid})
    if indicatie_gebruiksrecht is not None:  # a new document cannot say true: as if it had had gebruiksrechten
        documenten_domain.set_indicatie_gebruiksrecht(document, indicatie_gebruiksrecht)
    return document


@pytest.fixture
def document(iot):
    return make_document(iot)


def document_url(document) -> str:
    return f"{BASE}{ROOT}/enkelvoudiginformatieobjecten/{document.pk}"


def iot_url(iot) -> str:
    return f"{CATALOGI}/informatieobjecttypen/{iot.pk}"


@pytest.fixture
def api(db) -> ApiClient:
    register_client("docsuper", "supersecret", all_permissions=True)
    return ApiClient(make_token("docsuper", "supersecret"), default_headers={"X-Audit-Toelichting": "test"})


@pytest.fixture
def client_for(db):
    """Factory: an API client with exactly these drc scopes on these informatieobjecttypen."""
    counter = {"n": 0}

    def factory(scopes: list[str], iots: list, max_vertrouwelijkheid: str = "geheim") -> ApiClient:
        counter["n"] += 1
        cid = f"docclient{counter['n']}"
        register_client(cid, "s3cret", autorisaties=[{
            "component": "drc", "scopes": scopes, "informatieobjecttype": iot_url(i),
            "max_vertrouwelijkheidaanduiding": max_vertrouwelijkheid} for i in iots])
        return ApiClient(make_token(cid, "s3cret"))

    return factory


def codes(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


def trail(document, resource: str) -> list[AuditTrail]:
    """The entries about ``resource`` in the document's audit trail."""
    return list(AuditTrail.objects.filter(hoofd_object_uuid=document.pk, resource=resource)
                .order_by("aanmaakdatum", "pk"))


def notifications(resource: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kanaal="documenten", resource=resource).order_by("pk"))


# ---- the support itself ---------------------------------------------------------------------------------


def test_support_documents_are_served_by_path(db, document):
    from zaakwerk.documenten.domain.gebruiksrechten import document_for_url

    assert document_for_url(document_url(document), BASE) == document
