"""Field-level checks the domains apply to parsed input, whatever adapter sent it.

The API adapter already rejects wrong JSON types; these checks make the domain safe for every
other caller too (UI, admin, import) and give the same ``invalidParams`` codes as the API
(``required``, ``blank``, ``null``, ``max_length``, ``invalid``, ``invalid_choice``,
``min_value``, ``max_value``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from django.utils import timezone

from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.validators import elfproef, parse_duration


def camel(name: str) -> str:
    """snake_case -> camelCase wire name (``opschorting_en_aanhouding_mogelijk`` ->
    ``opschortingEnAanhoudingMogelijk``)."""
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def is_duration(value) -> bool:
    """An ISO 8601 duration as the ZGW APIs use them: P1Y2M10DT2H30M, P3W."""
    return parse_duration(value) is not None


def is_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_rsin(value) -> bool:
    """Nine digits passing the elfproef (the same check as a BSN)."""
    return elfproef(value)


class Choices:
    """The allowed values of a ``choice`` field given as strings (what Django's TextChoices offer
    as ``.values``)."""

    def __init__(self, *values: str):
        self.values = list(values)


@dataclass(frozen=True)
class F:
    """How one scalar input field is checked. ``kind`` is text, bool, int, date, duration, url,
    email, rsin, choice, texts (list of text) or urls (list of URLs)."""

    kind: str
    max_length: int | None = None
    required: bool = False
    blank: bool = True
    nullable: bool = False
    choices: type | None = None
    minimum: int | None = None
    maximum: int | None = None


def check_fields(spec: dict[str, F], data: dict, errors: ValidationErrors, *, full: bool,
                 prefix: str = "") -> dict:
    """Check the fields of ``spec`` present in ``data``; with ``full`` (create or PUT) a missing
    required field is an error too. Returns the checked values (only keys that were present)."""
    out = {}
    for key, f in spec.items():
        name = prefix + camel(key)
        if key not in data:
            if full and f.required:
                errors.add(name, "required", "Dit veld is vereist.")
            continue
        value = data[key]
        if value is None:
            if f.nullable:
                out[key] = None
            else:
                errors.add(name, "null", "Dit veld mag niet leeg zijn.")
            continue
        if _check_value(name, f, value, errors):
            out[key] = value
    return out


def _check_value(name: str, f: F, value, errors: ValidationErrors) -> bool:
    kind = f.kind
    if kind in ("text", "choice", "duration", "url", "email", "rsin"):
        if not isinstance(value, str):
            errors.add(name, "invalid", "Geef een tekst op.")
            return False
        if value == "":
            if f.blank and kind not in ("rsin",):
                return True
            errors.add(name, "blank", "Dit veld mag niet leeg zijn.")
            return False
        if f.max_length is not None and len(value) > f.max_length:
            errors.add(name, "max_length", f"Zorg dat dit veld niet meer dan {f.max_length} tekens bevat.")
            return False
        if kind == "choice" and value not in f.choices.values:
            errors.add(name, "invalid_choice", f'"{value}" is geen geldige keuze.')
            return False
        if kind == "duration" and not is_duration(value):
            errors.add(name, "invalid", "Geef een tijdsduur in ISO 8601-formaat op, bijvoorbeeld P10D.")
            return False
        if kind == "url" and not is_url(value):
            errors.add(name, "invalid", "Voer een geldige URL in.")
            return False
        if kind == "email":
            try:
                validate_email(value)
            except DjangoValidationError:
                errors.add(name, "invalid", "Voer een geldig e-mailadres in.")
                return False
        if kind == "rsin" and not is_rsin(value):
            errors.add(name, "invalid", "Voer een geldig RSIN in (9 cijfers, elfproef).")
            return False
        return True
    if kind == "bool":
        if not isinstance(value, bool):
            errors.add(name, "invalid", "Geef true of false op.")
            return False
        return True
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            errors.add(name, "invalid", "Geef een geheel getal op.")
            return False
        if f.minimum is not None and value < f.minimum:
            errors.add(name, "min_value", f"Zorg dat deze waarde groter of gelijk is aan {f.minimum}.")
            return False
        if f.maximum is not None and value > f.maximum:
            errors.add(name, "max_value", f"Zorg dat deze waarde kleiner of gelijk is aan {f.maximum}.")
            return False
        return True
    if kind == "date":
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.add(name, "invalid", "Geef een datum op (JJJJ-MM-DD).")
            return False
        return True
    if kind in ("texts", "urls"):
        if not isinstance(value, list):
            errors.add(name, "not_a_list", "Geef een lijst op.")
            return False
        ok = True
        for index, item in enumerate(value):
            item_spec = F("url" if kind == "urls" else "text", max_length=f.max_length, blank=False)
            ok = _check_value(f"{name}.{index}", item_spec, item, errors) and ok
        return ok
    raise ValueError(f"unknown field kind {kind!r}")  # pragma: no cover - programming error


def check_group(data: dict, key: str, spec: dict[str, F], errors: ValidationErrors) -> dict | None:
    """A gegevensgroep (zrc-012 and the like): null is "no value"; an object is validated as a
    whole, every missing field reported (as ``<group>.<field>``). None when absent or invalid."""
    value = data[key]
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.add(camel(key), "invalid", "Geef een object op.")
        return None
    before = len(errors.params)
    checked = check_fields(spec, value, errors, full=True, prefix=camel(key) + ".")
    return checked if len(errors.params) == before else None


def check_rsin(value, name: str, errors: ValidationErrors, *, blank_code: bool = False) -> bool:
    """An RSIN (bronorganisatie, verantwoordelijkeOrganisatie): nine digits passing the elfproef.
    ``blank_code``: an empty string is ``blank`` (otherwise ``invalid-length``)."""
    if not isinstance(value, str):
        errors.add(name, "invalid", "Geef een tekst op.")
    elif blank_code and value == "":
        errors.add(name, "blank", "Dit veld mag niet leeg zijn.")
    elif len(value) != 9:
        errors.add(name, "invalid-length", "Een RSIN bestaat uit precies 9 cijfers.")
    elif not value.isdigit():
        errors.add(name, "only-digits", "Een RSIN bestaat alleen uit cijfers.")
    elif not elfproef(value):
        errors.add(name, "invalid", "Onjuist RSIN: de elfproef klopt niet.")
    else:
        return True
    return False


def as_utc(value: dt.datetime | None, name: str) -> dt.datetime | None:
    """A date-time of a request as stored and compared: aware, in UTC. A naive one is Dutch time
    (as Django REST framework read it). ISO 8601 allows UTC offsets up to ±23:59, PostgreSQL
    only up to ±15:59: in UTC every offset is fine. A moment outside the years 1-9999 in UTC
    (``0001-01-01T00:00:00+05:00``) cannot be stored: 400 ``invalid`` on ``name``."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        raise ValidationFailed(name, "invalid", "Deze datum en tijd valt buiten de jaren 1-9999 (UTC).") from None
