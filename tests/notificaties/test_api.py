"""Notificaties API 1.0.1: every operation, bad input (400 and nothing written), the scopes of the
spec, and the callback check on abonnementen (against real HTTP servers)."""

import pytest

from zaakwerk.core.models import OutboxMessage
from zaakwerk.notificaties.models import Abonnement, FilterGroup, Kanaal

from ..conftest import ApiClient

ROOT = "/notificaties/api/v1"
BASE = "http://testserver"

OWN_KANALEN = {
    "zaken": ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
    "documenten": ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"],
    "besluiten": ["verantwoordelijke_organisatie", "besluittype"],
    "zaaktypen": ["catalogus"],
    "informatieobjecttypen": ["catalogus"],
    "besluittypen": ["catalogus"],
    "autorisaties": [],
}
MESSAGE = {
    "kanaal": "zaken",
    "hoofdObject": "https://zaken.example/api/v1/zaken/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50",
    "resource": "status",
    "resourceUrl": "https://zaken.example/api/v1/statussen/0f3e9d1e-7a2b-4c1d-9e8f-1a2b3c4d5e6f",
    "actie": "create",
    "aanmaakdatum": "2026-05-01T10:00:00Z",
    "kenmerken": {"bronorganisatie": "002220647", "vertrouwelijkheidaanduiding": "openbaar"},
}


@pytest.fixture
def api(superuser_api) -> ApiClient:
    return superuser_api


def path_of(url: str) -> str:
    return url.replace(BASE, "")


def abonnement_body(sub, **changes):
    body = {"callbackUrl": sub.url, "auth": "Bearer geheim-token", "kanalen": [{"naam": "zaken", "filters": {}}]}
    body.update(changes)
    return body


def invalid(response) -> dict:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


# ---- kanalen --------------------------------------------------------------------------------


def test_the_kanalen_of_our_registers_exist_from_the_migrations(api):
    response = api.get(f"{ROOT}/kanaal")
    assert response.status_code == 200
    assert response["API-version"] == "1.0.1"
    assert {k["naam"]: k["filters"] for k in response.json()} == OWN_KANALEN
    for kanaal in response.json():
        assert kanaal["url"].startswith(f"{BASE}{ROOT}/kanaal/")
        assert kanaal["documentatieLink"].startswith("https://")


def test_kanaal_create_list_by_naam_and_detail(api):
    created = api.post(f"{ROOT}/kanaal", {"naam": "formulieren", "documentatieLink": "https://example.com/docs",
                                          "filters": ["formuliertype", "organisatie"]})
    assert created.status_code == 201, created.content
    body = created.json()
    assert created["Location"] == body["url"]
    assert body["naam"] == "formulieren"
    assert body["documentatieLink"] == "https://example.com/docs"
    assert body["filters"] == ["formuliertype", "organisatie"]

    assert api.get(f"{ROOT}/kanaal", {"naam": "formulieren"}).json() == [body]
    assert api.get(f"{ROOT}/kanaal", {"naam": "bestaat-niet"}).json() == []
    assert api.get(path_of(body["url"])).json() == body
    assert api.get(f"{ROOT}/kanaal/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50").status_code == 404
    # the minimal body: no documentatieLink is left out (it is a URI; "" is none)
    assert api.post(f"{ROOT}/kanaal", {"naam": "testkanaal"}).json() == {
        "url": api.get(f"{ROOT}/kanaal", {"naam": "testkanaal"}).json()[0]["url"], "naam": "testkanaal",
        "filters": []}


def test_kanaal_bad_input_is_400_and_writes_nothing(api):
    before = Kanaal.objects.count()
    assert invalid(api.post(f"{ROOT}/kanaal", {"naam": "zaken"})) == {"naam": "unique"}
    assert invalid(api.post(f"{ROOT}/kanaal", {"naam": "x" * 51})) == {"naam": "max_length"}
    assert invalid(api.post(f"{ROOT}/kanaal", {"naam": ""})) == {"naam": "blank"}
    assert invalid(api.post(f"{ROOT}/kanaal", {"filters": []})) == {"naam": "required"}
    assert invalid(api.post(f"{ROOT}/kanaal", {"naam": "a", "documentatieLink": "geen url"})) == {
        "documentatieLink": "invalid"}
    assert "filters" in invalid(api.post(f"{ROOT}/kanaal", {"naam": "a", "filters": "bron"}))
    assert "filters.0" in invalid(api.post(f"{ROOT}/kanaal", {"naam": "a", "filters": [""]}))
    assert invalid(api.get(f"{ROOT}/kanaal", {"onbekend": "1"})) == {"nonFieldErrors": "unknown-parameters"}
    assert Kanaal.objects.count() == before


