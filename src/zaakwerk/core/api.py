"""The generic ZGW API adapter every register's API is built on.

An API (``ApiInfo``) is a set of ``Resource`` declarations. A Resource says which model it shows,
which scopes each operation needs, which filters and orderings the list accepts, which fields may be
expanded, how to represent objects (in bulk, in a constant number of queries) and which domain
function each write calls. The views here do everything the standard requires around that:
JWT-ZGW authentication, scope checks, content negotiation (406/415), request size (413), JSON
decoding into msgspec Structs with the errors turned into ``invalidParams``, one transaction per
write, pagination, expand, ETag/If-None-Match/HEAD, the ``API-version`` header and problem+json
for every error (a 500 never leaks a traceback).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import urlencode, urlsplit

import msgspec
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path as url_path
from django.utils.dateparse import parse_date, parse_datetime
from django.views import View

from .actor import Actor
from .auth import authenticate
from . import sql
from .db import request_transaction
from .errors import (DomainError, Forbidden, NotAcceptableCrs, NotFound, PreconditionFailed,
                     UnsupportedCrs, ValidationFailed)
from .http import encode, etag_for, json_response, problem, problem_from_error

logger = logging.getLogger("zaakwerk.api")

UNSET = msgspec.UNSET
UnsetType = msgspec.UnsetType


# --------------------------------------------------------------------------------------------
# APIs and request context
# --------------------------------------------------------------------------------------------


@dataclass
class ApiInfo:
    """One of the ZGW APIs served by Zaakwerk."""

    name: str  # "catalogi"
    component: str  # "ztc": the component name used in Autorisaties and audit trails
    version: str  # "1.3.3"
    spec: str | None = None  # spec path relative to settings.SPECS_DIR
    title: str = ""
    authenticated: bool = True

    @property
    def prefix(self) -> str:
        return f"{self.name}/api/v1"


def request_base_url(request: HttpRequest) -> str:
    if settings.ZAAKWERK_BASE_URL:
        return settings.ZAAKWERK_BASE_URL
    return f"{request.scheme}://{request.get_host()}"


@dataclass
class Context:
    """Everything an adapter knows about one API request."""

    request: HttpRequest
    api: ApiInfo
    actor: Actor
    base_url: str
    expand: list[str] = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)  # path parameters besides uuid (zaak_uuid, ...)

    def api_url(self, api_name: str | None = None) -> str:
        return f"{self.base_url}/{api_name or self.api.name}/api/v1"

    def url(self, collection: str, uuid, api_name: str | None = None) -> str:
        return f"{self.api_url(api_name)}/{collection}/{uuid}"


# A domain function that wrote an object and represented it (its audit trail snapshot) remembers
# that representation on the object; the answer to the same request shows exactly it instead of
# building it again.
_WIRE = "_zaakwerk_wire"


def remember_representation(obj, base_url: str, wire: dict) -> None:
    setattr(obj, _WIRE, (base_url, wire))


def remembered_representations(objs: list, base_url: str) -> list[dict] | None:
    """The remembered representations of ``objs`` for ``base_url``; None unless every one has one."""
    remembered = [getattr(obj, _WIRE, None) for obj in objs]
    if remembered and all(r is not None and r[0] == base_url for r in remembered):
        return [r[1] for r in remembered]
    return None


def actor_for_request(request: HttpRequest, api: ApiInfo) -> Actor:
    """Authenticate the request and load what the client may do (Autorisaties, every request)."""
    base_url = request_base_url(request)
    toelichting = request.headers.get("X-Audit-Toelichting", "")
    if not api.authenticated:
        return Actor(base_url=base_url, toelichting=toelichting)
    from zaakwerk.autorisaties.queries import actor_for_claims, client_lookup

    claims = authenticate(request.headers.get("Authorization"), client_lookup)
    return actor_for_claims(claims, base_url=base_url, toelichting=toelichting)


# --------------------------------------------------------------------------------------------
# Request bodies: msgspec Structs, errors as invalidParams
# --------------------------------------------------------------------------------------------

_PATH_RE = re.compile(r" - at `\$(?P<path>[^`]*)`$")
_MISSING_RE = re.compile(r"^Object missing required field `(?P<field>[^`]+)`")


def _wire_path(raw: str) -> str:
    # "$.autorisaties[0].scopes[1]" -> "autorisaties.0.scopes.1"
    parts = re.findall(r"\.([^.\[]+)|\[(\d+)\]", raw)
    return ".".join(a or b for a, b in parts)


def validation_error_from_msgspec(message: str) -> ValidationFailed:
    path = ""
    match = _PATH_RE.search(message)
    text = message
    if match:
        path = _wire_path(match.group("path"))
        text = message[: match.start()]
    missing = _MISSING_RE.match(text)
    if missing:
        name = ".".join(p for p in (path, missing.group("field")) if p)
        return ValidationFailed(name, "required", "Dit veld is vereist.")
    name = path or "nonFieldErrors"
    if "got `null`" in text:
        return ValidationFailed(name, "null", "Dit veld mag niet leeg zijn.")
    if "of length <=" in text:
        return ValidationFailed(name, "max_length", text)
    if "of length >=" in text:
        code = "blank" if "of length >= 1" in text else "min_length"
        return ValidationFailed(name, code, text)
    if "Invalid enum value" in text:
        return ValidationFailed(name, "invalid_choice", text)
    if "Object contains unknown field" in text:
        return ValidationFailed(name, "unknown-field", text)
    if "<=" in text or ">=" in text or "<" in text or ">" in text:
        return ValidationFailed(name, "invalid", text)
    if "date" in text.lower():
        return ValidationFailed(name, "invalid", text)
    return ValidationFailed(name, "invalid", text)


def struct_to_dict(value):
    """A decoded Struct as a dict of snake_case keys, leaving out fields that were not sent."""
    if isinstance(value, msgspec.Struct):
        out = {}
        for name in value.__struct_fields__:
            item = getattr(value, name)
            if item is UNSET:
                continue
            out[name] = struct_to_dict(item)
        return out
    if isinstance(value, list):
        return [struct_to_dict(v) for v in value]
    return value


_patch_cache: dict[type, type] = {}


def patch_schema(schema: type) -> type:
    """The PATCH variant of a request Struct: every field optional (UNSET when not sent)."""
    if schema in _patch_cache:
        return _patch_cache[schema]
    fields = []
    rename = {}
    for info in msgspec.structs.fields(schema):
        fields.append((info.name, info.type | UnsetType, UNSET))
        rename[info.name] = info.encode_name
    patched = msgspec.defstruct(f"Patched{schema.__name__}", fields, rename=rename, kw_only=True)
    _patch_cache[schema] = patched
    return patched


def _refuse_nul(value, path: str = "") -> None:
    """NUL characters are never meaningful in ZGW data and PostgreSQL cannot store them."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationFailed(path or "nonFieldErrors", "null_characters_not_allowed",
                                   "NUL-tekens zijn niet toegestaan.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul(item, f"{path}.{index}" if path else str(index))


