"""Storage of the Zaken register (Zaken API 1.7). Storage only: every rule is in ``domain``.

Design choices that keep lists fast at a million zaken:
- every list filter and ordering has an index;
- the current status and the vertrouwelijkheid rank are kept on the zaak row (maintained by the
  domain), so a list page needs no per-zaak lookups and authorisation is one EXISTS condition
  (autorisaties.queries.type_condition on ``zaaktype_id`` and ``vertrouwelijkheid_rank``);
- zaakgeometrie is GeoJSON plus its bounding box in four indexed columns: SQL narrows a
  ``within`` search to the boxes that can match, shapely decides exactly;
- the per-type parts of rollen (betrokkeneIdentificatie) and zaakobjecten (objectIdentificatie)
  are JSON validated on the way in, with the columns the filters need copied out and indexed.

Zaaktypen, statustypen, ... are the local Catalogi rows (foreign keys, PROTECT: a type in use
cannot be deleted). Objects of other registers that may live elsewhere (informatieobjecten,
besluiten, contactmomenten, verzoeken, betrokkenen) are URLs.
"""

import uuid

from django.db import models

VERTROUWELIJKHEID = [
    "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim",
]


class Zaak(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    identificatie = models.CharField(max_length=40, db_index=True)
    bronorganisatie = models.CharField(max_length=9, db_index=True)
    omschrijving = models.CharField(max_length=80, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)
    zaaktype = models.ForeignKey("catalogi.ZaakType", on_delete=models.PROTECT, related_name="zaken")
    registratiedatum = models.DateField(db_index=True)
    verantwoordelijke_organisatie = models.CharField(max_length=9)
    startdatum = models.DateField(db_index=True)
    einddatum = models.DateField(null=True, blank=True, db_index=True)
    einddatum_gepland = models.DateField(null=True, blank=True, db_index=True)
    uiterlijke_einddatum_afdoening = models.DateField(null=True, blank=True, db_index=True)
    publicatiedatum = models.DateField(null=True, blank=True, db_index=True)
    communicatiekanaal = models.URLField(max_length=1000, blank=True)
    communicatiekanaal_naam = models.CharField(max_length=250, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(max_length=20)
    vertrouwelijkheid_rank = models.PositiveSmallIntegerField(default=0)
    betalingsindicatie = models.CharField(max_length=12, blank=True)
    laatste_betaaldatum = models.DateTimeField(null=True, blank=True)
    zaakgeometrie = models.JSONField(null=True, blank=True)
    geometrie_min_x = models.FloatField(null=True, blank=True)
    geometrie_min_y = models.FloatField(null=True, blank=True)
    geometrie_max_x = models.FloatField(null=True, blank=True)
    geometrie_max_y = models.FloatField(null=True, blank=True)
    verlenging_reden = models.CharField(max_length=200, blank=True)
    verlenging_duur = models.CharField(max_length=40, blank=True)
    opschorting_indicatie = models.BooleanField(default=False)
    opschorting_reden = models.CharField(max_length=200, blank=True)
    selectielijstklasse = models.URLField(max_length=1000, blank=True)
    hoofdzaak = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="deelzaken")
    relevante_andere_zaken = models.JSONField(default=list, blank=True)  # [{url, aardRelatie}]
    kenmerken = models.JSONField(default=list, blank=True)  # [{kenmerk, bron}]
    archiefnominatie = models.CharField(max_length=20, blank=True, db_index=True)
    archiefstatus = models.CharField(max_length=40, default="nog_te_archiveren", db_index=True)
    archiefactiedatum = models.DateField(null=True, blank=True, db_index=True)
    opdrachtgevende_organisatie = models.CharField(max_length=9, blank=True)
    processobjectaard = models.CharField(max_length=200, blank=True)
    startdatum_bewaartermijn = models.DateField(null=True, blank=True)
    processobject = models.JSONField(null=True, blank=True)  # {datumkenmerk, identificatie, objecttype, registratie}
    # the current (last set) status, kept by the domain so lists need no extra lookup
    huidige_status = models.ForeignKey("Status", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "zaak"
        verbose_name_plural = "zaken"
        constraints = [
            models.UniqueConstraint(fields=["bronorganisatie", "identificatie"], name="zaak_identificatie_uniek"),
        ]
        indexes = [
            models.Index(fields=["zaaktype", "vertrouwelijkheid_rank"]),
            models.Index(fields=["geometrie_min_x", "geometrie_max_x", "geometrie_min_y", "geometrie_max_y"]),
            # the default list order (-startdatum, pk), alone and per zaaktype: a page is read from
            # the index in order (no sort of every match), a zaaktype + startdatum range too
            models.Index(fields=["-startdatum", "uuid"], name="zaak_lijst"),
            models.Index(fields=["zaaktype", "-startdatum", "uuid"], name="zaak_lijst_zaaktype"),
        ]

    def __str__(self) -> str:
        return self.identificatie


class OpschortingPeriode(models.Model):
    """The history of opschortingen of a zaak (start, end, reden): on resumption the suspended
    days are added to the deadline. Shown read-only beside the standard fields."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="opschortingen")
    start = models.DateField()
    einde = models.DateField(null=True, blank=True)
    reden = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("start", "pk")
        verbose_name = "opschorting"
        verbose_name_plural = "opschortingen"


class ZaakIdentificatieReeks(models.Model):
    """The last number handed out per bronorganisatie and year: locked (by the UPDATE that moves it
    on) while a number is drawn, so parallel creates never get the same identificatie."""

    bronorganisatie = models.CharField(max_length=9)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bronorganisatie", "jaar"], name="reeks_uniek")]


class GereserveerdZaaknummer(models.Model):
    """A reserved identificatie (POST /zaaknummer_reserveren): never handed out automatically;
    a zaak created with it explicitly consumes the reservation."""

    bronorganisatie = models.CharField(max_length=9)
    identificatie = models.CharField(max_length=40)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bronorganisatie", "identificatie"], name="reservering_uniek"),
        ]


class Status(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey("catalogi.StatusType", on_delete=models.PROTECT, related_name="+")
    datum_status_gezet = models.DateTimeField(db_index=True)
    statustoelichting = models.CharField(max_length=1000, blank=True)
    gezetdoor = models.ForeignKey("Rol", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="gezette_statussen")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "status"
        verbose_name_plural = "statussen"
        indexes = [models.Index(fields=["zaak", "datum_status_gezet"])]


class Resultaat(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="resultaat")
    resultaattype = models.ForeignKey("catalogi.ResultaatType", on_delete=models.PROTECT, related_name="+")
    toelichting = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name = "resultaat"
        verbose_name_plural = "resultaten"


class Rol(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="rollen")
    betrokkene = models.URLField(max_length=1000, blank=True, db_index=True)
    betrokkene_type = models.CharField(max_length=30, db_index=True)
    afwijkende_naam_betrokkene = models.CharField(max_length=625, blank=True)
    roltype = models.ForeignKey("catalogi.RolType", on_delete=models.PROTECT, related_name="+")
    # copied from the roltype (whose omschrijving has up to 100 characters)
    omschrijving = models.CharField(max_length=100, db_index=True)
    omschrijving_generiek = models.CharField(max_length=40, db_index=True)
    roltoelichting = models.CharField(max_length=1000, blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    indicatie_machtiging = models.CharField(max_length=20, blank=True)
    contactpersoon_rol = models.JSONField(null=True, blank=True)
    betrokkene_identificatie = models.JSONField(null=True, blank=True)
    # copied out of betrokkene_identificatie for the list filters
    inp_bsn = models.CharField(max_length=9, blank=True, db_index=True)
    anp_identificatie = models.CharField(max_length=17, blank=True, db_index=True)
    inp_a_nummer = models.CharField(max_length=10, blank=True, db_index=True)
    inn_nnp_id = models.CharField(max_length=9, blank=True, db_index=True)
    ann_identificatie = models.CharField(max_length=17, blank=True, db_index=True)
    vestigings_nummer = models.CharField(max_length=24, blank=True, db_index=True)
    medewerker_identificatie = models.CharField(max_length=254, blank=True, db_index=True)  # 254 in 1.7
    organisatorische_eenheid_identificatie = models.CharField(max_length=24, blank=True, db_index=True)

    class Meta:
        verbose_name = "rol"
        verbose_name_plural = "rollen"


class ZaakObject(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakobjecten")
    object = models.URLField(max_length=1000, blank=True, db_index=True)
    zaakobjecttype = models.ForeignKey("catalogi.ZaakObjectType", on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+")
    object_type = models.CharField(max_length=100, db_index=True)
    object_type_overige = models.CharField(max_length=100, blank=True)
    object_type_overige_definitie = models.JSONField(null=True, blank=True)
    relatieomschrijving = models.CharField(max_length=80, blank=True)
    object_identificatie = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "zaakobject"
        verbose_name_plural = "zaakobjecten"


class ZaakInformatieObject(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakinformatieobjecten")
    informatieobject = models.URLField(max_length=1000, db_index=True)
    aard_relatie = models.CharField(max_length=20, default="hoort_bij")
    titel = models.CharField(max_length=200, blank=True)
    beschrijving = models.TextField(blank=True)
    registratiedatum = models.DateTimeField(auto_now_add=True)
    vernietigingsdatum = models.DateTimeField(null=True, blank=True)
    status = models.ForeignKey(Status, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="zaakinformatieobjecten")

    class Meta:
        verbose_name = "zaakinformatieobject"
        verbose_name_plural = "zaakinformatieobjecten"
        constraints = [
            models.UniqueConstraint(fields=["zaak", "informatieobject"], name="zio_uniek"),
        ]


class ZaakEigenschap(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakeigenschappen")
    eigenschap = models.ForeignKey("catalogi.Eigenschap", on_delete=models.PROTECT, related_name="+")
    naam = models.CharField(max_length=20)
    waarde = models.TextField()

    class Meta:
        verbose_name = "zaakeigenschap"
        verbose_name_plural = "zaakeigenschappen"


class ZaakNotitie(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    gerelateerd_aan = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="notities")
    onderwerp = models.CharField(max_length=255, db_index=True)
    tekst = models.TextField()
    aangemaakt_door = models.CharField(max_length=255, blank=True, db_index=True)
    notitie_type = models.CharField(max_length=10, blank=True, db_index=True)
    status = models.CharField(max_length=12, blank=True, db_index=True)
    aanmaakdatum = models.DateTimeField(auto_now_add=True, db_index=True)
    wijzigingsdatum = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "zaaknotitie"
        verbose_name_plural = "zaaknotities"


class KlantContact(models.Model):
    """Deprecated in the standard (use the Contactmomenten API) but still served."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="klantcontacten")
    identificatie = models.CharField(max_length=14)
    datumtijd = models.DateTimeField()
    kanaal = models.CharField(max_length=20, blank=True)
    onderwerp = models.CharField(max_length=200, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name = "klantcontact"
        verbose_name_plural = "klantcontacten"


class ZaakContactMoment(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakcontactmomenten")
    contactmoment = models.URLField(max_length=1000, db_index=True)

    class Meta:
        verbose_name = "zaakcontactmoment"
        verbose_name_plural = "zaakcontactmomenten"


class ZaakVerzoek(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakverzoeken")
    verzoek = models.URLField(max_length=1000, db_index=True)

    class Meta:
        verbose_name = "zaakverzoek"
        verbose_name_plural = "zaakverzoeken"


class ZaakBesluit(models.Model):
    """The mirror of a besluit that names this zaak (kept by the Besluiten register)."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakbesluiten")
    besluit = models.URLField(max_length=1000, db_index=True)

    class Meta:
        verbose_name = "zaakbesluit"
        verbose_name_plural = "zaakbesluiten"


class ZaakTelling(models.Model):
    """How many zaken there are per zaaktype and vertrouwelijkheid rank. Kept by statement triggers
    on ``zaken_zaak`` (PostgreSQL; migration 0003), whatever writes the rows (the domain, the bulk
    loader, cascading deletes), so the count of an unfiltered list is a sum over a few hundred
    rows instead of a scan of every zaak the client may see. Not used on SQLite."""

    zaaktype = models.ForeignKey("catalogi.ZaakType", on_delete=models.DO_NOTHING, db_constraint=False,
                                 related_name="+")
    vertrouwelijkheid_rank = models.PositiveSmallIntegerField()
    aantal = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["zaaktype", "vertrouwelijkheid_rank"],
                                               name="zaaktelling_uniek")]
