"""``archief.ZaakSources``: the sources of a stored zaak's brondatum, read from the Zaken tables and,
for objects of other registers, through the fetch function (a real HTTP server here)."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.zaken.archief import BrondatumError, ZaakSources
from zaakwerk.zaken.domain.status import fetch_object
from zaakwerk.zaken.models import ZaakBesluit, ZaakEigenschap, ZaakObject

from .conftest import BASE, ROOT
from .test_status_support import make_zaak, remote, zaak_url  # noqa: F401

pytestmark = pytest.mark.django_db

EIND = dt.date(2024, 4, 20)


def sources(zaak) -> ZaakSources:
    return ZaakSources(zaak, EIND, fetch_object)


def test_hoofdzaak(zaaktype):
    hoofdzaak = make_zaak(zaaktype, einddatum=dt.date(2024, 1, 5))
    assert sources(make_zaak(zaaktype, hoofdzaak=hoofdzaak)).hoofdzaak() == (True, dt.date(2024, 1, 5))
    assert sources(make_zaak(zaaktype)).hoofdzaak() == (False, None)


def test_eigenschap_waarden_are_those_of_the_named_zaakeigenschappen(zaaktype):
    zaak, other = make_zaak(zaaktype), make_zaak(zaaktype)
    eigenschap = zaaktype.eigenschappen.get()
    ZaakEigenschap.objects.create(zaak=zaak, eigenschap=eigenschap, naam="kenteken", waarde="2023-01-01")
    ZaakEigenschap.objects.create(zaak=other, eigenschap=eigenschap, naam="kenteken", waarde="2099-01-01")
    assert sources(zaak).eigenschap_waarden("kenteken") == ["2023-01-01"]
    assert sources(zaak).eigenschap_waarden("anders") == []


def test_zaakobjecten_use_object_identificatie_or_fetch_the_object(zaaktype, remote):
    zaak = make_zaak(zaaktype)
    ZaakObject.objects.create(zaak=zaak, object_type="besluit", object_identificatie={"datum": "2010-01-01"},
                              object="https://elders.example/never-fetched")
    remote_url = remote.besluit("2016-01-01", datum="2013-01-01")
    ZaakObject.objects.create(zaak=zaak, object_type="besluit", object=remote_url)
    ZaakObject.objects.create(zaak=zaak, object_type="pand", object_identificatie={"datum": "2030-01-01"})
    found = sources(zaak).zaakobjecten("besluit", "datum")
    assert sorted(o["datum"] for o in found) == ["2010-01-01", "2013-01-01"]
    assert len(remote.requests) == 1


def test_a_zaakobject_that_cannot_be_fetched_is_an_error(zaaktype, remote):
    zaak = make_zaak(zaaktype)
    ZaakObject.objects.create(zaak=zaak, object_type="besluit", object=remote.base + "/weg")
    with pytest.raises(BrondatumError, match="kon niet worden opgehaald"):
        sources(zaak).zaakobjecten("besluit", "datum")


def test_gerelateerde_einddata_of_our_zaken_and_of_another_zaken_api(zaaktype, remote):
    ours = make_zaak(zaaktype, einddatum=dt.date(2018, 4, 26))
    open_one = make_zaak(zaaktype)
    elders = remote.add("/zaken/api/v1/zaken/1", {"einddatum": "2019-02-01"})
    zaak = make_zaak(zaaktype, relevante_andere_zaken=[
        {"url": zaak_url(ours), "aardRelatie": "vervolg"}, {"url": zaak_url(open_one), "aardRelatie": "onderwerp"},
        {"url": elders, "aardRelatie": "bijdrage"}])
    assert sources(zaak).gerelateerde_einddata() == [dt.date(2018, 4, 26), None, "2019-02-01"]
    assert remote.requests[0][1]["Accept-Crs"] == "EPSG:4326"
    assert sources(make_zaak(zaaktype)).gerelateerde_einddata() == []


def test_a_gerelateerde_zaak_of_ours_that_is_gone_is_an_error(zaaktype):
    zaak = make_zaak(zaaktype, relevante_andere_zaken=[
        {"url": f"{BASE}{ROOT}/zaken/00000000-0000-4000-8000-000000000000", "aardRelatie": "vervolg"}])
    with pytest.raises(BrondatumError, match="bestaat niet"):
        sources(zaak).gerelateerde_einddata()


def test_besluiten_are_fetched(zaaktype, remote):
    zaak = make_zaak(zaaktype)
    first, second = remote.besluit("2016-01-01"), remote.besluit("2024-01-01", "2025-01-01")
    ZaakBesluit.objects.create(zaak=zaak, besluit=first)
    ZaakBesluit.objects.create(zaak=zaak, besluit=second)
    ZaakBesluit.objects.create(zaak=make_zaak(zaaktype), besluit=remote.besluit("2030-01-01"))
    assert sorted(b["ingangsdatum"] for b in sources(zaak).besluiten()) == ["2016-01-01", "2024-01-01"]
    assert len(remote.requests) == 2
