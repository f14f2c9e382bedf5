"""Storage of the Besluiten register (no rules here: see domain/).

A besluit names its besluittype as a foreign key (only besluittypen of this server's Catalogi are
accepted: authorisation is per local type, brc-001). Its zaak may live in this server's Zaken
register (``zaak_uuid``, no database constraint: the registers are coupled through their domains,
not through the schema) or in another Zaken API (``zaak_extern``, the URL as sent).
"""

import uuid

from django.db import models

VERVALREDEN = [
    ("tijdelijk", "Besluit met tijdelijke werking"),
    ("ingetrokken_overheid", "Besluit ingetrokken door overheid"),
    ("ingetrokken_belanghebbende", "Besluit ingetrokken o.v.v. belanghebbende"),
]


class Besluit(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    identificatie = models.CharField(max_length=50)
    verantwoordelijke_organisatie = models.CharField(max_length=9)
    besluittype = models.ForeignKey("catalogi.BesluitType", on_delete=models.PROTECT, related_name="besluiten")
    # the zaak this besluit is an outcome of: a zaak of this server (its uuid) or a foreign URL
    zaak_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    zaak_extern = models.URLField(max_length=1000, blank=True, db_index=True)
    datum = models.DateField()
    toelichting = models.TextField(blank=True)
    bestuursorgaan = models.CharField(max_length=50, blank=True)
    ingangsdatum = models.DateField()
    vervaldatum = models.DateField(null=True, blank=True)
    vervalreden = models.CharField(max_length=30, blank=True, choices=VERVALREDEN)
    publicatiedatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    uiterlijke_reactiedatum = models.DateField(null=True, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        constraints = [models.UniqueConstraint(fields=["verantwoordelijke_organisatie", "identificatie"],
                                               name="besluit_identificatie_uniek")]

    def __str__(self) -> str:
        return self.identificatie


class BesluitInformatieObject(models.Model):
    """A document in which (part of) the besluit is recorded. ``aard_relatie`` is always
    ``legt_vast`` (brc-004) and ``registratiedatum`` is the moment of creation, both set by the
    system; neither is part of the API's representation in 1.1.0."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="informatieobjecten")
    informatieobject = models.URLField(max_length=1000, db_index=True)
    aard_relatie = models.CharField(max_length=20, default="legt_vast")
    registratiedatum = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "besluitinformatieobject"
        verbose_name_plural = "besluitinformatieobjecten"
        constraints = [models.UniqueConstraint(fields=["besluit", "informatieobject"], name="bio_uniek")]

    def __str__(self) -> str:
        return self.informatieobject


class BesluitIdentificatieReeks(models.Model):
    """The last number handed out per verantwoordelijke organisatie and year (0: a format without
    a year): locked while a number is drawn, so parallel creates never get the same one."""

    verantwoordelijke_organisatie = models.CharField(max_length=9)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["verantwoordelijke_organisatie", "jaar"],
                                               name="besluitreeks_uniek")]
