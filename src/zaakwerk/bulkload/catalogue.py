"""The zaaktypecatalogus of the bulk load: ten municipal processes, each in up to ten subjects
(100 zaaktypen), with statustypen, roltypen, resultaattypen mapped to the Selectielijst 2020,
eigenschappen, a zaakobjecttype and the informatieobjecttypen they allow. Created through the
Catalogi domain (as ``catalogi.demo`` does), so it passes every rule the Catalogi API enforces;
idempotent: types that exist already (by catalogus, identificatie or omschrijving) are reused.

Zaaktypen are numbered round-robin over the processes (``BULK-MOR-01``, ``BULK-OMG-01``, ...,
``BULK-MOR-02``, ...), so a small catalogue still has every kind of process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import transaction

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.demo import Selectielijst
from zaakwerk.catalogi.models import (Catalogus, Eigenschap, InformatieObjectType, ResultaatType, RolType, StatusType,
                                      ZaakObjectType, ZaakType, ZaakTypeInformatieObjectType)
from zaakwerk.core import request_state
from zaakwerk.core.actor import Actor

CATALOGUS = {
    "domein": "BULK",
    "rsin": "517439943",
    "naam": "Zaaktypecatalogus gemeente Zaakstad (bulkload)",
    "versie": "1",
    "contactpersoon_beheer_naam": "Team Informatiebeheer",
    "contactpersoon_beheer_emailadres": "informatiebeheer@zaakstad.example",
}
BEGIN = dt.date(2015, 1, 1)

INFORMATIEOBJECTTYPEN = [
    ("Aanvraag", "zaakvertrouwelijk", "Aanvraag"),
    ("Melding", "openbaar", "Melding"),
    ("Foto", "openbaar", "Afbeelding"),
    ("Bouwtekening", "zaakvertrouwelijk", "Tekening"),
    ("Bezwaarschrift", "vertrouwelijk", "Bezwaarschrift"),
    ("Besluitbrief", "zaakvertrouwelijk", "Brief"),
    ("Advies", "intern", "Advies"),
    ("Correspondentie", "zaakvertrouwelijk", "Brief"),
]

ROLTYPEN = [("Aanvrager", "initiator"), ("Behandelaar", "behandelaar"), ("Belanghebbende", "belanghebbende")]

# eigenschappen: (naam, formaat, lengte, waardenverzameling)
TEKST_CATEGORIE = ("categorie", "tekst", "40", ["Spoed", "Regulier", "Laag"])


@dataclasses.dataclass(frozen=True)
class Process:
    code: str
    omschrijving: str
    procestype: int
    statustypen: tuple[str, ...]
    # (omschrijving, selectielijstklasse, resultaattypeomschrijving, afleidingswijze, extra brondatum)
    resultaattypen: tuple[tuple, ...]
    eigenschappen: tuple[tuple, ...]
    zaakobject: str  # objectType of the zaakobjecten
    informatieobjecttypen: tuple[tuple[str, str], ...]
    doorlooptijd: str
    servicenorm: str
    vertrouwelijkheid: str
    subjects: tuple[str, ...]
    weight: int  # how common the process is
    opschorting_verlenging: bool = False


PROCESSES = (
    Process("MOR", "Melding openbare ruimte", 15, ("Ontvangen", "In behandeling", "Ingepland", "Afgehandeld"),
            (("Opgelost", "15.1", "Uitgevoerd", "afgehandeld", {}),
             ("Niet opgelost", "15.2", "Niet uitgevoerd", "afgehandeld", {}),
             ("Afgebroken", "15.3", "Afgebroken", "afgehandeld", {})),
            (TEKST_CATEGORIE,), "adres", (("Melding", "inkomend"), ("Foto", "inkomend")), "P14D", "P5D",
            "openbaar", ("Verlichting", "Wegdek", "Groen", "Afval", "Riolering", "Speelvoorziening",
                         "Straatmeubilair", "Verkeersbord", "Oppervlaktewater", "Zwerfvuil"), 30),
    Process("OMG", "Omgevingsvergunning", 11,
            ("Ontvangen", "Ontvankelijk", "In behandeling", "Besluit genomen", "Afgehandeld"),
            # the brondatum of a granted permit is the date of the decision, an eigenschap
            (("Verleend", "11.1", "Verleend", "eigenschap", {"datumkenmerk": "datum_besluit"}),
             ("Geweigerd", "11.2", "Geweigerd", "afgehandeld", {}),
             ("Ingetrokken", "11.3", "Ingetrokken", "afgehandeld", {})),
            (("bouwkosten", "getal", "12", []), ("datum_besluit", "datum", "8", [])), "pand",
            (("Aanvraag", "inkomend"), ("Bouwtekening", "inkomend"), ("Advies", "intern"),
             ("Besluitbrief", "uitgaand")), "P8W", "P6W", "zaakvertrouwelijk",
            ("bouwen", "verbouwen", "slopen", "kappen", "uitweg", "reclame", "gebruik", "monument", "milieu",
             "aanleggen"), 10, True),
    Process("BEZ", "Bezwaar", 13,
            ("Ontvangen", "Hoorzitting gepland", "Advies commissie", "Beslissing genomen", "Afgehandeld"),
            (("Gegrond", "13.1", "Afgehandeld", "afgehandeld", {}),
             ("Ongegrond", "13.1", "Afgehandeld", "afgehandeld", {}),
             ("Ingetrokken", "13.2", "Afgebroken", "afgehandeld", {})),
            (("datum_bestreden", "datum", "8", []),), "adres",
            (("Bezwaarschrift", "inkomend"), ("Advies", "intern"), ("Besluitbrief", "uitgaand")), "P12W", "P6W",
            "vertrouwelijk", ("belastingaanslag", "WOZ-beschikking", "parkeerbon", "omgevingsvergunning",
                              "subsidiebesluit", "Wmo-besluit", "Participatiewet", "handhavingsbesluit",
                              "evenementenvergunning", "kapvergunning"), 5, True),
    Process("PRD", "Aanvraag product", 5, ("Ontvangen", "In behandeling", "Afgehandeld"),
            (("Geleverd", "5.1", "Geleverd", "afgehandeld", {}),
             ("Niet geleverd", "5.3", "Niet geleverd", "afgehandeld", {}),
             ("Ingetrokken", "5.2", "Ingetrokken", "afgehandeld", {})),
            (("kenmerk", "tekst", "20", []),), "adres", (("Aanvraag", "inkomend"), ("Besluitbrief", "uitgaand")),
            "P4W", "P5D", "beperkt_openbaar",
            ("parkeervergunning", "gehandicaptenparkeerkaart", "uittreksel BRP", "rijbewijs", "paspoort",
             "identiteitskaart", "VOG", "huwelijk", "naamgebruik", "adreswijziging"), 25),
    Process("VRZ", "Verzoek", 6, ("Ontvangen", "In behandeling", "Afgehandeld"),
            (("Ingewilligd", "6.1", "Ingewilligd", "afgehandeld", {}),
             ("Afgewezen", "6.2", "Afgewezen", "afgehandeld", {}),
             ("Afgebroken", "6.3", "Afgebroken", "afgehandeld", {})),
            (TEKST_CATEGORIE,), "adres", (("Aanvraag", "inkomend"), ("Correspondentie", "uitgaand")), "P6W", "P4W",
            "zaakvertrouwelijk",
            ("Woo", "inzage AVG", "correctie AVG", "informatie", "handhaving", "ontheffing", "schadevergoeding",
             "kwijtschelding", "herziening", "inspraak"), 8, True),
    Process("VZG", "Voorziening", 8, ("Ontvangen", "Onderzoek", "In behandeling", "Afgehandeld"),
            (("Verstrekt", "8.1", "Verstrekt", "termijn", {"procestermijn": "P5Y"}),
             ("Geweigerd", "8.2", "Geweigerd", "afgehandeld", {}),
             ("Afgebroken", "8.4", "Afgebroken", "afgehandeld", {})),
            (("bedrag", "getal", "8,2", []),), "adres",
            (("Aanvraag", "inkomend"), ("Advies", "intern"), ("Besluitbrief", "uitgaand")), "P8W", "P6W",
            "vertrouwelijk", ("huishoudelijke hulp", "rolstoel", "woningaanpassing", "vervoer", "jeugdhulp",
                              "bijzondere bijstand", "schuldhulpverlening", "leerlingenvervoer", "participatie",
                              "beschermd wonen"), 7, True),
    Process("HEF", "Heffing", 10, ("Ontvangen", "Vastgesteld", "Afgehandeld"),
            (("Opgelegd", "10.1", "Opgelegd", "afgehandeld", {}),
             ("Niet opgelegd", "10.2", "Niet opgelegd", "afgehandeld", {}),
             ("Afgebroken", "10.3", "Afgebroken", "afgehandeld", {})),
            (("bedrag", "getal", "8,2", []),), "adres", (("Correspondentie", "uitgaand"),), "P13W", "P8W", "intern",
            ("OZB", "afvalstoffenheffing", "rioolheffing", "hondenbelasting", "toeristenbelasting",
             "precariobelasting", "reclamebelasting", "parkeerbelasting", "leges", "marktgeld"), 5),
    Process("HAN", "Toezicht en handhaving", 12, ("Ontvangen", "Controle", "Handhaving", "Afgehandeld"),
            (("Toezicht uitgevoerd", "12.1", "Toezicht uitgevoerd", "afgehandeld", {}),
             ("Handhaving uitgevoerd", "12.2", "Handhaving uitgevrd", "afgehandeld", {}),
             ("Afgebroken", "12.3", "Afgebroken", "afgehandeld", {})),
            (TEKST_CATEGORIE,), "pand", (("Foto", "inkomend"), ("Correspondentie", "uitgaand")), "P12W", "P8W",
            "zaakvertrouwelijk",
            ("illegale bouw", "illegale bewoning", "geluidsoverlast", "afvaldumping", "horeca", "evenement",
             "parkeren", "brandveiligheid", "asbest", "reclame"), 4),
    Process("AGF", "Aangifte", 7, ("Ontvangen", "In behandeling", "Afgehandeld"),
            (("Verwerkt", "7.1", "Verwerkt", "afgehandeld", {}),
             ("Geweigerd", "7.2", "Geweigerd", "afgehandeld", {}),
             ("Afgebroken", "7.3", "Afgebroken", "afgehandeld", {})),
            (("kenmerk", "tekst", "20", []),), "adres", (("Aanvraag", "inkomend"), ("Correspondentie", "uitgaand")),
            "P2W", "P5D", "vertrouwelijk",
            ("geboorte", "overlijden", "verhuizing", "emigratie", "erkenning", "huwelijksaankondiging",
             "partnerschap", "vermissing document", "naturalisatie", "adresonderzoek"), 4),
    Process("APV", "APV-vergunning", 11, ("Ontvangen", "In behandeling", "Besluit genomen", "Afgehandeld"),
            (("Verleend", "11.1", "Verleend", "afgehandeld", {}),
             ("Geweigerd", "11.2", "Geweigerd", "afgehandeld", {}),
             ("Ingetrokken", "11.3", "Ingetrokken", "afgehandeld", {})),
            (("datum_besluit", "datum", "8", []), TEKST_CATEGORIE), "adres",
            (("Aanvraag", "inkomend"), ("Besluitbrief", "uitgaand")), "P8W", "P4W", "beperkt_openbaar",
            ("evenement", "standplaats", "alcoholwet", "exploitatie", "geluid", "venten", "collecte", "loterij",
             "speelautomaat", "sluitingstijd"), 2, True),
)
PROCESS_BY_CODE = {p.code: p for p in PROCESSES}
ZAAKOBJECTTYPE_URL = {"adres": "https://bag.example/api/objecttypen/adres",
                      "pand": "https://bag.example/api/objecttypen/pand"}


@dataclasses.dataclass
class ZaaktypeParts:
    """A published zaaktype of the bulk catalogue and its parts, as the generator uses them."""

    zaaktype: ZaakType
    process: Process
    subject: str
    statustypen: list[StatusType]  # by volgnummer: the last is the eindstatus
    roltypen: dict[str, RolType]  # by omschrijvingGeneriek
    resultaattypen: list[ResultaatType]  # in the order of the process
    eigenschappen: dict[str, Eigenschap]  # by naam
    zaakobjecttype: ZaakObjectType | None
    informatieobjecttypen: list[tuple[InformatieObjectType, str]]  # (type, richting)


def identificatie(index: int) -> str:
    """The identificatie of the ``index``-th zaaktype (0-based): round-robin over the processes."""
    process = PROCESSES[index % len(PROCESSES)]
    return f"BULK-{process.code}-{index // len(PROCESSES) + 1:02d}"


def ensure_catalogue(actor: Actor, zaaktypen: int) -> list[ZaaktypeParts]:
    """The catalogue with (at least) the first ``zaaktypen`` zaaktypen, created where missing;
    each type in its own transaction, so an interrupted run resumes where it stopped."""
    with request_state.serving(actor.base_url):
        selectielijst = Selectielijst(actor.base_url)
        with transaction.atomic():
            catalogus = Catalogus.objects.filter(domein=CATALOGUS["domein"], rsin=CATALOGUS["rsin"]).first()
            if catalogus is None:
                catalogus = domain.create_catalogus(actor, dict(CATALOGUS))
        iots = {}
        for omschrijving, vertrouwelijkheid, categorie in INFORMATIEOBJECTTYPEN:
            with transaction.atomic():
                iot = InformatieObjectType.objects.filter(catalogus=catalogus, omschrijving=omschrijving,
                                                          concept=False).first()
                if iot is None:
                    iot = domain.publish_informatieobjecttype(actor, domain.create_informatieobjecttype(actor, {
                        "catalogus": catalogus, "omschrijving": omschrijving, "begin_geldigheid": BEGIN,
                        "vertrouwelijkheidaanduiding": vertrouwelijkheid, "informatieobjectcategorie": categorie}))
            iots[omschrijving] = iot
        out = []
        for index in range(zaaktypen):
            process = PROCESSES[index % len(PROCESSES)]
            number = index // len(PROCESSES)
            subject = process.subjects[number % len(process.subjects)]
            if number >= len(process.subjects):
                subject = f"{subject} {number // len(process.subjects) + 1}"
            with transaction.atomic():
                zaaktype = ZaakType.objects.filter(catalogus=catalogus, identificatie=identificatie(index),
                                                   concept=False).first()
                if zaaktype is None:
                    zaaktype = _create_zaaktype(actor, catalogus, process, subject, identificatie(index),
                                                selectielijst)
            out.append(parts(zaaktype, process, subject, iots))
        return out


def _create_zaaktype(actor: Actor, catalogus: Catalogus, process: Process, subject: str, ident: str,
                     selectielijst: Selectielijst) -> ZaakType:
    procestype = selectielijst.procestype(process.procestype)
    omschrijving = f"{process.omschrijving} {subject}"[:80]
    zaaktype = domain.create_zaaktype(actor, {
        "catalogus": catalogus, "identificatie": ident, "omschrijving": omschrijving,
        "vertrouwelijkheidaanduiding": process.vertrouwelijkheid,
        "doel": f"{process.omschrijving} ({subject}) behandelen.", "aanleiding": f"Een {omschrijving.lower()}.",
        "indicatie_intern_of_extern": "extern", "handeling_initiator": "Indienen", "onderwerp": subject[:80],
        "handeling_behandelaar": "Behandelen", "doorlooptijd": process.doorlooptijd,
        "servicenorm": process.servicenorm,
        "opschorting_en_aanhouding_mogelijk": process.opschorting_verlenging,
        "verlenging_mogelijk": process.opschorting_verlenging,
        "verlengingstermijn": process.doorlooptijd if process.opschorting_verlenging else None,
        "publicatie_indicatie": False, "producten_of_diensten": [], "trefwoorden": [process.code.lower()],
        "referentieproces": {"naam": process.omschrijving}, "verantwoordelijke": f"Team {process.omschrijving}"[:50],
        "selectielijst_procestype": selectielijst.url(procestype), "besluittypen": [],
        "gerelateerde_zaaktypen": [], "begin_geldigheid": BEGIN, "versiedatum": BEGIN,
    })
    statustypen = {}
    for volgnummer, omschrijving_st in enumerate(process.statustypen, start=1):
        statustypen[omschrijving_st] = domain.create_statustype(actor, {
            "zaaktype": zaaktype, "omschrijving": omschrijving_st, "volgnummer": volgnummer})
    for omschrijving_rt, generiek in ROLTYPEN:
        domain.create_roltype(actor, {"zaaktype": zaaktype, "omschrijving": omschrijving_rt,
                                      "omschrijving_generiek": generiek})
    for naam, formaat, lengte, verzameling in process.eigenschappen:
        domain.create_eigenschap(actor, {"zaaktype": zaaktype, "naam": naam, "definitie": naam.replace("_", " "),
                                         "specificatie": {"formaat": formaat, "lengte": lengte, "kardinaliteit": "1",
                                                          "waardenverzameling": list(verzameling)}})
    for omschrijving_rt, klasse, rto, afleidingswijze, extra in process.resultaattypen:
        domain.create_resultaattype(actor, {
            "zaaktype": zaaktype, "omschrijving": omschrijving_rt,
            "resultaattypeomschrijving": selectielijst.url(selectielijst.resultaattypeomschrijving(rto)),
            "selectielijstklasse": selectielijst.url(selectielijst.resultaat(procestype, klasse)),
            "brondatum_archiefprocedure": {"afleidingswijze": afleidingswijze, "procestermijn": None, **extra},
        })
    domain.create_zaakobjecttype(actor, {
        "zaaktype": zaaktype, "catalogus": catalogus, "ander_objecttype": False,
        "objecttype": ZAAKOBJECTTYPE_URL[process.zaakobject],
        "relatie_omschrijving": "Betreft " + process.zaakobject})
    for volgnummer, (iot, richting) in enumerate(process.informatieobjecttypen, start=1):
        domain.create_zaaktypeinformatieobjecttype(actor, {
            "zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": volgnummer, "richting": richting})
    return domain.publish_zaaktype(actor, zaaktype)


def parts(zaaktype: ZaakType, process: Process, subject: str, iots: dict) -> ZaaktypeParts:
    resultaattypen = {rt.omschrijving: rt for rt in zaaktype.resultaattypen.all()}
    return ZaaktypeParts(
        zaaktype=zaaktype, process=process, subject=subject,
        statustypen=list(zaaktype.statustypen.order_by("volgnummer")),
        roltypen={rt.omschrijving_generiek: rt for rt in zaaktype.roltypen.all()},
        resultaattypen=[resultaattypen[r[0]] for r in process.resultaattypen],
        eigenschappen={e.naam: e for e in zaaktype.eigenschappen.all()},
        zaakobjecttype=zaaktype.zaakobjecttypen.first(),
        informatieobjecttypen=[(iots[r.informatieobjecttype_omschrijving], r.richting)
                               for r in ZaakTypeInformatieObjectType.objects.filter(zaaktype=zaaktype)
                               .order_by("volgnummer")],
    )
