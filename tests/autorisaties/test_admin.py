"""The Autorisaties admin writes through the domain: same rules, same audit trail."""

import pytest
from django.contrib.auth import get_user_model

from zaakwerk.autorisaties.models import Applicatie
from zaakwerk.core.models import AuditTrail


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer")
    client.force_login(user)
    return client


def form(label, client_ids, autorisaties="", alle=False):
    data = {"label": label, "client_ids_text": client_ids, "autorisaties_text": autorisaties}
    if alle:
        data["heeft_alle_autorisaties"] = "on"
    return data


def test_admin_creates_applicatie_through_domain(admin_client):
    response = admin_client.post("/admin/autorisaties/applicatie/add/", form(
        "Zaakapp", "zaakapp", "zrc | zaken.lezen | http://testserver/catalogi/api/v1/zaaktypen/1 | openbaar"))
    assert response.status_code == 302, response.content.decode()[:2000]
    app = Applicatie.objects.get(label="Zaakapp")
    assert list(app.client_ids.values_list("client_id", flat=True)) == ["zaakapp"]
    assert app.autorisaties.get().scopes == ["zaken.lezen"]
    entry = AuditTrail.objects.get(resource="applicatie", actie="create", resource_weergave="Zaakapp")
    assert entry.gebruikers_id == "beheer"


def test_admin_shows_domain_errors_and_writes_nothing(admin_client):
    response = admin_client.post("/admin/autorisaties/applicatie/add/", form(
        "Half", "half", "zrc | zaken.lezen |  | "))
    assert response.status_code == 200
    text = response.content.decode()
    assert "autorisaties.0.zaaktype: required" in text
    assert not Applicatie.objects.filter(label="Half").exists()


def test_admin_ac_002_error_on_form(admin_client):
    response = admin_client.post("/admin/autorisaties/applicatie/add/", form(
        "Beide", "beide", "ac | autorisaties.lezen", alle=True))
    assert response.status_code == 200
    assert "ambiguous-authorizations-specified" in response.content.decode()
    assert not Applicatie.objects.filter(label="Beide").exists()
