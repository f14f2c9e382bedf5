"""Wire schemas of the ``objectIdentificatie`` of a ZAAKOBJECT, one per ``objectType`` of the
Zaken API 1.7.0 (31 types), and of ``objectTypeOverigeDefinitie``.

Three types have no objectIdentificatie (``besluit``, ``enkelvoudig_document``, ``status``): they
are identified by their ``object`` URL only. The five person/organisation types use the same
schemas as ``rol.betrokkeneIdentificatie`` (``schemas_betrokkenen``).

As in ``schemas_betrokkenen``, ``normalise`` gives the complete stored and returned wire dict.
"""

from __future__ import annotations

from typing import Any, Literal

from .schemas_betrokkenen import (
    Group,
    Huisnummer,
    Medewerker,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    OrganisatorischeEenheid,
    Text,
    Vestiging,
    normalise,
)

__all__ = ["OBJECT_IDENTIFICATIE", "OBJECT_TYPEN", "ObjectTypeOverigeDefinitie", "normalise"]


class ObjectAdres(Group, kw_only=True):
    identificatie: Text(100)
    wpl_woonplaats_naam: Text(80)
    gor_openbare_ruimte_naam: Text(80)
    huisnummer: Huisnummer
    huisletter: Text(1) = ""
    huisnummertoevoeging: Text(4) = ""
    postcode: Text(7) = ""


class ObjectBuurt(Group, kw_only=True):
    buurt_code: Text(2)
    buurt_naam: Text(40)
    gem_gemeente_code: Text(4)
    wyk_wijk_code: Text(2)


class ObjectGemeente(Group, kw_only=True):
    gemeente_naam: Text(80)
    gemeente_code: Text(4)


class ObjectGemeentelijkeOpenbareRuimte(Group, kw_only=True):
    identificatie: Text(100)
    openbare_ruimte_naam: Text(80)


class TerreinGebouwdObjectAdres(Group, kw_only=True):
    num_identificatie: Text(100) = ""
    oao_identificatie: Text(100) = ""
    aoa_identificatie: Text(100) = ""
    wpl_woonplaats_naam: Text(80)
    gor_openbare_ruimte_naam: Text(80)
    aoa_postcode: Text(7) = ""
    aoa_huisnummer: Huisnummer
    aoa_huisletter: Text(1) = ""
    aoa_huisnummertoevoeging: Text(4) = ""
    ogo_locatie_aanduiding: Text(100) = ""


class ObjectTerreinGebouwdObject(Group, kw_only=True):
    identificatie: Text(100)
    adres_aanduiding_grp: TerreinGebouwdObjectAdres | None = None


class ObjectHuishouden(Group, kw_only=True):
    nummer: Text(12)
    is_gehuisvest_in: ObjectTerreinGebouwdObject | None = None


class ObjectInrichtingselement(Group, kw_only=True):
    type: Literal["bak", "bord", "installatie", "kast", "mast", "paal", "sensor", "straatmeubilair",
                  "waterinrichtingselement", "weginrichtingselement"]
    identificatie: Text(100)
    naam: Text(500) = ""


class ObjectKadastraleOnroerendeZaak(Group, kw_only=True):
    kadastrale_identificatie: Text(100)
    kadastrale_aanduiding: Text(1000)


class ObjectKunstwerkdeel(Group, kw_only=True):
    type: Literal["keermuur", "overkluizing", "duiker", "faunavoorziening", "vispassage", "bodemval",
                  "coupure", "ponton", "voorde", "hoogspanningsmast", "gemaal", "perron", "sluis",
                  "strekdam", "steiger", "stuw"]
    identificatie: Text(100)
    naam: Text(80)


class ObjectMaatschappelijkeActiviteit(Group, kw_only=True):
    kvk_nummer: Text(8)
    handelsnaam: Text(200)


class ObjectOpenbareRuimte(Group, kw_only=True):
    identificatie: Text(100)
    wpl_woonplaats_naam: Text(80)
    gor_openbare_ruimte_naam: Text(80)


class ObjectOverige(Group, kw_only=True):
    overige_data: dict[str, Any]


class ObjectPand(Group, kw_only=True):
    identificatie: Text(100)


class ObjectSpoorbaandeel(Group, kw_only=True):
    type: Literal["breedspoor", "normaalspoor", "smalspoor", "spoorbaan"]
    identificatie: Text(100)
    naam: Text(500) = ""


class ObjectTerreindeel(Group, kw_only=True):
    type: Text(40)
    identificatie: Text(100)
    naam: Text(500) = ""


