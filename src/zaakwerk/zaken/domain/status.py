"""Statussen and resultaten: the life cycle of a zaak (zrc-007, zrc-008, zrc-016, zrc-020, zrc-021).

Statussen
- A status records that the zaak reached a step of its zaaktype at ``datumStatusGezet``; its
  statustype must belong to the zaak's zaaktype (zrc-016). The date may not lie in the future.
- The zaak's current status (``Zaak.huidige_status``) is the status with the latest
  datumStatusGezet (equal dates: the one set last). The state of the zaak follows it:
  - the eindstatus (the statustype with the highest volgnummer) becoming current closes the zaak
    (zrc-007): ``einddatum`` is the Europe/Amsterdam date of datumStatusGezet. Closing needs a
    resultaat and an ``indicatieGebruiksrecht`` (true or false) on every related
    informatieobject, and derives ``archiefnominatie``/``archiefactiedatum`` (zrc-021,
    ``zaken.archief``) where they are still empty;
  - another status becoming current on a closed zaak reopens it (zrc-008): einddatum,
    archiefnominatie and archiefactiedatum are cleared. An archived zaak (archiefstatus other
    than nog_te_archiveren) is not reopened: zrc-022 demands it keeps both archive values;
  - a status dated before the current one is history: the zaak's state does not change. An
    eindstatus must become the current status, so a back-dated eindstatus is refused (400)
    rather than silently leaving the zaak open.
- Scopes, per zaaktype (as the reference implementation has them): ``zaken.aanmaken`` sets only
  the first status; ``zaken.statussen.toevoegen`` adds statuses while the zaak is open;
  ``zaken.heropenen`` adds any status, also to a closed zaak, and is the only scope that reopens
  one; on a closed zaak ``zaken.geforceerd-bijwerken`` may add a status that does not reopen it
  (the eindstatus again, to correct the einddatum).

Resultaten
- One per zaak (a second one: 400 ``unique``); its resultaattype belongs to the zaak's zaaktype
  (zrc-020) and never changes, nor does its zaak (400 ``wijzigen-niet-toegelaten``).
- On a closed zaak it is created, changed or deleted only with ``zaken.geforceerd-bijwerken``
  (``common.ensure_open_or_forced``); created or changed there, it derives the archive
  parameters still empty ("wordt automatisch berekend bij het aanmaken of wijzigen van een
  RESULTAAT ... indien nog leeg").

Statussen and resultaten of one zaak are written one after the other (the zaak row is locked,
``common.locked_zaak``), so the current status, the one-resultaat rule and closing never race.

Every write is recorded on the zaak (audit trail + notification on kanaal ``zaken``); the change
of the zaak itself on closing or reopening is recorded as an update of the zaak (audit only: the
status notification announces it, as in the reference implementation).
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from zaakwerk.catalogi.models import ResultaatType, StatusType
from zaakwerk.core import sql
from zaakwerk.core.actor import Actor
from zaakwerk.core.api import remember_representation
from zaakwerk.core.db import change
from zaakwerk.core.errors import Forbidden, ValidationErrors, ValidationFailed
from zaakwerk.core.references import ReferenceLookupError, fetch_json, is_local, resolve_local

from .. import archief
from ..authz import authorise_zaak, may_on_zaaktype
from ..models import Resultaat, Status, Zaak, ZaakInformatieObject
from .common import (SCOPE_AANMAKEN, SCOPE_BIJWERKEN, SCOPE_GEFORCEERD, SCOPE_HEROPENEN,
                     SCOPE_STATUSSEN, as_utc, ensure_open_or_forced, locked_zaak, record_zaak_change,
                     url, zaak_url)

NON_FIELD = "nonFieldErrors"

STATUS_SCOPES = (SCOPE_AANMAKEN, SCOPE_STATUSSEN, SCOPE_HEROPENEN)
RESULTAAT_SCOPES = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD)

ARCHIEFSTATUS_OPEN = "nog_te_archiveren"

# Clients' clocks differ a little from ours: a datumStatusGezet this far ahead is still "now".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)

# Registry keys of the resources of other registers a zaak refers to.
DOCUMENT_RESOURCE = "documenten.enkelvoudiginformatieobject"
BESLUIT_RESOURCE = "besluiten.besluit"


# ---- statussen ------------------------------------------------------------------------------


def create_status(actor: Actor, data: dict) -> Status:
    """Set a status. ``data``: zaak (Zaak), statustype (StatusType), datum_status_gezet (datetime;
    naive means Europe/Amsterdam), statustoelichting (str, optional), gezetdoor (Rol or None,
    optional)."""
    with change():
        zaak = locked_zaak(data["zaak"])
        authorise_zaak(actor, zaak, *STATUS_SCOPES)
        statustype = data["statustype"]
        datum = _aware(data["datum_status_gezet"])
        gezetdoor = data.get("gezetdoor")

        errors = ValidationErrors()
        check_status(zaak, statustype, datum, gezetdoor, errors)
        errors.raise_if_any()

        eind_pk, current_at = _eind_and_current(zaak)
        effect = status_effect(zaak, is_eind=eind_pk == statustype.pk, datum=datum, current=current_at)
        becomes_current, closes, reopens = effect.becomes_current, effect.closes, effect.reopens
        closed = zaak.einddatum is not None
        _check_status_scopes(actor, zaak, first=current_at is None, closed=closed, reopens=reopens)
        check_reopen(zaak, effect)

        einddatum = einddatum_of(datum)
        derived = _closing_checks(zaak, einddatum) if closes else None

        zaak_changes = closes or reopens
        oud_zaak = _zaak_snapshot(zaak, actor.base_url) if zaak_changes else None
        status = Status(zaak=zaak, statustype=statustype, datum_status_gezet=datum,
                        statustoelichting=data.get("statustoelichting") or "", gezetdoor=gezetdoor)
        sql.insert(status)
        fields = []
        if becomes_current:
            zaak.huidige_status = status
            fields.append("huidige_status")
        if closes:
            zaak.einddatum = einddatum
            zaak.archiefnominatie = derived.archiefnominatie
            zaak.archiefactiedatum = derived.archiefactiedatum
            fields += ["einddatum", "archiefnominatie", "archiefactiedatum"]
            # Hook: the deadline clock (termijnen) stops here once that engine exists.
        elif reopens:
            zaak.einddatum = None
            zaak.archiefnominatie = ""
            zaak.archiefactiedatum = None
            fields += ["einddatum", "archiefnominatie", "archiefactiedatum"]
            # Hook: the deadline clock (termijnen) resumes here once that engine exists.
        if fields:
            sql.update(zaak, fields)

        from ..representation_status import status_json

        nieuw = status_json([status], actor.base_url, fresh=True)[0]
        record_zaak_change(actor, zaak=zaak, actie="create", resource="status",
                           resource_url=status_url(actor.base_url, status), oud=None, nieuw=nieuw,
                           weergave=f"{zaak.identificatie} - {statustype.omschrijving}")
        if zaak_changes:
            _record_zaak_update(actor, zaak, oud_zaak)
        remember_representation(status, actor.base_url, nieuw)
        return status


def _eind_and_current(zaak: Zaak) -> tuple:
    """In one round trip: the pk of the eindstatustype of the zaak's zaaktype (the highest
    volgnummer, ``catalogi.queries.eindstatustype``) and when the zaak's current status was set
    (the latest datumStatusGezet, the newest on a tie); None for what does not exist."""
    from django.db import connection

    statustype = StatusType._meta
    status = Status._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT uuid FROM {statustype.db_table} WHERE zaaktype_id = %s ORDER BY volgnummer DESC LIMIT 1), "
            f"(SELECT datum_status_gezet FROM {status.db_table} WHERE zaak_id = %s "
            "ORDER BY datum_status_gezet DESC, created DESC LIMIT 1)",
            [statustype.get_field("zaaktype").get_db_prep_value(zaak.zaaktype_id, connection),
             status.pk.get_db_prep_value(zaak.pk, connection)])
        eind, current = cursor.fetchone()
    return (sql.from_db(connection, statustype.pk, eind),
            sql.from_db(connection, status.get_field("datum_status_gezet"), current))


def check_status(zaak: Zaak, statustype, datum: dt.datetime, gezetdoor, errors: ValidationErrors) -> None:
    """The rules of one status on its own: zrc-016, not in the future, gezetdoor a rol of the zaak.
    ``datum`` is aware (``_aware``)."""
    if statustype.zaaktype_id != zaak.zaaktype_id:  # zrc-016
        errors.add(NON_FIELD, "zaaktype-mismatch", "Het statustype hoort niet bij het zaaktype van de zaak.")
    if datum > timezone.now() + FUTURE_TOLERANCE:
        errors.add("datumStatusGezet", "date-in-future", "Deze datum mag niet in de toekomst zijn.")
    if gezetdoor is not None and gezetdoor.zaak_id != zaak.pk:
        errors.add("gezetdoor", "zaak-mismatch", "De rol hoort niet bij deze zaak.")


@dataclass(frozen=True)
class StatusEffect:
    """What setting a status does to its zaak (see the module docstring)."""

    becomes_current: bool
    closes: bool
    reopens: bool


def status_effect(zaak: Zaak, *, is_eind: bool, datum: dt.datetime, current: dt.datetime | None) -> StatusEffect:
    """A status at ``datum`` on ``zaak`` whose current status was set at ``current`` (None: it has
    none): does it become the current status, does it close or reopen the zaak? An eindstatus
    that would not become current is refused (``eindstatus-not-latest``)."""
    becomes_current = current is None or datum >= current
    if is_eind and not becomes_current:
        huidige = timezone.localtime(current, timezone.get_default_timezone())
        raise ValidationFailed(
            "datumStatusGezet", "eindstatus-not-latest",
            "De eindstatus moet de laatst gezette status zijn: de datumStatusGezet ligt voor die van de "
            f"huidige status ({huidige.isoformat()}).")
    closed = zaak.einddatum is not None
    return StatusEffect(becomes_current=becomes_current, closes=is_eind,
                        reopens=closed and becomes_current and not is_eind)


def check_reopen(zaak: Zaak, effect: StatusEffect) -> None:
    """zrc-022: an archived zaak keeps its archiefnominatie and archiefactiedatum, so it is not
    reopened."""
    if effect.reopens and zaak.archiefstatus != ARCHIEFSTATUS_OPEN:
        raise ValidationFailed(NON_FIELD, "zaak-archived",
                               f"De zaak heeft archiefstatus '{zaak.archiefstatus}' en kan niet heropend worden; "
                               "zet eerst de archiefstatus terug op nog_te_archiveren.")


def einddatum_of(datum: dt.datetime) -> dt.date:
    """zrc-007: the einddatum of a zaak closed at ``datum`` is its Europe/Amsterdam date."""
    return timezone.localtime(datum, timezone.get_default_timezone()).date()


def _check_status_scopes(actor: Actor, zaak: Zaak, *, first: bool, closed: bool, reopens: bool) -> None:
    def may(*scopes: str) -> bool:
        return may_on_zaaktype(actor, zaak.zaaktype_id, zaak.vertrouwelijkheid_rank, *scopes)

    if not first and not may(SCOPE_STATUSSEN, SCOPE_HEROPENEN):
        raise Forbidden("Met de scope zaken.aanmaken mag alleen de eerste status van een zaak gezet worden; "
                        "verdere statussen vereisen zaken.statussen.toevoegen.", code="permission_denied")
    if reopens and not may(SCOPE_HEROPENEN):
        raise Forbidden("De zaak is afgesloten: heropenen vereist de scope zaken.heropenen.",
                        code="permission_denied")
    if closed and not reopens and not may(SCOPE_HEROPENEN, SCOPE_GEFORCEERD):
        raise Forbidden("De zaak is afgesloten: een status toevoegen vereist de scope zaken.heropenen of "
                        "zaken.geforceerd-bijwerken.", code="permission_denied")


def _closing_checks(zaak: Zaak, einddatum: dt.date) -> archief.Derived:
    """zrc-007: what closing the zaak needs, every problem at once; then zrc-021."""
    resultaat = Resultaat.objects.select_related("resultaattype").filter(zaak=zaak).first()
    return closing_rule(zaak, einddatum, resultaat.resultaattype if resultaat is not None else None,
                        _gebruiksrecht_problems(zaak))


def closing_rule(zaak: Zaak, einddatum: dt.date, resultaattype: ResultaatType | None,
                 gebruiksrecht_problems: list[tuple[str, str]],
                 sources: archief.Sources | None = None) -> archief.Derived:
    """zrc-007 given what the zaak has (its resultaat's type, the problems of its documents), then
    zrc-021: the archive parameters it gets on ``einddatum``."""
    errors = ValidationErrors()
    if resultaattype is None:
        errors.add(NON_FIELD, "resultaat-does-not-exist",
                   "De zaak heeft geen resultaat; dat is nodig om de zaak af te sluiten.")
    for code, reason in gebruiksrecht_problems:
        errors.add(NON_FIELD, code, reason)
    errors.raise_if_any()
    return _derive_archive(zaak, resultaattype, einddatum, sources)


def _gebruiksrecht_problems(zaak: Zaak) -> list[tuple[str, str]]:
    """zrc-007: every informatieobject related to the zaak has indicatieGebruiksrecht true or
    false (not null). Documents are read from the Documenten API that holds them."""
    urls = list(ZaakInformatieObject.objects.filter(zaak=zaak).order_by("registratiedatum", "pk")
                .values_list("informatieobject", flat=True))
    found = fetch_objects(urls, expect=DOCUMENT_RESOURCE)
    problems = []
    for io_url in urls:
        document = found[io_url]
        if isinstance(document, ReferenceLookupError):
            problems.append((document.code, f"Informatieobject {io_url} kon niet worden opgehaald: {document.detail}"))
        elif document.get("indicatieGebruiksrecht") is None:
            problems.append(gebruiksrecht_unset(io_url))
    return problems


def gebruiksrecht_unset(io_url: str) -> tuple[str, str]:
    """zrc-007: the problem of a related informatieobject without indicatieGebruiksrecht."""
    return ("indicatiegebruiksrecht-unset",
            f"Voor informatieobject {io_url} is indicatieGebruiksrecht nog niet gezet; zet deze "
            "voordat je de zaak afsluit.")


def _derive_archive(zaak: Zaak, resultaattype: ResultaatType, einddatum: dt.date,
                    sources: archief.Sources | None = None) -> archief.Derived:
    """zrc-021 for a zaak closed on ``einddatum`` with a resultaat of ``resultaattype``. The
    brondatum is read from the stored zaak unless ``sources`` says otherwise (``domain.bulk``
    gives the zaak's parts it is about to insert)."""
    if sources is None:
        sources = archief.ZaakSources(zaak, einddatum, fetch_object)
    try:
        return archief.derive(archief.ArchiveRule.of(resultaattype), sources,
                              archiefnominatie=zaak.archiefnominatie, archiefactiedatum=zaak.archiefactiedatum)
    except archief.BrondatumError as exc:
        raise ValidationFailed(NON_FIELD, archief.ERROR_CODE, str(exc)) from None


# ---- resultaten -----------------------------------------------------------------------------


def create_resultaat(actor: Actor, data: dict) -> Resultaat:
    """``data``: zaak (Zaak), resultaattype (ResultaatType), toelichting (str, optional)."""
    with change():
        zaak = locked_zaak(data["zaak"])
        authorise_zaak(actor, zaak, *RESULTAAT_SCOPES)
        resultaattype = data["resultaattype"]
        errors = ValidationErrors()
        check_resultaattype(zaak, resultaattype, errors)
        if Resultaat.objects.filter(zaak=zaak).exists():
            errors.add("zaak", "unique", "Deze zaak heeft al een resultaat; een zaak heeft er hooguit één.")
        errors.raise_if_any()
        ensure_open_or_forced(actor, zaak)
        derived = _derive_archive(zaak, resultaattype, zaak.einddatum) if zaak.einddatum else None

        try:
            with transaction.atomic():
                resultaat = Resultaat.objects.create(zaak=zaak, resultaattype=resultaattype,
                                                     toelichting=data.get("toelichting") or "")
        except IntegrityError:  # a resultaat created at the same moment by someone else
            raise ValidationFailed("zaak", "unique", "Deze zaak heeft al een resultaat.") from None
        record_zaak_change(actor, zaak=zaak, actie="create", resource="resultaat",
                           resource_url=resultaat_url(actor.base_url, resultaat), oud=None,
                           nieuw=_resultaat_snapshot(resultaat, actor.base_url),
                           weergave=f"{zaak.identificatie} - {resultaattype.omschrijving}")
        _apply_derived(actor, zaak, derived)
        return resultaat


def check_resultaattype(zaak: Zaak, resultaattype: ResultaatType, errors: ValidationErrors) -> None:
    if resultaattype.zaaktype_id != zaak.zaaktype_id:  # zrc-020
        errors.add(NON_FIELD, "zaaktype-mismatch", "Het resultaattype hoort niet bij het zaaktype van de zaak.")


def update_resultaat(actor: Actor, resultaat: Resultaat, data: dict, partial: bool) -> Resultaat:
    """PUT (``partial`` False: every field, omitted ones get their default) or PATCH. Only the
    toelichting can change."""
    with change():
        zaak = locked_zaak(resultaat.zaak)
        authorise_zaak(actor, zaak, *RESULTAAT_SCOPES)
        errors = ValidationErrors()
        if "zaak" in data and data["zaak"].pk != zaak.pk:
            errors.add("zaak", "wijzigen-niet-toegelaten", "De zaak van een resultaat kan niet gewijzigd worden.")
        if "resultaattype" in data and data["resultaattype"].pk != resultaat.resultaattype_id:
            errors.add("resultaattype", "wijzigen-niet-toegelaten",
                       "Het resultaattype van een resultaat kan niet gewijzigd worden.")
        errors.raise_if_any()
        ensure_open_or_forced(actor, zaak)
        oud = _resultaat_snapshot(resultaat, actor.base_url)
        if "toelichting" in data or not partial:
            resultaat.toelichting = data.get("toelichting") or ""
        derived = _derive_archive(zaak, resultaat.resultaattype, zaak.einddatum) if zaak.einddatum else None
        resultaat.zaak = zaak
        resultaat.save(update_fields=["toelichting"])
        record_zaak_change(actor, zaak=zaak, actie="partial_update" if partial else "update",
                           resource="resultaat", resource_url=resultaat_url(actor.base_url, resultaat), oud=oud,
                           nieuw=_resultaat_snapshot(resultaat, actor.base_url),
                           weergave=f"{zaak.identificatie} - {resultaat.resultaattype.omschrijving}")
        _apply_derived(actor, zaak, derived)
        return resultaat


def delete_resultaat(actor: Actor, resultaat: Resultaat) -> None:
    with change():
        zaak = locked_zaak(resultaat.zaak)
        authorise_zaak(actor, zaak, *RESULTAAT_SCOPES)
        ensure_open_or_forced(actor, zaak)
        oud = _resultaat_snapshot(resultaat, actor.base_url)
        resource_url = resultaat_url(actor.base_url, resultaat)
        weergave = f"{zaak.identificatie} - {resultaat.resultaattype.omschrijving}"
        resultaat.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="resultaat", resource_url=resource_url,
                           oud=oud, nieuw=None, weergave=weergave)


def _apply_derived(actor: Actor, zaak: Zaak, derived: archief.Derived | None) -> None:
    """Store archive parameters derived on a closed zaak, recording the zaak change."""
    if derived is None or (derived.archiefnominatie == zaak.archiefnominatie
                           and derived.archiefactiedatum == zaak.archiefactiedatum):
        return
    oud = _zaak_snapshot(zaak, actor.base_url)
    zaak.archiefnominatie = derived.archiefnominatie
    zaak.archiefactiedatum = derived.archiefactiedatum
    zaak.save(update_fields=["archiefnominatie", "archiefactiedatum"])
    _record_zaak_update(actor, zaak, oud)


# ---- helpers ----------------------------------------------------------------------------------


def status_url(base_url: str, status: Status) -> str:
    return url(base_url, "statussen", status.pk)


def resultaat_url(base_url: str, resultaat: Resultaat) -> str:
    return url(base_url, "resultaten", resultaat.pk)


def _aware(value: dt.datetime) -> dt.datetime:
    return as_utc(value, "datumStatusGezet")


def _status_snapshot(status: Status, base_url: str) -> dict:
    from ..representation_status import status_json

    return status_json([status], base_url)[0]


def _resultaat_snapshot(resultaat: Resultaat, base_url: str) -> dict:
    from ..representation_status import resultaat_json

    return resultaat_json([resultaat], base_url)[0]


def _zaak_snapshot(zaak: Zaak, base_url: str) -> dict:
    """The zaak as the API shows it (the bulk ``zaken.representation.zaken_json(zaken, base_url)``);
    should that be missing, the fields closing and reopening change."""
    try:
        from ..representation import zaken_json
    except ImportError:
        return {
            "url": zaak_url(base_url, zaak),
            "identificatie": zaak.identificatie,
            "einddatum": zaak.einddatum.isoformat() if zaak.einddatum else None,
            "status": url(base_url, "statussen", zaak.huidige_status_id) if zaak.huidige_status_id else None,
            "archiefnominatie": zaak.archiefnominatie or None,
            "archiefactiedatum": zaak.archiefactiedatum.isoformat() if zaak.archiefactiedatum else None,
        }
    return zaken_json([zaak], base_url)[0]


def _record_zaak_update(actor: Actor, zaak: Zaak, oud: dict | None) -> None:
    record_zaak_change(actor, zaak=zaak, actie="update", resource="zaak", resource_url=zaak_url(actor.base_url, zaak),
                       oud=oud, nieuw=_zaak_snapshot(zaak, actor.base_url), notify=False)


# ---- objects of other registers, by URL ----------------------------------------------------------


def outgoing_headers(url: str) -> dict:
    """Headers for a request to another register's API.

    Hook: the credentials Zaakwerk uses towards other ZGW APIs (a JWT-ZGW of its own client id,
    per service) belong here once services are configurable; until then requests go without."""
    return {}


def fetch_object(url: str, *, expect: str | None = None, headers: dict | None = None) -> dict:
    """The JSON of an object of any register, as its API shows it. A URL on this server is
    answered in-process from the resource registered for it (``core.api.REGISTRY``: the
    Documenten and Besluiten registers are picked up as soon as they exist), never with an HTTP
    call to ourselves; a foreign URL is fetched with the configured timeout. ``expect``: the
    registry key the local resource must have. Raises ReferenceLookupError."""
    local = _fetch_local(url, expect)
    if local is not None:
        return local
    return _fetch_remote(url, headers)


def fetch_objects(urls: Iterable[str], *, expect: str | None = None,
                  headers: dict | None = None) -> dict[str, dict | ReferenceLookupError]:
    """``fetch_object`` for many URLs: local ones in this thread (they read our database), foreign
    ones in parallel. Each URL maps to its JSON or to the ReferenceLookupError it gave."""
    results: dict[str, dict | ReferenceLookupError] = {}
    remote = []
    for item in dict.fromkeys(urls):
        try:
            local = _fetch_local(item, expect)
        except ReferenceLookupError as exc:
            results[item] = exc
            continue
        if local is not None:
            results[item] = local
        else:
            remote.append(item)

    def get(item: str):
        try:
            return _fetch_remote(item, headers)
        except ReferenceLookupError as exc:
            return exc

    if len(remote) == 1:
        results[remote[0]] = get(remote[0])
    elif remote:
        with ThreadPoolExecutor(max_workers=min(8, len(remote))) as pool:
            results.update(zip(remote, pool.map(get, remote)))
    return results


def _fetch_remote(item: str, headers: dict | None) -> dict:
    body = fetch_json(item, headers={**outgoing_headers(item), **(headers or {})})
    if not isinstance(body, dict):
        raise ReferenceLookupError("invalid-resource", "De URL geeft geen object.")
    return body


def _fetch_local(item: str, expect: str | None) -> dict | None:
    """The representation of a resource of this server, None for a foreign URL."""
    from zaakwerk.core.api import Context
    from zaakwerk.core.request_state import base_url as current_base_url

    match = resolve_local(item)
    if match is None:
        if is_local(item):
            raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een resource van deze server.")
        return None
    resource = match.resource
    if (resource is None or "uuid" not in match.kwargs or not match.view_name.endswith("-detail")
            or (expect is not None and resource.key != expect)):
        raise ReferenceLookupError("invalid-resource", "De URL verwijst niet naar een resource van het verwachte type.")
    obj = resource.model.objects.filter(pk=match.kwargs["uuid"]).first()
    if obj is None:
        raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
    parts = item.split("/", 3)
    base = settings.ZAAKWERK_BASE_URL or current_base_url() or f"{parts[0]}//{parts[2]}"
    # an internal read (rule checks), not a client's: no authorisation applies
    ctx = Context(request=HttpRequest(), api=resource.api, actor=Actor.system(base), base_url=base,
                  kwargs={k: v for k, v in match.kwargs.items() if k != "uuid"})
    return resource.represent(ctx, [obj])[0]
