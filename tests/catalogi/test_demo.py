"""The demo catalogue: loaded through the domain, once, published, mapped onto the Selectielijst
2020 the way ``demo_data`` says, and readable by an API client."""

from __future__ import annotations

import importlib.util

import pytest

from zaakwerk.catalogi import demo_data, representation
from zaakwerk.catalogi.demo import load_demo_catalogue
from zaakwerk.catalogi.models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from zaakwerk.core.actor import Actor
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.referentielijsten.data import lists

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
REF = f"{BASE}/referentielijsten/api/v1/"
MODELS = (Catalogus, InformatieObjectType, BesluitType, ZaakType, StatusType, RolType, ResultaatType,
          Eigenschap, ZaakTypeInformatieObjectType)


@pytest.fixture
def selectielijst():
    """Overrides the catalogi conftest's fake Selectielijst: the demo maps onto the real one that
    Zaakwerk ships and serves."""
    return None


@pytest.fixture
def demo():
    return load_demo_catalogue(Actor.system(BASE, name="zaakwerk-demo"))


def _item(url: str, collection: str) -> dict:
    """The shipped Selectielijst item a URL of ours names."""
    assert url.startswith(REF), url
    relative = url[len(REF):]
    kind, _, key = relative.partition("/")
    assert kind == collection, url
    return getattr(lists(), collection)[key]


def test_loading_twice_gives_the_data_once(demo):
    assert demo.startswith("catalogus DEMO met 4 zaaktypen")
    counts = {model: model.objects.count() for model in MODELS}
    audit, outbox = AuditTrail.objects.count(), OutboxMessage.objects.count()

    assert load_demo_catalogue(Actor.system(BASE)) == ""

    assert {model: model.objects.count() for model in MODELS} == counts
    assert (AuditTrail.objects.count(), OutboxMessage.objects.count()) == (audit, outbox)
    assert counts[Catalogus] == 1
    assert counts[ZaakType] == len(demo_data.ZAAKTYPEN)
    assert counts[InformatieObjectType] == len(demo_data.INFORMATIEOBJECTTYPEN)
    assert counts[BesluitType] == len(demo_data.BESLUITTYPEN)


def test_demo_is_written_through_the_domain(demo):
    """Every object has its audit trail entry, and the main types their notifications."""
    for model, resource in ((ZaakType, "zaaktype"), (StatusType, "statustype"), (ResultaatType, "resultaattype"),
                            (RolType, "roltype"), (Eigenschap, "eigenschap"),
                            (ZaakTypeInformatieObjectType, "zaaktypeinformatieobjecttype")):
        assert AuditTrail.objects.filter(resource=resource, actie="create").count() == model.objects.count() > 0
    assert AuditTrail.objects.filter(actie="publish").count() == (
        len(demo_data.ZAAKTYPEN) + len(demo_data.INFORMATIEOBJECTTYPEN) + len(demo_data.BESLUITTYPEN))
    assert OutboxMessage.objects.filter(kanaal="zaaktypen", actie="publish").count() == len(demo_data.ZAAKTYPEN)
    assert set(AuditTrail.objects.values_list("applicatie_id", flat=True)) == {"zaakwerk-demo"}


def test_every_type_is_published_with_its_parts(demo):
    catalogus = Catalogus.objects.get(domein="DEMO", rsin=demo_data.CATALOGUS["rsin"])
    assert not InformatieObjectType.objects.filter(concept=True).exists()
    assert not BesluitType.objects.filter(concept=True).exists()
    assert list(BesluitType.objects.get(omschrijving="Beslissing op bezwaar")
                .informatieobjecttype_links.values_list("informatieobjecttype_omschrijving", flat=True)) == [
        "Besluitbrief"]
    standaard_rollen = {(r["omschrijving"], r["omschrijving_generiek"]) for r in demo_data.ROLTYPEN_STANDAARD}

    for spec in demo_data.ZAAKTYPEN:
        zt = ZaakType.objects.get(catalogus=catalogus, identificatie=spec["identificatie"])
        assert zt.concept is False, spec["identificatie"]
        assert list(zt.statustypen.order_by("volgnummer").values_list("volgnummer", "omschrijving")) == list(
            enumerate(spec["statustypen"], start=1))
        assert set(zt.roltypen.values_list("omschrijving", "omschrijving_generiek")) == standaard_rollen
        assert sorted(zt.resultaattypen.values_list("omschrijving", flat=True)) == sorted(
            r["omschrijving"] for r in spec["resultaattypen"])
        assert sorted(zt.eigenschappen.values_list("naam", flat=True)) == sorted(
            e["naam"] for e in spec["eigenschappen"])
        assert list(zt.informatieobjecttype_relaties.order_by("volgnummer").values_list(
            "informatieobjecttype_omschrijving", "richting")) == list(spec["informatieobjecttypen"])
        assert list(zt.besluittype_links.values_list("besluittype_omschrijving", flat=True)) == spec["besluittypen"]

    categorie = Eigenschap.objects.get(naam="categorie")
    assert categorie.specificatie_formaat == "tekst"
    assert "Verlichting" in categorie.specificatie_waardenverzameling


