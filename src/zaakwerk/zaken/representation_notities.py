"""The Zaken API 1.7.0 representation of ZAAKNOTITIEs, built in bulk without any query. The
standard's ZaakNotitie has no ``uuid`` property: ``url`` identifies it."""

from __future__ import annotations

from .domain.common import url, zaak_url
from .models import ZaakNotitie
from .representation_betrokkenen import datetime_json


def zaaknotitie_url(base_url: str, uuid) -> str:
    return url(base_url, "zaaknotities", uuid)


def zaaknotities_json(objs: list[ZaakNotitie], base_url: str) -> list[dict]:
    return [{
        "url": zaaknotitie_url(base_url, o.pk),
        "onderwerp": o.onderwerp,
        "tekst": o.tekst,
        "aangemaaktDoor": o.aangemaakt_door,
        "notitieType": o.notitie_type,
        "status": o.status,
        "aanmaakdatum": datetime_json(o.aanmaakdatum),
        "wijzigingsdatum": datetime_json(o.wijzigingsdatum),
        "gerelateerdAan": zaak_url(base_url, o.gerelateerd_aan_id),
    } for o in objs]
