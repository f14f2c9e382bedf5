"""Every operation of the zaak resource over HTTP: create, list, retrieve, HEAD/ETag, PUT, PATCH,
DELETE, the audit trail, notifications, Accept-Crs/Content-Crs, expand, fields (zrc-029) and bad
input."""

from __future__ import annotations

import json

import pytest

from zaakwerk.core.api import REGISTRY
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Zaak

from ..conftest import ApiClient, make_token, register_client
from .conftest import BASE, ROOT, zaak_body, zaaktype_url
from .test_zaak_helpers import invalid_params

ZAKEN = f"{ROOT}/zaken"

ZAAK_FIELDS = [
    "url", "uuid", "identificatie", "bronorganisatie", "omschrijving", "toelichting", "zaaktype", "registratiedatum",
    "verantwoordelijkeOrganisatie", "startdatum", "einddatum", "einddatumGepland", "uiterlijkeEinddatumAfdoening",
    "publicatiedatum", "communicatiekanaal", "productenOfDiensten", "vertrouwelijkheidaanduiding",
    "betalingsindicatie", "betalingsindicatieWeergave", "laatsteBetaaldatum", "zaakgeometrie", "verlenging",
    "opschorting", "selectielijstklasse", "hoofdzaak", "deelzaken", "relevanteAndereZaken", "eigenschappen",
    "rollen", "status", "zaakinformatieobjecten", "zaakobjecten", "kenmerken", "archiefnominatie",
    "archiefstatus", "archiefactiedatum", "resultaat", "opdrachtgevendeOrganisatie", "processobjectaard",
    "startdatumBewaartermijn", "processobject",
]
# optional, not nullable, format uri: a zaak without a value has no such property ("" is no URL)
LEFT_OUT_WHEN_EMPTY = ["communicatiekanaal", "selectielijstklasse"]


@pytest.fixture
def zaak(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, omschrijving="Dakkapel", kenmerken=[{"kenmerk": "k1", "bron": "b"}]))
    assert response.status_code == 201, response.content
    return response.json()


def test_field_set_is_exactly_the_1_7_0_zaak_plus_the_extension():
    """The 1.7.0 OAS's Zaak properties, in order (read from the spec), plus ``_zaakwerk``."""
    import yaml
    from django.conf import settings

    spec = yaml.safe_load((settings.SPECS_DIR / "standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml").read_text())
    assert list(spec["components"]["schemas"]["Zaak"]["properties"]) == ZAAK_FIELDS


def test_create(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, omschrijving="Dakkapel"), headers={"X-Audit-Toelichting": "intake"})
    assert response.status_code == 201
    body = response.json()
    assert list(body) == [name for name in ZAAK_FIELDS if name not in LEFT_OUT_WHEN_EMPTY] + ["_zaakwerk"]
    assert response["Location"] == body["url"] == f"{BASE}{ZAKEN}/{body['uuid']}"
    assert response["Content-Crs"] == "EPSG:4326"
    assert response["API-version"] == "1.7.0"
    assert body["omschrijving"] == "Dakkapel" and body["zaaktype"] == zaaktype_url(zaaktype)
    entry = AuditTrail.objects.get(bron="zrc")
    assert (entry.actie, entry.resource, entry.resultaat, entry.toelichting, entry.bron) == (
        "create", "zaak", 201, "intake", "zrc")
    assert entry.oud is None and entry.nieuw["identificatie"] == body["identificatie"]
    message = OutboxMessage.objects.get(kanaal="zaken")
    assert (message.kanaal, message.resource, message.actie, message.hoofd_object) == (
        "zaken", "zaak", "create", body["url"])
    assert message.kenmerken == {"bronorganisatie": "517439943", "zaaktype": zaaktype_url(zaaktype),
                                 "vertrouwelijkheidaanduiding": "zaakvertrouwelijk"}


