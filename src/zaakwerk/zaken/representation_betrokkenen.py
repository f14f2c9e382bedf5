"""The Zaken API 1.7.0 representation of ROLlen, built in bulk.

``rollen_json(objs, base_url)`` returns the exact response dicts for a list of Rol rows in a
constant number of queries (one, for the statussen the rollen set), however many rollen are
passed. The same dicts are the audit trail snapshots.

``betrokkene`` (optional, format uri, not nullable) is left out while the rol names its betrokkene
only by ``betrokkeneIdentificatie``; empty values the schema forbids inside the groups
(``inpA_nummer``, ``emailadres``) likewise (``schemas_betrokkenen.as_wire``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from .domain.common import catalogi_url, url, zaak_url
from .models import Rol, Status
from .schemas_betrokkenen import as_wire


def datetime_json(value: dt.datetime | None) -> str | None:
    """An aware datetime as RFC 3339 in UTC (``2024-03-01T09:30:00Z``)."""
    if value is None:
        return None
    return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def local_datetime_json(value: dt.datetime | None) -> str | None:
    """An aware datetime as RFC 3339 in Dutch time (``2024-03-05T10:00:00+01:00``). RFC 3339 has
    offsets in whole minutes only; Amsterdam's local mean time (+00:19:32, until 1937) had
    seconds, so such an early moment is given in UTC (``Z``) instead."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        local = timezone.localtime(value, timezone.get_default_timezone())
    except OverflowError:  # the last hours of 9999 in UTC are in the year 10000 in Dutch time
        return datetime_json(value)
    offset = local.utcoffset()
    if offset is None or offset.total_seconds() % 60:
        return datetime_json(value)
    return local.isoformat()


def rol_url(base_url: str, rol_uuid) -> str:
    return url(base_url, "rollen", rol_uuid)


def rollen_json(objs: list[Rol], base_url: str) -> list[dict]:
    ids = [o.pk for o in objs]
    statussen: dict = defaultdict(list)
    if ids:
        rows = (Status.objects.filter(gezetdoor_id__in=ids).order_by("datum_status_gezet", "pk")
                .values_list("gezetdoor_id", "uuid"))
        for rol_id, status_uuid in rows:
            statussen[rol_id].append(url(base_url, "statussen", status_uuid))
    out = []
    for o in objs:
        item = {
            "url": rol_url(base_url, o.pk),
            "uuid": str(o.pk),
            "zaak": zaak_url(base_url, o.zaak_id),
            "betrokkene": o.betrokkene,
            "betrokkeneType": o.betrokkene_type,
            "afwijkendeNaamBetrokkene": o.afwijkende_naam_betrokkene,
            "roltype": catalogi_url(base_url, "roltypen", o.roltype_id),
            "omschrijving": o.omschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "roltoelichting": o.roltoelichting,
            "registratiedatum": datetime_json(o.registratiedatum),
            "indicatieMachtiging": o.indicatie_machtiging,
            "contactpersoonRol": as_wire(o.contactpersoon_rol),
            "statussen": statussen.get(o.pk, []),
            "betrokkeneIdentificatie": as_wire(o.betrokkene_identificatie),
        }
        if not o.betrokkene:
            del item["betrokkene"]
        out.append(item)
    return out