class ObjectWaterdeel(Group, kw_only=True):
    type_waterdeel: Literal["zee", "waterloop", "watervlakte", "greppel_droge_sloot"]
    identificatie: Text(100)
    naam: Text(500) = ""


class ObjectWegdeel(Group, kw_only=True):
    type: Text(100)
    identificatie: Text(100)
    naam: Text(500) = ""


class ObjectWijk(Group, kw_only=True):
    wijk_code: Text(2)
    wijk_naam: Text(40)
    gem_gemeente_code: Text(4)


class ObjectWoonplaats(Group, kw_only=True):
    identificatie: Text(100)
    woonplaats_naam: Text(80)


class WozObjectAdres(Group, kw_only=True):
    aoa_identificatie: Text(100)
    wpl_woonplaats_naam: Text(80)
    gor_openbare_ruimte_naam: Text(80)
    aoa_postcode: Text(7) = ""
    aoa_huisnummer: Huisnummer
    aoa_huisletter: Text(1) = ""
    aoa_huisnummertoevoeging: Text(4) = ""
    locatie_omschrijving: Text(1000) = ""


class ObjectWozObject(Group, kw_only=True):
    woz_object_nummer: Text(100)
    aanduiding_woz_object: WozObjectAdres | None = None


class ObjectWozDeelobject(Group, kw_only=True):
    nummer_woz_deel_object: Text(6)
    # not nullable in the OAS; null is taken as "not given", like an absent gegevensgroep
    is_onderdeel_van: ObjectWozObject | None = None


class ObjectWozWaarde(Group, kw_only=True):
    waardepeildatum: Text(9)
    is_voor: ObjectWozObject | None = None


class ZakelijkRechtHeeftAlsGerechtigde(Group, kw_only=True):
    natuurlijk_persoon: NatuurlijkPersoon | None = None
    niet_natuurlijk_persoon: NietNatuurlijkPersoon | None = None


class ObjectZakelijkRecht(Group, kw_only=True):
    identificatie: Text(100)
    avg_aard: Text(1000)
    heeft_betrekking_op: ObjectKadastraleOnroerendeZaak | None = None
    heeft_als_gerechtigde: ZakelijkRechtHeeftAlsGerechtigde | None = None


class ObjectTypeOverigeDefinitie(Group, kw_only=True):
    """Where the JSON schema of an "overige" object lives (``url`` + jq path ``schema``) and where
    the object's data is inside the ``object`` resource (jq path ``objectData``)."""

    url: Text(1000)
    schema: Text(100)
    object_data: Text(100)


# objectType -> the schema of its objectIdentificatie (None: identified by the object URL only)
OBJECT_IDENTIFICATIE: dict[str, type[Group] | None] = {
    "adres": ObjectAdres,
    "besluit": None,
    "buurt": ObjectBuurt,
    "enkelvoudig_document": None,
    "gemeente": ObjectGemeente,
    "gemeentelijke_openbare_ruimte": ObjectGemeentelijkeOpenbareRuimte,
    "huishouden": ObjectHuishouden,
    "inrichtingselement": ObjectInrichtingselement,
    "kadastrale_onroerende_zaak": ObjectKadastraleOnroerendeZaak,
    "kunstwerkdeel": ObjectKunstwerkdeel,
    "maatschappelijke_activiteit": ObjectMaatschappelijkeActiviteit,
    "medewerker": Medewerker,
    "natuurlijk_persoon": NatuurlijkPersoon,
    "niet_natuurlijk_persoon": NietNatuurlijkPersoon,
    "openbare_ruimte": ObjectOpenbareRuimte,
    "organisatorische_eenheid": OrganisatorischeEenheid,
    "pand": ObjectPand,
    "spoorbaandeel": ObjectSpoorbaandeel,
    "status": None,
    "terreindeel": ObjectTerreindeel,
    "terrein_gebouwd_object": ObjectTerreinGebouwdObject,
    "vestiging": Vestiging,
    "waterdeel": ObjectWaterdeel,
    "wegdeel": ObjectWegdeel,
    "wijk": ObjectWijk,
    "woonplaats": ObjectWoonplaats,
    "woz_deelobject": ObjectWozDeelobject,
    "woz_object": ObjectWozObject,
    "woz_waarde": ObjectWozWaarde,
    "zakelijk_recht": ObjectZakelijkRecht,
    "overige": ObjectOverige,
}

OBJECT_TYPEN = tuple(OBJECT_IDENTIFICATIE)
