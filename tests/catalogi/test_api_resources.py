"""Catalogi API: informatieobjecttypen, besluittypen and the sub-types of a zaaktype over HTTP —
every operation, their filters and expansions, and the rules as the conformance suite sends them."""

from __future__ import annotations

import pytest

from zaakwerk.catalogi.models import ResultaatType, StatusType

from . import wire
from .conftest import RESULTAAT_INGESCHAT, RESULTAAT_NIHIL
from .wire import ROOT, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(superuser_api):
    return superuser_api


@pytest.fixture
def limited(api_for):
    return api_for(wire.LIMITED)


@pytest.fixture
def cat_url(api):
    return api.post(f"{ROOT}/catalogussen", wire.catalogus()).json()["url"]


@pytest.fixture
def zt_url(api, cat_url):
    response = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url))
    assert response.status_code == 201, response.json()
    return response.json()["url"]


@pytest.fixture
def iot_url(api, cat_url):
    response = api.post(f"{ROOT}/informatieobjecttypen", wire.informatieobjecttype(cat_url))
    assert response.status_code == 201, response.json()
    return response.json()["url"]


def first_param(response) -> tuple[str, str]:
    assert response.status_code == 400, response.content
    param = response.json()["invalidParams"][0]
    return param["name"], param["code"]


def crud(api, collection: str, body: dict, change: dict) -> dict:
    """Create, list, retrieve, PUT, PATCH and delete one resource; returns the created body."""
    created = api.post(f"{ROOT}/{collection}", body)
    assert created.status_code == 201, created.json()
    data = created.json()
    url = path(data["url"])
    assert created["Location"] == data["url"]
    assert api.get(url).json() == data
    listing = api.get(f"{ROOT}/{collection}", {"status": "alles"} if collection != "zaakobjecttypen" else {})
    assert data["url"] in [r["url"] for r in listing.json()["results"]]
    put = api.put(url, {**body, **change})
    assert put.status_code == 200, put.json()
    assert all(put.json()[k] == v for k, v in change.items())
    key, value = next(iter(change.items()))
    patched = api.patch(url, {key: value})
    assert patched.status_code == 200, patched.json()
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    return data


# ---- every operation ----------------------------------------------------------------------------


def test_informatieobjecttype_operations_and_publish(api, cat_url):
    body = wire.informatieobjecttype(cat_url, omschrijving="informatieobject2")
    crud(api, "informatieobjecttypen", body, {"omschrijving": "aangepast"})
    url = path(api.post(f"{ROOT}/informatieobjecttypen", body).json()["url"])
    published = api.post(f"{url}/publish")
    assert published.status_code == 200 and published.json()["concept"] is False
    assert api.get(f"{ROOT}/informatieobjecttypen").json()["count"] == 1


def test_besluittype_operations_and_publish(api, cat_url, iot_url):
    body = wire.besluittype(cat_url, informatieobjecttypen=[iot_url])
    data = crud(api, "besluittypen", body, {"omschrijving": "aangepaste omschrijving"})
    assert data["informatieobjecttypeOmschrijvingen"] == ["informatieobject"]
    assert data["zaaktypen"] == []  # BesluitTypePostResponse: always [] for a new besluittype
    url = path(api.post(f"{ROOT}/besluittypen", body).json()["url"])
    assert api.post(f"{url}/publish").json()["concept"] is False


@pytest.mark.parametrize("collection,make,change", [
    ("statustypen", lambda zt, cat, iot: wire.statustype(zt, volgnummer=3), {"omschrijving": "aangepast"}),
    ("roltypen", lambda zt, cat, iot: wire.roltype(zt), {"omschrijving": "aangepast"}),
    ("eigenschappen", lambda zt, cat, iot: wire.eigenschap(zt), {"toelichting": "aangepast"}),
    ("resultaattypen", lambda zt, cat, iot: wire.resultaattype(zt), {"omschrijving": "aangepast"}),
    ("zaaktype-informatieobjecttypen", lambda zt, cat, iot: wire.ztiot(zt, iot, volgnummer=2, richting="intern"),
     {"volgnummer": 4}),
    ("zaakobjecttypen", lambda zt, cat, iot: wire.zaakobjecttype(zt, cat), {"relatieOmschrijving": "aangepast"}),
])
def test_subtype_operations(api, zt_url, cat_url, iot_url, collection, make, change):
    data = crud(api, collection, make(zt_url, cat_url, iot_url), change)
    assert data["zaaktype"] == zt_url


