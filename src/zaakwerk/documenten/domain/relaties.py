"""OBJECTINFORMATIEOBJECTen: the Documenten side of a document's relation with a zaak or besluit,
and the in-process seam (``core.registers.Documenten``) through which the Zaken and Besluiten
registers of this server keep them in step (zrc-005, zrc-022, zrc-023, brc-005, brc-009).

Rules (codes as VNG's conformance suite pins them):

- drc-002: ``object`` resolves (``bad-url``) to a resource of the ``objectType``
  (``invalid-resource``): a local URL must name a zaak / besluit of this server; a foreign one must
  answer 200 with a JSON object.
- drc-003: ``object`` + ``informatieobject`` unique (``nonFieldErrors`` / ``unique``). When the
  Zaken or Besluiten register of this server made the relation, it already made this mirror: a
  client's POST for it gets ``unique``.
- drc-004: the relation exists in the object's register (``nonFieldErrors`` /
  ``inconsistent-relation``): for a local object asked in-process through that register's
  ``zaakinformatieobjecten`` / ``besluitinformatieobjecten`` resource and its filters, for a
  foreign one with ``GET {api}/zaakinformatieobjecten?zaak=..&informatieobject=..``.
- A client's DELETE of a mirror whose relation still exists in a local register is refused
  (``nonFieldErrors`` / ``inconsistent-relation``): the register removes it with the relation.

Every change is logged on the document's audit trail and announced on kanaal ``documenten``.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit

from django.db import IntegrityError, transaction

from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.registers import DocumentFacts
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.references import (
    ReferenceLookupError,
    fetch_json,
    is_local,
    is_valid_url,
    resolve_local,
    resolve_resource,
)

from ..models import EnkelvoudigInformatieObject, ObjectInformatieObject
from .common import DOCUMENT_RESOURCE, NON_FIELD, ROOT, record_document_change, url

# objectType -> (registry key of the object, registry key of the relation, the relation's filter
# naming the object, the relation collection in a foreign API)
SOURCES = {
    "zaak": ("zaken.zaak", "zaken.zaakinformatieobject", "zaak", "zaakinformatieobjecten"),
    "besluit": ("besluiten.besluit", "besluiten.besluitinformatieobject", "besluit", "besluitinformatieobjecten"),
}


def snapshot(actor: Actor, oio: ObjectInformatieObject) -> dict:
    from ..representation import objectinformatieobjecten_json

    return objectinformatieobjecten_json([oio], actor.base_url)[0]


def _record(actor: Actor, oio: ObjectInformatieObject, actie: str, oud, nieuw) -> None:
    document = EnkelvoudigInformatieObject.objects.select_related("laatste_versie").get(pk=oio.informatieobject_id)
    record_document_change(actor, document=document, actie=actie, resource="objectinformatieobject",
                           resource_url=url(actor.base_url, "objectinformatieobjecten", oio.pk), oud=oud,
                           nieuw=nieuw, weergave=f"{document.identificatie} - {oio.object}"[:200])


def create_objectinformatieobject(actor: Actor, data: dict) -> ObjectInformatieObject:
    """``POST /objectinformatieobjecten`` (drc-002, 003, 004)."""
    errors = ValidationErrors()
    object_type = data.get("object_type")
    if object_type not in ("zaak", "besluit", "verzoek"):
        errors.add("objectType", "invalid_choice", "Kies zaak, besluit of verzoek.")
    document = _document(actor, data.get("informatieobject"), errors)
    object_url = data.get("object")
    if not is_valid_url(object_url):
        errors.add("object", "invalid", "Voer een geldige URL in.")
    errors.raise_if_any()
    _check_object(actor, object_type, object_url)  # drc-002
    with change():
        document = EnkelvoudigInformatieObject.objects.select_for_update().get(pk=document.pk)
        document_link = url(actor.base_url, "enkelvoudiginformatieobjecten", document.pk)
        if ObjectInformatieObject.objects.filter(informatieobject=document, object=object_url).exists():
            raise ValidationFailed(NON_FIELD, "unique", "Deze relatie tussen object en informatieobject bestaat al.")
        if not _relation_exists(actor, object_type, object_url, document_link):  # drc-004
            raise ValidationFailed(NON_FIELD, "inconsistent-relation",
                                   f"De relatie bestaat niet in de registratie van het object ({object_type}).")
        return _create(actor, document, object_url, object_type)


def delete_objectinformatieobject(actor: Actor, oio: ObjectInformatieObject) -> None:
    with change():
        oio = ObjectInformatieObject.objects.select_for_update().filter(pk=oio.pk).first()
        if oio is None:
            return
        document_link = url(actor.base_url, "enkelvoudiginformatieobjecten", oio.informatieobject_id)
        if is_local(oio.object, actor.base_url) and oio.object_type in SOURCES \
                and _relation_exists(actor, oio.object_type, oio.object, document_link, local_only=True):
            raise ValidationFailed(NON_FIELD, "inconsistent-relation",
                                   "De relatie bestaat nog in de registratie van het object; verwijder die daar.")
        _delete(actor, oio)


def _create(actor: Actor, document: EnkelvoudigInformatieObject, object_url: str,
            object_type: str) -> ObjectInformatieObject:
    try:
        with transaction.atomic():
            oio = ObjectInformatieObject.objects.create(informatieobject=document, object=object_url,
                                                        object_type=object_type)
    except IntegrityError:
        raise ValidationFailed(NON_FIELD, "unique", "Deze relatie tussen object en informatieobject bestaat al.") from None
    _record(actor, oio, "create", None, snapshot(actor, oio))
    return oio


def _delete(actor: Actor, oio: ObjectInformatieObject) -> None:
    oud = snapshot(actor, oio)
    _record(actor, oio, "destroy", oud, None)
    oio.delete()


def _document(actor: Actor, value, errors: ValidationErrors) -> EnkelvoudigInformatieObject | None:
    if isinstance(value, EnkelvoudigInformatieObject):
        return value
    if not is_valid_url(value):
        errors.add("informatieobject", "invalid", "Voer een geldige URL in.")
        return None
    try:
        return resolve_resource(value, actor.base_url, DOCUMENT_RESOURCE)
    except ReferenceLookupError as exc:
        errors.add("informatieobject", exc.code or "bad-url", exc.detail)
        return None


def _check_object(actor: Actor, object_type: str, object_url: str) -> None:
    """drc-002: the object resolves to a resource of its type."""
    expected = SOURCES.get(object_type, (None,))[0]
    match = resolve_local(object_url, actor.base_url)
    if match is not None or is_local(object_url, actor.base_url):
        resource = match.resource if match is not None else None
        if match is None or resource is None or "uuid" not in match.kwargs \
                or not match.view_name.endswith("-detail"):
            raise ValidationFailed("object", "bad-url", "De URL verwijst niet naar een bestaande resource.")
        if expected is None or resource.key != expected:
            raise ValidationFailed("object", "invalid-resource",
                                   f"De URL verwijst niet naar een {object_type}.")
        if not resource.model.objects.filter(pk=match.kwargs["uuid"]).exists():
            raise ValidationFailed("object", "bad-url", "De URL verwijst niet naar een bestaande resource.")
        return
    try:
        body = fetch_json(object_url)
    except ReferenceLookupError as exc:
        raise ValidationFailed("object", exc.code or "bad-url", exc.detail) from None
    if not isinstance(body, dict) or (object_type == "zaak" and "zaaktype" not in body) \
            or (object_type == "besluit" and "besluittype" not in body):
        raise ValidationFailed("object", "invalid-resource", f"De URL verwijst niet naar een {object_type}.")


def _relation_exists(actor: Actor, object_type: str, object_url: str, document_link: str, *,
                     local_only: bool = False) -> bool:
    """drc-004: does the object's register hold the relation with this document?"""
    if object_type not in SOURCES:
        return True  # verzoeken: another API without a relation resource we can ask
    _, relation_key, object_filter, collection = SOURCES[object_type]
    if is_local(object_url, actor.base_url):
        from zaakwerk.core.api import REGISTRY, Context

        resource = REGISTRY.get(relation_key)
        if resource is None:
            return False
        from django.http import HttpRequest

        ctx = Context(request=HttpRequest(), api=resource.api, actor=Actor.system(actor.base_url),
                      base_url=actor.base_url)
        qs = resource.base_queryset(ctx)
        for name, value in ((object_filter, object_url), ("informatieobject", document_link)):
            flt = resource.filters.get(name)
            if flt is None:
                return False
            qs = flt.apply(qs, name, flt.parse(name, value, ctx), ctx)
        return qs.exists()
    if local_only:
        return False
    # a foreign register: its list of relations, filtered on both ends
    parts = urlsplit(object_url)
    root = parts.path.rsplit("/", 2)[0]
    query = urlencode({object_filter: object_url, "informatieobject": document_link})
    try:
        body = fetch_json(f"{parts.scheme}://{parts.netloc}{root}/{collection}?{query}")
    except ReferenceLookupError:
        return False
    items = body.get("results", []) if isinstance(body, dict) else body
    return bool(items)


