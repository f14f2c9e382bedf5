"""The rules of the zaaktypecatalogus (Catalogi API 1.3.3): every write goes through here.

Each public function validates everything it can before writing (reporting all problems at once),
writes in one transaction and records the audit trail entry (and, for the three main types, the
notification) through ``core.events.record``.

Input is parsed, adapter-independent data: snake_case keys, Python values (``datetime.date``,
model instances for references such as ``catalogus`` or ``zaaktype``). Links to the versioned
main types may be given as the model instance the client named (the API turns a URL into it) or as
the key itself (an omschrijving or identificatie), as both occur in the field.

Rule ids refer to the Catalogi specification ("Specificatie van gedrag", 1.3.3) and, where the
VNG conformance suite tests older wording, to the rule as that suite tests it:

- ztc-001: ``zaaktype.selectielijstProcestype`` is a Selectielijst ProcesType.
- ztc-002: ``resultaattype.resultaattypeomschrijving`` and ``selectielijstklasse`` are
  Referentielijsten resources; the selectielijstklasse belongs to the zaaktype's procestype;
  archiefnominatie and archiefactietermijn default from the selectielijstklasse.
- ztc-003 .. ztc-008: brondatumArchiefprocedure consistency.
- ztc-009: published main types are immutable (except an eindeGeldigheid-only PATCH or a
  correctie), and are not deleted (except with ``catalogi.geforceerd-verwijderen``).
- ztc-010: the sub-types of a published zaaktype are not created, changed or deleted (except a
  correctie). The conformance suite also tests the 1.2 wording ("non-concept-relation", see
  ``_relation_guard``), which is enforced as well so the suite passes.
- ztc-012: a zaaktype is published only when its besluittypen and informatieobjecttypen have a
  published version.
- ztc-015: date(time) eigenschappen have lengte 8 (14).
- ztc-016: published versions of one zaaktype (same identificatie) do not overlap in time.
- correctie: with ``catalogi.geforceerd-schrijven`` a published version may be corrected, but only
  by extension: nothing is removed and the keys other registers rely on do not change.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q

from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import NotFound, ValidationErrors, ValidationFailed
from zaakwerk.core.events import record

from . import representation
from .constants import (
    COMPONENT,
    SCOPE_GEFORCEERD_SCHRIJVEN,
    SCOPE_GEFORCEERD_VERWIJDEREN,
    AardRelatie,
    Afleidingswijze,
    Archiefnominatie,
    Formaat,
    IndicatieInternOfExtern,
    Objecttype,
    Procestermijn,
    Richting,
    RolOmschrijvingGeneriek,
    Vertrouwelijkheidaanduiding,
)
from .models import (
    BesluitType,
    BesluitTypeInformatieObjectType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    ResultaatTypeBesluitType,
    ResultaatTypeInformatieObjectType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeBesluitType,
    ZaakTypeInformatieObjectType,
    ZaakTypenRelatie,
)
from zaakwerk.core.fields import F, camel, check_fields, is_duration, is_url

NON_FIELD = "nonFieldErrors"

# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _forced_write(actor: Actor) -> bool:
    return actor.has_scope(COMPONENT, SCOPE_GEFORCEERD_SCHRIJVEN)


def _forced_delete(actor: Actor) -> bool:
    return actor.has_scope(COMPONENT, SCOPE_GEFORCEERD_VERWIJDEREN)


def _fail(name: str, code: str, reason: str):
    raise ValidationFailed(name, code, reason)


_RESOURCE_NAMES = {
    Catalogus: "catalogus",
    ZaakType: "zaaktype",
    InformatieObjectType: "informatieobjecttype",
    BesluitType: "besluittype",
    StatusType: "statustype",
    RolType: "roltype",
    ResultaatType: "resultaattype",
    Eigenschap: "eigenschap",
    ZaakTypeInformatieObjectType: "zaaktypeinformatieobjecttype",
    ZaakObjectType: "zaakobjecttype",
}
_KANALEN = {ZaakType: "zaaktypen", InformatieObjectType: "informatieobjecttypen",
            BesluitType: "besluittypen"}
_RESULTAAT = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204, "publish": 200}


def _snapshot(actor: Actor, obj) -> dict:
    return representation.to_json(obj, actor.base_url)


def _record(actor: Actor, actie: str, obj, oud: dict | None, nieuw: dict | None) -> None:
    """Audit trail entry on the main object (the zaaktype for its sub-types) and, for the three
    main types, a notification on their kanaal with the catalogus as kenmerk."""
    model = type(obj)
    base = actor.base_url
    if hasattr(obj, "zaaktype_id"):
        hoofd_uuid = obj.zaaktype_id
        hoofd = representation.url(base, ZaakType, hoofd_uuid)
    else:
        hoofd_uuid = obj.pk
        hoofd = representation.object_url(base, obj)
    catalogus_id = getattr(obj, "catalogus_id", None)
    record(
        actor,
        bron=COMPONENT,
        actie=actie,
        resource=_RESOURCE_NAMES[model],
        resource_url=representation.object_url(base, obj),
        hoofd_object=hoofd,
        hoofd_object_uuid=hoofd_uuid,
        oud=oud,
        nieuw=nieuw,
        resource_weergave=str(obj),
        resultaat=_RESULTAAT[actie],
        kanaal=_KANALEN.get(model),
        kenmerken={"catalogus": representation.url(base, Catalogus, catalogus_id)} if catalogus_id else {},
    )


def _locked(model, obj):
    """Re-read ``obj`` with a row lock, so checks and write see one state."""
    fresh = model.objects.select_for_update().filter(pk=obj.pk).first()
    if fresh is None:
        raise NotFound("Niet gevonden.")
    return fresh


def _apply(obj, values: dict, fields) -> None:
    for key in fields:
        if key in values:
            setattr(obj, key, values[key])


def _save(obj) -> None:
    """Save, turning a violated unique constraint (a concurrent duplicate) into a 400."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationFailed(NON_FIELD, "unique", "Deze combinatie bestaat al.") from None


def _delete(obj) -> None:
    """Delete; an object another register still uses (a protected foreign key) stays. The
    instance keeps its primary key afterwards, so it can still be named in the audit trail."""
    pk = obj.pk
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:
        raise ValidationFailed(NON_FIELD, "in-use",
                               "Dit object is nog in gebruik en kan niet worden verwijderd.") from None
    obj.pk = pk


def _referentielijsten():
    # Imported when used, so tests (and a missing optional component) can substitute it.
    from zaakwerk.referentielijsten import client

    return client


def _lookup(kind: str, value: str, name: str, errors: ValidationErrors) -> dict | None:
    """Fetch a Selectielijst/Referentielijsten resource; a failure becomes a field error with the
    client's code (``bad-url`` or ``invalid-resource``)."""
    client = _referentielijsten()
    try:
        return getattr(client, f"get_{kind}")(value)
    except client.ReferenceLookupError as exc:
        code = getattr(exc, "code", "bad-url") or "bad-url"
        errors.add(name, code, str(exc) or f"De URL {value} wijst niet naar een geldige {kind}.")
        return None


def _check_geldigheid(begin, einde, data: dict, errors: ValidationErrors) -> None:
    """eindeGeldigheid not before beginGeldigheid, except in the eindeGeldigheid-only change: that
    ends a version, and a day before its begin retracts a version that should never have been
    valid (a published version cannot be deleted). The conformance suite relies on this too."""
    if set(data) <= {"einde_geldigheid"}:
        return
    if begin and einde and einde < begin:
        errors.add("eindeGeldigheid", "invalid", "eindeGeldigheid mag niet voor beginGeldigheid liggen.")


def _links(values, model, key_field: str, catalogus: Catalogus | None, name: str,
           errors: ValidationErrors) -> list[str]:
    """Normalise links to a versioned main type into keys (omschrijving/identificatie).

    A model instance must be in ``catalogus`` (links are resolved within one catalogus); a key
    must name an existing version in it."""
    if not isinstance(values, list):
        errors.add(name, "not_a_list", "Geef een lijst op.")
        return []
    keys: list[str] = []
    for index, value in enumerate(values):
        if isinstance(value, model):
            if catalogus is not None and value.catalogus_id != catalogus.pk:
                errors.add(NON_FIELD, "relations-incorrect-catalogus",
                           f"{camel(name)}: het object hoort bij een andere catalogus.")
                continue
            key = getattr(value, key_field)
        elif isinstance(value, str) and value.strip():
            key = value
        else:
            errors.add(f"{name}.{index}", "invalid", "Geef een URL of een omschrijving op.")
            continue
        if key not in keys:
            keys.append(key)
    if catalogus is not None and keys:
        existing = set(model.objects.filter(catalogus=catalogus, **{f"{key_field}__in": keys})
                       .values_list(key_field, flat=True))
        for key in keys:
            if key not in existing:
                errors.add(name, "does_not_exist",
                           f"'{key}' bestaat niet in de catalogus van dit object.")
    return keys


def _einde_only(data: dict, partial: bool) -> bool:
    return partial and set(data) <= {"einde_geldigheid"}


