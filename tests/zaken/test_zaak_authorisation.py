"""zrc-006 for zaken: a client sees and changes only zaken of the zaaktypen it was granted, up to
the granted maximum vertrouwelijkheidaanduiding; lists are filtered, details are 403; creating
needs zaken.aanmaken on the zaak's zaaktype (and vertrouwelijkheid)."""

from __future__ import annotations

import pytest

from zaakwerk.zaken.models import Zaak

from .conftest import ROOT, build_zaaktype, zaak_body, zaaktype_url
from .test_zaak_helpers import make_zaak, zaak_url

ZAKEN = f"{ROOT}/zaken"


@pytest.fixture
def zt2(system, catalogus):
    return build_zaaktype(system, catalogus, identificatie="ZT-ANDER")


def grant(zaaktype, *scopes, max_v="openbaar") -> dict:
    return {"component": "zrc", "scopes": list(scopes), "zaaktype": zaaktype_url(zaaktype),
            "max_vertrouwelijkheidaanduiding": max_v}


@pytest.fixture
def three(zaaktype, zt2):
    return {
        "zichtbaar": make_zaak(zaaktype, identificatie="zichtbaar", vertrouwelijkheidaanduiding="openbaar"),
        "te-geheim": make_zaak(zaaktype, identificatie="te-geheim", vertrouwelijkheidaanduiding="intern"),
        "ander-type": make_zaak(zt2, identificatie="ander-type", vertrouwelijkheidaanduiding="openbaar"),
    }


def test_zrc_006a_list_shows_only_granted_zaaktypen_up_to_max_vertrouwelijkheid(client_for, zaaktype, three):
    reader = client_for([grant(zaaktype, "zaken.lezen")])
    results = reader.get(ZAKEN).json()["results"]
    assert [z["identificatie"] for z in results] == ["zichtbaar"]
    assert reader.post(f"{ZAKEN}/_zoek", {}).json()["count"] == 1
    # the maximum is inclusive, and per zaaktype
    wider = client_for([grant(zaaktype, "zaken.lezen", max_v="intern")])
    assert {z["identificatie"] for z in wider.get(ZAKEN).json()["results"]} == {"zichtbaar", "te-geheim"}


def test_zrc_006a_detail_outside_the_grants_is_403(client_for, zaaktype, three):
    reader = client_for([grant(zaaktype, "zaken.lezen")])
    assert reader.get(zaak_url(three["zichtbaar"])).status_code == 200
    for name in ("te-geheim", "ander-type"):
        response = reader.get(zaak_url(three[name]))
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
        assert reader.head(zaak_url(three[name])).status_code == 403
    assert reader.get(f"{ZAKEN}/00000000-0000-0000-0000-000000000000").status_code == 404


def test_zrc_006b_no_read_scope_is_403(client_for, zaaktype, three):
    writer = client_for([grant(zaaktype, "zaken.bijwerken")])
    response = writer.get(ZAKEN)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert writer.post(f"{ZAKEN}/_zoek", {}).status_code == 403


def test_zrc_006c_create_without_zaken_aanmaken_is_403(client_for, zaaktype):
    writer = client_for([grant(zaaktype, "zaken.bijwerken")])
    response = writer.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding="openbaar"))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not Zaak.objects.exists()


def test_create_only_for_a_granted_zaaktype_and_vertrouwelijkheid(client_for, zaaktype, zt2):
    maker = client_for([grant(zaaktype, "zaken.aanmaken", "zaken.lezen")])
    assert maker.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding="openbaar")).status_code == 201
    for body in (zaak_body(zt2, vertrouwelijkheidaanduiding="openbaar"),  # another zaaktype
                 zaak_body(zaaktype, vertrouwelijkheidaanduiding="intern"),  # above the maximum
                 zaak_body(zaaktype)):  # the zaaktype's default (zaakvertrouwelijk) is above it too
        response = maker.post(ZAKEN, body)
        assert response.status_code == 403, body
    assert Zaak.objects.count() == 1


def test_update_and_delete_need_their_scope_on_the_zaaktype(client_for, zaaktype, three):
    reader = client_for([grant(zaaktype, "zaken.lezen")])
    url = zaak_url(three["zichtbaar"])
    assert reader.patch(url, {"omschrijving": "x"}).status_code == 403
    assert reader.delete(url).status_code == 403
    editor = client_for([grant(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    assert editor.patch(url, {"omschrijving": "x"}).status_code == 200
    assert editor.patch(zaak_url(three["te-geheim"]), {"omschrijving": "x"}).status_code == 403
    assert editor.delete(url).status_code == 403
    remover = client_for([grant(zaaktype, "zaken.verwijderen")])
    assert remover.delete(zaak_url(three["ander-type"])).status_code == 403
    assert remover.delete(url).status_code == 204
    assert Zaak.objects.count() == 2


def test_audittrail_needs_audittrails_lezen_on_the_zaaktype(client_for, zaaktype, three):
    url = f"{zaak_url(three['zichtbaar'])}/audittrail"
    assert client_for([grant(zaaktype, "zaken.lezen")]).get(url).status_code == 403
    auditor = client_for([grant(zaaktype, "audittrails.lezen")])
    assert auditor.get(url).status_code == 200
    assert auditor.get(f"{zaak_url(three['te-geheim'])}/audittrail").status_code == 403


def test_expand_does_not_show_zaken_outside_the_grants(client_for, zaaktype, zt2, three):
    verborgen = three["ander-type"]
    deel = make_zaak(zaaktype, identificatie="deel", vertrouwelijkheidaanduiding="openbaar", hoofdzaak=verborgen)
    reader = client_for([grant(zaaktype, "zaken.lezen")])
    response = reader.get(zaak_url(deel), {"expand": "hoofdzaak"})
    assert response.status_code == 200
    assert response.json()["hoofdzaak"] == zaak_url(verborgen)
    assert "hoofdzaak" not in response.json()["_expand"]


def test_list_condition_is_one_exists_whatever_the_number_of_zaaktypen(client_for, system, catalogus, zaaktype):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    extra = [build_zaaktype(system, catalogus, identificatie=f"ZT-{n}") for n in range(5)]
    reader = client_for([grant(zt, "zaken.lezen") for zt in [zaaktype, *extra]])
    make_zaak(zaaktype, vertrouwelijkheidaanduiding="openbaar")
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(ZAKEN).json()["count"] == 1
    listing = [q["sql"] for q in queries.captured_queries if 'FROM "zaken_zaak"' in q["sql"]
               and "autorisaties_grant" in q["sql"]]
    assert listing and all(sql.count("EXISTS") == 1 for sql in listing)
