"""ZAAKNOTITIEs over HTTP (Zaken API 1.7.0 ``/zaaknotities``, new and experimental in 1.7): CRUD,
every filter including the ``__icontains`` ones and the date-time ranges, ``pageSize``, the
"only while not definitief" rule, zrc-007 and authorisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.zaken.models import ZaakNotitie

from .conftest import BASE, ROOT, build_zaaktype
from .test_relaties_support import close, codes, make_zaak, notifications, spec_properties, trail, zaak_url, zrc

pytestmark = pytest.mark.django_db

NOTITIES = f"{ROOT}/zaaknotities"


def post(client, zaak, **extra):
    return client.post(NOTITIES, {"gerelateerdAan": zaak_url(zaak), "onderwerp": "Telefoon",
                                  "tekst": "Aanvrager belde", **extra})


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def test_create_and_read(api, zaak):
    response = post(api, zaak, aangemaaktDoor="Jan", notitieType="intern", status="concept")
    assert response.status_code == 201, response.json()
    obj = ZaakNotitie.objects.get()
    body = response.json()
    assert body == {
        "url": f"{BASE}{ROOT}/zaaknotities/{obj.pk}", "onderwerp": "Telefoon", "tekst": "Aanvrager belde",
        "aangemaaktDoor": "Jan", "notitieType": "intern", "status": "concept",
        "aanmaakdatum": body["aanmaakdatum"], "wijzigingsdatum": body["wijzigingsdatum"],
        "gerelateerdAan": zaak_url(zaak),
    }
    assert list(body) == spec_properties("ZaakNotitie")
    assert body["aanmaakdatum"].endswith("Z") and response["Location"] == body["url"]
    assert api.get(body["url"]).json() == body
    assert trail(zaak) == [("zaaknotitie", "create")]
    assert notifications() == []  # the standard announces no zaaknotities


def test_notitie_type_and_status_default_to_intern_and_concept(api, zaak):
    body = post(api, zaak).json()
    assert (body["notitieType"], body["status"]) == ("intern", "concept")


@pytest.mark.parametrize("change, expected", [
    ({"onderwerp": ""}, ("onderwerp", "blank")),
    ({"tekst": "  "}, ("tekst", "blank")),
    ({"tekst": None}, ("tekst", "null")),
    ({"onderwerp": "x" * 256}, ("onderwerp", "max_length")),
    ({"notitieType": "geheim"}, ("notitieType", "invalid_choice")),
    ({"status": "klaar"}, ("status", "invalid_choice")),
    ({"gerelateerdAan": f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000"}, ("gerelateerdAan", "bad-url")),
])
def test_bad_input(api, zaak, change, expected):
    response = post(api, zaak, **change)
    assert response.status_code == 400 and expected in codes(response)
    assert not ZaakNotitie.objects.exists()
    assert codes(api.post(NOTITIES, {"gerelateerdAan": zaak_url(zaak)})) == [("onderwerp", "required")]


def test_a_concept_notitie_is_changed_until_it_is_definitief(api, zaak):
    url = post(api, zaak, status="concept").json()["url"]
    put = api.put(url, {"gerelateerdAan": zaak_url(zaak), "onderwerp": "Balie", "tekst": "Langs geweest"})
    assert put.status_code == 200, put.json()
    # a PUT is whole: what it leaves out gets the default
    assert (put.json()["onderwerp"], put.json()["status"], put.json()["notitieType"], put.json()["aangemaaktDoor"]) \
        == ("Balie", "concept", "intern", "")
    final = api.patch(url, {"status": "definitief", "tekst": "Definitief verslag"})
    assert final.status_code == 200 and final.json()["status"] == "definitief"
    assert final.json()["wijzigingsdatum"] >= final.json()["aanmaakdatum"]
    for response in (api.patch(url, {"tekst": "nog even"}), api.put(url, {
            "gerelateerdAan": zaak_url(zaak), "onderwerp": "x", "tekst": "y", "status": "concept"})):
        assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "notitie-definitief")]
    assert ZaakNotitie.objects.get().tekst == "Definitief verslag"
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert trail(zaak) == [("zaaknotitie", a) for a in ("create", "update", "partial_update", "destroy")]


def test_moving_a_notitie_needs_rights_on_both_zaken(api, client_for, zaaktype, system, catalogus):
    other_type = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    zaak, same_type, elders = make_zaak(zaaktype), make_zaak(zaaktype), make_zaak(other_type)
    url = post(api, zaak).json()["url"]
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    assert client.patch(url, {"gerelateerdAan": zaak_url(elders)}).status_code == 403
    moved = client.patch(url, {"gerelateerdAan": zaak_url(same_type)})
    assert moved.status_code == 200 and moved.json()["gerelateerdAan"] == zaak_url(same_type)
    assert trail(same_type) == [("zaaknotitie", "partial_update")]


# ---- filters and pageSize ------------------------------------------------------------------------------------


def test_every_filter(api, zaaktype):
    zaak, other = make_zaak(zaaktype), make_zaak(zaaktype)
    a = post(api, zaak, onderwerp="Telefoongesprek", tekst="Belde over de VERGUNNING", aangemaaktDoor="Jan Jansen",
             notitieType="intern", status="concept").json()
    b = post(api, other, onderwerp="Brief", tekst="Brief verstuurd", aangemaaktDoor="Piet", notitieType="extern",
             status="definitief").json()
    old = timezone.now() - dt.timedelta(days=10)
    ZaakNotitie.objects.filter(pk=b["url"].rsplit("/", 1)[-1]).update(aanmaakdatum=old, wijzigingsdatum=old)
    cut = (timezone.now() - dt.timedelta(days=5)).isoformat()

    def urls(**params):
        response = api.get(NOTITIES, params)
        assert response.status_code == 200, response.json()
        return [n["url"] for n in response.json()["results"]]

    cases = [
        ({"aangemaaktDoor": "Piet"}, [b]), ({"aangemaaktDoor": "piet"}, []),
        ({"aangemaaktDoor__icontains": "JANSEN"}, [a]),
        ({"onderwerp": "Brief"}, [b]), ({"onderwerp__icontains": "telefoon"}, [a]),
        ({"tekst": "Brief verstuurd"}, [b]), ({"tekst__icontains": "vergunning"}, [a]),
        ({"notitieType": "extern"}, [b]), ({"status": "concept"}, [a]),
        ({"gerelateerdAan": zaak_url(other)}, [b]),
        ({"aanmaakdatum__gt": cut}, [a]), ({"aanmaakdatum__gte": cut}, [a]),
        ({"aanmaakdatum__lt": cut}, [b]), ({"aanmaakdatum__lte": cut}, [b]),
        ({"aanmaakdatum": old.isoformat()}, [b]),
        ({"wijzigingsdatum__gt": cut}, [a]), ({"wijzigingsdatum__lt": cut}, [b]),
        ({"wijzigingsdatum__gte": cut, "wijzigingsdatum__lte": timezone.now().isoformat()}, [a]),
        ({"wijzigingsdatum": old.isoformat()}, [b]),
    ]
    for params, expected in cases:
        assert urls(**params) == [n["url"] for n in expected], params
    for bad in ({"notitieType": "geheim"}, {"aanmaakdatum__gt": "gisteren"}, {"gerelateerdAan": "12"}, {"x": "1"}):
        assert api.get(NOTITIES, bad).status_code == 400, bad


def test_page_size(api, zaak):
    for n in range(5):
        post(api, zaak, onderwerp=f"n{n}")
    first = api.get(NOTITIES, {"pageSize": 2}).json()
    assert first["count"] == 5 and [n["onderwerp"] for n in first["results"]] == ["n0", "n1"]
    assert "pageSize=2" in first["next"] and first["previous"] is None
    second = api.get(first["next"]).json()
    assert [n["onderwerp"] for n in second["results"]] == ["n2", "n3"]
    last = api.get(NOTITIES, {"pageSize": 2, "page": 3}).json()
    assert [n["onderwerp"] for n in last["results"]] == ["n4"] and last["next"] is None
    assert len(api.get(NOTITIES, {"pageSize": 100000}).json()["results"]) == 5
    assert len(api.get(NOTITIES).json()["results"]) == 5
    for bad in ("0", "-1", "twee"):
        assert api.get(NOTITIES, {"pageSize": bad}).status_code == 400
    assert api.head(NOTITIES).status_code == 200


# ---- zrc-007 and authorisation ---------------------------------------------------------------------------------


def test_zrc_007_a_closed_zaak_keeps_its_notities_unless_forced(api, client_for, zaaktype):
    zaak = make_zaak(zaaktype)
    url = post(api, zaak).json()["url"]
    close(zaak)
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    for response in (post(client, zaak), client.patch(url, {"tekst": "x"}), client.delete(url)):
        assert response.status_code == 403
    forced = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken")])
    assert forced.patch(url, {"tekst": "x"}).status_code == 200


def test_authorisation_per_zaaktype(api, client_for, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    mine = post(api, make_zaak(zaaktype)).json()
    theirs = post(api, make_zaak(other)).json()
    reader = client_for([zrc(zaaktype, "zaken.lezen")])
    assert [n["url"] for n in reader.get(NOTITIES).json()["results"]] == [mine["url"]]
    assert reader.get(theirs["url"]).status_code == 403
    assert reader.patch(mine["url"], {"tekst": "x"}).status_code == 403
    assert post(reader, make_zaak(zaaktype)).status_code == 403
    writer = client_for([zrc(zaaktype, "zaken.bijwerken")])
    assert post(writer, make_zaak(zaaktype)).status_code == 201
    assert post(writer, make_zaak(other)).status_code == 403
    # zaken.geforceerd-bijwerken is not a scope of the notities operations
    assert post(client_for([zrc(zaaktype, "zaken.geforceerd-bijwerken")]), make_zaak(zaaktype)).status_code == 403


def test_a_date_time_filter_without_offset_is_dutch_time(api, zaak):
    url = post(api, zaak).json()["url"]
    moment = dt.datetime(2024, 6, 1, 10, 0, tzinfo=dt.timezone.utc)  # 12:00 in Amsterdam (summer time)
    ZaakNotitie.objects.filter(pk=url.rsplit("/", 1)[-1]).update(aanmaakdatum=moment)
    assert len(api.get(NOTITIES, {"aanmaakdatum__gte": "2024-06-01T11:59:00"}).json()["results"]) == 1
    assert len(api.get(NOTITIES, {"aanmaakdatum__gte": "2024-06-01T12:01:00"}).json()["results"]) == 0
    assert len(api.get(NOTITIES, {"aanmaakdatum__lt": "2024-06-02"}).json()["results"]) == 1
