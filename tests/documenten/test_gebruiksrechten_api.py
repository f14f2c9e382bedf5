"""Documenten API 1.7.0 ``/gebruiksrechten``: drc-006 (indicatieGebruiksrecht follows the
gebruiksrechten), CRUD, filters, validation, authorisation through the document, audit trail and
notifications."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.documenten.models import EnkelvoudigInformatieObject, Gebruiksrecht

from ..conftest import BASE
from .test_gebruiksrechten_support import (  # noqa: F401 - fixtures
    ROOT,
    api,
    client_for,
    codes,
    document,
    document_url,
    iot,
    iot_url,
    make_document,
    notifications,
    other_iot,
    trail,
)

pytestmark = pytest.mark.django_db

LIST = f"{ROOT}/gebruiksrechten"
UTC = dt.timezone.utc


def body(document, **overrides) -> dict:
    # the body VNG's Postman collections send
    return {"informatieobject": document_url(document), "startdatum": "2019-01-01T12:00:00",
            "omschrijvingVoorwaarden": "test", **overrides}


def create(api, document, **overrides):
    response = api.post(LIST, body(document, **overrides))
    assert response.status_code == 201, response.json()
    return response.json()


def path_of(url: str) -> str:
    return url.removeprefix(BASE)


def indicatie(document) -> bool | None:
    return EnkelvoudigInformatieObject.objects.get(pk=document.pk).indicatie_gebruiksrecht


# ---- drc-006 ---------------------------------------------------------------------------------------------


def test_drc_006_creating_a_gebruiksrecht_sets_indicatie_gebruiksrecht_true(api, document):
    assert indicatie(document) is None
    create(api, document)
    assert indicatie(document) is True


def test_drc_006_creating_a_gebruiksrecht_turns_false_into_true(api, iot):
    document = make_document(iot, indicatie_gebruiksrecht=False)
    create(api, document)
    assert indicatie(document) is True


def test_drc_006_deleting_the_last_gebruiksrecht_sets_indicatie_gebruiksrecht_null(api, document):
    first = create(api, document)
    second = create(api, document, omschrijvingVoorwaarden="tweede")
    assert api.delete(path_of(first["url"])).status_code == 204
    assert indicatie(document) is True  # one left
    assert api.delete(path_of(second["url"])).status_code == 204
    assert indicatie(document) is None


def test_drc_006_other_documents_are_not_touched(api, iot):
    mine, other = make_document(iot), make_document(iot, identificatie="DOC-2", indicatie_gebruiksrecht=True)
    gebruiksrecht = create(api, mine)
    api.delete(path_of(gebruiksrecht["url"]))
    assert indicatie(mine) is None and indicatie(other) is True


def test_drc_006_a_failed_create_leaves_the_indicatie_alone(api, document):
    response = api.post(LIST, body(document, omschrijvingVoorwaarden=""))
    assert response.status_code == 400
    assert indicatie(document) is None and not Gebruiksrecht.objects.exists()


def test_drc_006_the_document_shows_the_indicatie(api, document):
    url = path_of(document_url(document))
    gebruiksrecht = create(api, document)
    assert api.get(url).json()["indicatieGebruiksrecht"] is True
    api.delete(path_of(gebruiksrecht["url"]))
    assert api.get(url).json()["indicatieGebruiksrecht"] is None


# ---- CRUD ------------------------------------------------------------------------------------------------


def test_create_answers_the_gebruiksrecht(api, document):
    response = api.post(LIST, body(document, einddatum="2019-06-01T00:00:00+02:00"))
    assert response.status_code == 201
    data = response.json()
    obj = Gebruiksrecht.objects.get()
    assert data == {
        "url": f"{BASE}{LIST}/{obj.pk}",
        "informatieobject": document_url(document),
        # a date-time without offset is Dutch time (CET in January)
        "startdatum": "2019-01-01T12:00:00+01:00",
        "einddatum": "2019-06-01T00:00:00+02:00",
        "omschrijvingVoorwaarden": "test",
    }
    assert response["Location"] == data["url"]
    assert obj.startdatum == dt.datetime(2019, 1, 1, 11, 0, tzinfo=UTC)
    assert obj.einddatum == dt.datetime(2019, 5, 31, 22, 0, tzinfo=UTC)


def test_retrieve_head_and_etag(api, document):
    url = path_of(create(api, document)["url"])
    response = api.get(url)
    assert response.status_code == 200 and response.json()["omschrijvingVoorwaarden"] == "test"
    assert response["API-version"] == "1.7.0"
    etag = response["ETag"]
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"] == etag and head.content == b""


def test_retrieve_unknown_is_404(api):
    assert api.get(f"{LIST}/6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11").status_code == 404


def test_update_puts_the_whole_gebruiksrecht(api, document):
    created = create(api, document, einddatum="2020-01-01T00:00:00Z")
    # the Postman collection's PUT: the POST body with another omschrijvingVoorwaarden
    response = api.put(path_of(created["url"]), body(document, omschrijvingVoorwaarden="aangepast"))
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["omschrijvingVoorwaarden"] == "aangepast"
    assert data["einddatum"] is None  # not sent in a PUT: no einddatum
    assert Gebruiksrecht.objects.get().omschrijving_voorwaarden == "aangepast"


def test_partial_update_changes_only_what_is_sent(api, document):
    created = create(api, document, einddatum="2020-01-01T00:00:00Z")
    response = api.patch(path_of(created["url"]), {"omschrijvingVoorwaarden": "aangepast2"})
    assert response.status_code == 200
    data = response.json()
    assert data["omschrijvingVoorwaarden"] == "aangepast2"
    assert data["startdatum"] == created["startdatum"] and data["einddatum"] == "2020-01-01T01:00:00+01:00"
    response = api.patch(path_of(created["url"]), {"einddatum": None})
    assert response.status_code == 200 and response.json()["einddatum"] is None


def test_delete(api, document):
    url = path_of(create(api, document)["url"])
    assert api.delete(url).status_code == 204
    assert not Gebruiksrecht.objects.exists()
    assert api.get(url).status_code == 404
    assert api.delete(url).status_code == 404


def test_gebruiksrechten_are_deleted_with_their_document(api, document):
    create(api, document)
    EnkelvoudigInformatieObject.objects.filter(pk=document.pk).delete()
    assert not Gebruiksrecht.objects.exists()


# ---- informatieobject -----------------------------------------------------------------------------------


def test_informatieobject_cannot_change_on_put(api, document, iot):
    other = make_document(iot, identificatie="DOC-2")
    created = create(api, document)
    response = api.put(path_of(created["url"]), body(other))
    assert response.status_code == 400 and codes(response) == [("informatieobject", "wijzigen-niet-toegelaten")]
    assert Gebruiksrecht.objects.get().informatieobject_id == document.pk


def test_informatieobject_cannot_change_on_patch(api, document, iot):
    other = make_document(iot, identificatie="DOC-2")
    created = create(api, document)
    for value in (document_url(other), "https://documenten.example/api/v1/enkelvoudiginformatieobjecten/1"):
        response = api.patch(path_of(created["url"]), {"informatieobject": value})
        assert response.status_code == 400
        assert codes(response) == [("informatieobject", "wijzigen-niet-toegelaten")]
    assert indicatie(other) is None


def test_informatieobject_must_be_a_document_of_this_register(api, document):
    cases = {
        "geen url": "invalid",
        "https://documenten.example/documenten/api/v1/enkelvoudiginformatieobjecten/"
        "6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11": "invalid-resource",
        f"{BASE}/catalogi/api/v1/informatieobjecttypen/6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11": "invalid-resource",
        f"{BASE}{ROOT}/enkelvoudiginformatieobjecten/6e8b3f8c-5a1d-4d5e-9a55-8d8f6d7f0c11": "bad-url",
    }
    for value, code in cases.items():
        response = api.post(LIST, body(document, informatieobject=value))
        assert response.status_code == 400, value
        assert codes(response) == [("informatieobject", code)], value
    assert not Gebruiksrecht.objects.exists()


# ---- validation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["informatieobject", "startdatum", "omschrijvingVoorwaarden"])
def test_required_fields(api, document, field):
    data = body(document)
    del data[field]
    response = api.post(LIST, data)
    assert response.status_code == 400 and codes(response) == [(field, "required")]


@pytest.mark.parametrize("data, expected", [
    ({"omschrijvingVoorwaarden": ""}, ("omschrijvingVoorwaarden", "blank")),
    ({"omschrijvingVoorwaarden": None}, ("omschrijvingVoorwaarden", "null")),
    ({"startdatum": "gisteren"}, ("startdatum", "invalid")),
    ({"startdatum": None}, ("startdatum", "null")),
    ({"einddatum": "2019-13-01T00:00:00"}, ("einddatum", "invalid")),
    ({"startdatum": "0001-01-01T00:00:00+05:00"}, ("startdatum", "invalid")),
])
def test_invalid_values_are_400(api, document, data, expected):
    response = api.post(LIST, body(document, **data))
    assert response.status_code == 400 and codes(response) == [expected]
    assert not Gebruiksrecht.objects.exists() and not AuditTrail.objects.filter(resource="gebruiksrechten").exists()


def test_whitespace_only_omschrijving_is_blank(api, document):
    response = api.post(LIST, body(document, omschrijvingVoorwaarden="   "))
    assert response.status_code == 400 and codes(response) == [("omschrijvingVoorwaarden", "blank")]


def test_bad_json_and_a_list_body_are_400(api):
    response = api.post(LIST, "{niet json", content_type="application/json")
    assert response.status_code == 400 and codes(response)[0][1] == "parse_error"
    response = api.post(LIST, [1, 2])
    assert response.status_code == 400


def test_patch_with_an_empty_omschrijving_is_400_and_changes_nothing(api, document):
    created = create(api, document)
    response = api.patch(path_of(created["url"]), {"omschrijvingVoorwaarden": ""})
    assert response.status_code == 400
    assert Gebruiksrecht.objects.get().omschrijving_voorwaarden == "test"


# ---- filters ---------------------------------------------------------------------------------------------


def test_list_is_a_plain_array(api, document):
    create(api, document)
    response = api.get(LIST)
    assert response.status_code == 200 and isinstance(response.json(), list) and len(response.json()) == 1


def test_filter_informatieobject(api, document, iot):
    other = make_document(iot, identificatie="DOC-2")
    mine = create(api, document)
    create(api, other)
    response = api.get(LIST, {"informatieobject": document_url(document)})
    assert [g["url"] for g in response.json()] == [mine["url"]]


def test_filter_informatieobject_of_a_deleted_document_is_an_empty_list(api, document):
    # drc-008b in VNG's collection: after deleting a document, its gebruiksrechten are gone
    url = document_url(document)
    create(api, document)
    EnkelvoudigInformatieObject.objects.filter(pk=document.pk).delete()
    response = api.get(LIST, {"informatieobject": url})
    assert response.status_code == 200 and response.json() == []


def test_the_postman_collection_filter_query(api, document):
    # startdatum 2019-01-02 12:00 and einddatum 2019-01-02 12:00 fall inside every bound of the query
    inside = create(api, document, startdatum="2019-01-02T12:00:00", einddatum="2019-01-02T12:00:00")
    create(api, document, startdatum="2019-01-04T12:00:00", einddatum="2019-01-05T12:00:00")
    query = {"informatieobject": document_url(document)}
    for name in ("startdatum", "einddatum"):
        query.update({f"{name}__lt": "2019-01-03T12:00:00", f"{name}__lte": "2019-01-03T12:00:00",
                      f"{name}__gt": "2019-01-01T12:00:00", f"{name}__gte": "2019-01-01T12:00:00"})
    response = api.get(LIST, query)
    assert response.status_code == 200
    assert [g["url"] for g in response.json()] == [inside["url"]]


@pytest.mark.parametrize("name, value, expected", [
    ("startdatum__lt", "2019-01-01T12:00:00", 0),  # 12:00 Dutch time is not before itself
    ("startdatum__lte", "2019-01-01T12:00:00", 1),
    ("startdatum__lte", "2019-01-01T11:00:00Z", 1),  # the same moment in UTC
    ("startdatum__gt", "2019-01-01T10:59:59Z", 1),
    ("startdatum__gte", "2019-01-01T12:00:01+01:00", 0),
    ("einddatum__lt", "2030-01-01T00:00:00", 0),  # no einddatum: never matches a bound
    ("einddatum__gte", "2000-01-01", 0),
])
def test_date_time_filters(api, document, name, value, expected):
    create(api, document)
    response = api.get(LIST, {name: value})
    assert response.status_code == 200 and len(response.json()) == expected


@pytest.mark.parametrize("query, name", [
    ({"startdatum__lt": "morgen"}, "startdatum__lt"),
    ({"einddatum__gte": "2019-02-30"}, "einddatum__gte"),
    ({"informatieobject": "geen-url"}, "informatieobject"),
    ({"startdatum": "2019-01-01"}, "nonFieldErrors"),  # not a filter of this list
    ({"onbekend": "x"}, "nonFieldErrors"),
])
def test_bad_filters_are_400(api, query, name):
    response = api.get(LIST, query)
    assert response.status_code == 400 and codes(response)[0][0] == name


# ---- authorisation ---------------------------------------------------------------------------------------


def test_lists_show_only_what_the_client_may_read(client_for, api, iot, other_iot):
    readable = make_document(iot)
    secret = make_document(iot, identificatie="DOC-GEHEIM", vertrouwelijkheid="geheim")
    elsewhere = make_document(other_iot, identificatie="DOC-3")
    mine = create(api, readable)
    for other in (secret, elsewhere):
        create(api, other)
    client = client_for(["documenten.lezen"], [iot], max_vertrouwelijkheid="vertrouwelijk")
    response = client.get(LIST)
    assert response.status_code == 200 and [g["url"] for g in response.json()] == [mine["url"]]


def test_detail_outside_the_clients_rights_is_403(client_for, api, iot, other_iot):
    elsewhere = create(api, make_document(other_iot))
    client = client_for(["documenten.lezen"], [iot])
    assert client.get(path_of(elsewhere["url"])).status_code == 403


def test_without_the_scope_of_the_operation_it_is_403(client_for, api, document, iot):
    created = create(api, document)
    reader = client_for(["documenten.lezen"], [iot])
    assert reader.post(LIST, body(document)).status_code == 403
    assert reader.patch(path_of(created["url"]), {"omschrijvingVoorwaarden": "x"}).status_code == 403
    assert reader.delete(path_of(created["url"])).status_code == 403
    nobody = client_for(["documenten.aanmaken"], [iot])
    assert nobody.get(LIST).status_code == 403
    assert Gebruiksrecht.objects.count() == 1


def test_create_needs_aanmaken_on_the_documents_type(client_for, iot, other_iot):
    client = client_for(["documenten.aanmaken"], [iot])
    allowed, elsewhere = make_document(iot), make_document(other_iot, identificatie="DOC-2")
    assert client.post(LIST, body(allowed)).status_code == 201
    response = client.post(LIST, body(elsewhere))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert indicatie(elsewhere) is None


def test_create_is_refused_above_the_max_vertrouwelijkheid(client_for, iot):
    client = client_for(["documenten.aanmaken"], [iot], max_vertrouwelijkheid="intern")
    document = make_document(iot, vertrouwelijkheid="geheim")
    assert client.post(LIST, body(document)).status_code == 403


def test_bijwerken_and_verwijderen_scopes(client_for, api, document, iot):
    created = create(api, document)
    writer = client_for(["documenten.bijwerken"], [iot])
    assert writer.patch(path_of(created["url"]), {"omschrijvingVoorwaarden": "x"}).status_code == 200
    assert writer.delete(path_of(created["url"])).status_code == 403
    remover = client_for(["documenten.verwijderen"], [iot])
    assert remover.delete(path_of(created["url"])).status_code == 204


def test_without_a_token_it_is_401(document):
    from ..conftest import ApiClient

    response = ApiClient().get(LIST)
    assert response.status_code == 401, response.json()


# ---- audit trail and notifications -----------------------------------------------------------------------


def test_changes_are_in_the_documents_audit_trail(api, document):
    created = create(api, document)
    api.patch(path_of(created["url"]), {"omschrijvingVoorwaarden": "aangepast"})
    api.delete(path_of(created["url"]))
    entries = trail(document, "gebruiksrechten")
    assert [(e.actie, e.resultaat) for e in entries] == [("create", 201), ("partial_update", 200), ("destroy", 204)]
    for entry in entries:
        assert entry.bron == "drc" and entry.resource == "gebruiksrechten"
        assert entry.hoofd_object == document_url(document) and entry.resource_url == created["url"]
        assert entry.toelichting == "test"
    assert entries[0].oud is None and entries[0].nieuw == created
    assert entries[1].oud == created and entries[1].nieuw["omschrijvingVoorwaarden"] == "aangepast"
    assert entries[2].nieuw is None


def test_changes_are_notified_on_kanaal_documenten(api, document, iot):
    created = create(api, document)
    api.put(path_of(created["url"]), body(document, omschrijvingVoorwaarden="aangepast"))
    api.delete(path_of(created["url"]))
    messages = notifications("gebruiksrechten")
    assert [m.actie for m in messages] == ["create", "update", "destroy"]
    for message in messages:
        assert message.hoofd_object == document_url(document) and message.resource_url == created["url"]
        assert message.kenmerken == {"bronorganisatie": "000000000", "informatieobjecttype": iot_url(iot),
                                     "vertrouwelijkheidaanduiding": "openbaar"}


def test_a_refused_change_records_nothing(api, document):
    created = create(api, document)
    before = (AuditTrail.objects.count(), OutboxMessage.objects.count())
    api.patch(path_of(created["url"]), {"startdatum": "nooit"})
    api.put(path_of(created["url"]), {"omschrijvingVoorwaarden": "x"})
    assert (AuditTrail.objects.count(), OutboxMessage.objects.count()) == before


# ---- expand ----------------------------------------------------------------------------------------------


def test_expand_informatieobject(api, document):
    created = create(api, document)
    document_json = api.get(path_of(document_url(document))).json()
    listed = api.get(LIST, {"expand": "informatieobject"}).json()
    assert listed[0]["_expand"]["informatieobject"] == document_json
    detail = api.get(path_of(created["url"]), {"expand": "informatieobject"}).json()
    assert detail["_expand"]["informatieobject"] == document_json
    assert api.get(path_of(created["url"]), {"expand": "zaak"}).status_code == 404
    assert api.get(LIST, {"expand": "zaak"}).status_code == 400


# ---- constant number of queries --------------------------------------------------------------------------


def test_the_list_answers_in_a_constant_number_of_queries(client_for, api, iot, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(["documenten.lezen"], [iot])
    create(api, make_document(iot))
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(LIST).json()) == 1
    single = len(one.captured_queries)  # read now: a new request starts a new query log
    assert single
    for n in range(2, 7):
        create(api, make_document(iot, identificatie=f"DOC-{n}"))
    with django_assert_max_num_queries(single):
        assert len(client.get(LIST).json()) == 6


# ---- with the document's own endpoints --------------------------------------------------------------------


def test_the_documents_audit_trail_endpoint_shows_the_gebruiksrechten(api, document):
    created = create(api, document)
    response = api.get(f"{path_of(document_url(document))}/audittrail")
    assert response.status_code == 200
    entries = [e for e in response.json() if e["resource"] == "gebruiksrechten"]
    assert [(e["actie"], e["resourceUrl"], e["hoofdObject"]) for e in entries] == [
        ("create", created["url"], document_url(document))]


def test_drc_008_deleting_the_document_deletes_its_gebruiksrechten(api, document):
    # VNG's drc-008b: afterwards the list filtered on the document is empty
    created = create(api, document)
    assert api.delete(path_of(document_url(document))).status_code == 204
    assert api.get(path_of(created["url"])).status_code == 404
    response = api.get(LIST, {"informatieobject": document_url(document)})
    assert response.status_code == 200 and response.json() == []
