"""Looking up Selectielijst and Referentielijsten resources by URL, as the Catalogi and Zaken rules
need (ztc-001, ztc-002, zrc-010). A URL of the lists Zaakwerk serves itself is answered from
memory; any other URL (a Referentielijsten API elsewhere) is fetched with a timeout."""

from __future__ import annotations

from urllib.parse import urlsplit

from zaakwerk.core.references import ReferenceLookupError, fetch_json, is_local, is_valid_url

from .data import API_PATH, lists

__all__ = ["ReferenceLookupError", "get_procestype", "get_resultaat", "get_resultaattypeomschrijving",
           "get_communicatiekanaal"]

# the fields that identify each kind of resource in a foreign answer
_SHAPES = {
    "procestypen": ("nummer", "naam", "jaar"),
    "resultaten": ("procesType", "waardering", "volledigNummer"),
    "resultaattypeomschrijvingen": ("omschrijving", "definitie"),
    "communicatiekanalen": ("naam", "omschrijving"),
}


def _get(url: str, collection: str) -> dict:
    if not is_valid_url(url):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    parts = urlsplit(url)
    if is_local(url):
        rel = parts.path.split(API_PATH, 1)[-1].strip("/")
        kind, _, key = rel.partition("/")
        data = getattr(lists(), kind, None) if kind in _SHAPES else None
        if data is None or key not in data:
            if kind in _SHAPES and kind != collection:
                raise ReferenceLookupError("invalid-resource", "De URL verwijst naar een ander soort resource.")
            raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
        if kind != collection:
            raise ReferenceLookupError("invalid-resource", "De URL verwijst naar een ander soort resource.")
        root = url.split(API_PATH, 1)[0] + API_PATH.rstrip("/")
        from .data import absolute

        return absolute(data[key], root)
    body = fetch_json(url)
    if not isinstance(body, dict) or not all(k in body for k in _SHAPES[collection]):
        raise ReferenceLookupError("invalid-resource", "De URL verwijst niet naar een resource van het verwachte type.")
    return body


def get_procestype(url: str) -> dict:
    return _get(url, "procestypen")


def get_resultaat(url: str) -> dict:
    return _get(url, "resultaten")


def get_resultaattypeomschrijving(url: str) -> dict:
    return _get(url, "resultaattypeomschrijvingen")


def get_communicatiekanaal(url: str) -> dict:
    return _get(url, "communicatiekanalen")
