"""The Besluiten API 1.1.0 representation of besluiten and besluitinformatieobjecten, built in
bulk without any query (every reference is a column of the row). The same dicts are the audit
trail snapshots and what other registers read in-process (``zaken.domain.status.fetch_object``).

Values the schema does not allow are never shown: ``zaak`` (format uri, not nullable) is left out
of a besluit without zaak, and so are ``vervalreden`` (an enum without "") and
``vervalredenWeergave`` (minLength 1) while the besluit has no vervalreden. The schemas have no
``uuid`` property and none is added.
"""

from __future__ import annotations

import datetime as dt

from .models import VERVALREDEN, Besluit, BesluitInformatieObject

ROOT = "/besluiten/api/v1"
VERVALREDEN_WEERGAVE = dict(VERVALREDEN)


def besluit_url(base_url: str, uuid) -> str:
    return f"{base_url}{ROOT}/besluiten/{uuid}"


def besluitinformatieobject_url(base_url: str, uuid) -> str:
    return f"{base_url}{ROOT}/besluitinformatieobjecten/{uuid}"


def besluittype_url(base_url: str, uuid) -> str:
    return f"{base_url}/catalogi/api/v1/besluittypen/{uuid}"


def local_zaak_url(base_url: str, uuid) -> str:
    return f"{base_url}/zaken/api/v1/zaken/{uuid}"


def zaak_url_of(base_url: str, besluit: Besluit) -> str:
    """The URL of the besluit's zaak ("" when it has none)."""
    if besluit.zaak_uuid is not None:
        return local_zaak_url(base_url, besluit.zaak_uuid)
    return besluit.zaak_extern or ""


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def besluiten_json(besluiten: list[Besluit], base_url: str) -> list[dict]:
    out = []
    for b in besluiten:
        item = {
            "url": besluit_url(base_url, b.pk),
            "identificatie": b.identificatie,
            "verantwoordelijkeOrganisatie": b.verantwoordelijke_organisatie,
            "besluittype": besluittype_url(base_url, b.besluittype_id),
        }
        zaak = zaak_url_of(base_url, b)
        if zaak:
            item["zaak"] = zaak
        item.update({
            "datum": _date(b.datum),
            "toelichting": b.toelichting,
            "bestuursorgaan": b.bestuursorgaan,
            "ingangsdatum": _date(b.ingangsdatum),
            "vervaldatum": _date(b.vervaldatum),
        })
        if b.vervalreden:
            item["vervalreden"] = b.vervalreden
            item["vervalredenWeergave"] = VERVALREDEN_WEERGAVE.get(b.vervalreden, b.vervalreden)
        item.update({
            "publicatiedatum": _date(b.publicatiedatum),
            "verzenddatum": _date(b.verzenddatum),
            "uiterlijkeReactiedatum": _date(b.uiterlijke_reactiedatum),
        })
        out.append(item)
    return out


def besluitinformatieobjecten_json(objs: list[BesluitInformatieObject], base_url: str) -> list[dict]:
    return [{
        "url": besluitinformatieobject_url(base_url, o.pk),
        "informatieobject": o.informatieobject,
        "besluit": besluit_url(base_url, o.besluit_id),
    } for o in objs]