def test_retrieve_head_and_etag(api, zaak):
    response = api.get(zaak["url"])
    assert response.status_code == 200
    assert response.json() == zaak
    assert response["Content-Crs"] == "EPSG:4326"
    etag = response["ETag"]
    head = api.head(zaak["url"])
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == etag
    assert api.get(zaak["url"], headers={"If-None-Match": etag}).status_code == 304
    api.patch(zaak["url"], {"omschrijving": "anders"})
    changed = api.get(zaak["url"], headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_retrieve_unknown_is_404(api, zaaktype):
    assert api.get(f"{ZAKEN}/00000000-0000-0000-0000-000000000000").status_code == 404


def test_update_needs_the_whole_body(api, zaak, zaaktype):
    response = api.put(zaak["url"], {"omschrijving": "alleen dit"})
    assert response.status_code == 400
    assert ("bronorganisatie", "required") in invalid_params(response)
    full = api.put(zaak["url"], zaak_body(zaaktype, omschrijving="geheel"))
    assert full.status_code == 200 and full.json()["omschrijving"] == "geheel"
    assert full.json()["kenmerken"] == [{"kenmerk": "k1", "bron": "b"}]  # not sent: unchanged
    entry = AuditTrail.objects.filter(actie="update").get()
    assert entry.oud["omschrijving"] == "Dakkapel" and entry.nieuw["omschrijving"] == "geheel"


def test_partial_update(api, zaak):
    response = api.patch(zaak["url"], {"toelichting": "meer", "kenmerken": []})
    assert response.status_code == 200
    assert response.json()["toelichting"] == "meer" and response.json()["kenmerken"] == []
    assert response.json()["omschrijving"] == "Dakkapel"
    assert OutboxMessage.objects.filter(actie="partial_update").count() == 1
    assert AuditTrail.objects.filter(actie="partial_update").get().nieuw["toelichting"] == "meer"


def test_laatste_betaaldatum_is_always_an_rfc_3339_date_time(api, zaak):
    """Dutch time, except before 1937 (local mean time +00:19:32 is no RFC 3339 offset): UTC."""
    assert api.patch(zaak["url"], {"laatsteBetaaldatum": "2024-03-01T09:00:00Z"}).json()[
        "laatsteBetaaldatum"] == "2024-03-01T10:00:00+01:00"
    assert api.patch(zaak["url"], {"laatsteBetaaldatum": "1900-01-01T12:00:00Z"}).json()[
        "laatsteBetaaldatum"] == "1900-01-01T12:00:00Z"


def test_empty_patch_changes_nothing(api, zaak):
    response = api.patch(zaak["url"], b"", content_type="application/json")
    assert response.status_code == 200 and response.json() == zaak


def test_destroy(api, zaak):
    response = api.delete(zaak["url"])
    assert response.status_code == 204
    assert api.get(zaak["url"]).status_code == 404
    assert not Zaak.objects.exists()
    assert OutboxMessage.objects.filter(actie="destroy", resource_url=zaak["url"]).count() == 1


def test_audittrail(api, zaak):
    api.patch(zaak["url"], {"omschrijving": "anders"})
    trail = api.get(f"{zaak['url']}/audittrail")
    assert trail.status_code == 200
    entries = trail.json()
    assert [e["actie"] for e in entries] == ["create", "partial_update"]
    assert entries[1]["wijzigingen"]["oud"]["omschrijving"] == "Dakkapel"
    assert entries[1]["hoofdObject"] == zaak["url"]
    one = api.get(f"{zaak['url']}/audittrail/{entries[0]['uuid']}")
    assert one.status_code == 200 and one.json()["actie"] == "create"


def test_list_is_paginated(api, zaak, settings):
    settings.ZAAKWERK_PAGE_SIZE = 1
    api.post(ZAKEN, zaak_body(zaak["zaaktype"]))
    page = api.get(ZAKEN).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"].endswith("page=2")
    assert api.get(ZAKEN, {"page": 2}).json()["previous"].endswith("page=1")
    assert api.get(ZAKEN, {"page": 0}).status_code == 400


# ---- Accept-Crs / Content-Crs ---------------------------------------------------------------------------


@pytest.fixture
def bare(db):
    """A client with every permission that sends no CRS headers."""
    register_client("zaken-bare", "bare-secret", all_permissions=True)
    return ApiClient(make_token("zaken-bare", "bare-secret"))


def test_crs_headers_are_required(bare, zaak, zaaktype):
    assert bare.get(ZAKEN).status_code == 412
    assert bare.get(zaak["url"]).status_code == 412
    assert bare.post(ZAKEN, zaak_body(zaaktype), headers={"Accept-Crs": "EPSG:4326"}).status_code == 412
    assert bare.patch(zaak["url"], {"omschrijving": "x"}, headers={"Content-Crs": "EPSG:4326"}).status_code == 412
    assert bare.post(f"{ZAKEN}/_zoek", {}, headers={"Content-Crs": "EPSG:4326"}).status_code == 412
    assert Zaak.objects.count() == 1


def test_other_crs_is_406_or_415(bare, zaak, zaaktype):
    assert bare.get(ZAKEN, headers={"Accept-Crs": "EPSG:28992"}).status_code == 406
    response = bare.post(ZAKEN, zaak_body(zaaktype), headers={"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:28992"})
    assert response.status_code == 415
    assert Zaak.objects.count() == 1
    assert bare.delete(zaak["url"]).status_code == 204  # DELETE needs no CRS header


# ---- expand -------------------------------------------------------------------------------------------------


def test_expand_zaaktype_and_nested_catalogus(api, zaak, zaaktype):
    response = api.get(ZAKEN, {"expand": "zaaktype,zaaktype.catalogus"})
    assert response.status_code == 200
    expanded = response.json()["results"][0]["_expand"]["zaaktype"]
    assert expanded["url"] == zaaktype_url(zaaktype) and expanded["omschrijving"] == "Aanvraag vergunning"
    assert expanded["_expand"]["catalogus"]["domein"] == "ZAAK"
    detail = api.get(zaak["url"], {"expand": "zaaktype.catalogus"})
    assert detail.json()["_expand"]["zaaktype"]["_expand"]["catalogus"]["rsin"] == "000000000"


def test_expand_hoofdzaak_deelzaken_relevante_andere_zaken(api, zaak, zaaktype):
    deel = api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=zaak["url"],
                                     relevanteAndereZaken=[{"url": zaak["url"], "aardRelatie": "vervolg"}])).json()
    hoofd = api.get(zaak["url"], {"expand": "deelzaken"}).json()
    assert [d["url"] for d in hoofd["_expand"]["deelzaken"]] == [deel["url"]]
    expanded = api.get(deel["url"], {"expand": "hoofdzaak,relevanteAndereZaken,hoofdzaak.zaaktype"}).json()["_expand"]
    assert expanded["hoofdzaak"]["url"] == zaak["url"]
    assert expanded["hoofdzaak"]["_expand"]["zaaktype"]["url"] == zaaktype_url(zaaktype)
    assert [r["url"] for r in expanded["relevanteAndereZaken"]] == [zaak["url"]]
    assert api.get(zaak["url"], {"expand": "hoofdzaak"}).json()["_expand"]["hoofdzaak"] is None


