"""The Documenten API 1.7.0 representation of VERZENDINGen (schema ``Verzending``), built in bulk
without any query. The three address groups are ``null`` when absent and complete (every property
of the group) when present; the contact details are ``null`` when not known."""

from __future__ import annotations

from .domain.common import document_url, url


def verzending_url(base_url: str, uuid) -> str:
    return url(base_url, "verzendingen", uuid)


def _binnenlands(value: dict | None) -> dict | None:
    if not value:
        return None
    return {
        "huisletter": value.get("huisletter") or "",
        "huisnummer": value.get("huisnummer"),
        "huisnummerToevoeging": value.get("huisnummer_toevoeging") or "",
        "naamOpenbareRuimte": value.get("naam_openbare_ruimte") or "",
        "postcode": value.get("postcode") or "",
        "woonplaatsnaam": value.get("woonplaatsnaam") or "",
    }


def _buitenlands(value: dict | None) -> dict | None:
    if not value:
        return None
    return {
        "adresBuitenland1": value.get("adres_buitenland_1") or "",
        "adresBuitenland2": value.get("adres_buitenland_2") or "",
        "adresBuitenland3": value.get("adres_buitenland_3") or "",
        "landPostadres": value.get("land_postadres") or "",
    }


def _postadres(value: dict | None) -> dict | None:
    if not value:
        return None
    return {
        "postBusOfAntwoordnummer": value.get("post_bus_of_antwoordnummer"),
        "postadresPostcode": value.get("postadres_postcode") or "",
        "postadresType": value.get("postadres_type") or "",
        "woonplaatsnaam": value.get("woonplaatsnaam") or "",
    }


def verzendingen_json(objs: list, base_url: str) -> list[dict]:
    return [{
        "url": verzending_url(base_url, o.pk),
        "betrokkene": o.betrokkene,
        "informatieobject": document_url(base_url, o.informatieobject_id),
        "aardRelatie": o.aard_relatie,
        "toelichting": o.toelichting,
        "ontvangstdatum": o.ontvangstdatum.isoformat() if o.ontvangstdatum else None,
        "verzenddatum": o.verzenddatum.isoformat() if o.verzenddatum else None,
        "contactPersoon": o.contact_persoon,
        "contactpersoonnaam": o.contactpersoonnaam,
        "binnenlandsCorrespondentieadres": _binnenlands(o.binnenlands_correspondentieadres),
        "buitenlandsCorrespondentieadres": _buitenlands(o.buitenlands_correspondentieadres),
        "correspondentiePostadres": _postadres(o.correspondentie_postadres),
        "faxnummer": o.faxnummer,
        "emailadres": o.emailadres,
        "mijnOverheid": o.mijn_overheid,
        "telefoonnummer": o.telefoonnummer,
    } for o in objs]
