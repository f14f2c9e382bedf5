"""The Documenten API 1.7.0 representation of ENKELVOUDIGe INFORMATIEOBJECTen and
OBJECTINFORMATIEOBJECTen, built in bulk in a constant number of queries.

``documenten_json(documents, base_url)`` shows each document as its latest version, or as the
version the domain attached as ``document.getoonde_versie`` (``?versie=`` / ``?registratieOp=``).
The same dicts are the audit trail snapshots. ``inhoud`` is the download URL of the version shown
(null while it has no content, e.g. during an upload in bestandsdelen); ``bestandsdelen`` lists the
parts of a pending upload (only with the latest version); ``ondertekening`` and ``integriteit``
are null when not given (their schemas require every member, "" is not a date); ``link`` (format
uri, not nullable, not required) is left out while it has no value ("" is not a URL).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .domain.common import document_url, iot_url, url
from .models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def datetime_json(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def shown_version(document: EnkelvoudigInformatieObject) -> EnkelvoudigInformatieObjectVersie:
    return getattr(document, "getoonde_versie", None) or document.laatste_versie


def version_json(document: EnkelvoudigInformatieObject, v: EnkelvoudigInformatieObjectVersie, base_url: str,
                 delen: list[BestandsDeel]) -> dict:
    own_url = document_url(base_url, document)
    latest = document.laatste_versie_id == v.pk
    ondertekening = None
    if v.ondertekening_soort or v.ondertekening_datum:
        ondertekening = {"soort": v.ondertekening_soort, "datum": _date(v.ondertekening_datum)}
    integriteit = None
    if v.integriteit_algoritme or v.integriteit_waarde or v.integriteit_datum:
        integriteit = {"algoritme": v.integriteit_algoritme, "waarde": v.integriteit_waarde,
                       "datum": _date(v.integriteit_datum)}
    out = {
        "url": own_url,
        "identificatie": v.identificatie,
        "bronorganisatie": v.bronorganisatie,
        "creatiedatum": _date(v.creatiedatum),
        "titel": v.titel,
        "vertrouwelijkheidaanduiding": v.vertrouwelijkheidaanduiding,
        "isGereedVoorPublicatie": v.is_gereed_voor_publicatie,
        "tonenAanInitiator": v.tonen_aan_initiator,
        "auteur": v.auteur,
        "status": v.status,
        "inhoudIsVervallen": v.inhoud_is_vervallen,
        "formaat": v.formaat,
        "taal": v.taal,
        "versie": v.versie,
        "beginRegistratie": datetime_json(v.begin_registratie),
        "bestandsnaam": v.bestandsnaam,
        "inhoud": f"{own_url}/download?versie={v.versie}" if v.inhoud else None,
        "bestandsomvang": v.bestandsomvang,
        "link": v.link,
        "beschrijving": v.beschrijving,
        "ontvangstdatum": _date(v.ontvangstdatum),
        "verzenddatum": _date(v.verzenddatum),
        "indicatieGebruiksrecht": document.indicatie_gebruiksrecht,
        "verschijningsvorm": v.verschijningsvorm,
        "ondertekening": ondertekening,
        "integriteit": integriteit,
        "informatieobjecttype": iot_url(base_url, v.informatieobjecttype_id),
        "locked": bool(document.lock),
        "bestandsdelen": [bestandsdeel_json(d, base_url, document.lock) for d in delen] if latest else [],
        "trefwoorden": list(v.trefwoorden or []),
    }
    if not v.link:
        del out["link"]  # format uri, not nullable: "" is no URL
    return out


def bestandsdeel_json(deel: BestandsDeel, base_url: str, lock: str) -> dict:
    return {
        "url": url(base_url, "bestandsdelen", deel.pk),
        "volgnummer": deel.volgnummer,
        "omvang": deel.omvang,
        "voltooid": deel.voltooid,
        "lock": lock,
    }


def documenten_json(documents: list[EnkelvoudigInformatieObject], base_url: str) -> list[dict]:
    if not documents:
        return []
    missing = [d for d in documents if getattr(d, "getoonde_versie", None) is None
               and not EnkelvoudigInformatieObject.laatste_versie.is_cached(d)]
    if missing:  # documents read without select_related("laatste_versie")
        versions = {v.pk: v for v in EnkelvoudigInformatieObjectVersie.objects.filter(
            pk__in=[d.laatste_versie_id for d in missing])}
        for d in missing:
            d.laatste_versie = versions.get(d.laatste_versie_id)
    delen: dict = defaultdict(list)
    for deel in BestandsDeel.objects.filter(document_id__in=[d.pk for d in documents]).order_by("volgnummer"):
        delen[deel.document_id].append(deel)
    return [version_json(d, shown_version(d), base_url, delen[d.pk]) for d in documents]


def document_json(document: EnkelvoudigInformatieObject, base_url: str) -> dict:
    return documenten_json([document], base_url)[0]


def objectinformatieobjecten_json(objs: list, base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "objectinformatieobjecten", o.pk),
        "informatieobject": document_url(base_url, o.informatieobject_id),
        "object": o.object,
        "objectType": o.object_type,
    } for o in objs]