def test_kanaal_cannot_be_changed_or_deleted_through_the_api(api):
    url = path_of(api.get(f"{ROOT}/kanaal", {"naam": "zaken"}).json()[0]["url"])
    assert api.put(url, {"naam": "zaken2"}).status_code == 405
    assert api.patch(url, {"naam": "zaken2"}).status_code == 405
    assert api.delete(url).status_code == 405
    assert Kanaal.objects.filter(naam="zaken").exists()


# ---- abonnementen ---------------------------------------------------------------------------


def test_abonnement_create_read_update_delete(api, subscriber):
    sub = subscriber()
    created = api.post(f"{ROOT}/abonnement", abonnement_body(
        sub, kanalen=[{"naam": "zaken", "filters": {"bronorganisatie": "002220647", "zaaktype": "*"}},
                      {"naam": "autorisaties"}]))
    assert created.status_code == 201, created.content
    body = created.json()
    assert created["Location"] == body["url"]
    assert body["callbackUrl"] == sub.url
    assert body["auth"] == "Bearer geheim-token"
    assert body["kanalen"] == [{"naam": "zaken", "filters": {"bronorganisatie": "002220647", "zaaktype": "*"}},
                               {"naam": "autorisaties", "filters": {}}]
    url = path_of(body["url"])

    assert api.get(f"{ROOT}/abonnement").json() == [body]
    assert api.get(url).json() == body

    replaced = api.put(url, abonnement_body(sub, auth="Bearer nieuw",
                                            kanalen=[{"naam": "documenten", "filters": {}}]))
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["auth"] == "Bearer nieuw"
    assert replaced.json()["kanalen"] == [{"naam": "documenten", "filters": {}}]

    patched = api.patch(url, {"kanalen": [{"naam": "zaken", "filters": {"vertrouwelijkheidaanduiding": "openbaar"}}]})
    assert patched.status_code == 200, patched.content
    assert patched.json()["auth"] == "Bearer nieuw"  # not sent: unchanged
    assert patched.json()["kanalen"] == [{"naam": "zaken", "filters": {"vertrouwelijkheidaanduiding": "openbaar"}}]
    assert FilterGroup.objects.count() == 1

    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404
    assert not Abonnement.objects.exists() and not FilterGroup.objects.exists()


def test_the_callback_receives_the_test_notification_with_the_auth_header(api, subscriber):
    sub = subscriber()
    assert api.post(f"{ROOT}/abonnement", abonnement_body(sub, auth="Bearer abc123")).status_code == 201
    (check,) = sub.received
    assert check.path == "/api/v1/notificaties"
    assert check.headers["authorization"] == "Bearer abc123"
    assert check.headers["content-type"] == "application/json"
    assert check.body["kanaal"] == "test" and check.body["actie"] == "create"
    assert set(check.body) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum",
                               "kenmerken"}


def test_a_callback_that_does_not_answer_2xx_is_a_clear_400_and_nothing_is_written(api, subscriber):
    failing = subscriber(respond=lambda r: 500)
    response = api.post(f"{ROOT}/abonnement", abonnement_body(failing))
    assert invalid(response) == {"nonFieldErrors": "invalid-callback-url"}
    assert "HTTP 500" in response.json()["invalidParams"][0]["reason"]
    assert len(failing.refused) == 1  # it was asked

    down = subscriber()
    down.stop()
    response = api.post(f"{ROOT}/abonnement", abonnement_body(down))
    assert invalid(response) == {"nonFieldErrors": "invalid-callback-url"}
    assert "niet bereikbaar" in response.json()["invalidParams"][0]["reason"]

    unauthorised = subscriber(respond=lambda r: 204 if r.headers.get("authorization") == "Bearer juist" else 403)
    assert invalid(api.post(f"{ROOT}/abonnement", abonnement_body(unauthorised, auth="Bearer fout"))) == {
        "nonFieldErrors": "invalid-callback-url"}
    assert not Abonnement.objects.exists() and not FilterGroup.objects.exists()
    assert api.post(f"{ROOT}/abonnement", abonnement_body(unauthorised, auth="Bearer juist")).status_code == 201


