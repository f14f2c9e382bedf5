"""The Zaken API 1.7.0 representation of the relations of a zaak with objects in other registers:
zaakinformatieobjecten, zaakbesluiten (nested under the zaak), zaakcontactmomenten,
zaakverzoeken and the deprecated klantcontacten. All built in bulk without any query."""

from __future__ import annotations

from .domain.common import ROOT, url, zaak_url
from .models import KlantContact, ZaakBesluit, ZaakContactMoment, ZaakInformatieObject, ZaakVerzoek
from .representation_betrokkenen import datetime_json

AARD_RELATIE_WEERGAVE = {
    "hoort_bij": "Hoort bij, omgekeerd: kent",
    "legt_vast": "Legt vast, omgekeerd: kan vastgelegd zijn als",
}


def zaakbesluit_url(base_url: str, zaak_uuid, uuid) -> str:
    return f"{base_url}{ROOT}/zaken/{zaak_uuid}/besluiten/{uuid}"


def zaakinformatieobjecten_json(objs: list[ZaakInformatieObject], base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "zaakinformatieobjecten", o.pk),
        "uuid": str(o.pk),
        "informatieobject": o.informatieobject,
        "zaak": zaak_url(base_url, o.zaak_id),
        "aardRelatieWeergave": AARD_RELATIE_WEERGAVE.get(o.aard_relatie, o.aard_relatie),
        "titel": o.titel,
        "beschrijving": o.beschrijving,
        "registratiedatum": datetime_json(o.registratiedatum),
        "vernietigingsdatum": datetime_json(o.vernietigingsdatum),
        "status": url(base_url, "statussen", o.status_id) if o.status_id else None,
    } for o in objs]


def klantcontacten_json(objs: list[KlantContact], base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "klantcontacten", o.pk),
        "uuid": str(o.pk),
        "zaak": zaak_url(base_url, o.zaak_id),
        "identificatie": o.identificatie,
        "datumtijd": datetime_json(o.datumtijd),
        "kanaal": o.kanaal,
        "onderwerp": o.onderwerp,
        "toelichting": o.toelichting,
    } for o in objs]


def zaakcontactmomenten_json(objs: list[ZaakContactMoment], base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "zaakcontactmomenten", o.pk),
        "uuid": str(o.pk),
        "zaak": zaak_url(base_url, o.zaak_id),
        "contactmoment": o.contactmoment,
    } for o in objs]


def zaakverzoeken_json(objs: list[ZaakVerzoek], base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "zaakverzoeken", o.pk),
        "uuid": str(o.pk),
        "zaak": zaak_url(base_url, o.zaak_id),
        "verzoek": o.verzoek,
    } for o in objs]


def zaakbesluiten_json(objs: list[ZaakBesluit], base_url: str) -> list[dict]:
    return [{
        "url": zaakbesluit_url(base_url, o.zaak_id, o.pk),
        "uuid": str(o.pk),
        "besluit": o.besluit,
    } for o in objs]
