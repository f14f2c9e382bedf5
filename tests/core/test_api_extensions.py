"""The core features the Zaken, Documenten and Besluiten APIs build on, exercised on a small test
API over the Catalogi tables: nested routes, Accept-Crs/Content-Crs negotiation, POST _zoek with
pagination and ``fields`` (zrc-029, mutually exclusive with expand), and the audit trail of a
main object."""

import uuid

import msgspec
import pytest
from django.urls import include, path

from zaakwerk.catalogi import representation
from zaakwerk.catalogi.api import API as CATALOGI_API
from zaakwerk.catalogi.models import StatusType, ZaakType
from zaakwerk.core.api import ApiInfo, Expansion, Resource, api_urls
from zaakwerk.core.audit_api import audittrail_resource

from ..catalogi import wire
from ..catalogi.wire import ROOT

TEST_API = ApiInfo(name="testapi", component="ztc", version="9.9.9")
READ = ("catalogi.lezen",)


class Zoek(msgspec.Struct, rename="camel", kw_only=True):
    uuid__in: list[uuid.UUID] = []
    omschrijving: str | msgspec.UnsetType = msgspec.UNSET
    expand: str | msgspec.UnsetType = msgspec.UNSET
    fields: list | msgspec.UnsetType = msgspec.UNSET


class NestedStatusTypen(Resource):
    """statustypen under their zaaktype: /testapi/api/v1/zaaktypen/{zaaktype_uuid}/statustypen"""

    api = TEST_API
    name = "statustype"
    collection = "statustypen"
    route = "zaaktypen/<uuid:zaaktype_uuid>/statustypen"
    model = StatusType
    operations = ("list", "retrieve")
    scopes = {"list": READ, "retrieve": READ}
    paginated = False
    crs = True
    default_ordering = ("volgnummer",)

    def base_queryset(self, ctx):
        return StatusType.objects.filter(zaaktype_id=ctx.kwargs["zaaktype_uuid"])

    def represent(self, ctx, objs):
        return representation.statustypen_json(objs, ctx.base_url)


class SearchableZaakTypen(Resource):
    api = TEST_API
    name = "zaaktype"
    collection = "zaaktypen"
    model = ZaakType
    operations = ("list", "retrieve")
    scopes = {"list": READ, "retrieve": READ}
    search_schema = Zoek
    default_ordering = ("identificatie",)
    expansions = {"catalogus": Expansion("catalogi.catalogus"),
                  "statustypen": Expansion("catalogi.statustype", many=True)}

    def represent(self, ctx, objs):
        return representation.zaaktypen_json(objs, ctx.base_url)

    def apply_search(self, ctx, qs, data):
        if data.get("uuid__in"):
            qs = qs.filter(pk__in=data["uuid__in"])
        if "omschrijving" in data:
            qs = qs.filter(omschrijving=data["omschrijving"])
        return qs


