"""The bulk path of the Documenten register: many enkelvoudige informatieobjecten, each with its
first version and its content, in one transaction. For imports and ``zaakwerk bulkload``, where a
million documents through ``create_document`` (a transaction, a locked identificatie draw and a
representation per document) would take many hours.

One domain core: a bulk document satisfies exactly what ``documenten.create_document`` makes, by
the same functions:

- ``documenten.validate_new``: the field rules, drc-001 (a published informatieobjecttype),
  drc-005, drc-006 (indicatieGebruiksrecht cannot be true on create), drc-007 (vertrouwelijkheid
  from the informatieobjecttype); ``documenten._authorise``: the scope ``documenten.aanmaken`` on
  the type up to the document's vertrouwelijkheid (asked once per type and vertrouwelijkheid);
- identificaties from the same (bronorganisatie, year) series (``documenten.draw_identificaties``,
  one locked draw per batch), so later normal creates never collide; given identificaties are
  unique per bronorganisatie, also within the batch;
- the content is written through the same storage (``documenten._store_content``: the name
  ``storage.content_name`` gives, Django's default storage), before the transaction, and removed
  again when the batch fails; written in a few threads (the storage calls are I/O);
- the canonical row and its version are built by ``documenten._sync``, ``documenten._apply`` and
  ``documenten._content`` (version 1, the copied filter columns, ``laatste_versie``), the
  trefwoorden rows as ``documenten._trefwoorden`` writes them.

Not offered in bulk: an upload in bestandsdelen (a ``bestandsomvang`` without content), which
needs a lock and a client that sends the parts.

Input: a list of dicts, each the data of ``create_document`` (snake_case keys, Python values), with
``informatieobjecttype`` as the ``InformatieObjectType`` (resolve URLs once per type, not per
document) and ``inhoud`` as bytes or a ``storage.Inhoud``. Every document of the batch is checked
before anything is written; all problems are reported at once in one ``ValidationFailed`` whose
names carry the position (``12.taal``), and nothing of the batch is written.

Audit trail and notifications: ONE audit trail entry per document (actie ``create``, ``nieuw`` the
document as the API shows it, ``toelichting`` marking the bulk import); no notifications: an import
is not news for the subscribers of kanaal ``documenten`` (see ``zaken.domain.bulk``). Relations with
zaken are made by the Zaken register (``zaken.domain.bulk``), which has the Documenten register
mirror them (``relaties.DocumentenRegister.relaties_geimporteerd``): this register knows nothing of
zaken.
"""

from __future__ import annotations

import dataclasses
import uuid as uuidlib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable

from django.db import transaction
from django.utils import timezone

from zaakwerk.core.actor import Actor
from zaakwerk.core.bulk import insert
from zaakwerk.core.errors import ValidationErrors
from zaakwerk.core.events import audit_entry, bulk_import_actor
from zaakwerk.core.models import AuditTrail

from .. import storage
from ..models import DocumentTrefwoord, EnkelvoudigInformatieObject, EnkelvoudigInformatieObjectVersie
from ..storage import Inhoud
from .common import COMPONENT, SCOPE_AANMAKEN, document_url
from .documenten import (_apply, _authorise, _content, _store_content, _sync, draw_identificaties,
                         validate_new)

# parallel writes to the storage (filesystem or object store): I/O, so threads help even on 2 cores
STORAGE_THREADS = 4


def bulk_create_documenten(actor: Actor, items: Iterable[dict]) -> list[EnkelvoudigInformatieObject]:
    """One batch of documents (see the module docstring)."""
    return DocumentenImport(actor).create_documenten(items)


@dataclasses.dataclass
class _Planned:
    uuid: uuidlib.UUID
    data: dict
    values: dict