# --------------------------------------------------------------------------------------------
# The seam for the Zaken and Besluiten registers of this server (core.registers.Documenten)
# --------------------------------------------------------------------------------------------


def _local_document(actor: Actor, informatieobject: str) -> EnkelvoudigInformatieObject | None:
    match = resolve_local(informatieobject, actor.base_url)
    if match is None or getattr(match.resource, "key", None) != DOCUMENT_RESOURCE or "uuid" not in match.kwargs:
        return None
    return EnkelvoudigInformatieObject.objects.filter(pk=match.kwargs["uuid"]).first()


class DocumentenRegister:
    """Zaakwerk's Documenten register as the other registers see it (same transaction)."""

    def relatie_aangemaakt(self, actor: Actor, *, informatieobject: str, object_type: str,
                           object_url: str) -> None:
        document = _local_document(actor, informatieobject)
        if document is None:
            return
        if ObjectInformatieObject.objects.filter(informatieobject=document, object=object_url).exists():
            return
        _create(actor, document, object_url, object_type)

    def relatie_verwijderd(self, actor: Actor, *, informatieobject: str, object_type: str,
                           object_url: str) -> None:
        document = _local_document(actor, informatieobject)
        if document is None:
            return
        for oio in ObjectInformatieObject.objects.filter(informatieobject=document, object=object_url):
            _delete(actor, oio)

    def object_verwijderd(self, actor: Actor, *, object_type: str, object_url: str,
                          informatieobjecten: Iterable[str]) -> None:
        ids = [d.pk for d in (_local_document(actor, u) for u in informatieobjecten) if d is not None]
        for oio in ObjectInformatieObject.objects.filter(object=object_url, informatieobject_id__in=ids):
            _delete(actor, oio)

    def niet_gearchiveerd(self, informatieobjecten: Iterable[str]) -> list[str]:
        by_pk = _local_pks(informatieobjecten)
        if not by_pk:
            return []
        niet = EnkelvoudigInformatieObject.objects.filter(pk__in=list(by_pk)).exclude(status="gearchiveerd")
        return [u for pk in niet.values_list("pk", flat=True) for u in by_pk[pk]]

    def feiten(self, informatieobjecten: Iterable[str]) -> dict[str, DocumentFacts]:
        from zaakwerk.catalogi.models import InformatieObjectType

        by_pk = _local_pks(informatieobjecten)
        if not by_pk:
            return {}
        rows = list(EnkelvoudigInformatieObject.objects.filter(pk__in=list(by_pk)).values_list(
            "pk", "informatieobjecttype_id", "indicatie_gebruiksrecht", "status"))
        iots = InformatieObjectType.objects.in_bulk({row[1] for row in rows})
        return {url: DocumentFacts(iots[iot_id], indicatie, status)
                for pk, iot_id, indicatie, status in rows for url in by_pk[pk]}

    def relaties_geimporteerd(self, actor: Actor, *, object_type: str,
                              relaties: Iterable[tuple[str, str]]) -> None:
        relaties = list(relaties)
        by_pk = _local_pks(io for io, _ in relaties)
        pk_of = {url: pk for pk, urls in by_pk.items() for url in urls}
        pairs = {(pk_of[io], object_url) for io, object_url in relaties if io in pk_of}
        if not pairs:
            return
        # drc-003: a mirror that exists already is not made twice
        existing = set(ObjectInformatieObject.objects.filter(informatieobject_id__in={pk for pk, _ in pairs})
                       .values_list("informatieobject_id", "object"))
        from zaakwerk.core.bulk import insert

        insert(ObjectInformatieObject, [ObjectInformatieObject(informatieobject_id=pk, object=object_url,
                                                               object_type=object_type)
                                        for pk, object_url in sorted(pairs - existing, key=str)])