def _published(model, key_field: str, catalogus_id, keys) -> list[str]:
    """The keys among ``keys`` that have at least one published version in the catalogus."""
    if not keys:
        return []
    return sorted(set(model.objects.filter(
        catalogus_id=catalogus_id, concept=False, **{f"{key_field}__in": list(keys)},
    ).values_list(key_field, flat=True)))


def _only_extends(name: str, old: list, new: list, errors: ValidationErrors) -> None:
    """Correctie: a list may grow, but nothing may be removed from it."""
    missing = [item for item in old if item not in new]
    if missing:
        errors.add(name, "invalid-correctie",
                   f"Een correctie mag alleen uitbreiden; verwijderd zou worden: {missing}.")


def _unchanged(name: str, key: str, obj, data: dict, errors: ValidationErrors) -> None:
    """Correctie: a key other registers rely on stays as it is."""
    if key in data and data[key] != getattr(obj, key):
        errors.add(name, "invalid-correctie", f"{name} kan niet worden gewijzigd in een correctie.")


# --------------------------------------------------------------------------------------------
# Catalogus
# --------------------------------------------------------------------------------------------

CATALOGUS_FIELDS = {
    "domein": F("text", 5, required=True, blank=False),
    "rsin": F("rsin", 9, required=True, blank=False),
    "contactpersoon_beheer_naam": F("text", 40, required=True, blank=False),
    "contactpersoon_beheer_telefoonnummer": F("text", 20),
    "contactpersoon_beheer_emailadres": F("email", 254),
    "naam": F("text", 200, nullable=True),
    "versie": F("text", 20, nullable=True),
    "begindatum_versie": F("date", nullable=True),
}


def create_catalogus(actor: Actor, data: dict) -> Catalogus:
    with transaction.atomic():
        errors = ValidationErrors()
        values = check_fields(CATALOGUS_FIELDS, data, errors, full=True)
        errors.raise_if_any()
        obj = Catalogus(**values)
        _save(obj)
        _record(actor, "create", obj, None, _snapshot(actor, obj))
        return obj


def update_catalogus(actor: Actor, obj: Catalogus, data: dict, partial: bool) -> Catalogus:
    with transaction.atomic():
        obj = _locked(Catalogus, obj)
        oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        values = check_fields(CATALOGUS_FIELDS, data, errors, full=not partial)
        errors.raise_if_any()
        _apply(obj, values, CATALOGUS_FIELDS)
        _save(obj)
        _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


# --------------------------------------------------------------------------------------------
# Concept rules shared by the three main types (ztc-009, ztc-010 as the suite tests it)
# --------------------------------------------------------------------------------------------


def _guard_update(actor: Actor, obj, data: dict, partial: bool,
                  related_published: Callable[[], list[str]]) -> str:
    """Decide whether a change of a main type may proceed. Returns ``"normal"``, ``"einde"``
    (the eindeGeldigheid-only PATCH) or ``"correctie"``; raises otherwise.

    ztc-009: a published version only takes an eindeGeldigheid-only PATCH, or a correctie with
    ``catalogi.geforceerd-schrijven``.
    ztc-010 (as the conformance suite tests it, 1.2 wording): a concept that is related to a
    published main type may not change either, except for eindeGeldigheid; the geforceerd scope
    lifts this, as for a correctie. ``related_published`` names those published relations."""
    if _einde_only(data, partial):
        return "einde"
    if not obj.concept:
        if _forced_write(actor):
            return "correctie"
        _fail(NON_FIELD, "non-concept-object",
              "Het is niet toegestaan om een gepubliceerd object te wijzigen.")
    if not _forced_write(actor):
        related = related_published()
        if related:
            _fail(NON_FIELD, "non-concept-relation",
                  f"Dit object is gerelateerd aan gepubliceerde objecten ({', '.join(related)}) en "
                  "kan daarom niet worden gewijzigd.")
    return "normal"


def _guard_delete(actor: Actor, obj, related_published: Callable[[], list[str]]) -> None:
    """ztc-009: a published version is deleted only with ``catalogi.geforceerd-verwijderen``;
    ztc-010 (suite wording): so is a concept related to a published main type."""
    if _forced_delete(actor):
        return
    if not obj.concept:
        _fail(NON_FIELD, "non-concept-object",
              "Het is niet toegestaan om een gepubliceerd object te verwijderen.")
    related = related_published()
    if related:
        _fail(NON_FIELD, "non-concept-relation",
              f"Dit object is gerelateerd aan gepubliceerde objecten ({', '.join(related)}) en kan "
              "daarom niet worden verwijderd.")


def _ensure_concept_for_publish(obj) -> None:
    if not obj.concept:
        _fail(NON_FIELD, "non-concept-object", "Dit object is al gepubliceerd.")


def _zaaktype_overlaps(zaaktype: ZaakType, begin: dt.date, einde: dt.date | None) -> bool:
    """ztc-016: another published version of the same zaaktype whose geldigheid (inclusive, an
    empty eindeGeldigheid counting as open) overlaps [begin, einde]."""
    qs = ZaakType.objects.select_for_update().filter(
        catalogus_id=zaaktype.catalogus_id, identificatie=zaaktype.identificatie, concept=False,
    ).exclude(pk=zaaktype.pk).filter(Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=begin))
    if einde is not None:
        qs = qs.filter(begin_geldigheid__lte=einde)
    return qs.exists()


def _overlap_error(errors: ValidationErrors) -> None:
    errors.add("beginGeldigheid", "overlap",
               "Er is al een gepubliceerde versie van dit zaaktype die (deels) in dezelfde "
               "geldigheidsperiode valt.")


# --------------------------------------------------------------------------------------------
# ZaakType
# --------------------------------------------------------------------------------------------

ZAAKTYPE_FIELDS = {
    "identificatie": F("text", 50, required=True, blank=False),
    "omschrijving": F("text", 80, required=True, blank=False),
    "omschrijving_generiek": F("text", 80),
    "vertrouwelijkheidaanduiding": F("choice", 20, required=True, blank=False,
                                     choices=Vertrouwelijkheidaanduiding),
    "doel": F("text", required=True, blank=False),
    "aanleiding": F("text", required=True, blank=False),
    "toelichting": F("text"),
    "indicatie_intern_of_extern": F("choice", 6, required=True, blank=False, choices=IndicatieInternOfExtern),
    "handeling_initiator": F("text", 20, required=True, blank=False),
    "onderwerp": F("text", 80, required=True, blank=False),
    "handeling_behandelaar": F("text", 20, required=True, blank=False),
    "doorlooptijd": F("duration", required=True, blank=False),
    "servicenorm": F("duration", nullable=True),
    "opschorting_en_aanhouding_mogelijk": F("bool", required=True),
    "verlenging_mogelijk": F("bool", required=True),
    "verlengingstermijn": F("duration", nullable=True),
    "trefwoorden": F("texts", 30),
    "publicatie_indicatie": F("bool", required=True),
    "publicatietekst": F("text"),
    "verantwoordingsrelatie": F("texts", 40),
    "producten_of_diensten": F("urls", 1000, required=True),
    "selectielijst_procestype": F("url", 200),
    "verantwoordelijke": F("text", 50, required=True, blank=False),
    "begin_geldigheid": F("date", required=True),
    "einde_geldigheid": F("date", nullable=True),
    "versiedatum": F("date", nullable=True),  # defaults to beginGeldigheid
}
_REFERENTIEPROCES = {"naam": F("text", 80, required=True, blank=False), "link": F("url", 200)}
_BRONCATALOGUS = {"url": F("url", 200, required=True, blank=False), "domein": F("text", 5, required=True),
                  "rsin": F("text", 9, required=True)}
_BRONZAAKTYPE = {"url": F("url", 200, required=True, blank=False),
                 "identificatie": F("text", 50, required=True), "omschrijving": F("text", 80, required=True)}
_LIST_FIELDS_ZAAKTYPE = ("trefwoorden", "verantwoordingsrelatie", "producten_of_diensten")


def _group(data: dict, key: str, spec: dict, errors: ValidationErrors, *, nullable: bool) -> dict | None:
    """A gegevensgroep (nested object): null means 'no value' where allowed; a sent object is
    validated as a whole."""
    value = data[key]
    if value is None:
        if not nullable:
            errors.add(camel(key), "null", "Dit veld mag niet leeg zijn.")
        return None
    if not isinstance(value, dict):
        errors.add(camel(key), "invalid", "Geef een object op.")
        return None
    return check_fields(spec, value, errors, full=True, prefix=camel(key) + ".")


