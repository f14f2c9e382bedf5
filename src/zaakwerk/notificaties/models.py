"""Kanalen, abonnementen and the delivery of outbox messages to them. Storage only; the rules live
in domain.py (API and admin) and worker.py (delivery)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kanaal(models.Model):
    """A channel (exchange) on which one source publishes, with the kenmerken subscribers may
    filter on."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    naam = models.CharField("naam", max_length=50, unique=True)
    documentatie_link = models.URLField("documentatielink", max_length=200, blank=True)
    filters = models.JSONField("filterkenmerken", default=list, blank=True)

    class Meta:
        verbose_name = "kanaal"
        verbose_name_plural = "kanalen"
        ordering = ("naam",)

    def __str__(self) -> str:
        return self.naam


class Abonnement(models.Model):
    """A subscriber: where notifications go (callback URL) and the Authorization header value to
    send with them."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    callback_url = models.TextField("callback-URL")
    auth = models.TextField("Authorization-header")
    client_id = models.CharField("aangemaakt door (client ID)", max_length=255, blank=True)
    created = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementen"
        ordering = ("created", "uuid")

    def __str__(self) -> str:
        return self.callback_url


class FilterGroup(models.Model):
    """One kanaal of an abonnement with the kenmerk values a message must have ({} = all)."""

    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="filter_groups")
    kanaal = models.ForeignKey(Kanaal, on_delete=models.PROTECT, related_name="filter_groups")
    filters = models.JSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "kanaal van een abonnement"
        verbose_name_plural = "kanalen van abonnementen"
        ordering = ("position", "id")


class Delivery(models.Model):
    """One outbox message for one abonnement (or, with an external Notificaties API configured,
    for that API: ``abonnement`` is then empty).

    ``sequence_key`` identifies (abonnement, hoofdObject): of all open deliveries with the same
    key only the oldest is attempted, so a subscriber never receives "zaak closed" before "zaak
    created". ``claimed_until``/``claimed_by`` are a worker's lease on the rows it is sending."""

    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"
    STATES = [(PENDING, "te versturen"), (DELIVERED, "afgeleverd"), (DEAD, "onbestelbaar")]

    id = models.BigAutoField(primary_key=True)
    message = models.ForeignKey("core.OutboxMessage", on_delete=models.CASCADE, related_name="+",
                                verbose_name="bericht")
    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="deliveries")
    sequence_key = models.BigIntegerField()
    state = models.CharField("status", max_length=10, choices=STATES, default=PENDING)
    attempts = models.PositiveIntegerField("pogingen", default=0)
    created = models.DateTimeField("aangemaakt", default=timezone.now)
    next_attempt_at = models.DateTimeField("volgende poging", default=timezone.now)
    last_attempt_at = models.DateTimeField("laatste poging", null=True, blank=True)
    delivered_at = models.DateTimeField("afgeleverd", null=True, blank=True)
    status_code = models.PositiveSmallIntegerField("HTTP-status", null=True, blank=True)
    response = models.TextField("antwoord", blank=True)
    error = models.TextField("fout", blank=True)
    replays = models.PositiveIntegerField("keren opnieuw verstuurd", default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    worker = models.CharField("worker", max_length=100, blank=True)

    class Meta:
        verbose_name = "aflevering"
        verbose_name_plural = "afleveringen"
        ordering = ("-id",)
        indexes = [
            # due work: open deliveries by time
            models.Index(fields=["next_attempt_at", "id"], name="notif_delivery_due",
                         condition=Q(state="pending")),
            # ordering: the oldest open delivery per (abonnement, hoofdObject)
            models.Index(fields=["sequence_key", "id"], name="notif_delivery_sequence",
                         condition=Q(state="pending")),
            models.Index(fields=["state", "id"], name="notif_delivery_state"),
        ]

    def __str__(self) -> str:
        return f"aflevering {self.id}"

    @property
    def target(self) -> str:
        if self.abonnement_id is None:
            return "externe Notificaties API"
        return self.abonnement.callback_url if self.abonnement else ""


class DeadLetterManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(state=Delivery.DEAD)


class DeadLetter(Delivery):
    """A delivery whose last attempt failed: kept with the subscriber's answer until an operator
    sends it again."""

    objects = DeadLetterManager()

    class Meta:
        proxy = True
        verbose_name = "onbestelbare notificatie"
        verbose_name_plural = "onbestelbare notificaties"
