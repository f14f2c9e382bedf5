"""Wire schemas of the parties in the Zaken API 1.7.0: the ``betrokkeneIdentificatie`` of each
``betrokkeneType`` of a ROL (also the ``objectIdentificatie`` of a ZAAKOBJECT about a person or
organisation), their nested address groups and ``contactpersoonRol``.

These Structs decode and check one JSON object each; ``normalise`` turns a decoded Struct back
into the complete wire dict (every property of the schema, defaults filled in: "" for text, null
for nested groups, [] for lists). That dict is what is stored and what the API returns, so a value
round-trips exactly and a response always has the full shape of the standard.

Field names are the standard's wire names (camelCase, with its irregular ``inpA_nummer`` and
``subAdresBuitenland_1``); limits are the ``maxLength``/``minimum``/``maximum``/``pattern`` and
enums of the OAS.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

_IRREGULAR = {
    "inp_a_nummer": "inpA_nummer",
    "sub_adres_buitenland_1": "subAdresBuitenland_1",
    "sub_adres_buitenland_2": "subAdresBuitenland_2",
    "sub_adres_buitenland_3": "subAdresBuitenland_3",
}


def wire_name(name: str) -> str:
    """snake_case attribute -> the standard's wire name."""
    if name in _IRREGULAR:
        return _IRREGULAR[name]
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def Text(max_length: int):  # noqa: N802 - reads as a type in the schemas below
    return Annotated[str, Meta(max_length=max_length)]


Huisnummer = Annotated[int, Meta(ge=0, le=99999)]


class Group(msgspec.Struct, kw_only=True, rename=wire_name):
    """A nested JSON object of the standard. Unknown properties are ignored, as in the rest of
    the API."""


def normalise(value: Group) -> dict:
    """The complete wire dict of a decoded group (defaults included, schema order)."""
    return msgspec.to_builtins(value)


# Optional, non-nullable properties whose OAS schema constrains the text (``inpA_nummer``: pattern
# ``^[1-9][0-9]{9}$``; ``emailadres``: format email): "" is stored for "not known", but is not a
# valid value, so a response leaves such a property out instead.
LEFT_OUT_WHEN_EMPTY = frozenset({"inpA_nummer", "emailadres"})


def as_wire(value):
    """A stored group (or list/None) as the API returns it: the stored dict without the empty
    values of ``LEFT_OUT_WHEN_EMPTY``, at any depth."""
    if isinstance(value, dict):
        return {key: as_wire(item) for key, item in value.items()
                if not (key in LEFT_OUT_WHEN_EMPTY and item == "")}
    if isinstance(value, list):
        return [as_wire(item) for item in value]
    return value


# ---- address groups ------------------------------------------------------------------------------


class VerblijfsAdres(Group, kw_only=True):
    aoa_identificatie: Text(100)
    wpl_woonplaats_naam: Text(80)
    gor_openbare_ruimte_naam: Text(80)
    aoa_postcode: Text(7) = ""
    aoa_huisnummer: Huisnummer
    aoa_huisletter: Text(1) = ""
    aoa_huisnummertoevoeging: Text(4) = ""
    inp_locatiebeschrijving: Text(1000) = ""


class SubVerblijfBuitenland(Group, kw_only=True):
    lnd_landcode: Text(4)
    lnd_landnaam: Text(40)
    sub_adres_buitenland_1: Text(35) = ""
    sub_adres_buitenland_2: Text(35) = ""
    sub_adres_buitenland_3: Text(35) = ""


# ---- betrokkeneIdentificatie per betrokkeneType --------------------------------------------------

Geslachtsaanduiding = Literal["", "m", "v", "o"]

InnRechtsvorm = Literal[
    "", "besloten_vennootschap", "cooperatie_europees_economische_samenwerking",
    "europese_cooperatieve_venootschap", "europese_cooperatieve_vennootschap",
    "europese_naamloze_vennootschap", "kerkelijke_organisatie", "naamloze_vennootschap",
    "onderlinge_waarborg_maatschappij", "overig_privaatrechtelijke_rechtspersoon", "stichting",
    "vereniging", "vereniging_van_eigenaars", "publiekrechtelijke_rechtspersoon",
    "vennootschap_onder_firma", "maatschap", "rederij", "commanditaire_vennootschap",
    "kapitaalvennootschap_binnen_eer", "overige_buitenlandse_rechtspersoon_vennootschap",
    "kapitaalvennootschap_buiten_eer",
]


class NatuurlijkPersoon(Group, kw_only=True):
    """RolNatuurlijkPersoon. ``inpBsn`` must pass the 11-proof (checked by the domain, which
    knows the field's full path)."""

    inp_bsn: Text(9) = ""
    anp_identificatie: Text(17) = ""
    # the A-nummer: ten digits, not starting with 0 (an empty value means "not known")
    inp_a_nummer: Annotated[str, Meta(max_length=10, pattern=r"^(?:[1-9][0-9]{9})?$")] = ""
    geslachtsnaam: Text(200) = ""
    voorvoegsel_geslachtsnaam: Text(80) = ""
    voorletters: Text(20) = ""
    voornamen: Text(200) = ""
    geslachtsaanduiding: Geslachtsaanduiding = ""
    geboortedatum: Text(18) = ""
    verblijfsadres: VerblijfsAdres | None = None
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None


class NietNatuurlijkPersoon(Group, kw_only=True):
    inn_nnp_id: Text(9) = ""
    ann_identificatie: Text(17) = ""
    statutaire_naam: Text(500) = ""
    inn_rechtsvorm: InnRechtsvorm = ""
    bezoekadres: Text(1000) = ""
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None


class Vestiging(Group, kw_only=True):
    vestigings_nummer: Text(24) = ""
    handelsnaam: list[Text(625)] = []
    verblijfsadres: VerblijfsAdres | None = None
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None
    kvk_nummer: Text(8) = ""


class OrganisatorischeEenheid(Group, kw_only=True):
    identificatie: Text(24) = ""
    naam: Text(50) = ""
    is_gehuisvest_in: Text(24) = ""


class Medewerker(Group, kw_only=True):
    identificatie: Text(254) = ""
    achternaam: Text(200) = ""
    voorletters: Text(20) = ""
    voorvoegsel_achternaam: Text(10) = ""


BETROKKENE_IDENTIFICATIE: dict[str, type[Group]] = {
    "natuurlijk_persoon": NatuurlijkPersoon,
    "niet_natuurlijk_persoon": NietNatuurlijkPersoon,
    "vestiging": Vestiging,
    "organisatorische_eenheid": OrganisatorischeEenheid,
    "medewerker": Medewerker,
}

BETROKKENE_TYPEN = tuple(BETROKKENE_IDENTIFICATIE)


class ContactPersoonRol(Group, kw_only=True):
    """``contactpersoonRol``; ``emailadres`` is checked as an e-mail address by the domain."""

    emailadres: Text(254) = ""
    functie: Text(50) = ""
    telefoonnummer: Text(20) = ""
    naam: Text(40)
