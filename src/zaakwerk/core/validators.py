"""Validators the standard needs: RSIN/BSN (the 11-proof) and ISO 8601 durations."""

from __future__ import annotations

import re

from .errors import ValidationFailed

_DURATION_RE = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?$"
)


def elfproef(value: str) -> bool:
    """The 11-proof of a 9-digit RSIN or BSN."""
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1))) - int(value[8])
    return total % 11 == 0


def validate_rsin(value: str, name: str = "rsin") -> None:
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        raise ValidationFailed(name, "invalid-length" if isinstance(value, str) and value.isdigit() else "only-digits",
                               "Een RSIN bestaat uit precies 9 cijfers.")
    if not elfproef(value):
        raise ValidationFailed(name, "invalid", "Onjuist RSIN: de elfproef klopt niet.")


def validate_bsn(value: str, name: str = "inpBsn") -> None:
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        raise ValidationFailed(name, "invalid-length" if isinstance(value, str) and value.isdigit() else "only-digits",
                               "Een BSN bestaat uit precies 9 cijfers.")
    if not elfproef(value):
        raise ValidationFailed(name, "invalid", "Onjuist BSN: de elfproef klopt niet.")


def parse_duration(value: str) -> dict[str, float] | None:
    """The parts of an ISO 8601 duration (PnYnMnWnDTnHnMnS), or None if it is not one."""
    if not isinstance(value, str):
        return None
    m = _DURATION_RE.match(value)
    if not m:
        return None
    return {k: float(v.replace(",", ".")) for k, v in m.groupdict().items() if v is not None}


def validate_duration(value: str, name: str) -> None:
    if parse_duration(value) is None:
        raise ValidationFailed(name, "invalid", "Geen geldige ISO 8601-duur (bijvoorbeeld P30D of P1Y).")


def add_duration(date, value: str):
    """``date`` plus an ISO 8601 duration (calendar arithmetic for years and months)."""
    import datetime as dt

    parts = parse_duration(value)
    if parts is None:
        raise ValueError(value)
    years = int(parts.get("years", 0))
    months = int(parts.get("months", 0)) + 12 * years
    month_index = date.month - 1 + months
    year = date.year + month_index // 12
    month = month_index % 12 + 1
    import calendar

    day = min(date.day, calendar.monthrange(year, month)[1])
    result = date.replace(year=year, month=month, day=day)
    return result + dt.timedelta(
        weeks=parts.get("weeks", 0), days=parts.get("days", 0), hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0), seconds=parts.get("seconds", 0),
    ) if isinstance(result, dt.datetime) else result + dt.timedelta(
        weeks=parts.get("weeks", 0), days=parts.get("days", 0))
