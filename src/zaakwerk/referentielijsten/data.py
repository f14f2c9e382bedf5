"""The Selectielijst 2017/2020 and reference lists, shipped with Zaakwerk (OneGround's data set,
BSD-3-Clause, in specs/selectielijst/oneground). Loaded once, read-only, kept in memory: the
whole set is under 1 MB. URLs are stored as paths and joined to the serving base URL on output."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from django.conf import settings

ONEGROUND_PREFIX = "https://referentielijsten.oneground.local/api/v1/"
API_PATH = "/referentielijsten/api/v1/"


def _relative(url: str) -> str:
    """'https://referentielijsten.oneground.local/api/v1/procestypen/<id>' -> 'procestypen/<id>'"""
    return url[len(ONEGROUND_PREFIX):] if url.startswith(ONEGROUND_PREFIX) else url


@dataclass(frozen=True)
class Lists:
    procestypen: dict[str, dict]  # uuid -> item with relative "url"
    resultaten: dict[str, dict]
    resultaattypeomschrijvingen: dict[str, dict]
    communicatiekanalen: dict[str, dict]


def _load_file(name: str) -> list[dict]:
    path = settings.SPECS_DIR / "selectielijst" / "oneground" / name
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def lists() -> Lists:
    def index(items, url_key="url"):
        out = {}
        for item in items:
            item = dict(item)
            if url_key == "id":
                rel = f"resultaattypeomschrijvingen/{item.pop('id')}"
                item = {"url": rel, **item}
            else:
                item["url"] = _relative(item["url"])
            if "procesType" in item:
                item["procesType"] = _relative(item["procesType"])
            out[item["url"].rsplit("/", 1)[1]] = item
        return out

    return Lists(
        procestypen=index(_load_file("Proces_typen_data.json")),
        resultaten=index(sorted(_load_file("Resultaten_data.json"),
                                key=lambda r: (r["procesType"], r["volledigNummer"]))),
        resultaattypeomschrijvingen=index(_with_vng_ids(_load_file("Resultaat_type_omschrijvingen_data.json")), "id"),
        communicatiekanalen=index(_load_file("Communicatie_kanalen_data.json")),
    )


def _with_vng_ids(items: list[dict]) -> list[dict]:
    """Use the identifiers of VNG's own Referentielijsten service where it has the same
    omschrijving (Toegekend, Afgewezen, Ingetrokken): clients and VNG's conformance suite refer to
    those URLs. OneGround's ids are kept for the rest."""
    path = settings.SPECS_DIR / "selectielijst" / "vng-resultaattypeomschrijvingen.json"
    vng = {row["fields"]["omschrijving"]: row["fields"]["uuid"]
           for row in json.loads(path.read_text(encoding="utf-8"))}
    return [{**item, "id": vng.get(item["omschrijving"], item["id"])} for item in items]


def absolute(item: dict, api_root: str) -> dict:
    """An item with its URLs joined to ``api_root`` (".../referentielijsten/api/v1")."""
    out = dict(item)
    out["url"] = f"{api_root}/{item['url']}"
    if "procesType" in out:
        out["procesType"] = f"{api_root}/{item['procesType']}"
    return out
