"""The Zaken API 1.7.0 representation of ZAAKOBJECTen, built in bulk without any query.

The three object types without an ``objectIdentificatie`` in the standard (besluit,
enkelvoudig_document, status) are shown without that property, as their schema variants are.
Optional properties without a value that the schema does not allow empty are left out (they are
not nullable either): the URLs ``object`` and ``zaakobjecttype`` ("" is not a URL) and
``objectTypeOverige`` (pattern ``[a-z\\_]+``: at least one character); inside
``objectIdentificatie`` the same as for rollen (``schemas_betrokkenen.as_wire``).
"""

from __future__ import annotations

from .domain.common import catalogi_url, url, zaak_url
from .models import ZaakObject
from .schemas_betrokkenen import as_wire
from .schemas_objecten import OBJECT_IDENTIFICATIE

LEFT_OUT_WHEN_EMPTY = ("object", "zaakobjecttype", "objectTypeOverige")


def zaakobject_url(base_url: str, uuid) -> str:
    return url(base_url, "zaakobjecten", uuid)


def zaakobjecten_json(objs: list[ZaakObject], base_url: str) -> list[dict]:
    out = []
    for o in objs:
        item = {
            "url": zaakobject_url(base_url, o.pk),
            "uuid": str(o.pk),
            "zaak": zaak_url(base_url, o.zaak_id),
            "object": o.object,
            "zaakobjecttype": catalogi_url(base_url, "zaakobjecttypen", o.zaakobjecttype_id)
            if o.zaakobjecttype_id else "",
            "objectType": o.object_type,
            "objectTypeOverige": o.object_type_overige,
            "objectTypeOverigeDefinitie": o.object_type_overige_definitie,
            "relatieomschrijving": o.relatieomschrijving,
        }
        for key in LEFT_OUT_WHEN_EMPTY:
            if not item[key]:
                del item[key]
        if OBJECT_IDENTIFICATIE.get(o.object_type) is not None:
            item["objectIdentificatie"] = as_wire(o.object_identificatie)
        out.append(item)
    return out