def test_changing_an_abonnement_checks_the_callback_again(api, subscriber):
    state = {"status": 204}
    sub = subscriber(respond=lambda r: state["status"])
    url = path_of(api.post(f"{ROOT}/abonnement", abonnement_body(sub)).json()["url"])
    other = subscriber(respond=lambda r: 404)
    assert invalid(api.put(url, abonnement_body(other))) == {"nonFieldErrors": "invalid-callback-url"}
    assert invalid(api.patch(url, {"callbackUrl": other.url})) == {"nonFieldErrors": "invalid-callback-url"}
    # a PATCH without callbackUrl checks the stored one
    state["status"] = 503
    assert invalid(api.patch(url, {"auth": "Bearer x"})) == {"nonFieldErrors": "invalid-callback-url"}
    stored = Abonnement.objects.get()
    assert (stored.callback_url, stored.auth) == (sub.url, "Bearer geheim-token")
    state["status"] = 200
    assert api.patch(url, {"auth": "Bearer x"}).json()["auth"] == "Bearer x"


def test_abonnement_bad_input_is_400_without_calling_the_callback(api, subscriber):
    sub = subscriber()
    cases = [
        (abonnement_body(sub, kanalen=[{"naam": "bestaat-niet"}]), {"kanalen.0.naam": "kanaal_naam"}),
        (abonnement_body(sub, kanalen=[{"naam": "zaken", "filters": {"kleur": "rood"}}]),
         {"kanalen.0.filters": "inconsistent-abonnement-filters"}),
        (abonnement_body(sub, kanalen=[{"naam": "zaken", "filters": {"bronorganisatie": ""}}]),
         {"kanalen.0.filters.bronorganisatie": "blank"}),
        (abonnement_body(sub, kanalen=[{"filters": {}}]), {"kanalen.0.naam": "required"}),
        (abonnement_body(sub, callbackUrl="geen-url"), {"callbackUrl": "invalid"}),
        (abonnement_body(sub, callbackUrl="ftp://example.com/x"), {"callbackUrl": "invalid"}),
        (abonnement_body(sub, auth=""), {"auth": "blank"}),
        ({"callbackUrl": sub.url, "kanalen": []}, {"auth": "required"}),
        ({"callbackUrl": sub.url, "auth": "x"}, {"kanalen": "required"}),
    ]
    for body, errors in cases:
        assert invalid(api.post(f"{ROOT}/abonnement", body)) == errors, body
    assert not Abonnement.objects.exists()
    assert sub.received == [] and sub.refused == []


def test_a_filter_on_the_besluiten_kenmerk_accepts_either_spelling(api, subscriber):
    sub = subscriber()
    for key in ("verantwoordelijke_organisatie", "verantwoordelijkeOrganisatie"):
        body = abonnement_body(sub, kanalen=[{"naam": "besluiten", "filters": {key: "002220647"}}])
        assert api.post(f"{ROOT}/abonnement", body).status_code == 201


# ---- publishing -----------------------------------------------------------------------------


def test_publish_puts_the_message_in_the_outbox(api):
    before = OutboxMessage.objects.count()
    response = api.post(f"{ROOT}/notificaties", MESSAGE)
    assert response.status_code == 201, response.content
    assert response.json() == MESSAGE
    assert OutboxMessage.objects.count() == before + 1
    message = OutboxMessage.objects.latest("id")
    assert message.processed is None
    assert message.as_notification() == MESSAGE


def test_publish_without_timezone_is_read_as_local_time(api):
    response = api.post(f"{ROOT}/notificaties", {**MESSAGE, "aanmaakdatum": "2026-05-01T12:00:00"})
    assert response.status_code == 201
    assert response.json()["aanmaakdatum"] == "2026-05-01T10:00:00Z"  # Europe/Amsterdam, summer time