def test_subtypes_appear_on_the_zaaktype_and_expand(api, zt_url, cat_url, iot_url):
    st = api.post(f"{ROOT}/statustypen", wire.statustype(zt_url)).json()
    eig = api.post(f"{ROOT}/eigenschappen", wire.eigenschap(zt_url, statustype=st["url"])).json()
    api.post(f"{ROOT}/zaaktype-informatieobjecttypen", wire.ztiot(zt_url, "informatieobject", statustype=st["url"]))
    zt = api.get(path(zt_url), {"expand": "statustypen,eigenschappen,catalogus"}).json()
    assert zt["statustypen"] == [st["url"]] and zt["eigenschappen"] == [eig["url"]]
    assert zt["_expand"]["statustypen"][0]["isEindstatus"] is True
    assert zt["informatieobjecttypeOmschrijving"] == ["informatieobject"]
    eig_exp = api.get(path(eig["url"]), {"expand": "statustype,zaaktype.catalogus"}).json()["_expand"]
    assert eig_exp["statustype"]["url"] == st["url"]
    assert eig_exp["zaaktype"]["_expand"]["catalogus"]["url"] == cat_url


# ---- filters ------------------------------------------------------------------------------------


def test_subtype_filters(api, cat_url, zt_url, iot_url):
    other = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="ANDER")).json()["url"]
    for zt in (zt_url, other):
        api.post(f"{ROOT}/statustypen", wire.statustype(zt))
        api.post(f"{ROOT}/roltypen", wire.roltype(zt, omschrijvingGeneriek="adviseur" if zt == zt_url else "initiator"))
        api.post(f"{ROOT}/resultaattypen", wire.resultaattype(zt))
        api.post(f"{ROOT}/eigenschappen", wire.eigenschap(zt))
        api.post(f"{ROOT}/zaakobjecttypen", wire.zaakobjecttype(zt, cat_url))
    api.post(f"{path(zt_url)}/publish")

    def count(collection, **params):
        response = api.get(f"{ROOT}/{collection}", params)
        assert response.status_code == 200, response.json()
        return response.json()["count"]

    for collection in ("statustypen", "roltypen", "resultaattypen", "eigenschappen"):
        assert count(collection) == 1  # status defaults to definitief (of the zaaktype)
        assert count(collection, status="alles") == 2
        assert count(collection, status="concept") == 1
        assert count(collection, zaaktype=zt_url, status="alles") == 1
        assert count(collection, zaaktypeIdentificatie="ANDER", status="alles") == 1
        assert count(collection, datumGeldigheid="2018-01-01", status="alles") == 0
    assert count("roltypen", omschrijvingGeneriek="initiator", status="alles") == 1
    assert first_param(api.get(f"{ROOT}/roltypen", {"omschrijvingGeneriek": "baas"})) == (
        "omschrijvingGeneriek", "invalid_choice")
    # the 1.3.3 snake_case twins on resultaattypen
    assert count("resultaattypen", zaaktype_identificatie="ANDER", status="alles") == 1
    assert count("resultaattypen", datum_geldigheid="2019-06-01", status="alles") == 2
    # zaakobjecttypen have no status filter but their own
    assert count("zaakobjecttypen") == 2
    assert count("zaakobjecttypen", zaaktype=zt_url) == 1
    assert count("zaakobjecttypen", anderObjecttype="false", catalogus=cat_url) == 2
    assert count("zaakobjecttypen", relatieOmschrijving="betreft", datumBeginGeldigheid="2019-01-01") == 2
    assert first_param(api.get(f"{ROOT}/zaakobjecttypen", {"status": "alles"}))[1] == "unknown-parameters"


