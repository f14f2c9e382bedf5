"""The archive derivation of a zaak (zrc-021): ``archiefnominatie`` and ``archiefactiedatum`` from
the resultaattype, when the zaak is closed (or its resultaat is set on a closed zaak).

The rule, from the standard (``archiveren.md``, "Berekenen van de Zaak.Archiefactiedatum"):

1. an empty ``Zaak.archiefnominatie`` takes ``resultaattype.archiefnominatie``;
2. an empty ``Zaak.archiefactiedatum`` becomes *brondatum* + ``resultaattype.archiefactietermijn``,
   where the brondatum follows from ``resultaattype.brondatumArchiefprocedure.afleidingswijze``
   (one function per afleidingswijze below); no archiefactietermijn, or no brondatum, no date.

When is the brondatum an error rather than "unknown"? The standard: "In het algemeen moet een fout
optreden als de configuratie in het ZTC niet overeenkomt met de inrichting van de Zaak of
gerelateerde gegevens, of als er ongeldige waardes zijn" -- a zaakeigenschap that is missing is an
error, one whose value is empty leaves the date empty. Applied alike to every afleidingswijze:
the source the zaaktype points at is missing (no such eigenschap, no zaakobject of that type, no
besluiten, no hoofdzaak, no related zaken, no procestermijn) -> ``BrondatumError``; the source
exists but holds no date yet (an open hoofdzaak, a besluit without vervaldatum) -> no date; a
value that is not a date -> ``BrondatumError``. Where several sources exist the latest date counts.

The module has two parts:
- pure functions (no database, no network): one per afleidingswijze, ``brondatum`` dispatching on
  a ``Sources`` object, and ``derive`` for the whole rule. The future archive and destruction
  features reuse them (recomputing after a besluit changes, reports of what a rule would give);
- ``ZaakSources``: the ``Sources`` of a stored zaak, read from the Zaken tables, with objects of
  other registers (besluiten, remote zaakobjecten, remote related zaken) fetched through a
  function the caller passes (``zaken.domain.status.fetch_object``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from django.utils import timezone

from zaakwerk.core.validators import add_duration, parse_duration

AFGEHANDELD = "afgehandeld"
ANDER_DATUMKENMERK = "ander_datumkenmerk"
EIGENSCHAP = "eigenschap"
GERELATEERDE_ZAAK = "gerelateerde_zaak"
HOOFDZAAK = "hoofdzaak"
INGANGSDATUM_BESLUIT = "ingangsdatum_besluit"
TERMIJN = "termijn"
VERVALDATUM_BESLUIT = "vervaldatum_besluit"
ZAAKOBJECT = "zaakobject"

ERROR_CODE = "archiefactiedatum-error"


class BrondatumError(Exception):
    """The brondatum cannot be derived because the zaak does not match its zaaktype's archive
    configuration, or a value is not a date. Reported with code ``archiefactiedatum-error``."""


# ---- values --------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date_value(value) -> dt.date | None:
    """A date read from a zaakeigenschap, a zaakobject attribute or another register's JSON.

    Empty (None, "") is None. Accepted: ISO dates (also unpadded, "2008-1-1", as clients send for
    WOZ waardepeildatum), the ImZTC format JJJJMMDD, and ISO date-times (an aware one counts on its
    Europe/Amsterdam day). Anything else raises ValueError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _day(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"geen datum: {value!r}")
    text = value.strip()
    if not text:
        return None
    for pattern in (_DATE_RE, _COMPACT_DATE_RE):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    return _day(dt.datetime.fromisoformat(text))  # raises ValueError


def _day(moment: dt.datetime) -> dt.date:
    if timezone.is_aware(moment):
        return timezone.localtime(moment, timezone.get_default_timezone()).date()
    return moment.date()


def _dates(values: Iterable, what: str) -> list[dt.date]:
    out = []
    for value in values:
        try:
            parsed = parse_date_value(value)
        except ValueError:
            raise BrondatumError(f"Geen geldige datumwaarde in {what}: {value!r}.") from None
        if parsed is not None:
            out.append(parsed)
    return out


def _attribute(obj: dict, path: str):
    """``datumkenmerk`` names an attribute of the object, dotted for nested ones ("isVoor.x").
    Returns (found, value)."""
    current = obj
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return False, None
        current = current[part]
    return True, current


# ---- one function per afleidingswijze (pure) ------------------------------------------------


def brondatum_afgehandeld(einddatum: dt.date) -> dt.date:
    """``afgehandeld``: the zaak's einddatum."""
    return einddatum


