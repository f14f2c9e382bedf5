"""Support for the statussen, resultaten and archief tests, and the tests of fetching objects of
other registers (``domain.status.fetch_object``/``fetch_objects``).

- ``remote``: a tiny real HTTP server on 127.0.0.2 that plays the other registers (Documenten,
  Besluiten, another Zaken API, an objects registration): a test puts JSON at a path and gets its
  URL; the server records the requests it got.
- ``make_zaak``: a zaak written directly in the database (the zaak resource is another subject).
- URL and request helpers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi.models import ResultaatType, StatusType
from zaakwerk.core.references import ReferenceLookupError
from zaakwerk.zaken.domain.status import fetch_object, fetch_objects
from zaakwerk.zaken.models import Status
from zaakwerk.zaken.representation_status import status_json

from .conftest import BASE, ROOT
from .register_stub import RANKS, RegisterServer, make_zaak, remote  # noqa: F401 - shared, re-exported

# ---- zaken and URLs -------------------------------------------------------------------------------------


def zaak_url(zaak) -> str:
    return f"{BASE}{ROOT}/zaken/{zaak.pk}"


def status_url(status) -> str:
    return f"{BASE}{ROOT}/statussen/{status.pk if hasattr(status, 'pk') else status}"


def resultaat_url(resultaat) -> str:
    return f"{BASE}{ROOT}/resultaten/{resultaat.pk if hasattr(resultaat, 'pk') else resultaat}"


def catalogi_url(collection: str, obj) -> str:
    return f"{BASE}/catalogi/api/v1/{collection}/{obj.pk}"


def statustypen(zaaktype) -> list[StatusType]:
    """Ontvangen, In behandeling, Afgehandeld (the eindstatus)."""
    return list(StatusType.objects.filter(zaaktype=zaaktype).order_by("volgnummer"))


def resultaattype(zaaktype, omschrijving: str = "Verleend") -> ResultaatType:
    return ResultaatType.objects.get(zaaktype=zaaktype, omschrijving=omschrijving)


def post_status(client, zaak, statustype, datum: str = "2024-03-05T10:00:00", *, headers=None, **extra):
    body = {"zaak": zaak_url(zaak), "statustype": catalogi_url("statustypen", statustype),
            "datumStatusGezet": datum, **extra}
    return client.post(f"{ROOT}/statussen", body, headers=headers)


def post_resultaat(client, zaak, rt, *, headers=None, **extra):
    body = {"zaak": zaak_url(zaak), "resultaattype": catalogi_url("resultaattypen", rt), **extra}
    return client.post(f"{ROOT}/resultaten", body, headers=headers)


def close_zaak(client, zaak, datum: str = "2024-03-10T10:00:00", rt_omschrijving: str = "Verleend"):
    """Give the zaak a resultaat and set its eindstatus (asserting both succeed)."""
    response = post_resultaat(client, zaak, resultaattype(zaak.zaaktype, rt_omschrijving))
    assert response.status_code == 201, response.json()
    response = post_status(client, zaak, statustypen(zaak.zaaktype)[-1], datum)
    assert response.status_code == 201, response.json()
    zaak.refresh_from_db()
    return zaak


def zrc(zaaktype, *scopes: str, maximum: str = "zeer_geheim") -> dict:
    """An Autorisatie for the Zaken API on one zaaktype."""
    return {"component": "zrc", "scopes": list(scopes), "zaaktype": catalogi_url("zaaktypen", zaaktype),
            "max_vertrouwelijkheidaanduiding": maximum}


def codes(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


# ---- fetching objects of other registers ---------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_fetch_object_reads_a_foreign_object_over_http(remote):
    url = remote.add("/besluiten/api/v1/besluiten/1", {"ingangsdatum": "2024-01-01"})
    assert fetch_object(url) == {"ingangsdatum": "2024-01-01"}
    assert remote.paths_requested() == ["/besluiten/api/v1/besluiten/1"]


def test_fetch_object_passes_headers(remote):
    url = remote.add("/zaken/api/v1/zaken/1", {"einddatum": None})
    fetch_object(url, headers={"Accept-Crs": "EPSG:4326"})
    assert remote.requests[0][1].get("Accept-Crs") == "EPSG:4326"


@pytest.mark.parametrize("status, body, code", [
    (404, {"detail": "weg"}, "bad-url"),
    (500, {"detail": "kapot"}, "bad-url"),
    (200, b"<html>geen json</html>", "invalid-resource"),
    (200, [1, 2, 3], "invalid-resource"),
])
def test_fetch_object_failures_are_lookup_errors(remote, status, body, code):
    url = remote.add("/x/1", body, status=status)
    with pytest.raises(ReferenceLookupError) as exc:
        fetch_object(url)
    assert exc.value.code == code


def test_fetch_object_of_a_server_that_does_not_answer_is_bad_url(settings):
    settings.ZAAKWERK_URL_TIMEOUT = 1
    with pytest.raises(ReferenceLookupError) as exc:
        fetch_object("http://127.0.0.2:9/niets")  # the discard port: connection refused
    assert exc.value.code == "bad-url"


def test_fetch_object_answers_our_own_urls_in_process(zaaktype, remote):
    zaak = make_zaak(zaaktype)
    status = Status.objects.create(zaak=zaak, statustype=statustypen(zaaktype)[0],
                                   datum_status_gezet=dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone.utc))
    body = fetch_object(status_url(status), expect="zaken.status")
    assert body == status_json([status], BASE)[0]
    assert remote.requests == []


def test_fetch_object_of_our_own_url_naming_nothing_is_bad_url(zaaktype):
    with pytest.raises(ReferenceLookupError) as exc:
        fetch_object(f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/1")
    assert exc.value.code == "bad-url"
    with pytest.raises(ReferenceLookupError) as exc:
        fetch_object(f"{BASE}{ROOT}/statussen/00000000-0000-4000-8000-000000000000")
    assert exc.value.code == "bad-url"


def test_fetch_object_of_our_own_url_of_another_kind_is_invalid_resource(zaaktype):
    with pytest.raises(ReferenceLookupError) as exc:
        fetch_object(catalogi_url("zaaktypen", zaaktype), expect="documenten.enkelvoudiginformatieobject")
    assert exc.value.code == "invalid-resource"


def test_fetch_objects_maps_every_url_to_its_object_or_error(remote, zaaktype):
    good = [remote.document(name=f"d{i}", indicatieGebruiksrecht=True) for i in range(5)]
    missing = remote.base + "/documenten/api/v1/enkelvoudiginformatieobjecten/weg"
    local_missing = f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/1"
    found = fetch_objects(good + [missing, local_missing, good[0]])
    assert set(found) == set(good) | {missing, local_missing}
    assert [found[u]["titel"] for u in good] == [f"d{i}" for i in range(5)]
    assert found[missing].code == "bad-url" and found[local_missing].code == "bad-url"
    assert len(remote.requests) == 6  # each foreign URL once, the local one never
