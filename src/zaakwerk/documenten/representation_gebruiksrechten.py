"""The Documenten API 1.7.0 representation of GEBRUIKSRECHTen (schema ``Gebruiksrechten``), built
in bulk without any query: the informatieobject is named by the foreign key's value."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .domain.common import document_url, url


def gebruiksrecht_url(base_url: str, uuid) -> str:
    return url(base_url, "gebruiksrechten", uuid)


def datetime_json(value: dt.datetime | None) -> str | None:
    """An aware datetime as RFC 3339 in Dutch time (``2019-01-01T12:00:00+01:00``), as the date-time
    was meant when a client sent it without an offset. RFC 3339 offsets are whole minutes: a
    moment before 1937 (Amsterdam mean time, +00:19:32) is given in UTC instead."""
    if value is None:
        return None
    local = timezone.localtime(value)
    offset = local.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    return local.isoformat()


def gebruiksrechten_json(objs: list, base_url: str) -> list[dict]:
    return [{
        "url": gebruiksrecht_url(base_url, o.pk),
        "informatieobject": document_url(base_url, o.informatieobject_id),
        "startdatum": datetime_json(o.startdatum),
        "einddatum": datetime_json(o.einddatum),
        "omschrijvingVoorwaarden": o.omschrijving_voorwaarden,
    } for o in objs]