def _zaaktype_relaties(values, catalogus: Catalogus | None, base_url: str,
                       errors: ValidationErrors) -> list[dict]:
    """``gerelateerdeZaaktypen``: each names a zaaktype by identificatie, by (local) instance or,
    for a zaaktype in another catalogus or ZTC, by URL."""
    if not isinstance(values, list):
        errors.add("gerelateerdeZaaktypen", "not_a_list", "Geef een lijst op.")
        return []
    out = []
    for index, item in enumerate(values):
        name = f"gerelateerdeZaaktypen.{index}"
        if not isinstance(item, dict):
            errors.add(name, "invalid", "Geef een object op.")
            continue
        checked = check_fields({"aard_relatie": F("choice", 20, required=True, blank=False, choices=AardRelatie),
                                "toelichting": F("text", 255)}, item, errors, full=True, prefix=name + ".")
        target = item.get("zaaktype")
        identificatie, external = "", ""
        if isinstance(target, ZaakType):
            identificatie = target.identificatie
            if catalogus is not None and target.catalogus_id != catalogus.pk:
                # In another catalogus of this ZTC: identificaties only resolve within one
                # catalogus, so keep the URL of the version the client named.
                external = representation.object_url(base_url, target)
        elif isinstance(target, str) and is_url(target):
            external = target
        elif isinstance(target, str) and target.strip():
            identificatie = target
        else:
            errors.add(f"{name}.zaaktype", "required" if target is None else "invalid",
                       "Geef de identificatie of URL van het gerelateerde zaaktype op.")
            continue
        out.append({"identificatie": identificatie, "external": external,
                    "aard_relatie": checked.get("aard_relatie", ""),
                    "toelichting": checked.get("toelichting", "")})
    return out


def _validate_zaaktype(actor: Actor, data: dict, obj: ZaakType | None, full: bool,
                       errors: ValidationErrors) -> dict:
    values = check_fields(ZAAKTYPE_FIELDS, data, errors, full=full)

    def current(key, default=None):
        if key in values:
            return values[key]
        if key in data:  # present but invalid: already reported
            return default
        return getattr(obj, key) if obj is not None else default

    if "catalogus" in data or full:
        catalogus = data.get("catalogus")
        if not isinstance(catalogus, Catalogus):
            errors.add("catalogus", "required" if catalogus is None else "invalid", "Geef een catalogus op.")
            catalogus = None
        elif obj is not None and catalogus.pk != obj.catalogus_id:
            errors.add("catalogus", "invalid", "De catalogus van een zaaktype kan niet worden gewijzigd.")
        values["catalogus"] = catalogus
    else:
        values["catalogus"] = obj.catalogus
    catalogus = values["catalogus"]

    if "referentieproces" in data:
        values["referentieproces"] = _group(data, "referentieproces", _REFERENTIEPROCES, errors, nullable=False)
    elif full:
        errors.add("referentieproces", "required", "Dit veld is vereist.")
    for key, spec in (("broncatalogus", _BRONCATALOGUS), ("bronzaaktype", _BRONZAAKTYPE)):
        if key in data:
            values[key] = _group(data, key, spec, errors, nullable=True)

    if "besluittypen" in data:
        values["besluittypen"] = _links(data["besluittypen"], BesluitType, "omschrijving", catalogus,
                                        "besluittypen", errors)
    if "deelzaaktypen" in data:
        values["deelzaaktypen"] = _links(data["deelzaaktypen"] or [], ZaakType, "identificatie", catalogus,
                                         "deelzaaktypen", errors)
    if "gerelateerde_zaaktypen" in data:
        values["gerelateerde_zaaktypen"] = _zaaktype_relaties(data["gerelateerde_zaaktypen"], catalogus,
                                                              actor.base_url, errors)

    # ztc-001: the selectielijstProcestype must be a ProcesType of the Selectielijst API.
    procestype = values.get("selectielijst_procestype")
    if procestype and (obj is None or procestype != obj.selectielijst_procestype):
        _lookup("procestype", procestype, "selectielijstProcestype", errors)

    _check_geldigheid(current("begin_geldigheid"), current("einde_geldigheid"), data, errors)

    # verlengingstermijn "mag alleen een waarde bevatten als verlenging mogelijk is", and a
    # verlenging without a termijn cannot be applied.
    mogelijk, termijn = current("verlenging_mogelijk"), current("verlengingstermijn")
    if mogelijk is True and not termijn:
        errors.add("verlengingstermijn", "verlenging-mismatch",
                   "verlengingstermijn is vereist als verlengingMogelijk true is.")
    elif mogelijk is False and termijn:
        errors.add("verlengingstermijn", "verlenging-mismatch",
                   "verlengingstermijn moet leeg zijn als verlengingMogelijk false is.")
    return values


def _write_zaaktype(obj: ZaakType, values: dict) -> None:
    _apply(obj, values, [k for k in ZAAKTYPE_FIELDS if k != "versiedatum"] + ["catalogus"])
    if values.get("versiedatum"):
        obj.versiedatum = values["versiedatum"]
    elif obj.versiedatum is None or "versiedatum" in values:
        obj.versiedatum = obj.begin_geldigheid
    if "referentieproces" in values and values["referentieproces"] is not None:
        obj.referentieproces_naam = values["referentieproces"].get("naam", "")
        obj.referentieproces_link = values["referentieproces"].get("link", "")
    for key in ("broncatalogus", "bronzaaktype"):
        if key in values:
            group = values[key] or {}
            for sub in ("url", "domein", "rsin") if key == "broncatalogus" else ("url", "identificatie",
                                                                                   "omschrijving"):
                setattr(obj, f"{key}_{sub}", group.get(sub, ""))
    if "deelzaaktypen" in values:
        obj.deelzaaktypen = values["deelzaaktypen"]
    _save(obj)
    if "besluittypen" in values:
        obj.besluittype_links.all().delete()
        ZaakTypeBesluitType.objects.bulk_create(
            ZaakTypeBesluitType(zaaktype=obj, besluittype_omschrijving=name, volgorde=i)
            for i, name in enumerate(values["besluittypen"]))
    if "gerelateerde_zaaktypen" in values:
        obj.gerelateerde_zaaktypen.all().delete()
        ZaakTypenRelatie.objects.bulk_create(
            ZaakTypenRelatie(
                zaaktype=obj, gerelateerd_zaaktype_identificatie=rel["identificatie"],
                gerelateerd_zaaktype_url=rel["external"], aard_relatie=rel["aard_relatie"],
                toelichting=rel["toelichting"], volgorde=i,
            )
            for i, rel in enumerate(values["gerelateerde_zaaktypen"]))


def _zaaktype_besluittypen(obj: ZaakType) -> list[str]:
    return list(obj.besluittype_links.values_list("besluittype_omschrijving", flat=True))


def _zaaktype_iot_names(obj: ZaakType) -> list[str]:
    return list(obj.informatieobjecttype_relaties.values_list("informatieobjecttype_omschrijving", flat=True))


def create_zaaktype(actor: Actor, data: dict) -> ZaakType:
    with transaction.atomic():
        errors = ValidationErrors()
        values = _validate_zaaktype(actor, data, None, True, errors)
        errors.raise_if_any()
        obj = ZaakType(concept=True)
        _write_zaaktype(obj, values)
        _record(actor, "create", obj, None, _snapshot(actor, obj))
        return obj


def update_zaaktype(actor: Actor, obj: ZaakType, data: dict, partial: bool) -> ZaakType:
    with transaction.atomic():
        obj = _locked(ZaakType, obj)
        oud = _snapshot(actor, obj)
        mode = _guard_update(
            actor, obj, data, partial,
            lambda: _published(BesluitType, "omschrijving", obj.catalogus_id, _zaaktype_besluittypen(obj)))
        errors = ValidationErrors()
        values = _validate_zaaktype(actor, data, obj, not partial, errors)
        if mode == "correctie":
            for key in ("identificatie", "begin_geldigheid"):
                _unchanged(camel(key), key, obj, values, errors)
            for key in _LIST_FIELDS_ZAAKTYPE + ("deelzaaktypen",):
                if key in values:
                    _only_extends(camel(key), list(getattr(obj, key)), values[key], errors)
            if "besluittypen" in values:
                _only_extends("besluittypen", _zaaktype_besluittypen(obj), values["besluittypen"], errors)
            if "gerelateerde_zaaktypen" in values:
                old = [(r.gerelateerd_zaaktype_identificatie, r.gerelateerd_zaaktype_url)
                       for r in obj.gerelateerde_zaaktypen.all()]
                new = [(r["identificatie"], r["external"]) for r in values["gerelateerde_zaaktypen"]]
                _only_extends("gerelateerdeZaaktypen", old, new, errors)
        if not obj.concept and "einde_geldigheid" in values and not errors:
            if _zaaktype_overlaps(obj, obj.begin_geldigheid, values["einde_geldigheid"]):
                _overlap_error(errors)
        errors.raise_if_any()
        _write_zaaktype(obj, values)
        _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


def delete_zaaktype(actor: Actor, obj: ZaakType) -> None:
    with transaction.atomic():
        obj = _locked(ZaakType, obj)

        def related():
            return (_published(BesluitType, "omschrijving", obj.catalogus_id, _zaaktype_besluittypen(obj))
                    + _published(InformatieObjectType, "omschrijving", obj.catalogus_id,
                                 _zaaktype_iot_names(obj)))

        _guard_delete(actor, obj, related)
        oud = _snapshot(actor, obj)
        _delete(obj)
        _record(actor, "destroy", obj, oud, None)


