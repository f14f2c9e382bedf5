"""The landing page links every API this server serves and its OpenAPI document."""

import re

import pytest

from zaakwerk.core.views import API_VERSIONS


@pytest.mark.django_db
def test_the_landing_page_links_every_served_api_and_its_openapi_document(client):
    page = client.get("/").content.decode()
    links = re.findall(r'href="http://testserver/([a-z]+)/api/v1/openapi.yaml"', page)
    assert sorted(links) == sorted(API_VERSIONS)
    for name, version in API_VERSIONS.items():
        response = client.get(f"/{name}/api/v1/openapi.yaml")
        assert response.status_code == 200, name
        assert f"version: {version}" in response.content.decode() or f"version: '{version}'" in response.content.decode()
