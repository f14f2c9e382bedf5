"""ztc-002 .. ztc-008: the resultaattype and its archiving parameters, checked against the
Selectielijst (faked in conftest). The first invalidParam matters: the conformance suite asserts
``invalidParams[0]`` for many of these."""

from __future__ import annotations

import pytest

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.models import ResultaatType
from zaakwerk.catalogi.representation import to_json
from zaakwerk.core.errors import ValidationFailed

from .conftest import (
    BASE,
    MOCK_200,
    PROCESTYPE_2,
    RESULTAAT_INGESCHAT,
    RESULTAAT_LEEG,
    RESULTAAT_NIHIL,
    RESULTAAT_VAST,
    bt_data,
    iot_data,
    resultaattype_data,
    zaaktype_data,
)

pytestmark = pytest.mark.django_db


def params(exc) -> list[tuple[str, str]]:
    return [(p.name, p.code) for p in exc.value.params]


def brondatum(afleidingswijze, **kw):
    return {"afleidingswijze": afleidingswijze, "procestermijn": None, "datumkenmerk": "",
            "einddatum_bekend": False, "objecttype": "", "registratie": "", **kw}


@pytest.fixture
def zaaktype_termijn(catalogus, system):
    """A zaaktype whose procestype has the 'ingeschatte bestaansduur' selectielijstklasse."""
    return domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="TERMIJN",
                                                        selectielijst_procestype=PROCESTYPE_2))


# ---- ztc-002 ----------------------------------------------------------------------------------


def test_ztc_002_omschrijving_generiek_is_derived_from_the_resultaattypeomschrijving(zaaktype, system):
    rt = domain.create_resultaattype(system, resultaattype_data(zaaktype))
    assert to_json(rt, BASE)["omschrijvingGeneriek"] == "Verleend"


def test_ztc_002_resultaattypeomschrijving_must_be_that_resource(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(zaaktype, resultaattypeomschrijving=MOCK_200))
    assert params(exc)[0] == ("resultaattypeomschrijving", "invalid-resource")
    assert not ResultaatType.objects.exists()


def test_ztc_002_selectielijstklasse_must_be_a_resultaat(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(zaaktype, selectielijstklasse=MOCK_200))
    assert params(exc)[0] == ("selectielijstklasse", "invalid-resource")


def test_ztc_002_selectielijstklasse_must_belong_to_the_procestype_of_the_zaaktype(zaaktype, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(
            zaaktype, selectielijstklasse=RESULTAAT_INGESCHAT,
            brondatum_archiefprocedure=brondatum("termijn", procestermijn="P5M")))
    assert params(exc) == [("nonFieldErrors", "procestype-mismatch")]


def test_ztc_002_archiefnominatie_and_archiefactietermijn_default_from_the_selectielijst(zaaktype, system):
    rt = domain.create_resultaattype(system, resultaattype_data(zaaktype))
    assert (rt.archiefnominatie, rt.archiefactietermijn) == ("vernietigen", "P5Y")  # RESULTAAT_VAST


def test_ztc_002_explicit_archiefnominatie_and_archiefactietermijn_are_kept(zaaktype, system):
    rt = domain.create_resultaattype(system, resultaattype_data(
        zaaktype, archiefnominatie="blijvend_bewaren", archiefactietermijn="P20Y"))
    assert (rt.archiefnominatie, rt.archiefactietermijn) == ("blijvend_bewaren", "P20Y")


def test_ztc_002_unchanged_references_are_not_looked_up_again(zaaktype, system, selectielijst):
    rt = domain.create_resultaattype(system, resultaattype_data(zaaktype))
    selectielijst.clear()
    domain.update_resultaattype(system, rt, {"omschrijving": "Anders"}, partial=True)
    assert selectielijst == []


# ---- ztc-003 ----------------------------------------------------------------------------------


def test_ztc_003_procestermijn_nihil_requires_afleidingswijze_afgehandeld(zaaktype, system):
    for afleidingswijze, extra in [("termijn", {"procestermijn": "P5M"}), ("hoofdzaak", {}),
                                   ("eigenschap", {"datumkenmerk": "datum"})]:
        with pytest.raises(ValidationFailed) as exc:
            domain.create_resultaattype(system, resultaattype_data(
                zaaktype, selectielijstklasse=RESULTAAT_NIHIL,
                brondatum_archiefprocedure=brondatum(afleidingswijze, **extra)))
        assert ("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn") in params(exc)
    rt = domain.create_resultaattype(system, resultaattype_data(
        zaaktype, selectielijstklasse=RESULTAAT_NIHIL, brondatum_archiefprocedure=brondatum("afgehandeld")))
    assert rt.brondatum_archiefprocedure_afleidingswijze == "afgehandeld"


