"""ZAAKEIGENSCHAPpen over HTTP (Zaken API 1.7.0 ``/zaken/{zaak_uuid}/zaakeigenschappen``): the
nested route with plain-array lists, zrc-018, the copied naam, only ``waarde`` changing, the 1.7
``X-Warning`` for a waarde outside the specificatie, zrc-007 and authorisation."""

from __future__ import annotations

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.zaken.models import ZaakEigenschap

from .conftest import BASE, ROOT, build_zaaktype
from .test_relaties_support import (
    add_eigenschap,
    catalogi_url,
    close,
    codes,
    eigenschap,
    make_zaak,
    notifications,
    spec_properties,
    trail,
    zaak_url,
    zrc,
)

pytestmark = pytest.mark.django_db


def collection(zaak) -> str:
    return f"{ROOT}/zaken/{zaak.pk}/zaakeigenschappen"


def post(client, zaak, eig, waarde="AB-123-C", **extra):
    return client.post(collection(zaak), {"zaak": zaak_url(zaak), "eigenschap": catalogi_url("eigenschappen", eig),
                                          "waarde": waarde, **extra})


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


@pytest.fixture
def soorten(system, catalogus):
    """A published zaaktype with an eigenschap of every formaat (and its zaak)."""
    zt = build_zaaktype(system, catalogus, identificatie="ZT-EIGENSCHAPPEN", publish=False)
    add_eigenschap(system, zt, "bedrag", "getal", "8,2")
    add_eigenschap(system, zt, "aantal", "getal", "3")
    add_eigenschap(system, zt, "datum", "datum", "8")
    add_eigenschap(system, zt, "tijdstip", "datum_tijd", "14")
    add_eigenschap(system, zt, "kleur", "tekst", "10", waardenverzameling=["rood", "groen"])
    add_eigenschap(system, zt, "bijlage", "tekst", "20", kardinaliteit="2")
    add_eigenschap(system, zt, "opmerking", "tekst", "40", kardinaliteit="N")
    zt = catalogi.publish_zaaktype(system, zt)
    return zt, make_zaak(zt)


# ---- create and read --------------------------------------------------------------------------------------


def test_create_copies_the_naam_and_reads_back(api, zaak, zaaktype):
    response = post(api, zaak, eigenschap(zaaktype), "AB-123-C")
    assert response.status_code == 201, response.json()
    obj = ZaakEigenschap.objects.get()
    url = f"{BASE}{ROOT}/zaken/{zaak.pk}/zaakeigenschappen/{obj.pk}"
    assert response.json() == {"url": url, "uuid": str(obj.pk), "zaak": zaak_url(zaak),
                               "eigenschap": catalogi_url("eigenschappen", eigenschap(zaaktype)),
                               "naam": "kenteken", "waarde": "AB-123-C"}
    assert list(response.json()) == spec_properties("ZaakEigenschap")
    assert response["Location"] == url and "X-Warning" not in response
    assert api.get(url).json() == response.json()
    head = api.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == api.get(url)["ETag"]


def test_the_list_is_a_plain_array_of_this_zaak_only(api, zaak, zaaktype):
    other = make_zaak(zaaktype)
    mine = post(api, zaak, eigenschap(zaaktype)).json()
    post(api, other, eigenschap(zaaktype))
    response = api.get(collection(zaak))
    assert response.status_code == 200 and response.json() == [mine]
    assert api.get(f"{ROOT}/zaken/00000000-0000-4000-8000-000000000000/zaakeigenschappen").status_code == 404
    # a zaakeigenschap is only found under its own zaak
    assert api.get(f"{collection(other)}/{mine['uuid']}").status_code == 404


def test_zrc_018_eigenschap_of_another_zaaktype_is_refused(api, zaak, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    response = post(api, zaak, eigenschap(other), "ja")
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "zaaktype-mismatch")
    assert not ZaakEigenschap.objects.exists()


