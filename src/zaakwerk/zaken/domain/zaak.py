"""The rules of a ZAAK (Zaken API 1.7.0): create, update, delete and reserving zaaknummers. Every
write of a zaak goes through here, whatever adapter calls it (API, UI, command line).

Input is parsed, adapter-independent data: snake_case keys, Python values (``datetime.date``,
``datetime.datetime``), only the keys that were sent. References may be given as the URL the
client sent or as the local object (``zaaktype``: a ``ZaakType``; ``hoofdzaak``: a ``Zaak``).
Each function validates everything it can before writing (reporting all problems at once, in
``invalidParams`` order the conformance suite expects), writes in one ``transaction.atomic()``
block and records the change (audit trail with old/new representation + notification on kanaal
``zaken``) through ``common.record_zaak_change``.

Rules (ids of the Zaken "Specificatie van gedrag"; codes as VNG's conformance suite pins them):

- zrc-001: ``zaaktype`` resolves to a local zaaktype (``bad-url``/``invalid-resource``) that is
  published (``not-published``); it cannot change afterwards (``wijzigen-niet-toegelaten``).
  The client needs ``zaken.aanmaken`` on that zaaktype up to the zaak's vertrouwelijkheid (403).
- zrc-002: ``bronorganisatie`` + ``identificatie`` unique (``identificatie-niet-uniek``); a zaak
  without identificatie gets one from the series (``identificatie``, safe under concurrency); a
  reserved number is consumed by the create that sends it; identificatie is immutable
  (``wijzigen-niet-toegelaten``).
- zrc-007: a closed zaak (einddatum set) changes only with ``zaken.geforceerd-bijwerken``.
- zrc-009: ``vertrouwelijkheidaanduiding`` defaults to the zaaktype's; the rank is kept in sync.
- zrc-010: ``communicatiekanaal`` is a Referentielijsten communicatiekanaal.
- zrc-011: every ``relevanteAndereZaken.<i>.url`` resolves (``bad-url``; a local URL must be a
  zaak: ``invalid-resource``).
- zrc-012: gegevensgroepen (opschorting, verlenging, processobject) may be null (no value);
  a sent object is validated as a whole (``opschorting.indicatie`` + ``opschorting.reden``
  ``required``...).
- zrc-013: ``hoofdzaak`` is a zaak of this register (``no_match``/``incorrect_match``/
  ``does_not_exist``), not the zaak itself (``self-forbidden``), not a deelzaak
  (``deelzaak-als-hoofdzaak``), and a zaak with deelzaken cannot become a deelzaak
  (``zaak-heeft-deelzaken``).
- zrc-014: betalingsindicatie ``nvt`` with a laatsteBetaaldatum is 400 (``betaling-nvt``); changing
  it to ``nvt`` empties laatsteBetaaldatum; laatsteBetaaldatum is not in the future
  (``future_not_allowed``).
- zrc-015: ``productenOfDiensten`` ⊆ the zaaktype's (``invalid-products-services``).
- zrc-022: an archiefstatus other than ``nog_te_archiveren`` needs every related informatieobject
  archived (``documents-not-archived``: own documents asked through ``core.registers``, foreign ones
  fetched), ``archiefnominatie``
  (``archiefnominatie-not-set``) and ``archiefactiedatum`` (``archiefactiedatum-not-set``).
- zrc-023: delete removes the zaak, its deelzaken and everything that belongs to them (database
  cascade) and their audit trails; refused while a besluit names the zaak: 409 Conflict with code
  ``related-besluiten`` (the zaak_destroy operation documents 409, not 400; the besluiten must
  be removed first).
- RSIN: ``bronorganisatie`` and ``verantwoordelijkeOrganisatie`` pass the 11-proof.

Deadlines (termijnbewaking):

- ``einddatumGepland`` = startdatum + zaaktype.servicenorm and ``uiterlijkeEinddatumAfdoening`` =
  startdatum + zaaktype.doorlooptijd, when the client does not give them on create.
- verlenging: only when the zaaktype allows it, with a duur of at most its verlengingstermijn
  (``verlenging-niet-mogelijk``/``verlenging-te-lang``). Its duur is added to
  uiterlijkeEinddatumAfdoening once: re-sending the same verlenging changes nothing, a new duur
  replaces the old one's effect, removing the verlenging takes it off again.
- opschorting: only when the zaaktype allows it (``opschorting-niet-mogelijk``). Starting one
  records an ``OpschortingPeriode`` (start, reden); ending it (indicatie false, or null) closes the
  period and adds its days to uiterlijkeEinddatumAfdoening and einddatumGepland.
- A deadline the client changes explicitly in the same request is taken as sent (a client that
  re-sends the stored value in a PUT has not changed it).
- The zaaktype checks of verlenging and opschorting are local policy (the standard has no such
  rule and VNG's conformance suite creates opgeschorte zaken on a zaaktype that does not allow
  opschorting). They are on by default; ``ZAAKWERK_STRICT_OPSCHORTING_VERLENGING = False`` turns
  them off (the deadline effects stay).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import registers, sql
from zaakwerk.core.actor import Actor
from zaakwerk.core.api import remember_representation
from zaakwerk.core.db import change
from zaakwerk.core.errors import Conflict, Forbidden, NotFound, ValidationErrors, ValidationFailed
from zaakwerk.core.fields import Choices, F, camel, check_fields, check_group, check_rsin
from zaakwerk.core.models import AuditTrail
from zaakwerk.core.references import (ReferenceLookupError, fetch_json, is_local, is_valid_url,
                                      resolve_local, resolve_resource)
from zaakwerk.core.validators import add_duration, parse_duration

from .. import identificatie as nummering
from .. import representation
from ..models import OpschortingPeriode, Zaak, ZaakBesluit, ZaakInformatieObject
from .common import (COMPONENT, SCOPE_AANMAKEN, SCOPE_VERWIJDEREN, VERTROUWELIJKHEID,
                     VERTROUWELIJKHEID_RANK, as_utc, ensure_open_or_forced, record_zaak_change, zaak_url)

NON_FIELD = "nonFieldErrors"
NOG_TE_ARCHIVEREN = "nog_te_archiveren"
MAX_RESERVERINGEN = 1000  # numbers per POST /zaaknummer_reserveren
# laatsteBetaaldatum "not in the future": tolerate this much clock skew between client and server
KLOKAFWIJKING = dt.timedelta(seconds=60)


BETALINGSINDICATIE = Choices("nvt", "nog_niet", "gedeeltelijk", "geheel")
ARCHIEFNOMINATIE = Choices("blijvend_bewaren", "vernietigen")
ARCHIEFSTATUS = Choices(NOG_TE_ARCHIVEREN, "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen")
AARD_RELATIE = Choices("vervolg", "onderwerp", "bijdrage")
VERTROUWELIJKHEIDAANDUIDING = Choices(*VERTROUWELIJKHEID)

FIELDS = {
    "identificatie": F("text", 40),
    "omschrijving": F("text", 80),
    "toelichting": F("text", 1000),
    "registratiedatum": F("date"),
    "startdatum": F("date", required=True),
    "einddatum_gepland": F("date", nullable=True),
    "uiterlijke_einddatum_afdoening": F("date", nullable=True),
    "publicatiedatum": F("date", nullable=True),
    "communicatiekanaal": F("url", 1000),
    "producten_of_diensten": F("urls", 1000),
    "vertrouwelijkheidaanduiding": F("choice", 20, blank=False, choices=VERTROUWELIJKHEIDAANDUIDING),
    "betalingsindicatie": F("choice", 12, choices=BETALINGSINDICATIE),
    "selectielijstklasse": F("url", 1000),
    "archiefnominatie": F("choice", 20, nullable=True, choices=ARCHIEFNOMINATIE),
    "archiefstatus": F("choice", 40, blank=False, choices=ARCHIEFSTATUS),
    "archiefactiedatum": F("date", nullable=True),
    "opdrachtgevende_organisatie": F("text", 9),
    "processobjectaard": F("text", 200, nullable=True),
    "startdatum_bewaartermijn": F("date", nullable=True),
}
OPSCHORTING = {"indicatie": F("bool", required=True), "reden": F("text", 200, required=True)}
VERLENGING = {"reden": F("text", 200, required=True), "duur": F("duration", 40, required=True, blank=False)}
PROCESSOBJECT = {
    "datumkenmerk": F("text", 250, required=True),
    "identificatie": F("text", 250, required=True),
    "objecttype": F("text", 250, required=True),
    "registratie": F("text", 250, required=True),
}
RELEVANTE_ZAAK = {"url": F("url", 1000, required=True, blank=False),
                  "aard_relatie": F("choice", 20, required=True, blank=False, choices=AARD_RELATIE)}
KENMERK = {"kenmerk": F("text", 40, required=True), "bron": F("text", 40, required=True)}

GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection")


def _niet_gearchiveerd(urls: list[str]) -> list[str]:
    """zrc-022: the documents among ``urls`` whose status is not ``gearchiveerd``. Documents of
    this server's Documenten register are asked in-process (``core.registers``); foreign ones are
    fetched (one that cannot be fetched counts as not archived: it cannot be shown to be)."""
    from .status import DOCUMENT_RESOURCE, fetch_objects

    documenten = registers.documenten()
    local = [u for u in urls if is_local(u)]
    result = list(documenten.niet_gearchiveerd(local)) if documenten is not None and local else []
    foreign = [u for u in urls if not is_local(u)]
    for item, document in fetch_objects(foreign, expect=DOCUMENT_RESOURCE).items():
        if isinstance(document, ReferenceLookupError) or document.get("status") != "gearchiveerd":
            result.append(item)
    return result


def strict_opschorting_verlenging() -> bool:
    return bool(getattr(settings, "ZAAKWERK_STRICT_OPSCHORTING_VERLENGING", True))


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def snapshot(actor: Actor, zaak: Zaak) -> dict:
    return representation.zaak_json(zaak, actor.base_url)


def create_zaak(actor: Actor, data: dict) -> Zaak:
    with change():
        errors = ValidationErrors()
        values = _validate(actor, data, None, errors)
        errors.raise_if_any()
        zaak = Zaak(zaaktype=values["zaaktype"])
        _write(zaak, values, creating=True)
        nieuw = representation.zaken_json([zaak], actor.base_url, fresh=True)[0]
        record_zaak_change(actor, zaak=zaak, actie="create", resource="zaak",
                           resource_url=zaak_url(actor.base_url, zaak), oud=None, nieuw=nieuw)
        remember_representation(zaak, actor.base_url, nieuw)
        return zaak


def update_zaak(actor: Actor, zaak: Zaak, data: dict, partial: bool) -> Zaak:
    with change():
        zaak = _locked(zaak)
        ensure_open_or_forced(actor, zaak)
        oud = snapshot(actor, zaak)
        errors = ValidationErrors()
        values = _validate(actor, data, zaak, errors, full=not partial)
        errors.raise_if_any()
        _write(zaak, values, creating=False)
        nieuw = snapshot(actor, zaak)
        record_zaak_change(actor, zaak=zaak, actie="partial_update" if partial else "update", resource="zaak",
                           resource_url=zaak_url(actor.base_url, zaak), oud=oud, nieuw=nieuw)
        remember_representation(zaak, actor.base_url, nieuw)
        return zaak


def delete_zaak(actor: Actor, zaak: Zaak) -> None:
    """zrc-023: the zaak, its deelzaken, everything that belongs to them and their audit trails.
    Each deleted zaak is announced (notification ``destroy``)."""
    from zaakwerk.autorisaties.queries import may

    with change():
        zaak = _locked(zaak)
        deelzaken = list(Zaak.objects.select_for_update().filter(hoofdzaak=zaak).order_by("pk"))
        zaken = deelzaken + [zaak]
        ids = [z.pk for z in zaken]
        if ZaakBesluit.objects.filter(zaak_id__in=ids).exists():
            raise Conflict("Aan de zaak (of een deelzaak) zijn besluiten gekoppeld; verwijder die relaties "
                           "eerst.", code="related-besluiten")
        for deelzaak in deelzaken:
            if not may(actor, COMPONENT, [SCOPE_VERWIJDEREN], deelzaak.zaaktype_id, deelzaak.vertrouwelijkheid_rank):
                raise Forbidden(f"Geen toestemming om deelzaak {deelzaak.identificatie} te verwijderen.",
                                code="permission_denied")
        snapshots = {z.pk: s for z, s in zip(zaken, representation.zaken_json(zaken, actor.base_url))}
        documenten = registers.documenten()
        if documenten is not None:
            ios: dict = {}
            for zaak_id, io in ZaakInformatieObject.objects.filter(zaak_id__in=ids).values_list(
                    "zaak_id", "informatieobject"):
                ios.setdefault(zaak_id, []).append(io)
            for z in zaken:
                if ios.get(z.pk):
                    documenten.object_verwijderd(actor, object_type="zaak", object_url=zaak_url(actor.base_url, z),
                                                 informatieobjecten=ios[z.pk])
        for z in zaken:
            record_zaak_change(actor, zaak=z, actie="destroy", resource="zaak",
                               resource_url=zaak_url(actor.base_url, z), oud=snapshots[z.pk], nieuw=None)
        Zaak.objects.filter(pk__in=ids).delete()
        # "the audit trail is deleted with the object": the notifications above stay in the outbox
        AuditTrail.objects.filter(hoofd_object_uuid__in=ids).delete()


def reserveer_zaaknummers(actor: Actor, bronorganisatie: str, aantal: int = 1) -> list[str]:
    """``POST /zaaknummer_reserveren``: ``aantal`` numbers that are never handed out automatically;
    a zaak created with one of them consumes the reservation."""
    errors = ValidationErrors()
    check_rsin(bronorganisatie, "bronorganisatie", errors)
    if isinstance(aantal, bool) or not isinstance(aantal, int):
        errors.add("aantal", "invalid", "Geef een geheel getal op.")
    elif aantal < 1:
        errors.add("aantal", "min_value", "Zorg dat deze waarde groter of gelijk is aan 1.")
    elif aantal > MAX_RESERVERINGEN:
        errors.add("aantal", "max_value", f"Zorg dat deze waarde kleiner of gelijk is aan {MAX_RESERVERINGEN}.")
    errors.raise_if_any()
    with change():
        return nummering.reserve(bronorganisatie, aantal)


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _locked(zaak: Zaak) -> Zaak:
    fresh = Zaak.objects.select_for_update().filter(pk=zaak.pk).first()
    if fresh is None:
        raise NotFound("Niet gevonden.")
    return fresh


def _lookup_error(errors: ValidationErrors, name: str, exc: ReferenceLookupError) -> None:
    errors.add(name, getattr(exc, "code", "bad-url") or "bad-url", exc.detail)


def _resolve_zaaktype(actor: Actor, value, errors: ValidationErrors) -> ZaakType | None:
    """zrc-001: a local, published zaaktype."""
    if isinstance(value, ZaakType):
        zaaktype = value
    elif isinstance(value, str):
        try:
            zaaktype = resolve_resource(value, actor.base_url, "catalogi.zaaktype")
        except ReferenceLookupError as exc:
            _lookup_error(errors, "zaaktype", exc)
            return None
    else:
        errors.add("zaaktype", "invalid", "Geef de URL van een zaaktype op.")
        return None
    if zaaktype.concept:
        errors.add("zaaktype", "not-published", "Het zaaktype is nog niet gepubliceerd (concept).")
        return None
    return zaaktype


def _same_zaaktype(actor: Actor, value, zaak: Zaak) -> bool:
    if isinstance(value, ZaakType):
        return value.pk == zaak.zaaktype_id
    if not isinstance(value, str):
        return False
    match = resolve_local(value, actor.base_url)
    return (match is not None and getattr(match.resource, "key", None) == "catalogi.zaaktype"
            and match.kwargs.get("uuid") == zaak.zaaktype_id)


def _resolve_hoofdzaak(actor: Actor, value, errors: ValidationErrors):
    """The Zaak a ``hoofdzaak`` URL names (codes as Django REST framework's hyperlinked field)."""
    if value is None or isinstance(value, Zaak):
        return value
    if not is_valid_url(value):
        errors.add("hoofdzaak", "invalid", "Voer een geldige URL in.")
        return None
    match = resolve_local(value, actor.base_url)
    if match is None:
        errors.add("hoofdzaak", "no_match", "Ongeldige hyperlink: de URL verwijst niet naar een zaak van deze API.")
        return None
    if getattr(match.resource, "key", None) != "zaken.zaak" or match.view_name != "zaken.zaak-detail":
        errors.add("hoofdzaak", "incorrect_match", "Ongeldige hyperlink: de URL verwijst niet naar een zaak.")
        return None
    hoofdzaak = Zaak.objects.filter(pk=match.kwargs["uuid"]).first()
    if hoofdzaak is None:
        errors.add("hoofdzaak", "does_not_exist", "Ongeldige hyperlink: de zaak bestaat niet.")
    return hoofdzaak


def _relevante_andere_zaken(actor: Actor, value, zaak: Zaak | None, errors: ValidationErrors) -> list[dict] | None:
    """zrc-011: every URL resolves; a local one is a zaak of this register."""
    if not isinstance(value, list):
        errors.add("relevanteAndereZaken", "not_a_list", "Geef een lijst op.")
        return None
    known = {r.get("url") for r in (zaak.relevante_andere_zaken or [])} if zaak is not None else set()
    out = []
    ok = True
    for index, item in enumerate(value):
        name = f"relevanteAndereZaken.{index}"
        if not isinstance(item, dict):
            errors.add(name, "invalid", "Geef een object op.")
            ok = False
            continue
        before = len(errors.params)
        checked = check_fields(RELEVANTE_ZAAK, item, errors, full=True, prefix=name + ".")
        if len(errors.params) != before:
            ok = False
            continue
        url = checked["url"]
        if url not in known:
            try:
                if is_local(url, actor.base_url):
                    resolve_resource(url, actor.base_url, "zaken.zaak")
                else:
                    fetch_json(url)
            except ReferenceLookupError as exc:
                # another register's URL only has to answer (its body need not be ours to read)
                if is_local(url, actor.base_url) or exc.code != "invalid-resource":
                    _lookup_error(errors, f"{name}.url", exc)
                    ok = False
                    continue
        out.append({"url": url, "aardRelatie": checked["aard_relatie"]})
    return out if ok else None


def _kenmerken(value, errors: ValidationErrors) -> list[dict] | None:
    if not isinstance(value, list):
        errors.add("kenmerken", "not_a_list", "Geef een lijst op.")
        return None
    out = []
    before = len(errors.params)
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            errors.add(f"kenmerken.{index}", "invalid", "Geef een object op.")
            continue
        checked = check_fields(KENMERK, item, errors, full=True, prefix=f"kenmerken.{index}.")
        out.append({"kenmerk": checked.get("kenmerk", ""), "bron": checked.get("bron", "")})
    return out if len(errors.params) == before else None


def _datetime(value, name: str, errors: ValidationErrors):
    if value is None:
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None:
            errors.add(name, "invalid", "Geef een datum en tijd op (ISO 8601).")
            return None
        value = parsed
    if not isinstance(value, dt.datetime):
        errors.add(name, "invalid", "Geef een datum en tijd op (ISO 8601).")
        return None
    try:
        return as_utc(value, name)
    except ValidationFailed as exc:
        errors.params.extend(exc.params)
        return None


# ---- GeoJSON ---------------------------------------------------------------------------------


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _position(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value)


def _positions(value, minimum: int) -> bool:
    return isinstance(value, list) and len(value) >= minimum and all(_position(p) for p in value)


def _ring(value) -> bool:
    return _positions(value, 4) and value[0] == value[-1]


def _polygon(value) -> bool:
    return isinstance(value, list) and len(value) >= 1 and all(_ring(r) for r in value)


_COORDINATES = {
    "Point": _position,
    "MultiPoint": lambda c: _positions(c, 0),
    "LineString": lambda c: _positions(c, 2),
    "MultiLineString": lambda c: isinstance(c, list) and all(_positions(line, 2) for line in c),
    "Polygon": _polygon,
    "MultiPolygon": lambda c: isinstance(c, list) and all(_polygon(p) for p in c),
}


def _geometry_problem(value, depth: int = 0) -> str | None:
    """Why ``value`` is not a GeoJSON geometry of the 7 kinds the standard allows (RFC 7946,
    2-dimensional positions), or None."""
    if not isinstance(value, dict):
        return "Een geometrie is een GeoJSON-object."
    kind = value.get("type")
    if kind not in GEOMETRY_TYPES:
        return f"Onbekend geometrietype {kind!r}; toegestaan: {', '.join(GEOMETRY_TYPES)}."
    if kind == "GeometryCollection":
        parts = value.get("geometries")
        if not isinstance(parts, list):
            return "Een GeometryCollection heeft een lijst 'geometries'."
        if depth > 8:
            return "Te diep geneste GeometryCollection."
        for part in parts:
            problem = _geometry_problem(part, depth + 1)
            if problem:
                return problem
        return None
    if not _COORDINATES[kind](value.get("coordinates")):
        return (f"Ongeldige 'coordinates' voor {kind} (posities zijn [lengtegraad, breedtegraad]; "
                "een vlak heeft gesloten ringen van minstens 4 posities).")
    return None


def clean_geometry(value) -> dict:
    """The geometry as stored: only ``type`` and ``coordinates``/``geometries``. Assumes a valid
    geometry (``_geometry_problem`` returned None)."""
    if value["type"] == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [clean_geometry(g) for g in value["geometries"]]}
    return {"type": value["type"], "coordinates": value["coordinates"]}


