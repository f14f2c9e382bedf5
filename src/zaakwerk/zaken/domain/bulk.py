"""The bulk path of the Zaken register: many zaken with their statussen, resultaat, rollen,
zaakobjecten and zaakeigenschappen in one transaction, and zaakinformatieobjecten in bulk. For
imports (a migration from another zaaksysteem, ``zaakwerk bulkload`` for benchmarks), where a
million zaken through the normal writes would take many hours: those lock, re-read, record and
announce every object one by one.

Input of ``bulk_create_zaken`` (``ZakenImport.create_zaken``): a list of dicts, each the data of
``zaak.create_zaak`` (snake_case keys, Python values, ``zaaktype`` as the ``ZaakType``; resolve
URLs to objects once per type, not per row) plus the zaak's parts:

    statussen:     [{"statustype": StatusType, "datum_status_gezet": datetime, "statustoelichting": str}]
                   in the order they were set
    resultaat:     {"resultaattype": ResultaatType, "toelichting": str} or None
    rollen:        [the data of ``betrokkenen.create_rol`` without "zaak" (roltype as RolType)]
    zaakobjecten:  [the data of ``objecten.create_zaakobject`` without "zaak"]
    eigenschappen: [{"eigenschap": Eigenschap, "waarde": str}]

``bulk_create_zaakinformatieobjecten`` relates documents to zaken in bulk (see
``ZakenImport.create_zaakinformatieobjecten``).

One domain core: the rules are the normal writes' rules, by the same functions. Per zaak:

- the zaak: ``zaak._validate`` (zrc-001 published zaaktype and the scope ``zaken.aanmaken``,
  zrc-002 identificatie, zrc-009 vertrouwelijkheid default, zrc-010..015, zrc-022, RSINs, GeoJSON)
  and ``zaak._assign`` (vertrouwelijkheid rank, geometry bounding box, registratiedatum,
  einddatumGepland and uiterlijkeEinddatumAfdoening from the zaaktype, verlenging, opschorting);
  identificaties are drawn from the same series as a normal create (``identificatie.draw``, one
  locked draw per batch), so a later normal create never collides with an imported zaak;
- rollen: ``betrokkenen.build_rol`` (zrc-019, betrokkeneIdentificatie against its schema with
  the 11-proof of every BSN, the indexed filter columns); zaakobjecten: ``objecten._remote_checks``
  and ``objecten.build_zaakobject``; zaakeigenschappen: ``eigenschappen.build_zaakeigenschap``
  (zrc-018); resultaat: ``status.check_resultaattype`` (zrc-020);
- statussen, in the order given, as if set one after the other by ``status.create_status``:
  ``status.check_status`` (zrc-016, not in the future), ``status.status_effect`` (the current
  status is the latest; an eindstatus must become current; closing, reopening),
  ``status.check_reopen`` and the scope checks; closing goes through ``status.closing_rule``
  (zrc-007: a resultaat is needed) which derives archiefnominatie/archiefactiedatum (zrc-021,
  ``zaken.archief``) from the parts being imported (``_ImportSources``).

The order an import stands for: the zaak, then its rollen, zaakobjecten, zaakeigenschappen and
resultaat, then its statussen. One rule is stricter than the normal write: a zaakeigenschap's
waarde must match the specificatie of its eigenschap (``eigenschappen.waarde_afwijkingen``,
kardinaliteit): the normal write stores a deviating value with an ``X-Warning`` header, which
nobody reads during an import. Not offered in bulk: ``gezetdoor`` on statussen, deelzaken of
zaken in the same batch (a ``hoofdzaak`` must exist already).

Validation per batch: every zaak of the batch is checked before anything is written (no
database access but cached catalogue reads, and one query per batch where a rule needs the
database); all problems are reported at once in one ``ValidationFailed`` whose names carry the
position (``3.rollen.0.betrokkeneIdentificatie.inpBsn``), and nothing of the batch is written.

Audit trail and notifications: every zaak gets ONE audit trail entry (actie ``create``, resource
``zaak``, ``nieuw`` the zaak as the API shows it after the import, ``toelichting`` marking the
bulk import). No notifications are sent: an import is not news for subscribers (a million
``zaken create`` messages would flood every abonnement and the outbox for hours, and announce as
new what happened years ago); whoever imports informs the subscribers that need it.

Writing: one ``core.bulk.insert`` per kind of row in the batch's transaction (COPY on PostgreSQL,
``bulk_create`` elsewhere).
``Zaak.huidige_status`` names a status inserted after the zaak; the foreign keys are deferred to
the commit on both databases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid as uuidlib
from collections import defaultdict
from typing import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from zaakwerk.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType, ZaakObjectType, ZaakType
from zaakwerk.catalogi.queries import eindstatustype, zaaktype_has_informatieobjecttype
from zaakwerk.core import registers
from zaakwerk.core.actor import Actor
from zaakwerk.core.bulk import insert
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.events import audit_entry, bulk_import_actor
from zaakwerk.core.models import AuditTrail
from zaakwerk.core.references import is_local

from .. import archief
from .. import identificatie as nummering
from ..models import (OpschortingPeriode, Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject,
                      ZaakObject)
from .betrokkenen import build_rol
from .common import COMPONENT, url, zaak_url
from .eigenschappen import build_zaakeigenschap, waarde_afwijkingen
from .objecten import _remote_checks, build_zaakobject
from .relaties import (ZIO_NIET_UNIEK, _check_informatieobjecttype, _check_status, _reference, _zio_allowed, aware,
                       check_informatieobjecttype_allowed, fetch_document)
from .status import (_aware, _check_status_scopes, check_reopen, check_resultaattype, check_status, closing_rule,
                     einddatum_of, fetch_object, gebruiksrecht_unset, status_effect)
from .zaak import _assign, _validate

NON_FIELD = "nonFieldErrors"
PARTS = ("statussen", "resultaat", "rollen", "zaakobjecten", "eigenschappen")


def bulk_create_zaken(actor: Actor, items: Iterable[dict]) -> list[Zaak]:
    """One batch of zaken (see the module docstring for the shape of an item)."""
    return ZakenImport(actor).create_zaken(items)


def bulk_create_zaakinformatieobjecten(actor: Actor, items: Iterable[dict]) -> list[ZaakInformatieObject]:
    """One batch of zaakinformatieobjecten with their mirrors (see ``ZakenImport``)."""
    return ZakenImport(actor).create_zaakinformatieobjecten(items)


@dataclasses.dataclass
class _Planned:
    """One zaak of a batch, checked and derived, not yet written."""

    zaak: Zaak
    start_periode: str | None = None
    statussen: list[Status] = dataclasses.field(default_factory=list)
    resultaat: Resultaat | None = None
    rollen: list[Rol] = dataclasses.field(default_factory=list)
    zaakobjecten: list[ZaakObject] = dataclasses.field(default_factory=list)
    eigenschappen: list[ZaakEigenschap] = dataclasses.field(default_factory=list)


class _ImportSources(archief.ZaakSources):
    """The brondatum sources (zrc-021) of a zaak being imported: its eigenschappen and zaakobjecten
    are the ones of the import (not in the database yet); hoofdzaak, related zaken and objects of
    other registers are read as for a stored zaak (it has no besluiten yet)."""

    def __init__(self, planned: _Planned, einddatum: dt.date):
        super().__init__(planned.zaak, einddatum, fetch_object)
        self.planned = planned

    def eigenschap_waarden(self, naam: str) -> list[str]:
        return [e.waarde for e in self.planned.eigenschappen if e.naam == naam]

    def zaakobjecten(self, objecttype: str, datumkenmerk: str) -> list[dict]:
        return self.zaakobject_attributes([(o.object, o.object_identificatie) for o in self.planned.zaakobjecten
                                           if o.object_type == objecttype], datumkenmerk)

    def besluiten(self) -> list[dict]:
        return []


class _Problems:
    """Collects the problems of one part of a batch under its position (``3.rollen.0.``)."""

    def __init__(self, errors: ValidationErrors, prefix: str):
        self.errors = errors
        self.prefix = prefix
        self.local = ValidationErrors()

    def flush(self) -> bool:
        """Move the problems to the batch's errors; True when there were none."""
        for param in self.local.params:
            self.errors.add(f"{self.prefix}.{param.name}", param.code, param.reason)
        ok = not self.local.params
        self.local = ValidationErrors()
        return ok

    def failed(self, exc: ValidationFailed) -> None:
        self.local.params.extend(exc.params)