def test_publish_bad_input_is_400_and_writes_nothing(api):
    before = OutboxMessage.objects.count()
    cases = [
        ({**MESSAGE, "kanaal": "bestaat-niet"}, {"kanaal": "message_kanaal"}),
        ({**MESSAGE, "kenmerken": {"kleur": "rood"}}, {"kenmerken": "kenmerken_inconsistent"}),
        ({**MESSAGE, "kenmerken": {"bronorganisatie": ""}}, {"kenmerken.bronorganisatie": "blank"}),
        ({**MESSAGE, "hoofdObject": "geen url"}, {"hoofdObject": "invalid"}),
        ({**MESSAGE, "resourceUrl": "https://x.example/" + "a" * 1000}, {"resourceUrl": "max_length"}),
        ({**MESSAGE, "aanmaakdatum": "gisteren"}, {"aanmaakdatum": "invalid"}),
        ({k: v for k, v in MESSAGE.items() if k != "actie"}, {"actie": "required"}),
        ({**MESSAGE, "resource": "r" * 101}, {"resource": "max_length"}),
    ]
    for body, errors in cases:
        assert invalid(api.post(f"{ROOT}/notificaties", body)) == errors, body
    assert OutboxMessage.objects.count() == before
    assert api.get(f"{ROOT}/notificaties").status_code == 405


def test_the_conformance_suites_publish_request(api):
    assert api.post(f"{ROOT}/kanaal", {"naam": "testkanaal", "documentatieLink": "https://example.com",
                                       "filters": []}).status_code == 201
    response = api.post(f"{ROOT}/notificaties", {
        "kanaal": "testkanaal", "hoofdObject": "https://example.com", "resource": "test",
        "resourceUrl": "https://example.com", "actie": "CREATE", "aanmaakdatum": "2019-01-01T12:00:00Z",
        "kenmerken": {}})
    assert response.status_code == 201


# ---- scopes ---------------------------------------------------------------------------------

C, P = "notificaties.consumeren", "notificaties.publiceren"


@pytest.mark.parametrize("method,target,allowed", [
    ("get", "kanaal-list", {C, P}),
    ("post", "kanaal-list", {P}),
    ("get", "kanaal-detail", {C, P}),
    ("get", "abonnement-list", {C, P}),
    ("post", "abonnement-list", {C}),
    ("get", "abonnement-detail", {C, P}),
    ("put", "abonnement-detail", {C}),
    ("patch", "abonnement-detail", {C}),
    ("delete", "abonnement-detail", {C}),
    ("post", "notificaties", {P}),
])
def test_scopes_as_in_the_spec(api, api_for, subscriber, method, target, allowed):
    sub = subscriber()
    abonnement = api.post(f"{ROOT}/abonnement", abonnement_body(sub)).json()
    kanaal = api.get(f"{ROOT}/kanaal", {"naam": "zaken"}).json()[0]
    paths = {"kanaal-list": f"{ROOT}/kanaal", "kanaal-detail": path_of(kanaal["url"]),
             "abonnement-list": f"{ROOT}/abonnement", "abonnement-detail": path_of(abonnement["url"]),
             "notificaties": f"{ROOT}/notificaties"}
    bodies = {"kanaal-list": {"naam": "nieuw"}, "abonnement-list": abonnement_body(sub),
              "abonnement-detail": abonnement_body(sub), "notificaties": MESSAGE}
    for scopes in ({C}, {P}, {C, P}):
        client = api_for([{"component": "nrc", "scopes": sorted(scopes)}])
        kwargs = {"data": bodies.get(target)} if method in ("post", "put", "patch") else {}
        if target == "kanaal-list" and method == "post":
            kwargs["data"] = {"naam": "k-" + "-".join(sorted(scopes))}
        response = getattr(client, method)(paths[target], **kwargs)
        if scopes & allowed:
            assert response.status_code < 400, (scopes, response.content)
            if method == "delete":  # recreate for the next client
                abonnement = api.post(f"{ROOT}/abonnement", abonnement_body(sub)).json()
                paths["abonnement-detail"] = path_of(abonnement["url"])
        else:
            assert response.status_code == 403, (scopes, response.content)
    # the nrc scopes granted for another component count for nothing
    other = api_for([{"component": "ac", "scopes": [C, P]}])
    assert getattr(other, method)(paths[target], **({"data": bodies.get(target)} if method in (
        "post", "put", "patch") else {})).status_code == 403
    assert getattr(ApiClient(), method)(paths[target]).status_code == 401


def test_the_callback_check_can_be_switched_off(api, subscriber, settings):
    settings.ZAAKWERK_NOTIFICATIES_CALLBACK_CHECK = False
    down = subscriber()
    down.stop()
    assert api.post(f"{ROOT}/abonnement", abonnement_body(down)).status_code == 201
