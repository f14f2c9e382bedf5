"""Catalogus, informatieobjecttype and besluittype: creation, ztc-009, ztc-010 (suite wording
ztc-010a/c), publishing and correcties."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.models import BesluitType, InformatieObjectType
from zaakwerk.catalogi.representation import to_json
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.core.models import AuditTrail, OutboxMessage

from .conftest import BASE, bt_data, catalogus_data, iot_data, zaaktype_data

pytestmark = pytest.mark.django_db


def params(exc) -> list[tuple[str, str]]:
    return [(p.name, p.code) for p in exc.value.params]


# ---- catalogus --------------------------------------------------------------------------------


def test_catalogus_rsin_must_pass_the_elfproef(system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_catalogus(system, catalogus_data(rsin="123456789"))
    assert params(exc) == [("rsin", "invalid")]


def test_catalogus_lists_all_versions_of_its_types(catalogus, system):
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus))
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    bt = domain.create_besluittype(system, bt_data(catalogus))
    body = to_json(catalogus, BASE)
    assert body["zaaktypen"] == [f"{BASE}/catalogi/api/v1/zaaktypen/{zt.uuid}"]  # concepts too
    assert body["informatieobjecttypen"] == [f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}"]
    assert body["besluittypen"] == [f"{BASE}/catalogi/api/v1/besluittypen/{bt.uuid}"]
    assert body["besluittypeOmschrijving"] == ["Vergunning"]
    assert body["informatieobjecttypeOmschrijving"] == ["Aanvraag"]


def test_catalogus_update_is_partial_or_full(catalogus, system):
    domain.update_catalogus(system, catalogus, {"naam": "Gemeente"}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.update_catalogus(system, catalogus, {"naam": "Gemeente"}, partial=False)
    assert {p for p in params(exc)} == {("domein", "required"), ("rsin", "required"),
                                        ("contactpersoonBeheerNaam", "required")}
    catalogus.refresh_from_db()
    assert catalogus.naam == "Gemeente"
    assert AuditTrail.objects.filter(resource="catalogus", actie="partial_update").exists()
    assert not OutboxMessage.objects.exists()  # catalogussen have no kanaal


# ---- informatieobjecttype ---------------------------------------------------------------------


def test_informatieobjecttype_create_and_omschrijving_generiek(catalogus, system):
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus, omschrijving_generiek={
        "informatieobjecttype_omschrijving_generiek": "Aanvraag", "definitie_informatieobjecttype_omschrijving_generiek": "d",
        "herkomst_informatieobjecttype_omschrijving_generiek": "VNG",
        "hierarchie_informatieobjecttype_omschrijving_generiek": "h"}))
    body = to_json(iot, BASE)
    assert body["omschrijvingGeneriek"]["herkomstInformatieobjecttypeOmschrijvingGeneriek"] == "VNG"
    assert body["omschrijvingGeneriek"]["opmerkingInformatieobjecttypeOmschrijvingGeneriek"] is None
    assert body["concept"] is True


def test_ztc_009_published_informatieobjecttype(catalogus, system, writer, corrector):
    iot = domain.publish_informatieobjecttype(system, domain.create_informatieobjecttype(system, iot_data(catalogus)))
    with pytest.raises(ValidationFailed) as exc:
        domain.update_informatieobjecttype(writer, iot, {"omschrijving": "anders"}, partial=True)
    assert params(exc) == [("nonFieldErrors", "non-concept-object")]
    domain.update_informatieobjecttype(writer, iot, {"einde_geldigheid": dt.date(2030, 1, 1)}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.delete_informatieobjecttype(writer, iot)
    assert params(exc) == [("nonFieldErrors", "non-concept-object")]
    # a correctie may add a trefwoord but not rename (the omschrijving is the link key)
    domain.update_informatieobjecttype(corrector, iot, {"trefwoord": ["extra"]}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.update_informatieobjecttype(corrector, iot, {"omschrijving": "anders", "trefwoord": []},
                                           partial=True)
    assert set(params(exc)) == {("omschrijving", "invalid-correctie"), ("trefwoord", "invalid-correctie")}
    domain.delete_informatieobjecttype(corrector, iot)
    assert not InformatieObjectType.objects.exists()


def test_ztc_010_concept_iot_related_to_a_published_besluittype_is_frozen(catalogus, system, writer):
    """Suite ztc-010c."""
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    bt = domain.create_besluittype(system, bt_data(catalogus, informatieobjecttypen=[iot]))
    domain.publish_besluittype(system, bt)  # a besluittype may be published with concept IOTs
    for call in (lambda: domain.update_informatieobjecttype(writer, iot, {"omschrijving": "x"}, partial=True),
                 lambda: domain.update_informatieobjecttype(writer, iot, iot_data(catalogus), partial=False),
                 lambda: domain.delete_informatieobjecttype(writer, iot)):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert params(exc) == [("nonFieldErrors", "non-concept-relation")]
    domain.update_informatieobjecttype(writer, iot, {"einde_geldigheid": dt.date(2030, 1, 1)}, partial=True)


def test_iot_publish_is_recorded_on_its_kanaal(catalogus, writer):
    iot = domain.create_informatieobjecttype(writer, iot_data(catalogus))
    domain.publish_informatieobjecttype(writer, iot)
    assert [m.actie for m in OutboxMessage.objects.filter(kanaal="informatieobjecttypen")] == ["create", "publish"]


# ---- besluittype ------------------------------------------------------------------------------


def test_besluittype_links_informatieobjecttypen_by_omschrijving(catalogus, system):
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    bt = domain.create_besluittype(system, bt_data(catalogus, informatieobjecttypen=["Aanvraag"]))
    body = to_json(bt, BASE)
    assert body["informatieobjecttypeOmschrijvingen"] == ["Aanvraag"] == body["vastgelegdIn"]
    assert body["informatieobjecttypen"] == []
    domain.publish_informatieobjecttype(system, iot)
    assert to_json(bt, BASE)["informatieobjecttypen"] == [f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.uuid}"]
    assert to_json(iot, BASE)["besluittypeOmschrijving"] == ["Vergunning"]
    assert to_json(iot, BASE)["besluittypen"] == []  # the besluittype is a concept


def test_besluittype_informatieobjecttypen_required_on_create(catalogus, system):
    data = bt_data(catalogus)
    del data["informatieobjecttypen"]
    with pytest.raises(ValidationFailed) as exc:
        domain.create_besluittype(system, data)
    assert params(exc) == [("informatieobjecttypen", "required")]


def test_ztc_009_published_besluittype(catalogus, system, writer):
    bt = domain.publish_besluittype(system, domain.create_besluittype(system, bt_data(catalogus)))
    with pytest.raises(ValidationFailed) as exc:
        domain.update_besluittype(writer, bt, bt_data(catalogus, toelichting="x"), partial=False)
    assert params(exc) == [("nonFieldErrors", "non-concept-object")]
    domain.update_besluittype(writer, bt, {"einde_geldigheid": dt.date(2020, 1, 1)}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.delete_besluittype(writer, bt)
    assert params(exc) == [("nonFieldErrors", "non-concept-object")]


def test_ztc_010_concept_besluittype_related_to_a_published_iot_is_frozen(catalogus, system, writer):
    """Suite ztc-010a."""
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    bt = domain.create_besluittype(system, bt_data(catalogus, informatieobjecttypen=[iot]))
    domain.publish_informatieobjecttype(system, iot)
    for call in (lambda: domain.update_besluittype(writer, bt, bt_data(catalogus, toelichting="x"), partial=False),
                 lambda: domain.update_besluittype(writer, bt, {"omschrijving": "ja"}, partial=True),
                 lambda: domain.delete_besluittype(writer, bt)):
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert params(exc) == [("nonFieldErrors", "non-concept-relation")]
    bt = domain.update_besluittype(writer, bt, {"einde_geldigheid": dt.date(2022, 1, 1)}, partial=True)
    assert bt.einde_geldigheid == dt.date(2022, 1, 1)
    assert BesluitType.objects.filter(pk=bt.pk).exists()


def test_besluittype_versions_may_coexist(catalogus, system):
    """ztc-016 is about zaaktypen only; besluittype versions with one omschrijving may overlap."""
    for _ in range(2):
        domain.publish_besluittype(system, domain.create_besluittype(system, bt_data(catalogus)))
    assert BesluitType.objects.filter(concept=False).count() == 2


def test_besluittype_shows_the_zaaktypen_that_use_it(catalogus, system):
    bt = domain.create_besluittype(system, bt_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt]))
    body = to_json(bt, BASE)
    assert body["zaaktypeIdentificaties"] == ["ZT1"]
    assert body["zaaktypen"] == []
    domain.publish_besluittype(system, bt)
    domain.publish_zaaktype(system, zt)
    assert to_json(bt, BASE)["zaaktypen"] == [f"{BASE}/catalogi/api/v1/zaaktypen/{zt.uuid}"]