def test_ztc_003_ingeschatte_bestaansduur_requires_afleidingswijze_termijn(zaaktype_termijn, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(
            zaaktype_termijn, selectielijstklasse=RESULTAAT_INGESCHAT,
            brondatum_archiefprocedure=brondatum("afgehandeld")))
    assert params(exc) == [("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")]
    domain.create_resultaattype(system, resultaattype_data(
        zaaktype_termijn, selectielijstklasse=RESULTAAT_INGESCHAT,
        brondatum_archiefprocedure=brondatum("termijn", procestermijn="P5M")))


def test_ztc_003_mismatch_and_afleidingswijze_are_both_reported(zaaktype_termijn, system):
    """As the suite's ztc-003a sends it: the wrong procestype and the wrong afleidingswijze."""
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(
            zaaktype_termijn, selectielijstklasse=RESULTAAT_NIHIL,
            brondatum_archiefprocedure=brondatum("termijn", procestermijn="P5M")))
    assert params(exc) == [("nonFieldErrors", "procestype-mismatch"),
                           ("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")]


@pytest.mark.parametrize("afleidingswijze,extra", [
    ("afgehandeld", {}), ("gerelateerde_zaak", {}), ("hoofdzaak", {}), ("ingangsdatum_besluit", {}),
    ("vervaldatum_besluit", {}), ("eigenschap", {"datumkenmerk": "d"}),
    ("zaakobject", {"datumkenmerk": "d", "objecttype": "pand"}),
    ("ander_datumkenmerk", {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r"}),
])
def test_ztc_003_without_procestermijn_every_afleidingswijze_is_allowed(zaaktype, system, afleidingswijze, extra):
    domain.create_resultaattype(system, resultaattype_data(
        zaaktype, selectielijstklasse=RESULTAAT_LEEG, brondatum_archiefprocedure=brondatum(afleidingswijze, **extra)))


def test_ztc_003_termijn_without_procestermijn_is_reported_as_field_error(zaaktype, system):
    """Suite ztc-003t: an empty selectielijst procestermijn, afleidingswijze termijn, no termijn."""
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(
            zaaktype, selectielijstklasse=RESULTAAT_LEEG, brondatum_archiefprocedure=brondatum("termijn")))
    assert params(exc)[0] == ("brondatumArchiefprocedure.procestermijn", "required")


# ---- ztc-004 .. ztc-008 -----------------------------------------------------------------------

# afleidingswijze -> a complete valid brondatumArchiefprocedure for it
VALID = {
    "afgehandeld": {},
    "ander_datumkenmerk": {"datumkenmerk": "d", "objecttype": "pand", "registratie": "r"},
    "eigenschap": {"datumkenmerk": "d"},
    "gerelateerde_zaak": {},
    "hoofdzaak": {},
    "ingangsdatum_besluit": {},
    "termijn": {"procestermijn": "P5M"},
    "vervaldatum_besluit": {},
    "zaakobject": {"datumkenmerk": "d", "objecttype": "pand"},
}
FILLED = {"datumkenmerk": "identificatie", "einddatum_bekend": True, "objecttype": "pand",
          "registratie": "test", "procestermijn": "P5M"}
WIRE = {"datumkenmerk": "datumkenmerk", "einddatum_bekend": "einddatumBekend", "objecttype": "objecttype",
        "registratie": "registratie", "procestermijn": "procestermijn"}
REQUIRED = {  # rule id -> attribute, afleidingswijzen that require it
    "ztc_004": ("datumkenmerk", {"eigenschap", "zaakobject", "ander_datumkenmerk"}),
    "ztc_006": ("objecttype", {"zaakobject", "ander_datumkenmerk"}),
    "ztc_007": ("registratie", {"ander_datumkenmerk"}),
    "ztc_008": ("procestermijn", {"termijn"}),
}


def _create(system, zaaktype, afleidingswijze, **overrides):
    data = {**VALID[afleidingswijze], **overrides}
    return domain.create_resultaattype(system, resultaattype_data(
        zaaktype, selectielijstklasse=RESULTAAT_LEEG, brondatum_archiefprocedure=brondatum(afleidingswijze, **data)))


@pytest.mark.parametrize("afleidingswijze", sorted(VALID))
def test_ztc_004_to_008_a_complete_brondatum_is_accepted(zaaktype, system, afleidingswijze):
    rt = _create(system, zaaktype, afleidingswijze)
    body = to_json(rt, BASE)["brondatumArchiefprocedure"]
    assert body["afleidingswijze"] == afleidingswijze
    assert set(body) == {"afleidingswijze", "datumkenmerk", "einddatumBekend", "objecttype", "registratie",
                         "procestermijn"}


@pytest.mark.parametrize("rule", sorted(REQUIRED))
@pytest.mark.parametrize("afleidingswijze", sorted(VALID))
def test_ztc_004_006_007_008_required_or_must_be_empty(zaaktype, system, rule, afleidingswijze):
    attribute, requiring = REQUIRED[rule]
    name = f"brondatumArchiefprocedure.{WIRE[attribute]}"
    if afleidingswijze in requiring:
        empty = None if attribute == "procestermijn" else ""
        with pytest.raises(ValidationFailed) as exc:
            _create(system, zaaktype, afleidingswijze, **{attribute: empty})
        assert params(exc) == [(name, "required")]
    else:
        with pytest.raises(ValidationFailed) as exc:
            _create(system, zaaktype, afleidingswijze, **{attribute: FILLED[attribute]})
        assert params(exc) == [(name, "must-be-empty")]


@pytest.mark.parametrize("afleidingswijze", sorted(VALID))
def test_ztc_005_einddatum_bekend_only_for_afleidingswijzen_with_a_procesobject(zaaktype, system, afleidingswijze):
    if afleidingswijze in ("afgehandeld", "termijn"):
        with pytest.raises(ValidationFailed) as exc:
            _create(system, zaaktype, afleidingswijze, einddatum_bekend=True)
        assert params(exc) == [("brondatumArchiefprocedure.einddatumBekend", "must-be-empty")]
    else:
        rt = _create(system, zaaktype, afleidingswijze, einddatum_bekend=True)
        assert rt.brondatum_archiefprocedure_einddatum_bekend is True


def test_ztc_004_field_errors_come_before_object_errors(zaaktype, system):
    """Suite ztc-004g: wrong selectielijstklasse *and* a datumkenmerk with afgehandeld; the suite
    asserts that invalidParams[0] is the datumkenmerk."""
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(
            zaaktype, selectielijstklasse=RESULTAAT_INGESCHAT,
            brondatum_archiefprocedure=brondatum("afgehandeld", datumkenmerk="identificatie")))
    assert params(exc)[0] == ("brondatumArchiefprocedure.datumkenmerk", "must-be-empty")
    assert ("nonFieldErrors", "procestype-mismatch") in params(exc)