def decode_body(request: HttpRequest, schema: type | None, *, partial: bool = False) -> dict:
    body = request.body
    if schema is None:
        return {}
    if partial:
        schema = patch_schema(schema)
    if not body:  # no body at all (a publish action, an empty PATCH): nothing sent
        body = b"{}"
    try:
        if b"\\u0000" in body:
            _refuse_nul(msgspec.json.decode(body))
        decoded = msgspec.json.decode(body, type=schema)
    except msgspec.ValidationError as exc:
        raise validation_error_from_msgspec(str(exc)) from None
    except msgspec.DecodeError as exc:
        err = ValidationFailed("nonFieldErrors", "parse_error", f"JSON parse error: {exc}")
        raise err from None
    return struct_to_dict(decoded)


# --------------------------------------------------------------------------------------------
# Filters and ordering
# --------------------------------------------------------------------------------------------


class Filter:
    """A list filter. ``kind`` says how the query value is parsed; ``field`` is the ORM lookup
    path; ``method(qs, value, ctx)`` replaces the default ``qs.filter(**{field__lookup: value})``."""

    def __init__(self, kind: str = "str", field: str | None = None, lookup: str = "exact", *,
                 method: Callable | None = None, choices: Iterable[str] | None = None,
                 resource: str | None = None):
        self.kind = kind
        self.field = field
        self.lookup = lookup
        self.method = method
        self.choices = set(choices) if choices else None
        self.resource = resource  # for kind="url": registry key of the resource the URL names

    def parse(self, name: str, raw: str, ctx: Context):
        bad = ValidationFailed(name, "invalid", f"Ongeldige waarde voor filter '{name}'.")
        kind = self.kind
        if kind == "str":
            value = raw
        elif kind == "csv":
            value = [v for v in raw.split(",") if v]
        elif kind == "int":
            try:
                value = int(raw)
            except ValueError:
                raise bad from None
        elif kind == "bool":
            low = raw.lower()
            if low not in ("true", "false", "1", "0"):
                raise bad
            value = low in ("true", "1")
        elif kind == "date":
            try:
                value = parse_date(raw)
            except ValueError:
                value = None
            if value is None:
                raise bad
        elif kind == "datetime":
            try:
                value = parse_datetime(raw) or (parse_date(raw) and dt.datetime.fromisoformat(raw))
            except ValueError:
                value = None
            if not value:
                raise bad
        elif kind == "uuid":
            try:
                value = uuidlib.UUID(raw)
            except ValueError:
                raise bad from None
        elif kind == "url":
            parts = urlsplit(raw)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationFailed(name, "invalid", "Voer een geldige URL in.")
            value = raw
        elif kind == "csv-url":
            value = [v for v in raw.split(",") if v]
            for v in value:
                parts = urlsplit(v)
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    raise ValidationFailed(name, "invalid", "Voer een geldige URL in.")
        else:  # pragma: no cover - programming error
            raise ValueError(kind)
        if self.choices is not None:
            values = value if isinstance(value, list) else [value]
            for v in values:
                if v not in self.choices:
                    raise ValidationFailed(name, "invalid_choice", f"'{v}' is geen geldige keuze.")
        return value

    def apply(self, qs, name: str, value, ctx: Context):
        if self.method is not None:
            return self.method(qs, value, ctx)
        if self.kind in ("url", "csv-url"):
            from .references import local_uuid

            values = value if isinstance(value, list) else [value]
            uuids = [u for u in (local_uuid(v, ctx) for v in values) if u is not None]
            if not uuids:
                return qs.none()
            return qs.filter(**{f"{self.field}__in": uuids})
        lookup = "in" if self.kind == "csv" and self.lookup == "exact" else self.lookup
        return qs.filter(**{f"{self.field or name}__{lookup}": value})