# the path of a document's URL (Django's uuid converter), recognised without the URL resolver
_DOCUMENT_PATH = re.compile(rf"^{ROOT}/enkelvoudiginformatieobjecten/"
                            r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")


def _local_pks(informatieobjecten: Iterable[str]) -> dict:
    """{uuid: [URLs]} of the URLs that name a document of this server. The common form (this
    server's host, the document's path) is recognised directly, which matters for the many URLs
    of a bulk import; anything else goes through the URL resolver."""
    from zaakwerk.core.references import local_hosts
    from zaakwerk.core.request_state import base_url

    current = base_url() or None
    hosts = local_hosts(current)
    by_pk: dict = {}
    for item in informatieobjecten:
        parts = urlsplit(item) if isinstance(item, str) else None
        fast = _DOCUMENT_PATH.match(parts.path) if parts is not None and not parts.query \
            and parts.scheme in ("http", "https") and parts.netloc.lower() in hosts else None
        if fast is not None:
            by_pk.setdefault(uuidlib.UUID(fast.group(1)), []).append(item)
            continue
        match = resolve_local(item, current)
        if match is not None and getattr(match.resource, "key", None) == DOCUMENT_RESOURCE \
                and "uuid" in match.kwargs:
            by_pk.setdefault(match.kwargs["uuid"], []).append(item)
    return by_pk


REGISTER = DocumentenRegister()