def brondatum_ander_datumkenmerk() -> None:
    """``ander_datumkenmerk``: a date in another registration; determined by hand (the client sets
    ``archiefactiedatum`` itself), so never derived."""
    return None


def brondatum_eigenschap(waarden: list[str], datumkenmerk: str) -> dt.date | None:
    """``eigenschap``: the value of the zaakeigenschap named ``datumkenmerk`` (``waarden``: the
    values of the zaak's zaakeigenschappen of that name). Missing: error; empty: no date; several
    (kardinaliteit > 1): the latest."""
    if not datumkenmerk:
        raise BrondatumError("Geen datumkenmerk om de eigenschap voor de brondatum te vinden.")
    if not waarden:
        raise BrondatumError(f"De zaak heeft geen eigenschap '{datumkenmerk}' voor het bepalen van de brondatum.")
    dates = _dates(waarden, f"eigenschap '{datumkenmerk}'")
    return max(dates) if dates else None


def brondatum_hoofdzaak(heeft_hoofdzaak: bool, hoofdzaak_einddatum: dt.date | None) -> dt.date | None:
    """``hoofdzaak``: the einddatum of the hoofdzaak (none while the hoofdzaak is open); a zaak
    that is no deelzaak is an error."""
    if not heeft_hoofdzaak:
        raise BrondatumError("De zaak is geen deelzaak: de brondatum volgt uit de hoofdzaak.")
    return hoofdzaak_einddatum


def brondatum_gerelateerde_zaak(einddata: list[dt.date | None] | None) -> dt.date | None:
    """``gerelateerde_zaak``: the latest einddatum of the related zaken (relevanteAndereZaken);
    none while they are all open; no related zaken is an error."""
    if not einddata:
        raise BrondatumError("De zaak heeft geen gerelateerde zaken om de brondatum uit af te leiden.")
    dates = _dates(einddata, "einddatum van een gerelateerde zaak")
    return max(dates) if dates else None


def _besluit_datum(besluiten: list[dict], attribuut: str) -> dt.date | None:
    if not besluiten:
        raise BrondatumError("De zaak heeft geen besluiten om de brondatum uit af te leiden.")
    dates = _dates((b.get(attribuut) for b in besluiten), f"{attribuut} van een besluit")
    return max(dates) if dates else None


def brondatum_ingangsdatum_besluit(besluiten: list[dict]) -> dt.date | None:
    """``ingangsdatum_besluit``: the latest ingangsdatum of the zaak's besluiten (their JSON)."""
    return _besluit_datum(besluiten, "ingangsdatum")


def brondatum_vervaldatum_besluit(besluiten: list[dict]) -> dt.date | None:
    """``vervaldatum_besluit``: the latest vervaldatum of the zaak's besluiten; none when no
    besluit has one (yet). (The ImZTC text says the term starts the day *after* the vervaldatum;
    the reference implementation and VNG's suite, zrc-021e, take the vervaldatum itself.)"""
    return _besluit_datum(besluiten, "vervaldatum")


def brondatum_termijn(einddatum: dt.date, procestermijn: str | None) -> dt.date:
    """``termijn``: the einddatum plus the procestermijn (ISO 8601 duration)."""
    if not procestermijn:
        raise BrondatumError("Geen procestermijn om de brondatum te bepalen.")
    if parse_duration(procestermijn) is None:
        raise BrondatumError(f"Geen geldige procestermijn: {procestermijn!r}.")
    return add_duration(einddatum, procestermijn)


def brondatum_zaakobject(objecten: list[dict], objecttype: str, datumkenmerk: str) -> dt.date | None:
    """``zaakobject``: the attribute ``datumkenmerk`` of the zaak's zaakobjecten of type
    ``objecttype`` (``objecten``: the attributes of each, see ``ZaakSources``), the latest one.
    No such zaakobject, or one without that attribute: error; empty values: no date."""
    if not objecttype or not datumkenmerk:
        raise BrondatumError("Objecttype en datumkenmerk zijn nodig om de brondatum uit een zaakobject te halen.")
    if not objecten:
        raise BrondatumError(
            f"De zaak heeft geen zaakobject van type '{objecttype}' voor het bepalen van de brondatum.")
    values = []
    for obj in objecten:
        found, value = _attribute(obj, datumkenmerk)
        if not found:
            raise BrondatumError(f"'{datumkenmerk}' is geen attribuut van het zaakobject van type '{objecttype}'.")
        values.append(value)
    dates = _dates(values, f"attribuut '{datumkenmerk}'")
    return max(dates) if dates else None


