"""Storage of the zaaktypecatalogus (Catalogi API 1.3.3). Storage only: every rule lives in
``domain.py``; every representation in ``representation.py``.

Versioning (the "historiemodel" of Catalogi 1.3): ZaakType, InformatieObjectType and BesluitType
rows are *versions*. Versions of one zaaktype share ``identificatie``; versions of one
informatieobjecttype or besluittype share ``omschrijving``. Links between these three main types
are therefore stored as that key (an omschrijving or identificatie plus the catalogus of the
linking object), never as a row id, so publishing a new version of a besluittype does not force a
new version of every zaaktype that uses it. The API shows such a link as the URL(s) of the version(s)
valid on the reference date (see ``representation.resolve``).

Fields that the standard derives (``isEindstatus``, ``beginObject``, the geldigheid of sub-types,
the catalogus of sub-types...) are not stored; they are computed when represented.
"""

import uuid

from django.db import models

from .constants import (
    AardRelatie,
    Afleidingswijze,
    Archiefnominatie,
    Formaat,
    IndicatieInternOfExtern,
    Objecttype,
    Richting,
    RolOmschrijvingGeneriek,
    Vertrouwelijkheidaanduiding,
)

# ISO 8601 durations ("P10D", "P1Y2M") are stored as text; the domain validates them.
DURATION_LENGTH = 40


class Catalogus(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    domein = models.CharField(max_length=5, db_index=True)
    rsin = models.CharField(max_length=9, db_index=True)
    contactpersoon_beheer_naam = models.CharField(max_length=40)
    contactpersoon_beheer_telefoonnummer = models.CharField(max_length=20, blank=True)
    contactpersoon_beheer_emailadres = models.CharField(max_length=254, blank=True)
    naam = models.CharField(max_length=200, null=True, blank=True)
    versie = models.CharField(max_length=20, null=True, blank=True)
    begindatum_versie = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "catalogus"
        verbose_name_plural = "catalogussen"

    def __str__(self) -> str:
        return f"{self.domein} - {self.rsin}"


class VersionedType(models.Model):
    """Common columns of the three versioned main types."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    begin_geldigheid = models.DateField(db_index=True)
    einde_geldigheid = models.DateField(null=True, blank=True, db_index=True)
    concept = models.BooleanField(default=True, db_index=True)

    class Meta:
        abstract = True


class ZaakType(VersionedType):
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="zaaktypen")
    identificatie = models.CharField(max_length=50, db_index=True)
    omschrijving = models.CharField(max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=Vertrouwelijkheidaanduiding.choices)
    doel = models.TextField()
    aanleiding = models.TextField()
    toelichting = models.TextField(blank=True)
    indicatie_intern_of_extern = models.CharField(max_length=6, choices=IndicatieInternOfExtern.choices)
    handeling_initiator = models.CharField(max_length=20)
    onderwerp = models.CharField(max_length=80)
    handeling_behandelaar = models.CharField(max_length=20)
    doorlooptijd = models.CharField(max_length=DURATION_LENGTH)
    servicenorm = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    opschorting_en_aanhouding_mogelijk = models.BooleanField()
    verlenging_mogelijk = models.BooleanField()
    verlengingstermijn = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    trefwoorden = models.JSONField(default=list, blank=True)
    publicatie_indicatie = models.BooleanField()
    publicatietekst = models.TextField(blank=True)
    verantwoordingsrelatie = models.JSONField(default=list, blank=True)
    producten_of_diensten = models.JSONField(default=list, blank=True)
    selectielijst_procestype = models.URLField(max_length=200, blank=True)
    referentieproces_naam = models.CharField(max_length=80)
    referentieproces_link = models.URLField(max_length=200, blank=True)
    verantwoordelijke = models.CharField(max_length=50)
    broncatalogus_url = models.URLField(max_length=200, blank=True)
    broncatalogus_domein = models.CharField(max_length=5, blank=True)
    broncatalogus_rsin = models.CharField(max_length=9, blank=True)
    bronzaaktype_url = models.URLField(max_length=200, blank=True)
    bronzaaktype_identificatie = models.CharField(max_length=50, blank=True)
    bronzaaktype_omschrijving = models.CharField(max_length=80, blank=True)
    # Identificaties of the zaaktypen of deelzaken, in the same catalogus (version independent).
    deelzaaktypen = models.JSONField(default=list, blank=True)
    versiedatum = models.DateField()

    class Meta:
        verbose_name = "zaaktype"
        verbose_name_plural = "zaaktypen"
        indexes = [models.Index(fields=["catalogus", "identificatie"])]

    def __str__(self) -> str:
        return f"{self.identificatie} {self.omschrijving} ({self.begin_geldigheid})"


class ZaakTypeBesluitType(models.Model):
    """``zaaktype.besluittypen``: a besluittype of the zaaktype's catalogus, by omschrijving."""

    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="besluittype_links")
    besluittype_omschrijving = models.CharField(max_length=80, db_index=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("volgorde", "pk")
        constraints = [models.UniqueConstraint(fields=["zaaktype", "besluittype_omschrijving"],
                                               name="catalogi_ztbt_unique")]


class ZaakTypenRelatie(models.Model):
    """``zaaktype.gerelateerdeZaaktypen``: a related zaaktype by identificatie (in the same
    catalogus), or by URL when it lives elsewhere (another catalogus or another ZTC)."""

    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="gerelateerde_zaaktypen")
    gerelateerd_zaaktype_identificatie = models.CharField(max_length=50, blank=True, db_index=True)
    gerelateerd_zaaktype_url = models.URLField(max_length=1000, blank=True)
    aard_relatie = models.CharField(max_length=20, choices=AardRelatie.choices)
    toelichting = models.CharField(max_length=255, blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("volgorde", "pk")


class InformatieObjectType(VersionedType):
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="informatieobjecttypen")
    omschrijving = models.CharField(max_length=80, db_index=True)
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20, choices=Vertrouwelijkheidaanduiding.choices)
    informatieobjectcategorie = models.CharField(max_length=80)
    trefwoord = models.JSONField(default=list, blank=True)
    omschrijving_generiek_informatieobjecttype = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_definitie = models.CharField(max_length=255, blank=True)
    omschrijving_generiek_herkomst = models.CharField(max_length=12, blank=True)
    omschrijving_generiek_hierarchie = models.CharField(max_length=80, blank=True)
    omschrijving_generiek_opmerking = models.CharField(max_length=255, null=True, blank=True)

    class Meta:
        verbose_name = "informatieobjecttype"
        verbose_name_plural = "informatieobjecttypen"
        indexes = [models.Index(fields=["catalogus", "omschrijving"])]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.begin_geldigheid})"


