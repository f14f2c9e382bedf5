"""Catalogi API: catalogussen and zaaktypen over HTTP — every operation, filters, expand, ETag,
scopes (incl. ztc-014), the concept rules as the limited conformance client meets them, bad input,
and a list with expand in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.catalogi.models import Catalogus, ZaakType
from zaakwerk.core.models import AuditTrail, OutboxMessage

from . import wire
from .wire import ROOT, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(superuser_api):
    return superuser_api


@pytest.fixture
def cat_url(api):
    response = api.post(f"{ROOT}/catalogussen", wire.catalogus())
    assert response.status_code == 201, response.json()
    return response.json()["url"]


@pytest.fixture
def zt(api, cat_url):
    response = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url))
    assert response.status_code == 201, response.json()
    return response.json()


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


def first_param(response) -> tuple[str, str]:
    param = problem(response, 400)["invalidParams"][0]
    return param["name"], param["code"]


# ---- catalogussen -----------------------------------------------------------------------------


def test_catalogus_create_list_retrieve_update(api, cat_url):
    listing = api.get(f"{ROOT}/catalogussen", {"domein": "ZGWT", "rsin__in": "000000000,123456782"})
    assert listing.status_code == 200 and listing["API-version"] == "1.3.3"
    assert [c["url"] for c in listing.json()["results"]] == [cat_url]
    assert api.get(f"{ROOT}/catalogussen", {"domein__in": "ANDER"}).json()["count"] == 0
    assert api.get(path(cat_url)).json()["domein"] == "ZGWT"
    put = api.put(path(cat_url), wire.catalogus(naam="Gemeente", domein="ABC"))
    assert put.status_code == 200 and put.json()["naam"] == "Gemeente" and put.json()["domein"] == "ABC"
    patch = api.patch(path(cat_url), {"versie": "2"})
    assert patch.status_code == 200 and patch.json()["naam"] == "Gemeente" and patch.json()["versie"] == "2"
    assert problem(api.delete(path(cat_url)), 405)
    assert first_param(api.post(f"{ROOT}/catalogussen", wire.catalogus(rsin="12345678X"))) == ("rsin", "invalid")
    assert first_param(api.post(f"{ROOT}/catalogussen", wire.catalogus(domein="TOOLONG"))) == ("domein", "max_length")


def test_catalogus_expand(api, cat_url, zt):
    body = api.get(path(cat_url), {"expand": "zaaktypen"}).json()
    assert [z["url"] for z in body["_expand"]["zaaktypen"]] == [zt["url"]]


# ---- zaaktypen: operations --------------------------------------------------------------------


def test_zaaktype_create_ignores_read_only_fields_and_accepts_a_numeric_identificatie(api, cat_url):
    response = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie=20))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["identificatie"] == "20"
    assert body["statustypen"] == [] and body["concept"] is True
    assert AuditTrail.objects.filter(resource_url=body["url"], actie="create").exists()
    assert OutboxMessage.objects.filter(kanaal="zaaktypen", resource_url=body["url"]).exists()


def test_zaaktype_retrieve_put_patch_publish_delete(api, zt, cat_url):
    url = path(zt["url"])
    got = api.get(url)
    assert got.status_code == 200 and got.json() == zt
    put = api.put(url, wire.zaaktype(cat_url, omschrijving="aangepast"))
    assert put.status_code == 200 and put.json()["omschrijving"] == "aangepast"
    patch = api.patch(url, {"omschrijving": "aangepast2"})
    assert patch.status_code == 200 and patch.json()["omschrijving"] == "aangepast2"
    published = api.post(f"{url}/publish")
    assert published.status_code == 200 and published.json()["concept"] is False
    assert api.delete(url).status_code == 204  # superuser: geforceerd-verwijderen
    assert problem(api.get(url), 404)


def test_zaaktype_etag_if_none_match_and_head(api, zt):
    url = path(zt["url"])
    first = api.get(url)
    tag = first["ETag"]
    assert tag
    assert api.get(url, headers={"If-None-Match": tag}).status_code == 304
    assert api.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    head = api.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == tag
    api.patch(url, {"omschrijving": "anders"})
    assert api.get(url)["ETag"] != tag


# ---- filters ----------------------------------------------------------------------------------


def test_zaaktype_list_defaults_to_published(api, zt, cat_url):
    assert api.get(f"{ROOT}/zaaktypen").json()["count"] == 0
    assert api.get(f"{ROOT}/zaaktypen", {"status": "concept"}).json()["count"] == 1
    api.post(f"{path(zt['url'])}/publish")
    assert api.get(f"{ROOT}/zaaktypen").json()["count"] == 1
    assert api.get(f"{ROOT}/zaaktypen", {"status": "concept"}).json()["count"] == 0
    assert api.get(f"{ROOT}/zaaktypen", {"status": "alles"}).json()["count"] == 1
    assert first_param(api.get(f"{ROOT}/zaaktypen", {"status": "misschien"})) == ("status", "invalid_choice")


def test_zaaktype_filters(api, cat_url):
    other_cat = api.post(f"{ROOT}/catalogussen", wire.catalogus(domein="ANDER")).json()["url"]
    a = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="A", trefwoorden=["water", "weg"])).json()
    b = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="B", trefwoorden=["wegwerk"],
                                                     beginGeldigheid="2021-01-01")).json()
    c = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(other_cat, identificatie="A")).json()

    def urls(**params):
        response = api.get(f"{ROOT}/zaaktypen", {"status": "alles", **params})
        assert response.status_code == 200, response.json()
        return {z["url"] for z in response.json()["results"]}

    assert urls(catalogus=cat_url) == {a["url"], b["url"]}
    assert urls(identificatie="A") == {a["url"], c["url"]}
    assert urls(trefwoorden="weg") == {a["url"]}  # whole trefwoorden only, not "wegwerk"
    assert urls(trefwoorden="weg,wegwerk") == {a["url"], b["url"]}
    assert urls(datumGeldigheid="2020-06-01") == {a["url"], c["url"]}
    assert urls(catalogus="https://elders.test/catalogi/api/v1/catalogussen/1") == set()
    assert first_param(api.get(f"{ROOT}/zaaktypen", {"datumGeldigheid": "gisteren"})) == ("datumGeldigheid", "invalid")
    assert first_param(api.get(f"{ROOT}/zaaktypen", {"catalogus": "geen-url"})) == ("catalogus", "invalid")
    assert first_param(api.get(f"{ROOT}/zaaktypen", {"onbekend": "1"})) == ("nonFieldErrors", "unknown-parameters")


def test_zaaktype_retrieve_with_datum_geldigheid(api, zt):
    url = path(zt["url"])
    assert api.get(url, {"datumGeldigheid": "2019-06-01"}).status_code == 200
    assert problem(api.get(url, {"datumGeldigheid": "2018-06-01"}), 404)
    assert first_param(api.get(url, {"datumGeldigheid": "x"})) == ("datumGeldigheid", "invalid")


# ---- links --------------------------------------------------------------------------------------


def test_besluittypen_by_url_or_omschrijving_and_expand(api, cat_url):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url, omschrijving="BT")).json()
    api.post(f"{path(bt['url'])}/publish")
    by_url = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="U", besluittypen=[bt["url"]])).json()
    by_name = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="N", besluittypen=["BT"])).json()
    assert by_url["besluittypen"] == by_name["besluittypen"] == [bt["url"]]
    assert by_url["besluittypeOmschrijving"] == ["BT"]
    expanded = api.get(path(by_url["url"]), {"expand": "besluittypen,catalogus"}).json()["_expand"]
    assert expanded["besluittypen"][0]["url"] == bt["url"]
    assert expanded["catalogus"]["url"] == cat_url
    # on a detail an unknown expand is a 404 (zrc-027 / drc-013; a detail documents no 400)
    assert problem(api.get(path(by_url["url"]), {"expand": "onbekend"}), 404)["code"] == "invalid-expand"
    assert first_param(api.get(f"{ROOT}/zaaktypen", {"expand": "onbekend"}))[1] == "invalid-expand"
    # a detail has no filters: other query parameters are ignored
    assert api.get(path(by_url["url"]), {"foo": "1"}).status_code == 200


def test_link_urls_must_name_the_right_local_resource(api, cat_url):
    body = wire.zaaktype(cat_url, besluittypen=[cat_url])  # a catalogus is not a besluittype
    assert first_param(api.post(f"{ROOT}/zaaktypen", body)) == ("besluittypen.0", "invalid-resource")
    missing = f"{ROOT}/besluittypen/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50"
    body = wire.zaaktype(cat_url, besluittypen=[f"http://testserver{missing}"])
    assert first_param(api.post(f"{ROOT}/zaaktypen", body)) == ("besluittypen.0", "bad-url")
    body = wire.zaaktype(cat_url.replace("catalogussen", "zaaktypen"))
    assert first_param(api.post(f"{ROOT}/zaaktypen", body))[0] == "catalogus"
    assert not ZaakType.objects.exists()


def test_ztc_001_over_http(api, cat_url):
    body = wire.zaaktype(cat_url, selectielijstProcestype="https://mock.test/200")
    assert first_param(api.post(f"{ROOT}/zaaktypen", body)) == ("selectielijstProcestype", "invalid-resource")


# ---- concept rules with the conformance suite's limited client --------------------------------


@pytest.fixture
def limited(api_for):
    return api_for(wire.LIMITED)


def test_ztc_009_limited_client_meets_the_concept_rules(api, limited, zt, cat_url):
    url = path(zt["url"])
    api.post(f"{url}/publish")
    assert first_param(limited.put(url, wire.zaaktype(cat_url, doel="x"))) == ("nonFieldErrors", "non-concept-object")
    assert first_param(limited.patch(url, {"omschrijving": "x"})) == ("nonFieldErrors", "non-concept-object")
    patched = limited.patch(url, {"eindeGeldigheid": "2019-12-12"})
    assert patched.status_code == 200 and patched.json()["eindeGeldigheid"] == "2019-12-12"
    assert first_param(limited.delete(url)) == ("nonFieldErrors", "non-concept-object")


def test_ztc_010h_concept_zaaktype_with_published_besluittype(api, limited, cat_url):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url)).json()
    zt = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, besluittypen=[bt["url"]])).json()
    api.post(f"{path(bt['url'])}/publish")
    url = path(zt["url"])
    body = wire.zaaktype(cat_url, identificatie="34", omschrijving="aangepast", eindeGeldigheid="2010-01-10")
    assert first_param(limited.put(url, body)) == ("nonFieldErrors", "non-concept-relation")
    assert first_param(limited.patch(url, {"omschrijving": "x"})) == ("nonFieldErrors", "non-concept-relation")
    assert limited.patch(url, {"eindeGeldigheid": "2018-12-12"}).status_code == 200
    assert first_param(limited.delete(url)) == ("nonFieldErrors", "non-concept-relation")


def test_ztc_012_publish_over_http(api, cat_url):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url)).json()
    zt = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, besluittypen=[bt["url"]])).json()
    response = api.post(f"{path(zt['url'])}/publish")
    assert problem(response, 400)["invalidParams"][0]["code"] == "concept-relation"


# ---- scopes -----------------------------------------------------------------------------------


def test_scopes_per_operation(api_for, zt, cat_url):
    reader = api_for(wire.READER)
    assert reader.get(f"{ROOT}/zaaktypen").status_code == 200
    assert problem(reader.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url)), 403)
    assert problem(reader.post(f"{path(zt['url'])}/publish"), 403)
    assert problem(reader.delete(path(zt["url"])), 403)
    forced_only = api_for([{"component": "ztc", "scopes": ["catalogi.geforceerd-schrijven"]}])
    # creating a zaaktype needs catalogi.schrijven; changing one may be a correctie
    assert problem(forced_only.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url)), 403)
    assert forced_only.patch(path(zt["url"]), {"omschrijving": "correctie"}).status_code == 200
    nobody = api_for([{"component": "zrc", "scopes": ["zaken.aanmaken"],
                       "zaaktype": zt["url"], "max_vertrouwelijkheidaanduiding": "openbaar"}])
    assert problem(nobody.get(f"{ROOT}/zaaktypen"), 403)


def test_ztc_014_zaken_and_documenten_readers_may_read_the_catalogus(api_for, zt):
    for component, scope in (("zrc", "zaken.lezen"), ("drc", "documenten.lezen")):
        extra = {"zaaktype": zt["url"]} if component == "zrc" else {
            "informatieobjecttype": "http://testserver/catalogi/api/v1/informatieobjecttypen/x"}
        client = api_for([{"component": component, "scopes": [scope], "max_vertrouwelijkheidaanduiding": "openbaar",
                           **extra}])
        assert client.get(f"{ROOT}/zaaktypen", {"status": "alles"}).json()["count"] == 1
        assert client.get(path(zt["url"])).status_code == 200
        assert client.get(f"{ROOT}/statustypen").status_code == 200
        assert problem(client.patch(path(zt["url"]), {"omschrijving": "x"}), 403)


# ---- bad input --------------------------------------------------------------------------------


def test_malformed_json_is_400_and_writes_nothing(api, cat_url):
    response = api.post(f"{ROOT}/zaaktypen", '{"identificatie": ', content_type="application/json")
    assert first_param(response) == ("nonFieldErrors", "parse_error")
    assert problem(api.post(f"{ROOT}/zaaktypen", "[1, 2]", content_type="application/json"), 400)
    assert not ZaakType.objects.exists()


def test_wrong_types_are_400(api, cat_url):
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, verlengingMogelijk="ja"))) == (
        "verlengingMogelijk", "invalid")
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, beginGeldigheid="01-01-2019"))) == (
        "beginGeldigheid", "invalid")
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, referentieproces="test")))[0] == \
        "referentieproces"
    body = wire.zaaktype(cat_url)
    del body["doel"]
    assert first_param(api.post(f"{ROOT}/zaaktypen", body)) == ("doel", "required")
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, doorlooptijd="tien dagen"))) == (
        "doorlooptijd", "invalid")
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="x" * 51))) == (
        "identificatie", "max_length")
    assert not ZaakType.objects.exists()


def test_oversized_body_is_413(api, cat_url, settings):
    settings.ZAAKWERK_MAX_JSON_BODY = 200
    response = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url))
    assert problem(response, 413)
    assert not ZaakType.objects.exists()


def test_unknown_zaaktype_is_404(api):
    assert problem(api.get(f"{ROOT}/zaaktypen/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50"), 404)
    assert problem(api.post(f"{ROOT}/zaaktypen/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50/publish"), 404)


# ---- constant number of queries ---------------------------------------------------------------


def _make_zaaktypen(api, cat_url, prefix: str, n: int):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url, omschrijving=f"{prefix}-bt")).json()
    api.post(f"{path(bt['url'])}/publish")
    iot = api.post(f"{ROOT}/informatieobjecttypen", wire.informatieobjecttype(cat_url, omschrijving=f"{prefix}-iot")).json()
    api.post(f"{path(iot['url'])}/publish")
    for i in range(n):
        zt = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie=f"{prefix}{i}",
                                                          besluittypen=[bt["url"]])).json()
        api.post(f"{ROOT}/statustypen", wire.statustype(zt["url"]))
        api.post(f"{ROOT}/roltypen", wire.roltype(zt["url"]))
        api.post(f"{ROOT}/eigenschappen", wire.eigenschap(zt["url"]))
        api.post(f"{ROOT}/resultaattypen", wire.resultaattype(zt["url"]))
        api.post(f"{ROOT}/zaaktype-informatieobjecttypen", wire.ztiot(zt["url"], iot["url"]))
        assert api.post(f"{path(zt['url'])}/publish").status_code == 200


def test_zaaktype_list_with_expand_runs_in_a_constant_number_of_queries(api, cat_url):
    expand = "catalogus,statustypen,resultaattypen,eigenschappen,roltypen,besluittypen,informatieobjecttypen"

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(f"{ROOT}/zaaktypen", {"expand": expand})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    _make_zaaktypen(api, cat_url, "a", 2)
    few, n_few = measure()
    _make_zaaktypen(api, cat_url, "b", 18)
    many, n_many = measure()
    assert (n_few, n_many) == (2, 20)
    assert many == few, f"{few} queries for 2 zaaktypen, {many} for 20"


def test_catalogus_model_is_not_deleted_through_the_api(api, cat_url):
    assert Catalogus.objects.count() == 1
    assert api.delete(path(cat_url)).status_code == 405


def test_numbers_are_accepted_for_text_fields_as_drf_did(api, cat_url):
    body = wire.zaaktype(cat_url, identificatie=7, trefwoorden=[1, "twee"], referentieproces={"naam": 3})
    response = api.post(f"{ROOT}/zaaktypen", body)
    assert response.status_code == 201, response.json()
    assert response.json()["trefwoorden"] == ["1", "twee"]
    assert response.json()["referentieproces"]["naam"] == "3"
    assert first_param(api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie=True))) == (
        "identificatie", "invalid")


def test_gerelateerde_zaaktypen_expand_reads_urls_inside_the_relations(api, cat_url):
    vervolg = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="VERVOLG")).json()
    body = wire.zaaktype(cat_url, identificatie="HOOFD", gerelateerdeZaaktypen=[
        {"zaaktype": vervolg["url"], "aardRelatie": "vervolg", "toelichting": "bezwaar na besluit"}])
    created = api.post(f"{ROOT}/zaaktypen", body)
    assert created.status_code == 201, created.json()
    related = created.json()["gerelateerdeZaaktypen"]
    assert [r["zaaktype"] for r in related] == [vervolg["url"]]
    expanded = api.get(path(created.json()["url"]), {"expand": "gerelateerdeZaaktypen.catalogus"}).json()
    inline = expanded["_expand"]["gerelateerdeZaaktypen"]
    assert [z["url"] for z in inline] == [vervolg["url"]]
    assert inline[0]["identificatie"] == "VERVOLG"
    assert inline[0]["_expand"]["catalogus"]["url"] == cat_url
