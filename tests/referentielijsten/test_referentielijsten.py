"""The Referentielijsten & Selectielijst API served from the shipped data, and the lookups the
Catalogi and Zaken rules use."""

import pytest

from zaakwerk.referentielijsten import client
from zaakwerk.referentielijsten.data import lists

ROOT = "/referentielijsten/api/v1"


def test_procestypen_plain_array_filtered_by_jaar(client_db):
    response = client_db.get(f"{ROOT}/procestypen", {"jaar": 2020})
    assert response.status_code == 200
    items = response.json()
    assert isinstance(items, list) and len(items) == 29
    assert all(i["jaar"] == 2020 for i in items)
    assert items[0]["url"].startswith(f"http://testserver{ROOT}/procestypen/")


def test_procestype_detail_and_404(client_db):
    first = client_db.get(f"{ROOT}/procestypen").json()[0]
    detail = client_db.get(first["url"].replace("http://testserver", ""))
    assert detail.status_code == 200 and detail.json() == first
    missing = client_db.get(f"{ROOT}/procestypen/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_resultaten_paginated_with_every_procestermijn_the_suite_needs(client_db):
    seen = set()
    url = f"{ROOT}/resultaten"
    pages = 0
    while url:
        page = client_db.get(url.replace("http://testserver", "")).json()
        pages += 1
        assert page["count"] == 687
        seen.update(r["procestermijn"] for r in page["results"])
        url = page["next"]
    assert pages == 7
    assert {"nihil", "vast_te_leggen_datum", "ingeschatte_bestaansduur_procesobject", ""} <= seen


def test_resultaten_filtered_by_proces_type(client_db):
    procestype = client_db.get(f"{ROOT}/procestypen", {"jaar": 2020}).json()[0]["url"]
    page = client_db.get(f"{ROOT}/resultaten", {"proces_type": procestype}).json()
    assert page["count"] > 0
    assert all(r["procesType"] == procestype for r in page["results"])


def test_resultaattypeomschrijvingen_is_plain_array(client_db):
    items = client_db.get(f"{ROOT}/resultaattypeomschrijvingen").json()
    assert isinstance(items, list) and len(items) == 38
    assert {"url", "omschrijving", "definitie", "opmerking"} <= set(items[0])


def test_unauthenticated_and_versioned(client_db):
    response = client_db.get(f"{ROOT}/communicatiekanalen")
    assert response.status_code == 200 and response["API-version"] == "0.6.0"
    assert response.json()["results"][0]["naam"] == "Telefonisch"


def test_unknown_filter_is_400(client_db):
    assert client_db.get(f"{ROOT}/resultaten", {"foo": "bar"}).status_code == 400


def test_client_resolves_local_urls_without_http(settings):
    settings.ZAAKWERK_LOCAL_HOSTS = ["zaakwerk.example"]
    resultaat = next(iter(lists().resultaten.values()))
    url = f"https://zaakwerk.example{ROOT}/{resultaat['url']}"
    found = client.get_resultaat(url)
    assert found["waardering"] == resultaat["waardering"]
    assert found["procesType"].startswith(f"https://zaakwerk.example{ROOT}/procestypen/")
    with pytest.raises(client.ReferenceLookupError) as wrong_kind:
        client.get_procestype(url)
    assert wrong_kind.value.code == "invalid-resource"
    with pytest.raises(client.ReferenceLookupError) as missing:
        client.get_resultaat(f"https://zaakwerk.example{ROOT}/resultaten/00000000-0000-0000-0000-000000000000")
    assert missing.value.code == "bad-url"


def test_client_foreign_url_that_does_not_answer_is_bad_url(settings):
    settings.ZAAKWERK_URL_TIMEOUT = 0.5
    with pytest.raises(client.ReferenceLookupError) as err:
        client.get_procestype("http://127.0.0.1:9/api/v1/procestypen/1")
    assert err.value.code == "bad-url"


@pytest.fixture
def client_db(client, db):
    return client