class BesluitType(VersionedType):
    catalogus = models.ForeignKey(Catalogus, on_delete=models.PROTECT, related_name="besluittypen")
    omschrijving = models.CharField(max_length=80, blank=True, db_index=True)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    besluitcategorie = models.CharField(max_length=40, blank=True)
    reactietermijn = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    publicatie_indicatie = models.BooleanField()
    publicatietekst = models.TextField(blank=True)
    publicatietermijn = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "besluittype"
        verbose_name_plural = "besluittypen"
        indexes = [models.Index(fields=["catalogus", "omschrijving"])]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.begin_geldigheid})"


class BesluitTypeInformatieObjectType(models.Model):
    """``besluittype.informatieobjecttypen``: an informatieobjecttype by omschrijving."""

    besluittype = models.ForeignKey(BesluitType, on_delete=models.CASCADE,
                                    related_name="informatieobjecttype_links")
    informatieobjecttype_omschrijving = models.CharField(max_length=80, db_index=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("volgorde", "pk")
        constraints = [models.UniqueConstraint(fields=["besluittype", "informatieobjecttype_omschrijving"],
                                               name="catalogi_btiot_unique")]


class Eigenschap(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="eigenschappen")
    naam = models.CharField(max_length=20)
    definitie = models.CharField(max_length=255)
    toelichting = models.CharField(max_length=1000, blank=True)
    specificatie_groep = models.CharField(max_length=32, blank=True)
    specificatie_formaat = models.CharField(max_length=10, choices=Formaat.choices)
    specificatie_lengte = models.CharField(max_length=14)
    specificatie_kardinaliteit = models.CharField(max_length=3)
    specificatie_waardenverzameling = models.JSONField(default=list, blank=True)
    statustype = models.ForeignKey("StatusType", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "eigenschap"
        verbose_name_plural = "eigenschappen"
        ordering = ("naam", "pk")
        constraints = [models.UniqueConstraint(fields=["zaaktype", "naam"], name="catalogi_eigenschap_naam")]

    def __str__(self) -> str:
        return self.naam


class StatusType(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="statustypen")
    omschrijving = models.CharField(max_length=80)
    omschrijving_generiek = models.CharField(max_length=80, blank=True)
    statustekst = models.CharField(max_length=1000, blank=True)
    volgnummer = models.PositiveSmallIntegerField()
    informeren = models.BooleanField(default=False)
    doorlooptijd = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    toelichting = models.CharField(max_length=1000, null=True, blank=True)
    # [{"itemnaam", "toelichting", "vraagstelling", "verplicht"}]
    checklistitem_statustype = models.JSONField(default=list, blank=True)
    # The eigenschappen that must have a value before a status of this type may be set.
    eigenschappen = models.ManyToManyField(Eigenschap, blank=True, related_name="+")

    class Meta:
        verbose_name = "statustype"
        verbose_name_plural = "statustypen"
        ordering = ("volgnummer", "pk")
        constraints = [models.UniqueConstraint(fields=["zaaktype", "volgnummer"],
                                               name="catalogi_statustype_volgnummer")]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.omschrijving}"


class RolType(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="roltypen")
    omschrijving = models.CharField(max_length=100)
    omschrijving_generiek = models.CharField(max_length=20, choices=RolOmschrijvingGeneriek.choices,
                                             db_index=True)

    class Meta:
        verbose_name = "roltype"
        verbose_name_plural = "roltypen"
        ordering = ("omschrijving", "pk")

    def __str__(self) -> str:
        return self.omschrijving


class ResultaatType(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="resultaattypen")
    omschrijving = models.CharField(max_length=30)
    resultaattypeomschrijving = models.URLField(max_length=1000)
    # ``Resultaattypeomschrijving.omschrijving`` as read from the Referentielijsten API when the
    # URL was set (ztc-002), so reads never call out.
    omschrijving_generiek = models.CharField(max_length=20, blank=True)
    selectielijstklasse = models.URLField(max_length=1000)
    toelichting = models.TextField(blank=True)
    archiefnominatie = models.CharField(max_length=20, choices=Archiefnominatie.choices, blank=True)
    archiefactietermijn = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)
    # brondatumArchiefprocedure (a gegevensgroep; null on the wire when afleidingswijze is empty)
    brondatum_archiefprocedure_afleidingswijze = models.CharField(
        max_length=20, choices=Afleidingswijze.choices, blank=True)
    brondatum_archiefprocedure_datumkenmerk = models.CharField(max_length=80, blank=True)
    brondatum_archiefprocedure_einddatum_bekend = models.BooleanField(default=False)
    brondatum_archiefprocedure_objecttype = models.CharField(
        max_length=40, choices=Objecttype.choices, blank=True)
    brondatum_archiefprocedure_registratie = models.CharField(max_length=80, blank=True)
    brondatum_archiefprocedure_procestermijn = models.CharField(
        max_length=DURATION_LENGTH, null=True, blank=True)
    procesobjectaard = models.CharField(max_length=200, null=True, blank=True)
    indicatie_specifiek = models.BooleanField(null=True, blank=True)
    procestermijn = models.CharField(max_length=DURATION_LENGTH, null=True, blank=True)

    class Meta:
        verbose_name = "resultaattype"
        verbose_name_plural = "resultaattypen"
        ordering = ("omschrijving", "pk")

    def __str__(self) -> str:
        return self.omschrijving


