"""Documenten API 1.7.0 ``/verzendingen``: every field incl. the three address groups, exactly one
address per verzending, ontvangstdatum for an afzender, CRUD, filters, pagination, validation,
authorisation through the document and the document's audit trail."""

from __future__ import annotations

import pytest
from django.test import override_settings

from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.documenten.models import EnkelvoudigInformatieObject, Verzending

from ..conftest import BASE
from .test_gebruiksrechten_support import (  # noqa: F401 - fixtures
    ROOT,
    api,
    client_for,
    codes,
    document,
    document_url,
    iot,
    make_document,
    other_iot,
    trail,
)

pytestmark = pytest.mark.django_db

LIST = f"{ROOT}/verzendingen"

BINNENLANDS = {"huisletter": "A", "huisnummer": 10, "huisnummerToevoeging": "bis", "naamOpenbareRuimte": "Dam",
               "postcode": "1012JS", "woonplaatsnaam": "Amsterdam"}
BUITENLANDS = {"adresBuitenland1": "19 Flower street", "adresBuitenland2": "Fairytown",
               "landPostadres": "https://landen.example/api/v1/landen/6030"}
POSTADRES = {"postBusOfAntwoordnummer": 1234, "postadresPostcode": "1000AA", "postadresType": "postbusnummer",
             "woonplaatsnaam": "Amsterdam"}


def body(document, **overrides) -> dict:
    return {"betrokkene": "https://klanten.example/api/v1/klanten/1", "informatieobject": document_url(document),
            "aardRelatie": "geadresseerde", "toelichting": "Besluit verzonden", "verzenddatum": "2024-03-01",
            "contactPersoon": "https://medewerkers.example/api/v1/medewerkers/7",
            "contactpersoonnaam": "J. Jansen", "binnenlandsCorrespondentieadres": BINNENLANDS, **overrides}


def create(api, document, **overrides) -> dict:
    response = api.post(LIST, body(document, **overrides))
    assert response.status_code == 201, response.json()
    return response.json()


def path_of(url: str) -> str:
    return url.removeprefix(BASE)


# ---- CRUD ------------------------------------------------------------------------------------------------


def test_create_answers_every_field(api, document):
    response = api.post(LIST, body(document, telefoonnummer="0201234567"))
    assert response.status_code == 201
    obj = Verzending.objects.get()
    assert response.json() == {
        "url": f"{BASE}{LIST}/{obj.pk}",
        "betrokkene": "https://klanten.example/api/v1/klanten/1",
        "informatieobject": document_url(document),
        "aardRelatie": "geadresseerde",
        "toelichting": "Besluit verzonden",
        "ontvangstdatum": None,
        "verzenddatum": "2024-03-01",
        "contactPersoon": "https://medewerkers.example/api/v1/medewerkers/7",
        "contactpersoonnaam": "J. Jansen",
        "binnenlandsCorrespondentieadres": BINNENLANDS,
        "buitenlandsCorrespondentieadres": None,
        "correspondentiePostadres": None,
        "faxnummer": None,
        "emailadres": None,
        "mijnOverheid": False,
        "telefoonnummer": "0201234567",
    }
    assert response["Location"] == response.json()["url"]


def test_each_address_variant_on_its_own(api, document):
    variants = [
        {"binnenlandsCorrespondentieadres": {"huisnummer": 1, "naamOpenbareRuimte": "Dam",
                                             "woonplaatsnaam": "Amsterdam"}},
        {"buitenlandsCorrespondentieadres": BUITENLANDS},
        {"correspondentiePostadres": POSTADRES},
        {"emailadres": "burger@example.org"},
        {"faxnummer": "0201234567"},
        {"mijnOverheid": True},
    ]
    for variant in variants:
        data = body(document, **{"binnenlandsCorrespondentieadres": None, **variant})
        response = api.post(LIST, data)
        assert response.status_code == 201, (variant, response.json())
    answers = [v["url"] for v in api.get(LIST).json()["results"]]
    assert len(answers) == 6
    detail = api.get(path_of(create(api, document, binnenlandsCorrespondentieadres=None,
                                    buitenlandsCorrespondentieadres=BUITENLANDS)["url"])).json()
    # optional properties of a present group are shown, empty
    assert detail["buitenlandsCorrespondentieadres"] == {**BUITENLANDS, "adresBuitenland3": ""}
    short = create(api, document, binnenlandsCorrespondentieadres={"huisnummer": 1, "naamOpenbareRuimte": "Dam",
                                                                     "woonplaatsnaam": "Amsterdam"})
    assert short["binnenlandsCorrespondentieadres"] == {"huisletter": "", "huisnummer": 1, "huisnummerToevoeging": "",
                                                        "naamOpenbareRuimte": "Dam", "postcode": "",
                                                        "woonplaatsnaam": "Amsterdam"}