def _instance(data: dict, key: str, model, problems: ValidationErrors, *, required: bool = True):
    """``data[key]`` as the model instance the domain functions take (the API adapters resolve URLs
    to instances; a bulk caller does so once per type, not per row)."""
    value = data.get(key)
    if value is None:
        if required:
            problems.add(_camel(key), "required", "Dit veld is vereist.")
        return None
    if not isinstance(value, model):
        problems.add(_camel(key), "invalid", f"Geef een {model._meta.verbose_name} op.")
        return None
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


class ZakenImport:
    """Bulk creation for one actor. Keeps what it read of the (immutable, published) catalogue
    between batches, so a long import reads each zaaktype's eindstatus once."""

    def __init__(self, actor: Actor):
        self.actor = bulk_import_actor(actor)
        self._eind: dict = {}
        self._iot_allowed: dict = {}
        self._zaaktypen: dict = {}

    # ---- zaken --------------------------------------------------------------------------------

    def create_zaken(self, items: Iterable[dict]) -> list[Zaak]:
        items = list(items)
        errors = ValidationErrors()
        planned = [self._plan(index, data, errors) for index, data in enumerate(items)]
        self._check_identificaties(planned, errors)
        errors.raise_if_any()
        if not planned:
            return []
        with transaction.atomic():
            self._draw_identificaties(planned)
            zaken = [p.zaak for p in planned]
            try:
                with transaction.atomic():
                    insert(Zaak, zaken)
            except IntegrityError:
                # a parallel create took one of the given identificaties after the check
                raise ValidationFailed("identificatie", "identificatie-niet-uniek",
                                       "Een identificatie bestaat al voor deze bronorganisatie.") from None
            insert(Status, [s for p in planned for s in p.statussen])
            insert(Resultaat, [p.resultaat for p in planned if p.resultaat is not None])
            insert(Rol, [r for p in planned for r in p.rollen])
            insert(ZaakObject, [o for p in planned for o in p.zaakobjecten])
            insert(ZaakEigenschap, [e for p in planned for e in p.eigenschappen])
            today = timezone.localdate()  # as zaak._write dates a starting opschorting
            opschortingen = [OpschortingPeriode(zaak=p.zaak, start=today, reden=p.start_periode)
                             for p in planned if p.start_periode is not None]
            insert(OpschortingPeriode, opschortingen)
            self._audit(planned, opschortingen)
        return zaken

    def _plan(self, index: int, data: dict, errors: ValidationErrors) -> _Planned | None:
        problems = _Problems(errors, str(index))
        if not isinstance(data, dict):
            errors.add(str(index), "invalid", "Geef een object op.")
            return None
        zaak_data = {key: value for key, value in data.items() if key not in PARTS}
        try:
            values = _validate(self.actor, zaak_data, None, problems.local)
        except ValidationFailed as exc:
            problems.failed(exc)
            values = {}
        if not problems.flush():
            return None
        zaak = Zaak(zaaktype=values["zaaktype"])
        planned = _Planned(zaak)
        planned.start_periode = _assign(zaak, values, creating=True)
        zaak.identificatie = values.get("identificatie") or ""

        self._plan_rollen(planned, data.get("rollen") or [], problems)
        self._plan_zaakobjecten(planned, data.get("zaakobjecten") or [], problems)
        self._plan_eigenschappen(planned, data.get("eigenschappen") or [], problems)
        self._plan_resultaat(planned, data.get("resultaat"), problems)
        self._plan_statussen(planned, data.get("statussen") or [], problems)
        return planned

    def _parts(self, items, name: str, problems: _Problems):
        if not isinstance(items, (list, tuple)):
            problems.local.add(name, "not_a_list", "Geef een lijst op.")
            problems.flush()
            return
        base = problems.prefix
        for index, item in enumerate(items):
            problems.prefix = f"{base}.{name}.{index}"
            if not isinstance(item, dict):
                problems.local.add(NON_FIELD, "invalid", "Geef een object op.")
                problems.flush()
                continue
            yield item
        problems.prefix = base

    def _plan_rollen(self, planned: _Planned, items, problems: _Problems) -> None:
        for data in self._parts(items, "rollen", problems):
            roltype = _instance(data, "roltype", RolType, problems.local)
            if not data.get("betrokkene_type"):
                problems.local.add("betrokkeneType", "required", "Dit veld is vereist.")
            if problems.local.params:
                problems.flush()
                continue
            rol = build_rol(planned.zaak, {**data, "roltype": roltype}, problems.local)
            if problems.flush():
                planned.rollen.append(rol)

    def _plan_zaakobjecten(self, planned: _Planned, items, problems: _Problems) -> None:
        for data in self._parts(items, "zaakobjecten", problems):
            _instance(data, "zaakobjecttype", ZaakObjectType, problems.local, required=False)
            if not data.get("object_type"):
                problems.local.add("objectType", "required", "Dit veld is vereist.")
            if problems.local.params:
                problems.flush()
                continue
            definitie = _remote_checks(data["object_type"], data.get("object") or "",
                                       data.get("object_identificatie"), data.get("object_type_overige_definitie"),
                                       problems.local)
            obj = build_zaakobject(planned.zaak, data, definitie, problems.local)
            if problems.flush():
                planned.zaakobjecten.append(obj)

    def _plan_eigenschappen(self, planned: _Planned, items, problems: _Problems) -> None:
        counts: dict = defaultdict(int)
        for data in self._parts(items, "eigenschappen", problems):
            eigenschap = _instance(data, "eigenschap", Eigenschap, problems.local)
            waarde = data.get("waarde")
            if not isinstance(waarde, str):
                problems.local.add("waarde", "required" if waarde is None else "invalid", "Geef de waarde als tekst op.")
            if problems.local.params:
                problems.flush()
                continue
            obj = build_zaakeigenschap(planned.zaak, {"eigenschap": eigenschap, "waarde": waarde}, problems.local)
            # stricter than the normal write (see the module docstring): the waarde must match
            afwijkingen = waarde_afwijkingen(eigenschap, waarde)
            counts[eigenschap.pk] += 1
            kardinaliteit = (eigenschap.specificatie_kardinaliteit or "").strip()
            if kardinaliteit.isdigit() and counts[eigenschap.pk] > int(kardinaliteit):
                afwijkingen.append(f"de zaak krijgt meer waarden voor deze eigenschap dan de kardinaliteit "
                                   f"({kardinaliteit})")
            if afwijkingen:
                problems.local.add("waarde", "invalid", f"De waarde voldoet niet aan de specificatie van "
                                                        f"eigenschap '{eigenschap.naam}': {'; '.join(afwijkingen)}.")
            if problems.flush():
                planned.eigenschappen.append(obj)

    def _plan_resultaat(self, planned: _Planned, data, problems: _Problems) -> None:
        if data is None:
            return
        base = problems.prefix
        problems.prefix = f"{base}.resultaat"
        if not isinstance(data, dict):
            problems.local.add(NON_FIELD, "invalid", "Geef een object op.")
        else:
            resultaattype = _instance(data, "resultaattype", ResultaatType, problems.local)
            if resultaattype is not None:
                check_resultaattype(planned.zaak, resultaattype, problems.local)
                planned.resultaat = Resultaat(zaak=planned.zaak, resultaattype=resultaattype,
                                              toelichting=data.get("toelichting") or "")
        if not problems.flush():
            planned.resultaat = None
        problems.prefix = base

    def _plan_statussen(self, planned: _Planned, items, problems: _Problems) -> None:
        zaak = planned.zaak
        eind = self._eindstatustype(zaak)
        current: dt.datetime | None = None
        for data in self._parts(items, "statussen", problems):
            statustype = _instance(data, "statustype", StatusType, problems.local)
            datum = data.get("datum_status_gezet")
            if not isinstance(datum, dt.datetime):
                problems.local.add("datumStatusGezet", "required" if datum is None else "invalid",
                                   "Geef een datum en tijd op.")
            if problems.local.params:
                problems.flush()
                continue
            try:
                datum = _aware(datum)
                check_status(zaak, statustype, datum, None, problems.local)
                if problems.local.params:
                    problems.flush()
                    continue
                effect = status_effect(zaak, is_eind=statustype.pk == eind, datum=datum, current=current)
                _check_status_scopes(self.actor, zaak, first=current is None, closed=zaak.einddatum is not None,
                                     reopens=effect.reopens)
                check_reopen(zaak, effect)
                if effect.closes:
                    einddatum = einddatum_of(datum)
                    resultaattype = planned.resultaat.resultaattype if planned.resultaat is not None else None
                    derived = closing_rule(zaak, einddatum, resultaattype, [], _ImportSources(planned, einddatum))
            except ValidationFailed as exc:
                problems.failed(exc)
                problems.flush()
                continue
            status = Status(uuid=uuidlib.uuid4(), zaak=zaak, statustype=statustype, datum_status_gezet=datum,
                            statustoelichting=data.get("statustoelichting") or "")
            planned.statussen.append(status)
            if effect.becomes_current:
                zaak.huidige_status = status
                current = datum
            if effect.closes:
                zaak.einddatum = einddatum
                zaak.archiefnominatie = derived.archiefnominatie
                zaak.archiefactiedatum = derived.archiefactiedatum
            elif effect.reopens:
                zaak.einddatum = None
                zaak.archiefnominatie = ""
                zaak.archiefactiedatum = None

    def _eindstatustype(self, zaak: Zaak):
        if zaak.zaaktype_id not in self._eind:
            eind = eindstatustype(zaak.zaaktype)
            self._eind[zaak.zaaktype_id] = eind.pk if eind is not None else None
        return self._eind[zaak.zaaktype_id]

    # ---- identificaties (zrc-002) ---------------------------------------------------------------

    @staticmethod
    def _check_identificaties(planned: list[_Planned | None], errors: ValidationErrors) -> None:
        """Given identificaties are unique within the batch too (``_validate`` checked them against
        the stored zaken)."""
        seen: dict = {}
        for index, p in enumerate(planned):
            if p is None or not p.zaak.identificatie:
                continue
            key = (p.zaak.bronorganisatie, p.zaak.identificatie)
            if key in seen:
                errors.add(f"{index}.identificatie", "identificatie-niet-uniek",
                           f"Deze identificatie komt al voor bij zaak {seen[key]} van deze batch.")
            seen.setdefault(key, index)

    @staticmethod
    def _draw_identificaties(planned: list[_Planned]) -> None:
        wanted: dict[str, list[Zaak]] = defaultdict(list)
        for p in planned:
            if p.zaak.identificatie:
                nummering.consume_reservation(p.zaak.bronorganisatie, p.zaak.identificatie)
            else:
                wanted[p.zaak.bronorganisatie].append(p.zaak)
        for bronorganisatie, zaken in wanted.items():
            for zaak, value in zip(zaken, nummering.draw(bronorganisatie, len(zaken))):
                zaak.identificatie = value

    # ---- audit trail ----------------------------------------------------------------------------

    def _audit(self, planned: list[_Planned], opschortingen: list[OpschortingPeriode]) -> None:
        """One entry per zaak, ``nieuw`` the zaak as the API shows it (``representation.zaken_json``),
        from the rows just inserted (nothing else relates to the new zaken yet)."""
        from ..representation import related_of, zaken_json

        base_url = self.actor.base_url
        zaken = [p.zaak for p in planned]
        related = related_of(eigenschappen=[e for p in planned for e in p.eigenschappen],
                             rollen=[r for p in planned for r in p.rollen],
                             zaakobjecten=[o for p in planned for o in p.zaakobjecten],
                             resultaten=[p.resultaat for p in planned if p.resultaat is not None],
                             opschortingen=opschortingen)
        entries = []
        for zaak, nieuw in zip(zaken, zaken_json(zaken, base_url, related=related)):
            own_url = zaak_url(base_url, zaak)
            entries.append(audit_entry(
                self.actor, bron=COMPONENT, actie="create", resource="zaak", resource_url=own_url,
                hoofd_object=own_url, hoofd_object_uuid=zaak.pk, nieuw=nieuw,
                resource_weergave=zaak.identificatie, resultaat=201))
        insert(AuditTrail, entries)

    # ---- zaakinformatieobjecten -----------------------------------------------------------------

    def create_zaakinformatieobjecten(self, items: Iterable[dict]) -> list[ZaakInformatieObject]:
        """Items: ``zaak`` (a Zaak or its uuid), ``informatieobject`` (URL), ``titel``,
        ``beschrijving``, ``vernietigingsdatum``, ``status`` (a Status of the zaak) -- the data of
        ``relaties.create_zaakinformatieobject``. The same rules (zrc-003, zrc-017, zrc-022, the
        status of the same zaak, one relation per zaak and document), checked per batch with the
        zaken locked; one rule more: a document related to a zaak that is closed already must
        have its indicatieGebruiksrecht set, as closing requires of the documents it has (zrc-007:
        the import stands for relations made before the zaak was closed). The mirrors
        (objectinformatieobjecten, zrc-005) are created in bulk by the Documenten register
        (``core.registers``); no audit entries or notifications (see the module docstring)."""
        items = list(items)
        if not items:
            return []
        errors = ValidationErrors()
        with transaction.atomic():
            ids = {getattr(item.get("zaak"), "pk", item.get("zaak")) for item in items if isinstance(item, dict)}
            # the zaken as they are now, locked (as relaties.create_zaakinformatieobject locks its zaak)
            zaken = Zaak.objects.select_for_update().in_bulk([i for i in ids if i is not None])
            for zaak in zaken.values():
                zaak.zaaktype = self._zaaktype(zaak.zaaktype_id)
            documenten = registers.documenten()
            urls = [u for u in (item.get("informatieobject") for item in items if isinstance(item, dict))
                    if isinstance(u, str)]
            feiten = documenten.feiten(urls) if documenten is not None else {}
            existing = set(ZaakInformatieObject.objects.filter(informatieobject__in=urls)
                           .values_list("zaak_id", "informatieobject"))
            seen: set = set()
            zios = []
            for index, item in enumerate(items):
                problems = _Problems(errors, str(index))
                zio = self._plan_zio(item, zaken, feiten, existing | seen, problems.local)
                if problems.flush() and zio is not None:
                    seen.add((zio.zaak_id, zio.informatieobject))
                    zios.append(zio)
            errors.raise_if_any()
            insert(ZaakInformatieObject, zios)
            if documenten is not None:
                documenten.relaties_geimporteerd(self.actor, object_type="zaak", relaties=[
                    (zio.informatieobject, url(self.actor.base_url, "zaken", zio.zaak_id))
                    for zio in zios if is_local(zio.informatieobject)])
        return zios

    def _plan_zio(self, item, zaken: dict, feiten: dict, taken: set,
                  problems: ValidationErrors) -> ZaakInformatieObject | None:
        if not isinstance(item, dict):
            problems.add(NON_FIELD, "invalid", "Geef een object op.")
            return None
        zaak = zaken.get(getattr(item.get("zaak"), "pk", item.get("zaak")))
        informatieobject = item.get("informatieobject")
        if zaak is None:
            problems.add("zaak", "does_not_exist", "De zaak bestaat niet.")
        if not isinstance(informatieobject, str) or not informatieobject:
            problems.add("informatieobject", "required", "Dit veld is vereist.")
        if problems.params:
            return None
        try:
            _zio_allowed(self.actor, zaak)  # zrc-007, zrc-022
        except ValidationFailed as exc:
            problems.params.extend(exc.params)
            return None
        facts = feiten.get(informatieobject)
        if facts is None:
            # not a local document (or a missing one): exactly the normal path, zrc-003 and zrc-017
            document = _reference(problems, "informatieobject", fetch_document, informatieobject)
            if document is not None:
                _check_informatieobjecttype(zaak, document, problems)
                if zaak.einddatum is not None and document.get("indicatieGebruiksrecht") is None:
                    problems.add(NON_FIELD, *gebruiksrecht_unset(informatieobject))
        else:
            check_informatieobjecttype_allowed(zaak, facts.informatieobjecttype, problems, self._allowed)
            if zaak.einddatum is not None and facts.indicatie_gebruiksrecht is None:
                problems.add(NON_FIELD, *gebruiksrecht_unset(informatieobject))
        status = item.get("status")
        _check_status(zaak, status, problems)
        if (zaak.pk, informatieobject) in taken:
            problems.add(NON_FIELD, "unique", ZIO_NIET_UNIEK)
        try:
            vernietigingsdatum = aware(item.get("vernietigingsdatum"), "vernietigingsdatum")
        except ValidationFailed as exc:
            problems.params.extend(exc.params)
            return None
        return ZaakInformatieObject(
            zaak=zaak, informatieobject=informatieobject, aard_relatie="hoort_bij",
            titel=item.get("titel") or "", beschrijving=item.get("beschrijving") or "",
            vernietigingsdatum=vernietigingsdatum, status=status)

    def _zaaktype(self, pk):
        if pk not in self._zaaktypen:
            self._zaaktypen[pk] = ZaakType.objects.get(pk=pk)
        return self._zaaktypen[pk]

    def _allowed(self, zaaktype, iot) -> bool:
        key = (zaaktype.pk, iot.pk)
        if key not in self._iot_allowed:
            self._iot_allowed[key] = zaaktype_has_informatieobjecttype(zaaktype, iot)
        return self._iot_allowed[key]