def bool_query_param(value) -> bool:
    return str(value).lower() in ("1", "true")


# --------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------

REGISTRY: dict[str, "Resource"] = {}


@dataclass
class Expansion:
    """``expand=<name>``: the URL(s) in field ``name`` of the representation, shown inline."""

    target: str  # registry key "catalogi.zaaktype"
    many: bool = False
    source_field: str | None = None  # field of the representation holding the URL(s)
    # for URLs inside nested objects (zaaktype.gerelateerdeZaaktypen[].zaaktype): item -> URLs
    extract: Callable[[dict], list[str]] | None = None

    def urls(self, item: dict, name: str) -> list[str]:
        if self.extract is not None:
            return [u for u in self.extract(item) if u]
        value = item.get(self.source_field or name)
        if isinstance(value, list):
            return [v for v in value if v]
        return [value] if value else []


@dataclass
class Action:
    """An extra operation on a detail (``POST /zaaktypen/{uuid}/publish``) or collection
    (``GET /applicaties/consumer``)."""

    name: str
    method: str
    scopes: tuple[str, ...]
    handler: Callable  # (resource, ctx, obj|None) -> HttpResponse | obj
    detail: bool = True
    write: bool = True


class Resource:
    api: ApiInfo
    name: str = ""  # resource name in audit trails and notifications, e.g. "zaaktype"
    collection: str = ""  # path segment, e.g. "zaaktypen"
    model = None
    operations: tuple[str, ...] = ("list", "create", "retrieve", "update", "partial_update", "destroy")
    scopes: dict[str, tuple[str, ...]] = {}
    paginated: bool = True
    filters: dict[str, Filter] = {}
    ordering: dict[str, str] = {}
    default_ordering: tuple[str, ...] = ("pk",)
    expansions: dict[str, Expansion] = {}
    create_schema: type | None = None
    update_schema: type | None = None  # defaults to create_schema
    actions: tuple[Action, ...] = ()
    etag: bool = True
    delete_status: int = 204
    # Django path of the collection when it is not just ``collection`` (nested resources):
    # "zaken/<uuid:zaak_uuid>/zaakeigenschappen"
    route: str | None = None
    # Accept-Crs / Content-Crs negotiation (EPSG:4326) for resources with geometry
    crs: bool = False
    # POST {collection}/_zoek: the body Struct; apply_search() turns it into a queryset
    search_schema: type | None = None

    @property
    def key(self) -> str:
        return f"{self.api.name}.{self.name}"

    # ---- data access -------------------------------------------------------------------

    def base_queryset(self, ctx: Context):
        return self.model.objects.all()

    def authorised_queryset(self, ctx: Context, action: str):
        """The objects the client may see for this action: one SQL condition, never a loop."""
        return self.base_queryset(ctx)

    def authorise_object(self, ctx: Context, obj, action: str) -> None:
        """Raise Forbidden when the client may not perform ``action`` on ``obj``."""

    def get_object(self, ctx: Context, uuid, action: str):
        if type(self).base_queryset is Resource.base_queryset:
            obj = sql.get_by_pk(self.model, uuid)  # the plain read, compiled once
        else:
            obj = self.base_queryset(ctx).filter(pk=uuid).first()
        if obj is None:
            raise NotFound("Niet gevonden.")
        self.authorise_object(ctx, obj, action)
        return obj

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        raise NotImplementedError

    def count(self, ctx: Context, qs, applied: tuple[str, ...] | None) -> int:
        """The ``count`` of a list page: the rows of ``qs``. ``applied``: the names of the filters
        the request applied (None when not known, e.g. a search), for resources that can count a
        common case more cheaply (it must stay exact)."""
        return qs.count()

    def load(self, ctx: Context, qs) -> list:
        """The objects of a list page (``qs`` is already sliced) as ``represent`` reads them. A
        resource may load lighter rows than model instances here (a hot list path)."""
        return list(qs)

    def url_of(self, ctx: Context, obj) -> str:
        return ctx.url(self.collection, obj.pk, self.api.name)

    # ---- writes (thin: parse, call the domain) -------------------------------------------

    def create(self, ctx: Context, data: dict):
        raise NotImplementedError

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        raise NotImplementedError

    def destroy(self, ctx: Context, obj) -> None:
        raise NotImplementedError

    # ---- helpers ------------------------------------------------------------------------

    def check_scopes(self, ctx: Context, action: str) -> None:
        needed = self.scopes.get(action)
        if needed is None:
            return
        if not ctx.actor.has_scope(self.api.component, *needed):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")

    def apply_search(self, ctx: Context, qs, data: dict):
        """The queryset for a ``_zoek`` body (already decoded into ``data``)."""
        raise NotImplementedError

    def urls(self) -> list:
        REGISTRY[self.key] = self
        base = self.route or self.collection
        patterns = []
        ops = set(self.operations)
        if self.search_schema is not None:
            patterns.append(url_path(f"{base}/_zoek", SearchView.as_view(resource=self),
                                     name=f"{self.key}-zoek"))
        if ops & {"list", "create"}:
            patterns.append(url_path(base, CollectionView.as_view(resource=self), name=f"{self.key}-list"))
        for action in self.actions:
            view = ActionView.as_view(resource=self, action=action)
            if action.detail:
                patterns.append(url_path(f"{base}/<uuid:uuid>/{action.name}", view,
                                         name=f"{self.key}-{action.name}"))
            else:
                patterns.append(url_path(f"{base}/{action.name}", view, name=f"{self.key}-{action.name}"))
        if ops & {"retrieve", "update", "partial_update", "destroy"}:
            patterns.append(url_path(f"{base}/<uuid:uuid>", DetailView.as_view(resource=self),
                                     name=f"{self.key}-detail"))
        return patterns


