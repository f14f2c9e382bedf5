"""The sub-types of a zaaktype: ztc-010 (non-concept-zaaktype), correcties, ztc-015 (eigenschap
formats), uniqueness, isEindstatus, and the zaaktype-informatieobjecttype rules the suite tests
(ztc-010g) plus the same-catalogus rule of its OAS description."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.models import Eigenschap, RolType, StatusType, ZaakTypeInformatieObjectType
from zaakwerk.catalogi.representation import to_json
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.core.models import AuditTrail, OutboxMessage

from .conftest import BASE, iot_data, resultaattype_data, zaaktype_data

pytestmark = pytest.mark.django_db


def params(exc) -> list[tuple[str, str]]:
    return [(p.name, p.code) for p in exc.value.params]


def statustype_data(zaaktype, **kw):
    return {"zaaktype": zaaktype, "omschrijving": "Ontvangen", "volgnummer": 1, **kw}


def roltype_data(zaaktype, **kw):
    return {"zaaktype": zaaktype, "omschrijving": "Aanvrager", "omschrijving_generiek": "initiator", **kw}


def eigenschap_data(zaaktype, **kw):
    return {"zaaktype": zaaktype, "naam": "kleur", "definitie": "de kleur",
            "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1", "waardenverzameling": ["rood"]},
            **kw}


def zaakobjecttype_data(zaaktype, **kw):
    return {"zaaktype": zaaktype, "catalogus": zaaktype.catalogus, "ander_objecttype": False,
            "objecttype": "https://objecttypen.test/api/v2/objecttypes/1", "relatie_omschrijving": "betreft", **kw}


SUBTYPES = {
    "statustype": (statustype_data, {"omschrijving": "anders"}),
    "roltype": (roltype_data, {"omschrijving": "anders"}),
    "eigenschap": (eigenschap_data, {"toelichting": "anders"}),
    "resultaattype": (resultaattype_data, {"omschrijving": "anders"}),
    "zaakobjecttype": (zaakobjecttype_data, {"relatie_omschrijving": "anders"}),
}


def _fn(kind, action):
    return getattr(domain, f"{action}_{kind}")


# ---- ztc-010 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SUBTYPES))
def test_ztc_010_subtypes_of_a_published_zaaktype_are_frozen(kind, zaaktype, system, writer):
    make, change = SUBTYPES[kind]
    obj = _fn(kind, "create")(system, make(zaaktype))
    domain.publish_zaaktype(system, zaaktype)
    for call in (lambda: _fn(kind, "create")(writer, make(zaaktype, **({"volgnummer": 2} if kind == "statustype" else {"naam": "ander"} if kind == "eigenschap" else {}))),
                 lambda: _fn(kind, "update")(writer, obj, make(zaaktype, **change), partial=False),
                 lambda: _fn(kind, "update")(writer, obj, change, partial=True),
                 lambda: _fn(kind, "update")(writer, obj, {}, partial=True),
                 lambda: _fn(kind, "delete")(writer, obj)):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert params(exc) == [("nonFieldErrors", "non-concept-zaaktype")]
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", sorted(SUBTYPES))
def test_ztc_010_ztc_011_a_subtype_cannot_move_to_a_published_zaaktype(kind, zaaktype, published_zaaktype, system, writer):
    make, _ = SUBTYPES[kind]
    obj = _fn(kind, "create")(system, make(zaaktype))
    with pytest.raises(ValidationFailed) as exc:
        _fn(kind, "update")(writer, obj, {"zaaktype": published_zaaktype}, partial=True)
    assert params(exc) == [("nonFieldErrors", "non-concept-zaaktype")]


@pytest.mark.parametrize("kind", sorted(SUBTYPES))
def test_ztc_010_correctie_may_add_and_change_subtypes(kind, zaaktype, system, corrector):
    make, change = SUBTYPES[kind]
    obj = _fn(kind, "create")(system, make(zaaktype))
    domain.publish_zaaktype(system, zaaktype)
    _fn(kind, "update")(corrector, obj, change, partial=True)
    extra = {"volgnummer": 2} if kind == "statustype" else {"naam": "ander"} if kind == "eigenschap" else {}
    _fn(kind, "create")(corrector, make(zaaktype, **extra))
    _fn(kind, "delete")(corrector, obj)  # geforceerd-verwijderen


def test_ztc_010_correctie_adds_statustypen_only_at_the_end(zaaktype, system, corrector):
    domain.create_statustype(system, statustype_data(zaaktype, volgnummer=5))
    domain.publish_zaaktype(system, zaaktype)
    with pytest.raises(ValidationFailed) as exc:
        domain.create_statustype(corrector, statustype_data(zaaktype, volgnummer=3))
    assert params(exc) == [("volgnummer", "invalid-correctie")]
    domain.create_statustype(corrector, statustype_data(zaaktype, volgnummer=6))


def test_subtype_writes_are_audited_on_the_zaaktype_without_notification(zaaktype, writer):
    st = domain.create_statustype(writer, statustype_data(zaaktype))
    domain.delete_statustype(writer, st)
    zaaktype_url = f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    entries = AuditTrail.objects.filter(resource="statustype")
    assert [e.actie for e in entries] == ["create", "destroy"]
    assert all(e.hoofd_object == zaaktype_url for e in entries)
    assert entries[1].resource_url == f"{BASE}/catalogi/api/v1/statustypen/{st.uuid}"
    assert not OutboxMessage.objects.exclude(kanaal="zaaktypen").exists()
    assert not OutboxMessage.objects.filter(resource="statustype").exists()


# ---- statustype -------------------------------------------------------------------------------


def test_statustype_volgnummer_is_unique_per_zaaktype_and_the_highest_is_the_eindstatus(zaaktype, system):
    st1 = domain.create_statustype(system, statustype_data(zaaktype, volgnummer=1))
    st2 = domain.create_statustype(system, statustype_data(zaaktype, volgnummer=2, omschrijving="Afgerond"))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_statustype(system, statustype_data(zaaktype, volgnummer=2))
    assert params(exc) == [("nonFieldErrors", "unique")]
    from zaakwerk.catalogi.representation import statustypen_json

    assert [b["isEindstatus"] for b in statustypen_json([st1, st2], BASE)] == [False, True]
    body = to_json(st2, BASE)
    assert body["zaaktypeIdentificatie"] == "ZT1"
    assert body["catalogus"] == f"{BASE}/catalogi/api/v1/catalogussen/{zaaktype.catalogus_id}"
    assert body["beginGeldigheid"] == "2020-01-01"  # derived from the zaaktype


def test_statustype_volgnummer_range_and_checklist(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_statustype(system, statustype_data(zaaktype, volgnummer=0, checklistitem_statustype=[{}]))
    assert set(params(exc)) == {("volgnummer", "min_value"), ("checklistitemStatustype.0.itemnaam", "required"),
                                ("checklistitemStatustype.0.vraagstelling", "required")}
    st = domain.create_statustype(system, statustype_data(zaaktype, checklistitem_statustype=[
        {"itemnaam": "id", "vraagstelling": "Is de identiteit vastgesteld?", "verplicht": True}]))
    assert to_json(st, BASE)["checklistitemStatustype"] == [
        {"itemnaam": "id", "toelichting": None, "vraagstelling": "Is de identiteit vastgesteld?", "verplicht": True}]


def test_statustype_eigenschappen_belong_to_the_same_zaaktype(catalogus, zaaktype, system):
    other = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="ANDER"))
    eig = domain.create_eigenschap(system, eigenschap_data(other))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_statustype(system, statustype_data(zaaktype, eigenschappen=[eig]))
    assert params(exc) == [("eigenschappen.0", "zaaktype-mismatch")]
    own = domain.create_eigenschap(system, eigenschap_data(zaaktype))
    st = domain.create_statustype(system, statustype_data(zaaktype, eigenschappen=[own]))
    assert to_json(st, BASE)["eigenschappen"] == [f"{BASE}/catalogi/api/v1/eigenschappen/{own.uuid}"]


def test_subtype_begin_geldigheid_must_match_the_zaaktype(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_roltype(system, roltype_data(zaaktype, begin_geldigheid=dt.date(2000, 1, 1)))
    assert params(exc) == [("beginGeldigheid", "invalid")]
    domain.create_roltype(system, roltype_data(zaaktype, begin_geldigheid=zaaktype.begin_geldigheid))


# ---- eigenschap (ztc-015) ---------------------------------------------------------------------


@pytest.mark.parametrize("formaat,lengte,ok", [
    ("datum", "8", True), ("datum", "10", False), ("datum_tijd", "14", True), ("datum_tijd", "8", False),
    ("getal", "8,2", True), ("getal", "acht", False), ("tekst", "5", True), ("tekst", "x", False),
])
def test_ztc_015_eigenschap_lengte_per_formaat(zaaktype, system, formaat, lengte, ok):
    data = eigenschap_data(zaaktype, specificatie={"formaat": formaat, "lengte": lengte, "kardinaliteit": "1"})
    if ok:
        domain.create_eigenschap(system, data)
    else:
        with pytest.raises(ValidationFailed) as exc:
            domain.create_eigenschap(system, data)
        assert params(exc) == [("specificatie.lengte", "invalid")]


def test_ztc_015_datum_waarden_have_the_jjjjmmdd_format(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_eigenschap(system, eigenschap_data(zaaktype, specificatie={
            "formaat": "datum", "lengte": "8", "kardinaliteit": "1", "waardenverzameling": ["20220728", "2022-07-28"]}))
    assert params(exc) == [("specificatie.waardenverzameling.1", "invalid")]


def test_eigenschap_naam_unique_per_zaaktype_and_statustype_of_same_zaaktype(catalogus, zaaktype, system):
    domain.create_eigenschap(system, eigenschap_data(zaaktype))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_eigenschap(system, eigenschap_data(zaaktype))
    assert params(exc) == [("nonFieldErrors", "unique")]
    other = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="ANDER"))
    st = domain.create_statustype(system, statustype_data(other))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_eigenschap(system, eigenschap_data(zaaktype, naam="ander", statustype=st))
    assert params(exc) == [("statustype", "zaaktype-mismatch")]
    assert Eigenschap.objects.count() == 1


# ---- roltype / zaakobjecttype -----------------------------------------------------------------


def test_roltype_omschrijving_generiek_is_a_choice(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_roltype(system, roltype_data(zaaktype, omschrijving_generiek="baas"))
    assert params(exc) == [("omschrijvingGeneriek", "invalid_choice")]
    assert not RolType.objects.exists()


def test_zaakobjecttype_catalogus_must_be_that_of_the_zaaktype(zaaktype, other_catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaakobjecttype(system, zaakobjecttype_data(zaaktype, catalogus=other_catalogus))
    assert params(exc) == [("nonFieldErrors", "relations-incorrect-catalogus")]
    zot = domain.create_zaakobjecttype(system, zaakobjecttype_data(zaaktype))
    body = to_json(zot, BASE)
    assert body["statustypen"] == [] and body["zaaktypeIdentificatie"] == "ZT1"
    assert to_json(zaaktype, BASE)["zaakobjecttypen"] == [body["url"]]


# ---- zaaktype-informatieobjecttype ------------------------------------------------------------


@pytest.fixture
def iot(catalogus, system):
    return domain.create_informatieobjecttype(system, iot_data(catalogus))


def ztiot_data(zaaktype, iot, **kw):
    return {"zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": 1, "richting": "inkomend", **kw}


def test_ztc_011_ztiot_links_the_iot_by_omschrijving_and_shows_a_url(zaaktype, iot, system):
    rel = domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, "Aanvraag"))
    assert rel.informatieobjecttype_omschrijving == "Aanvraag"
    # no published version yet: the most recent version is shown so a draft stays readable
    assert to_json(rel, BASE)["informatieobjecttype"] == f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}"
    body = to_json(zaaktype, BASE)
    assert body["informatieobjecttypeOmschrijving"] == ["Aanvraag"]
    assert body["informatieobjecttypen"] == []  # only published, valid versions
    domain.publish_informatieobjecttype(system, iot)
    assert to_json(zaaktype, BASE)["informatieobjecttypen"] == [
        f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}"]
    assert to_json(iot, BASE)["zaaktypeIdentificaties"] == ["ZT1"]


def test_ztc_013_ztiot_zaaktype_and_iot_in_one_catalogus(zaaktype, other_catalogus, system):
    foreign = domain.create_informatieobjecttype(system, iot_data(other_catalogus))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, foreign))
    assert params(exc) == [("nonFieldErrors", "relations-incorrect-catalogus")]
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, "Onbekend"))
    assert params(exc) == [("informatieobjecttype", "does_not_exist")]


def test_ztiot_volgnummer_unique_per_zaaktype(zaaktype, iot, system):
    domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, iot))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, iot))
    assert params(exc) == [("nonFieldErrors", "unique")]


def test_ztc_010g_ztiot_editable_while_one_side_is_a_concept(zaaktype, iot, system, writer):
    rel = domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, iot))
    domain.publish_informatieobjecttype(system, iot)
    domain.update_zaaktypeinformatieobjecttype(writer, rel, {"volgnummer": 2}, partial=True)
    domain.delete_zaaktypeinformatieobjecttype(writer, rel)
    # published zaaktype with a concept informatieobjecttype (the suite's second case)
    iot2 = domain.create_informatieobjecttype(system, iot_data(zaaktype.catalogus, omschrijving="Bijlage"))
    domain.publish_zaaktype(system, zaaktype)
    rel = domain.create_zaaktypeinformatieobjecttype(writer, ztiot_data(zaaktype, iot2))
    rel = domain.update_zaaktypeinformatieobjecttype(writer, rel, ztiot_data(zaaktype, iot2, richting="intern"),
                                                     partial=False)
    assert rel.richting == "intern"
    domain.delete_zaaktypeinformatieobjecttype(writer, rel)


def test_ztc_010g_ztiot_frozen_when_both_are_published(zaaktype, iot, system, writer, corrector):
    rel = domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, iot))
    domain.publish_informatieobjecttype(system, iot)
    domain.publish_zaaktype(system, zaaktype)
    for call in (lambda: domain.update_zaaktypeinformatieobjecttype(writer, rel, ztiot_data(zaaktype, iot, richting="intern"), partial=False),
                 lambda: domain.update_zaaktypeinformatieobjecttype(writer, rel, {"volgnummer": 2}, partial=True),
                 lambda: domain.delete_zaaktypeinformatieobjecttype(writer, rel)):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert params(exc) == [("nonFieldErrors", "non-concept-relation")]
    domain.update_zaaktypeinformatieobjecttype(corrector, rel, {"volgnummer": 2}, partial=True)
    domain.delete_zaaktypeinformatieobjecttype(corrector, rel)
    assert not ZaakTypeInformatieObjectType.objects.exists()


def test_ztiot_statustype_of_the_same_zaaktype(catalogus, zaaktype, iot, system):
    other = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="ANDER"))
    st = domain.create_statustype(system, statustype_data(other))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktypeinformatieobjecttype(system, ztiot_data(zaaktype, iot, statustype=st))
    assert params(exc) == [("statustype", "zaaktype-mismatch")]
    assert not StatusType.objects.filter(zaaktype=zaaktype).exists()
