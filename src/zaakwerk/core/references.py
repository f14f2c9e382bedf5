"""URL references between resources. A URL that names a resource on this server is resolved
in-process (never an HTTP call to ourselves); a foreign URL is fetched with a timeout."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid as uuidlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from . import sql


class ReferenceLookupError(Exception):
    """``code`` is "bad-url" (does not resolve to 200) or "invalid-resource" (resolves, but is
    not the kind of resource expected)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code
        self.detail = detail or code


def is_valid_url(url) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def local_hosts(base_url: str | None = None) -> set[str]:
    from .request_state import base_url as current_base_url

    hosts = set(h.lower() for h in settings.ZAAKWERK_LOCAL_HOSTS)
    for url in (settings.ZAAKWERK_BASE_URL, base_url, current_base_url()):
        if url:
            hosts.add(urlsplit(url).netloc.lower())
    return hosts


def is_local(url: str, base_url: str | None = None) -> bool:
    return urlsplit(url).netloc.lower() in local_hosts(base_url)


@dataclass
class LocalMatch:
    resource: object  # zaakwerk.core.api.Resource or None for non-resource views
    kwargs: dict
    view_name: str


def resolve_local(url: str, base_url: str | None = None) -> LocalMatch | None:
    """The local view a URL names, or None when the URL is not ours or names nothing."""
    if not is_valid_url(url) or not is_local(url, base_url):
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    initkwargs = getattr(match.func, "view_initkwargs", {}) or {}
    return LocalMatch(resource=initkwargs.get("resource"), kwargs=match.kwargs,
                      view_name=match.view_name or "")


def local_uuid(url: str, ctx) -> uuidlib.UUID | None:
    """The uuid of a local resource URL (used by URL filters and expand)."""
    match = resolve_local(url, ctx.base_url)
    if match is None:
        return None
    value = match.kwargs.get("uuid")
    return value if isinstance(value, uuidlib.UUID) else None


def resolve_resource(url: str, base_url: str, resource_key: str):
    """The local model instance a URL names, checked to be a ``resource_key`` resource
    ("catalogi.zaaktype"). Raises ReferenceLookupError otherwise."""
    if not is_valid_url(url):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    match = resolve_local(url, base_url)
    if match is None:
        if is_local(url, base_url):
            raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
        # a foreign URL: it must at least answer
        fetch_json(url)
        raise ReferenceLookupError("invalid-resource",
                                   "De URL verwijst niet naar een resource van het verwachte type.")
    resource = match.resource
    if resource is None or getattr(resource, "key", None) != resource_key or "uuid" not in match.kwargs \
            or match.view_name != f"{resource_key}-detail":
        raise ReferenceLookupError("invalid-resource",
                                   "De URL verwijst niet naar een resource van het verwachte type.")
    obj = sql.get_by_pk(resource.model, match.kwargs["uuid"])
    if obj is None:
        raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
    return obj


def fetch_json(url: str, *, headers: dict | None = None, timeout: float | None = None) -> dict | list:
    """GET a foreign URL and return its JSON. Any failure is a ReferenceLookupError: "bad-url"
    when it does not answer 200, "invalid-resource" when the answer is not JSON."""
    if not is_valid_url(url):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    request = urllib.request.Request(url, headers={"Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout or settings.ZAAKWERK_URL_TIMEOUT) as resp:
            if resp.status != 200:
                raise ReferenceLookupError("bad-url", f"De URL gaf status {resp.status}.")
            body = resp.read(10 * 1024 * 1024)
    except urllib.error.HTTPError as exc:
        raise ReferenceLookupError("bad-url", f"De URL gaf status {exc.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise ReferenceLookupError("bad-url", f"De URL kon niet worden opgehaald: {exc}.") from None
    try:
        return json.loads(body)
    except ValueError:
        raise ReferenceLookupError("invalid-resource", "De URL geeft geen JSON.") from None