def test_retrieve_head_and_etag(api, document):
    url = path_of(create(api, document)["url"])
    response = api.get(url)
    assert response.status_code == 200 and response.json()["aardRelatie"] == "geadresseerde"
    etag = response["ETag"]
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"] == etag and head.content == b""


def test_update_replaces_everything(api, document):
    created = create(api, document, telefoonnummer="0201234567")
    data = body(document, aardRelatie="afzender", ontvangstdatum="2024-02-01", binnenlandsCorrespondentieadres=None,
                correspondentiePostadres=POSTADRES)
    del data["toelichting"], data["verzenddatum"]
    response = api.put(path_of(created["url"]), data)
    assert response.status_code == 200, response.json()
    answer = response.json()
    assert answer["aardRelatie"] == "afzender" and answer["ontvangstdatum"] == "2024-02-01"
    assert answer["correspondentiePostadres"] == POSTADRES and answer["binnenlandsCorrespondentieadres"] is None
    # left out of the PUT: back to empty
    assert answer["toelichting"] == "" and answer["verzenddatum"] is None and answer["telefoonnummer"] is None


def test_put_needs_the_required_fields(api, document):
    created = create(api, document)
    data = body(document)
    del data["contactPersoon"]
    response = api.put(path_of(created["url"]), data)
    assert response.status_code == 400 and codes(response) == [("contactPersoon", "required")]


def test_partial_update(api, document):
    created = create(api, document)
    response = api.patch(path_of(created["url"]), {"toelichting": "nieuw"})
    assert response.status_code == 200 and response.json()["toelichting"] == "nieuw"
    assert response.json()["binnenlandsCorrespondentieadres"] == BINNENLANDS
    # the same kind of address, changed as a whole
    new = {**BINNENLANDS, "naamOpenbareRuimte": "Rokin"}
    response = api.patch(path_of(created["url"]), {"binnenlandsCorrespondentieadres": new})
    assert response.status_code == 200 and response.json()["binnenlandsCorrespondentieadres"] == new


def test_partial_update_switching_the_address_clears_the_old_one_in_the_same_request(api, document):
    created = create(api, document)
    url = path_of(created["url"])
    response = api.patch(url, {"emailadres": "burger@example.org"})
    assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "invalid-address")]
    response = api.patch(url, {"emailadres": "burger@example.org", "binnenlandsCorrespondentieadres": None})
    assert response.status_code == 200, response.json()
    assert response.json()["emailadres"] == "burger@example.org"
    assert response.json()["binnenlandsCorrespondentieadres"] is None
    response = api.patch(url, {"mijnOverheid": True, "emailadres": ""})  # "" is no address
    assert response.status_code == 200 and response.json()["emailadres"] is None


def test_the_informatieobject_may_change(api, document, iot):
    other = make_document(iot, identificatie="DOC-2")
    created = create(api, document)
    response = api.patch(path_of(created["url"]), {"informatieobject": document_url(other)})
    assert response.status_code == 200 and response.json()["informatieobject"] == document_url(other)
    assert Verzending.objects.get().informatieobject_id == other.pk
    # both documents' trails show the move
    assert [e.actie for e in trail(document, "verzending")] == ["create", "partial_update"]
    assert [e.actie for e in trail(other, "verzending")] == ["partial_update"]