# --------------------------------------------------------------------------------------------
# Expand
# --------------------------------------------------------------------------------------------


def parse_expand(raw: str | None, resource: Resource) -> list[str]:
    if not raw:
        return []
    paths = [p.strip() for p in raw.split(",") if p.strip()]
    for p in paths:
        _check_expand_path(resource, p.split("."), p)
    return paths


def _check_expand_path(resource: Resource, parts: list[str], full: str) -> None:
    head, rest = parts[0], parts[1:]
    exp = resource.expansions.get(head)
    if exp is None or exp.target not in REGISTRY:
        raise ValidationFailed("expand", "invalid-expand",
                               f"'{full}': '{head}' kan niet worden uitgebreid bij {resource.name}.")
    if rest:
        _check_expand_path(REGISTRY[exp.target], rest, full)


def _may_read(ctx: Context, target: Resource) -> bool:
    try:
        target.check_scopes(ctx, "retrieve")
    except Forbidden:
        return False
    return True


def apply_expand(ctx: Context, resource: Resource, items: list[dict], paths: list[str]) -> None:
    """Fill ``_expand`` on each represented item: one query set per (level, field), never per item."""
    if not paths or not items:
        return
    tree: dict[str, list[str]] = {}
    for p in paths:
        head, _, rest = p.partition(".")
        tree.setdefault(head, [])
        if rest:
            tree[head].append(rest)
    from .references import local_uuid

    for name, sub_paths in tree.items():
        exp = resource.expansions[name]
        target = REGISTRY[exp.target]
        urls: set[str] = set()
        for item in items:
            urls.update(exp.urls(item, name))
        by_url: dict[str, dict] = {}
        uuids = [u for u in (local_uuid(x, ctx) for x in urls) if u is not None]
        if uuids and _may_read(ctx, target):
            objs = list(target.authorised_queryset(ctx, "retrieve").filter(pk__in=uuids))
            represented = target.represent(ctx, objs)
            apply_expand(ctx, target, represented, sub_paths)
            by_url = {r["url"]: r for r in represented}
        for item in items:
            values = exp.urls(item, name)
            expanded = item.setdefault("_expand", {})
            if exp.many:
                expanded[name] = [by_url[v] for v in values if v in by_url]
            elif values and values[0] in by_url:
                expanded[name] = by_url[values[0]]
            elif not values:
                expanded[name] = None


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