def publish_zaaktype(actor: Actor, obj: ZaakType) -> ZaakType:
    with transaction.atomic():
        obj = _locked(ZaakType, obj)
        _ensure_concept_for_publish(obj)
        oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        # ztc-012: every besluittype and informatieobjecttype the zaaktype names is published.
        for model, names, what in (
                (BesluitType, _zaaktype_besluittypen(obj), "besluittypen"),
                (InformatieObjectType, _zaaktype_iot_names(obj), "informatieobjecttypen")):
            published = set(_published(model, "omschrijving", obj.catalogus_id, names))
            concepts = [n for n in names if n not in published]
            if concepts:
                errors.add(NON_FIELD, "concept-relation",
                           f"Alle {what} moeten gepubliceerd zijn; nog concept: {', '.join(concepts)}.")
        # ztc-016: no overlap with another published version of this zaaktype.
        if _zaaktype_overlaps(obj, obj.begin_geldigheid, obj.einde_geldigheid):
            _overlap_error(errors)
        errors.raise_if_any()
        obj.concept = False
        _save(obj)
        _record(actor, "publish", obj, oud, _snapshot(actor, obj))
        return obj


# --------------------------------------------------------------------------------------------
# InformatieObjectType
# --------------------------------------------------------------------------------------------

INFORMATIEOBJECTTYPE_FIELDS = {
    "omschrijving": F("text", 80, required=True, blank=False),
    "vertrouwelijkheidaanduiding": F("choice", 20, required=True, blank=False,
                                     choices=Vertrouwelijkheidaanduiding),
    "informatieobjectcategorie": F("text", 80, required=True, blank=False),
    "trefwoord": F("texts", 30),
    "begin_geldigheid": F("date", required=True),
    "einde_geldigheid": F("date", nullable=True),
}
_OMSCHRIJVING_GENERIEK = {
    "informatieobjecttype_omschrijving_generiek": F("text", 80, required=True),
    "definitie_informatieobjecttype_omschrijving_generiek": F("text", 255, required=True),
    "herkomst_informatieobjecttype_omschrijving_generiek": F("text", 12, required=True),
    "hierarchie_informatieobjecttype_omschrijving_generiek": F("text", 80, required=True),
    "opmerking_informatieobjecttype_omschrijving_generiek": F("text", 255, nullable=True),
}
_OMSCHRIJVING_GENERIEK_COLUMNS = {
    "informatieobjecttype_omschrijving_generiek": "omschrijving_generiek_informatieobjecttype",
    "definitie_informatieobjecttype_omschrijving_generiek": "omschrijving_generiek_definitie",
    "herkomst_informatieobjecttype_omschrijving_generiek": "omschrijving_generiek_herkomst",
    "hierarchie_informatieobjecttype_omschrijving_generiek": "omschrijving_generiek_hierarchie",
    "opmerking_informatieobjecttype_omschrijving_generiek": "omschrijving_generiek_opmerking",
}


def _validate_catalogus_ref(data: dict, obj, full: bool, errors: ValidationErrors) -> Catalogus | None:
    if "catalogus" in data or full:
        catalogus = data.get("catalogus")
        if not isinstance(catalogus, Catalogus):
            errors.add("catalogus", "required" if catalogus is None else "invalid", "Geef een catalogus op.")
            return None
        if obj is not None and catalogus.pk != obj.catalogus_id:
            errors.add("catalogus", "invalid", "De catalogus kan niet worden gewijzigd.")
        return catalogus
    return obj.catalogus


def _validate_iot(data: dict, obj, full: bool, errors: ValidationErrors) -> dict:
    values = check_fields(INFORMATIEOBJECTTYPE_FIELDS, data, errors, full=full)
    values["catalogus"] = _validate_catalogus_ref(data, obj, full, errors)
    if "omschrijving_generiek" in data:
        group = _group(data, "omschrijving_generiek", _OMSCHRIJVING_GENERIEK, errors, nullable=True) or {}
        for key, column in _OMSCHRIJVING_GENERIEK_COLUMNS.items():
            values[column] = group.get(key, None if key.startswith("opmerking") else "")
    begin = values.get("begin_geldigheid", getattr(obj, "begin_geldigheid", None))
    einde = values["einde_geldigheid"] if "einde_geldigheid" in values else getattr(obj, "einde_geldigheid", None)
    _check_geldigheid(begin, einde, data, errors)
    return values


def _iot_published_besluittypen(obj: InformatieObjectType) -> list[str]:
    """Published besluittypen (in the catalogus) that link this informatieobjecttype."""
    return sorted(set(BesluitTypeInformatieObjectType.objects.filter(
        besluittype__catalogus_id=obj.catalogus_id, besluittype__concept=False,
        informatieobjecttype_omschrijving=obj.omschrijving,
    ).values_list("besluittype__omschrijving", flat=True)))


def _write_iot(obj: InformatieObjectType, values: dict) -> None:
    _apply(obj, values, list(INFORMATIEOBJECTTYPE_FIELDS) + ["catalogus"]
           + list(_OMSCHRIJVING_GENERIEK_COLUMNS.values()))
    _save(obj)


def create_informatieobjecttype(actor: Actor, data: dict) -> InformatieObjectType:
    with transaction.atomic():
        errors = ValidationErrors()
        values = _validate_iot(data, None, True, errors)
        errors.raise_if_any()
        obj = InformatieObjectType(concept=True)
        _write_iot(obj, values)
        _record(actor, "create", obj, None, _snapshot(actor, obj))
        return obj


def update_informatieobjecttype(actor: Actor, obj: InformatieObjectType, data: dict,
                                partial: bool) -> InformatieObjectType:
    with transaction.atomic():
        obj = _locked(InformatieObjectType, obj)
        oud = _snapshot(actor, obj)
        mode = _guard_update(actor, obj, data, partial, lambda: _iot_published_besluittypen(obj))
        errors = ValidationErrors()
        values = _validate_iot(data, obj, not partial, errors)
        if mode == "correctie":
            for key in ("omschrijving", "begin_geldigheid"):
                _unchanged(camel(key), key, obj, values, errors)
            if "trefwoord" in values:
                _only_extends("trefwoord", list(obj.trefwoord), values["trefwoord"], errors)
        errors.raise_if_any()
        _write_iot(obj, values)
        _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


def delete_informatieobjecttype(actor: Actor, obj: InformatieObjectType) -> None:
    with transaction.atomic():
        obj = _locked(InformatieObjectType, obj)
        _guard_delete(actor, obj, lambda: _iot_published_besluittypen(obj))
        oud = _snapshot(actor, obj)
        _delete(obj)
        _record(actor, "destroy", obj, oud, None)


def publish_informatieobjecttype(actor: Actor, obj: InformatieObjectType) -> InformatieObjectType:
    with transaction.atomic():
        obj = _locked(InformatieObjectType, obj)
        _ensure_concept_for_publish(obj)
        oud = _snapshot(actor, obj)
        obj.concept = False
        _save(obj)
        _record(actor, "publish", obj, oud, _snapshot(actor, obj))
        return obj


# --------------------------------------------------------------------------------------------
# BesluitType
# --------------------------------------------------------------------------------------------

BESLUITTYPE_FIELDS = {
    "omschrijving": F("text", 80),
    "omschrijving_generiek": F("text", 80),
    "besluitcategorie": F("text", 40),
    "reactietermijn": F("duration", nullable=True),
    "publicatie_indicatie": F("bool", required=True),
    "publicatietekst": F("text"),
    "publicatietermijn": F("duration", nullable=True),
    "toelichting": F("text"),
    "begin_geldigheid": F("date", required=True),
    "einde_geldigheid": F("date", nullable=True),
}


def _bt_iot_names(obj: BesluitType) -> list[str]:
    return list(obj.informatieobjecttype_links.values_list("informatieobjecttype_omschrijving", flat=True))


def _validate_bt(data: dict, obj, full: bool, errors: ValidationErrors) -> dict:
    values = check_fields(BESLUITTYPE_FIELDS, data, errors, full=full)
    values["catalogus"] = _validate_catalogus_ref(data, obj, full, errors)
    if "informatieobjecttypen" in data:
        values["informatieobjecttypen"] = _links(data["informatieobjecttypen"], InformatieObjectType,
                                                 "omschrijving", values["catalogus"],
                                                 "informatieobjecttypen", errors)
    elif full:
        errors.add("informatieobjecttypen", "required", "Dit veld is vereist.")
    begin = values.get("begin_geldigheid", getattr(obj, "begin_geldigheid", None))
    einde = values["einde_geldigheid"] if "einde_geldigheid" in values else getattr(obj, "einde_geldigheid", None)
    _check_geldigheid(begin, einde, data, errors)
    return values