def test_unknown_expand_is_400_on_a_list_and_404_on_a_detail(api, zaak):
    response = api.get(ZAKEN, {"expand": "onzin"})
    assert response.status_code == 400 and invalid_params(response) == [("expand", "invalid-expand")]
    assert api.get(ZAKEN, {"expand": "zaaktype.onzin"}).status_code == 400
    assert api.get(zaak["url"], {"expand": "onzin"}).status_code == 404


def test_expand_of_a_resource_that_is_not_served_is_a_clean_400(api, zaak, monkeypatch):
    """Expansions whose target resource is not registered (another register built later) are
    declared but refused cleanly, never a KeyError (500)."""
    monkeypatch.delitem(REGISTRY, "zaken.rol", raising=False)
    response = api.get(ZAKEN, {"expand": "rollen"})
    assert response.status_code == 400 and invalid_params(response) == [("expand", "invalid-expand")]
    assert api.get(zaak["url"], {"expand": "rollen"}).status_code == 404
    zoek = api.post(f"{ZAKEN}/_zoek", {"fields": ["url", {"rollen": ["url"]}]})
    assert zoek.status_code == 400


def test_expand_status_is_served(api, zaak):
    assert "zaken.status" in REGISTRY
    response = api.get(ZAKEN, {"expand": "status"})
    assert response.status_code == 200
    assert response.json()["results"][0]["_expand"]["status"] is None


