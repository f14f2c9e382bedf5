"""Storage shared by every register: client credentials, the audit trail and the outbox."""

import uuid

from django.db import models


class ClientCredential(models.Model):
    """A JWT-ZGW shared secret per client_id. Independent of Autorisaties Applicaties: deleting an
    Applicatie never deletes the secret (the conformance suite relies on that)."""

    client_id = models.CharField("client ID", max_length=255, unique=True)
    secret = models.CharField("geheim", max_length=255)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "client-geheim"
        verbose_name_plural = "client-geheimen"

    def __str__(self) -> str:
        return self.client_id


class AuditTrail(models.Model):
    """One entry per write on a main object (hoofdObject) or one of its related objects."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    bron = models.CharField(max_length=50)
    applicatie_id = models.CharField(max_length=100, blank=True)
    applicatie_weergave = models.CharField(max_length=200, blank=True)
    gebruikers_id = models.CharField(max_length=255, blank=True)
    gebruikers_weergave = models.CharField(max_length=255, blank=True)
    actie = models.CharField(max_length=50)
    actie_weergave = models.CharField(max_length=200, blank=True)
    resultaat = models.PositiveIntegerField()
    hoofd_object = models.URLField(max_length=1000)
    hoofd_object_uuid = models.UUIDField(db_index=True, null=True)
    resource = models.CharField(max_length=50)
    resource_url = models.URLField(max_length=1000)
    toelichting = models.TextField(blank=True)
    resource_weergave = models.CharField(max_length=200, blank=True)
    aanmaakdatum = models.DateTimeField(auto_now_add=True)
    oud = models.JSONField(null=True)
    nieuw = models.JSONField(null=True)

    class Meta:
        verbose_name = "audittrail-regel"
        verbose_name_plural = "audittrail"
        ordering = ("aanmaakdatum",)


class OutboxMessage(models.Model):
    """A notification written in the same transaction as the change it announces. A rolled-back
    change leaves no message; a committed one is never lost. Delivery drains this table."""

    id = models.BigAutoField(primary_key=True)
    kanaal = models.CharField(max_length=50)
    hoofd_object = models.URLField(max_length=1000)
    resource = models.CharField(max_length=100)
    resource_url = models.URLField(max_length=1000)
    actie = models.CharField(max_length=100)
    aanmaakdatum = models.DateTimeField()
    kenmerken = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)
    processed = models.DateTimeField(null=True, db_index=True)

    class Meta:
        verbose_name = "uitgaand bericht"
        verbose_name_plural = "uitgaande berichten"
        ordering = ("id",)

    def as_notification(self) -> dict:
        return {
            "kanaal": self.kanaal,
            "hoofdObject": self.hoofd_object,
            "resource": self.resource,
            "resourceUrl": self.resource_url,
            "actie": self.actie,
            "aanmaakdatum": self.aanmaakdatum.isoformat().replace("+00:00", "Z"),
            "kenmerken": self.kenmerken,
        }