ZAAKTYPEN = SearchableZaakTypen()
urlpatterns = [
    path("testapi/api/v1/", include(api_urls(TEST_API, [NestedStatusTypen(), ZAAKTYPEN,
                                                       audittrail_resource(ZAAKTYPEN, "zaaktype_uuid")]))),
    path("catalogi/api/v1/", include("zaakwerk.catalogi.api")),
    path("autorisaties/api/v1/", include("zaakwerk.autorisaties.api")),
    path("referentielijsten/api/v1/", include("zaakwerk.referentielijsten.api")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
T = "/testapi/api/v1"
CRS = {"Accept-Crs": "EPSG:4326"}


@pytest.fixture
def setup(superuser_api):
    api = superuser_api
    cat = api.post(f"{ROOT}/catalogussen", wire.catalogus()).json()["url"]
    procestype = api.get("/referentielijsten/api/v1/procestypen", {"jaar": 2020}).json()[0]["url"]
    zts = [api.post(f"{ROOT}/zaaktypen", wire.zaaktype(cat, identificatie=f"Z{i}", omschrijving=f"type {i % 2}",
                                                      selectielijstProcestype=procestype)).json()
           for i in range(3)]
    for n in (1, 2):
        assert api.post(f"{ROOT}/statustypen", wire.statustype(zts[0]["url"], volgnummer=n,
                                                              omschrijving=f"stap {n}")).status_code == 201
    return api, cat, zts


def test_nested_route_lists_only_the_parents_children(setup):
    api, _, zts = setup
    zt_uuid = zts[0]["url"].rsplit("/", 1)[1]
    response = api.get(f"{T}/zaaktypen/{zt_uuid}/statustypen", headers=CRS)
    assert response.status_code == 200
    assert [s["omschrijving"] for s in response.json()] == ["stap 1", "stap 2"]
    other = zts[1]["url"].rsplit("/", 1)[1]
    assert api.get(f"{T}/zaaktypen/{other}/statustypen", headers=CRS).json() == []


def test_crs_missing_is_412_wrong_is_406_right_sets_content_crs(setup):
    api, _, zts = setup
    url = f"{T}/zaaktypen/{zts[0]['url'].rsplit('/', 1)[1]}/statustypen"
    missing = api.get(url)
    assert missing.status_code == 412 and missing["Content-Type"] == "application/problem+json"
    assert api.get(url, headers={"Accept-Crs": "EPSG:28992"}).status_code == 406
    ok = api.get(url, headers=CRS)
    assert ok.status_code == 200 and ok["Content-Crs"] == "EPSG:4326"


def test_zoek_filters_from_body_paginated(setup, settings):
    settings.ZAAKWERK_PAGE_SIZE = 1
    api, _, zts = setup
    body = {"uuid__in": [zts[0]["url"].rsplit("/", 1)[1], zts[2]["url"].rsplit("/", 1)[1]], "omschrijving": "type 0"}
    first = api.post(f"{T}/zaaktypen/_zoek", body)
    assert first.status_code == 200, first.json()
    page = first.json()
    assert page["count"] == 2 and [z["identificatie"] for z in page["results"]] == ["Z0"]
    assert page["next"].endswith("_zoek?page=2")
    second = api.post(f"{T}/zaaktypen/_zoek?page=2", body).json()
    assert [z["identificatie"] for z in second["results"]] == ["Z2"]


def test_zoek_expand(setup):
    api, cat, _ = setup
    found = api.post(f"{T}/zaaktypen/_zoek", {"omschrijving": "type 1", "expand": "catalogus"}).json()
    assert found["results"][0]["_expand"]["catalogus"]["url"] == cat


def test_zrc_029_fields_select_and_expand_nested(setup):
    api, _, _ = setup
    body = {"fields": ["url", "identificatie", {"statustypen": ["omschrijving"]}], "omschrijving": "type 0"}
    results = api.post(f"{T}/zaaktypen/_zoek", body).json()["results"]
    z0 = next(r for r in results if r["identificatie"] == "Z0")
    assert set(z0) == {"url", "identificatie", "statustypen", "_expand"}
    assert [s for s in z0["_expand"]["statustypen"]] == [{"omschrijving": "stap 1"}, {"omschrijving": "stap 2"}]


def test_zrc_029_fields_and_expand_are_mutually_exclusive(setup):
    api, _, _ = setup
    response = api.post(f"{T}/zaaktypen/_zoek", {"fields": ["url"], "expand": "catalogus"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "fields-and-expand"
    bad = api.post(f"{T}/zaaktypen/_zoek", {"fields": [{"nietbestaand": ["x"]}]})
    assert bad.status_code == 400


def test_audittrail_of_a_main_object(setup):
    api, _, zts = setup
    zt_uuid = zts[0]["url"].rsplit("/", 1)[1]
    trail = api.get(f"{T}/zaaktypen/{zt_uuid}/audittrail")
    assert trail.status_code == 200
    entries = trail.json()
    assert [e["actie"] for e in entries] == ["create", "create", "create"]  # zaaktype, 2 statustypen
    assert entries[0]["resourceUrl"] == zts[0]["url"] and "oud" not in entries[0]["wijzigingen"]
    assert entries[1]["resource"] == "statustype" and entries[1]["hoofdObject"] == zts[0]["url"]
    one = api.get(f"{T}/zaaktypen/{zt_uuid}/audittrail/{entries[1]['uuid']}")
    assert one.status_code == 200 and one.json() == entries[1]
    assert api.get(f"{T}/zaaktypen/{uuid.uuid4()}/audittrail").status_code == 404


def test_audittrail_needs_its_scope(setup, api_for):
    _, _, zts = setup
    reader = api_for([{"component": "ztc", "scopes": ["catalogi.lezen"]}])
    zt_uuid = zts[0]["url"].rsplit("/", 1)[1]
    assert reader.get(f"{T}/zaaktypen/{zt_uuid}/audittrail").status_code == 403
    auditor = api_for([{"component": "ztc", "scopes": ["catalogi.lezen", "audittrails.lezen"]}])
    assert auditor.get(f"{T}/zaaktypen/{zt_uuid}/audittrail").status_code == 200