def _write_bt(obj: BesluitType, values: dict) -> None:
    _apply(obj, values, list(BESLUITTYPE_FIELDS) + ["catalogus"])
    _save(obj)
    if "informatieobjecttypen" in values:
        obj.informatieobjecttype_links.all().delete()
        BesluitTypeInformatieObjectType.objects.bulk_create(
            BesluitTypeInformatieObjectType(besluittype=obj, informatieobjecttype_omschrijving=name, volgorde=i)
            for i, name in enumerate(values["informatieobjecttypen"]))


def create_besluittype(actor: Actor, data: dict) -> BesluitType:
    with transaction.atomic():
        errors = ValidationErrors()
        values = _validate_bt(data, None, True, errors)
        errors.raise_if_any()
        obj = BesluitType(concept=True)
        _write_bt(obj, values)
        _record(actor, "create", obj, None, _snapshot(actor, obj))
        return obj


def update_besluittype(actor: Actor, obj: BesluitType, data: dict, partial: bool) -> BesluitType:
    with transaction.atomic():
        obj = _locked(BesluitType, obj)
        oud = _snapshot(actor, obj)
        mode = _guard_update(
            actor, obj, data, partial,
            lambda: _published(InformatieObjectType, "omschrijving", obj.catalogus_id, _bt_iot_names(obj)))
        errors = ValidationErrors()
        values = _validate_bt(data, obj, not partial, errors)
        if mode == "correctie":
            for key in ("omschrijving", "begin_geldigheid"):
                _unchanged(camel(key), key, obj, values, errors)
            if "informatieobjecttypen" in values:
                _only_extends("informatieobjecttypen", _bt_iot_names(obj), values["informatieobjecttypen"],
                              errors)
        errors.raise_if_any()
        _write_bt(obj, values)
        _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


def delete_besluittype(actor: Actor, obj: BesluitType) -> None:
    with transaction.atomic():
        obj = _locked(BesluitType, obj)
        _guard_delete(actor, obj, lambda: _published(InformatieObjectType, "omschrijving", obj.catalogus_id,
                                                     _bt_iot_names(obj)))
        oud = _snapshot(actor, obj)
        _delete(obj)
        _record(actor, "destroy", obj, oud, None)


def publish_besluittype(actor: Actor, obj: BesluitType) -> BesluitType:
    with transaction.atomic():
        obj = _locked(BesluitType, obj)
        _ensure_concept_for_publish(obj)
        oud = _snapshot(actor, obj)
        obj.concept = False
        _save(obj)
        _record(actor, "publish", obj, oud, _snapshot(actor, obj))
        return obj


# --------------------------------------------------------------------------------------------
# Sub-types of a zaaktype (ztc-010)
# --------------------------------------------------------------------------------------------


def _zaaktype_ref(data: dict, obj, full: bool, errors: ValidationErrors) -> ZaakType | None:
    """The zaaktype a sub-type (will) belong(s) to, re-read with a row lock: its concept state
    decides what may happen, so it must be the current one, and a concurrent publish must wait."""
    if "zaaktype" in data or full:
        zaaktype = data.get("zaaktype")
        if not isinstance(zaaktype, ZaakType):
            errors.add("zaaktype", "required" if zaaktype is None else "invalid", "Geef een zaaktype op.")
            return None
    else:
        zaaktype = obj.zaaktype
    fresh = ZaakType.objects.select_for_update().filter(pk=zaaktype.pk).first()
    if fresh is None:
        errors.add("zaaktype", "does_not_exist", "Het zaaktype bestaat niet (meer).")
    return fresh


def _guard_subtype(actor: Actor, action: str, current: ZaakType | None, target: ZaakType | None) -> bool:
    """ztc-010: the sub-types of a published zaaktype are not created, changed or deleted;
    a correctie (``catalogi.geforceerd-schrijven``) may create and change them, and
    ``catalogi.geforceerd-verwijderen`` may delete them (as it may delete the zaaktype itself).
    Returns True when the write is a correctie."""
    published = [zt for zt in (current, target) if zt is not None and not zt.concept]
    if not published:
        return False
    if action == "destroy":
        if _forced_delete(actor):
            return False
        _fail(NON_FIELD, "non-concept-zaaktype",
              "Het is niet toegestaan objecten van een gepubliceerd zaaktype te verwijderen.")
    if _forced_write(actor):
        return True
    _fail(NON_FIELD, "non-concept-zaaktype",
          "Het is niet toegestaan objecten van een gepubliceerd zaaktype aan te maken of te wijzigen.")


def _check_subtype_geldigheid(data: dict, zaaktype: ZaakType | None, errors: ValidationErrors) -> None:
    """The (deprecated) beginGeldigheid of a sub-type is derived from its zaaktype; a value sent
    must match the zaaktype's beginGeldigheid or versiedatum (specification 1.3.3)."""
    begin = data.get("begin_geldigheid")
    if begin is None or zaaktype is None:
        return
    if begin not in (zaaktype.begin_geldigheid, zaaktype.versiedatum):
        errors.add("beginGeldigheid", "invalid",
                   "beginGeldigheid moet gelijk zijn aan de beginGeldigheid of versiedatum van het zaaktype.")


def _check_deprecated_catalogus(data: dict, zaaktype: ZaakType | None, errors: ValidationErrors,
                                required: bool = False) -> None:
    """Sub-types may still send the catalogus (deprecated); it must be the zaaktype's."""
    catalogus = data.get("catalogus")
    if catalogus is None:
        if required and "catalogus" not in data:
            errors.add("catalogus", "required", "Dit veld is vereist.")
        return
    if not isinstance(catalogus, Catalogus):
        errors.add("catalogus", "invalid", "Geef een catalogus op.")
    elif zaaktype is not None and catalogus.pk != zaaktype.catalogus_id:
        errors.add(NON_FIELD, "relations-incorrect-catalogus",
                   "De catalogus moet die van het zaaktype zijn.")


def _subtype_write(actor: Actor, model, obj, data: dict, partial: bool | None,
                   validate: Callable[[dict, object, ZaakType | None, bool, ValidationErrors, bool], dict],
                   write: Callable[[object, dict], None]):
    """Create (``obj`` None) or update a sub-type of a zaaktype: guard, validate, write, record."""
    creating = obj is None
    full = creating or not partial
    with transaction.atomic():
        if not creating:
            obj = _locked(model, obj)
            oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        target = _zaaktype_ref(data, obj, full, errors)
        current = None if creating else obj.zaaktype
        correctie = _guard_subtype(actor, "create" if creating else "update", current, target)
        if correctie and not creating and target is not None and target.pk != current.pk:
            errors.add("zaaktype", "invalid-correctie", "Een correctie kan het zaaktype niet wijzigen.")
        _check_subtype_geldigheid(data, target, errors)
        values = validate(data, obj, target, full, errors, correctie)
        errors.raise_if_any()
        if creating:
            obj = model()
        if target is not None:
            obj.zaaktype = target
        write(obj, values)
        if creating:
            _record(actor, "create", obj, None, _snapshot(actor, obj))
        else:
            _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


def _subtype_delete(actor: Actor, model, obj, extra_guard: Callable | None = None) -> None:
    with transaction.atomic():
        obj = _locked(model, obj)
        if extra_guard is not None:
            extra_guard(obj)
        _guard_subtype(actor, "destroy", obj.zaaktype, None)
        oud = _snapshot(actor, obj)
        _delete(obj)
        _record(actor, "destroy", obj, oud, None)


# ---- StatusType ------------------------------------------------------------------------------

STATUSTYPE_FIELDS = {
    "omschrijving": F("text", 80, required=True, blank=False),
    "omschrijving_generiek": F("text", 80),
    "statustekst": F("text", 1000),
    "volgnummer": F("int", required=True, minimum=1, maximum=9999),
    "informeren": F("bool"),
    "doorlooptijd": F("duration", nullable=True),
    "toelichting": F("text", 1000, nullable=True),
}
_CHECKLISTITEM = {
    "itemnaam": F("text", 30, required=True, blank=False),
    "toelichting": F("text", 1000, nullable=True),
    "vraagstelling": F("text", 255, required=True, blank=False),
    "verplicht": F("bool"),
}


