"""``/statussen`` over HTTP: create, retrieve, HEAD/ETag, list filters, expand, the exact 1.7.0
field set, zrc-016, bad input, the current status (ordering by datumStatusGezet) and recording."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Rol, Status, ZaakInformatieObject
from zaakwerk.zaken.representation_status import resultaat_json, status_json

from .conftest import BASE, ROOT, build_zaaktype
from .test_status_support import catalogi_url, codes, make_zaak, post_status, status_url, statustypen, zaak_url

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def spec():
    path = settings.SPECS_DIR / "standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml"
    return yaml.safe_load(path.read_text())["components"]["schemas"]


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def test_create_status_answers_201_with_the_status(api, zaak, zaaktype):
    ontvangen = statustypen(zaaktype)[0]
    response = post_status(api, zaak, ontvangen, "2024-03-05T10:00:00", statustoelichting="Aanvraag ontvangen")
    assert response.status_code == 201, response.json()
    body = response.json()
    status = Status.objects.get()
    assert response["Location"] == body["url"] == status_url(status)
    assert body == {
        "url": status_url(status), "uuid": str(status.pk), "zaak": zaak_url(zaak),
        "statustype": catalogi_url("statustypen", ontvangen),
        "datumStatusGezet": "2024-03-05T10:00:00+01:00",  # a naive time is Europe/Amsterdam
        # no gezetdoor: left out (optional, format uri, not nullable: neither "" nor null is valid)
        "statustoelichting": "Aanvraag ontvangen", "indicatieLaatstGezetteStatus": True,
        "zaakinformatieobjecten": [],
    }
    assert status.datum_status_gezet == dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.timezone.utc)
    zaak.refresh_from_db()
    assert zaak.huidige_status_id == status.pk and zaak.einddatum is None


def test_datum_status_gezet_is_always_an_rfc_3339_date_time(api, zaak, zaaktype):
    """Dutch time, but RFC 3339 offsets are whole minutes: before 1937 Amsterdam's offset was
    +00:19:32 (local mean time), so such a moment is given in UTC."""
    response = post_status(api, zaak, statustypen(zaaktype)[0], "1900-01-01T12:00:00Z")
    assert response.status_code == 201, response.json()
    assert response.json()["datumStatusGezet"] == "1900-01-01T12:00:00Z"
    response = post_status(api, zaak, statustypen(zaaktype)[1], "1940-06-01T12:00:00Z")
    assert response.json()["datumStatusGezet"] == "1940-06-01T14:00:00+02:00"


def test_create_status_is_recorded_on_the_zaak(api, zaak, zaaktype):
    body = post_status(api, zaak, statustypen(zaaktype)[0], headers={"X-Audit-Toelichting": "intake"}).json()
    entry = AuditTrail.objects.get(resource="status")
    assert (entry.actie, entry.resultaat, entry.hoofd_object, entry.resource_url, entry.toelichting) == (
        "create", 201, zaak_url(zaak), body["url"], "intake")
    assert entry.oud is None and entry.nieuw == body
    message = OutboxMessage.objects.get(resource="status")
    assert (message.kanaal, message.actie, message.hoofd_object, message.resource_url) == (
        "zaken", "create", zaak_url(zaak), body["url"])
    assert message.kenmerken["zaaktype"] == catalogi_url("zaaktypen", zaaktype)


def test_datum_status_gezet_with_an_offset_is_kept_as_that_moment(api, zaak, zaaktype):
    response = post_status(api, zaak, statustypen(zaaktype)[0], "2024-07-01T22:30:00Z")
    assert response.json()["datumStatusGezet"] == "2024-07-02T00:30:00+02:00"


def test_representations_have_exactly_the_fields_of_the_1_7_0_schemas(api, zaak, zaaktype, spec):
    rol = Rol.objects.create(zaak=zaak, betrokkene_type="medewerker", omschrijving="Behandelaar",
                             roltype=zaaktype.roltypen.get(omschrijving="Behandelaar"),
                             omschrijving_generiek="behandelaar")
    post_status(api, zaak, statustypen(zaaktype)[0], gezetdoor=f"{BASE}{ROOT}/rollen/{rol.pk}")
    status = status_json([Status.objects.get()], BASE)[0]
    assert list(status) == list(spec["Status"]["properties"])
    assert set(spec["Status"]["required"]) <= set(status)
    # without a gezetdoor, that optional (not nullable) URL is left out, and only that
    Status.objects.update(gezetdoor=None)
    status = status_json([Status.objects.get()], BASE)[0]
    assert list(status) == [name for name in spec["Status"]["properties"] if name != "gezetdoor"]
    from zaakwerk.zaken.models import Resultaat

    from .test_status_support import post_resultaat, resultaattype
    post_resultaat(api, zaak, resultaattype(zaaktype))
    resultaat = resultaat_json([Resultaat.objects.get()], BASE)[0]
    assert list(resultaat) == list(spec["Resultaat"]["properties"])


# ---- zrc-016 and bad input: 400, nothing written -------------------------------------------------------


def _nothing_written():
    assert Status.objects.count() == 0
    assert not AuditTrail.objects.filter(resource__in=["status", "zaak"]).exists()
    assert not OutboxMessage.objects.filter(resource="status").exists()


def test_zrc_016_statustype_of_another_zaaktype_is_refused(api, zaak, catalogus, system):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    response = post_status(api, zaak, statustypen(other)[0])
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "zaaktype-mismatch")]
    _nothing_written()
    zaak.refresh_from_db()
    assert zaak.huidige_status_id is None


@pytest.mark.parametrize("body, expected", [
    ({}, [("zaak", "required")]),
    ({"zaak": 12, "statustype": "x", "datumStatusGezet": "2024-03-05T10:00:00"}, [("zaak", "invalid")]),
    ({"datumStatusGezet": 20240305}, [("datumStatusGezet", "invalid")]),
    ({"datumStatusGezet": "5 maart"}, [("datumStatusGezet", "invalid")]),
    ({"datumStatusGezet": "2024-03-05"}, [("datumStatusGezet", "invalid")]),
    ({"statustoelichting": "x" * 1001}, [("statustoelichting", "max_length")]),
    ({"statustype": "geen url"}, [("statustype", "invalid")]),
    ({"statustype": f"{BASE}/catalogi/api/v1/statustypen/00000000-0000-4000-8000-000000000000"},
     [("statustype", "bad-url")]),
    ({"zaak": f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000"}, [("zaak", "bad-url")]),
    ({"zaak": "https://elders.example/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000"},
     [("zaak", "bad-url")]),
    ({"gezetdoor": f"{BASE}{ROOT}/rollen/00000000-0000-4000-8000-000000000000"}, [("gezetdoor", "bad-url")]),
])
def test_bad_input_is_refused_with_the_field_named(api, zaak, zaaktype, body, expected):
    full = {"zaak": zaak_url(zaak), "statustype": catalogi_url("statustypen", statustypen(zaaktype)[0]),
            "datumStatusGezet": "2024-03-05T10:00:00", **body}
    if body == {}:
        full = {}
    response = api.post(f"{ROOT}/statussen", full)
    assert response.status_code == 400, response.json()
    assert codes(response)[:1] == expected
    _nothing_written()


def test_a_statustype_url_naming_another_kind_of_type_is_invalid_resource(api, zaak, zaaktype):
    response = api.post(f"{ROOT}/statussen", {"zaak": zaak_url(zaak), "statustype": catalogi_url("zaaktypen", zaaktype),
                                              "datumStatusGezet": "2024-03-05T10:00:00"})
    assert response.status_code == 400
    assert codes(response) == [("statustype", "invalid-resource")]
    _nothing_written()


def test_every_bad_reference_is_reported_at_once(api, zaaktype):
    response = api.post(f"{ROOT}/statussen", {
        "zaak": f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000",
        "statustype": f"{BASE}/catalogi/api/v1/statustypen/00000000-0000-4000-8000-000000000000",
        "datumStatusGezet": "2024-03-05T10:00:00"})
    assert codes(response) == [("zaak", "bad-url"), ("statustype", "bad-url")]


def test_datum_status_gezet_in_the_future_is_refused(api, zaak, zaaktype):
    later = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    response = post_status(api, zaak, statustypen(zaaktype)[0], later)
    assert response.status_code == 400
    assert codes(response) == [("datumStatusGezet", "date-in-future")]
    _nothing_written()
    # a client clock a little ahead of ours is fine
    almost_now = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    assert post_status(api, zaak, statustypen(zaaktype)[0], almost_now).status_code == 201


def test_gezetdoor_is_a_rol_of_the_zaak(api, zaak, zaaktype):
    other = make_zaak(zaaktype)
    roltype = zaaktype.roltypen.get(omschrijving="Behandelaar")
    rol = Rol.objects.create(zaak=zaak, betrokkene_type="medewerker", roltype=roltype, omschrijving="Behandelaar",
                             omschrijving_generiek="behandelaar")
    foreign = Rol.objects.create(zaak=other, betrokkene_type="medewerker", roltype=roltype,
                                 omschrijving="Behandelaar", omschrijving_generiek="behandelaar")
    response = post_status(api, zaak, statustypen(zaaktype)[0], gezetdoor=f"{BASE}{ROOT}/rollen/{foreign.pk}")
    assert response.status_code == 400 and codes(response) == [("gezetdoor", "zaak-mismatch")]
    _nothing_written()
    response = post_status(api, zaak, statustypen(zaaktype)[0], gezetdoor=f"{BASE}{ROOT}/rollen/{rol.pk}")
    assert response.status_code == 201
    assert response.json()["gezetdoor"] == f"{BASE}{ROOT}/rollen/{rol.pk}"
    assert Status.objects.get().gezetdoor == rol


# ---- the current status: ordering by datumStatusGezet ---------------------------------------------------


def _indicaties(api, zaak) -> dict:
    results = api.get(f"{ROOT}/statussen", {"zaak": zaak_url(zaak)}).json()["results"]
    return {r["datumStatusGezet"]: r["indicatieLaatstGezetteStatus"] for r in results}


def test_the_current_status_is_the_one_with_the_latest_datum_status_gezet(api, zaak, zaaktype):
    ontvangen, behandeling, _ = statustypen(zaaktype)
    second = post_status(api, zaak, behandeling, "2024-03-06T10:00:00").json()
    earlier = post_status(api, zaak, ontvangen, "2024-03-05T10:00:00").json()  # registered afterwards
    assert second["indicatieLaatstGezetteStatus"] is True
    assert earlier["indicatieLaatstGezetteStatus"] is False
    zaak.refresh_from_db()
    assert str(zaak.huidige_status_id) == second["uuid"]
    assert _indicaties(api, zaak) == {"2024-03-06T10:00:00+01:00": True, "2024-03-05T10:00:00+01:00": False}


def test_on_equal_dates_the_status_set_last_is_current(api, zaak, zaaktype):
    ontvangen, behandeling, _ = statustypen(zaaktype)
    post_status(api, zaak, ontvangen, "2024-03-05T10:00:00")
    last = post_status(api, zaak, behandeling, "2024-03-05T10:00:00").json()
    zaak.refresh_from_db()
    assert str(zaak.huidige_status_id) == last["uuid"]


def test_status_lists_its_zaakinformatieobjecten(api, zaak, zaaktype):
    post_status(api, zaak, statustypen(zaaktype)[0])
    status = Status.objects.get()
    zio = ZaakInformatieObject.objects.create(zaak=zaak, informatieobject="https://drc.example/documenten/1",
                                              status=status)
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject="https://drc.example/documenten/2")
    body = api.get(status_url(status)).json()
    assert body["zaakinformatieobjecten"] == [f"{BASE}{ROOT}/zaakinformatieobjecten/{zio.pk}"]


# ---- retrieve, HEAD, ETag ---------------------------------------------------------------------------------


def test_retrieve_head_and_etag(api, zaak, zaaktype):
    created = post_status(api, zaak, statustypen(zaaktype)[0]).json()
    response = api.get(created["url"])
    assert response.status_code == 200 and response.json() == created
    etag = response["ETag"]
    head = api.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == etag
    assert api.get(created["url"], headers={"If-None-Match": etag}).status_code == 304
    assert api.get(created["url"], headers={"If-None-Match": '"anders"'}).status_code == 200
    assert api.get(f"{ROOT}/statussen/00000000-0000-4000-8000-000000000000").status_code == 404


def test_statussen_cannot_be_changed_or_deleted(api, zaak, zaaktype):
    created = post_status(api, zaak, statustypen(zaaktype)[0]).json()
    assert api.put(created["url"], created).status_code == 405
    assert api.patch(created["url"], {}).status_code == 405
    assert api.delete(created["url"]).status_code == 405


# ---- list filters --------------------------------------------------------------------------------------------


def test_list_filters(api, zaaktype):
    ontvangen, behandeling, _ = statustypen(zaaktype)
    zaak_a, zaak_b = make_zaak(zaaktype), make_zaak(zaaktype)
    a1 = post_status(api, zaak_a, ontvangen, "2024-03-05T10:00:00").json()
    a2 = post_status(api, zaak_a, behandeling, "2024-03-06T10:00:00").json()
    b1 = post_status(api, zaak_b, ontvangen, "2024-03-07T10:00:00").json()

    def urls(**params):
        response = api.get(f"{ROOT}/statussen", params)
        assert response.status_code == 200, response.json()
        return {r["url"] for r in response.json()["results"]}

    assert urls() == {a1["url"], a2["url"], b1["url"]}
    assert urls(zaak=zaak_url(zaak_a)) == {a1["url"], a2["url"]}
    assert urls(statustype=catalogi_url("statustypen", ontvangen)) == {a1["url"], b1["url"]}
    assert urls(indicatieLaatstGezetteStatus="true") == {a2["url"], b1["url"]}
    assert urls(indicatieLaatstGezetteStatus="false") == {a1["url"]}
    assert urls(zaak=zaak_url(zaak_a), indicatieLaatstGezetteStatus="true") == {a2["url"]}
    assert urls(zaak=f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000") == set()
    assert urls(zaak="https://elders.example/zaken/api/v1/zaken/1") == set()


@pytest.mark.parametrize("params, name", [
    ({"zaak": "geen-url"}, "zaak"),
    ({"statustype": "geen-url"}, "statustype"),
    ({"indicatieLaatstGezetteStatus": "misschien"}, "indicatieLaatstGezetteStatus"),
    ({"onbekend": "1"}, "nonFieldErrors"),
    ({"expand": "onbekend"}, "expand"),
])
def test_bad_list_parameters_are_400(api, params, name):
    response = api.get(f"{ROOT}/statussen", params)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == name


def test_the_list_is_paginated_newest_first(api, zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 2
    zaak = make_zaak(zaaktype)
    for day in (5, 7, 6):
        post_status(api, zaak, statustypen(zaaktype)[0], f"2024-03-0{day}T10:00:00")
    first = api.get(f"{ROOT}/statussen").json()
    assert first["count"] == 3 and first["next"] and first["previous"] is None
    assert [r["datumStatusGezet"][:10] for r in first["results"]] == ["2024-03-07", "2024-03-06"]
    second = api.get(first["next"]).json()
    assert [r["datumStatusGezet"][:10] for r in second["results"]] == ["2024-03-05"]


# ---- expand -------------------------------------------------------------------------------------------------


def test_expand_statustype_on_list_and_detail(api, zaak, zaaktype):
    ontvangen = statustypen(zaaktype)[0]
    created = post_status(api, zaak, ontvangen).json()
    listed = api.get(f"{ROOT}/statussen", {"expand": "statustype"}).json()["results"][0]
    expanded = listed["_expand"]["statustype"]
    assert expanded["url"] == catalogi_url("statustypen", ontvangen)
    assert expanded["omschrijving"] == "Ontvangen" and expanded["volgnummer"] == 1
    detail = api.get(created["url"], {"expand": "statustype"}).json()
    assert detail["_expand"]["statustype"] == expanded
    # an unknown expansion: 404 on a detail (zrc-027), 400 on a list
    assert api.get(created["url"], {"expand": "bestaatniet"}).status_code == 404


def test_list_with_expand_costs_the_same_number_of_queries_for_any_page_size(api, zaaktype, catalogus, system):
    other = build_zaaktype(system, catalogus, identificatie="ZT-TWEE")

    def fill(n: int):
        for i in range(n):
            zt = zaaktype if i % 2 else other
            response = post_status(api, make_zaak(zt), statustypen(zt)[i % 2], "2024-03-05T10:00:00")
            assert response.status_code == 201

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = api.get(f"{ROOT}/statussen", {"expand": "statustype"})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    fill(2)
    few, n_few = count()
    fill(12)
    many, n_many = count()
    assert (n_few, n_many) == (2, 14)
    assert few == many


# ---- authorisation of reads -------------------------------------------------------------------------------


def test_reads_are_limited_to_the_zaaktypen_and_vertrouwelijkheid_granted(api, client_for, zaaktype, catalogus, system):
    from .test_status_support import zrc

    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    open_zaak = make_zaak(zaaktype, vertrouwelijkheidaanduiding="openbaar")
    geheim = make_zaak(zaaktype, vertrouwelijkheidaanduiding="geheim")
    elders = make_zaak(other)
    visible = post_status(api, open_zaak, statustypen(zaaktype)[0]).json()
    hidden = post_status(api, geheim, statustypen(zaaktype)[0]).json()
    foreign = post_status(api, elders, statustypen(other)[0]).json()

    reader = client_for([zrc(zaaktype, "zaken.lezen", maximum="intern")])
    listed = reader.get(f"{ROOT}/statussen").json()
    assert [r["url"] for r in listed["results"]] == [visible["url"]]
    assert reader.get(visible["url"]).status_code == 200
    assert reader.get(hidden["url"]).status_code == 403
    assert reader.get(foreign["url"]).status_code == 403
    nobody = client_for([zrc(zaaktype, "zaken.aanmaken")])
    assert nobody.get(f"{ROOT}/statussen").status_code == 403


def test_status_json_costs_two_queries_for_any_number_of_statussen(api, zaaktype):
    for _ in range(2):
        post_status(api, make_zaak(zaaktype), statustypen(zaaktype)[0])

    def queries() -> int:
        statussen = list(Status.objects.all())  # zaken not loaded with them
        with CaptureQueriesContext(connection) as ctx:
            bodies = status_json(statussen, BASE)
        assert all(b["indicatieLaatstGezetteStatus"] for b in bodies)
        return len(ctx.captured_queries)

    few = queries()
    for _ in range(8):
        post_status(api, make_zaak(zaaktype), statustypen(zaaktype)[0])
    assert queries() == few == 2


def test_expand_zaak_gezetdoor_and_zaakinformatieobjecten(api, zaak, zaaktype):
    roltype = zaaktype.roltypen.get(omschrijving="Behandelaar")
    rol = Rol.objects.create(zaak=zaak, betrokkene_type="medewerker", roltype=roltype, omschrijving="Behandelaar",
                             omschrijving_generiek="behandelaar")
    created = post_status(api, zaak, statustypen(zaaktype)[0], gezetdoor=f"{BASE}{ROOT}/rollen/{rol.pk}").json()
    zio = ZaakInformatieObject.objects.create(zaak=zaak, informatieobject="https://drc.example/documenten/1",
                                              status_id=created["uuid"])
    response = api.get(created["url"], {"expand": "zaak,gezetdoor,zaakinformatieobjecten"})
    assert response.status_code == 200, response.json()
    expanded = response.json()["_expand"]
    assert expanded["zaak"]["url"] == zaak_url(zaak) and expanded["zaak"]["status"] == created["url"]
    assert expanded["gezetdoor"]["url"] == f"{BASE}{ROOT}/rollen/{rol.pk}"
    assert [z["url"] for z in expanded["zaakinformatieobjecten"]] == [f"{BASE}{ROOT}/zaakinformatieobjecten/{zio.pk}"]


def test_an_expansion_whose_resource_is_not_served_is_not_offered(api, zaak, zaaktype, monkeypatch):
    from zaakwerk.core.api import Expansion
    from zaakwerk.zaken.api.status import StatusResource

    # a register this server does not serve (here: Klantinteracties)
    monkeypatch.setattr(StatusResource, "all_expansions",
                        {**StatusResource.all_expansions, "klantcontact": Expansion("klantinteracties.klantcontact")})
    created = post_status(api, zaak, statustypen(zaaktype)[0]).json()
    assert api.get(f"{ROOT}/statussen", {"expand": "klantcontact"}).status_code == 400
    assert api.get(created["url"], {"expand": "klantcontact"}).status_code == 404
    assert api.get(created["url"], {"expand": "statustype"}).status_code == 200