@pytest.mark.parametrize("change, expected", [
    ({"eigenschap": f"{BASE}/catalogi/api/v1/eigenschappen/00000000-0000-4000-8000-000000000000"},
     ("eigenschap", "bad-url")),
    ({"eigenschap": "geen url"}, ("eigenschap", "invalid")),
    ({"waarde": None}, ("waarde", "null")),
    ({"waarde": 12}, ("waarde", "invalid")),
    ({"zaak": None}, ("zaak", "null")),
])
def test_bad_input_is_a_400(api, zaak, zaaktype, change, expected):
    body = {"zaak": zaak_url(zaak), "eigenschap": catalogi_url("eigenschappen", eigenschap(zaaktype)), "waarde": "x",
            **change}
    response = api.post(collection(zaak), body)
    assert response.status_code == 400 and expected in codes(response)
    assert not ZaakEigenschap.objects.exists()


def test_the_zaak_in_the_body_is_the_zaak_of_the_path(api, zaak, zaaktype):
    other = make_zaak(zaaktype)
    response = api.post(collection(zaak), {"zaak": zaak_url(other), "eigenschap": catalogi_url(
        "eigenschappen", eigenschap(zaaktype)), "waarde": "x"})
    assert codes(response) == [("zaak", "invalid")]
    missing = api.post(collection(zaak), {"eigenschap": catalogi_url("eigenschappen", eigenschap(zaaktype)), "waarde": "x"})
    assert codes(missing) == [("zaak", "required")]


# ---- the 1.7 warning ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("naam, waarde, deviates", [
    ("kenteken", "AB-123-C", False),
    ("kenteken", "AB-123-CD", True),  # 9 > lengte 8
    ("bedrag", "12345678,99", False),
    ("bedrag", "-12,5", False),
    ("bedrag", "123456789", True),
    ("bedrag", "12,345", True),
    ("bedrag", "twaalf", True),
    ("aantal", "999", False),
    ("aantal", "1,5", True),
    ("datum", "20240229", False),
    ("datum", "20230229", True),
    ("datum", "2024-02-29", True),
    ("tijdstip", "20240229235959", False),
    ("tijdstip", "20240229246000", True),
    ("kleur", "rood", False),
    ("kleur", "blauw", True),
])
def test_a_waarde_outside_the_specificatie_is_stored_with_an_x_warning(api, soorten, naam, waarde, deviates):
    zt, zaak = soorten
    response = post(api, zaak, eigenschap(zt, naam), waarde)
    assert response.status_code == 201, response.json()
    assert ZaakEigenschap.objects.get().waarde == waarde
    assert ("X-Warning" in response) is deviates
    if deviates:
        assert response["X-Warning"].startswith(f"De waarde voldoet niet aan de specificatie van eigenschap '{naam}'")


def test_kardinaliteit_counts_the_values_of_the_eigenschap(api, soorten):
    zt, zaak = soorten
    assert "X-Warning" not in post(api, zaak, eigenschap(zt, "bijlage"), "a")
    assert "X-Warning" not in post(api, zaak, eigenschap(zt, "bijlage"), "b")
    third = post(api, zaak, eigenschap(zt, "bijlage"), "c")
    assert third.status_code == 201 and "kardinaliteit is 2" in third["X-Warning"]
    for n in range(3):
        assert "X-Warning" not in post(api, zaak, eigenschap(zt, "opmerking"), str(n))  # N: any number


def test_updates_warn_too(api, zaak, zaaktype):
    url = post(api, zaak, eigenschap(zaaktype)).json()["url"]
    patched = api.patch(url, {"waarde": "veel te lang kenteken"})
    assert patched.status_code == 200 and "langer dan 8 tekens" in patched["X-Warning"]
    put = api.put(url, {"zaak": zaak_url(zaak), "eigenschap": catalogi_url("eigenschappen", eigenschap(zaaktype)),
                        "waarde": "XX-99-YY"})
    assert put.status_code == 200 and "X-Warning" not in put
    assert put.json()["waarde"] == "XX-99-YY"


# ---- only the waarde changes ------------------------------------------------------------------------------------