def _validate_statustype(data, obj, zaaktype, full, errors, correctie) -> dict:
    values = check_fields(STATUSTYPE_FIELDS, data, errors, full=full)
    if "checklistitem_statustype" in data:
        items = data["checklistitem_statustype"]
        if not isinstance(items, list):
            errors.add("checklistitemStatustype", "not_a_list", "Geef een lijst op.")
        else:
            checked = []
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    errors.add(f"checklistitemStatustype.{index}", "invalid", "Geef een object op.")
                    continue
                c = check_fields(_CHECKLISTITEM, item, errors, full=True,
                                 prefix=f"checklistitemStatustype.{index}.")
                checked.append({"itemnaam": c.get("itemnaam", ""), "toelichting": c.get("toelichting"),
                                "vraagstelling": c.get("vraagstelling", ""),
                                "verplicht": c.get("verplicht", False)})
            values["checklistitem_statustype"] = checked
    if "eigenschappen" in data:
        eigenschappen = data["eigenschappen"]
        if not isinstance(eigenschappen, list):
            errors.add("eigenschappen", "not_a_list", "Geef een lijst op.")
        else:
            for index, eig in enumerate(eigenschappen):
                if not isinstance(eig, Eigenschap):
                    errors.add(f"eigenschappen.{index}", "invalid", "Geef een eigenschap op.")
                elif zaaktype is not None and eig.zaaktype_id != zaaktype.pk:
                    errors.add(f"eigenschappen.{index}", "zaaktype-mismatch",
                               "De eigenschap hoort niet bij het zaaktype van dit statustype.")
            values["eigenschappen"] = [e for e in eigenschappen if isinstance(e, Eigenschap)]
    volgnummer = values.get("volgnummer", getattr(obj, "volgnummer", None))
    if zaaktype is not None and volgnummer is not None:
        others = StatusType.objects.filter(zaaktype=zaaktype).exclude(pk=getattr(obj, "pk", None))
        if others.filter(volgnummer=volgnummer).exists():
            errors.add(NON_FIELD, "unique", "Er is al een statustype met dit volgnummer bij dit zaaktype.")
        if correctie:
            if obj is None:
                # A correctie may add a statustype only after the last one, so the eindstatus of
                # running zaken keeps its meaning... and new ones simply get one step more.
                highest = max(others.values_list("volgnummer", flat=True), default=0)
                if volgnummer <= highest:
                    errors.add("volgnummer", "invalid-correctie",
                               "Een correctie kan een statustype alleen na het laatste toevoegen.")
            else:
                _unchanged("volgnummer", "volgnummer", obj, values, errors)
                if "eigenschappen" in values:
                    _only_extends("eigenschappen", list(obj.eigenschappen.all()), values["eigenschappen"], errors)
    return values


def _write_statustype(obj: StatusType, values: dict) -> None:
    _apply(obj, values, list(STATUSTYPE_FIELDS) + ["checklistitem_statustype"])
    _save(obj)
    if "eigenschappen" in values:
        obj.eigenschappen.set(values["eigenschappen"])


def create_statustype(actor: Actor, data: dict) -> StatusType:
    return _subtype_write(actor, StatusType, None, data, None, _validate_statustype, _write_statustype)


def update_statustype(actor: Actor, obj: StatusType, data: dict, partial: bool) -> StatusType:
    return _subtype_write(actor, StatusType, obj, data, partial, _validate_statustype, _write_statustype)


def delete_statustype(actor: Actor, obj: StatusType) -> None:
    _subtype_delete(actor, StatusType, obj)


# ---- RolType ---------------------------------------------------------------------------------

ROLTYPE_FIELDS = {
    "omschrijving": F("text", 100, required=True, blank=False),
    "omschrijving_generiek": F("choice", 20, required=True, blank=False, choices=RolOmschrijvingGeneriek),
}


def _validate_roltype(data, obj, zaaktype, full, errors, correctie) -> dict:
    values = check_fields(ROLTYPE_FIELDS, data, errors, full=full)
    _check_deprecated_catalogus(data, zaaktype, errors)
    if correctie and obj is not None:
        _unchanged("omschrijvingGeneriek", "omschrijving_generiek", obj, values, errors)
    return values


def _write_simple(fields):
    def write(obj, values):
        _apply(obj, values, fields)
        _save(obj)
    return write


def create_roltype(actor: Actor, data: dict) -> RolType:
    return _subtype_write(actor, RolType, None, data, None, _validate_roltype, _write_simple(ROLTYPE_FIELDS))


def update_roltype(actor: Actor, obj: RolType, data: dict, partial: bool) -> RolType:
    return _subtype_write(actor, RolType, obj, data, partial, _validate_roltype, _write_simple(ROLTYPE_FIELDS))


def delete_roltype(actor: Actor, obj: RolType) -> None:
    _subtype_delete(actor, RolType, obj)


# ---- ResultaatType (ztc-002 .. ztc-008) -------------------------------------------------------

RESULTAATTYPE_FIELDS = {
    "omschrijving": F("text", 30, required=True, blank=False),
    "resultaattypeomschrijving": F("url", 1000, required=True, blank=False),
    "selectielijstklasse": F("url", 1000, required=True, blank=False),
    "toelichting": F("text"),
    "archiefnominatie": F("choice", 20, choices=Archiefnominatie),
    "archiefactietermijn": F("duration", nullable=True),
    "procesobjectaard": F("text", 200, nullable=True),
    "indicatie_specifiek": F("bool", nullable=True),
    "procestermijn": F("duration", nullable=True),
}
_BRONDATUM = {
    "afleidingswijze": F("choice", 20, required=True, blank=False, choices=Afleidingswijze),
    "datumkenmerk": F("text", 80),
    "einddatum_bekend": F("bool"),
    "objecttype": F("choice", 40, choices=Objecttype),
    "registratie": F("text", 80),
    "procestermijn": F("duration", nullable=True),
}
# ztc-004 .. ztc-008: per afleidingswijze, which brondatumArchiefprocedure attributes must have a
# value (True) and which must be empty (False); attributes not listed are free.
_BRONDATUM_RULES = {
    Afleidingswijze.afgehandeld: {"datumkenmerk": False, "einddatum_bekend": False, "objecttype": False,
                                  "registratie": False, "procestermijn": False},
    Afleidingswijze.ander_datumkenmerk: {"datumkenmerk": True, "objecttype": True, "registratie": True,
                                         "procestermijn": False},
    Afleidingswijze.eigenschap: {"datumkenmerk": True, "objecttype": False, "registratie": False,
                                 "procestermijn": False},
    Afleidingswijze.gerelateerde_zaak: {"datumkenmerk": False, "objecttype": False, "registratie": False,
                                        "procestermijn": False},
    Afleidingswijze.hoofdzaak: {"datumkenmerk": False, "objecttype": False, "registratie": False,
                                "procestermijn": False},
    Afleidingswijze.ingangsdatum_besluit: {"datumkenmerk": False, "objecttype": False, "registratie": False,
                                           "procestermijn": False},
    Afleidingswijze.termijn: {"datumkenmerk": False, "einddatum_bekend": False, "objecttype": False,
                              "registratie": False, "procestermijn": True},
    Afleidingswijze.vervaldatum_besluit: {"datumkenmerk": False, "objecttype": False, "registratie": False,
                                          "procestermijn": False},
    Afleidingswijze.zaakobject: {"datumkenmerk": True, "objecttype": True, "registratie": False,
                                 "procestermijn": False},
}
# ztc-003: a selectielijstklasse with this procestermijn demands this afleidingswijze.
_AFLEIDINGSWIJZE_FOR_PROCESTERMIJN = {
    Procestermijn.nihil: Afleidingswijze.afgehandeld,
    Procestermijn.ingeschatte_bestaansduur_procesobject: Afleidingswijze.termijn,
}
_BRONDATUM_COLUMNS = ("afleidingswijze", "datumkenmerk", "einddatum_bekend", "objecttype", "registratie",
                      "procestermijn")


def check_brondatum_archiefprocedure(brondatum: dict, errors: ValidationErrors) -> None:
    """ztc-004 .. ztc-008 on a checked brondatumArchiefprocedure (snake_case keys)."""
    rules = _BRONDATUM_RULES.get(brondatum.get("afleidingswijze"), {})
    for key, needed in rules.items():
        has_value = bool(brondatum.get(key))
        name = f"brondatumArchiefprocedure.{camel(key)}"
        if needed and not has_value:
            errors.add(name, "required",
                       f"{camel(key)} is vereist bij afleidingswijze {brondatum['afleidingswijze']}.")
        elif not needed and has_value:
            errors.add(name, "must-be-empty",
                       f"{camel(key)} moet leeg zijn bij afleidingswijze {brondatum['afleidingswijze']}.")


def _brondatum_from(obj: ResultaatType | None) -> dict | None:
    if obj is None or not obj.brondatum_archiefprocedure_afleidingswijze:
        return None
    return {key: getattr(obj, f"brondatum_archiefprocedure_{key}") for key in _BRONDATUM_COLUMNS}