def test_ztiot_filters_by_informatieobjecttype_url_or_omschrijving(api, zt_url, iot_url):
    api.post(f"{ROOT}/zaaktype-informatieobjecttypen", wire.ztiot(zt_url, iot_url))

    def count(**params):
        return api.get(f"{ROOT}/zaaktype-informatieobjecttypen", {"status": "alles", **params}).json()["count"]

    assert count(informatieobjecttype=iot_url) == 1
    assert count(informatieobjecttype="informatieobject") == 1
    assert count(informatieobjecttype="iets anders") == 0
    assert count(richting="inkomend", zaaktype=zt_url) == 1
    assert count(richting="uitgaand") == 0


def test_besluittype_and_iot_filters(api, cat_url, iot_url):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url, informatieobjecttypen=[iot_url])).json()
    api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url, omschrijving="ander"))
    zt = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, besluittypen=[bt["url"]])).json()

    def urls(collection, **params):
        response = api.get(f"{ROOT}/{collection}", {"status": "alles", **params})
        assert response.status_code == 200, response.json()
        return [r["url"] for r in response.json()["results"]]

    assert urls("besluittypen", zaaktypen=zt["url"]) == [bt["url"]]
    assert urls("besluittypen", informatieobjecttypen=iot_url) == [bt["url"]]
    assert urls("besluittypen", informatieobjecttypen="informatieobject") == [bt["url"]]
    ander = api.get(f"{ROOT}/besluittypen", {"status": "alles", "omschrijving": "ander"}).json()["results"]
    assert [b["omschrijving"] for b in ander] == ["ander"]
    assert urls("informatieobjecttypen", catalogus=cat_url, omschrijving="informatieobject") == [iot_url]
    assert urls("informatieobjecttypen", datumGeldigheid="2018-12-31") == []


# ---- the rules as the suite sends them --------------------------------------------------------


def test_ztc_010_subtypes_of_a_published_zaaktype_over_http(api, limited, zt_url):
    st = api.post(f"{ROOT}/statustypen", wire.statustype(zt_url)).json()
    eig = api.post(f"{ROOT}/eigenschappen", wire.eigenschap(zt_url)).json()
    api.post(f"{path(zt_url)}/publish")
    assert first_param(limited.put(path(st["url"]), wire.statustype(zt_url, omschrijving="x"))) == (
        "nonFieldErrors", "non-concept-zaaktype")
    # the suite PATCHes an eigenschap with a field it does not have: still the concept error
    assert first_param(limited.patch(path(eig["url"]), {"omschrijving": "ja"})) == (
        "nonFieldErrors", "non-concept-zaaktype")
    assert first_param(limited.delete(path(st["url"]))) == ("nonFieldErrors", "non-concept-zaaktype")
    assert first_param(limited.post(f"{ROOT}/roltypen", wire.roltype(zt_url))) == (
        "nonFieldErrors", "non-concept-zaaktype")
    assert StatusType.objects.filter(omschrijving="Eind").exists()


def test_ztc_010a_and_c_relation_guard_over_http(api, limited, cat_url, iot_url):
    bt = api.post(f"{ROOT}/besluittypen", wire.besluittype(cat_url, informatieobjecttypen=[iot_url])).json()
    api.post(f"{path(bt['url'])}/publish")
    assert first_param(limited.patch(path(iot_url), {"omschrijving": "aangepast2"})) == (
        "nonFieldErrors", "non-concept-relation")
    ok = limited.patch(path(iot_url), {"eindeGeldigheid": "2020-01-01"})
    assert ok.status_code == 200 and ok.json()["eindeGeldigheid"] == "2020-01-01"
    assert first_param(limited.delete(path(iot_url))) == ("nonFieldErrors", "non-concept-relation")


