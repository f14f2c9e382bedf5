"""The Zaken API 1.7.0 representation of ZAAKEIGENSCHAPpen (nested under their zaak), built in
bulk without any query (``naam`` is stored with the value)."""

from __future__ import annotations

from .domain.common import ROOT, catalogi_url, zaak_url
from .models import ZaakEigenschap


def zaakeigenschap_url(base_url: str, zaak_uuid, uuid) -> str:
    return f"{base_url}{ROOT}/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}"


def zaakeigenschappen_json(objs: list[ZaakEigenschap], base_url: str) -> list[dict]:
    return [{
        "url": zaakeigenschap_url(base_url, o.zaak_id, o.pk),
        "uuid": str(o.pk),
        "zaak": zaak_url(base_url, o.zaak_id),
        "eigenschap": catalogi_url(base_url, "eigenschappen", o.eigenschap_id),
        "naam": o.naam,
        "waarde": o.waarde,
    } for o in objs]
