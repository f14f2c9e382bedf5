"""Storage of the Documenten register (no rules here: see domain/).

An enkelvoudig informatieobject (EIO) is one canonical row (``EnkelvoudigInformatieObject``: the
API's uuid, the lock, indicatieGebruiksrecht and the relations) with one row per version
(``EnkelvoudigInformatieObjectVersie``: every metadata field and the stored content of that
version). Every PUT/PATCH adds a version; nothing in a version changes afterwards, except that an
upload in bestandsdelen fills the content of the version it was announced on.

The canonical row also keeps a copy of the latest version's columns that lists filter and
authorise on (informatieobjecttype, vertrouwelijkheid rank, isGereedVoorPublicatie, bronorganisatie,
identificatie, status), so a list is one query with one EXISTS condition and no join to "the latest
version" (the domain writes both in the same transaction).

Content lives in Django's storage (``STORAGES["default"]``), one file per version
(``storage.content_name``); parts of an upload in bestandsdelen are files of their own until the
unlock merges them.
"""

import uuid

from django.db import models

VERTROUWELIJKHEID = [
    "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim",
]
STATUS = ["in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"]
ONDERTEKENING_SOORT = ["analoog", "digitaal", "pki"]
INTEGRITEIT_ALGORITME = ["crc_16", "crc_32", "crc_64", "fletcher_4", "fletcher_8", "fletcher_16",
                         "fletcher_32", "hmac", "md5", "sha_1", "sha_256", "sha_512", "sha_3"]
OBJECT_TYPES = ["besluit", "zaak", "verzoek"]


class EnkelvoudigInformatieObject(models.Model):
    """The canonical document: what all its versions share."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    # the lock id of a checked-out document ("" = not locked); secrets.token_hex, never guessable
    lock = models.CharField(max_length=100, blank=True, default="")
    # drc-006: true while gebruiksrechten exist; versionless (the gebruiksrechten domain sets it)
    indicatie_gebruiksrecht = models.BooleanField(null=True)
    laatste_versie = models.ForeignKey("EnkelvoudigInformatieObjectVersie", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    # copies of the latest version's columns, for SQL filters and authorisation
    informatieobjecttype = models.ForeignKey("catalogi.InformatieObjectType", on_delete=models.PROTECT,
                                             related_name="documenten")
    vertrouwelijkheid_rank = models.PositiveSmallIntegerField(default=0)
    is_gereed_voor_publicatie = models.BooleanField(null=True)
    bronorganisatie = models.CharField(max_length=9, db_index=True)
    identificatie = models.CharField(max_length=40, db_index=True)
    status = models.CharField(max_length=20, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "enkelvoudig informatieobject"
        verbose_name_plural = "enkelvoudige informatieobjecten"
        indexes = [models.Index(fields=["bronorganisatie", "identificatie"])]

    def __str__(self) -> str:
        return self.identificatie or str(self.uuid)


class EnkelvoudigInformatieObjectVersie(models.Model):
    """One version of a document: its metadata and (the storage name of) its content."""

    document = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField()
    begin_registratie = models.DateTimeField(db_index=True)

    identificatie = models.CharField(max_length=40)
    bronorganisatie = models.CharField(max_length=9)
    creatiedatum = models.DateField()
    titel = models.CharField(max_length=200)
    vertrouwelijkheidaanduiding = models.CharField(max_length=20, choices=[(v, v) for v in VERTROUWELIJKHEID])
    is_gereed_voor_publicatie = models.BooleanField(null=True)
    tonen_aan_initiator = models.BooleanField(default=False)
    auteur = models.CharField(max_length=200)
    status = models.CharField(max_length=20, blank=True, choices=[(v, v) for v in STATUS])
    inhoud_is_vervallen = models.BooleanField(null=True)
    formaat = models.CharField(max_length=255, blank=True)
    taal = models.CharField(max_length=3)
    bestandsnaam = models.CharField(max_length=255, blank=True)
    bestandsomvang = models.BigIntegerField(null=True, blank=True)  # files over 2 GiB
    # the storage name of this version's content ("" = no content)
    inhoud = models.CharField(max_length=500, blank=True)
    link = models.CharField(max_length=200, blank=True)
    beschrijving = models.CharField(max_length=1000, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    verschijningsvorm = models.TextField(blank=True)
    ondertekening_soort = models.CharField(max_length=10, blank=True,
                                           choices=[(v, v) for v in ONDERTEKENING_SOORT])
    ondertekening_datum = models.DateField(null=True, blank=True)
    integriteit_algoritme = models.CharField(max_length=20, blank=True,
                                             choices=[(v, v) for v in INTEGRITEIT_ALGORITME])
    integriteit_waarde = models.CharField(max_length=128, blank=True)
    integriteit_datum = models.DateField(null=True, blank=True)
    informatieobjecttype = models.ForeignKey("catalogi.InformatieObjectType", on_delete=models.PROTECT,
                                             related_name="+")
    trefwoorden = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "versie"
        verbose_name_plural = "versies"
        ordering = ("document", "versie")
        constraints = [models.UniqueConstraint(fields=["document", "versie"], name="documentversie_uniek")]

    def __str__(self) -> str:
        return f"{self.identificatie} v{self.versie}"


class DocumentTrefwoord(models.Model):
    """The trefwoorden of a document's latest version, one per row, for the ``trefwoorden`` filter
    (an indexed EXISTS on every database; JSON containment is not portable)."""

    document = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE,
                                 related_name="trefwoord_rijen")
    trefwoord = models.CharField(max_length=100, db_index=True)

    class Meta:
        verbose_name = "trefwoord"
        verbose_name_plural = "trefwoorden"


class BestandsDeel(models.Model):
    """One part of an upload in parts (bestandsdelen) of the document's latest version. Exists only
    between the create/update that announced the upload and the unlock that merged it."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    document = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE,
                                 related_name="bestandsdelen")
    volgnummer = models.PositiveIntegerField()
    omvang = models.BigIntegerField()
    # storage name of the received part ("" = not received yet)
    inhoud = models.CharField(max_length=500, blank=True)
    voltooid = models.BooleanField(default=False)

    class Meta:
        verbose_name = "bestandsdeel"
        verbose_name_plural = "bestandsdelen"
        ordering = ("document", "volgnummer")
        constraints = [models.UniqueConstraint(fields=["document", "volgnummer"], name="bestandsdeel_uniek")]