def test_ztc_002_and_003_over_http(api, cat_url):
    zt = api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat_url, identificatie="7")).json()["url"]
    created = api.post(f"{ROOT}/resultaattypen", wire.resultaattype(zt))
    assert created.status_code == 201
    assert created.json()["omschrijvingGeneriek"] == "Verleend"
    assert created.json()["archiefnominatie"] == "vernietigen" and created.json()["archiefactietermijn"] == "P5Y"
    body = wire.resultaattype(zt, resultaattypeomschrijving="https://mock.test/200")
    assert first_param(api.post(f"{ROOT}/resultaattypen", body)) == ("resultaattypeomschrijving", "invalid-resource")
    body = wire.resultaattype(zt, selectielijstklasse=RESULTAAT_INGESCHAT, brondatumArchiefprocedure={
        "afleidingswijze": "termijn", "procestermijn": "P5M", "datumkenmerk": "", "einddatumBekend": False,
        "objecttype": "", "registratie": ""})
    assert first_param(api.post(f"{ROOT}/resultaattypen", body)) == ("nonFieldErrors", "procestype-mismatch")
    body = wire.resultaattype(zt, selectielijstklasse=RESULTAAT_NIHIL)
    errors = api.post(f"{ROOT}/resultaattypen", body).json()["invalidParams"]
    assert {"name": "nonFieldErrors", "code": "invalid-afleidingswijze-for-procestermijn"} in [
        {k: e[k] for k in ("name", "code")} for e in errors]
    body = wire.resultaattype(zt, brondatumArchiefprocedure={"afleidingswijze": "eigenschap", "datumkenmerk": ""})
    assert first_param(api.post(f"{ROOT}/resultaattypen", body)) == (
        "brondatumArchiefprocedure.datumkenmerk", "required")
    assert ResultaatType.objects.count() == 1


def test_ztiot_by_omschrijving_and_other_catalogus(api, cat_url, zt_url):
    other = api.post(f"{ROOT}/catalogussen", wire.catalogus(domein="ANDER")).json()["url"]
    foreign = api.post(f"{ROOT}/informatieobjecttypen", wire.informatieobjecttype(other)).json()["url"]
    assert first_param(api.post(f"{ROOT}/zaaktype-informatieobjecttypen", wire.ztiot(zt_url, foreign))) == (
        "nonFieldErrors", "relations-incorrect-catalogus")
    assert first_param(api.post(f"{ROOT}/zaaktype-informatieobjecttypen", wire.ztiot(zt_url, "onbekend"))) == (
        "informatieobjecttype", "does_not_exist")


def test_subtype_bad_references(api, zt_url, cat_url):
    missing = "http://testserver/catalogi/api/v1/zaaktypen/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50"
    assert first_param(api.post(f"{ROOT}/statustypen", wire.statustype(missing))) == ("zaaktype", "bad-url")
    assert first_param(api.post(f"{ROOT}/statustypen", wire.statustype(cat_url))) == ("zaaktype", "invalid-resource")
    assert first_param(api.post(f"{ROOT}/statustypen", wire.statustype("geen url"))) == ("zaaktype", "invalid")
    assert first_param(api.post(f"{ROOT}/statustypen", wire.statustype(zt_url, volgnummer="drie"))) == (
        "volgnummer", "invalid")
    assert first_param(api.post(f"{ROOT}/eigenschappen", wire.eigenschap(zt_url, specificatie={
        "formaat": "datum", "lengte": "10", "kardinaliteit": "1"}))) == ("specificatie.lengte", "invalid")
    assert not StatusType.objects.exists()


def test_zaakobjecttype_objecttype_filter_takes_a_url(api, zt_url, cat_url):
    api.post(f"{ROOT}/zaakobjecttypen", wire.zaakobjecttype(zt_url, cat_url))
    url = "https://objecttypen.test/api/v2/objecttypes/1"
    assert api.get(f"{ROOT}/zaakobjecttypen", {"objecttype": url}).json()["count"] == 1
    assert api.get(f"{ROOT}/zaakobjecttypen", {"objecttype": url + "0"}).json()["count"] == 0
    assert first_param(api.get(f"{ROOT}/zaakobjecttypen", {"objecttype": ""})) == ("objecttype", "invalid")