def test_brondatum_may_be_null(zaaktype, system):
    rt = domain.create_resultaattype(system, resultaattype_data(
        zaaktype, selectielijstklasse=RESULTAAT_LEEG, brondatum_archiefprocedure=None))
    assert to_json(rt, BASE)["brondatumArchiefprocedure"] is None


# ---- links by omschrijving --------------------------------------------------------------------


def test_resultaattype_links_besluittypen_and_informatieobjecttypen_by_omschrijving(catalogus, zaaktype, system):
    bt = domain.publish_besluittype(system, domain.create_besluittype(system, bt_data(catalogus)))
    iot = domain.create_informatieobjecttype(system, iot_data(catalogus))
    rt = domain.create_resultaattype(system, resultaattype_data(
        zaaktype, besluittypen=[bt], informatieobjecttypen=["Aanvraag"]))
    body = to_json(rt, BASE)
    assert body["besluittypen"] == [f"{BASE}/catalogi/api/v1/besluittypen/{bt.uuid}"]
    assert body["besluittypeOmschrijving"] == ["Vergunning"]
    assert body["informatieobjecttypen"] == []  # the IOT is a concept
    assert body["informatieobjecttypeOmschrijving"] == [iot.omschrijving]
    assert to_json(bt, BASE)["resultaattypen"] == [body["url"]]


def test_deprecated_catalogus_must_be_that_of_the_zaaktype(zaaktype, other_catalogus, system):
    with pytest.raises(ValidationFailed) as exc:
        domain.create_resultaattype(system, resultaattype_data(zaaktype, catalogus=other_catalogus))
    assert params(exc) == [("nonFieldErrors", "relations-incorrect-catalogus")]


def test_selectielijstklasse_is_rechecked_when_the_zaaktype_changes(catalogus, zaaktype, zaaktype_termijn, system):
    rt = domain.create_resultaattype(system, resultaattype_data(zaaktype, selectielijstklasse=RESULTAAT_VAST))
    with pytest.raises(ValidationFailed) as exc:
        domain.update_resultaattype(system, rt, {"zaaktype": zaaktype_termijn}, partial=True)
    assert params(exc) == [("nonFieldErrors", "procestype-mismatch")]
