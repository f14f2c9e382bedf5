"""The Besluiten admin is read-only and deletes through the domain (brc-009: relations, audit
trail and the notification as through the API)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject
from zaakwerk.core.models import AuditTrail, OutboxMessage

from .conftest import BESLUITEN, BIOS, besluit_body, catalogi_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer")
    client.force_login(user)
    return client


@pytest.fixture
def besluit(api, besluittype, remote, iot):
    created = api.post(BESLUITEN, besluit_body(besluittype, identificatie="B-ADMIN", toelichting="Zichtbaar")).json()
    document = remote.document(catalogi_url("informatieobjecttypen", iot))
    api.post(BIOS, {"besluit": created["url"], "informatieobject": document})
    return Besluit.objects.get()


def test_admin_lists_and_shows_besluiten_read_only(admin_client, besluit):
    listing = admin_client.get("/admin/besluiten/besluit/")
    assert listing.status_code == 200 and b"B-ADMIN" in listing.content
    detail = admin_client.get(f"/admin/besluiten/besluit/{besluit.pk}/change/")
    assert detail.status_code == 200 and b"Zichtbaar" in detail.content
    assert b'name="toelichting"' not in detail.content  # no form fields: read-only
    assert admin_client.get("/admin/besluiten/besluit/add/").status_code == 403
    response = admin_client.post(f"/admin/besluiten/besluit/{besluit.pk}/change/", {"toelichting": "anders"})
    assert response.status_code == 403
    assert Besluit.objects.get().toelichting == "Zichtbaar"


def test_admin_delete_goes_through_the_domain(admin_client, besluit):
    response = admin_client.post(f"/admin/besluiten/besluit/{besluit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Besluit.objects.exists() and not BesluitInformatieObject.objects.exists()
    assert not AuditTrail.objects.filter(hoofd_object_uuid=besluit.pk).exists()
    assert OutboxMessage.objects.filter(kanaal="besluiten", actie="destroy").count() == 1


def test_admin_bulk_delete_goes_through_the_domain(admin_client, besluit):
    response = admin_client.post("/admin/besluiten/besluit/", {
        "action": "delete_selected", "_selected_action": [str(besluit.pk)], "post": "yes"})
    assert response.status_code == 302
    assert not Besluit.objects.exists()
    assert OutboxMessage.objects.filter(kanaal="besluiten", actie="destroy").count() == 1
