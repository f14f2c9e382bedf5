"""The ENKELVOUDIGINFORMATIEOBJECT resource of the Documenten API 1.7.0:
``/enkelvoudiginformatieobjecten`` (list with the filters of the standard, create),
``/enkelvoudiginformatieobjecten/{uuid}`` (retrieve with ``?versie=`` / ``?registratieOp=``,
HEAD/ETag, update and partial update: each a new version, delete), ``/download`` (streamed),
``/lock``, ``/unlock``, ``POST /enkelvoudiginformatieobjecten/_zoek`` and the audit trail.

A thin adapter: wire schemas, filters and views; every rule is in ``domain.documenten``.
Authorisation comes from ``DocumentenResource`` (one EXISTS condition per list, 403 on a detail);
the type check on create/update is a domain rule (the type is known only after resolving it).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import uuid as uuidlib
from typing import Annotated, Literal

import msgspec
from django.db.models import Exists, OuterRef
from django.http import FileResponse
from django.utils.dateparse import parse_datetime
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import (
    Action,
    CollectionView,
    Context,
    DetailView,
    Expansion,
    Filter,
    decode_body,
)
from zaakwerk.core.audit_api import audittrail_resource
from zaakwerk.core.errors import NotFound, ValidationFailed
from zaakwerk.core.http import json_response

from .. import representation, storage
from ..domain import documenten as domain
from ..domain.common import SCOPE_GEFORCEERD_UNLOCK, SCOPE_LOCK
from ..models import (
    DocumentTrefwoord,
    EnkelvoudigInformatieObject,
    ObjectInformatieObject,
)
from .base import CREATE, DELETE, READ, UPDATE, DocumentenResource, LargeBodyMixin
from .bodies import read_document_body

Unset = UnsetType


def Text(max_length: int, min_length: int = 0):
    return Annotated[str, Meta(max_length=max_length, min_length=min_length)]


Vertrouwelijkheid = Literal["", "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk",
                            "confidentieel", "geheim", "zeer_geheim"]
Status = Literal["", "in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"]
Algoritme = Literal["crc_16", "crc_32", "crc_64", "fletcher_4", "fletcher_8", "fletcher_16", "fletcher_32",
                    "hmac", "md5", "sha_1", "sha_256", "sha_512", "sha_3"]


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    pass


class OndertekeningIn(Struct, kw_only=True):
    soort: Literal["analoog", "digitaal", "pki"]
    datum: dt.date


class IntegriteitIn(Struct, kw_only=True):
    algoritme: Algoritme
    waarde: Text(128, 1)
    datum: dt.date


class DocumentIn(Struct, kw_only=True):
    """``EnkelvoudigInformatieObjectCreateLockRequest`` (read-only fields a client sends are
    ignored, as are unknown ones; ``lock`` may not be given on create and is ignored)."""

    identificatie: Text(40) | Unset = UNSET
    bronorganisatie: Text(9, 1)
    creatiedatum: dt.date
    titel: Text(200, 1)
    vertrouwelijkheidaanduiding: Vertrouwelijkheid | Unset = UNSET
    is_gereed_voor_publicatie: bool | None | Unset = UNSET
    tonen_aan_initiator: bool | Unset = UNSET
    auteur: Text(200, 1)
    status: Status | Unset = UNSET
    inhoud_is_vervallen: bool | None | Unset = UNSET
    formaat: Text(255) | Unset = UNSET
    taal: Text(3, 3)
    bestandsnaam: Text(255) | Unset = UNSET
    inhoud: bytes | None | Unset = UNSET
    bestandsomvang: Annotated[int, Meta(ge=0, le=2**63 - 1)] | None | Unset = UNSET
    link: Text(200) | Unset = UNSET
    beschrijving: Text(1000) | Unset = UNSET
    ontvangstdatum: dt.date | None | Unset = UNSET
    verzenddatum: dt.date | None | Unset = UNSET
    indicatie_gebruiksrecht: bool | None | Unset = UNSET
    verschijningsvorm: str | Unset = UNSET
    ondertekening: OndertekeningIn | None | Unset = UNSET
    integriteit: IntegriteitIn | None | Unset = UNSET
    informatieobjecttype: Text(200, 1)
    trefwoorden: list[Text(100)] | Unset = UNSET


class DocumentWithLockIn(DocumentIn, kw_only=True):
    """``EnkelvoudigInformatieObjectWithLockRequest``: the same plus the required ``lock``."""

    lock: Annotated[str, Meta(min_length=1)]


class UnlockIn(Struct, kw_only=True):
    lock: Annotated[str, Meta(max_length=100)] | Unset = UNSET


class DocumentZoek(msgspec.Struct, kw_only=True):
    """``EIOZoekRequest``: ``uuid__in`` and the list filters."""

    uuid__in: list[uuidlib.UUID]
    identificatie: str | Unset = UNSET
    bronorganisatie: str | Unset = UNSET
    expand: str | list[str] | Unset = UNSET
    objectinformatieobjecten_object: str | Unset = UNSET
    objectinformatieobjecten_objectType: Literal["besluit", "zaak", "verzoek"] | Unset = UNSET
    trefwoorden: list[str] | str | Unset = UNSET


# ---- filters ---------------------------------------------------------------------------------


def _oio_filter(field: str, kind: str, choices=None) -> Filter:
    def method(qs, value, ctx):
        return qs.filter(Exists(ObjectInformatieObject.objects.filter(informatieobject_id=OuterRef("pk"),
                                                                      **{field: value})))

    return Filter(kind, method=method, choices=choices)


def _trefwoorden(qs, value, ctx):
    """Documents with at least one of the given trefwoorden (one indexed EXISTS)."""
    if not value:
        return qs
    return qs.filter(Exists(DocumentTrefwoord.objects.filter(document_id=OuterRef("pk"), trefwoord__in=value)))


FILTERS: dict[str, Filter] = {
    "identificatie": Filter("str", field="identificatie"),
    "bronorganisatie": Filter("str", field="bronorganisatie"),
    "objectinformatieobjecten_object": _oio_filter("object", "url"),
    "objectinformatieobjecten_objectType": _oio_filter("object_type", "str", choices=("besluit", "zaak", "verzoek")),
    "trefwoorden": Filter("csv", method=_trefwoorden),
}


# ---- the resource ------------------------------------------------------------------------------


def _int_param(ctx: Context, name: str) -> int | None:
    raw = ctx.request.GET.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationFailed(name, "invalid", "Geef een geheel getal op.") from None


def _datetime_param(ctx: Context, name: str) -> dt.datetime | None:
    raw = ctx.request.GET.get(name)
    if raw in (None, ""):
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+")) or (dt.datetime.fromisoformat(raw) if raw else None)
    except ValueError:
        value = None
    if value is None:
        raise ValidationFailed(name, "invalid", "Geef een datum en tijd op (ISO 8601).")
    return value


def _lock(resource, ctx: Context, obj):
    token = domain.lock_document(ctx.actor, obj)
    return json_response({"lock": token})


def _unlock(resource, ctx: Context, obj):
    data = decode_body(ctx.request, UnlockIn)
    domain.unlock_document(ctx.actor, obj, data.get("lock"))
    from django.http import HttpResponse

    return HttpResponse(status=204)


class DocumentResource(DocumentenResource):
    name = "enkelvoudiginformatieobject"
    collection = "enkelvoudiginformatieobjecten"
    model = EnkelvoudigInformatieObject
    document_path = ""
    scopes = {"list": READ, "retrieve": READ, "create": CREATE, "update": UPDATE, "partial_update": UPDATE,
              "destroy": DELETE, "download": READ, "lock": (SCOPE_LOCK,),
              "unlock": (SCOPE_LOCK, SCOPE_GEFORCEERD_UNLOCK)}
    filters = FILTERS
    default_ordering = ("aangemaakt", "pk")
    expansions = {"informatieobjecttype": Expansion("catalogi.informatieobjecttype")}
    create_schema = DocumentIn
    update_schema = DocumentWithLockIn
    search_schema = DocumentZoek
    actions = (
        Action("lock", "post", (SCOPE_LOCK,), _lock),
        Action("unlock", "post", (SCOPE_LOCK, SCOPE_GEFORCEERD_UNLOCK), _unlock),
    )

    def base_queryset(self, ctx: Context):
        return EnkelvoudigInformatieObject.objects.select_related("laatste_versie")

    def get_object(self, ctx: Context, uuid, action: str):
        document = super().get_object(ctx, uuid, action)
        if action in ("retrieve", "download"):
            versie = _int_param(ctx, "versie")
            moment = _datetime_param(ctx, "registratieOp")
            if versie is not None or moment is not None:
                document.getoonde_versie = domain.version_of(document, versie=versie, registratie_op=moment)
        return document

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return representation.documenten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        return domain.create_document(ctx.actor, data)

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        return domain.update_document(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_document(ctx.actor, obj)

    def apply_search(self, ctx: Context, qs, data: dict):
        qs = qs.filter(pk__in=data.get("uuid__in") or [])
        for name, value in data.items():
            if name in FILTERS and value not in (None, "", []):
                flt = FILTERS[name]
                raw = ",".join(value) if isinstance(value, list) else str(value)
                qs = flt.apply(qs, name, flt.parse(name, raw, ctx), ctx)
        return qs

    def urls(self) -> list:
        from django.urls import path as url_path

        patterns = super().urls()
        patterns.insert(0, url_path(f"{self.collection}/<uuid:uuid>/download", DownloadView.as_view(resource=self),
                                    name=f"{self.key}-download"))
        # the collection and detail views that read bodies as streams
        for index, pattern in enumerate(patterns):
            if pattern.name == f"{self.key}-list":
                patterns[index] = url_path(self.collection, DocumentCollectionView.as_view(resource=self),
                                           name=pattern.name)
            elif pattern.name == f"{self.key}-detail":
                patterns[index] = url_path(f"{self.collection}/<uuid:uuid>", DocumentDetailView.as_view(resource=self),
                                           name=pattern.name)
        return patterns


class DocumentCollectionView(LargeBodyMixin, CollectionView):
    def do_post(self, ctx: Context):
        resource = self.resource
        resource.check_scopes(ctx, "create")
        data = read_document_body(ctx.request, resource.create_schema)
        data.pop("lock", None)
        try:
            document = resource.create(ctx, data)
        finally:
            if isinstance(data.get("inhoud"), storage.Inhoud):
                data["inhoud"].close()
        body = resource.represent(ctx, [document])[0]
        body["lock"] = document.lock  # EnkelvoudigInformatieObjectCreateLock: the upload's lock, or ""
        return json_response(body, status=201, headers={"Location": body["url"]})


class DocumentDetailView(LargeBodyMixin, DetailView):
    def _write(self, ctx: Context, uuid, partial: bool):
        resource = self.resource
        action = "partial_update" if partial else "update"
        resource.check_scopes(ctx, action)
        document = resource.get_object(ctx, uuid, action)
        data = read_document_body(ctx.request, resource.update_schema, partial=partial)
        try:
            document = resource.update(ctx, document, data, partial)
        finally:
            if isinstance(data.get("inhoud"), storage.Inhoud):
                data["inhoud"].close()
        return json_response(resource.represent(ctx, [document])[0])


class DownloadView(LargeBodyMixin, DetailView):
    """``GET …/{uuid}/download[?versie=|registratieOp=]``: the content, streamed in chunks, as an
    attachment named after ``bestandsnaam``, with Content-Length. Any Accept is fine here: the
    answer is the file itself (errors stay problem+json)."""

    answers_json = False

    def allowed_methods(self):
        return ("get",)

    def do_get(self, ctx: Context, uuid):
        resource = self.resource
        resource.check_scopes(ctx, "download")
        document = resource.get_object(ctx, uuid, "download")
        version = representation.shown_version(document)
        if version is None or not version.inhoud:
            raise NotFound("Dit informatieobject heeft (nog) geen inhoud.", code="geen-inhoud")
        filelike = storage.open_file(version.inhoud)
        content_type = version.formaat if "/" in (version.formaat or "") else None
        filename = version.bestandsnaam or f"{version.identificatie or document.pk}"
        if content_type is None:
            content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        response = FileResponse(filelike, as_attachment=True, filename=filename, content_type=content_type)
        if not response.has_header("Content-Length") and version.bestandsomvang is not None:
            response["Content-Length"] = str(version.bestandsomvang)
        return response


DOCUMENT = DocumentResource()


RESOURCES = [DOCUMENT, audittrail_resource(DOCUMENT, "enkelvoudiginformatieobject_uuid")]

__all__ = ["DOCUMENT", "FILTERS", "RESOURCES", "DocumentIn", "DocumentWithLockIn"]
