"""ZAAKOBJECTen over HTTP (Zaken API 1.7.0 ``/zaakobjecten``): a representative set of the 31
objectTypes round-tripping exactly, the object URL check, "overige" with its definitie and JSON
schema, zaakobjecttype, the immutable fields, zrc-007, filters and authorisation."""

from __future__ import annotations

import copy

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.zaken.domain.objecten import _subset_allows, jq_path, schema_allows
from zaakwerk.zaken.models import Status, ZaakObject
from zaakwerk.zaken.schemas_objecten import OBJECT_IDENTIFICATIE

from .conftest import BASE, ROOT, build_zaaktype
from .test_relaties_support import (
    catalogi_url,
    close,
    codes,
    make_zaak,
    notifications,
    remote,  # noqa: F401 - a fixture
    spec_properties,
    trail,
    zaak_url,
    zrc,
)

pytestmark = pytest.mark.django_db

ZAAKOBJECTEN = f"{ROOT}/zaakobjecten"

NP = {"inpBsn": "111222333", "geslachtsnaam": "Jansen"}
# as returned: every property of the schema, but for the empty inpA_nummer (not nullable, and ""
# does not match its pattern ^[1-9][0-9]{9}$), which is left out
NP_FULL = {"inpBsn": "111222333", "anpIdentificatie": "", "geslachtsnaam": "Jansen",
           "voorvoegselGeslachtsnaam": "", "voorletters": "", "voornamen": "", "geslachtsaanduiding": "",
           "geboortedatum": "", "verblijfsadres": None, "subVerblijfBuitenland": None}
# as stored: complete ("" for "not known")
NP_STORED = {**NP_FULL, "inpA_nummer": ""}
WOZ_ADRES = {"aoaIdentificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam",
             "gorOpenbareRuimteNaam": "Dam", "aoaHuisnummer": 1, "aoaPostcode": "1012JS"}
WOZ_ADRES_FULL = {"aoaIdentificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam",
                  "gorOpenbareRuimteNaam": "Dam", "aoaPostcode": "1012JS", "aoaHuisnummer": 1, "aoaHuisletter": "",
                  "aoaHuisnummertoevoeging": "", "locatieOmschrijving": ""}
KOZ = {"kadastraleIdentificatie": "ASD04F01234G0000", "kadastraleAanduiding": "Amsterdam F 1234"}