# ---- zrc-029: fields in _zoek ----------------------------------------------------------------------------


def test_zrc_029_fields(api, zaak, zaaktype):
    response = api.post(f"{ZAKEN}/_zoek", {"fields": ["url", "identificatie", {"zaaktype": ["omschrijving",
                                                                                            {"catalogus": ["domein"]}]}]})
    assert response.status_code == 200
    item = response.json()["results"][0]
    assert set(item) == {"url", "identificatie", "zaaktype", "_expand"}
    assert item["_expand"]["zaaktype"] == {"omschrijving": "Aanvraag vergunning", "catalogus": zaaktype_url(zaaktype)
                                           .replace(f"zaaktypen/{zaaktype.pk}", f"catalogussen/{zaaktype.catalogus_id}"),
                                           "_expand": {"catalogus": {"domein": "ZAAK"}}}
    everything = api.post(f"{ZAKEN}/_zoek", {"fields": ["*"]}).json()["results"][0]
    assert set(everything) == (set(ZAAK_FIELDS) - set(LEFT_OUT_WHEN_EMPTY)) | {"_zaakwerk"}


def test_zrc_029_fields_and_expand_are_mutually_exclusive(api, zaak):
    response = api.post(f"{ZAKEN}/_zoek", {"fields": ["url"], "expand": "zaaktype"})
    assert response.status_code == 400
    assert invalid_params(response) == [("nonFieldErrors", "fields-and-expand")]


# ---- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes, param", [
    ({"startdatum": 20240301}, ("startdatum", "invalid")),
    ({"startdatum": "1 maart"}, ("startdatum", "invalid")),
    ({"omschrijving": ["lijst"]}, ("omschrijving", "invalid")),
    ({"omschrijving": "x" * 81}, ("omschrijving", "max_length")),
    ({"productenOfDiensten": "https://producten.example/vergunning"}, ("productenOfDiensten", "invalid")),
    ({"betalingsindicatie": "misschien"}, ("betalingsindicatie", "invalid_choice")),
    ({"archiefstatus": "vernietigd"}, ("archiefstatus", "invalid_choice")),
    ({"laatsteBetaaldatum": "gisteren"}, ("laatsteBetaaldatum", "invalid")),
    ({"kenmerken": [{"kenmerk": "k"}]}, ("kenmerken.0.bron", "required")),
    ({"relevanteAndereZaken": [{"aardRelatie": "vervolg"}]}, ("relevanteAndereZaken.0.url", "required")),
    ({"zaaktype": "geen url"}, ("zaaktype", "invalid")),
    ({"hoofdzaak": "geen url"}, ("hoofdzaak", "invalid")),
    ({"communicatiekanaal": "geen url"}, ("communicatiekanaal", "invalid")),
    ({"zaaktype": None}, ("zaaktype", "null")),
    ({"vertrouwelijkheidaanduiding": None}, ("vertrouwelijkheidaanduiding", "null")),
])
def test_bad_input_is_400_and_nothing_is_written(api, zaaktype, changes, param):
    response = api.post(ZAKEN, {**zaak_body(zaaktype), **changes})
    assert response.status_code == 400, response.content
    assert invalid_params(response)[0] == param
    assert response["Content-Type"] == "application/problem+json"
    assert not Zaak.objects.exists()
    assert not AuditTrail.objects.filter(bron="zrc").exists() and not OutboxMessage.objects.filter(kanaal="zaken").exists()


