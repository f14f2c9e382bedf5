"""The behaviour rules of a besluit: brc-001 (besluittype), brc-002 (identificatie), brc-006 (zaak,
mirrored as zaakbesluit), brc-007 (besluittype of the zaaktype), datum, RSIN; bad input is a 400
that writes nothing. Codes as VNG's conformance suite pins them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import ZaakBesluit

from ..zaken.test_relaties_support import close, make_zaak
from .conftest import (BESLUITEN, besluit_body, besluittype_url, brc, build_zaaktype, catalogi_url, codes,
                       make_besluittype, notifications, trail, zaak_url)

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def nothing_written():
    return (not Besluit.objects.exists() and not AuditTrail.objects.filter(bron="brc").exists()
            and not OutboxMessage.objects.filter(kanaal__in=["besluiten", "zaken"]).exists()
            and not ZaakBesluit.objects.exists())


# ---- brc-001: besluittype ---------------------------------------------------------------------------


def test_brc_001a_b_c_create_put_patch(api, besluittype):
    body = besluit_body(besluittype)
    created = api.post(BESLUITEN, body)
    assert created.status_code == 201
    url = created.json()["url"]
    assert created["Location"] == url and created["API-version"] == "1.1.0"
    put = api.put(url, {**body, "toelichting": "aangepaste toelichting"})
    assert put.status_code == 200 and put.json()["toelichting"] == "aangepaste toelichting"
    patch = api.patch(url, {"bestuursorgaan": "aangepast bestuursorgaan"})
    assert patch.status_code == 200
    assert patch.json()["bestuursorgaan"] == "aangepast bestuursorgaan"
    assert patch.json()["toelichting"] == "aangepaste toelichting"


def test_brc_001d_besluittype_that_does_not_answer_is_bad_url(api, remote):
    assert codes(api.post(BESLUITEN, besluit_body(remote.base + "/404")))[0] == ("besluittype", "bad-url")
    assert nothing_written()


def test_brc_001e_besluittype_that_is_no_besluittype_is_invalid_resource(api, remote, zaaktype):
    remote.add("/200", b"", 200)  # answers, but not with a besluittype
    assert codes(api.post(BESLUITEN, besluit_body(remote.base + "/200")))[0] == ("besluittype", "invalid-resource")
    # a local URL of another resource (a zaaktype) neither
    zaaktype_url = catalogi_url("zaaktypen", zaaktype)
    assert codes(api.post(BESLUITEN, besluit_body(zaaktype_url)))[0] == ("besluittype", "invalid-resource")
    assert codes(api.post(BESLUITEN, besluit_body("geen-url")))[0] == ("besluittype", "invalid")
    assert nothing_written()


def test_brc_001f_concept_besluittype_is_refused(api, system, catalogus):
    concept = make_besluittype(system, catalogus, "TEMP", publish=False)
    assert codes(api.post(BESLUITEN, besluit_body(concept))) == [("besluittype", "not-published")]
    assert nothing_written()


def test_brc_001g_h_besluittype_cannot_change(api, system, catalogus, besluittype):
    other = make_besluittype(system, catalogus, "TEMP")
    body = besluit_body(besluittype)
    url = api.post(BESLUITEN, body).json()["url"]
    assert codes(api.put(url, {**body, "besluittype": besluittype_url(other)}))[0] == \
        ("besluittype", "wijzigen-niet-toegelaten")
    assert codes(api.patch(url, {"besluittype": besluittype_url(other)}))[0] == \
        ("besluittype", "wijzigen-niet-toegelaten")
    # repeating the same besluittype is no change
    assert api.patch(url, {"besluittype": besluittype_url(besluittype)}).status_code == 200
    assert Besluit.objects.get().besluittype_id == besluittype.pk


# ---- brc-002: identificatie -------------------------------------------------------------------------


def test_brc_002a_identificatie_unique_per_verantwoordelijke_organisatie(api, besluittype):
    assert api.post(BESLUITEN, besluit_body(besluittype, identificatie="B-1")).status_code == 201
    again = api.post(BESLUITEN, besluit_body(besluittype, identificatie="B-1"))
    assert codes(again) == [("identificatie", "identificatie-niet-uniek")]
    other = api.post(BESLUITEN, besluit_body(besluittype, identificatie="B-1", verantwoordelijkeOrganisatie="000000000"))
    assert other.status_code == 201
    assert Besluit.objects.filter(identificatie="B-1").count() == 2


def test_brc_002b_c_identificatie_cannot_change(api, besluittype):
    api.post(BESLUITEN, besluit_body(besluittype, identificatie="B-1"))
    body = besluit_body(besluittype)
    created = api.post(BESLUITEN, body).json()
    assert codes(api.put(created["url"], {**body, "identificatie": "nieuwe identificatie"}))[0] == \
        ("identificatie", "wijzigen-niet-toegelaten")
    assert codes(api.patch(created["url"], {"identificatie": "B-1"}))[0] == ("identificatie", "wijzigen-niet-toegelaten")
    # a PUT without identificatie keeps it; repeating it is fine
    assert api.put(created["url"], body).json()["identificatie"] == created["identificatie"]
    assert api.patch(created["url"], {"identificatie": created["identificatie"]}).status_code == 200


def test_brc_002d_e_verantwoordelijke_organisatie_cannot_change(api, besluittype):
    body = besluit_body(besluittype)
    url = api.post(BESLUITEN, body).json()["url"]
    expected = ("verantwoordelijkeOrganisatie", "wijzigen-niet-toegelaten")
    assert codes(api.put(url, {**body, "verantwoordelijkeOrganisatie": "245122461"}))[0] == expected
    assert codes(api.patch(url, {"verantwoordelijkeOrganisatie": "245122461"}))[0] == expected
    assert Besluit.objects.get().verantwoordelijke_organisatie == "517439943"


def test_brc_002f_identificatie_generated_in_sequence_per_organisatie(api, besluittype):
    # a client-chosen number in the series' format is skipped by the generator
    api.post(BESLUITEN, besluit_body(besluittype, identificatie=f"BESLUIT-{YEAR}-0000000002"))
    generated = [api.post(BESLUITEN, besluit_body(besluittype)).json()["identificatie"] for _ in range(2)]
    assert generated == [f"BESLUIT-{YEAR}-0000000001", f"BESLUIT-{YEAR}-0000000003"]
    blank = api.post(BESLUITEN, besluit_body(besluittype, identificatie=""))
    assert blank.json()["identificatie"] == f"BESLUIT-{YEAR}-0000000004"
    other = api.post(BESLUITEN, besluit_body(besluittype, verantwoordelijkeOrganisatie="000000000"))
    assert other.json()["identificatie"] == f"BESLUIT-{YEAR}-0000000001"


# ---- datum, RSIN, field checks ----------------------------------------------------------------------


def test_datum_not_in_the_future(api, besluittype):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert codes(api.post(BESLUITEN, besluit_body(besluittype, datum=tomorrow))) == [("datum", "future_not_allowed")]
    assert nothing_written()
    today = timezone.localdate().isoformat()
    url = api.post(BESLUITEN, besluit_body(besluittype, datum=today)).json()["url"]
    assert codes(api.patch(url, {"datum": tomorrow})) == [("datum", "future_not_allowed")]
    assert Besluit.objects.get().datum == timezone.localdate()


@pytest.mark.parametrize("value, code", [("123456789", "invalid"), ("12345678", "invalid-length"),
                                         ("12345678a", "only-digits"), ("", "blank")])
def test_verantwoordelijke_organisatie_is_an_rsin(api, besluittype, value, code):
    response = api.post(BESLUITEN, besluit_body(besluittype, verantwoordelijkeOrganisatie=value))
    assert codes(response) == [("verantwoordelijkeOrganisatie", code)]
    assert nothing_written()


@pytest.mark.parametrize("change, expected", [
    ({"datum": None}, ("datum", "null")),
    ({"datum": "2024-13-01"}, ("datum", "invalid")),
    ({"ingangsdatum": "gisteren"}, ("ingangsdatum", "invalid")),
    ({"vervalreden": "vergeten"}, ("vervalreden", "invalid_choice")),
    ({"bestuursorgaan": "x" * 51}, ("bestuursorgaan", "max_length")),
    ({"identificatie": "x" * 51}, ("identificatie", "max_length")),
    ({"vervaldatum": "morgen"}, ("vervaldatum", "invalid")),
    ({"toelichting": 12}, ("toelichting", "invalid")),
])
def test_bad_input_is_400_and_writes_nothing(api, besluittype, change, expected):
    assert codes(api.post(BESLUITEN, besluit_body(besluittype, **change))) == [expected]
    assert nothing_written()


@pytest.mark.parametrize("missing", ["verantwoordelijkeOrganisatie", "besluittype", "datum", "ingangsdatum"])
def test_required_fields(api, besluittype, missing):
    body = besluit_body(besluittype)
    del body[missing]
    assert codes(api.post(BESLUITEN, body)) == [(missing, "required")]
    assert nothing_written()


def test_not_json_is_400_and_other_media_type_415(api, besluittype):
    response = api.post(BESLUITEN, "{niet json", content_type="application/json")
    assert codes(response)[0][1] == "parse_error"
    assert api.post(BESLUITEN, "a=b", content_type="text/plain").status_code == 415
    assert nothing_written()


def test_put_needs_the_required_fields(api, besluittype):
    body = besluit_body(besluittype)
    url = api.post(BESLUITEN, body).json()["url"]
    assert codes(api.put(url, {"verantwoordelijkeOrganisatie": "517439943", "besluittype": body["besluittype"],
                               "datum": "2024-03-01"})) == [("ingangsdatum", "required")]


# ---- brc-006 / brc-007: the zaak -------------------------------------------------------------------


def test_brc_006_besluit_with_a_zaak_appears_under_the_zaak(api, besluittype, zaak):
    response = api.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak)))
    assert response.status_code == 201
    besluit = response.json()
    assert besluit["zaak"] == zaak_url(zaak)
    zaakbesluiten = api.get(f"/zaken/api/v1/zaken/{zaak.pk}/besluiten").json()
    assert [z["besluit"] for z in zaakbesluiten] == [besluit["url"]]
    # recorded on both main objects, announced on both kanalen
    assert trail(Besluit.objects.get().pk) == [("besluit", "create")]
    assert ("zaakbesluit", "create") in list(AuditTrail.objects.filter(hoofd_object_uuid=zaak.pk)
                                             .values_list("resource", "actie"))
    assert notifications() == [("besluit", "create")]
    assert notifications("zaken") == [("zaakbesluit", "create")]


def test_brc_006_zaak_must_resolve(api, besluittype, remote, zaaktype):
    expected = [
        (remote.base + "/404", ("zaak", "bad-url")),
        (remote.add("/geen-zaak", {"url": "x"}), ("zaak", "invalid-resource")),
        ("http://testserver/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000", ("zaak", "bad-url")),
        (catalogi_url("zaaktypen", zaaktype), ("zaak", "invalid-resource")),
        ("geen url", ("zaak", "invalid")),
    ]
    for value, error in expected:
        assert codes(api.post(BESLUITEN, besluit_body(besluittype, zaak=value))) == [error], value
    assert nothing_written()


def test_brc_006_a_foreign_zaak_is_fetched_and_not_mirrored(api, besluittype, zaaktype, remote):
    foreign = remote.add("/zaken/api/v1/zaken/1", {"url": "x", "bronorganisatie": "000000000",
                                                   "zaaktype": catalogi_url("zaaktypen", zaaktype)})
    response = api.post(BESLUITEN, besluit_body(besluittype, zaak=foreign))
    assert response.status_code == 201 and response.json()["zaak"] == foreign
    assert not ZaakBesluit.objects.exists()
    assert "/zaken/api/v1/zaken/1" in remote.paths_requested()


def test_brc_006_zaak_cannot_change(api, besluittype, zaak, zaaktype):
    body = besluit_body(besluittype, zaak=zaak_url(zaak))
    url = api.post(BESLUITEN, body).json()["url"]
    other = make_zaak(zaaktype)
    assert codes(api.patch(url, {"zaak": zaak_url(other)})) == [("zaak", "wijzigen-niet-toegelaten")]
    assert codes(api.patch(url, {"zaak": None})) == [("zaak", "wijzigen-niet-toegelaten")]
    assert codes(api.put(url, {**body, "zaak": ""})) == [("zaak", "wijzigen-niet-toegelaten")]
    # the same zaak again, or a PUT without zaak, keeps it
    assert api.patch(url, {"zaak": zaak_url(zaak)}).status_code == 200
    body.pop("zaak")
    assert api.put(url, body).json()["zaak"] == zaak_url(zaak)
    # a besluit without zaak does not get one later
    plain = api.post(BESLUITEN, besluit_body(besluittype)).json()["url"]
    assert codes(api.patch(plain, {"zaak": zaak_url(zaak)})) == [("zaak", "wijzigen-niet-toegelaten")]
    assert api.patch(plain, {"zaak": None}).status_code == 200
    assert ZaakBesluit.objects.count() == 1


def test_brc_007_besluittype_must_belong_to_the_zaaktype(api, system, catalogus, zaak):
    temp = make_besluittype(system, catalogus, "TEMP")
    response = api.post(BESLUITEN, besluit_body(temp, zaak=zaak_url(zaak)))
    assert codes(response) == [("nonFieldErrors", "zaaktype-mismatch")]
    assert nothing_written()


def test_brc_007_for_a_foreign_zaak(api, besluittype, system, catalogus, remote):
    other_zaaktype = build_zaaktype(system, catalogus, identificatie="ZT-ANDERS")  # no besluittypen
    mismatch = remote.add("/zaken/api/v1/zaken/2", {"url": "x", "bronorganisatie": "000000000",
                                                    "zaaktype": catalogi_url("zaaktypen", other_zaaktype)})
    assert codes(api.post(BESLUITEN, besluit_body(besluittype, zaak=mismatch))) == \
        [("nonFieldErrors", "zaaktype-mismatch")]
    # a zaaktype of another Catalogi API that names our besluittype
    foreign_type = remote.add("/catalogi/api/v1/zaaktypen/9", {"besluittypen": [besluittype_url(besluittype)]})
    zaak = remote.add("/zaken/api/v1/zaken/3", {"url": "x", "bronorganisatie": "000000000", "zaaktype": foreign_type})
    assert api.post(BESLUITEN, besluit_body(besluittype, zaak=zaak)).status_code == 201
    unknown_type = remote.add("/zaken/api/v1/zaken/4", {"url": "x", "bronorganisatie": "000000000",
                                                        "zaaktype": remote.base + "/weg"})
    assert codes(api.post(BESLUITEN, besluit_body(besluittype, zaak=unknown_type))) == \
        [("nonFieldErrors", "zaaktype-mismatch")]


def test_brc_006_closed_zaak_needs_zaken_geforceerd_bijwerken(api, client_for, besluittype, zaak, zaaktype):
    close(zaak)
    brc_only = client_for([brc(besluittype, "besluiten.aanmaken", "besluiten.lezen")])
    response = brc_only.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak)))
    assert response.status_code == 403
    assert nothing_written()  # the besluit written before the zaakbesluit was refused is rolled back
    forced = client_for([brc(besluittype, "besluiten.aanmaken"),
                         {"component": "zrc", "scopes": ["zaken.geforceerd-bijwerken"],
                          "zaaktype": catalogi_url("zaaktypen", zaaktype),
                          "max_vertrouwelijkheidaanduiding": "zeer_geheim"}])
    assert forced.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak))).status_code == 201
    assert ZaakBesluit.objects.filter(zaak=zaak).count() == 1


def test_all_problems_reported_at_once(api, besluittype):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = api.post(BESLUITEN, besluit_body(besluittype, verantwoordelijkeOrganisatie="123456789", datum=tomorrow,
                                                zaak="http://testserver/zaken/api/v1/zaken/x"))
    assert sorted(codes(response)) == [("datum", "future_not_allowed"), ("verantwoordelijkeOrganisatie", "invalid"),
                                       ("zaak", "bad-url")]
