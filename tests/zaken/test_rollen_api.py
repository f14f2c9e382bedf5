"""ROLlen over HTTP (Zaken API 1.7.0 ``/rollen``): every betrokkeneType round-tripping exactly,
the roltype rule (zrc-019, VNG's folder ztc-019), the copied omschrijvingen, bad input, zrc-007,
authorisation per zaaktype, the audit trail and notifications."""

from __future__ import annotations

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.core.api import REGISTRY
from zaakwerk.zaken.models import Rol, Status

from .conftest import BASE, ROOT, build_zaaktype
from .test_relaties_support import (
    catalogi_url,
    close,
    codes,
    make_zaak,
    notifications,
    roltype,
    roltype_url,
    spec_properties,
    trail,
    zaak_url,
    zrc,
)

pytestmark = pytest.mark.django_db

ROLLEN = f"{ROOT}/rollen"

VERBLIJFSADRES = {"aoaIdentificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam",
                  "gorOpenbareRuimteNaam": "Dam", "aoaHuisnummer": 1}
VERBLIJFSADRES_FULL = {**VERBLIJFSADRES, "aoaPostcode": "", "aoaHuisletter": "", "aoaHuisnummertoevoeging": "",
                       "inpLocatiebeschrijving": ""}
BUITENLAND = {"lndLandcode": "6030", "lndLandnaam": "Nederland", "subAdresBuitenland_1": "Rue 1"}
BUITENLAND_FULL = {**BUITENLAND, "subAdresBuitenland_2": "", "subAdresBuitenland_3": ""}

# betrokkeneType -> (what is sent, what the standard's complete object then is)
IDENTIFICATIES = {
    "natuurlijk_persoon": (
        {"inpBsn": "111222333", "geslachtsnaam": "Jansen", "voorletters": "J.", "geslachtsaanduiding": "v",
         "geboortedatum": "19700101", "inpA_nummer": "1234567890", "verblijfsadres": VERBLIJFSADRES,
         "subVerblijfBuitenland": BUITENLAND},
        {"inpBsn": "111222333", "anpIdentificatie": "", "inpA_nummer": "1234567890", "geslachtsnaam": "Jansen",
         "voorvoegselGeslachtsnaam": "", "voorletters": "J.", "voornamen": "", "geslachtsaanduiding": "v",
         "geboortedatum": "19700101", "verblijfsadres": VERBLIJFSADRES_FULL,
         "subVerblijfBuitenland": BUITENLAND_FULL},
    ),
    "niet_natuurlijk_persoon": (
        {"innNnpId": "517439943", "statutaireNaam": "Gemeente Test", "innRechtsvorm": "publiekrechtelijke_rechtspersoon"},
        {"innNnpId": "517439943", "annIdentificatie": "", "statutaireNaam": "Gemeente Test",
         "innRechtsvorm": "publiekrechtelijke_rechtspersoon", "bezoekadres": "", "subVerblijfBuitenland": None},
    ),
    "vestiging": (
        {"vestigingsNummer": "000012345678", "handelsnaam": ["Bakkerij", "Broodje"], "kvkNummer": "12345678",
         "verblijfsadres": VERBLIJFSADRES},
        {"vestigingsNummer": "000012345678", "handelsnaam": ["Bakkerij", "Broodje"],
         "verblijfsadres": VERBLIJFSADRES_FULL, "subVerblijfBuitenland": None, "kvkNummer": "12345678"},
    ),
    "organisatorische_eenheid": (
        {"identificatie": "OE-VERGUNNINGEN", "naam": "Vergunningen"},
        {"identificatie": "OE-VERGUNNINGEN", "naam": "Vergunningen", "isGehuisvestIn": ""},
    ),
    "medewerker": (
        {"identificatie": "m" * 254, "achternaam": "de Vries", "voorletters": "K."},
        {"identificatie": "m" * 254, "achternaam": "de Vries", "voorletters": "K.", "voorvoegselAchternaam": ""},
    ),
}


def rol_body(zaak, zaaktype, betrokkene_type="natuurlijk_persoon", **extra) -> dict:
    return {"zaak": zaak_url(zaak), "betrokkeneType": betrokkene_type, "roltype": roltype_url(zaaktype),
            "roltoelichting": "aanvrager", **extra}


