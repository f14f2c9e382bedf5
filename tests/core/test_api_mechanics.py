"""The shared API core: JWT-ZGW, problem+json for every error, headers, transactions."""

import time

import jwt
import pytest

from zaakwerk.autorisaties.api import ApplicatieResource
from zaakwerk.autorisaties.models import Applicatie
from zaakwerk.core import events
from zaakwerk.core.validators import add_duration, elfproef, parse_duration

from ..conftest import ApiClient, make_token, register_client

LIST = "/autorisaties/api/v1/applicaties"


def assert_problem(response, status, code=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    for key in ("type", "code", "title", "status", "detail", "instance"):
        assert key in body
    assert body["status"] == status
    assert "Traceback" not in response.content.decode()
    if code:
        assert body["code"] == code
    return body


@pytest.fixture
def client_secret(db):
    register_client("jwtclient", "jwt-secret", all_permissions=True)
    return "jwtclient", "jwt-secret"


def test_missing_token_is_401(client_secret):
    response = ApiClient().get(LIST)
    assert_problem(response, 401, "not_authenticated")
    assert response["API-version"] == "1.1.0"


@pytest.mark.parametrize("header", ["Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Token abc"])
def test_malformed_authorization_is_401(client_secret, header):
    assert_problem(ApiClient().get(LIST, headers={"Authorization": header}), 401)


def test_wrong_signature_is_401(client_secret):
    token = make_token("jwtclient", "wrong-secret")
    assert_problem(ApiClient(token).get(LIST), 401)


def test_unknown_client_is_401(client_secret):
    assert_problem(ApiClient(make_token("nobody", "jwt-secret")).get(LIST), 401)


def test_other_algorithm_is_401(client_secret):
    token = jwt.encode({"iss": "jwtclient", "iat": int(time.time()), "client_id": "jwtclient"},
                       "jwt-secret", algorithm="HS512")
    assert_problem(ApiClient(token).get(LIST), 401)


def test_token_without_exp_and_iat_within_leeway_accepted(client_secret):
    # the VNG OAS collection signs tokens with iat about 257 s in the future and no exp
    token = make_token(*client_secret, iat=int(time.time()) + 257)
    assert ApiClient(token).get(LIST).status_code == 200


def test_iat_beyond_leeway_is_401(client_secret, settings):
    settings.ZAAKWERK_JWT_LEEWAY = 300
    token = make_token(*client_secret, iat=int(time.time()) + 900)
    assert_problem(ApiClient(token).get(LIST), 401)


def test_expired_token_is_401(client_secret):
    token = make_token(*client_secret, exp=int(time.time()) - 3600)
    assert_problem(ApiClient(token).get(LIST), 401)


def test_missing_iat_is_401(client_secret):
    token = jwt.encode({"iss": "jwtclient", "client_id": "jwtclient"}, "jwt-secret", algorithm="HS256")
    assert_problem(ApiClient(token).get(LIST), 401)


def test_no_applicatie_is_403(db):
    register_client("bare", "bare-secret")
    assert_problem(ApiClient(make_token("bare", "bare-secret")).get(LIST), 403, "permission_denied")


def test_method_not_allowed_is_405(superuser_api):
    body = assert_problem(superuser_api.put(LIST, {}), 405)
    assert body["code"] == "method_not_allowed"


def test_not_acceptable_is_406(superuser_api):
    assert_problem(superuser_api.get(LIST, headers={"Accept": "text/html"}), 406)


def test_wrong_content_type_is_415(superuser_api):
    response = superuser_api.post(LIST, "clientIds=a", content_type="application/x-www-form-urlencoded")
    assert_problem(response, 415)


def test_body_over_limit_is_413(superuser_api, settings):
    settings.ZAAKWERK_MAX_JSON_BODY = 100
    response = superuser_api.post(LIST, {"clientIds": ["a"], "label": "x" * 200, "heeftAlleAutorisaties": True})
    assert_problem(response, 413)
    assert not Applicatie.objects.filter(client_ids__client_id="a").exists()


def test_unknown_path_and_bad_uuid_are_problem_404(superuser_api):
    assert_problem(superuser_api.get("/autorisaties/api/v1/bestaatniet"), 404)
    response = superuser_api.get(f"{LIST}/not-a-uuid")
    assert_problem(response, 404)
    assert response["API-version"] == "1.1.0"
    assert_problem(superuser_api.get(f"{LIST}/6b3b5b4a-3a1e-4b0e-9a55-0b1c2d3e4f50"), 404)


def test_unexpected_error_is_500_problem_without_traceback(superuser_api, monkeypatch):
    def boom(self, ctx, objs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ApplicatieResource, "represent", boom)
    response = superuser_api.get(LIST)
    body = assert_problem(response, 500)
    assert "secret internals" not in response.content.decode()
    assert body["code"] == "error"


def test_failed_request_leaves_nothing_behind(superuser_api, monkeypatch):
    from zaakwerk.core.models import AuditTrail, OutboxMessage

    audit_before, outbox_before = AuditTrail.objects.count(), OutboxMessage.objects.count()
    real = events.record

    def fail_after_write(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr("zaakwerk.autorisaties.domain.record", fail_after_write)
    response = superuser_api.post(LIST, {"clientIds": ["half"], "label": "h", "heeftAlleAutorisaties": True})
    assert response.status_code == 500
    assert not Applicatie.objects.filter(label="h").exists()
    assert AuditTrail.objects.count() == audit_before
    assert OutboxMessage.objects.count() == outbox_before


def test_pagination_shape_and_links(superuser_api, settings):
    settings.ZAAKWERK_PAGE_SIZE = 2
    for i in range(4):
        superuser_api.post(LIST, {"clientIds": [f"p{i}"], "label": f"p{i}", "heeftAlleAutorisaties": True})
    first = superuser_api.get(LIST).json()
    assert first["count"] == 5  # four plus the superuser's own applicatie
    assert len(first["results"]) == 2
    assert first["previous"] is None and first["next"].endswith("page=2")
    third = superuser_api.get(LIST, {"page": 3}).json()
    assert len(third["results"]) == 1 and third["next"] is None and third["previous"].endswith("page=2")
    assert superuser_api.get(LIST, {"page": "x"}).status_code == 400
    assert superuser_api.get(LIST, {"page": 0}).status_code == 400


def test_etag_if_none_match_and_head(superuser_api):
    url = superuser_api.get(LIST).json()["results"][0]["url"].replace("http://testserver", "")
    first = superuser_api.get(url)
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"')
    again = superuser_api.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again["ETag"] == tag
    other = superuser_api.get(url, headers={"If-None-Match": '"other"'})
    assert other.status_code == 200
    head = superuser_api.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == tag


def test_openapi_documents_served(client, db):
    yaml_doc = client.get("/autorisaties/api/v1/openapi.yaml")
    assert yaml_doc.status_code == 200 and b"openapi:" in yaml_doc.content
    json_doc = client.get("/autorisaties/api/v1/openapi.json")
    assert json_doc.status_code == 200 and json_doc.json()["info"]["version"] == "1.1.0"


@pytest.mark.parametrize("value, ok", [("111222333", True), ("123456782", True), ("123456789", False),
                                       ("12345678", False), ("abcdefghi", False)])
def test_elfproef(value, ok):
    assert elfproef(value) is ok


def test_durations():
    import datetime as dt

    assert parse_duration("P1Y2M10DT2H30M") == {"years": 1, "months": 2, "days": 10, "hours": 2, "minutes": 30}
    assert parse_duration("P") is None and parse_duration("10D") is None and parse_duration("PT") is None
    assert add_duration(dt.date(2024, 1, 31), "P1M") == dt.date(2024, 2, 29)
    assert add_duration(dt.date(2024, 1, 1), "P10D") == dt.date(2024, 1, 11)
    assert add_duration(dt.date(2020, 2, 29), "P1Y") == dt.date(2021, 2, 28)


def test_nul_characters_are_400_not_500(superuser_api):
    # PostgreSQL cannot store NUL; it must never reach the database
    response = superuser_api.post(LIST, b'{"clientIds": ["a\\u0000b"], "label": "x", "heeftAlleAutorisaties": true}',
                                  content_type="application/json")
    body = assert_problem(response, 400)
    assert body["invalidParams"][0] == {"name": "clientIds.0", "code": "null_characters_not_allowed",
                                        "reason": "NUL-tekens zijn niet toegestaan."}
    assert not Applicatie.objects.filter(label="x").exists()
    assert_problem(superuser_api.get(LIST, {"clientIds": "\x00"}), 400)
    # also on operations without list filters (found by schemathesis on PostgreSQL)
    body = assert_problem(superuser_api.get(f"{LIST}/consumer", {"clientId": "a\x00"}), 400)
    assert body["invalidParams"][0]["code"] == "null_characters_not_allowed"


def test_a_verified_token_still_expires(client_secret, monkeypatch):
    # the verified token is remembered; its expiry is still checked on every request
    token = make_token(*client_secret, exp=int(time.time()) + 60)
    client = ApiClient(token)
    assert client.get(LIST).status_code == 200
    assert client.get(LIST).status_code == 200
    later = time.time() + 60 + 301  # beyond exp and the 300 s leeway
    monkeypatch.setattr(time, "time", lambda: later)
    assert_problem(client.get(LIST), 401)


def test_a_remembered_token_is_verified_again_after_the_secret_changes(client_secret):
    from zaakwerk.core.models import ClientCredential

    client = ApiClient(make_token(*client_secret))
    assert client.get(LIST).status_code == 200
    ClientCredential.objects.filter(client_id="jwtclient").update(secret="a-new-secret")
    assert_problem(client.get(LIST), 401)
