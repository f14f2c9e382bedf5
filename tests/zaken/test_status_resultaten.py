"""``/resultaten`` over HTTP: create, retrieve, HEAD/ETag, PUT, PATCH, DELETE, list filters,
expand, zrc-020, one resultaat per zaak, immutable resultaattype, scopes per zaaktype, and a
closed zaak (zrc-007e/k) including the archive values derived there (zrc-021)."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Resultaat

from .conftest import BASE, ROOT, build_zaaktype
from .test_status_support import (catalogi_url, close_zaak, codes, make_zaak, post_resultaat, resultaat_url,
                                  resultaattype, zaak_url, zrc)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


@pytest.fixture
def created(api, zaak, zaaktype):
    response = post_resultaat(api, zaak, resultaattype(zaaktype), toelichting="Vergunning verleend")
    assert response.status_code == 201
    return response.json()


def test_create_resultaat(api, zaak, zaaktype, created):
    resultaat = Resultaat.objects.get()
    assert created == {
        "url": resultaat_url(resultaat), "uuid": str(resultaat.pk), "zaak": zaak_url(zaak),
        "resultaattype": catalogi_url("resultaattypen", resultaattype(zaaktype)), "toelichting": "Vergunning verleend",
    }
    entry = AuditTrail.objects.get(resource="resultaat")
    assert (entry.actie, entry.resultaat, entry.hoofd_object, entry.oud, entry.nieuw) == (
        "create", 201, zaak_url(zaak), None, created)
    assert OutboxMessage.objects.filter(resource="resultaat", actie="create", resource_url=created["url"]).exists()
    # an open zaak: no archive values yet
    zaak.refresh_from_db()
    assert (zaak.archiefnominatie, zaak.archiefactiedatum) == ("", None)


def test_zrc_020_resultaattype_of_another_zaaktype_is_refused(api, zaak, catalogus, system):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    response = post_resultaat(api, zaak, resultaattype(other))
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "zaaktype-mismatch")]
    assert not Resultaat.objects.exists() and not AuditTrail.objects.filter(resource="resultaat").exists()


def test_a_zaak_has_one_resultaat(api, zaak, zaaktype, created):
    response = post_resultaat(api, zaak, resultaattype(zaaktype, "Geweigerd"))
    assert response.status_code == 400
    assert codes(response) == [("zaak", "unique")]
    assert Resultaat.objects.count() == 1


@pytest.mark.parametrize("body, expected", [
    ({}, ("zaak", "required")),
    ({"zaak": "x", "resultaattype": "y", "toelichting": 5}, ("toelichting", "invalid")),
    ({"zaak": "geen-url", "resultaattype": f"{BASE}/catalogi/api/v1/resultaattypen/x"}, ("zaak", "invalid")),
])
def test_bad_input(api, body, expected):
    response = api.post(f"{ROOT}/resultaten", body)
    assert response.status_code == 400
    assert codes(response)[0] == expected
    assert not Resultaat.objects.exists()


def test_unknown_resultaattype_url(api, zaak):
    unknown = f"{BASE}/catalogi/api/v1/resultaattypen/00000000-0000-4000-8000-000000000000"
    response = api.post(f"{ROOT}/resultaten", {"zaak": zaak_url(zaak), "resultaattype": unknown})
    assert codes(response) == [("resultaattype", "bad-url")]


def test_retrieve_head_etag(api, created):
    response = api.get(created["url"])
    assert response.status_code == 200 and response.json() == created
    assert api.head(created["url"])["ETag"] == response["ETag"]
    assert api.get(created["url"], headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_put_and_patch_change_the_toelichting(api, zaak, zaaktype, created):
    body = {"zaak": zaak_url(zaak), "resultaattype": created["resultaattype"], "toelichting": "anders"}
    response = api.put(created["url"], body)
    assert response.status_code == 200 and response.json()["toelichting"] == "anders"
    response = api.patch(created["url"], {"toelichting": "nog anders"})
    assert response.status_code == 200 and response.json()["toelichting"] == "nog anders"
    # PUT replaces the whole resource: an omitted toelichting is empty
    response = api.put(created["url"], {"zaak": zaak_url(zaak), "resultaattype": created["resultaattype"]})
    assert response.json()["toelichting"] == ""
    actions = list(AuditTrail.objects.filter(resource="resultaat").order_by("aanmaakdatum")
                   .values_list("actie", flat=True))
    assert actions == ["create", "update", "partial_update", "update"]
    patch = AuditTrail.objects.get(resource="resultaat", actie="partial_update")
    assert patch.oud["toelichting"] == "anders" and patch.nieuw["toelichting"] == "nog anders"


def test_put_needs_the_required_fields(api, created):
    response = api.put(created["url"], {"toelichting": "x"})
    assert response.status_code == 400 and codes(response)[0] == ("zaak", "required")


def test_resultaattype_and_zaak_cannot_change(api, zaak, zaaktype, created):
    response = api.patch(created["url"], {"resultaattype": catalogi_url("resultaattypen",
                                                                          resultaattype(zaaktype, "Geweigerd"))})
    assert response.status_code == 400 and codes(response) == [("resultaattype", "wijzigen-niet-toegelaten")]
    other = make_zaak(zaaktype)
    response = api.patch(created["url"], {"zaak": zaak_url(other)})
    assert response.status_code == 400 and codes(response) == [("zaak", "wijzigen-niet-toegelaten")]
    # sending the same values is fine (the conformance suite does)
    same = {"zaak": zaak_url(zaak), "resultaattype": created["resultaattype"]}
    assert api.patch(created["url"], same).status_code == 200
    assert Resultaat.objects.get().resultaattype == resultaattype(zaaktype)


def test_delete(api, zaak, created):
    assert api.delete(created["url"]).status_code == 204
    assert not Resultaat.objects.exists()
    entry = AuditTrail.objects.get(resource="resultaat", actie="destroy")
    assert entry.oud == created and entry.nieuw is None and entry.resultaat == 204
    assert OutboxMessage.objects.filter(resource="resultaat", actie="destroy").exists()
    assert api.get(created["url"]).status_code == 404


def test_list_filters_and_expand(api, zaaktype):
    zaak_a, zaak_b = make_zaak(zaaktype), make_zaak(zaaktype)
    a = post_resultaat(api, zaak_a, resultaattype(zaaktype, "Verleend")).json()
    b = post_resultaat(api, zaak_b, resultaattype(zaaktype, "Geweigerd")).json()

    def urls(**params):
        response = api.get(f"{ROOT}/resultaten", params)
        assert response.status_code == 200
        return {r["url"] for r in response.json()["results"]}

    assert urls() == {a["url"], b["url"]}
    assert urls(zaak=zaak_url(zaak_a)) == {a["url"]}
    assert urls(resultaattype=b["resultaattype"]) == {b["url"]}
    assert api.get(f"{ROOT}/resultaten", {"resultaattype": "geen-url"}).status_code == 400
    expanded = api.get(a["url"], {"expand": "resultaattype"}).json()["_expand"]["resultaattype"]
    assert expanded["url"] == a["resultaattype"] and expanded["omschrijving"] == "Verleend"
    listed = api.get(f"{ROOT}/resultaten", {"expand": "resultaattype", "zaak": zaak_url(zaak_b)}).json()
    assert listed["results"][0]["_expand"]["resultaattype"]["omschrijving"] == "Geweigerd"


# ---- scopes per zaaktype ---------------------------------------------------------------------------------


def test_writes_need_bijwerken_on_the_zaaktype(api, client_for, zaak, zaaktype, catalogus, system):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    elsewhere = client_for([zrc(other, "zaken.lezen", "zaken.bijwerken")])
    assert post_resultaat(elsewhere, zaak, resultaattype(zaaktype)).status_code == 403
    creator = client_for([zrc(zaaktype, "zaken.aanmaken", "zaken.lezen")])
    assert post_resultaat(creator, zaak, resultaattype(zaaktype)).status_code == 403
    assert not Resultaat.objects.exists()

    writer = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    created = post_resultaat(writer, zaak, resultaattype(zaaktype)).json()
    assert elsewhere.patch(created["url"], {"toelichting": "x"}).status_code == 403
    assert elsewhere.delete(created["url"]).status_code == 403
    assert elsewhere.get(created["url"]).status_code == 403
    assert writer.patch(created["url"], {"toelichting": "x"}).status_code == 200
    assert writer.delete(created["url"]).status_code == 204


# ---- a closed zaak (zrc-007e / zrc-007k) ------------------------------------------------------------------


@pytest.fixture
def closed(api, zaak):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    return zaak


def test_zrc_007e_resultaat_of_a_closed_zaak_needs_geforceerd_bijwerken(client_for, closed, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.aanmaken", "zaken.bijwerken")])
    existing = Resultaat.objects.get()
    url = resultaat_url(existing)
    # a second resultaat: the suite expects the 'unique' 400 before the closed-zaak 403
    response = post_resultaat(client, closed, resultaattype(zaaktype))
    assert response.status_code == 400 and codes(response) == [("zaak", "unique")]
    body = {"zaak": zaak_url(closed), "resultaattype": catalogi_url("resultaattypen", resultaattype(zaaktype))}
    for response in (client.put(url, body), client.patch(url, body), client.delete(url)):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Resultaat.objects.get().toelichting == ""
    existing.delete()
    assert post_resultaat(client, closed, resultaattype(zaaktype)).status_code == 403


def test_zrc_007k_with_geforceerd_bijwerken_a_closed_zaak_s_resultaat_changes(client_for, closed, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken")])
    url = resultaat_url(Resultaat.objects.get())
    assert client.delete(url).status_code == 204
    created = post_resultaat(client, closed, resultaattype(zaaktype)).json()
    body = {"zaak": zaak_url(closed), "resultaattype": created["resultaattype"], "toelichting": "some stuff"}
    assert client.put(created["url"], body).json()["toelichting"] == "some stuff"
    assert client.patch(created["url"], {**body, "toelichting": "more"}).json()["toelichting"] == "more"


def test_zrc_021_a_resultaat_set_on_a_closed_zaak_derives_the_empty_archive_values(api, closed, zaaktype):
    """"Wordt automatisch berekend bij het aanmaken of wijzigen van een RESULTAAT ... indien nog
    leeg": the Geweigerd resultaattype has archiefactietermijn P5Y."""
    Resultaat.objects.all().delete()
    closed.archiefnominatie, closed.archiefactiedatum = "", None
    closed.save(update_fields=["archiefnominatie", "archiefactiedatum"])
    assert post_resultaat(api, closed, resultaattype(zaaktype, "Geweigerd")).status_code == 201
    closed.refresh_from_db()
    assert (closed.archiefnominatie, closed.archiefactiedatum) == ("vernietigen", dt.date(2029, 4, 20))
    entry = AuditTrail.objects.filter(resource="zaak").latest("aanmaakdatum")
    assert entry.oud["archiefactiedatum"] is None and entry.nieuw["archiefactiedatum"] == "2029-04-20"

    # changing it fills only what is empty again
    closed.archiefactiedatum = None
    closed.save(update_fields=["archiefactiedatum"])
    url = resultaat_url(Resultaat.objects.get())
    assert api.patch(url, {"toelichting": "x"}).status_code == 200
    closed.refresh_from_db()
    assert closed.archiefactiedatum == dt.date(2029, 4, 20)
    # and keeps what is set
    closed.archiefactiedatum = dt.date(2040, 1, 1)
    closed.save(update_fields=["archiefactiedatum"])
    assert api.patch(url, {"toelichting": "y"}).status_code == 200
    closed.refresh_from_db()
    assert closed.archiefactiedatum == dt.date(2040, 1, 1)