def post_rol(client, zaak, zaaktype, betrokkene_type="natuurlijk_persoon", **extra):
    return client.post(ROLLEN, rol_body(zaak, zaaktype, betrokkene_type, **extra))


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


# ---- create and read back ----------------------------------------------------------------------------


@pytest.mark.parametrize("betrokkene_type", list(IDENTIFICATIES))
def test_every_betrokkene_type_round_trips_exactly(api, zaak, zaaktype, betrokkene_type):
    sent, complete = IDENTIFICATIES[betrokkene_type]
    response = post_rol(api, zaak, zaaktype, betrokkene_type, betrokkeneIdentificatie=copy.deepcopy(sent))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["betrokkeneIdentificatie"] == complete
    assert response["Location"] == body["url"]
    again = api.get(body["url"])
    assert again.status_code == 200 and again.json() == body
    # the exact field set of the standard's variant for this betrokkeneType, but for the optional,
    # not nullable URL ``betrokkene``: this rol has none, and "" is no URL, so it is left out
    assert list(body) == [name for name in spec_properties(f"{betrokkene_type}_Rol") if name != "betrokkene"]
    with_url = post_rol(api, zaak, zaaktype, betrokkene_type, betrokkene="https://personen.example/1",
                        betrokkeneIdentificatie=copy.deepcopy(sent)).json()
    assert list(with_url) == spec_properties(f"{betrokkene_type}_Rol")


def test_create_response_has_every_field_with_the_copied_omschrijvingen(api, zaak, zaaktype):
    response = post_rol(api, zaak, zaaktype, betrokkene="https://brp.example/ingeschrevenpersonen/111222333",
                        afwijkendeNaamBetrokkene="Jet", indicatieMachtiging="gemachtigde",
                        contactpersoonRol={"naam": "Piet", "emailadres": "piet@example.com"},
                        omschrijving="verzonnen", omschrijvingGeneriek="beslisser",  # read-only: ignored
                        betrokkeneIdentificatie={"inpBsn": "123456782"})
    assert response.status_code == 201, response.json()
    body = response.json()
    rol = Rol.objects.get()
    assert body == {
        "url": f"{BASE}{ROOT}/rollen/{rol.pk}",
        "uuid": str(rol.pk),
        "zaak": zaak_url(zaak),
        "betrokkene": "https://brp.example/ingeschrevenpersonen/111222333",
        "betrokkeneType": "natuurlijk_persoon",
        "afwijkendeNaamBetrokkene": "Jet",
        "roltype": roltype_url(zaaktype),
        "omschrijving": "Aanvrager",
        "omschrijvingGeneriek": "initiator",
        "roltoelichting": "aanvrager",
        "registratiedatum": body["registratiedatum"],
        "indicatieMachtiging": "gemachtigde",
        "contactpersoonRol": {"emailadres": "piet@example.com", "functie": "", "telefoonnummer": "", "naam": "Piet"},
        "statussen": [],
        # no A-nummer: left out ("" does not match its pattern ^[1-9][0-9]{9}$, and it is not nullable)
        "betrokkeneIdentificatie": {**{k: v for k, v in IDENTIFICATIES["natuurlijk_persoon"][1].items()
                                       if k != "inpA_nummer"},
                                    "inpBsn": "123456782", "geslachtsnaam": "", "voorletters": "",
                                    "geslachtsaanduiding": "", "geboortedatum": "", "verblijfsadres": None,
                                    "subVerblijfBuitenland": None},
    }
    assert body["registratiedatum"].endswith("Z")