CRS = "EPSG:4326"


def negotiate_crs(request: HttpRequest, method: str) -> None:
    """Accept-Crs / Content-Crs as the Zaken API requires for resources with geometry: missing
    header 412, another coordinate system than EPSG:4326 406 (Accept-Crs) or 415 (Content-Crs)."""
    if method in ("get", "head", "post", "put", "patch"):
        accept = request.headers.get("Accept-Crs")
        if not accept:
            raise PreconditionFailed("Accept-Crs header ontbreekt.", code="missing-accept-crs-header")
        if accept.strip() != CRS:
            raise NotAcceptableCrs(f"CRS '{accept}' wordt niet ondersteund; gebruik {CRS}.")
    if method in ("post", "put", "patch") and request.body.strip():
        content = request.headers.get("Content-Crs")
        if not content:
            raise PreconditionFailed("Content-Crs header ontbreekt.", code="missing-content-crs-header")
        if content.strip() != CRS:
            raise UnsupportedCrs(f"CRS '{content}' wordt niet ondersteund; gebruik {CRS}.")


def _accepts_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    if not accept:
        return True
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in ("*/*", "application/*", "application/json", "application/problem+json",
                     "application/hal+json"):
            return True
    return False


class ApiView(View):
    """Base for every API endpoint view: error handling, headers, auth, transactions."""

    resource: Resource = None
    api: ApiInfo = None
    allowed: tuple[str, ...] = ()
    write_methods = ("post", "put", "patch", "delete")
    # the answer is JSON: an Accept that excludes it is a 406 (a view answering a file says False)
    answers_json = True

    def get_api(self) -> ApiInfo:
        return self.api or self.resource.api

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        api = self.get_api()
        method = request.method.lower()
        try:
            if method not in self.allowed_methods():
                response = problem(405, "method_not_allowed",
                                   f'Methode "{request.method}" niet toegestaan.', request=request)
                response["Allow"] = ", ".join(m.upper() for m in self.allowed_methods())
            elif self.answers_json and not _accepts_json(request):
                response = problem(406, "not_acceptable",
                                   "Kon niet voldoen aan de opgegeven Accept header.", request=request)
            else:
                response = self._handle(request, method, api, **kwargs)
        except DomainError as exc:
            response = problem_from_error(exc, request)
        except Exception:  # never leak a traceback
            logger.exception("Unhandled error in %s %s", request.method, request.path)
            response = problem(500, "error", "Er is een serverfout opgetreden.", request=request)
        response["API-version"] = api.version
        return response

    def allowed_methods(self) -> tuple[str, ...]:
        return self.allowed

    def _handle(self, request, method, api, **kwargs):
        if method in ("post", "put", "patch"):
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if length > settings.ZAAKWERK_MAX_JSON_BODY:
                return problem(413, "too_large", "De request body is te groot.", request=request)
            ctype = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if request.body.strip() and ctype not in ("application/json",) and not self.accepts_content(ctype):
                return problem(415, "unsupported_media_type",
                               f'Mediatype "{ctype}" in verzoek wordt niet ondersteund.', request=request)
        actor = actor_for_request(request, api)
        uuid = kwargs.pop("uuid", None)
        ctx = Context(request=request, api=api, actor=actor, base_url=actor.base_url, kwargs=kwargs)
        crs = self.resource is not None and self.resource.crs
        if crs:
            negotiate_crs(request, method)
        handler = getattr(self, f"do_{method}")
        args = {} if uuid is None else {"uuid": uuid}
        if method in self.write_methods:
            with request_transaction():
                response = handler(ctx, **args)
        else:
            response = handler(ctx, **args)
        if crs and response.status_code < 400 and method != "delete":
            response["Content-Crs"] = CRS
        return response

    def accepts_content(self, ctype: str) -> bool:
        return False

    # helpers shared by subclasses

    def check_query_params(self, ctx: Context, allowed: Iterable[str]) -> None:
        """Filters of a list: NUL characters (PostgreSQL cannot store or compare them) and unknown
        parameters are a 400. A detail has no filters and does not call this."""
        for name, values in ctx.request.GET.lists():
            if any("\x00" in v for v in values) or "\x00" in name:
                raise ValidationFailed(name, "null_characters_not_allowed", "NUL-tekens zijn niet toegestaan.")
        unknown = sorted(set(ctx.request.GET.keys()) - set(allowed))
        if unknown:
            raise ValidationFailed("nonFieldErrors", "unknown-parameters",
                                   "Onbekende query parameters: " + ", ".join(unknown))