def _validate_resultaattype(data, obj, zaaktype, full, errors, correctie) -> dict:
    values = check_fields(RESULTAATTYPE_FIELDS, data, errors, full=full)
    _check_deprecated_catalogus(data, zaaktype, errors)
    catalogus = zaaktype.catalogus if zaaktype is not None else None

    if "besluittypen" in data:
        values["besluittypen"] = _links(data["besluittypen"] or [], BesluitType, "omschrijving", catalogus,
                                        "besluittypen", errors)
    if "informatieobjecttypen" in data:
        values["informatieobjecttypen"] = _links(data["informatieobjecttypen"] or [], InformatieObjectType,
                                                 "omschrijving", catalogus, "informatieobjecttypen", errors)

    # ztc-004 .. ztc-008: the brondatumArchiefprocedure is consistent with its afleidingswijze.
    if "brondatum_archiefprocedure" in data:
        group = data["brondatum_archiefprocedure"]
        if group is None:
            values["brondatum_archiefprocedure"] = None
        elif not isinstance(group, dict):
            errors.add("brondatumArchiefprocedure", "invalid", "Geef een object op.")
        else:
            checked = check_fields(_BRONDATUM, group, errors, full=True, prefix="brondatumArchiefprocedure.")
            if "afleidingswijze" in checked:
                check_brondatum_archiefprocedure(checked, errors)
            values["brondatum_archiefprocedure"] = checked
    if "brondatum_archiefprocedure" in values:
        brondatum = values["brondatum_archiefprocedure"]
    else:
        brondatum = _brondatum_from(obj)

    # ztc-002: the Referentielijsten resources exist; omschrijvingGeneriek is derived.
    omschrijving_url = values.get("resultaattypeomschrijving")
    if omschrijving_url and (obj is None or omschrijving_url != obj.resultaattypeomschrijving):
        found = _lookup("resultaattypeomschrijving", omschrijving_url, "resultaattypeomschrijving", errors)
        if found is not None:
            values["omschrijving_generiek"] = found.get("omschrijving", "")

    klasse_url = values.get("selectielijstklasse", getattr(obj, "selectielijstklasse", None))
    recheck = obj is None or any(k in data for k in ("selectielijstklasse", "zaaktype", "brondatum_archiefprocedure"))
    resultaat = None
    if klasse_url and recheck and ("selectielijstklasse" not in data or "selectielijstklasse" in values):
        resultaat = _lookup("resultaat", klasse_url, "selectielijstklasse", errors)
    if resultaat is not None:
        # ztc-002: the selectielijstklasse belongs to the procestype of the zaaktype.
        procestype = zaaktype.selectielijst_procestype if zaaktype is not None else ""
        if procestype and resultaat.get("procesType", "").rstrip("/") != procestype.rstrip("/"):
            errors.add(NON_FIELD, "procestype-mismatch",
                       "De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype.")
        # ztc-003: nihil demands afgehandeld, ingeschatte_bestaansduur_procesobject demands termijn.
        demanded = _AFLEIDINGSWIJZE_FOR_PROCESTERMIJN.get(resultaat.get("procestermijn") or "")
        afleidingswijze = (brondatum or {}).get("afleidingswijze")
        if demanded and afleidingswijze != demanded:
            errors.add(NON_FIELD, "invalid-afleidingswijze-for-procestermijn",
                       f"afleidingswijze moet '{demanded}' zijn bij een selectielijstklasse met "
                       f"procestermijn '{resultaat.get('procestermijn')}'.")
        # ztc-002: archiefnominatie and archiefactietermijn default from the selectielijstklasse.
        if not values.get("archiefnominatie", getattr(obj, "archiefnominatie", "")):
            waardering = resultaat.get("waardering") or ""
            if waardering in Archiefnominatie.values:
                values["archiefnominatie"] = waardering
        if not values.get("archiefactietermijn", getattr(obj, "archiefactietermijn", None)):
            bewaartermijn = resultaat.get("bewaartermijn")
            if bewaartermijn and is_duration(bewaartermijn):
                values["archiefactietermijn"] = bewaartermijn

    if correctie and obj is not None:
        if "besluittypen" in values:
            _only_extends("besluittypen", _names(obj.besluittype_links, "besluittype_omschrijving"),
                          values["besluittypen"], errors)
        if "informatieobjecttypen" in values:
            _only_extends("informatieobjecttypen",
                          _names(obj.informatieobjecttype_links, "informatieobjecttype_omschrijving"),
                          values["informatieobjecttypen"], errors)
    return values


def _names(manager, field: str) -> list[str]:
    return list(manager.values_list(field, flat=True))


def _write_resultaattype(obj: ResultaatType, values: dict) -> None:
    _apply(obj, values, list(RESULTAATTYPE_FIELDS) + ["omschrijving_generiek"])
    if "brondatum_archiefprocedure" in values:
        group = values["brondatum_archiefprocedure"] or {}
        obj.brondatum_archiefprocedure_afleidingswijze = group.get("afleidingswijze", "")
        obj.brondatum_archiefprocedure_datumkenmerk = group.get("datumkenmerk", "")
        obj.brondatum_archiefprocedure_einddatum_bekend = bool(group.get("einddatum_bekend", False))
        obj.brondatum_archiefprocedure_objecttype = group.get("objecttype", "")
        obj.brondatum_archiefprocedure_registratie = group.get("registratie", "")
        obj.brondatum_archiefprocedure_procestermijn = group.get("procestermijn") or None
    _save(obj)
    if "besluittypen" in values:
        obj.besluittype_links.all().delete()
        ResultaatTypeBesluitType.objects.bulk_create(
            ResultaatTypeBesluitType(resultaattype=obj, besluittype_omschrijving=n, volgorde=i)
            for i, n in enumerate(values["besluittypen"]))
    if "informatieobjecttypen" in values:
        obj.informatieobjecttype_links.all().delete()
        ResultaatTypeInformatieObjectType.objects.bulk_create(
            ResultaatTypeInformatieObjectType(resultaattype=obj, informatieobjecttype_omschrijving=n, volgorde=i)
            for i, n in enumerate(values["informatieobjecttypen"]))


def create_resultaattype(actor: Actor, data: dict) -> ResultaatType:
    return _subtype_write(actor, ResultaatType, None, data, None, _validate_resultaattype, _write_resultaattype)


def update_resultaattype(actor: Actor, obj: ResultaatType, data: dict, partial: bool) -> ResultaatType:
    return _subtype_write(actor, ResultaatType, obj, data, partial, _validate_resultaattype, _write_resultaattype)


def delete_resultaattype(actor: Actor, obj: ResultaatType) -> None:
    _subtype_delete(actor, ResultaatType, obj)


# ---- Eigenschap (ztc-015) ---------------------------------------------------------------------

EIGENSCHAP_FIELDS = {
    "naam": F("text", 20, required=True, blank=False),
    "definitie": F("text", 255, required=True, blank=False),
    "toelichting": F("text", 1000),
}
_SPECIFICATIE = {
    "groep": F("text", 32),
    "formaat": F("choice", 10, required=True, blank=False, choices=Formaat),
    "lengte": F("text", 14, required=True, blank=False),
    "kardinaliteit": F("text", 3, required=True, blank=False),
    "waardenverzameling": F("texts", 100),
}
# ztc-015: the lengte of a datum (JJJJMMDD) and a datum_tijd (JJJJMMDDUUmmss) eigenschap.
_VASTE_LENGTE = {Formaat.datum: "8", Formaat.datum_tijd: "14"}
_WAARDE_FORMAAT = {Formaat.datum: "%Y%m%d", Formaat.datum_tijd: "%Y%m%d%H%M%S"}


def check_specificatie(spec: dict, errors: ValidationErrors) -> None:
    """ztc-015 and the shape of lengte and kardinaliteit for the other formaten."""
    formaat, lengte = spec.get("formaat"), spec.get("lengte")
    if formaat is None or lengte is None:
        return
    if formaat in _VASTE_LENGTE:
        if lengte != _VASTE_LENGTE[formaat]:
            errors.add("specificatie.lengte", "invalid",
                       f"Bij formaat {formaat} is de lengte {_VASTE_LENGTE[formaat]}.")
        for index, waarde in enumerate(spec.get("waardenverzameling") or []):
            try:
                dt.datetime.strptime(waarde, _WAARDE_FORMAAT[formaat])
            except ValueError:
                errors.add(f"specificatie.waardenverzameling.{index}", "invalid",
                           f"Een waarde bij formaat {formaat} heeft de vorm "
                           f"{'JJJJMMDD' if formaat == Formaat.datum else 'JJJJMMDDUUmmss'}.")
    elif formaat == Formaat.getal:
        # "8" or, with decimals, "8,2" (ImZTC).
        parts = lengte.split(",")
        if not (1 <= len(parts) <= 2 and all(p.isdigit() for p in parts)):
            errors.add("specificatie.lengte", "invalid", "Geef de lengte als aantal cijfers, bijvoorbeeld 8 of 8,2.")
    elif not lengte.isdigit():
        errors.add("specificatie.lengte", "invalid", "Geef de lengte als aantal tekens.")
    kardinaliteit = spec.get("kardinaliteit")
    if kardinaliteit is not None and not (kardinaliteit.isdigit() and int(kardinaliteit) >= 1) \
            and kardinaliteit.upper() != "N":
        errors.add("specificatie.kardinaliteit", "invalid", "Geef een aantal (1 of meer) of N op.")