class DocumentenImport:
    """Bulk creation for one actor; remembers the authorisations it asked between batches."""

    def __init__(self, actor: Actor):
        self.actor = bulk_import_actor(actor)
        self._authorised: set = set()

    def create_documenten(self, items: Iterable[dict]) -> list[EnkelvoudigInformatieObject]:
        items = list(items)
        errors = ValidationErrors()
        planned = [self._plan(index, data, errors) for index, data in enumerate(items)]
        self._check_identificaties(planned, errors)
        errors.raise_if_any()
        if not planned:
            return []
        written: list[str] = []
        try:
            size = -(-len(planned) // STORAGE_THREADS)
            with ThreadPoolExecutor(max_workers=STORAGE_THREADS) as pool:
                chunks = pool.map(lambda chunk: [_store_content(p.uuid, p.data, written) for p in chunk],
                                  [planned[start:start + size] for start in range(0, len(planned), size)])
                stored = [data for chunk in chunks for data in chunk]
            with transaction.atomic():
                return self._write(planned, stored)
        except BaseException:
            storage.delete(written)
            raise

    # ---- checking -------------------------------------------------------------------------------

    def _plan(self, index: int, data: dict, errors: ValidationErrors) -> _Planned | None:
        if not isinstance(data, dict):
            errors.add(str(index), "invalid", "Geef een object op.")
            return None
        local = ValidationErrors()
        values = validate_new(self.actor, data, local)
        inhoud = data.get("inhoud")
        if isinstance(inhoud, (bytes, bytearray)):
            data = {**data, "inhoud": Inhoud.from_bytes(bytes(inhoud))}
        elif inhoud is not None and not isinstance(inhoud, Inhoud):
            local.add("inhoud", "invalid", "Geef de inhoud als bytes op.")
        if inhoud is None and data.get("bestandsomvang"):
            local.add("bestandsomvang", "invalid",
                      "Een upload in bestandsdelen kan niet in bulk: geef de inhoud mee.")
        for param in local.params:
            errors.add(f"{index}.{param.name}", param.code, param.reason)
        if local.params:
            return None
        iot = values["informatieobjecttype"]
        key = (iot.pk, values["vertrouwelijkheidaanduiding"])
        if key not in self._authorised:
            _authorise(self.actor, [SCOPE_AANMAKEN], *key)
            self._authorised.add(key)
        return _Planned(uuidlib.uuid4(), data, values)

    @staticmethod
    def _check_identificaties(planned: list[_Planned | None], errors: ValidationErrors) -> None:
        """Given identificaties: unique per bronorganisatie, among the stored documents (one query
        per bronorganisatie) and within the batch."""
        given: dict = defaultdict(dict)
        for index, p in enumerate(planned):
            if p is None or not p.values.get("identificatie"):
                continue
            bron, ident = p.values["bronorganisatie"], p.values["identificatie"]
            if ident in given[bron]:
                errors.add(f"{index}.identificatie", "identificatie-niet-uniek",
                           f"Deze identificatie komt al voor bij document {given[bron][ident]} van deze batch.")
            else:
                given[bron][ident] = index
        for bron, idents in given.items():
            for ident in EnkelvoudigInformatieObject.objects.filter(
                    bronorganisatie=bron, identificatie__in=list(idents)).values_list("identificatie", flat=True):
                errors.add(f"{idents[ident]}.identificatie", "identificatie-niet-uniek",
                           "Deze identificatie bestaat al voor deze bronorganisatie.")

    # ---- writing --------------------------------------------------------------------------------

    def _write(self, planned: list[_Planned], stored: list[dict]) -> list[EnkelvoudigInformatieObject]:
        wanted: dict[str, list[dict]] = defaultdict(list)
        for p in planned:
            if not p.values.get("identificatie"):
                wanted[p.values["bronorganisatie"]].append(p.values)
        for bron, values_list in wanted.items():
            for values, ident in zip(values_list, draw_identificaties(bron, len(values_list))):
                values["identificatie"] = ident

        now = timezone.now()
        documents, versions = [], []
        for p, data in zip(planned, stored):
            values = p.values
            document = EnkelvoudigInformatieObject(
                uuid=p.uuid, informatieobjecttype=values["informatieobjecttype"],
                indicatie_gebruiksrecht=values.get("indicatie_gebruiksrecht"))
            _sync(document, values)
            version = EnkelvoudigInformatieObjectVersie(document=document, versie=1, begin_registratie=now)
            _apply(version, values)
            _content(document, version, data, creating=True)
            documents.append(document)
            versions.append(version)
        # the versions first: the documents name them (laatste_versie); the foreign key of a
        # version to its document is checked at the commit
        insert(EnkelvoudigInformatieObjectVersie, versions, returning_pks=True)
        for document, version in zip(documents, versions):
            document.laatste_versie = version
        insert(EnkelvoudigInformatieObject, documents)
        insert(DocumentTrefwoord, [DocumentTrefwoord(document=document, trefwoord=t) for document, version
                                   in zip(documents, versions) for t in dict.fromkeys(version.trefwoorden or [])])
        self._audit(documents)
        return documents

    def _audit(self, documents: list[EnkelvoudigInformatieObject]) -> None:
        from ..representation import documenten_json

        base_url = self.actor.base_url
        entries = []
        for document, nieuw in zip(documents, documenten_json(documents, base_url)):
            own_url = document_url(base_url, document)
            entries.append(audit_entry(
                self.actor, bron=COMPONENT, actie="create", resource="enkelvoudiginformatieobject",
                resource_url=own_url, hoofd_object=own_url, hoofd_object_uuid=document.pk, nieuw=nieuw,
                resource_weergave=document.identificatie, resultaat=201))
        insert(AuditTrail, entries)