def test_delete(api, document):
    url = path_of(create(api, document)["url"])
    assert api.delete(url).status_code == 204
    assert not Verzending.objects.exists() and api.get(url).status_code == 404


def test_verzendingen_are_deleted_with_their_document(api, document):
    create(api, document)
    EnkelvoudigInformatieObject.objects.filter(pk=document.pk).delete()
    assert not Verzending.objects.exists()


# ---- the address rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [
    {"mijnOverheid": True},
    {"emailadres": "burger@example.org"},
    {"faxnummer": "0201234567"},
    {"correspondentiePostadres": POSTADRES},
    {"buitenlandsCorrespondentieadres": BUITENLANDS},
])
def test_more_than_one_address_is_400(api, document, extra):
    response = api.post(LIST, body(document, **extra))
    assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "invalid-address")]
    assert not Verzending.objects.exists()


def test_no_address_is_400(api, document):
    for data in (body(document, binnenlandsCorrespondentieadres=None),
                 body(document, binnenlandsCorrespondentieadres=None, mijnOverheid=False, emailadres="",
                      telefoonnummer="0201234567")):
        response = api.post(LIST, data)
        assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "invalid-address")]


def test_an_afzender_needs_an_ontvangstdatum(api, document):
    response = api.post(LIST, body(document, aardRelatie="afzender"))
    assert response.status_code == 400 and codes(response) == [("ontvangstdatum", "required")]
    create(api, document, aardRelatie="afzender", ontvangstdatum="2024-02-28")
    created = create(api, document)
    response = api.patch(path_of(created["url"]), {"aardRelatie": "afzender"})
    assert response.status_code == 400 and codes(response) == [("ontvangstdatum", "required")]


# ---- validation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["betrokkene", "informatieobject", "aardRelatie", "contactPersoon"])
def test_required_fields(api, document, field):
    data = body(document)
    del data[field]
    response = api.post(LIST, data)
    assert response.status_code == 400 and codes(response) == [(field, "required")]


@pytest.mark.parametrize("overrides, expected", [
    ({"aardRelatie": "ontvanger"}, ("aardRelatie", "invalid_choice")),
    ({"betrokkene": "geen url"}, ("betrokkene", "invalid")),
    ({"betrokkene": ""}, ("betrokkene", "blank")),
    ({"betrokkene": "https://klanten.example/" + "x" * 200}, ("betrokkene", "max_length")),
    ({"contactPersoon": "ftp://medewerkers.example/7"}, ("contactPersoon", "invalid")),
    ({"toelichting": "x" * 201}, ("toelichting", "max_length")),
    ({"contactpersoonnaam": "x" * 41}, ("contactpersoonnaam", "max_length")),
    ({"verzenddatum": "2024-02-30"}, ("verzenddatum", "invalid")),
    ({"ontvangstdatum": "gisteren"}, ("ontvangstdatum", "invalid")),
    ({"telefoonnummer": "0" * 16}, ("telefoonnummer", "max_length")),
    ({"mijnOverheid": "ja"}, ("mijnOverheid", "invalid")),
    ({"binnenlandsCorrespondentieadres": {"huisnummer": 1, "woonplaatsnaam": "Amsterdam"}},
     ("binnenlandsCorrespondentieadres.naamOpenbareRuimte", "required")),
    ({"binnenlandsCorrespondentieadres": {**BINNENLANDS, "huisnummer": 0}},
     ("binnenlandsCorrespondentieadres.huisnummer", "invalid")),
    ({"binnenlandsCorrespondentieadres": {**BINNENLANDS, "huisnummer": 100000}},
     ("binnenlandsCorrespondentieadres.huisnummer", "invalid")),
    ({"binnenlandsCorrespondentieadres": {**BINNENLANDS, "huisletter": "AB"}},
     ("binnenlandsCorrespondentieadres.huisletter", "max_length")),
    ({"binnenlandsCorrespondentieadres": {**BINNENLANDS, "postcode": "1012 JSX"}},
     ("binnenlandsCorrespondentieadres.postcode", "max_length")),
    ({"binnenlandsCorrespondentieadres": "Dam 1"}, ("binnenlandsCorrespondentieadres", "invalid")),
    ({"binnenlandsCorrespondentieadres": None,
      "buitenlandsCorrespondentieadres": {"adresBuitenland2": "x", "landPostadres": "https://landen.example/1"}},
     ("buitenlandsCorrespondentieadres.adresBuitenland1", "required")),
    ({"binnenlandsCorrespondentieadres": None,
      "buitenlandsCorrespondentieadres": {**BUITENLANDS, "landPostadres": "Nederland"}},
     ("buitenlandsCorrespondentieadres.landPostadres", "invalid")),
    ({"binnenlandsCorrespondentieadres": None, "correspondentiePostadres": {**POSTADRES, "postadresType": "kluis"}},
     ("correspondentiePostadres.postadresType", "invalid_choice")),
    ({"binnenlandsCorrespondentieadres": None,
      "correspondentiePostadres": {**POSTADRES, "postBusOfAntwoordnummer": 10000}},
     ("correspondentiePostadres.postBusOfAntwoordnummer", "invalid")),
    ({"binnenlandsCorrespondentieadres": None,
      "correspondentiePostadres": {**POSTADRES, "postadresPostcode": "1234567"}},
     ("correspondentiePostadres.postadresPostcode", "max_length")),
])
def test_invalid_values_are_400(api, document, overrides, expected):
    response = api.post(LIST, body(document, **overrides))
    assert response.status_code == 400, response.json()
    assert codes(response) == [expected]
    assert not Verzending.objects.exists() and not AuditTrail.objects.filter(resource="verzending").exists()


