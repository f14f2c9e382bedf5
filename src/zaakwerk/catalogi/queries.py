"""Read side of the zaaktypecatalogus: the list filters of the Catalogi API as queryset
functions, and the questions other registers ask about types (Zaken: may this zaak have this
informatieobjecttype? Besluiten: may a besluit of this zaak have this besluittype?).

The questions follow the Catalogi 1.3 historiemodel: links between zaaktype, besluittype and
informatieobjecttype are by omschrijving/identificatie within one catalogus, so any version with
that key is the linked type.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, TextField
from django.db.models.functions import Cast

from .constants import StatusFilter
from .models import (
    BesluitType,
    BesluitTypeInformatieObjectType,
    InformatieObjectType,
    StatusType,
    ZaakType,
    ZaakTypeBesluitType,
)

# ---- list filters -----------------------------------------------------------------------------


def filter_status(qs, value: str, concept_field: str = "concept"):
    """``status``: alles | concept | definitief (the default when the parameter is absent)."""
    if value == StatusFilter.alles:
        return qs
    return qs.filter(**{concept_field: value == StatusFilter.concept})


def filter_geldig_op(qs, datum: dt.date, prefix: str = ""):
    """``datumGeldigheid``: versions valid on ``datum`` (beginGeldigheid through
    eindeGeldigheid, both inclusive; an empty eindeGeldigheid is open)."""
    return qs.filter(**{f"{prefix}begin_geldigheid__lte": datum}).filter(
        Q(**{f"{prefix}einde_geldigheid__isnull": True}) | Q(**{f"{prefix}einde_geldigheid__gte": datum}))


def filter_trefwoorden(qs, trefwoorden: list[str]):
    """Zaaktypen having any of ``trefwoorden``. PostgreSQL uses jsonb containment; elsewhere the
    JSON text is searched for the encoded string (exact element match: quotes included)."""
    if not trefwoorden:
        return qs
    condition = Q()
    if connection.vendor == "postgresql":
        for t in trefwoorden:
            condition |= Q(trefwoorden__contains=[t])
        return qs.filter(condition)
    qs = qs.annotate(_trefwoorden_text=Cast("trefwoorden", TextField()))
    for t in trefwoorden:
        condition |= Q(_trefwoorden_text__contains=json.dumps(t))
    return qs.filter(condition)


def besluittypen_of_zaaktypen(qs, zaaktype_ids):
    """Besluittypen (versions) that the given zaaktypen link (same catalogus, by omschrijving)."""
    links = ZaakTypeBesluitType.objects.filter(
        zaaktype_id__in=zaaktype_ids, besluittype_omschrijving=OuterRef("omschrijving"),
        zaaktype__catalogus_id=OuterRef("catalogus_id"))
    return qs.filter(Exists(links))


def besluittypen_with_informatieobjecttypen(qs, iot_ids):
    """Besluittypen that link (by omschrijving) one of the given informatieobjecttypen."""
    iots = InformatieObjectType.objects.filter(
        pk__in=iot_ids, catalogus_id=OuterRef("besluittype__catalogus_id"),
        omschrijving=OuterRef("informatieobjecttype_omschrijving"))
    links = BesluitTypeInformatieObjectType.objects.filter(besluittype_id=OuterRef("pk")).filter(Exists(iots))
    return qs.filter(Exists(links))


def ztiots_with_informatieobjecttype(qs, *, iot_ids=(), omschrijvingen=()):
    """Zaaktype-informatieobjecttypen naming one of the given informatieobjecttypen (as version
    ids, or as omschrijvingen)."""
    condition = Q(informatieobjecttype_omschrijving__in=list(omschrijvingen))
    if iot_ids:
        iots = InformatieObjectType.objects.filter(
            pk__in=list(iot_ids), catalogus_id=OuterRef("zaaktype__catalogus_id"),
            omschrijving=OuterRef("informatieobjecttype_omschrijving"))
        condition |= Q(Exists(iots))
    return qs.filter(condition)


# ---- questions other registers ask ------------------------------------------------------------


def is_geldig_op(obj, datum: dt.date) -> bool:
    """Is this version of a type valid on ``datum`` (both ends inclusive)?"""
    return obj.begin_geldigheid <= datum and (obj.einde_geldigheid is None or obj.einde_geldigheid >= datum)


def zaaktype_has_besluittype(zaaktype: ZaakType, besluittype: BesluitType) -> bool:
    """brc-007: may a besluit of this besluittype belong to a zaak of this zaaktype?"""
    return (besluittype.catalogus_id == zaaktype.catalogus_id
            and zaaktype.besluittype_links.filter(besluittype_omschrijving=besluittype.omschrijving).exists())


def informatieobjecttype_of(document: dict) -> InformatieObjectType | None:
    """The local informatieobjecttype a document (its JSON, from any Documenten API) names; None
    when it names one of another Catalogi API (never one of our types' relations). Raises
    ValueError when the document names no informatieobjecttype at all."""
    from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url, resolve_resource

    iot_url = document.get("informatieobjecttype")
    if not isinstance(iot_url, str) or not is_valid_url(iot_url):
        raise ValueError("the document names no informatieobjecttype")
    if not is_local(iot_url):
        return None
    try:
        return resolve_resource(iot_url, None, "catalogi.informatieobjecttype")
    except ReferenceLookupError:
        return None


def zaaktype_has_informatieobjecttype(zaaktype: ZaakType, iot: InformatieObjectType) -> bool:
    """zrc-017: may a document of this informatieobjecttype be related to a zaak of this zaaktype?"""
    return (iot.catalogus_id == zaaktype.catalogus_id
            and zaaktype.informatieobjecttype_relaties.filter(
                informatieobjecttype_omschrijving=iot.omschrijving).exists())


def besluittype_has_informatieobjecttype(besluittype: BesluitType, iot: InformatieObjectType) -> bool:
    """brc-008: may a document of this informatieobjecttype record a besluit of this besluittype?"""
    return (iot.catalogus_id == besluittype.catalogus_id
            and besluittype.informatieobjecttype_links.filter(
                informatieobjecttype_omschrijving=iot.omschrijving).exists())


def zaaktype_has_deelzaaktype(hoofdzaaktype: ZaakType, deelzaaktype: ZaakType) -> bool:
    """May a zaak of ``deelzaaktype`` be a deelzaak of a zaak of ``hoofdzaaktype``?"""
    return (deelzaaktype.catalogus_id == hoofdzaaktype.catalogus_id
            and deelzaaktype.identificatie in hoofdzaaktype.deelzaaktypen)


def eindstatustype(zaaktype: ZaakType) -> StatusType | None:
    """The statustype with the highest volgnummer: setting it closes the zaak (zrc-007)."""
    return zaaktype.statustypen.order_by("-volgnummer").first()


def current_version(model, catalogus_id, key: str, datum: dt.date):
    """The published version of a zaaktype (by identificatie) or informatieobjecttype/besluittype
    (by omschrijving) valid on ``datum``, newest first; None when there is none."""
    key_field = "identificatie" if model is ZaakType else "omschrijving"
    qs = model.objects.filter(catalogus_id=catalogus_id, concept=False, **{key_field: key})
    return filter_geldig_op(qs, datum).order_by(F("begin_geldigheid").desc()).first()
