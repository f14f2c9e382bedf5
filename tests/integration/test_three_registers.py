"""The Zaken, Documenten and Besluiten registers of one Zaakwerk keep each other consistent, in one
transaction, with real objects on every side (no stand-ins): the mirrored objectinformatieobjecten
(zrc-005, brc-005), zaakbesluiten (brc-006), deletes (zrc-023, brc-009, drc-008), archiving
(zrc-022), closing (indicatieGebruiksrecht) and expand across registers without N+1 queries."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.documenten.models import EnkelvoudigInformatieObject, ObjectInformatieObject
from zaakwerk.zaken.models import Zaak, ZaakBesluit

from ..conftest import BASE, ApiClient, make_token, register_client
from ..zaken.conftest import _serving, build_zaaktype_met_documenten, catalogus, system  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ZRC, DRC, BRC = (f"{BASE}/{api}/api/v1" for api in ("zaken", "documenten", "besluiten"))
CATALOGI = f"{BASE}/catalogi/api/v1"


def path(url: str) -> str:
    return url.removeprefix(BASE)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def api(db) -> ApiClient:
    register_client("three-registers", "geheim", all_permissions=True)
    return ApiClient(make_token("three-registers", "geheim"), default_headers=CRS)


@pytest.fixture
def types(system, catalogus):
    """A published informatieobjecttype, a besluittype allowing it, and a zaaktype allowing both."""
    zaaktype, iot, besluittype = build_zaaktype_met_documenten(system, catalogus)
    return {"iot": f"{CATALOGI}/informatieobjecttypen/{iot.pk}", "besluittype": f"{CATALOGI}/besluittypen/{besluittype.pk}",
            "zaaktype": f"{CATALOGI}/zaaktypen/{zaaktype.pk}", "zaaktype_obj": zaaktype}


def create_zaak(api, types) -> dict:
    response = api.post(f"{ZRC}/zaken", {
        "bronorganisatie": "517439943", "verantwoordelijkeOrganisatie": "517439943", "zaaktype": types["zaaktype"],
        "startdatum": "2024-03-01"})
    assert response.status_code == 201, response.json()
    return response.json()


def create_document(api, types, **extra) -> dict:
    response = api.post(f"{DRC}/enkelvoudiginformatieobjecten", {
        "bronorganisatie": "517439943", "creatiedatum": "2024-03-01", "titel": "aanvraag", "auteur": "burger",
        "taal": "nld", "inhoud": base64.b64encode(b"%PDF-1.7 ...").decode(), "bestandsnaam": "aanvraag.pdf",
        "informatieobjecttype": types["iot"], **extra})
    assert response.status_code == 201, response.json()
    return response.json()


def relate(api, zaak: dict, document: dict) -> dict:
    response = api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert response.status_code == 201, response.json()
    return response.json()


def oios(api, **params) -> list[dict]:
    response = api.get(f"{DRC}/objectinformatieobjecten", params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_zrc_005_a_zio_is_mirrored_as_an_objectinformatieobject_and_removed_with_it(api, types):
    zaak, document = create_zaak(api, types), create_document(api, types)
    zio = relate(api, zaak, document)
    mirrored = oios(api, object=zaak["url"])
    assert [(o["informatieobject"], o["objectType"]) for o in mirrored] == [(document["url"], "zaak")]
    # drc-003: the client cannot make it a second time
    again = api.post(f"{DRC}/objectinformatieobjecten", {"informatieobject": document["url"], "object": zaak["url"],
                                                           "objectType": "zaak"})
    assert again.status_code == 400 and again.json()["invalidParams"][0]["code"] == "unique"
    # drc-008: the document cannot be deleted while it is related
    refused = api.delete(document["url"])
    assert refused.status_code == 400 and refused.json()["invalidParams"][0]["code"] == "pending-relations"
    assert api.delete(zio["url"]).status_code == 204
    assert oios(api, object=zaak["url"]) == []
    assert api.delete(document["url"]).status_code == 204


def test_zrc_023_deleting_a_zaak_removes_the_mirrored_relations(api, types):
    zaak, document = create_zaak(api, types), create_document(api, types)
    relate(api, zaak, document)
    assert ObjectInformatieObject.objects.count() == 1
    assert api.delete(zaak["url"]).status_code == 204
    assert not ObjectInformatieObject.objects.exists()
    assert EnkelvoudigInformatieObject.objects.filter(pk=document["url"].rsplit("/", 1)[-1]).exists()  # it stays


def test_zrc_022_a_zaak_is_archived_only_when_its_own_documents_are(api, types):
    zaak, document = create_zaak(api, types), create_document(api, types)
    relate(api, zaak, document)
    archive = {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen", "archiefactiedatum": "2030-01-01"}
    refused = api.patch(zaak["url"], archive)
    assert refused.status_code == 400
    assert ("archiefstatus", "documents-not-archived") in [(p["name"], p["code"]) for p in refused.json()["invalidParams"]]
    lock = api.post(f"{document['url']}/lock").json()["lock"]
    assert api.patch(document["url"], {"status": "gearchiveerd", "lock": lock}).status_code == 200
    assert api.patch(zaak["url"], archive).status_code == 200


def test_closing_a_zaak_needs_indicatie_gebruiksrecht_on_its_documents(api, types):
    zaak, document = create_zaak(api, types), create_document(api, types)
    relate(api, zaak, document)
    statustypen = [st.pk for st in types["zaaktype_obj"].statustypen.order_by("volgnummer")]
    resultaattype = types["zaaktype_obj"].resultaattypen.order_by("omschrijving").last()
    assert api.post(f"{ZRC}/resultaten", {"zaak": zaak["url"],
                                          "resultaattype": f"{CATALOGI}/resultaattypen/{resultaattype.pk}"}
                    ).status_code == 201
    eind = {"zaak": zaak["url"], "statustype": f"{CATALOGI}/statustypen/{statustypen[-1]}",
            "datumStatusGezet": "2024-04-01T10:00:00Z"}
    refused = api.post(f"{ZRC}/statussen", eind)
    assert refused.status_code == 400, refused.json()
    assert [p["code"] for p in refused.json()["invalidParams"]] == ["indicatiegebruiksrecht-unset"]
    assert not Zaak.objects.get(pk=zaak["uuid"]).einddatum
    # a gebruiksrecht sets indicatieGebruiksrecht (drc-006): now the zaak closes
    assert api.post(f"{DRC}/gebruiksrechten", {"informatieobject": document["url"], "startdatum": "2024-03-01T00:00:00Z",
                                                "omschrijvingVoorwaarden": "geen"}).status_code == 201
    assert api.get(document["url"]).json()["indicatieGebruiksrecht"] is True
    closed = api.post(f"{ZRC}/statussen", eind)
    assert closed.status_code == 201, closed.json()
    assert Zaak.objects.get(pk=zaak["uuid"]).einddatum == dt.date(2024, 4, 1)


def test_brc_005_006_009_a_besluit_of_a_zaak_with_a_document(api, types):
    zaak, document = create_zaak(api, types), create_document(api, types)
    response = api.post(f"{BRC}/besluiten", {"verantwoordelijkeOrganisatie": "517439943", "besluittype": types["besluittype"],
                                            "zaak": zaak["url"], "datum": "2024-03-10", "ingangsdatum": "2024-03-11"})
    assert response.status_code == 201, response.json()
    besluit = response.json()
    # brc-006: it appears under the zaak
    listed = api.get(f"{zaak['url']}/besluiten").json()
    assert [b["besluit"] for b in listed] == [besluit["url"]]
    bio = api.post(f"{BRC}/besluitinformatieobjecten", {"besluit": besluit["url"], "informatieobject": document["url"]})
    assert bio.status_code == 201, bio.json()
    # brc-005: mirrored in the Documenten register
    assert [(o["object"], o["objectType"]) for o in oios(api, informatieobject=document["url"])] == [
        (besluit["url"], "besluit")]
    # zrc-023: a zaak with besluiten is not deleted
    assert api.delete(zaak["url"]).status_code == 409
    # brc-009: deleting the besluit removes its relations on every side
    assert api.delete(besluit["url"]).status_code == 204
    assert oios(api, informatieobject=document["url"]) == []
    assert not ZaakBesluit.objects.exists()
    assert api.delete(zaak["url"]).status_code == 204


def test_expand_across_registers_without_n_plus_one(api, types):
    """zaak -> zaakinformatieobjecten -> informatieobject (Documenten) -> informatieobjecttype
    (Catalogi): a list page in a number of queries independent of the number of zaken."""

    def make(n: int):
        for _ in range(n):
            zaak, document = create_zaak(api, types), create_document(api, types)
            relate(api, zaak, document)

    expand = "zaakinformatieobjecten.informatieobject.informatieobjecttype"

    def count() -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{ZRC}/zaken", {"expand": expand})
        assert response.status_code == 200, response.json()
        return len(queries), response.json()

    make(2)
    few, page = count()
    first = page["results"][0]["_expand"]["zaakinformatieobjecten"][0]["_expand"]["informatieobject"]
    assert first["url"].startswith(f"{DRC}/enkelvoudiginformatieobjecten/")
    assert first["_expand"]["informatieobjecttype"]["url"] == types["iot"]
    make(6)
    many, page = count()
    assert page["count"] == 8
    assert many == few, f"{few} queries for 2 zaken, {many} for 8"