def test_informatieobject_must_be_a_document_of_this_register(api, document):
    cases = {
        "geen url": "invalid",
        "https://documenten.example/documenten/api/v1/enkelvoudiginformatieobjecten/"
        "6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11": "invalid-resource",
        f"{BASE}{ROOT}/enkelvoudiginformatieobjecten/6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11": "bad-url",
    }
    for value, code in cases.items():
        response = api.post(LIST, body(document, informatieobject=value))
        assert response.status_code == 400 and codes(response) == [("informatieobject", code)], value
    created = create(api, document)
    response = api.patch(path_of(created["url"]), {"informatieobject": "geen url"})
    assert response.status_code == 400 and codes(response) == [("informatieobject", "invalid")]


# ---- filters and pagination ------------------------------------------------------------------------------


def test_filters(api, document, iot):
    other = make_document(iot, identificatie="DOC-2")
    mine = create(api, document)
    received = create(api, other, aardRelatie="afzender", ontvangstdatum="2024-01-05")
    someone = create(api, document, betrokkene="https://klanten.example/api/v1/klanten/2")

    def urls(query):
        response = api.get(LIST, query)
        assert response.status_code == 200, response.json()
        return sorted(v["url"] for v in response.json()["results"])

    assert urls({"aardRelatie": "afzender"}) == [received["url"]]
    assert urls({"informatieobject": document_url(document)}) == sorted([mine["url"], someone["url"]])
    assert urls({"betrokkene": "https://klanten.example/api/v1/klanten/2"}) == [someone["url"]]
    assert urls({"informatieobject": document_url(document), "aardRelatie": "afzender"}) == []
    assert urls({"informatieobject": "https://elders.example/documenten/api/v1/enkelvoudiginformatieobjecten/1"}) == []


@pytest.mark.parametrize("query, name", [
    ({"aardRelatie": "ontvanger"}, "aardRelatie"),
    ({"betrokkene": "geen url"}, "betrokkene"),
    ({"informatieobject": "geen url"}, "informatieobject"),
    ({"page": "0"}, "page"),
    ({"onbekend": "1"}, "nonFieldErrors"),
])
def test_bad_filters_are_400(api, query, name):
    response = api.get(LIST, query)
    assert response.status_code == 400 and codes(response)[0][0] == name


