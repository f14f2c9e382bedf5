"""Shared fixtures: an API client that signs JWT-ZGW tokens like real consumers do."""

from __future__ import annotations

import time

import jwt
import pytest
from django.test import Client

from zaakwerk.core.models import ClientCredential

BASE = "http://testserver"


def make_token(client_id: str, secret: str, **claims) -> str:
    payload = {"iss": client_id, "iat": int(time.time()), "client_id": client_id,
               "user_id": "tester", "user_representation": "Test Gebruiker", **claims}
    return jwt.encode(payload, secret, algorithm="HS256")


class ApiClient(Client):
    """Django's test client with a Bearer token and JSON bodies by default."""

    def __init__(self, token: str | None = None, *, default_headers: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token
        self.default_headers = dict(default_headers or {})

    def _headers(self, extra):
        headers = {**self.default_headers, **dict(extra or {})}
        if self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(self, path, data=None, headers=None, **kw):
        return super().get(path, data, headers=self._headers(headers), **kw)

    def head(self, path, data=None, headers=None, **kw):
        return super().head(path, data, headers=self._headers(headers), **kw)

    def delete(self, path, data="", headers=None, **kw):
        return super().delete(path, data, headers=self._headers(headers), **kw)

    def post(self, path, data=None, headers=None, content_type="application/json", **kw):
        return super().post(path, data, content_type=content_type, headers=self._headers(headers), **kw)

    def put(self, path, data=None, headers=None, content_type="application/json", **kw):
        return super().put(path, data, content_type=content_type, headers=self._headers(headers), **kw)

    def patch(self, path, data=None, headers=None, content_type="application/json", **kw):
        return super().patch(path, data, content_type=content_type, headers=self._headers(headers), **kw)


def register_client(client_id: str, secret: str, *, all_permissions: bool = False,
                    autorisaties: list[dict] | None = None):
    from zaakwerk.autorisaties import domain
    from zaakwerk.core.actor import Actor
    from zaakwerk.core.request_state import serving

    ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": secret})
    if all_permissions or autorisaties:
        with serving(BASE):
            domain.create_applicatie(Actor.system(BASE), {
                "client_ids": [client_id], "label": client_id,
                "heeft_alle_autorisaties": all_permissions, "autorisaties": autorisaties or [],
            })


@pytest.fixture
def superuser_api(db) -> ApiClient:
    """An API client whose Applicatie has heeftAlleAutorisaties."""
    register_client("superclient", "supersecret", all_permissions=True)
    return ApiClient(make_token("superclient", "supersecret"))


@pytest.fixture
def api_for(db):
    """Factory: an API client with exactly the given autorisaties."""
    counter = {"n": 0}

    def factory(autorisaties: list[dict], default_headers: dict | None = None) -> ApiClient:
        counter["n"] += 1
        cid = f"limited{counter['n']}"
        register_client(cid, "s3cret", autorisaties=autorisaties)
        return ApiClient(make_token(cid, "s3cret"), default_headers=default_headers)

    return factory
