"""Date-times in requests (Zaken API 1.7.0): whatever UTC offset ISO 8601 allows (up to ±23:59) is
stored, compared and filtered on as the same moment in UTC; PostgreSQL itself accepts offsets only
up to ±15:59 (found by schemathesis: datumStatusGezet ``1161-10-11T20:44:22-20:26`` was a 500 on
PostgreSQL). A moment that falls outside the years 1-9999 in UTC is a 400 on its field."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.zaken.models import KlantContact, Status, Zaak, ZaakInformatieObject

from .conftest import ROOT
from .test_status_support import codes, make_zaak, post_status, statustypen, zaak_url

pytestmark = pytest.mark.django_db

UTC = dt.timezone.utc


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def test_datum_status_gezet_with_a_large_offset(api, zaak, zaaktype):
    response = post_status(api, zaak, statustypen(zaaktype)[0], "2024-03-05T20:44:22-20:26")
    assert response.status_code == 201, response.json()
    assert Status.objects.get().datum_status_gezet == dt.datetime(2024, 3, 6, 17, 10, 22, tzinfo=UTC)
    assert response.json()["datumStatusGezet"] == "2024-03-06T18:10:22+01:00"


def test_datum_status_gezet_outside_the_years_1_to_9999_in_utc_is_400(api, zaak, zaaktype):
    response = post_status(api, zaak, statustypen(zaaktype)[0], "0001-01-01T00:00:00+05:00")
    assert response.status_code == 400 and codes(response) == [("datumStatusGezet", "invalid")]
    assert not Status.objects.exists()


def test_klantcontact_datumtijd_with_a_large_offset(api, zaak):
    response = api.post(f"{ROOT}/klantcontacten", {"zaak": zaak_url(zaak), "datumtijd": "2024-03-05T19:01:22+21:58"})
    assert response.status_code == 201, response.json()
    assert response.json()["datumtijd"] == "2024-03-04T21:03:22Z"
    assert KlantContact.objects.get().datumtijd == dt.datetime(2024, 3, 4, 21, 3, 22, tzinfo=UTC)
    late = api.post(f"{ROOT}/klantcontacten", {"zaak": zaak_url(zaak), "datumtijd": "9999-12-31T23:00:00-05:00"})
    assert late.status_code == 400 and codes(late) == [("datumtijd", "invalid")]


def test_laatste_betaaldatum_with_a_large_offset(api, zaak):
    url = f"{ROOT}/zaken/{zaak.pk}"
    response = api.patch(url, {"laatsteBetaaldatum": "2024-03-05T10:00:00+23:59"})
    assert response.status_code == 200, response.json()
    assert Zaak.objects.get().laatste_betaaldatum == dt.datetime(2024, 3, 4, 10, 1, tzinfo=UTC)
    early = api.patch(url, {"laatsteBetaaldatum": "0001-01-01T00:00:00+01:00"})
    assert early.status_code == 400 and codes(early) == [("laatsteBetaaldatum", "invalid")]


def test_vernietigingsdatum_with_a_large_offset(api, zaak):
    zio = ZaakInformatieObject.objects.create(zaak=zaak, informatieobject="https://documenten.example/1",
                                              aard_relatie="hoort_bij")
    response = api.patch(f"{ROOT}/zaakinformatieobjecten/{zio.pk}", {"vernietigingsdatum": "2030-01-01T00:00:00-18:00"})
    assert response.status_code == 200, response.json()
    assert response.json()["vernietigingsdatum"] == "2030-01-01T18:00:00Z"


def test_notitie_date_time_filters_with_a_large_offset(api, zaak):
    notities = f"{ROOT}/zaaknotities"
    created = api.post(notities, {"onderwerp": "o", "tekst": "t", "gerelateerdAan": zaak_url(zaak)})
    assert created.status_code == 201, created.json()
    assert api.get(notities, {"wijzigingsdatum__lt": "9412-07-06T14:13:56-23:46"}).json()["count"] == 1
    assert api.get(notities, {"aanmaakdatum__gt": "0633-06-20T01:49:54+11:41"}).json()["count"] == 1
    response = api.get(notities, {"aanmaakdatum__gt": "0001-01-01T00:00:00+10:00"})
    assert response.status_code == 400 and codes(response) == [("aanmaakdatum__gt", "invalid")]