def ordering_for(resource: Resource, raw: str | None) -> list[str]:
    if not raw:
        return list(resource.default_ordering)
    out = []
    for part in raw.split(","):
        part = part.strip()
        desc = part.startswith("-")
        name = part.lstrip("-")
        if name not in resource.ordering:
            raise ValidationFailed("ordering", "invalid", f"Ongeldige ordering: '{part}'.")
        out.append(("-" if desc else "") + resource.ordering[name])
    out.append("pk")
    return out


def _page_url(ctx: Context, page: int) -> str:
    params = ctx.request.GET.copy()
    params["page"] = str(page)
    return f"{ctx.base_url}{ctx.request.path}?{urlencode(params, doseq=True)}"


def render_list(ctx: Context, resource: Resource, qs, *, expand: list[str], page="1",
                fields: list | None = None, applied: tuple[str, ...] | None = None) -> HttpResponse:
    """A list answer: a plain array or a page ``{count, next, previous, results}``, with expand
    or fields applied to the objects of this page only."""
    if not resource.paginated:
        items = resource.represent(ctx, resource.load(ctx, qs))
        _finish_items(ctx, resource, items, expand, fields)
        return json_response(items)
    try:
        page_no = int(page)
    except (TypeError, ValueError):
        page_no = 0
    if page_no < 1:
        raise ValidationFailed("page", "invalid", "Ongeldige pagina.")
    size = settings.ZAAKWERK_PAGE_SIZE
    offset = (page_no - 1) * size
    if page_no == 1:
        objs = resource.load(ctx, qs[:size])
        # a first page that is not full is the whole list: its count is known without counting
        count = len(objs) if len(objs) < size else resource.count(ctx, qs, applied)
    else:
        # count first: a page beyond the end is never read (nor an offset beyond what the
        # database accepts)
        count = resource.count(ctx, qs, applied)
        objs = resource.load(ctx, qs[offset: offset + size]) if offset < count else []
    items = resource.represent(ctx, objs)
    _finish_items(ctx, resource, items, expand, fields)
    last = max(1, -(-count // size))
    return json_response({
        "count": count,
        "next": _page_url(ctx, page_no + 1) if offset + size < count else None,
        "previous": _page_url(ctx, min(page_no - 1, last)) if page_no > 1 else None,
        "results": items,
    })


def _finish_items(ctx, resource, items, expand, fields) -> None:
    if fields:
        apply_fields(ctx, resource, items, fields)
    else:
        apply_expand(ctx, resource, items, expand)


class CollectionView(ApiView):
    def allowed_methods(self):
        ops = self.resource.operations
        methods = []
        if "list" in ops:
            methods += ["get", "head"]
        if "create" in ops:
            methods.append("post")
        return tuple(methods)

    def do_get(self, ctx: Context):
        resource = self.resource
        resource.check_scopes(ctx, "list")
        request = ctx.request
        allowed = set(resource.filters) | {"page"}
        if resource.expansions:
            allowed.add("expand")
        if resource.ordering:
            allowed.add("ordering")
        self.check_query_params(ctx, allowed)
        qs = resource.authorised_queryset(ctx, "list")
        applied = []
        for name, flt in resource.filters.items():
            if name in request.GET:
                raw = request.GET.get(name)
                value = flt.parse(name, raw, ctx)
                qs = flt.apply(qs, name, value, ctx)
                applied.append(name)
        qs = qs.order_by(*ordering_for(resource, request.GET.get("ordering")))
        expand = parse_expand(request.GET.get("expand"), resource)
        return render_list(ctx, resource, qs, expand=expand, page=request.GET.get("page", "1"),
                           applied=tuple(applied))

    do_head = do_get

    def do_post(self, ctx: Context):
        resource = self.resource
        resource.check_scopes(ctx, "create")
        data = decode_body(ctx.request, resource.create_schema)
        obj = resource.create(ctx, data)
        body = resource.represent(ctx, [obj])[0]
        return json_response(body, status=201, headers={"Location": body.get("url", "")})


class DetailView(ApiView):
    def allowed_methods(self):
        ops = self.resource.operations
        methods = []
        if "retrieve" in ops:
            methods += ["get", "head"]
        if "update" in ops:
            methods.append("put")
        if "partial_update" in ops:
            methods.append("patch")
        if "destroy" in ops:
            methods.append("delete")
        return tuple(methods)

    def do_get(self, ctx: Context, uuid):
        resource = self.resource
        resource.check_scopes(ctx, "retrieve")
        # a detail has no filters: other query parameters are ignored (the operations document no
        # 400); an expand naming nothing expandable is a 404, as zrc-027/drc-013 specify
        try:
            expand = parse_expand(ctx.request.GET.get("expand"), resource)
        except ValidationFailed as exc:
            raise NotFound(exc.params[0].reason, code="invalid-expand") from None
        obj = resource.get_object(ctx, uuid, "retrieve")
        item = resource.represent(ctx, [obj])[0]
        apply_expand(ctx, resource, [item], expand)
        body = encode(item)
        response = HttpResponse(body, content_type="application/json")
        if resource.etag:
            tag = etag_for(body)
            response["ETag"] = tag
            inm = ctx.request.headers.get("If-None-Match")
            if inm and (inm.strip() == "*" or tag in [t.strip() for t in inm.split(",")]):
                not_modified = HttpResponse(status=304)
                not_modified["ETag"] = tag
                return not_modified
        if ctx.request.method == "HEAD":
            response.content = b""
            response["Content-Length"] = str(len(body))
        return response

    do_head = do_get

    def _write(self, ctx: Context, uuid, partial: bool):
        resource = self.resource
        action = "partial_update" if partial else "update"
        resource.check_scopes(ctx, action)
        obj = resource.get_object(ctx, uuid, action)
        schema = resource.update_schema or resource.create_schema
        data = decode_body(ctx.request, schema, partial=partial)
        obj = resource.update(ctx, obj, data, partial)
        return json_response(resource.represent(ctx, [obj])[0])

    def do_put(self, ctx: Context, uuid):
        return self._write(ctx, uuid, partial=False)

    def do_patch(self, ctx: Context, uuid):
        return self._write(ctx, uuid, partial=True)

    def do_delete(self, ctx: Context, uuid):
        resource = self.resource
        resource.check_scopes(ctx, "destroy")
        obj = resource.get_object(ctx, uuid, "destroy")
        resource.destroy(ctx, obj)
        return HttpResponse(status=resource.delete_status)


class ActionView(ApiView):
    action: Action = None

    def allowed_methods(self):
        methods = (self.action.method,)
        if self.action.method == "get":
            methods += ("head",)
        return methods

    @property
    def write_methods(self):  # type: ignore[override]
        return ("post", "put", "patch", "delete") if self.action.write else ()

    def _run(self, ctx: Context, uuid=None):
        action = self.action
        if not ctx.actor.has_scope(self.resource.api.component, *action.scopes):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")
        obj = self.resource.get_object(ctx, uuid, action.name) if action.detail else None
        result = action.handler(self.resource, ctx, obj)
        if isinstance(result, HttpResponse):
            return result
        return json_response(self.resource.represent(ctx, [result])[0])

    do_get = do_head = do_post = do_put = do_patch = do_delete = _run


class SearchView(ApiView):
    """``POST {collection}/_zoek``: a list whose filters come in a JSON body (for filters that do
    not fit a query string, such as a geometry). Paginated with ``?page``; expand or fields."""

    allowed = ("post",)
    write_methods = ()  # a search writes nothing: no transaction

    def do_post(self, ctx: Context):
        resource = self.resource
        resource.check_scopes(ctx, "list")
        self.check_query_params(ctx, {"page", "expand"})
        data = decode_body(ctx.request, resource.search_schema)
        # expand may come in the body or, as the operation also documents, in the query string
        expand_raw = data.pop("expand", None) or ctx.request.GET.get("expand")
        fields = data.pop("fields", None)
        if fields and expand_raw:
            raise ValidationFailed("nonFieldErrors", "fields-and-expand",
                                   "Gebruik 'fields' of 'expand', niet beide.")
        ordering = data.pop("ordering", None)
        expand = parse_expand(expand_raw if isinstance(expand_raw, str) else
                              ",".join(expand_raw or []), resource)
        qs = resource.apply_search(ctx, resource.authorised_queryset(ctx, "list"), data)
        qs = qs.order_by(*ordering_for(resource, ordering))
        if fields:
            check_fields(resource, fields)
        return render_list(ctx, resource, qs, expand=expand,
                           page=ctx.request.GET.get("page", "1"), fields=fields)


def check_fields(resource: Resource, spec: list, path: str = "fields") -> None:
    """``fields`` (zrc-029): names of the representation, and {relation: [...]} for expandable
    relations, nested to any depth; "*" is every field."""
    if not isinstance(spec, list):
        raise ValidationFailed(path, "invalid", "'fields' is een lijst.")
    for entry in spec:
        if isinstance(entry, str):
            continue
        if isinstance(entry, dict):
            for name, sub in entry.items():
                exp = resource.expansions.get(name)
                if exp is None or exp.target not in REGISTRY:
                    raise ValidationFailed(path, "invalid-expand", f"'{name}' kan niet worden uitgebreid.")
                check_fields(REGISTRY[exp.target], sub, path)
            continue
        raise ValidationFailed(path, "invalid", "Een element van 'fields' is een naam of een object.")


def apply_fields(ctx: Context, resource: Resource, items: list[dict], spec: list) -> None:
    """Keep only the requested fields; expand the relations named as objects and keep their
    requested fields in ``_expand``. Works in bulk, level by level, like expand."""
    names = [e for e in spec if isinstance(e, str)]
    nested: dict[str, list] = {}
    for entry in spec:
        if isinstance(entry, dict):
            for name, sub in entry.items():
                nested.setdefault(name, []).extend(sub)
    if nested:
        apply_expand(ctx, resource, items, list(nested))
        for name, sub in nested.items():
            target = REGISTRY[resource.expansions[name].target]
            inner = []
            for item in items:
                value = item.get("_expand", {}).get(name)
                inner.extend(value if isinstance(value, list) else [value] if value else [])
            # objects expanded for several items are shared dicts: filter each once
            unique = list({id(obj): obj for obj in inner}.values())
            apply_fields(ctx, target, unique, sub)
    if "*" in names:
        return
    keep = set(names) | set(nested)
    for item in items:
        expanded = item.get("_expand")
        for key in list(item):
            if key not in keep and key != "_expand":
                del item[key]
        if expanded is not None:
            for key in list(expanded):
                if key not in nested:
                    del expanded[key]


class RootView(ApiView):
    """``GET {root}/``: an index of the API's collections, so a browser shows something useful."""

    allowed = ("get", "head")
    collections: tuple[str, ...] = ()

    def _handle(self, request, method, api, **kwargs):
        base = f"{request_base_url(request)}/{api.prefix}"
        return json_response({c: f"{base}/{c}" for c in self.collections})


def api_urls(api: ApiInfo, resources: Iterable[Resource]) -> list:
    """URL patterns for one API: its resources, its OpenAPI document and an index."""
    from .openapi import OpenApiView

    resources = list(resources)
    patterns = []
    for resource in resources:
        patterns += resource.urls()
    if api.spec:
        patterns.append(url_path("openapi.yaml", OpenApiView.as_view(api=api, fmt="yaml")))
        patterns.append(url_path("openapi.json", OpenApiView.as_view(api=api, fmt="json")))
        patterns.append(url_path("schema/openapi.yaml", OpenApiView.as_view(api=api, fmt="yaml")))
    collections = tuple(sorted({r.collection for r in resources}))
    patterns.append(url_path("", RootView.as_view(api=api, collections=collections)))
    return patterns


def parse_body_uuid(value: Any) -> uuidlib.UUID | None:
    try:
        return uuidlib.UUID(str(value))
    except ValueError:
        return None