def test_resultaattypen_map_onto_the_selectielijst_of_their_procestype(demo):
    for spec in demo_data.ZAAKTYPEN:
        zt = ZaakType.objects.get(identificatie=spec["identificatie"])
        procestype = _item(zt.selectielijst_procestype, "procestypen")
        assert (procestype["nummer"], procestype["jaar"]) == (spec["selectielijst_procestype"], 2020)
        for rt_spec in spec["resultaattypen"]:
            rt = zt.resultaattypen.get(omschrijving=rt_spec["omschrijving"])
            klasse = _item(rt.selectielijstklasse, "resultaten")
            # the selectielijstklasse belongs to the zaaktype's selectielijstProcestype
            assert klasse["procesType"] == procestype["url"]
            assert klasse["volledigNummer"] == rt_spec["selectielijstklasse"]
            # archiving follows the selectielijstklasse (derived by the domain, ztc-002)
            assert rt.archiefnominatie == klasse["waardering"]
            assert rt.archiefactietermijn == klasse["bewaartermijn"]
            assert _item(rt.resultaattypeomschrijving, "resultaattypeomschrijvingen")["omschrijving"] == \
                rt_spec["resultaattypeomschrijving"]
            assert rt.omschrijving_generiek == rt_spec["resultaattypeomschrijving"]
            assert rt.brondatum_archiefprocedure_afleidingswijze == rt_spec["afleidingswijze"]
            assert rt.brondatum_archiefprocedure_procestermijn == rt_spec.get("procestermijn")


def test_catalogue_is_readable_by_an_api_client(demo, superuser_api):
    omgv_spec = next(z for z in demo_data.ZAAKTYPEN if z["identificatie"] == "OMGV")
    if importlib.util.find_spec("zaakwerk.catalogi.api") is None:
        zaaktypen = [representation.to_json(zt, BASE) for zt in ZaakType.objects.order_by("identificatie")]
    else:
        response = superuser_api.get("/catalogi/api/v1/zaaktypen", {"status": "definitief"})
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        assert body["count"] == len(demo_data.ZAAKTYPEN)
        zaaktypen = body["results"]
    assert {z["identificatie"] for z in zaaktypen} == {z["identificatie"] for z in demo_data.ZAAKTYPEN}
    assert all(z["concept"] is False for z in zaaktypen)

    omgv = next(z for z in zaaktypen if z["identificatie"] == "OMGV")
    assert len(omgv["statustypen"]) == len(omgv_spec["statustypen"])
    assert len(omgv["resultaattypen"]) == len(omgv_spec["resultaattypen"])
    assert len(omgv["roltypen"]) == len(demo_data.ROLTYPEN_STANDAARD)
    # links by omschrijving are shown as the published versions valid today
    assert len(omgv["besluittypen"]) == len(omgv_spec["besluittypen"])
    assert len(omgv["informatieobjecttypen"]) == len(omgv_spec["informatieobjecttypen"])

    if importlib.util.find_spec("zaakwerk.catalogi.api") is not None:
        path = omgv["resultaattypen"][0][len(BASE):]
        response = superuser_api.get(path)
        assert response.status_code == 200, response.content[:500]
        resultaattype = response.json()
        assert resultaattype["zaaktype"] == omgv["url"]
        assert resultaattype["selectielijstklasse"].startswith(REF + "resultaten/")