def parse_geometry(value, name: str):
    """A shapely geometry for a GeoJSON value, or ValidationFailed ``name`` ``invalid``."""
    from shapely.geometry import shape

    problem = _geometry_problem(value)
    if problem:
        raise ValidationFailed(name, "invalid", problem)
    try:
        return shape(clean_geometry(value))
    except Exception as exc:  # shapely/GEOS refuse it
        raise ValidationFailed(name, "invalid", f"Ongeldige geometrie: {exc}") from None


# ---- dates -----------------------------------------------------------------------------------


def _shift(date: dt.date, duration: str, sign: int = 1) -> dt.date:
    """``date`` plus (sign 1) or minus (sign -1) an ISO 8601 duration; calendar arithmetic for
    years and months (the day clamped to the month's length), time parts as whole days. With
    sign 1 this equals ``core.validators.add_duration`` for durations without time parts."""
    parts = parse_duration(duration) or {}
    months = sign * (int(parts.get("years", 0)) * 12 + int(parts.get("months", 0)))
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    date = date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))
    seconds = parts.get("hours", 0) * 3600 + parts.get("minutes", 0) * 60 + parts.get("seconds", 0)
    days = parts.get("weeks", 0) * 7 + parts.get("days", 0) + int(seconds // 86400)
    return date + dt.timedelta(days=sign * int(days))


# ---- the whole object ------------------------------------------------------------------------


def _validate(actor: Actor, data: dict, zaak: Zaak | None, errors: ValidationErrors, *, full: bool = True) -> dict:
    creating = zaak is None
    values = check_fields(FIELDS, data, errors, full=full)
    for key in ("archiefnominatie", "processobjectaard"):
        if key in values and values[key] is None:
            values[key] = ""

    def current(key, default=None):
        if key in values:
            return values[key]
        return getattr(zaak, key) if zaak is not None else default

    # zrc-001: the zaaktype (resolved once, immutable afterwards)
    if creating:
        if "zaaktype" not in data:
            errors.add("zaaktype", "required", "Dit veld is vereist.")
            zaaktype = None
        else:
            zaaktype = _resolve_zaaktype(actor, data["zaaktype"], errors)
    else:
        zaaktype = zaak.zaaktype
        if "zaaktype" in data and not _same_zaaktype(actor, data["zaaktype"], zaak):
            errors.add("zaaktype", "wijzigen-niet-toegelaten", "Het zaaktype van een zaak kan niet worden gewijzigd.")
        elif full and "zaaktype" not in data:
            errors.add("zaaktype", "required", "Dit veld is vereist.")
    values["zaaktype"] = zaaktype

    # zrc-009: vertrouwelijkheid defaults to the zaaktype's
    if creating and zaaktype is not None and "vertrouwelijkheidaanduiding" not in data:
        values["vertrouwelijkheidaanduiding"] = zaaktype.vertrouwelijkheidaanduiding
    if creating and zaaktype is not None and values.get("vertrouwelijkheidaanduiding") in VERTROUWELIJKHEID_RANK:
        # zrc-006: the client creates zaken of this zaaktype up to this vertrouwelijkheid
        from ..authz import may_on_zaaktype

        rank = VERTROUWELIJKHEID_RANK[values["vertrouwelijkheidaanduiding"]]
        if not may_on_zaaktype(actor, zaaktype.pk, rank, SCOPE_AANMAKEN):
            raise Forbidden("U heeft geen toestemming om zaken van dit zaaktype (met deze "
                            "vertrouwelijkheidaanduiding) aan te maken.", code="permission_denied")

    # RSIN
    for key in ("bronorganisatie", "verantwoordelijke_organisatie"):
        if key in data:
            if check_rsin(data[key], camel(key), errors):
                values[key] = data[key]
        elif full:
            errors.add(camel(key), "required", "Dit veld is vereist.")

    # zrc-002: identificatie unique per bronorganisatie, immutable
    if "identificatie" in values:
        if creating:
            bron = values.get("bronorganisatie")
            if values["identificatie"] and bron and nummering.in_use(bron, values["identificatie"]):
                errors.add("identificatie", "identificatie-niet-uniek",
                           "Deze identificatie bestaat al voor deze bronorganisatie.")
        elif values["identificatie"] != zaak.identificatie:
            errors.add("identificatie", "wijzigen-niet-toegelaten", "De identificatie van een zaak kan niet worden gewijzigd.")
    if not creating and values.get("bronorganisatie", zaak.bronorganisatie) != zaak.bronorganisatie:
        if nummering.in_use(values["bronorganisatie"], zaak.identificatie, exclude_zaak=zaak.pk):
            errors.add("identificatie", "identificatie-niet-uniek",
                       "Deze identificatie bestaat al voor de nieuwe bronorganisatie.")

    # zrc-012: gegevensgroepen
    for key, spec in (("verlenging", VERLENGING), ("opschorting", OPSCHORTING), ("processobject", PROCESSOBJECT)):
        if key in data:
            values[key] = check_group(data, key, spec, errors)
            if values[key] is None and data[key] is not None:
                del values[key]  # invalid: reported

    if "zaakgeometrie" in data:
        if data["zaakgeometrie"] is None:
            values["zaakgeometrie"] = None
        else:
            try:
                geometry = parse_geometry(data["zaakgeometrie"], "zaakgeometrie")
                values["zaakgeometrie"] = (clean_geometry(data["zaakgeometrie"]), geometry)
            except ValidationFailed as exc:
                errors.params.extend(exc.params)

    if "laatste_betaaldatum" in data:
        values["laatste_betaaldatum"] = _datetime(data["laatste_betaaldatum"], "laatsteBetaaldatum", errors)
        if values["laatste_betaaldatum"] is not None and values["laatste_betaaldatum"] > timezone.now() + KLOKAFWIJKING:
            errors.add("laatsteBetaaldatum", "future_not_allowed", "De laatste betaaldatum mag niet in de toekomst liggen.")

    # zrc-014: betalingsindicatie nvt
    if current("betalingsindicatie", "") == "nvt":
        if data.get("laatste_betaaldatum") is not None:
            errors.add("laatsteBetaaldatum", "betaling-nvt",
                       'Laatste betaaldatum kan niet gezet worden als de betalingsindicatie "nvt" is.')
        elif "betalingsindicatie" in values:
            values["laatste_betaaldatum"] = None

    # zrc-015
    if zaaktype is not None and values.get("producten_of_diensten"):
        if not set(values["producten_of_diensten"]) <= set(zaaktype.producten_of_diensten or []):
            errors.add("productenOfDiensten", "invalid-products-services",
                       "Niet alle producten/diensten komen voor in de producten/diensten van het zaaktype.")

    # zrc-010: communicatiekanaal; the selectielijstklasse is a Selectielijst resultaat
    from zaakwerk.referentielijsten import client as referentielijsten

    kanaal = values.get("communicatiekanaal")
    if kanaal and (creating or kanaal != zaak.communicatiekanaal):
        try:
            values["communicatiekanaal_naam"] = str(referentielijsten.get_communicatiekanaal(kanaal).get("naam", ""))[:250]
        except ReferenceLookupError as exc:
            _lookup_error(errors, "communicatiekanaal", exc)
    elif "communicatiekanaal" in values and not kanaal:
        values["communicatiekanaal_naam"] = ""
    klasse = values.get("selectielijstklasse")
    if klasse and (creating or klasse != zaak.selectielijstklasse):
        try:
            referentielijsten.get_resultaat(klasse)
        except ReferenceLookupError as exc:
            _lookup_error(errors, "selectielijstklasse", exc)

    # zrc-011
    if "relevante_andere_zaken" in data:
        rel = _relevante_andere_zaken(actor, data["relevante_andere_zaken"], zaak, errors)
        if rel is not None:
            values["relevante_andere_zaken"] = rel
    if "kenmerken" in data:
        ken = _kenmerken(data["kenmerken"], errors)
        if ken is not None:
            values["kenmerken"] = ken

    # zrc-013
    if "hoofdzaak" in data:
        hoofdzaak = _resolve_hoofdzaak(actor, data["hoofdzaak"], errors)
        if hoofdzaak is not None:
            if zaak is not None and hoofdzaak.pk == zaak.pk:
                errors.add("hoofdzaak", "self-forbidden", "Een zaak kan niet zijn eigen hoofdzaak zijn.")
            elif hoofdzaak.hoofdzaak_id is not None:
                errors.add("hoofdzaak", "deelzaak-als-hoofdzaak", "Een deelzaak kan geen hoofdzaak zijn.")
            elif zaak is not None and zaak.deelzaken.exists():
                errors.add("hoofdzaak", "zaak-heeft-deelzaken",
                           "Een zaak met deelzaken kan zelf geen deelzaak worden.")
            else:
                values["hoofdzaak"] = hoofdzaak
        elif data["hoofdzaak"] is None:
            values["hoofdzaak"] = None

    if zaaktype is not None:
        _check_termijnen(data, values, zaak, zaaktype, errors)
    _check_archief(data, values, zaak, errors)
    return values


def _check_termijnen(data: dict, values: dict, zaak: Zaak | None, zaaktype: ZaakType, errors: ValidationErrors) -> None:
    """verlenging and opschorting against the zaaktype (local policy, see the module docstring)."""
    if not strict_opschorting_verlenging():
        return
    verlenging = values.get("verlenging")
    old_duur = zaak.verlenging_duur if zaak is not None else ""
    if verlenging and verlenging["duur"] != old_duur:
        if not zaaktype.verlenging_mogelijk:
            errors.add("verlenging", "verlenging-niet-mogelijk", "Het zaaktype staat geen verlenging toe.")
        elif zaaktype.verlengingstermijn:
            ref = values.get("startdatum") or (zaak.startdatum if zaak is not None else timezone.localdate())
            if _shift(ref, verlenging["duur"]) > _shift(ref, zaaktype.verlengingstermijn):
                errors.add("verlenging.duur", "verlenging-te-lang",
                           f"De verlenging is langer dan de verlengingstermijn van het zaaktype "
                           f"({zaaktype.verlengingstermijn}).")
    opschorting = values.get("opschorting")
    was_opgeschort = zaak.opschorting_indicatie if zaak is not None else False
    if opschorting and opschorting["indicatie"] and not was_opgeschort and not zaaktype.opschorting_en_aanhouding_mogelijk:
        errors.add("opschorting", "opschorting-niet-mogelijk", "Het zaaktype staat opschorting niet toe.")


def _check_archief(data: dict, values: dict, zaak: Zaak | None, errors: ValidationErrors) -> None:
    """zrc-022 for the zaak itself; the documents through ``DOCUMENTEN.niet_gearchiveerd``."""
    keys = ("archiefstatus", "archiefnominatie", "archiefactiedatum")
    if zaak is not None and not any(k in values for k in keys):
        return

    def current(key, default=None):
        if key in values:
            return values[key]
        return getattr(zaak, key) if zaak is not None else default

    status = current("archiefstatus", NOG_TE_ARCHIVEREN)
    if status == NOG_TE_ARCHIVEREN:
        return
    changed = zaak is None or status != zaak.archiefstatus
    if changed and zaak is not None:
        urls = list(ZaakInformatieObject.objects.filter(zaak=zaak).values_list("informatieobject", flat=True))
        if urls and _niet_gearchiveerd(urls):
            errors.add("archiefstatus", "documents-not-archived",
                       "Niet alle informatieobjecten van de zaak hebben de status 'gearchiveerd'.")
    if not current("archiefnominatie", ""):
        errors.add("archiefnominatie", "archiefnominatie-not-set",
                   "Een archiefnominatie is vereist als de archiefstatus niet 'nog_te_archiveren' is.")
    if not current("archiefactiedatum"):
        errors.add("archiefactiedatum", "archiefactiedatum-not-set",
                   "Een archiefactiedatum is vereist als de archiefstatus niet 'nog_te_archiveren' is.")


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

_PLAIN = ("omschrijving", "toelichting", "registratiedatum", "startdatum", "publicatiedatum", "communicatiekanaal",
          "communicatiekanaal_naam", "producten_of_diensten", "betalingsindicatie", "laatste_betaaldatum",
          "selectielijstklasse", "relevante_andere_zaken", "kenmerken", "archiefnominatie", "archiefstatus",
          "archiefactiedatum", "opdrachtgevende_organisatie", "processobjectaard", "startdatum_bewaartermijn",
          "bronorganisatie", "verantwoordelijke_organisatie", "hoofdzaak", "processobject")


def _explicit(values: dict, key: str, zaak: Zaak | None, creating: bool) -> bool:
    """Did the client set this deadline in this request (rather than re-send the stored value)?"""
    if key not in values:
        return False
    return creating or values[key] != getattr(zaak, key)


def _write(zaak: Zaak, values: dict, *, creating: bool) -> None:
    start_periode = _assign(zaak, values, creating=creating)
    if creating:
        wanted = values.get("identificatie") or ""
        if wanted:
            zaak.identificatie = wanted
            nummering.consume_reservation(zaak.bronorganisatie, wanted)
        else:
            zaak.identificatie = nummering.draw(zaak.bronorganisatie)[0]
    try:
        # no savepoint: the error ends the whole change (the caller's transaction rolls back)
        with change():
            if creating:
                sql.insert(zaak)
            else:
                zaak.save()
    except IntegrityError:
        # a parallel create took the same identificatie between the check and the save
        raise ValidationFailed("identificatie", "identificatie-niet-uniek",
                               "Deze identificatie bestaat al voor deze bronorganisatie.") from None
    if start_periode is not None:
        OpschortingPeriode.objects.create(zaak=zaak, start=timezone.localdate(), reden=start_periode)


def _assign(zaak: Zaak, values: dict, *, creating: bool) -> str | None:
    """Set the validated ``values`` on the (unsaved) zaak with everything derived from them: the
    vertrouwelijkheid rank, the geometry's bounding box, registratiedatum and the deadlines from
    the zaaktype, verlenging and opschorting. Returns the reden of an opschorting that starts
    (the caller records its period once the zaak is saved), else None. On create it touches no
    database (``domain.bulk`` relies on that); the identificatie is the caller's."""
    today = timezone.localdate()
    zaaktype: ZaakType = values["zaaktype"]
    old = {"verlenging_duur": zaak.verlenging_duur, "opschorting": zaak.opschorting_indicatie} if not creating else \
        {"verlenging_duur": "", "opschorting": False}
    explicit_uiterlijk = _explicit(values, "uiterlijke_einddatum_afdoening", zaak, creating)
    explicit_gepland = _explicit(values, "einddatum_gepland", zaak, creating)

    for key in _PLAIN:
        if key in values:
            setattr(zaak, key, values[key])
    for key in ("einddatum_gepland", "uiterlijke_einddatum_afdoening"):
        if key in values:
            setattr(zaak, key, values[key])
    if "vertrouwelijkheidaanduiding" in values:
        zaak.vertrouwelijkheidaanduiding = values["vertrouwelijkheidaanduiding"]
    zaak.vertrouwelijkheid_rank = VERTROUWELIJKHEID_RANK[zaak.vertrouwelijkheidaanduiding]
    if "zaakgeometrie" in values:
        _set_geometry(zaak, values["zaakgeometrie"])

    if creating:
        if not zaak.registratiedatum:
            zaak.registratiedatum = today
        # derived deadlines (termijnen) when the client gives none
        if "einddatum_gepland" not in values and zaaktype.servicenorm:
            zaak.einddatum_gepland = add_duration(zaak.startdatum, zaaktype.servicenorm)
        if "uiterlijke_einddatum_afdoening" not in values and zaaktype.doorlooptijd:
            zaak.uiterlijke_einddatum_afdoening = add_duration(zaak.startdatum, zaaktype.doorlooptijd)

    # verlenging: its duur counts once towards uiterlijkeEinddatumAfdoening
    if "verlenging" in values:
        verlenging = values["verlenging"] or {"reden": "", "duur": ""}
        new_duur = verlenging["duur"] or ""
        if new_duur != old["verlenging_duur"] and zaak.uiterlijke_einddatum_afdoening and not explicit_uiterlijk:
            deadline = zaak.uiterlijke_einddatum_afdoening
            if old["verlenging_duur"]:
                deadline = _shift(deadline, old["verlenging_duur"], -1)
            if new_duur:
                deadline = _shift(deadline, new_duur, 1)
            zaak.uiterlijke_einddatum_afdoening = deadline
        zaak.verlenging_reden = verlenging["reden"]
        zaak.verlenging_duur = new_duur

    # opschorting: periods; on resumption the suspended days move the deadlines
    start_periode = None
    if "opschorting" in values:
        opschorting = values["opschorting"] or {"indicatie": False, "reden": ""}
        if opschorting["indicatie"] and not old["opschorting"]:
            start_periode = opschorting["reden"]
        elif not opschorting["indicatie"] and old["opschorting"]:
            periode = zaak.opschortingen.filter(einde__isnull=True).order_by("-start", "-pk").first()
            if periode is not None:
                periode.einde = today
                periode.save(update_fields=["einde"])
                days = (today - periode.start).days
                if days > 0:
                    if zaak.uiterlijke_einddatum_afdoening and not explicit_uiterlijk:
                        zaak.uiterlijke_einddatum_afdoening += dt.timedelta(days=days)
                    if zaak.einddatum_gepland and not explicit_gepland:
                        zaak.einddatum_gepland += dt.timedelta(days=days)
        elif opschorting["indicatie"] and opschorting["reden"] != zaak.opschorting_reden:
            zaak.opschortingen.filter(einde__isnull=True).update(reden=opschorting["reden"])
        zaak.opschorting_indicatie = opschorting["indicatie"]
        zaak.opschorting_reden = opschorting["reden"]
    return start_periode


def _set_geometry(zaak: Zaak, value) -> None:
    if value is None:
        zaak.zaakgeometrie = None
        zaak.geometrie_min_x = zaak.geometrie_min_y = zaak.geometrie_max_x = zaak.geometrie_max_y = None
        return
    stored, geometry = value
    zaak.zaakgeometrie = stored
    if geometry.is_empty:
        zaak.geometrie_min_x = zaak.geometrie_min_y = zaak.geometrie_max_x = zaak.geometrie_max_y = None
    else:
        zaak.geometrie_min_x, zaak.geometrie_min_y, zaak.geometrie_max_x, zaak.geometrie_max_y = geometry.bounds