def test_only_the_waarde_may_change(api, zaak, zaaktype, soorten):
    zt, _zaak = soorten
    url = post(api, zaak, eigenschap(zaaktype)).json()["url"]
    other_zaak = make_zaak(zaaktype)
    cases = [
        ({"zaak": zaak_url(other_zaak)}, ("zaak", "wijzigen-niet-toegelaten")),
        ({"eigenschap": catalogi_url("eigenschappen", eigenschap(zt, "kleur"))}, ("eigenschap", "wijzigen-niet-toegelaten")),
        ({"eigenschap": f"{BASE}/catalogi/api/v1/eigenschappen/00000000-0000-4000-8000-000000000000"},
         ("eigenschap", "wijzigen-niet-toegelaten")),
    ]
    for change, expected in cases:
        response = api.patch(url, {**change, "waarde": "NEW"})
        assert response.status_code == 400 and codes(response) == [expected], change
    assert ZaakEigenschap.objects.get().waarde == "AB-123-C"
    assert api.patch(url, {"zaak": zaak_url(zaak), "waarde": "NEW-1"}).json()["waarde"] == "NEW-1"
    assert api.put(url, {"waarde": "x"}).status_code == 400  # a PUT is whole


def test_delete_and_the_recording_of_every_write(api, zaak, zaaktype):
    url = post(api, zaak, eigenschap(zaaktype)).json()["url"]
    api.patch(url, {"waarde": "B"})
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    expected = [("zaakeigenschap", "create"), ("zaakeigenschap", "partial_update"), ("zaakeigenschap", "destroy")]
    assert trail(zaak) == expected and notifications() == expected


def test_expand_eigenschap(api, zaak, zaaktype):
    url = post(api, zaak, eigenschap(zaaktype)).json()["url"]
    expanded = api.get(url, {"expand": "eigenschap"}).json()["_expand"]["eigenschap"]
    assert expanded["naam"] == "kenteken" and expanded["specificatie"]["lengte"] == "8"


# ---- zrc-007 and authorisation --------------------------------------------------------------------------------


def test_zrc_007_closed_zaak_eigenschappen_change_only_with_geforceerd_bijwerken(api, client_for, zaaktype):
    zaak = make_zaak(zaaktype)
    url = post(api, zaak, eigenschap(zaaktype)).json()["url"]
    close(zaak)
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    for response in (post(client, zaak, eigenschap(zaaktype)), client.patch(url, {"waarde": "x"}), client.delete(url)):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    forced = client_for([zrc(zaaktype, "zaken.lezen", "zaken.geforceerd-bijwerken")])
    assert post(forced, zaak, eigenschap(zaaktype)).status_code == 201
    assert forced.patch(url, {"waarde": "x"}).status_code == 200
    assert forced.delete(url).status_code == 204


def test_authorisation_per_zaaktype(api, client_for, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    mine, theirs = make_zaak(zaaktype), make_zaak(other)
    mine_url = post(api, mine, eigenschap(zaaktype)).json()["url"]
    theirs_url = post(api, theirs, eigenschap(other)).json()["url"]
    reader = client_for([zrc(zaaktype, "zaken.lezen")])
    assert len(reader.get(collection(mine)).json()) == 1
    assert reader.get(collection(theirs)).status_code == 403
    assert reader.get(theirs_url).status_code == 403
    assert reader.get(mine_url).status_code == 200
    assert post(reader, mine, eigenschap(zaaktype)).status_code == 403  # no zaken.bijwerken
    writer = client_for([zrc(zaaktype, "zaken.bijwerken")])
    assert post(writer, mine, eigenschap(zaaktype)).status_code == 201
    assert post(writer, theirs, eigenschap(other)).status_code == 403


def test_a_zaak_expands_its_eigenschappen_through_this_resource(api, zaak, zaaktype, client_for):
    from zaakwerk.core.api import REGISTRY

    post(api, zaak, eigenschap(zaaktype))
    if "zaken.zaak" not in REGISTRY:
        pytest.skip("the zaak resource is not served yet")
    reader = client_for([zrc(zaaktype, "zaken.lezen")])
    response = reader.get(zaak_url(zaak), {"expand": "eigenschappen.eigenschap"})
    assert response.status_code == 200, response.json()
    (expanded,) = response.json()["_expand"]["eigenschappen"]
    assert expanded["waarde"] == "AB-123-C" and expanded["_expand"]["eigenschap"]["naam"] == "kenteken"