class ObjectInformatieObject(models.Model):
    """The relation of a document with a zaak or besluit (the mirror of a zaak- or
    besluitinformatieobject in that register)."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    informatieobject = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE,
                                         related_name="objectinformatieobjecten")
    object = models.URLField(max_length=1000, db_index=True)
    object_type = models.CharField(max_length=20, choices=[(v, v) for v in OBJECT_TYPES])

    class Meta:
        verbose_name = "objectinformatieobject"
        verbose_name_plural = "objectinformatieobjecten"
        constraints = [models.UniqueConstraint(fields=["informatieobject", "object"], name="oio_uniek")]


class DocumentIdentificatieReeks(models.Model):
    """The counter behind generated identificaties, one row per (bronorganisatie, year); locked while
    a number is drawn (as the zaaknummers)."""

    bronorganisatie = models.CharField(max_length=9)
    jaar = models.PositiveIntegerField()
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bronorganisatie", "jaar"], name="documentreeks_uniek")]


# ---- gebruiksrechten / verzendingen (the other Documenten helper's models follow below) ----------

# ---- gebruiksrechten and verzendingen


class Gebruiksrecht(models.Model):
    """The conditions for using a document other than consulting it (resource ``gebruiksrechten``).
    Deleted with its document."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    informatieobject = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE,
                                         related_name="gebruiksrechten")
    startdatum = models.DateTimeField(db_index=True)
    einddatum = models.DateTimeField(null=True, blank=True, db_index=True)
    omschrijving_voorwaarden = models.TextField()

    class Meta:
        verbose_name = "gebruiksrecht"
        verbose_name_plural = "gebruiksrechten"

    def __str__(self) -> str:
        return self.omschrijving_voorwaarden[:50]


AARD_RELATIE = ["afzender", "geadresseerde"]


class Verzending(models.Model):
    """A sending of a document to, or its receipt from, a betrokkene (resource ``verzendingen``).
    The address groups are stored as JSON objects with snake_case keys (null = no such address).
    Deleted with its document."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    informatieobject = models.ForeignKey(EnkelvoudigInformatieObject, on_delete=models.CASCADE,
                                         related_name="verzendingen")
    betrokkene = models.URLField(max_length=200, db_index=True)
    aard_relatie = models.CharField(max_length=20, choices=[(v, v) for v in AARD_RELATIE])
    toelichting = models.CharField(max_length=200, blank=True)
    ontvangstdatum = models.DateField(null=True, blank=True)
    verzenddatum = models.DateField(null=True, blank=True)
    contact_persoon = models.URLField(max_length=1000)
    contactpersoonnaam = models.CharField(max_length=40, blank=True)
    binnenlands_correspondentieadres = models.JSONField(null=True, blank=True)
    buitenlands_correspondentieadres = models.JSONField(null=True, blank=True)
    correspondentie_postadres = models.JSONField(null=True, blank=True)
    faxnummer = models.CharField(max_length=15, null=True, blank=True)
    emailadres = models.CharField(max_length=100, null=True, blank=True)
    mijn_overheid = models.BooleanField(default=False)
    telefoonnummer = models.CharField(max_length=15, null=True, blank=True)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"

    def __str__(self) -> str:
        return f"{self.aard_relatie} {self.betrokkene}"