def _validate_eigenschap(data, obj, zaaktype, full, errors, correctie) -> dict:
    values = check_fields(EIGENSCHAP_FIELDS, data, errors, full=full)
    if "specificatie" in data:
        spec = _group(data, "specificatie", _SPECIFICATIE, errors, nullable=False)
        if spec is not None:
            check_specificatie(spec, errors)
            values["specificatie"] = spec
    elif full:
        errors.add("specificatie", "required", "Dit veld is vereist.")
    if "statustype" in data:
        statustype = data["statustype"]
        if statustype is not None and not isinstance(statustype, StatusType):
            errors.add("statustype", "invalid", "Geef een statustype op.")
        elif statustype is not None and zaaktype is not None and statustype.zaaktype_id != zaaktype.pk:
            errors.add("statustype", "zaaktype-mismatch", "Het statustype hoort niet bij dit zaaktype.")
        else:
            values["statustype"] = statustype
    naam = values.get("naam", getattr(obj, "naam", None))
    if zaaktype is not None and naam and Eigenschap.objects.filter(zaaktype=zaaktype, naam=naam).exclude(
            pk=getattr(obj, "pk", None)).exists():
        errors.add(NON_FIELD, "unique", "Er is al een eigenschap met deze naam bij dit zaaktype.")
    if correctie and obj is not None:
        _unchanged("naam", "naam", obj, values, errors)
        if "specificatie" in values and values["specificatie"].get("formaat") != obj.specificatie_formaat:
            errors.add("specificatie.formaat", "invalid-correctie",
                       "Een correctie kan het formaat van een eigenschap niet wijzigen.")
    return values


def _write_eigenschap(obj: Eigenschap, values: dict) -> None:
    _apply(obj, values, list(EIGENSCHAP_FIELDS) + ["statustype"])
    if "specificatie" in values:
        spec = values["specificatie"]
        obj.specificatie_groep = spec.get("groep", "")
        obj.specificatie_formaat = spec["formaat"]
        obj.specificatie_lengte = spec["lengte"]
        obj.specificatie_kardinaliteit = spec["kardinaliteit"]
        obj.specificatie_waardenverzameling = spec.get("waardenverzameling", [])
    _save(obj)


def create_eigenschap(actor: Actor, data: dict) -> Eigenschap:
    return _subtype_write(actor, Eigenschap, None, data, None, _validate_eigenschap, _write_eigenschap)


def update_eigenschap(actor: Actor, obj: Eigenschap, data: dict, partial: bool) -> Eigenschap:
    return _subtype_write(actor, Eigenschap, obj, data, partial, _validate_eigenschap, _write_eigenschap)


def delete_eigenschap(actor: Actor, obj: Eigenschap) -> None:
    _subtype_delete(actor, Eigenschap, obj)


# ---- ZaakTypeInformatieObjectType -------------------------------------------------------------

ZTIOT_FIELDS = {
    "volgnummer": F("int", required=True, minimum=1, maximum=999),
    "richting": F("choice", 10, required=True, blank=False, choices=Richting),
}


def _iot_key(value, catalogus: Catalogus | None, errors: ValidationErrors) -> str | None:
    keys = _links([value], InformatieObjectType, "omschrijving", catalogus, "informatieobjecttype", errors)
    if keys and len(keys[0]) > 100:
        errors.add("informatieobjecttype", "max_length", "Zorg dat dit veld niet meer dan 100 tekens bevat.")
        return None
    return keys[0] if keys else None


def _ztiot_both_published(zaaktype: ZaakType | None, omschrijving: str | None) -> bool:
    return (zaaktype is not None and not zaaktype.concept and omschrijving is not None
            and bool(_published(InformatieObjectType, "omschrijving", zaaktype.catalogus_id, [omschrijving])))


def _ztiot_relation_guard(actor: Actor, action: str, pairs) -> None:
    """ztc-010 as the conformance suite tests it for zaaktype-informatieobjecttypen: the relation is
    frozen only when both its zaaktype and its informatieobjecttype are published (the geforceerd
    scopes lift this)."""
    forced = _forced_delete(actor) if action == "destroy" else _forced_write(actor)
    if forced:
        return
    if any(_ztiot_both_published(zt, name) for zt, name in pairs):
        _fail(NON_FIELD, "non-concept-relation",
              "Zaaktype en informatieobjecttype zijn beide gepubliceerd; de relatie kan niet worden "
              "gewijzigd.")


def _ztiot_values(actor: Actor, data: dict, obj, full: bool, errors: ValidationErrors):
    zaaktype = _zaaktype_ref(data, obj, full, errors)
    values = check_fields(ZTIOT_FIELDS, data, errors, full=full)
    catalogus = zaaktype.catalogus if zaaktype is not None else None
    if "informatieobjecttype" in data:
        value = data["informatieobjecttype"]
        if value is None:
            errors.add("informatieobjecttype", "null", "Dit veld mag niet leeg zijn.")
        else:
            values["informatieobjecttype_omschrijving"] = _iot_key(value, catalogus, errors)
    elif full:
        errors.add("informatieobjecttype", "required", "Dit veld is vereist.")
    if "statustype" in data:
        statustype = data["statustype"]
        if statustype is not None and not isinstance(statustype, StatusType):
            errors.add("statustype", "invalid", "Geef een statustype op.")
        elif statustype is not None and zaaktype is not None and statustype.zaaktype_id != zaaktype.pk:
            errors.add("statustype", "zaaktype-mismatch", "Het statustype hoort niet bij dit zaaktype.")
        else:
            values["statustype"] = statustype
    volgnummer = values.get("volgnummer", getattr(obj, "volgnummer", None))
    if zaaktype is not None and volgnummer is not None and ZaakTypeInformatieObjectType.objects.filter(
            zaaktype=zaaktype, volgnummer=volgnummer).exclude(pk=getattr(obj, "pk", None)).exists():
        errors.add(NON_FIELD, "unique", "Er is al een informatieobjecttype met dit volgnummer bij dit zaaktype.")
    return zaaktype, values


def create_zaaktypeinformatieobjecttype(actor: Actor, data: dict) -> ZaakTypeInformatieObjectType:
    with transaction.atomic():
        errors = ValidationErrors()
        zaaktype, values = _ztiot_values(actor, data, None, True, errors)
        errors.raise_if_any()
        _ztiot_relation_guard(actor, "create", [(zaaktype, values["informatieobjecttype_omschrijving"])])
        obj = ZaakTypeInformatieObjectType(zaaktype=zaaktype)
        _apply(obj, values, ["volgnummer", "richting", "statustype", "informatieobjecttype_omschrijving"])
        _save(obj)
        _record(actor, "create", obj, None, _snapshot(actor, obj))
        return obj


def update_zaaktypeinformatieobjecttype(actor: Actor, obj: ZaakTypeInformatieObjectType, data: dict,
                                        partial: bool) -> ZaakTypeInformatieObjectType:
    with transaction.atomic():
        obj = _locked(ZaakTypeInformatieObjectType, obj)
        oud = _snapshot(actor, obj)
        _ztiot_relation_guard(actor, "update", [(obj.zaaktype, obj.informatieobjecttype_omschrijving)])
        errors = ValidationErrors()
        zaaktype, values = _ztiot_values(actor, data, obj, not partial, errors)
        errors.raise_if_any()
        _ztiot_relation_guard(actor, "update", [(
            zaaktype, values.get("informatieobjecttype_omschrijving", obj.informatieobjecttype_omschrijving))])
        if zaaktype is not None:
            obj.zaaktype = zaaktype
        _apply(obj, values, ["volgnummer", "richting", "statustype", "informatieobjecttype_omschrijving"])
        _save(obj)
        _record(actor, "partial_update" if partial else "update", obj, oud, _snapshot(actor, obj))
        return obj


def delete_zaaktypeinformatieobjecttype(actor: Actor, obj: ZaakTypeInformatieObjectType) -> None:
    with transaction.atomic():
        obj = _locked(ZaakTypeInformatieObjectType, obj)
        _ztiot_relation_guard(actor, "destroy", [(obj.zaaktype, obj.informatieobjecttype_omschrijving)])
        oud = _snapshot(actor, obj)
        _delete(obj)
        _record(actor, "destroy", obj, oud, None)


# ---- ZaakObjectType ---------------------------------------------------------------------------

ZAAKOBJECTTYPE_FIELDS = {
    "ander_objecttype": F("bool", required=True),
    "objecttype": F("url", 200, required=True, blank=False),
    "relatie_omschrijving": F("text", 80, required=True, blank=False),
}


def _validate_zaakobjecttype(data, obj, zaaktype, full, errors, correctie) -> dict:
    values = check_fields(ZAAKOBJECTTYPE_FIELDS, data, errors, full=full)
    _check_deprecated_catalogus(data, zaaktype, errors, required=full)
    if correctie and obj is not None:
        _unchanged("objecttype", "objecttype", obj, values, errors)
    return values


def create_zaakobjecttype(actor: Actor, data: dict) -> ZaakObjectType:
    return _subtype_write(actor, ZaakObjectType, None, data, None, _validate_zaakobjecttype,
                          _write_simple(ZAAKOBJECTTYPE_FIELDS))


def update_zaakobjecttype(actor: Actor, obj: ZaakObjectType, data: dict, partial: bool) -> ZaakObjectType:
    return _subtype_write(actor, ZaakObjectType, obj, data, partial, _validate_zaakobjecttype,
                          _write_simple(ZAAKOBJECTTYPE_FIELDS))


def delete_zaakobjecttype(actor: Actor, obj: ZaakObjectType) -> None:
    _subtype_delete(actor, ZaakObjectType, obj)