@override_settings(ZAAKWERK_PAGE_SIZE=2)
def test_the_list_is_paginated(api, document):
    for _ in range(3):
        create(api, document)
    first = api.get(LIST).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    assert first["next"] == f"{BASE}{LIST}?page=2"
    second = api.get(LIST, {"page": 2}).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {v["url"] for v in first["results"]}.isdisjoint(v["url"] for v in second["results"])


# ---- authorisation ---------------------------------------------------------------------------------------


def test_reading_is_limited_to_the_documents_the_client_may_read(client_for, api, iot, other_iot):
    readable = create(api, make_document(iot))
    create(api, make_document(other_iot, identificatie="DOC-2"))
    create(api, make_document(iot, identificatie="DOC-3", vertrouwelijkheid="zeer_geheim"))
    client = client_for(["documenten.lezen"], [iot], max_vertrouwelijkheid="geheim")
    response = client.get(LIST)
    assert response.status_code == 200 and [v["url"] for v in response.json()["results"]] == [readable["url"]]
    hidden = Verzending.objects.exclude(pk=readable["url"].rsplit("/", 1)[1]).first()
    assert client.get(f"{LIST}/{hidden.pk}").status_code == 403


def test_writing_needs_the_scope_on_the_documents_type(client_for, api, iot, other_iot):
    allowed, elsewhere = make_document(iot), make_document(other_iot, identificatie="DOC-2")
    creator = client_for(["documenten.aanmaken"], [iot])
    assert creator.post(LIST, body(allowed)).status_code == 201
    assert creator.post(LIST, body(elsewhere)).status_code == 403
    created = create(api, allowed)
    url = path_of(created["url"])
    assert creator.patch(url, {"toelichting": "x"}).status_code == 403
    assert creator.delete(url).status_code == 403
    writer = client_for(["documenten.bijwerken"], [iot])
    assert writer.patch(url, {"toelichting": "x"}).status_code == 200
    # moving it to a document the client may not change
    assert writer.patch(url, {"informatieobject": document_url(elsewhere)}).status_code == 403
    assert Verzending.objects.get(pk=url.rsplit("/", 1)[1]).informatieobject_id == allowed.pk
    remover = client_for(["documenten.verwijderen"], [iot])
    assert remover.delete(url).status_code == 204


# ---- audit trail -----------------------------------------------------------------------------------------


def test_changes_are_in_the_documents_audit_trail_without_notifications(api, document):
    created = create(api, document)
    api.put(path_of(created["url"]), body(document, toelichting="nieuw"))
    api.delete(path_of(created["url"]))
    entries = trail(document, "verzending")
    assert [(e.actie, e.resultaat) for e in entries] == [("create", 201), ("update", 200), ("destroy", 204)]
    assert all(e.hoofd_object == document_url(document) and e.resource_url == created["url"] for e in entries)
    assert entries[0].nieuw == created and entries[1].nieuw["toelichting"] == "nieuw" and entries[2].nieuw is None
    assert not OutboxMessage.objects.filter(resource="verzending").exists()


# ---- expand ----------------------------------------------------------------------------------------------


def test_expand_informatieobject(api, document):
    created = create(api, document)
    document_json = api.get(path_of(document_url(document))).json()
    listed = api.get(LIST, {"expand": "informatieobject"}).json()["results"]
    assert listed[0]["_expand"]["informatieobject"] == document_json
    detail = api.get(path_of(created["url"]), {"expand": "informatieobject"}).json()
    assert detail["_expand"]["informatieobject"] == document_json


def test_the_list_answers_in_a_constant_number_of_queries(client_for, api, iot, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(["documenten.lezen"], [iot])
    create(api, make_document(iot))
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).json()["count"] == 1
    single = len(one.captured_queries)  # read now: a new request starts a new query log
    assert single
    for n in range(2, 7):
        create(api, make_document(iot, identificatie=f"DOC-{n}"))
    with django_assert_max_num_queries(single):
        assert client.get(LIST).json()["count"] == 6