@pytest.mark.parametrize("geometry", [
    {"type": "Point", "coordinates": [5]},
    {"type": "Point", "coordinates": [5, 52, 3]},
    {"type": "Point", "coordinates": ["5", "52"]},
    {"type": "Point", "coordinates": [True, 52]},
    {"type": "Point"},
    {"type": "Cirkel", "coordinates": [5, 52]},
    {"coordinates": [5, 52]},
    {"type": "LineString", "coordinates": [[5, 52]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},  # not closed
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},  # too few positions
    {"type": "MultiPolygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},  # one level short
    {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": []}]},
    {"type": "GeometryCollection"},
    "POINT (5 52)",
])
def test_bad_geojson_is_400(api, zaaktype, geometry):
    response = api.post(ZAKEN, zaak_body(zaaktype, zaakgeometrie=geometry))
    assert response.status_code == 400
    assert invalid_params(response)[0] == ("zaakgeometrie", "invalid")
    assert not Zaak.objects.exists()


def test_nan_coordinates_are_refused(api, zaaktype):
    body = json.dumps(zaak_body(zaaktype)).replace("}", ', "zaakgeometrie": {"type": "Point", "coordinates": [1e999, 5]}}')
    response = api.post(ZAKEN, body, content_type="application/json")
    assert response.status_code == 400
    assert not Zaak.objects.exists()


@pytest.mark.parametrize("geometry", [
    {"type": "Point", "coordinates": [5.1, 52.1]},
    {"type": "MultiPoint", "coordinates": [[5, 52], [6, 53]]},
    {"type": "LineString", "coordinates": [[5, 52], [6, 53]]},
    {"type": "MultiLineString", "coordinates": [[[5, 52], [6, 53]], [[7, 52], [8, 53]]]},
    {"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 53], [5, 52]]]},
    {"type": "MultiPolygon", "coordinates": [[[[5, 52], [6, 52], [6, 53], [5, 53], [5, 52]]]]},
    {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [5, 52]},
                                                  {"type": "LineString", "coordinates": [[5, 52], [6, 53]]}]},
])
def test_every_geojson_type_is_stored_and_returned(api, zaaktype, geometry):
    response = api.post(ZAKEN, zaak_body(zaaktype, zaakgeometrie={**geometry, "bbox": [0, 0, 1, 1]}))
    assert response.status_code == 201
    assert response.json()["zaakgeometrie"] == geometry
    stored = Zaak.objects.get()
    assert stored.geometrie_min_x <= stored.geometrie_max_x and stored.geometrie_min_y <= stored.geometrie_max_y


def test_invalid_json_is_400(api):
    response = api.post(ZAKEN, b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert invalid_params(response) == [("nonFieldErrors", "parse_error")]


def test_wrong_content_type_is_415(api, zaaktype):
    assert api.post(ZAKEN, "a=b", content_type="application/x-www-form-urlencoded").status_code == 415


def test_huge_body_is_413_and_nothing_is_written(api, zaaktype, settings):
    settings.ZAAKWERK_MAX_JSON_BODY = 64 * 1024
    body = zaak_body(zaaktype, toelichting="x" * (65 * 1024))
    response = api.post(ZAKEN, body)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert not Zaak.objects.exists()


def test_big_field_below_the_body_limit_is_400(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, toelichting="x" * 2_000_000))
    assert response.status_code == 400 and invalid_params(response) == [("toelichting", "max_length")]
    assert not Zaak.objects.exists()


def test_method_not_allowed(api, zaak):
    assert api.put(ZAKEN, {}).status_code == 405
    assert api.post(zaak["url"], {}).status_code == 405
