"""Applicaties (API consumers) and what they may do. Storage only; the rules live in domain.py."""

import uuid

from django.db import models

VERTROUWELIJKHEID = [
    "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim",
]
# rank used to compare vertrouwelijkheidaanduidingen in SQL (higher is more confidential)
VERTROUWELIJKHEID_RANK = {v: i for i, v in enumerate(VERTROUWELIJKHEID)}

COMPONENTEN = {
    "ac": "Autorisaties API",
    "nrc": "Notificaties API",
    "zrc": "Zaken API",
    "ztc": "Catalogi API",
    "drc": "Documenten API",
    "brc": "Besluiten API",
}


class Applicatie(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    label = models.CharField(max_length=100)
    heeft_alle_autorisaties = models.BooleanField(default=False)
    alleen_is_gereed_voor_publicatie = models.BooleanField(default=False)

    class Meta:
        verbose_name = "applicatie"
        verbose_name_plural = "applicaties"

    def __str__(self) -> str:
        return self.label


class ApplicatieClientId(models.Model):
    """One row per client_id: the unique constraint makes ac-001 hold in the database too."""

    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="client_ids")
    client_id = models.CharField(max_length=50, unique=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position",)
        verbose_name = "client ID"
        verbose_name_plural = "client ID's"

    def __str__(self) -> str:
        return self.client_id


class Autorisatie(models.Model):
    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="autorisaties")
    position = models.PositiveIntegerField(default=0)
    component = models.CharField(max_length=3, choices=list(COMPONENTEN.items()))
    scopes = models.JSONField(default=list)
    zaaktype = models.URLField(max_length=1000, blank=True)
    informatieobjecttype = models.URLField(max_length=1000, blank=True)
    besluittype = models.URLField(max_length=1000, blank=True)
    max_vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, blank=True, choices=[(v, v) for v in VERTROUWELIJKHEID])

    class Meta:
        ordering = ("position",)
        verbose_name = "autorisatie"
        verbose_name_plural = "autorisaties"


class Grant(models.Model):
    """A flattened (applicatie, component, scope, type, max vertrouwelijkheid) row derived from the
    Autorisaties on every write. List endpoints authorise with ONE EXISTS condition on this table,
    whatever the number of types a client may see."""

    applicatie = models.ForeignKey(Applicatie, on_delete=models.CASCADE, related_name="grants")
    component = models.CharField(max_length=3)
    scope = models.CharField(max_length=100)
    type_url = models.URLField(max_length=1000, blank=True)
    # the local type the URL names (zaaktype, informatieobjecttype, besluittype), when it is ours:
    # registers compare this with their type foreign key
    type_uuid = models.UUIDField(null=True, blank=True)
    max_vertrouwelijkheid_rank = models.PositiveSmallIntegerField(default=len(VERTROUWELIJKHEID) - 1)

    class Meta:
        indexes = [models.Index(fields=["applicatie", "scope", "type_uuid"])]
