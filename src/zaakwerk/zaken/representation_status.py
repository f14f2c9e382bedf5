"""The Zaken API 1.7.0 representation of statussen and resultaten, built in bulk.

``status_json`` and ``resultaat_json`` return the exact response dicts (wire names, the 1.7.0
field set, derived read-only fields) for a list of model instances in a constant number of
queries, however many are passed: a status page costs at most two (its zaakinformatieobjecten,
and the current status of zaken not already loaded with the statussen), a resultaat page none.
The same dicts are the audit trail snapshots. ``gezetdoor`` (optional, format uri, not nullable)
is left out of a status that no rol set.
"""

from __future__ import annotations

from collections import defaultdict

from zaakwerk.core.api import remembered_representations

from .domain.common import catalogi_url, url, zaak_url
from .models import Resultaat, Status, Zaak, ZaakInformatieObject
from .representation_betrokkenen import local_datetime_json


def status_json(statussen: list[Status], base_url: str, *, fresh: bool = False) -> list[dict]:
    """``fresh``: the statussen were inserted in this transaction (no zaakinformatieobject names
    them yet). A status the domain just represented (``core.api.remember_representation``) is shown as it was then."""
    if not statussen:
        return []
    remembered = remembered_representations(statussen, base_url)
    if remembered is not None:
        return remembered
    ids = [s.pk for s in statussen]
    zios: dict = defaultdict(list)
    if not fresh:
        for status_id, uuid in (ZaakInformatieObject.objects.filter(status_id__in=ids)
                                .order_by("registratiedatum", "pk").values_list("status_id", "uuid")):
            zios[status_id].append(url(base_url, "zaakinformatieobjecten", uuid))
    huidige = {s.zaak_id: s.zaak.huidige_status_id for s in statussen if Status.zaak.is_cached(s)}
    missing = {s.zaak_id for s in statussen} - set(huidige)
    if missing:
        huidige.update(Zaak.objects.filter(pk__in=missing).values_list("pk", "huidige_status_id"))
    out = []
    for s in statussen:
        item = {
            "url": url(base_url, "statussen", s.pk),
            "uuid": str(s.pk),
            "zaak": zaak_url(base_url, s.zaak_id),
            "statustype": catalogi_url(base_url, "statustypen", s.statustype_id),
            "datumStatusGezet": local_datetime_json(s.datum_status_gezet),
            "statustoelichting": s.statustoelichting,
            "indicatieLaatstGezetteStatus": huidige.get(s.zaak_id) == s.pk,
            "gezetdoor": url(base_url, "rollen", s.gezetdoor_id) if s.gezetdoor_id else None,
            "zaakinformatieobjecten": zios.get(s.pk, []),
        }
        if item["gezetdoor"] is None:
            del item["gezetdoor"]
        out.append(item)
    return out


def resultaat_json(resultaten: list[Resultaat], base_url: str) -> list[dict]:
    return [{
        "url": url(base_url, "resultaten", r.pk),
        "uuid": str(r.pk),
        "zaak": zaak_url(base_url, r.zaak_id),
        "resultaattype": catalogi_url(base_url, "resultaattypen", r.resultaattype_id),
        "toelichting": r.toelichting,
    } for r in resultaten]
