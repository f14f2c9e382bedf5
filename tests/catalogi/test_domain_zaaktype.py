"""Rules of the zaaktype and its versions: ztc-001, ztc-009, ztc-010 (suite wording), ztc-012,
ztc-016, correcties, links by omschrijving/identificatie, and the audit trail + notification."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.models import ZaakType
from zaakwerk.catalogi.representation import to_json
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.core.models import AuditTrail, OutboxMessage

from .conftest import BASE, MOCK_200, PROCESTYPE_2, bt_data, iot_data, zaaktype_data

pytestmark = pytest.mark.django_db


def params(exc: ValidationFailed) -> list[tuple[str, str]]:
    return [(p.name, p.code) for p in exc.params]


# ---- creation ---------------------------------------------------------------------------------


def test_create_zaaktype_is_a_concept_with_defaults(catalogus, system):
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, versiedatum=None))
    zt.refresh_from_db()
    assert zt.concept is True
    assert zt.versiedatum == zt.begin_geldigheid  # defaults to beginGeldigheid
    body = to_json(zt, BASE)
    assert body["url"] == f"{BASE}/catalogi/api/v1/zaaktypen/{zt.uuid}"
    assert body["catalogus"] == f"{BASE}/catalogi/api/v1/catalogussen/{catalogus.uuid}"
    assert body["referentieproces"] == {"naam": "test"}  # an empty link is left out (format uri)
    assert "broncatalogus" not in body and body["concept"] is True


def test_create_zaaktype_reports_all_missing_fields_at_once(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, {"catalogus": catalogus})
    names = {p.name for p in exc.value.params if p.code == "required"}
    assert {"identificatie", "omschrijving", "doel", "doorlooptijd", "beginGeldigheid",
            "referentieproces", "productenOfDiensten", "verantwoordelijke"} <= names
    assert not ZaakType.objects.exists()


def test_create_zaaktype_rejects_a_bad_duration_and_choice(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, doorlooptijd="10 dagen",
                                                     vertrouwelijkheidaanduiding="topgeheim"))
    assert ("doorlooptijd", "invalid") in params(exc.value)
    assert ("vertrouwelijkheidaanduiding", "invalid_choice") in params(exc.value)


@pytest.mark.parametrize("mogelijk,termijn", [(True, None), (False, "P5D")])
def test_verlengingstermijn_only_and_always_with_verlenging(catalogus, system, mogelijk, termijn):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, verlenging_mogelijk=mogelijk,
                                                     verlengingstermijn=termijn))
    assert params(exc.value) == [("verlengingstermijn", "verlenging-mismatch")]


def test_einde_geldigheid_not_before_begin(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, einde_geldigheid=dt.date(2019, 1, 1)))
    assert params(exc.value) == [("eindeGeldigheid", "invalid")]


# ---- ztc-001 ----------------------------------------------------------------------------------


def test_ztc_001_selectielijst_procestype_must_be_a_procestype(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, selectielijst_procestype=MOCK_200))
    assert params(exc.value) == [("selectielijstProcestype", "invalid-resource")]


def test_ztc_001_selectielijst_procestype_must_resolve(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(
            catalogus, selectielijst_procestype="https://selectielijst.test/api/v1/procestypen/404"))
    assert params(exc.value) == [("selectielijstProcestype", "bad-url")]


def test_ztc_001_a_valid_procestype_is_accepted_and_not_looked_up_again(catalogus, system, selectielijst):
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus))
    assert ("procestypen", zt.selectielijst_procestype) in selectielijst
    selectielijst.clear()
    domain.update_zaaktype(system, zt, {"omschrijving": "nieuw"}, partial=True)
    domain.update_zaaktype(system, zt, {"selectielijst_procestype": zt.selectielijst_procestype}, partial=True)
    assert selectielijst == []
    domain.update_zaaktype(system, zt, {"selectielijst_procestype": PROCESTYPE_2}, partial=True)
    assert selectielijst == [("procestypen", PROCESTYPE_2)]


# ---- links by omschrijving (historiemodel) ----------------------------------------------------


def test_ztc_011_besluittypen_are_linked_by_omschrijving_from_url_or_omschrijving(catalogus, system):
    bt1 = domain.create_besluittype(system, bt_data(catalogus, omschrijving="BT1"))
    domain.create_besluittype(system, bt_data(catalogus, omschrijving="BT2"))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt1, "BT2", "BT1"]))
    body = to_json(zt, BASE)
    assert body["besluittypeOmschrijving"] == ["BT1", "BT2"]
    # concepts are not shown as URLs: only published versions valid today are
    assert body["besluittypen"] == []
    domain.publish_besluittype(system, bt1)
    assert to_json(zt, BASE)["besluittypen"] == [f"{BASE}/catalogi/api/v1/besluittypen/{bt1.uuid}"]


def test_ztc_011_besluittype_link_resolves_to_the_version_valid_on_the_peildatum(catalogus, system):
    v1 = domain.create_besluittype(system, bt_data(catalogus, omschrijving="BT", einde_geldigheid=dt.date(2020, 12, 31)))
    v2 = domain.create_besluittype(system, bt_data(catalogus, omschrijving="BT", begin_geldigheid=dt.date(2021, 1, 1)))
    domain.publish_besluittype(system, v1)
    domain.publish_besluittype(system, v2)
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=["BT"]))
    from zaakwerk.catalogi.representation import zaaktypen_json

    assert zaaktypen_json([zt], BASE, dt.date(2020, 6, 1))[0]["besluittypen"] == [
        f"{BASE}/catalogi/api/v1/besluittypen/{v1.uuid}"]
    assert zaaktypen_json([zt], BASE, dt.date(2020, 12, 31))[0]["besluittypen"] == [
        f"{BASE}/catalogi/api/v1/besluittypen/{v1.uuid}"]  # eindeGeldigheid is inclusive
    assert zaaktypen_json([zt], BASE, dt.date(2022, 1, 1))[0]["besluittypen"] == [
        f"{BASE}/catalogi/api/v1/besluittypen/{v2.uuid}"]


def test_ztc_013_a_besluittype_of_another_catalogus_cannot_be_linked(catalogus, other_catalogus, system):
    bt = domain.create_besluittype(system, bt_data(other_catalogus))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt]))
    assert params(exc.value) == [("nonFieldErrors", "relations-incorrect-catalogus")]


def test_an_unknown_besluittype_omschrijving_is_rejected(catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=["bestaat niet"]))
    assert params(exc.value) == [("besluittypen", "does_not_exist")]


def test_deelzaaktypen_by_identificatie_or_instance(catalogus, system):
    deel = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="DEEL"))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, deelzaaktypen=[deel]))
    body = to_json(zt, BASE)
    assert body["deelzaaktypeIdentificaties"] == ["DEEL"]
    assert body["deelzaaktypen"] == []  # the deelzaaktype is not published yet
    domain.publish_zaaktype(system, deel)
    assert to_json(zt, BASE)["deelzaaktypen"] == [f"{BASE}/catalogi/api/v1/zaaktypen/{deel.uuid}"]


def test_ztc_013_deelzaaktypen_in_another_catalogus_are_rejected(catalogus, other_catalogus, system):
    deel = domain.create_zaaktype(system, zaaktype_data(other_catalogus, identificatie="DEEL"))
    with pytest.raises(ValidationFailed) as exc:
        domain.create_zaaktype(system, zaaktype_data(catalogus, deelzaaktypen=[deel]))
    assert params(exc.value) == [("nonFieldErrors", "relations-incorrect-catalogus")]


def test_gerelateerde_zaaktypen_by_identificatie_and_external_url(catalogus, system):
    ander = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="ANDER"))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, gerelateerde_zaaktypen=[
        {"zaaktype": ander, "aard_relatie": "vervolg", "toelichting": "daarna"},
        {"zaaktype": "https://elders.test/catalogi/api/v1/zaaktypen/1", "aard_relatie": "bijdrage"},
    ]))
    body = to_json(zt, BASE)["gerelateerdeZaaktypen"]
    assert body == [
        {"zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{ander.uuid}", "zaaktypeIdentificatie": "ANDER",
         "aardRelatie": "vervolg", "toelichting": "daarna"},
        {"zaaktype": "https://elders.test/catalogi/api/v1/zaaktypen/1", "zaaktypeIdentificatie": "",
         "aardRelatie": "bijdrage", "toelichting": ""},
    ]
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(system, zt, {"gerelateerde_zaaktypen": [{"zaaktype": "ANDER"}]}, partial=True)
    assert params(exc.value) == [("gerelateerdeZaaktypen.0.aardRelatie", "required")]


# ---- ztc-009: published versions --------------------------------------------------------------


def test_ztc_009_published_zaaktype_cannot_be_updated(published_zaaktype, writer):
    data = zaaktype_data(published_zaaktype.catalogus, identificatie="PUB", doel="ander doel")
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(writer, published_zaaktype, data, partial=False)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-object")]
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(writer, published_zaaktype, {"omschrijving": "ander"}, partial=True)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-object")]
    published_zaaktype.refresh_from_db()
    assert published_zaaktype.doel == "doel"


def test_ztc_009_only_einde_geldigheid_may_be_patched(published_zaaktype, writer):
    domain.update_zaaktype(writer, published_zaaktype, {"einde_geldigheid": dt.date(2024, 12, 31)}, partial=True)
    published_zaaktype.refresh_from_db()
    assert published_zaaktype.einde_geldigheid == dt.date(2024, 12, 31)
    assert published_zaaktype.concept is False


def test_ztc_009_published_zaaktype_cannot_be_deleted_without_geforceerd_verwijderen(
        published_zaaktype, writer, corrector):
    with pytest.raises(ValidationFailed) as exc:
        domain.delete_zaaktype(writer, published_zaaktype)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-object")]
    assert ZaakType.objects.filter(pk=published_zaaktype.pk).exists()
    domain.delete_zaaktype(corrector, published_zaaktype)
    assert not ZaakType.objects.filter(pk=published_zaaktype.pk).exists()


def test_correctie_may_extend_a_published_zaaktype(published_zaaktype, corrector):
    domain.update_zaaktype(corrector, published_zaaktype,
                           {"trefwoorden": ["nieuw"], "toelichting": "verduidelijkt"}, partial=True)
    published_zaaktype.refresh_from_db()
    assert published_zaaktype.trefwoorden == ["nieuw"]
    assert published_zaaktype.toelichting == "verduidelijkt"


def test_correctie_may_not_remove_or_change_identity(published_zaaktype, corrector):
    domain.update_zaaktype(corrector, published_zaaktype, {"trefwoorden": ["a", "b"]}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(corrector, published_zaaktype,
                               {"trefwoorden": ["a"], "identificatie": "ANDERS"}, partial=True)
    assert set(params(exc.value)) == {("trefwoorden", "invalid-correctie"), ("identificatie", "invalid-correctie")}
    published_zaaktype.refresh_from_db()
    assert published_zaaktype.trefwoorden == ["a", "b"]


# ---- ztc-010 (1.2 wording, tested by the conformance suite as ztc-010h) -----------------------


def test_ztc_010_concept_zaaktype_with_published_besluittype_cannot_change(catalogus, system, writer):
    bt = domain.create_besluittype(system, bt_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt]))
    domain.publish_besluittype(system, bt)
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(writer, zt, {"omschrijving": "anders"}, partial=True)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-relation")]
    with pytest.raises(ValidationFailed) as exc:
        domain.delete_zaaktype(writer, zt)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-relation")]
    # eindeGeldigheid may still be set
    domain.update_zaaktype(writer, zt, {"einde_geldigheid": dt.date(2030, 1, 1)}, partial=True)


def test_ztc_010_concept_zaaktype_with_published_iot_can_change_but_not_be_deleted(catalogus, system, writer):
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus))
    domain.create_zaaktypeinformatieobjecttype(system, {"zaaktype": zt, "informatieobjecttype": iot,
                                                        "volgnummer": 1, "richting": "inkomend"})
    domain.publish_informatieobjecttype(system, iot)
    domain.update_zaaktype(writer, zt, {"omschrijving": "anders"}, partial=True)
    with pytest.raises(ValidationFailed) as exc:
        domain.delete_zaaktype(writer, zt)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-relation")]


def test_ztc_010_geforceerd_scopes_lift_the_relation_guard(catalogus, system, corrector):
    bt = domain.create_besluittype(system, bt_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt]))
    domain.publish_besluittype(system, bt)
    domain.update_zaaktype(corrector, zt, {"omschrijving": "anders"}, partial=True)
    domain.delete_zaaktype(corrector, zt)
    assert not ZaakType.objects.filter(pk=zt.pk).exists()


def test_ztc_011_linking_a_published_besluittype_is_allowed(catalogus, system, writer):
    """Catalogi 1.3 (historiemodel): a new zaaktype version may link published besluittypen."""
    bt = domain.publish_besluittype(system, domain.create_besluittype(system, bt_data(catalogus)))
    zt = domain.create_zaaktype(writer, zaaktype_data(catalogus, besluittypen=[bt]))
    assert to_json(zt, BASE)["besluittypen"] == [f"{BASE}/catalogi/api/v1/besluittypen/{bt.uuid}"]


# ---- ztc-012: publishing ----------------------------------------------------------------------


def test_ztc_012_publish_requires_published_besluittypen(catalogus, system):
    bt = domain.create_besluittype(system, bt_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, besluittypen=[bt]))
    with pytest.raises(ValidationFailed) as exc:
        domain.publish_zaaktype(system, zt)
    assert params(exc.value) == [("nonFieldErrors", "concept-relation")]
    zt.refresh_from_db()
    assert zt.concept is True
    domain.publish_besluittype(system, bt)
    assert domain.publish_zaaktype(system, zt).concept is False


def test_ztc_012_publish_requires_published_informatieobjecttypen(catalogus, system):
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus))
    domain.create_zaaktypeinformatieobjecttype(system, {"zaaktype": zt, "informatieobjecttype": iot,
                                                        "volgnummer": 1, "richting": "inkomend"})
    with pytest.raises(ValidationFailed) as exc:
        domain.publish_zaaktype(system, zt)
    assert params(exc.value) == [("nonFieldErrors", "concept-relation")]
    domain.publish_informatieobjecttype(system, iot)
    assert domain.publish_zaaktype(system, zt).concept is False


def test_publish_needs_no_statustypen_or_resultaattypen(zaaktype, system):
    """The conformance suite publishes bare zaaktypen; the standard does not forbid it."""
    assert domain.publish_zaaktype(system, zaaktype).concept is False


def test_publishing_twice_is_refused(published_zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.publish_zaaktype(system, published_zaaktype)
    assert params(exc.value) == [("nonFieldErrors", "non-concept-object")]


# ---- ztc-016: no overlapping published versions -----------------------------------------------


def test_ztc_016_published_versions_may_not_overlap(catalogus, system):
    v1 = domain.publish_zaaktype(system, domain.create_zaaktype(system, zaaktype_data(catalogus)))
    v2 = domain.create_zaaktype(system, zaaktype_data(catalogus, begin_geldigheid=dt.date(2021, 1, 1)))
    # concepts may overlap (they are drafts) ...
    with pytest.raises(ValidationFailed) as exc:
        domain.publish_zaaktype(system, v2)  # ... but v1 is open-ended
    assert params(exc.value) == [("beginGeldigheid", "overlap")]
    domain.update_zaaktype(system, v1, {"einde_geldigheid": dt.date(2020, 12, 31)}, partial=True)
    assert domain.publish_zaaktype(system, v2).concept is False
    # and the old version's end can no longer be moved into the new one
    with pytest.raises(ValidationFailed) as exc:
        domain.update_zaaktype(system, v1, {"einde_geldigheid": dt.date(2021, 1, 1)}, partial=True)
    assert params(exc.value) == [("beginGeldigheid", "overlap")]


def test_ztc_016_other_identificatie_or_catalogus_does_not_overlap(catalogus, other_catalogus, system):
    domain.publish_zaaktype(system, domain.create_zaaktype(system, zaaktype_data(catalogus)))
    other = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="ZT2"))
    elsewhere = domain.create_zaaktype(system, zaaktype_data(other_catalogus))
    assert domain.publish_zaaktype(system, other).concept is False
    assert domain.publish_zaaktype(system, elsewhere).concept is False


# ---- audit trail and notifications ------------------------------------------------------------


def test_writes_are_audited_and_notified_on_kanaal_zaaktypen(catalogus, writer):
    zt = domain.create_zaaktype(writer, zaaktype_data(catalogus))
    domain.update_zaaktype(writer, zt, {"omschrijving": "nieuw"}, partial=True)
    domain.publish_zaaktype(writer, zt)
    url = f"{BASE}/catalogi/api/v1/zaaktypen/{zt.uuid}"
    trail = list(AuditTrail.objects.filter(hoofd_object=url).order_by("aanmaakdatum"))
    assert [t.actie for t in trail] == ["create", "partial_update", "publish"]
    assert trail[0].oud is None and trail[0].nieuw["url"] == url
    assert trail[1].oud["omschrijving"] == "Melding openbare ruimte"
    assert trail[1].nieuw["omschrijving"] == "nieuw"
    assert trail[2].nieuw["concept"] is False and trail[0].bron == "ztc"
    messages = list(OutboxMessage.objects.filter(kanaal="zaaktypen"))
    assert [m.actie for m in messages] == ["create", "partial_update", "publish"]
    assert messages[0].kenmerken == {"catalogus": f"{BASE}/catalogi/api/v1/catalogussen/{catalogus.uuid}"}


def test_a_refused_write_leaves_no_trace(published_zaaktype, writer):
    before = (AuditTrail.objects.count(), OutboxMessage.objects.count())
    with pytest.raises(ValidationFailed):
        domain.update_zaaktype(writer, published_zaaktype, {"omschrijving": "x"}, partial=True)
    assert (AuditTrail.objects.count(), OutboxMessage.objects.count()) == before


def test_delete_is_audited_with_the_old_state(zaaktype, writer):
    url = f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
    domain.delete_zaaktype(writer, zaaktype)
    entry = AuditTrail.objects.get(actie="destroy")
    assert entry.resource_url == url and entry.oud["url"] == url and entry.nieuw is None
    assert OutboxMessage.objects.filter(actie="destroy", resource_url=url).exists()


def test_einde_geldigheid_only_patch_may_retract_a_version(published_zaaktype, writer):
    """The eindeGeldigheid-only PATCH ends a version; a day before its begin retracts it (suite
    ztc-010h does this after moving beginGeldigheid)."""
    domain.update_zaaktype(writer, published_zaaktype, {"einde_geldigheid": dt.date(2019, 12, 31)}, partial=True)
    published_zaaktype.refresh_from_db()
    assert published_zaaktype.einde_geldigheid == dt.date(2019, 12, 31)