class ResultaatTypeBesluitType(models.Model):
    """``resultaattype.besluittypen``: by omschrijving, in the catalogus of the zaaktype."""

    resultaattype = models.ForeignKey(ResultaatType, on_delete=models.CASCADE,
                                      related_name="besluittype_links")
    besluittype_omschrijving = models.CharField(max_length=80, db_index=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("volgorde", "pk")
        constraints = [models.UniqueConstraint(fields=["resultaattype", "besluittype_omschrijving"],
                                               name="catalogi_rtbt_unique")]


class ResultaatTypeInformatieObjectType(models.Model):
    """``resultaattype.informatieobjecttypen``: by omschrijving, in the catalogus of the zaaktype."""

    resultaattype = models.ForeignKey(ResultaatType, on_delete=models.CASCADE,
                                      related_name="informatieobjecttype_links")
    informatieobjecttype_omschrijving = models.CharField(max_length=80, db_index=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("volgorde", "pk")
        constraints = [models.UniqueConstraint(fields=["resultaattype", "informatieobjecttype_omschrijving"],
                                               name="catalogi_rtiot_unique")]


class ZaakTypeInformatieObjectType(models.Model):
    """The relation "zaaktype heeft relevant informatieobjecttype": one version of a zaaktype to
    an informatieobjecttype by omschrijving (version independent)."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE,
                                 related_name="informatieobjecttype_relaties")
    informatieobjecttype_omschrijving = models.CharField(max_length=100, db_index=True)
    volgnummer = models.PositiveSmallIntegerField()
    richting = models.CharField(max_length=10, choices=Richting.choices, db_index=True)
    statustype = models.ForeignKey(StatusType, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = "zaaktype-informatieobjecttype"
        verbose_name_plural = "zaaktype-informatieobjecttypen"
        ordering = ("volgnummer", "pk")
        constraints = [models.UniqueConstraint(fields=["zaaktype", "volgnummer"],
                                               name="catalogi_ztiot_volgnummer")]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.informatieobjecttype_omschrijving}"


class ZaakObjectType(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    zaaktype = models.ForeignKey(ZaakType, on_delete=models.CASCADE, related_name="zaakobjecttypen")
    ander_objecttype = models.BooleanField(default=False, db_index=True)
    objecttype = models.URLField(max_length=200, db_index=True)
    relatie_omschrijving = models.CharField(max_length=80, db_index=True)

    class Meta:
        verbose_name = "zaakobjecttype"
        verbose_name_plural = "zaakobjecttypen"
        ordering = ("relatie_omschrijving", "pk")

    def __str__(self) -> str:
        return self.relatie_omschrijving
