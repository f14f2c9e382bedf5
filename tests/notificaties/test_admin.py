"""The Notificaties admin (Dutch) writes through the domain: the same rules as the API, the
callback check included. Dead letters and replay are tested with real deliveries in
test_delivery.py."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from zaakwerk.core.models import OutboxMessage
from zaakwerk.notificaties.models import Abonnement, Delivery, FilterGroup, Kanaal


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer")
    client.force_login(user)
    return client


def test_every_page_opens(admin_client):
    ab = Abonnement.objects.create(callback_url="http://127.0.0.1:9/hook", auth="Bearer x")
    FilterGroup.objects.create(abonnement=ab, kanaal=Kanaal.objects.get(naam="zaken"), filters={"zaaktype": "*"})
    message = OutboxMessage.objects.create(kanaal="zaken", hoofd_object="https://x.example/z/1", resource="zaak",
                                           resource_url="https://x.example/z/1", actie="create",
                                           aanmaakdatum=timezone.now(), kenmerken={})
    d = Delivery.objects.create(message=message, abonnement=ab, sequence_key=1, state=Delivery.DEAD,
                                attempts=10, status_code=500, response="kapot")
    kanaal = Kanaal.objects.get(naam="zaken")
    for url, text in [
        ("/admin/notificaties/kanaal/", "autorisaties"),
        ("/admin/notificaties/kanaal/add/", "Filterkenmerken"),
        (f"/admin/notificaties/kanaal/{kanaal.pk}/change/", "vertrouwelijkheidaanduiding"),
        ("/admin/notificaties/abonnement/", "zaken (zaaktype=*)"),
        ("/admin/notificaties/abonnement/add/", "Kanalen en filters"),
        (f"/admin/notificaties/abonnement/{ab.pk}/change/", "zaken | zaaktype=*"),
        ("/admin/notificaties/delivery/", "onbestelbaar"),
        ("/admin/notificaties/delivery/?status=opnieuw", "afleveringen"),
        (f"/admin/notificaties/delivery/{d.pk}/change/", "kapot"),
        ("/admin/notificaties/deadletter/", "Alle onbestelbare notificaties opnieuw versturen"),
        (f"/admin/notificaties/deadletter/{d.pk}/change/", "kapot"),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), (url, text)


def test_admin_creates_a_kanaal_through_the_domain(admin_client):
    response = admin_client.post("/admin/notificaties/kanaal/add/", {
        "naam": "formulieren", "documentatie_link": "https://example.com/docs", "filters_text": "type, organisatie"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Kanaal.objects.get(naam="formulieren").filters == ["type", "organisatie"]
    duplicate = admin_client.post("/admin/notificaties/kanaal/add/", {"naam": "zaken", "filters_text": ""})
    assert duplicate.status_code == 200
    assert "Er bestaat al een kanaal met deze naam" in duplicate.content.decode()
    assert Kanaal.objects.filter(naam="zaken").count() == 1


def test_admin_creates_and_changes_an_abonnement_after_checking_the_callback(admin_client, subscriber):
    sub = subscriber()
    response = admin_client.post("/admin/notificaties/abonnement/add/", {
        "callback_url": sub.url, "auth": "Bearer beheer",
        "kanalen_text": "zaken | bronorganisatie=002220647, zaaktype=*\nautorisaties"})
    assert response.status_code == 302, response.content.decode()[:3000]
    ab = Abonnement.objects.get()
    assert [(g.kanaal.naam, g.filters) for g in ab.filter_groups.all()] == [
        ("zaken", {"bronorganisatie": "002220647", "zaaktype": "*"}), ("autorisaties", {})]
    assert len(sub.received) == 1  # one test notification, during validation
    assert sub.received[0].headers["authorization"] == "Bearer beheer"

    response = admin_client.post(f"/admin/notificaties/abonnement/{ab.pk}/change/", {
        "callback_url": sub.url, "auth": "Bearer nieuw", "kanalen_text": "documenten"})
    assert response.status_code == 302
    ab.refresh_from_db()
    assert ab.auth == "Bearer nieuw"
    assert [g.kanaal.naam for g in ab.filter_groups.all()] == ["documenten"]

    response = admin_client.post(f"/admin/notificaties/abonnement/{ab.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Abonnement.objects.exists()


def test_admin_shows_a_failing_callback_and_writes_nothing(admin_client, subscriber):
    failing = subscriber(respond=lambda r: 500)
    response = admin_client.post("/admin/notificaties/abonnement/add/", {
        "callback_url": failing.url, "auth": "Bearer x", "kanalen_text": "zaken"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "kan geen notificaties ontvangen" in text and "invalid-callback-url" in text
    assert not Abonnement.objects.exists()

    response = admin_client.post("/admin/notificaties/abonnement/add/", {
        "callback_url": failing.url, "auth": "Bearer x", "kanalen_text": "zaken | kleur=rood"})
    assert "inconsistent-abonnement-filters" in response.content.decode()
    assert not Abonnement.objects.exists()