# objectType -> (what is sent, the standard's complete objectIdentificatie)
OBJECTEN = {
    "adres": (
        {"identificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam",
         "huisnummer": 1, "huisletter": "A"},
        {"identificatie": "0363200000123456", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam",
         "huisnummer": 1, "huisletter": "A", "huisnummertoevoeging": "", "postcode": ""},
    ),
    "pand": ({"identificatie": "0363100012345678"}, {"identificatie": "0363100012345678"}),
    "kadastrale_onroerende_zaak": (KOZ, KOZ),
    "woz_object": (
        {"wozObjectNummer": "036300001234", "aanduidingWozObject": WOZ_ADRES},
        {"wozObjectNummer": "036300001234", "aanduidingWozObject": WOZ_ADRES_FULL},
    ),
    "woz_waarde": (
        {"waardepeildatum": "20240101", "isVoor": {"wozObjectNummer": "036300001234"}},
        {"waardepeildatum": "20240101", "isVoor": {"wozObjectNummer": "036300001234", "aanduidingWozObject": None}},
    ),
    "huishouden": (
        {"nummer": "H-1", "isGehuisvestIn": {"identificatie": "TGO-1", "adresAanduidingGrp": {
            "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "aoaHuisnummer": 2}}},
        {"nummer": "H-1", "isGehuisvestIn": {"identificatie": "TGO-1", "adresAanduidingGrp": {
            "numIdentificatie": "", "oaoIdentificatie": "", "aoaIdentificatie": "", "wplWoonplaatsNaam": "Amsterdam",
            "gorOpenbareRuimteNaam": "Dam", "aoaPostcode": "", "aoaHuisnummer": 2, "aoaHuisletter": "",
            "aoaHuisnummertoevoeging": "", "ogoLocatieAanduiding": ""}}},
    ),
    "zakelijk_recht": (
        {"identificatie": "ZR-1", "avgAard": "eigendom", "heeftBetrekkingOp": KOZ,
         "heeftAlsGerechtigde": {"natuurlijkPersoon": NP}},
        {"identificatie": "ZR-1", "avgAard": "eigendom", "heeftBetrekkingOp": KOZ,
         "heeftAlsGerechtigde": {"natuurlijkPersoon": NP_FULL, "nietNatuurlijkPersoon": None}},
    ),
    "waterdeel": (
        {"typeWaterdeel": "zee", "identificatie": "W-1"},
        {"typeWaterdeel": "zee", "identificatie": "W-1", "naam": ""},
    ),
    "inrichtingselement": (
        {"type": "paal", "identificatie": "I-1", "naam": "lantaarn"},
        {"type": "paal", "identificatie": "I-1", "naam": "lantaarn"},
    ),
    "natuurlijk_persoon": (NP, NP_FULL),
    "overige": ({"overigeData": {"soort": "boom", "hoogte": 12, "tags": ["eik"]}},
                {"overigeData": {"soort": "boom", "hoogte": 12, "tags": ["eik"]}}),
}


def body(zaak, object_type="pand", **extra) -> dict:
    return {"zaak": zaak_url(zaak), "objectType": object_type, **extra}


def post(client, zaak, object_type="pand", **extra):
    return client.post(ZAAKOBJECTEN, body(zaak, object_type, **extra))


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def standard_fields(object_type: str, *, left_out=()) -> list[str]:
    """The 1.7.0 OAS field set of the variant, with ``objectIdentificatie`` for the person types
    (the OAS names it betrokkeneIdentificatie there: see zaken.api.objecten), without the
    optional properties this zaakobject has no value for (``left_out``)."""
    return [("objectIdentificatie" if name == "betrokkeneIdentificatie" else name)
            for name in spec_properties(f"{object_type}_ZaakObject") if name not in left_out]


# optional and not nullable, with a format (uri) or pattern ([a-z\_]+) "" does not satisfy: a
# zaakobject without a value has no such property
EMPTY_LEFT_OUT = ("object", "zaakobjecttype", "objectTypeOverige")


# ---- round trips -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("object_type", list(OBJECTEN))
def test_object_types_round_trip_exactly(api, zaak, object_type):
    sent, complete = OBJECTEN[object_type]
    extra = {"objectTypeOverige": "boom"} if object_type == "overige" else {}
    response = post(api, zaak, object_type, objectIdentificatie=copy.deepcopy(sent), relatieomschrijving="betreft",
                    **extra)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["objectIdentificatie"] == complete
    without = [name for name in EMPTY_LEFT_OUT if not (name == "objectTypeOverige" and extra)]
    assert list(created) == standard_fields(object_type, left_out=without)
    get = api.get(created["url"])
    assert get.json() == created
    head = api.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == get["ETag"]


def test_the_conformance_body_creates_a_pand_without_object_url(api, zaak):
    response = post(api, zaak, "pand", objectIdentificatie={"identificatie": "test"})
    assert response.status_code == 201, response.json()
    obj = ZaakObject.objects.get()
    # no object URL, zaakobjecttype or objectTypeOverige: left out (none of them may be "" or null)
    assert response.json() == {
        "url": f"{BASE}{ROOT}/zaakobjecten/{obj.pk}", "uuid": str(obj.pk), "zaak": zaak_url(zaak),
        "objectType": "pand", "objectTypeOverigeDefinitie": None,
        "relatieomschrijving": "", "objectIdentificatie": {"identificatie": "test"},
    }


@pytest.mark.parametrize("object_type", ["besluit", "enkelvoudig_document", "status"])
def test_types_without_identificatie_are_named_by_their_object_url(api, zaak, remote, object_type):
    url = remote.add(f"/{object_type}/1", {"url": "x"})
    response = post(api, zaak, object_type, object=url, objectIdentificatie={"ignored": True})
    assert response.status_code == 201, response.json()
    assert "objectIdentificatie" not in response.json()
    assert list(response.json()) == standard_fields(object_type, left_out=("zaakobjecttype", "objectTypeOverige"))
    assert ZaakObject.objects.get().object_identificatie is None
    assert post(api, zaak, object_type).status_code == 400  # no URL, no identificatie


def test_every_object_type_of_the_standard_is_known():
    import yaml
    from django.conf import settings

    with open(settings.SPECS_DIR / "standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml") as fh:
        spec = yaml.safe_load(fh)
    assert sorted(OBJECT_IDENTIFICATIE) == sorted(spec["components"]["schemas"]["ObjectTypeEnum"]["enum"])


def test_the_betrokkene_identificatie_name_of_the_oas_is_accepted_for_person_types(api, zaak):
    response = post(api, zaak, "natuurlijk_persoon", betrokkeneIdentificatie=NP)
    assert response.status_code == 201, response.json()
    assert response.json()["objectIdentificatie"] == NP_FULL
    assert ZaakObject.objects.get().object_identificatie == NP_STORED


# ---- the object URL and bad input ---------------------------------------------------------------------------


def test_object_url_must_answer_200(api, zaak, remote):
    assert post(api, zaak, "pand", object=remote.add("/panden/1", {"id": 1})).status_code == 201
    # "a valid response (HTTP 200)": any content will do
    assert post(api, zaak, "pand", object=remote.add("/panden/2", b"<html>pand</html>")).status_code == 201
    response = post(api, zaak, "pand", object=remote.base + "/panden/404")
    assert response.status_code == 400 and codes(response) == [("object", "bad-url")]
    assert ZaakObject.objects.count() == 2


def test_a_local_object_url_is_checked_in_process(api, zaak, zaaktype):
    from django.utils import timezone

    from zaakwerk.catalogi.models import StatusType

    status = Status.objects.create(zaak=zaak, statustype=StatusType.objects.filter(zaaktype=zaaktype).first(),
                                   datum_status_gezet=timezone.now())
    assert post(api, zaak, "status", object=f"{BASE}{ROOT}/statussen/{status.pk}").status_code == 201
    missing = post(api, zaak, "status", object=f"{BASE}{ROOT}/statussen/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 400 and codes(missing) == [("object", "bad-url")]


@pytest.mark.parametrize("object_type, identificatie, expected", [
    ("pand", {}, ("objectIdentificatie.identificatie", "required")),
    ("pand", {"identificatie": "x" * 101}, ("objectIdentificatie.identificatie", "max_length")),
    ("adres", {"identificatie": "a", "wplWoonplaatsNaam": "b", "gorOpenbareRuimteNaam": "c", "huisnummer": 100000},
     ("objectIdentificatie.huisnummer", "invalid")),
    ("waterdeel", {"typeWaterdeel": "rivier", "identificatie": "W"},
     ("objectIdentificatie.typeWaterdeel", "invalid_choice")),
    ("natuurlijk_persoon", {"inpBsn": "123456789"}, ("objectIdentificatie.inpBsn", "invalid")),
    ("zakelijk_recht", {"identificatie": "Z", "avgAard": "e",
                        "heeftAlsGerechtigde": {"natuurlijkPersoon": {"inpBsn": "111222334"}}},
     ("objectIdentificatie.heeftAlsGerechtigde.natuurlijkPersoon.inpBsn", "invalid")),
    ("woz_object", {"wozObjectNummer": "1", "aanduidingWozObject": {"aoaIdentificatie": "x"}},
     ("objectIdentificatie.aanduidingWozObject.wplWoonplaatsNaam", "required")),
    ("overige", {"overigeData": "geen object"}, ("objectIdentificatie.overigeData", "invalid")),
])
def test_an_objectidentificatie_is_checked_against_its_object_type(api, zaak, object_type, identificatie, expected):
    extra = {"objectTypeOverige": "boom"} if object_type == "overige" else {}
    response = post(api, zaak, object_type, objectIdentificatie=identificatie, **extra)
    assert response.status_code == 400, response.json()
    assert expected in codes(response)
    assert not ZaakObject.objects.exists()


@pytest.mark.parametrize("change, expected", [
    ({"objectType": "auto"}, ("objectType", "invalid_choice")),
    ({"objectType": None}, ("objectType", "null")),
    ({"zaak": f"{BASE}{ROOT}/rollen/00000000-0000-4000-8000-000000000000"}, ("zaak", "invalid-resource")),
    ({"zaak": "https://andere-zaken.example/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000"},
     ("zaak", "invalid-resource")),
    ({"object": "geen url"}, ("object", "invalid")),
    ({"relatieomschrijving": "x" * 81}, ("relatieomschrijving", "max_length")),
    ({"zaakobjecttype": f"{BASE}/catalogi/api/v1/zaakobjecttypen/00000000-0000-4000-8000-000000000000"},
     ("zaakobjecttype", "bad-url")),
])
def test_bad_input_is_a_400_naming_the_field(api, zaak, change, expected):
    response = api.post(ZAAKOBJECTEN, {**body(zaak, objectIdentificatie={"identificatie": "p"}), **change})
    assert response.status_code == 400, response.json()
    assert expected in codes(response)
    assert not ZaakObject.objects.exists()


def test_neither_object_nor_identificatie_is_invalid_zaakobject(api, zaak):
    response = post(api, zaak, "pand", relatieomschrijving="iets")
    assert codes(response) == [("nonFieldErrors", "invalid-zaakobject")]


# ---- overige ------------------------------------------------------------------------------------------------


def test_overige_needs_objecttypeoverige_or_a_definitie(api, zaak):
    response = post(api, zaak, "overige", objectIdentificatie={"overigeData": {}})
    assert codes(response) == [("nonFieldErrors", "missing-object-type-overige")]


def test_objecttypeoverige_only_with_overige_and_lowercase(api, zaak):
    response = post(api, zaak, "pand", objectTypeOverige="boom", objectIdentificatie={"identificatie": "p"})
    assert codes(response) == [("objectTypeOverige", "invalid-object-type-overige-usage")]
    response = post(api, zaak, "overige", objectTypeOverige="BOOM", objectIdentificatie={"overigeData": {}})
    assert codes(response) == [("objectTypeOverige", "invalid")]


OBJECTTYPE = {"url": "x", "versions": [{"jsonSchema": {
    "type": "object", "required": ["soort"], "properties": {"soort": {"type": "string", "enum": ["boom", "struik"]},
                                                         "hoogte": {"type": "number", "minimum": 0}}}}]}


@pytest.fixture
def objects_api(remote):
    objecttype = remote.add("/objecttypen/api/v2/objecttypes/boom", OBJECTTYPE)
    good = remote.add("/objects/api/v2/objects/1", {"record": {"data": {"soort": "boom", "hoogte": 12}}})
    bad = remote.add("/objects/api/v2/objects/2", {"record": {"data": {"soort": "paddenstoel"}}})
    return objecttype, good, bad


def definitie(objecttype, schema=".versions[0].jsonSchema", object_data=".record.data"):
    return {"url": objecttype, "schema": schema, "objectData": object_data}


def test_overige_with_a_definitie_validates_the_object_against_its_schema(api, zaak, objects_api):
    objecttype, good, bad = objects_api
    created = post(api, zaak, "overige", object=good, objectTypeOverigeDefinitie=definitie(objecttype))
    assert created.status_code == 201, created.json()
    assert created.json()["objectTypeOverigeDefinitie"] == definitie(objecttype)
    refused = post(api, zaak, "overige", object=bad, objectTypeOverigeDefinitie=definitie(objecttype))
    assert codes(refused) == [("object", "invalid-schema")]
    assert ZaakObject.objects.count() == 1


@pytest.mark.parametrize("change, expected", [
    ({"schema": ".nergens"}, ("objectTypeOverigeDefinitie.schema", "invalid")),
    ({"schema": ".versions | first"}, ("objectTypeOverigeDefinitie.schema", "invalid")),
    ({"objectData": ".record.elders"}, ("objectTypeOverigeDefinitie.objectData", "invalid")),
    ({"url": "https://127.0.0.2:1/dicht"}, ("objectTypeOverigeDefinitie.url", "bad-url")),
    ({"objectData": None}, ("objectTypeOverigeDefinitie.objectData", "null")),
])
def test_a_definitie_that_finds_nothing_is_a_400(api, zaak, objects_api, change, expected):
    objecttype, good, _bad = objects_api
    response = post(api, zaak, "overige", object=good, objectTypeOverigeDefinitie={**definitie(objecttype), **change})
    assert response.status_code == 400
    assert expected in codes(response)


def test_a_definitie_needs_an_object_url_and_excludes_an_identificatie(api, zaak, objects_api):
    objecttype, good, _bad = objects_api
    response = post(api, zaak, "overige", objectTypeOverigeDefinitie=definitie(objecttype))
    assert ("object", "required") in codes(response)
    response = post(api, zaak, "overige", object=good, objectTypeOverigeDefinitie=definitie(objecttype),
                    objectIdentificatie={"overigeData": {}})
    assert ("objectIdentificatie", "invalid") in codes(response)
    response = post(api, zaak, "pand", object=good, objectTypeOverigeDefinitie=definitie(objecttype))
    assert ("objectTypeOverigeDefinitie", "invalid-object-type-overige-usage") in codes(response)


def test_jq_paths():
    data = {"a": {"b": [1, {"c d": 2}]}, "x": None}
    assert jq_path(".", data) is data
    assert jq_path(".a.b[0]", data) == 1
    assert jq_path('.a.b[1]."c d"', data) == 2
    assert jq_path('.["a"].b[-1]', data) == {"c d": 2}
    assert jq_path(".a.nergens.dieper", data) is None
    assert jq_path(".a.b[5]", data) is None
    for program in ("a.b", ".a | .b", ".a.b[]", "..", ".a,.b", ""):
        with pytest.raises(ValueError):
            jq_path(program, data)


@pytest.mark.parametrize("check", [schema_allows, _subset_allows])
def test_json_schema_checks(check):
    schema = OBJECTTYPE["versions"][0]["jsonSchema"]
    assert check(schema, {"soort": "boom", "hoogte": 1.5}) is True
    assert check(schema, {"soort": "boom", "hoogte": -1}) is False
    assert check(schema, {"hoogte": 1}) is False
    assert check({"type": "array", "items": {"type": "integer"}, "maxItems": 2}, [1, 2]) is True
    assert check({"type": "array", "items": {"type": "integer"}, "maxItems": 2}, [1, "2"]) is False
    assert check({"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "null"}]}, "abc") is True
    assert check({"type": "object", "additionalProperties": False}, {"x": 1}) is False
    assert check({"$ref": "https://127.0.0.2:1/elders.json"}, 1) is None  # never fetched


# ---- zaakobjecttype -----------------------------------------------------------------------------------------


@pytest.fixture
def typed(system, catalogus):
    """A published zaaktype with a zaakobjecttype, and that zaakobjecttype."""
    zt = build_zaaktype(system, catalogus, identificatie="ZT-OBJECT", publish=False)
    zot = catalogi.create_zaakobjecttype(system, {
        "zaaktype": zt, "catalogus": catalogus, "ander_objecttype": False,
        "objecttype": "https://objecttypen.example/api/v2/objecttypes/pand", "relatie_omschrijving": "betreft"})
    return catalogi.publish_zaaktype(system, zt), zot


def test_zaakobjecttype_of_the_zaaktype(api, typed, zaaktype):
    zt, zot = typed
    response = post(api, make_zaak(zt), "pand", zaakobjecttype=catalogi_url("zaakobjecttypen", zot),
                    objectIdentificatie={"identificatie": "p"})
    assert response.status_code == 201, response.json()
    assert response.json()["zaakobjecttype"] == catalogi_url("zaakobjecttypen", zot)
    expanded = api.get(response.json()["url"], {"expand": "zaakobjecttype"}).json()
    assert expanded["_expand"]["zaakobjecttype"]["relatieOmschrijving"] == "betreft"
    other = post(api, make_zaak(zaaktype), "pand", zaakobjecttype=catalogi_url("zaakobjecttypen", zot),
                 objectIdentificatie={"identificatie": "p"})
    assert codes(other) == [("nonFieldErrors", "zaaktype-mismatch")]


# ---- update and delete --------------------------------------------------------------------------------------


def test_put_and_patch_change_what_may_change(api, zaak):
    url = post(api, zaak, "pand", objectIdentificatie={"identificatie": "p"}).json()["url"]
    put = api.put(url, body(zaak, "pand", relatieomschrijving="postman tests"))
    assert put.status_code == 200, put.json()
    assert put.json()["relatieomschrijving"] == "postman tests"
    assert put.json()["objectIdentificatie"] == {"identificatie": "p"}  # not sent: kept
    patch = api.patch(url, {"relatieomschrijving": "zaakobject patch", "objectIdentificatie": {"identificatie": "q"}})
    assert patch.status_code == 200
    assert patch.json()["relatieomschrijving"] == "zaakobject patch"
    assert patch.json()["objectIdentificatie"] == {"identificatie": "q"}
    assert api.get(url).json() == patch.json()
    assert trail(zaak) == [("zaakobject", "create"), ("zaakobject", "update"), ("zaakobject", "partial_update")]
    assert notifications() == [("zaakobject", "create"), ("zaakobject", "update"), ("zaakobject", "partial_update")]


def test_zaak_object_and_objecttype_are_immutable(api, zaak, zaaktype, remote):
    url = post(api, zaak, "pand", object=remote.add("/p/1", {}), objectIdentificatie={"identificatie": "p"}).json()["url"]
    other = make_zaak(zaaktype)
    cases = [
        ({"zaak": zaak_url(other)}, ("zaak", "wijzigen-niet-toegelaten")),
        ({"object": remote.add("/p/2", {})}, ("object", "wijzigen-niet-toegelaten")),
        ({"objectType": "adres"}, ("objectType", "wijzigen-niet-toegelaten")),
    ]
    for change, expected in cases:
        patch = api.patch(url, change)
        assert patch.status_code == 400 and codes(patch) == [expected], change
        put = api.put(url, {**body(zaak, "pand"), **change})
        assert put.status_code == 400 and expected in codes(put), change
    # the same values again are no change
    assert api.patch(url, {"zaak": zaak_url(zaak), "objectType": "pand"}).status_code == 200
    obj = ZaakObject.objects.get()
    assert (obj.zaak_id, obj.object_type) == (zaak.pk, "pand")


def test_patch_checks_a_new_identificatie(api, zaak):
    url = post(api, zaak, "natuurlijk_persoon", objectIdentificatie=NP).json()["url"]
    response = api.patch(url, {"objectIdentificatie": {"inpBsn": "123456789"}})
    assert codes(response) == [("objectIdentificatie.inpBsn", "invalid")]
    assert ZaakObject.objects.get().object_identificatie == NP_STORED


def test_delete(api, zaak):
    url = post(api, zaak, "pand", objectIdentificatie={"identificatie": "p"}).json()["url"]
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert trail(zaak)[-1] == ("zaakobject", "destroy")
    assert notifications()[-1] == ("zaakobject", "destroy")


def test_zrc_007_closed_zaak_zaakobjecten_change_only_with_geforceerd_bijwerken(api, client_for, zaaktype):
    zaak = make_zaak(zaaktype)
    url = post(api, zaak, "pand", objectIdentificatie={"identificatie": "p"}).json()["url"]
    close(zaak)
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken", "zaken.verwijderen")])
    for response in (post(client, zaak, "pand", objectIdentificatie={"identificatie": "q"}),
                     client.patch(url, {"relatieomschrijving": "x"}), client.delete(url)):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert ZaakObject.objects.count() == 1
    forced = client_for([zrc(zaaktype, "zaken.lezen", "zaken.geforceerd-bijwerken")])
    assert post(forced, zaak, "pand", objectIdentificatie={"identificatie": "q"}).status_code == 201
    assert forced.patch(url, {"relatieomschrijving": "x"}).status_code == 200
    assert forced.delete(url).status_code == 204


# ---- filters and authorisation --------------------------------------------------------------------------------


def test_filters(api, zaaktype, remote):
    zaak, other = make_zaak(zaaktype), make_zaak(zaaktype)
    pand = post(api, zaak, "pand", object=remote.add("/p/1", {}), objectIdentificatie={"identificatie": "p"}).json()
    adres = post(api, other, "adres", objectIdentificatie=OBJECTEN["adres"][0]).json()

    def urls(**params):
        response = api.get(ZAAKOBJECTEN, params)
        assert response.status_code == 200, response.json()
        return [r["url"] for r in response.json()["results"]]

    assert urls(zaak=zaak_url(zaak)) == [pand["url"]]
    assert urls(object=remote.base + "/p/1") == [pand["url"]]
    assert urls(objectType="adres") == [adres["url"]]
    assert urls(objectType="pand", zaak=zaak_url(other)) == []
    assert api.get(ZAAKOBJECTEN, {"objectType": "auto"}).status_code == 400


def test_authorisation_per_zaaktype(api, client_for, zaaktype, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    mine = post(api, make_zaak(zaaktype), "pand", objectIdentificatie={"identificatie": "p"}).json()
    theirs = post(api, make_zaak(other), "pand", objectIdentificatie={"identificatie": "p"}).json()
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.aanmaken")])
    assert [r["url"] for r in client.get(ZAAKOBJECTEN).json()["results"]] == [mine["url"]]
    assert client.get(theirs["url"]).status_code == 403
    assert post(client, make_zaak(zaaktype), "pand", objectIdentificatie={"identificatie": "p"}).status_code == 201
    assert post(client, make_zaak(other), "pand", objectIdentificatie={"identificatie": "p"}).status_code == 403
    assert client.patch(mine["url"], {"relatieomschrijving": "x"}).status_code == 403  # aanmaken is not bijwerken


def test_a_new_definitie_on_update_is_checked_against_the_object(api, zaak, objects_api, remote):
    objecttype, good, _bad = objects_api
    url = post(api, zaak, "overige", object=good, objectTypeOverigeDefinitie=definitie(objecttype)).json()["url"]
    strict = remote.add("/objecttypen/api/v2/objecttypes/hoog", {"jsonSchema": {
        "type": "object", "properties": {"hoogte": {"type": "number", "minimum": 20}}}})
    refused = api.patch(url, {"objectTypeOverigeDefinitie": definitie(strict, schema=".jsonSchema")})
    assert codes(refused) == [("object", "invalid-schema")]
    loose = remote.add("/objecttypen/api/v2/objecttypes/laag", {"jsonSchema": {
        "type": "object", "properties": {"hoogte": {"type": "number", "maximum": 20}}}})
    accepted = api.patch(url, {"objectTypeOverigeDefinitie": definitie(loose, schema=".jsonSchema")})
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["objectTypeOverigeDefinitie"]["url"] == loose