def add_archiefactietermijn(brondatum: dt.date, archiefactietermijn: str) -> dt.date:
    """brondatum + archiefactietermijn (calendar arithmetic: 29 February + P1Y is 28 February)."""
    if parse_duration(archiefactietermijn) is None:
        raise BrondatumError(f"Geen geldige archiefactietermijn: {archiefactietermijn!r}.")
    return add_duration(brondatum, archiefactietermijn)


# ---- the whole rule (pure, given its sources) -----------------------------------------------


@dataclass(frozen=True)
class ArchiveRule:
    """What a resultaattype says about archiving (Catalogi ``ResultaatType``)."""

    archiefnominatie: str = ""
    archiefactietermijn: str | None = None
    afleidingswijze: str = ""
    datumkenmerk: str = ""
    objecttype: str = ""
    procestermijn: str | None = None

    @classmethod
    def of(cls, resultaattype) -> "ArchiveRule":
        return cls(
            archiefnominatie=resultaattype.archiefnominatie or "",
            archiefactietermijn=resultaattype.archiefactietermijn or None,
            afleidingswijze=resultaattype.brondatum_archiefprocedure_afleidingswijze or "",
            datumkenmerk=resultaattype.brondatum_archiefprocedure_datumkenmerk or "",
            objecttype=resultaattype.brondatum_archiefprocedure_objecttype or "",
            procestermijn=resultaattype.brondatum_archiefprocedure_procestermijn or None,
        )


class Sources(Protocol):
    """What the brondatum may be read from; only the part the afleidingswijze needs is asked."""

    einddatum: dt.date

    def hoofdzaak(self) -> tuple[bool, dt.date | None]: ...  # (is a deelzaak, einddatum of the hoofdzaak)

    def eigenschap_waarden(self, naam: str) -> list[str]: ...

    def zaakobjecten(self, objecttype: str, datumkenmerk: str) -> list[dict]: ...

    def gerelateerde_einddata(self) -> list[dt.date | None]: ...

    def besluiten(self) -> list[dict]: ...


def brondatum(rule: ArchiveRule, sources: Sources) -> dt.date | None:
    """The brondatum by the rule's afleidingswijze; None when it cannot be known (yet)."""
    wijze = rule.afleidingswijze
    if wijze == AFGEHANDELD:
        return brondatum_afgehandeld(sources.einddatum)
    if wijze == ANDER_DATUMKENMERK:
        return brondatum_ander_datumkenmerk()
    if wijze == EIGENSCHAP:
        return brondatum_eigenschap(sources.eigenschap_waarden(rule.datumkenmerk), rule.datumkenmerk)
    if wijze == HOOFDZAAK:
        return brondatum_hoofdzaak(*sources.hoofdzaak())
    if wijze == GERELATEERDE_ZAAK:
        return brondatum_gerelateerde_zaak(sources.gerelateerde_einddata())
    if wijze == INGANGSDATUM_BESLUIT:
        return brondatum_ingangsdatum_besluit(sources.besluiten())
    if wijze == VERVALDATUM_BESLUIT:
        return brondatum_vervaldatum_besluit(sources.besluiten())
    if wijze == TERMIJN:
        return brondatum_termijn(sources.einddatum, rule.procestermijn)
    if wijze == ZAAKOBJECT:
        return brondatum_zaakobject(sources.zaakobjecten(rule.objecttype, rule.datumkenmerk),
                                    rule.objecttype, rule.datumkenmerk)
    return None  # no brondatumArchiefprocedure on the resultaattype: nothing to derive


@dataclass(frozen=True)
class Derived:
    archiefnominatie: str
    archiefactiedatum: dt.date | None


def derive(rule: ArchiveRule, sources: Sources, *, archiefnominatie: str = "",
           archiefactiedatum: dt.date | None = None) -> Derived:
    """zrc-021 for a zaak whose current values are ``archiefnominatie``/``archiefactiedatum``:
    values the zaak already has are kept ("indien nog leeg"); the brondatum is only looked for
    when a date is to be derived and the resultaattype has an archiefactietermijn."""
    nominatie = archiefnominatie or rule.archiefnominatie
    datum = archiefactiedatum
    if datum is None and rule.archiefactietermijn:
        bron = brondatum(rule, sources)
        if bron is not None:
            datum = add_archiefactietermijn(bron, rule.archiefactietermijn)
    return Derived(archiefnominatie=nominatie, archiefactiedatum=datum)


# ---- the sources of a stored zaak (database + other registers) -------------------------------

_ZAAK_PATH_RE = re.compile(r"/zaken/api/v1/zaken/(?P<uuid>[0-9a-fA-F-]{36})/?$")


