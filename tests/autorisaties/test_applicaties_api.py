"""Autorisaties API 1.1.0: every operation, rules ac-001..003, and bad input."""

import pytest

from zaakwerk.autorisaties.models import Applicatie, ApplicatieClientId
from zaakwerk.core.models import AuditTrail, ClientCredential, OutboxMessage

from ..conftest import ApiClient, make_token, register_client

ROOT = "/autorisaties/api/v1"
ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50"


def zrc(scopes=("zaken.lezen",), zaaktype=ZAAKTYPE, mva="openbaar"):
    return {"component": "zrc", "scopes": list(scopes), "zaaktype": zaaktype,
            "maxVertrouwelijkheidaanduiding": mva}


@pytest.fixture
def api(superuser_api):
    return superuser_api


def test_create_list_retrieve_update_delete(api):
    body = {"clientIds": ["app-1", "app-2"], "label": "Mijn app", "autorisaties": [zrc()]}
    created = api.post(f"{ROOT}/applicaties", body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert created["Location"] == data["url"]
    assert created["API-version"] == "1.1.0"
    assert data["clientIds"] == ["app-1", "app-2"]
    assert data["heeftAlleAutorisaties"] is False
    assert data["alleenIsGereedVoorPublicatie"] is False
    assert data["autorisaties"] == [{
        "component": "zrc", "componentWeergave": "Zaken API", "scopes": ["zaken.lezen"],
        "zaaktype": ZAAKTYPE, "maxVertrouwelijkheidaanduiding": "openbaar"}]
    path = data["url"].replace("http://testserver", "")

    listing = api.get(f"{ROOT}/applicaties", {"clientIds": "app-2"}).json()
    assert listing["count"] == 1 and listing["results"][0]["url"] == data["url"]
    assert api.get(f"{ROOT}/applicaties", {"clientIds": "nope"}).json()["count"] == 0

    assert api.get(path).json() == data

    body["autorisaties"][0]["scopes"].append("zaken.aanmaken")
    body["label"] = "Nieuw label"
    updated = api.put(path, body)
    assert updated.status_code == 200
    assert updated.json()["label"] == "Nieuw label"
    assert updated.json()["autorisaties"][0]["scopes"] == ["zaken.lezen", "zaken.aanmaken"]

    patched = api.patch(path, {"alleenIsGereedVoorPublicatie": True})
    assert patched.status_code == 200
    assert patched.json()["alleenIsGereedVoorPublicatie"] is True
    assert patched.json()["label"] == "Nieuw label"  # untouched by the PATCH

    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404
    assert not ApplicatieClientId.objects.filter(client_id="app-1").exists()


def test_consumer_by_client_id(api):
    created = api.post(f"{ROOT}/applicaties", {"clientIds": ["c-1"], "label": "x",
                                                "heeftAlleAutorisaties": True}).json()
    found = api.get(f"{ROOT}/applicaties/consumer", {"clientId": "c-1"})
    assert found.status_code == 200 and found.json()["url"] == created["url"]
    missing = api.get(f"{ROOT}/applicaties/consumer", {"clientId": "unknown"})
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert api.get(f"{ROOT}/applicaties/consumer").status_code == 400


def test_ac_001_client_id_used_by_one_applicatie_only(api):
    assert api.post(f"{ROOT}/applicaties", {"clientIds": ["dup"], "label": "a",
                                            "heeftAlleAutorisaties": True}).status_code == 201
    response = api.post(f"{ROOT}/applicaties", {"clientIds": ["dup"], "label": "b",
                                                "heeftAlleAutorisaties": True})
    assert response.status_code == 400
    error = response.json()["invalidParams"][0]
    assert (error["name"], error["code"]) == ("clientIds", "clientId-exists")
    assert Applicatie.objects.filter(label="b").count() == 0


def test_ac_001_update_may_keep_own_client_id(api):
    url = api.post(f"{ROOT}/applicaties", {"clientIds": ["mine"], "label": "a",
                                           "heeftAlleAutorisaties": True}).json()["url"]
    response = api.patch(url.replace("http://testserver", ""), {"clientIds": ["mine", "also-mine"]})
    assert response.status_code == 200
    assert response.json()["clientIds"] == ["mine", "also-mine"]


def test_ac_002_alle_autorisaties_and_explicit_is_ambiguous(api):
    response = api.post(f"{ROOT}/applicaties", {"clientIds": ["x"], "label": "a",
                                                "heeftAlleAutorisaties": True, "autorisaties": [zrc()]})
    assert response.status_code == 400
    error = response.json()["invalidParams"][0]
    assert (error["name"], error["code"]) == ("nonFieldErrors", "ambiguous-authorizations-specified")


def test_ac_002_neither_is_missing(api):
    response = api.post(f"{ROOT}/applicaties", {"clientIds": ["x"], "label": "a",
                                                "heeftAlleAutorisaties": False, "autorisaties": []})
    assert response.status_code == 400
    error = response.json()["invalidParams"][0]
    assert (error["name"], error["code"]) == ("nonFieldErrors", "missing-authorizations")


@pytest.mark.parametrize("autorisatie, expected", [
    ({"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "", "maxVertrouwelijkheidaanduiding": ""},
     {"autorisaties.0.zaaktype", "autorisaties.0.maxVertrouwelijkheidaanduiding"}),
    ({"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": "",
      "maxVertrouwelijkheidaanduiding": ""},
     {"autorisaties.0.informatieobjecttype", "autorisaties.0.maxVertrouwelijkheidaanduiding"}),
    ({"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": ""}, {"autorisaties.0.besluittype"}),
])
def test_ac_003_required_fields_per_component(api, autorisatie, expected):
    response = api.post(f"{ROOT}/applicaties", {"clientIds": ["x"], "label": "a", "autorisaties": [autorisatie]})
    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert {p["name"] for p in params} == expected
    assert {p["code"] for p in params} == {"required"}


@pytest.mark.parametrize("component, type_field", [("zrc", "zaaktype"), ("drc", "informatieobjecttype"),
                                                   ("brc", "besluittype")])
def test_ac_003_other_scopes_need_no_type(api, component, type_field):
    response = api.post(f"{ROOT}/applicaties", {"clientIds": [f"x-{component}"], "label": "a", "autorisaties": [
        {"component": component, "scopes": ["notificaties.publiceren"], type_field: "",
         "maxVertrouwelijkheidaanduiding": ""}]})
    assert response.status_code == 201, response.json()


def test_deleting_applicatie_keeps_jwt_secret(api):
    register_client("keeper", "geheim")
    url = api.post(f"{ROOT}/applicaties", {"clientIds": ["keeper"], "label": "k",
                                           "heeftAlleAutorisaties": True}).json()["url"]
    assert api.delete(url.replace("http://testserver", "")).status_code == 204
    assert ClientCredential.objects.filter(client_id="keeper").exists()
    # the client still authenticates, it just may do nothing
    keeper = ApiClient(make_token("keeper", "geheim"))
    assert keeper.get(f"{ROOT}/applicaties").status_code == 403


def test_changes_take_effect_immediately(api):
    register_client("late", "geheim")
    late = ApiClient(make_token("late", "geheim"))
    assert late.get(f"{ROOT}/applicaties").status_code == 403
    api.post(f"{ROOT}/applicaties", {"clientIds": ["late"], "label": "l", "autorisaties": [
        {"component": "ac", "scopes": ["autorisaties.lezen"]}]})
    assert late.get(f"{ROOT}/applicaties").status_code == 200
    assert late.post(f"{ROOT}/applicaties", {"clientIds": ["z"], "label": "z",
                                             "heeftAlleAutorisaties": True}).status_code == 403


def test_writes_record_audit_and_outbox(api):
    before = OutboxMessage.objects.count()
    url = api.post(f"{ROOT}/applicaties", {"clientIds": ["aud"], "label": "a",
                                           "heeftAlleAutorisaties": True},
                   headers={"X-Audit-Toelichting": "nieuw koppelvlak"}).json()["url"]
    entry = AuditTrail.objects.get(resource_url=url, actie="create")
    assert entry.bron == "ac"
    assert entry.applicatie_id == "superclient"
    assert entry.gebruikers_id == "tester" and entry.gebruikers_weergave == "Test Gebruiker"
    assert entry.toelichting == "nieuw koppelvlak"
    assert entry.oud is None and entry.nieuw["clientIds"] == ["aud"]
    message = OutboxMessage.objects.order_by("-id").first()
    assert OutboxMessage.objects.count() == before + 1
    assert (message.kanaal, message.resource, message.actie, message.resource_url) == (
        "autorisaties", "applicatie", "create", url)


@pytest.mark.parametrize("body, name, code", [
    ({"label": "x", "heeftAlleAutorisaties": True}, "clientIds", "required"),
    ({"clientIds": "abc", "label": "x"}, "clientIds", "invalid"),
    ({"clientIds": ["a"], "label": None}, "label", "null"),
    ({"clientIds": ["a"], "label": "x" * 101}, "label", "max_length"),
    ({"clientIds": ["a"], "label": "x", "autorisaties": [{"component": "zzz", "scopes": []}]},
     "autorisaties.0.component", "invalid_choice"),
    ({"clientIds": ["a"], "label": "x", "autorisaties": [zrc(zaaktype="not a url")]},
     "autorisaties.0.zaaktype", "invalid"),
    ({"clientIds": ["a"], "label": "x", "autorisaties": [zrc(mva="topgeheim")]},
     "autorisaties.0.maxVertrouwelijkheidaanduiding", "invalid_choice"),
])
def test_bad_input_is_400_and_writes_nothing(api, body, name, code):
    count = Applicatie.objects.count()
    response = api.post(f"{ROOT}/applicaties", body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {"name": name, "code": code} in [{k: p[k] for k in ("name", "code")}
                                            for p in response.json()["invalidParams"]]
    assert Applicatie.objects.count() == count


def test_malformed_json_is_400(api):
    response = api.post(f"{ROOT}/applicaties", b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "parse_error"


def test_unknown_filter_is_400(api):
    response = api.get(f"{ROOT}/applicaties", {"colour": "blue"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "unknown-parameters"


def test_scopes_enforced_per_operation(db, api_for):
    reader = api_for([{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(f"{ROOT}/applicaties").status_code == 200
    response = reader.post(f"{ROOT}/applicaties", {"clientIds": ["q"], "label": "q",
                                                   "heeftAlleAutorisaties": True})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