def test_empty_values_the_schema_does_not_allow_are_left_out(api, zaak, zaaktype):
    """``betrokkene`` (format uri), ``contactpersoonRol.emailadres`` (format email) and
    ``inpA_nummer`` (a pattern) are optional and not nullable: without a value they are not
    shown, as "" would not be valid. They are stored complete ("" for "not known")."""
    response = post_rol(api, zaak, zaaktype, contactpersoonRol={"naam": "Piet"},
                        betrokkeneIdentificatie={"inpBsn": "123456782"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "betrokkene" not in body
    assert body["contactpersoonRol"] == {"functie": "", "telefoonnummer": "", "naam": "Piet"}
    assert "inpA_nummer" not in body["betrokkeneIdentificatie"]
    rol = Rol.objects.get()
    assert (rol.betrokkene, rol.contactpersoon_rol["emailadres"], rol.betrokkene_identificatie["inpA_nummer"]) == (
        "", "", "")
    assert api.get(body["url"]).json() == body
    assert (rol.inp_bsn, rol.omschrijving, rol.omschrijving_generiek) == ("123456782", "Aanvrager", "initiator")


def test_a_long_roltype_omschrijving_is_copied_whole(api, zaak, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-LANG", publish=False)
    from zaakwerk.catalogi import domain as catalogi

    catalogi.create_roltype(system, {"zaaktype": other, "omschrijving": "x" * 100, "omschrijving_generiek": "adviseur"})
    other = catalogi.publish_zaaktype(system, other)
    zaak = make_zaak(other)
    response = post_rol(api, zaak, other, roltype=roltype_url(other, "x" * 100), betrokkene="https://x.example/1")
    assert response.status_code == 201, response.json()
    assert response.json()["omschrijving"] == "x" * 100


def test_a_rol_named_only_by_its_betrokkene_url_has_no_identificatie(api, zaak, zaaktype):
    # the body VNG's conformance suite sends ("rolomschrijving" is not a field of 1.7: ignored)
    response = api.post(ROLLEN, {"zaak": zaak_url(zaak), "betrokkene": "http://example.com/2d0815580af94ee0a15aa677aa646e1a",
                                 "betrokkeneType": "natuurlijk_persoon", "rolomschrijving": "behandelaar",
                                 "roltoelichting": "testrol", "roltype": roltype_url(zaaktype)})
    assert response.status_code == 201, response.json()
    assert response.json()["betrokkeneIdentificatie"] is None
    assert response.json()["contactpersoonRol"] is None


def test_head_gives_the_headers_of_get_without_a_body(api, zaak, zaaktype):
    url = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["url"]
    get, head = api.get(url), api.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert api.get(url, headers={"If-None-Match": get["ETag"]}).status_code == 304


def test_statussen_lists_the_statussen_the_rol_set(api, zaak, zaaktype):
    from zaakwerk.catalogi.models import StatusType

    rol = Rol.objects.get(pk=post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["uuid"])
    st = StatusType.objects.filter(zaaktype=zaaktype).order_by("volgnummer")
    import datetime as dt

    from django.utils import timezone

    first = Status.objects.create(zaak=zaak, statustype=st[0], gezetdoor=rol,
                                  datum_status_gezet=timezone.now() - dt.timedelta(days=1))
    second = Status.objects.create(zaak=zaak, statustype=st[1], gezetdoor=rol, datum_status_gezet=timezone.now())
    body = api.get(f"{ROLLEN}/{rol.pk}").json()
    assert body["statussen"] == [f"{BASE}{ROOT}/statussen/{first.pk}", f"{BASE}{ROOT}/statussen/{second.pk}"]


# ---- the roltype rule (zrc-019; VNG's folder ztc-019) ----------------------------------------------------


def test_zrc_019_roltype_of_another_zaaktype_is_refused(api, zaak, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    # the conformance body: no betrokkene at all, and still the first problem is the roltype
    response = api.post(ROLLEN, {"zaak": zaak_url(zaak), "betrokkeneType": "natuurlijk_persoon",
                                 "roltype": roltype_url(other), "roltoelichting": "bla"})
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "zaaktype-mismatch")
    assert not Rol.objects.exists()


def test_zrc_019_roltype_of_the_zaaktype_is_accepted(api, zaak, zaaktype):
    assert post_rol(api, zaak, zaaktype, roltype=roltype_url(zaaktype, "Behandelaar"),
                    betrokkene="https://x.example/1").status_code == 201


# ---- bad input: a clear 400 and nothing written ---------------------------------------------------------


@pytest.mark.parametrize("change, expected", [
    ({"roltype": f"{BASE}/catalogi/api/v1/roltypen/00000000-0000-4000-8000-000000000000"}, ("roltype", "bad-url")),
    ({"betrokkeneType": "robot"}, ("betrokkeneType", "invalid_choice")),
    ({"roltoelichting": None}, ("roltoelichting", "null")),
    ({"roltoelichting": "x" * 1001}, ("roltoelichting", "max_length")),
    ({"zaak": f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000"}, ("zaak", "bad-url")),
    ({"zaak": "geen url"}, ("zaak", "invalid")),
    ({"betrokkene": "geen url"}, ("betrokkene", "invalid")),
    ({"indicatieMachtiging": "baas"}, ("indicatieMachtiging", "invalid_choice")),
    ({"betrokkeneIdentificatie": {"inpBsn": "123456789"}}, ("betrokkeneIdentificatie.inpBsn", "invalid")),
    ({"betrokkeneIdentificatie": {"inpBsn": "12345"}}, ("betrokkeneIdentificatie.inpBsn", "invalid-length")),
    ({"betrokkeneIdentificatie": {"inpA_nummer": "0123456789"}}, ("betrokkeneIdentificatie.inpA_nummer", "invalid")),
    ({"betrokkeneIdentificatie": {"geslachtsaanduiding": "x"}},
     ("betrokkeneIdentificatie.geslachtsaanduiding", "invalid_choice")),
    ({"betrokkeneIdentificatie": {"verblijfsadres": {**VERBLIJFSADRES, "aoaHuisnummer": "1"}}},
     ("betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer", "invalid")),
    ({"betrokkeneIdentificatie": {"verblijfsadres": {k: v for k, v in VERBLIJFSADRES.items() if k != "aoaHuisnummer"}}},
     ("betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer", "required")),
    ({"betrokkeneIdentificatie": {"geslachtsnaam": "x" * 201}}, ("betrokkeneIdentificatie.geslachtsnaam", "max_length")),
    ({"betrokkeneIdentificatie": ["inpBsn"]}, ("betrokkeneIdentificatie", "invalid")),
    ({"contactpersoonRol": {"emailadres": "a@example.com"}}, ("contactpersoonRol.naam", "required")),
    ({"contactpersoonRol": {"naam": "Piet", "emailadres": "geen-adres"}}, ("contactpersoonRol.emailadres", "invalid")),
])
def test_bad_input_is_a_400_naming_the_field(api, zaak, zaaktype, change, expected):
    response = api.post(ROLLEN, {**rol_body(zaak, zaaktype), "betrokkene": "https://x.example/1", **change})
    assert response.status_code == 400, response.json()
    assert expected in codes(response)
    assert not Rol.objects.exists()


def test_a_roltype_url_naming_another_kind_of_type_is_invalid_resource(api, zaak, zaaktype):
    response = post_rol(api, zaak, zaaktype, roltype=catalogi_url("zaaktypen", zaaktype), betrokkene="https://x.example/1")
    assert response.status_code == 400 and codes(response) == [("roltype", "invalid-resource")]


def test_unknown_properties_of_an_identificatie_are_ignored(api, zaak, zaaktype):
    response = post_rol(api, zaak, zaaktype, "medewerker", betrokkeneIdentificatie={"identificatie": "x", "inpBsn": "1"})
    assert response.status_code == 201
    assert "inpBsn" not in response.json()["betrokkeneIdentificatie"]


def test_neither_betrokkene_nor_identificatie_is_invalid_betrokkene(api, zaak, zaaktype):
    for extra in ({}, {"betrokkene": ""}, {"betrokkeneIdentificatie": {}}, {"betrokkeneIdentificatie": None}):
        response = post_rol(api, zaak, zaaktype, **extra)
        assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "invalid-betrokkene")], extra
    assert not Rol.objects.exists()


def test_several_problems_are_reported_together(api, zaak, zaaktype):
    response = post_rol(api, zaak, zaaktype, betrokkeneIdentificatie={"inpBsn": "123456789"},
                        contactpersoonRol={"naam": "P", "emailadres": "x"})
    assert set(codes(response)) == {("betrokkeneIdentificatie.inpBsn", "invalid"),
                                    ("contactpersoonRol.emailadres", "invalid")}


# ---- delete, closed zaken, recording -------------------------------------------------------------------


def test_delete_removes_the_rol_and_records_it(api, zaak, zaaktype):
    url = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["url"]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert not Rol.objects.exists()
    assert trail(zaak) == [("rol", "create"), ("rol", "destroy")]
    assert notifications() == [("rol", "create"), ("rol", "destroy")]


def test_rollen_have_no_update(api, zaak, zaaktype):
    url = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["url"]
    assert api.put(url, rol_body(zaak, zaaktype)).status_code == 405
    assert api.patch(url, {"roltoelichting": "x"}).status_code == 405


def test_zrc_007_closed_zaak_rollen_change_only_with_geforceerd_bijwerken(client_for, zaaktype, api):
    zaak = make_zaak(zaaktype)
    url = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["url"]
    close(zaak)
    bijwerker = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken")])
    refused = post_rol(bijwerker, zaak, zaaktype, betrokkene="https://x.example/2")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert bijwerker.delete(url).status_code == 403
    assert Rol.objects.count() == 1
    forceerder = client_for([zrc(zaaktype, "zaken.lezen", "zaken.geforceerd-bijwerken")])
    assert post_rol(forceerder, zaak, zaaktype, betrokkene="https://x.example/2").status_code == 201
    assert forceerder.delete(url).status_code == 204


# ---- filters ------------------------------------------------------------------------------------------


def _results(client, **params):
    response = client.get(ROLLEN, params)
    assert response.status_code == 200, response.json()
    return sorted(r["url"] for r in response.json()["results"])


def test_every_filter_of_the_standard(api, zaaktype):
    zaak, other_zaak = make_zaak(zaaktype), make_zaak(zaaktype)
    made = {}
    for betrokkene_type, (sent, _complete) in IDENTIFICATIES.items():
        made[betrokkene_type] = post_rol(api, zaak, zaaktype, betrokkene_type,
                                         betrokkeneIdentificatie=copy.deepcopy(sent)).json()["url"]
    behandelaar = post_rol(api, other_zaak, zaaktype, "medewerker", roltype=roltype_url(zaaktype, "Behandelaar"),
                           betrokkene="https://medewerkers.example/1",
                           betrokkeneIdentificatie={"identificatie": "mw-2"}).json()["url"]
    ident = "betrokkeneIdentificatie__"
    cases = [
        ({f"{ident}natuurlijkPersoon__inpBsn": "111222333"}, [made["natuurlijk_persoon"]]),
        ({f"{ident}natuurlijkPersoon__inpBsn": "123456782"}, []),
        ({f"{ident}natuurlijkPersoon__inpA_nummer": "1234567890"}, [made["natuurlijk_persoon"]]),
        ({f"{ident}natuurlijkPersoon__anpIdentificatie": ""}, None),  # "" is a value like any other
        ({f"{ident}nietNatuurlijkPersoon__innNnpId": "517439943"}, [made["niet_natuurlijk_persoon"]]),
        ({f"{ident}nietNatuurlijkPersoon__annIdentificatie": "nope"}, []),
        ({f"{ident}vestiging__vestigingsNummer": "000012345678"}, [made["vestiging"]]),
        ({f"{ident}organisatorischeEenheid__identificatie": "OE-VERGUNNINGEN"}, [made["organisatorische_eenheid"]]),
        ({f"{ident}medewerker__identificatie": "m" * 254}, [made["medewerker"]]),
        ({f"{ident}medewerker__identificatie": "mw-2"}, [behandelaar]),
        ({"betrokkeneType": "vestiging"}, [made["vestiging"]]),
        ({"zaak": zaak_url(other_zaak)}, [behandelaar]),
        ({"betrokkene": "https://medewerkers.example/1"}, [behandelaar]),
        ({"roltype": roltype_url(zaaktype, "Behandelaar")}, [behandelaar]),
        ({"omschrijving": "Behandelaar"}, [behandelaar]),
        ({"omschrijvingGeneriek": "behandelaar"}, [behandelaar]),
        ({"omschrijvingGeneriek": "initiator", "betrokkeneType": "medewerker"}, [made["medewerker"]]),
        # what VNG's suite sends for filters it has no value for: a literal placeholder
        ({f"{ident}natuurlijkPersoon__inpBsn": "{{betrokkeneIdentificatie__natuurlijkPersoon__inpBsn}}"}, []),
    ]
    for params, expected in cases:
        if expected is not None:
            assert _results(api, **params) == sorted(expected), params


@pytest.mark.parametrize("params", [{"betrokkeneType": "robot"}, {"omschrijvingGeneriek": "baas"},
                                    {"zaak": "geen-url"}, {"onbekend": "1"}])
def test_bad_filters_are_400(api, params):
    assert api.get(ROLLEN, params).status_code == 400


def test_the_list_is_paginated(api, zaak, zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 2
    for n in range(3):
        post_rol(api, zaak, zaaktype, betrokkene=f"https://x.example/{n}")
    first = api.get(ROLLEN).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"].endswith("page=2")
    assert len(api.get(first["next"]).json()["results"]) == 1


def test_a_list_of_rollen_takes_a_constant_number_of_queries(api, zaaktype, client_for):
    from django.utils import timezone

    from zaakwerk.catalogi.models import StatusType

    reader = client_for([zrc(zaaktype, "zaken.lezen")])

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = reader.get(ROLLEN)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    def add(n):
        for _ in range(n):
            zaak = make_zaak(zaaktype)
            rol = Rol.objects.get(pk=post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["uuid"])
            Status.objects.create(zaak=zaak, statustype=StatusType.objects.filter(zaaktype=zaaktype).first(),
                                  gezetdoor=rol, datum_status_gezet=timezone.now())

    add(2)
    few = count_queries()
    add(20)
    many = count_queries()
    assert (few[1], many[1]) == (2, 22)
    assert few[0] == many[0]


# ---- authorisation ----------------------------------------------------------------------------------------


def test_lists_show_only_rollen_of_zaken_the_client_may_read(api, client_for, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    visible = post_rol(api, make_zaak(zaaktype), zaaktype, betrokkene="https://x.example/1").json()
    geheim = post_rol(api, make_zaak(zaaktype, vertrouwelijkheidaanduiding="geheim"), zaaktype,
                      betrokkene="https://x.example/2").json()
    elders = post_rol(api, make_zaak(other), other, betrokkene="https://x.example/3").json()
    reader = client_for([zrc(zaaktype, "zaken.lezen", maximum="intern")])
    assert _results(reader) == [visible["url"]]
    assert reader.get(visible["url"]).status_code == 200
    assert reader.get(geheim["url"]).status_code == 403
    assert reader.get(elders["url"]).status_code == 403
    assert reader.delete(visible["url"]).status_code == 403  # no zaken.bijwerken
    assert client_for([zrc(zaaktype, "zaken.aanmaken")]).get(ROLLEN).status_code == 403


def test_create_needs_the_scope_for_the_zaaktype_of_the_zaak(client_for, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    client = client_for([zrc(zaaktype, "zaken.bijwerken")])
    assert post_rol(client, make_zaak(zaaktype), zaaktype, betrokkene="https://x.example/1").status_code == 201
    response = post_rol(client, make_zaak(other), other, betrokkene="https://x.example/1")
    assert response.status_code == 403
    assert client_for([zrc(zaaktype, "zaken.aanmaken")]).post(ROLLEN, {}).status_code == 403


# ---- expand -------------------------------------------------------------------------------------------------


def test_expand_roltype_shows_the_catalogi_roltype(api, zaak, zaaktype):
    url = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()["url"]
    body = api.get(url, {"expand": "roltype"}).json()
    assert body["_expand"]["roltype"]["url"] == roltype_url(zaaktype)
    assert body["_expand"]["roltype"]["omschrijvingGeneriek"] == roltype(zaaktype).omschrijving_generiek
    listed = api.get(ROLLEN, {"expand": "roltype"}).json()["results"][0]
    assert listed["_expand"]["roltype"]["omschrijving"] == "Aanvrager"
    assert api.get(ROLLEN, {"expand": "betrokkene"}).status_code == 400  # not ours to expand


def test_expand_zaak_and_statussen_when_those_resources_are_served(api, zaak, zaaktype):
    from django.utils import timezone

    from zaakwerk.catalogi.models import StatusType

    created = post_rol(api, zaak, zaaktype, betrokkene="https://x.example/1").json()
    status = Status.objects.create(zaak=zaak, statustype=StatusType.objects.filter(zaaktype=zaaktype).first(),
                                   gezetdoor_id=created["uuid"], datum_status_gezet=timezone.now())
    if "zaken.zaak" not in REGISTRY or "zaken.status" not in REGISTRY:
        pytest.skip("the zaak and status resources are not served yet")
    response = api.get(created["url"], {"expand": "zaak,statussen"})
    assert response.status_code == 200, response.json()
    assert response.json()["_expand"]["zaak"]["url"] == zaak_url(zaak)
    assert [s["url"] for s in response.json()["_expand"]["statussen"]] == [f"{BASE}{ROOT}/statussen/{status.pk}"]