def local_zaak_uuid(url: str):
    """The uuid in a URL of one of our zaken (``.../zaken/api/v1/zaken/<uuid>``), else None."""
    import uuid as uuidlib
    from urllib.parse import urlsplit

    match = _ZAAK_PATH_RE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return uuidlib.UUID(match.group("uuid"))
    except ValueError:
        return None


Fetch = Callable[..., dict]  # fetch(url, headers=None) -> the JSON object; raises ReferenceLookupError


class ZaakSources:
    """``Sources`` for a stored zaak, closed (or being closed) on ``einddatum``. Reads lazily: a
    rule only costs the queries and requests of its own afleidingswijze. ``fetch`` gets the JSON
    of an object of another register (a besluit, a remote zaakobject or zaak); a failure there is
    a BrondatumError (the date must not silently go missing because a register did not answer)."""

    def __init__(self, zaak, einddatum: dt.date, fetch: Fetch):
        self.zaak = zaak
        self.einddatum = einddatum
        self.fetch = fetch

    def _fetch(self, url: str, what: str, headers: dict | None = None) -> dict:
        from zaakwerk.core.references import ReferenceLookupError

        try:
            return self.fetch(url, headers=headers)
        except ReferenceLookupError as exc:
            raise BrondatumError(f"{what} {url} kon niet worden opgehaald: {exc.detail}") from None

    def hoofdzaak(self) -> tuple[bool, dt.date | None]:
        from .models import Zaak

        if self.zaak.hoofdzaak_id is None:
            return False, None
        einddatum = Zaak.objects.filter(pk=self.zaak.hoofdzaak_id).values_list("einddatum", flat=True).first()
        return True, einddatum

    def eigenschap_waarden(self, naam: str) -> list[str]:
        from .models import ZaakEigenschap

        return list(ZaakEigenschap.objects.filter(zaak_id=self.zaak.pk, naam=naam)
                    .order_by("pk").values_list("waarde", flat=True))

    def zaakobjecten(self, objecttype: str, datumkenmerk: str) -> list[dict]:
        """The attributes of each zaakobject of the type: its objectIdentificatie when that holds
        the datumkenmerk, otherwise the object its ``object`` URL names."""
        from .models import ZaakObject

        rows = ZaakObject.objects.filter(zaak_id=self.zaak.pk, object_type=objecttype).order_by("pk")
        return self.zaakobject_attributes(rows.values_list("object", "object_identificatie"), datumkenmerk)

    def zaakobject_attributes(self, rows: Iterable[tuple[str, dict | None]], datumkenmerk: str) -> list[dict]:
        """``zaakobjecten`` for the given (object URL, objectIdentificatie) pairs."""
        out = []
        for obj_url, identificatie in rows:
            identificatie = identificatie if isinstance(identificatie, dict) else {}
            if _attribute(identificatie, datumkenmerk)[0] or not obj_url:
                out.append(identificatie)
            else:
                out.append(self._fetch(obj_url, "Zaakobject"))
        return out

    def gerelateerde_einddata(self) -> list[dt.date | None]:
        """The einddatum of every relevanteAndereZaken entry: ours from the table, another Zaken
        API's by fetching the zaak."""
        from zaakwerk.core.references import is_local

        from .models import Zaak

        related = [r.get("url") for r in (self.zaak.relevante_andere_zaken or []) if isinstance(r, dict)]
        local, remote = {}, []
        for url in filter(None, related):
            if is_local(url):
                pk = local_zaak_uuid(url)
                if pk is None:
                    raise BrondatumError(f"Gerelateerde zaak {url} is geen zaak.")
                local[url] = pk
            else:
                remote.append(url)
        found = dict(Zaak.objects.filter(pk__in=list(local.values())).values_list("pk", "einddatum"))
        out: list[dt.date | None] = []
        for url, pk in local.items():
            if pk not in found:
                raise BrondatumError(f"Gerelateerde zaak {url} bestaat niet.")
            out.append(found[pk])
        for url in remote:
            body = self._fetch(url, "Gerelateerde zaak", headers={"Accept-Crs": "EPSG:4326"})
            out.append(body.get("einddatum"))
        return out

    def besluiten(self) -> list[dict]:
        """The JSON of every besluit related to the zaak (``ZaakBesluit``, kept by the Besluiten
        register)."""
        from .models import ZaakBesluit

        urls = ZaakBesluit.objects.filter(zaak_id=self.zaak.pk).order_by("pk").values_list("besluit", flat=True)
        return [self._fetch(url, "Besluit") for url in urls]
