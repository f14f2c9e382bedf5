"""Deterministic data of a municipality for the bulk load: the same ``seed`` (and catalogue) gives
the same zaken and documents, item for item (uuids and identificaties are the system's own).

Realism where it matters for queries and reports:

- startdatums spread over the last ``YEARS`` years; a zaak runs through the statustypen of its
  zaaktype in order, a few hours to days apart, never in the future; zaken older than their
  doorlooptijd are mostly closed (eindstatus, resultaat), recent ones mostly open;
- the initiator is a citizen of a population of about a third as many people as zaken (so
  citizens have several zaken), with a BSN that passes the 11-proof, a name and an address in
  one of the municipality's kernen; most zaken have a behandelaar (a medewerker);
- one zaakobject per zaak (an adres or a pand, near the zaak's zaakgeometrie point);
- the eigenschappen of the zaaktype with values that match their specificatie;
- documents of 1 to 4 KB of text, of an informatieobjecttype the zaaktype allows, dated within
  the zaak's life.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from zoneinfo import ZoneInfo

from .catalogue import PROCESSES, ZaaktypeParts

YEARS = 8
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# the municipality: kernen with a bounding box (WGS84) for the zaakgeometrie points
KERNEN = [
    ("Zaakstad", 5.05, 52.05, 5.15, 52.12),
    ("Oudebrug", 5.16, 52.07, 5.20, 52.10),
    ("Nieuwveen", 5.00, 52.13, 5.05, 52.16),
    ("Dijkhuizen", 5.10, 52.00, 5.14, 52.03),
]
STRATEN = ["Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianalaan", "Beatrixstraat",
           "Wilhelminastraat", "Lindelaan", "Eikenlaan", "Marktplein", "Havenkade", "Nieuwstraat", "Prinsengracht",
           "Veldweg", "Parklaan", "Zuidsingel", "Noordsingel", "Oranjestraat", "Burgemeester de Vriesweg"]
ACHTERNAMEN = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
               "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
               "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "El Amrani",
               "Yilmaz", "Nguyen", "Kaya", "Pinas"]
VOORNAMEN_M = ["Jan", "Pieter", "Mohammed", "Daan", "Sem", "Lucas", "Hendrik", "Kees", "Ahmet", "Thijs"]
VOORNAMEN_V = ["Maria", "Anna", "Emma", "Julia", "Fatima", "Sophie", "Lotte", "Sanne", "Elif", "Noor"]
MEDEWERKERS = [(f"mw{n:04d}", ACHTERNAMEN[n % len(ACHTERNAMEN)], "ABCDEFGHJKLMNPRSTVW"[n % 19]) for n in range(60)]
WOORDEN = ("de het een en van in op te dat voor met aan is niet zijn er bij ook als uit om naar door over "
           "aanvraag besluit gemeente zaak melding burger woning straat vergunning termijn datum college "
           "bezwaar advies onderzoek verzoek locatie gebruik toezicht handhaving kosten betaling bijlage "
           "tekening situatie afspraak contact reactie informatie uitvoering beoordeling regels wet artikel").split()


def bsn(index: int) -> str:
    """The BSN of citizen ``index`` (below ten million): nine digits passing the 11-proof, distinct
    per index. Citizen ``index`` owns the eight-digit prefixes 10,000,000 + 9 * index + (0..8);
    their check digits differ (an increment of the last digit adds 2 modulo 11), so at most two of
    the nine need the impossible check digit 10 and the first valid one is taken."""
    for base in range(10_000_000 + 9 * index, 10_000_000 + 9 * index + 9):
        digits = f"{base:08d}"
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1))) % 11
        if check < 10:
            return digits + str(check)
    raise AssertionError("unreachable: nine consecutive prefixes always have a valid check digit")


@dataclasses.dataclass(frozen=True)
class Citizen:
    bsn: str
    geslachtsnaam: str
    voornamen: str
    geslacht: str
    geboortedatum: str
    kern: int
    straat: str
    huisnummer: int
    postcode: str


@dataclasses.dataclass
class ZaakPlan:
    """What the generator knows of a zaak it produced (for its documents)."""

    parts: ZaaktypeParts
    startdatum: dt.date
    einde: dt.datetime  # the last status (or now, for an open zaak)
    closed: bool
    citizen: Citizen
    behandelaar: tuple | None


class Municipality:
    """Generates zaken and documents. ``catalogue``: the zaaktypen (``catalogue.ensure_catalogue``)."""

    def __init__(self, catalogue: list[ZaaktypeParts], *, seed: int, zaken: int, bronorganisatie: str,
                 now: dt.datetime | None = None):
        self.rng = random.Random(seed)
        self.seed = seed
        self.catalogue = catalogue
        self.weights = [p.process.weight for p in catalogue]
        self.bronorganisatie = bronorganisatie
        self.population = max(100, zaken // 3)
        # "now" of the generated world: a run with the same seed and now gives the same data
        self.now = (now or dt.datetime.now(AMSTERDAM) - dt.timedelta(minutes=10)).astimezone(AMSTERDAM)
        self.today = self.now.date()
        # a long text to cut document contents from (deterministic, built once)
        self.text = " ".join(self.rng.choice(WOORDEN) for _ in range(4000)).encode()

    def start_round(self, number: int) -> None:
        """Generate round ``number`` of the load from here: its data depend on the seed and the
        round only, not on the rounds before it (so workers can generate rounds independently)."""
        self.rng = random.Random(f"{self.seed}/{number}")

    # ---- people and places -------------------------------------------------------------------------

    def citizen(self, index: int) -> Citizen:
        """Citizen ``index`` of the population: always the same person (name, address, BSN)."""
        mix = (index * 2_654_435_761 + self.seed) & 0xFFFFFFFF
        geslacht = "m" if mix & 1 else "v"
        voornamen = (VOORNAMEN_M if geslacht == "m" else VOORNAMEN_V)[(mix >> 1) % 10]
        geboorte = dt.date(1940, 1, 1) + dt.timedelta(days=(mix >> 4) % (365 * 65))
        kern = (mix >> 8) % len(KERNEN)
        return Citizen(
            bsn=bsn(index), geslachtsnaam=ACHTERNAMEN[(mix >> 12) % len(ACHTERNAMEN)], voornamen=voornamen,
            geslacht=geslacht, geboortedatum=geboorte.strftime("%Y%m%d"), kern=kern,
            straat=STRATEN[(mix >> 16) % len(STRATEN)], huisnummer=1 + (mix >> 20) % 180,
            postcode=f"{3500 + kern * 20 + (mix >> 6) % 20:04d}{'ABCDEFGHJKLMNPRSTVWXZ'[(mix >> 3) % 21]}"
                     f"{'ABCDEFGHJKLMNPRSTVWXZ'[(mix >> 9) % 21]}")

    def _point(self, kern: int) -> dict:
        _, x0, y0, x1, y1 = KERNEN[kern]
        return {"type": "Point", "coordinates": [round(self.rng.uniform(x0, x1), 6), round(self.rng.uniform(y0, y1), 6)]}

    # ---- zaken --------------------------------------------------------------------------------------

    def zaak(self) -> tuple[dict, ZaakPlan]:
        """The next zaak: the item for ``zaken.domain.bulk`` and what its documents need."""
        rng = self.rng
        parts = rng.choices(self.catalogue, weights=self.weights)[0]
        process = parts.process
        startdatum = self.today - dt.timedelta(days=rng.randrange(1, YEARS * 365))
        citizen = self.citizen(rng.randrange(self.population))
        behandelaar = MEDEWERKERS[rng.randrange(len(MEDEWERKERS))] if rng.random() < 0.8 else None

        age = (self.today - startdatum).days
        closed = rng.random() < (0.97 if age > 90 else age / 150)
        statustypen = parts.statustypen
        count = len(statustypen) if closed else rng.randint(1, len(statustypen) - 1)
        moment = dt.datetime.combine(startdatum, dt.time(8, 30), AMSTERDAM) + dt.timedelta(
            minutes=rng.randrange(0, 8 * 60))
        statussen = []
        for statustype in statustypen[:count]:
            if moment > self.now:
                break
            statussen.append({"statustype": statustype, "datum_status_gezet": moment,
                              "statustoelichting": f"{statustype.omschrijving} ({process.omschrijving.lower()})"})
            moment += dt.timedelta(hours=rng.randrange(2, 24 * 12))
        closed = closed and len(statussen) == len(statustypen)
        einde = statussen[-1]["datum_status_gezet"]

        resultaat = None
        eigenschappen = []
        for naam, eigenschap in parts.eigenschappen.items():
            waarde = self._waarde(eigenschap, startdatum, einde, closed)
            if waarde is not None:
                eigenschappen.append({"eigenschap": eigenschap, "waarde": waarde})
        if closed:
            # most zaken end well; the first resultaattype is the common outcome
            resultaattype = rng.choices(parts.resultaattypen, weights=[8, 2, 1][:len(parts.resultaattypen)])[0]
            resultaat = {"resultaattype": resultaattype, "toelichting": ""}

        kernnaam, *_ = KERNEN[citizen.kern]
        rollen = [{
            "roltype": parts.roltypen["initiator"], "betrokkene_type": "natuurlijk_persoon",
            "roltoelichting": "Indiener",
            "betrokkene_identificatie": {
                "inpBsn": citizen.bsn, "geslachtsnaam": citizen.geslachtsnaam, "voornamen": citizen.voornamen,
                "voorletters": citizen.voornamen[0] + ".", "geslachtsaanduiding": citizen.geslacht,
                "geboortedatum": citizen.geboortedatum,
                "verblijfsadres": {"aoaIdentificatie": f"0{3440 + citizen.kern}20000{citizen.huisnummer:07d}",
                                   "wplWoonplaatsNaam": kernnaam, "gorOpenbareRuimteNaam": citizen.straat,
                                   "aoaPostcode": citizen.postcode, "aoaHuisnummer": citizen.huisnummer}},
        }]
        if behandelaar is not None:
            ident, achternaam, voorletter = behandelaar
            rollen.append({"roltype": parts.roltypen["behandelaar"], "betrokkene_type": "medewerker",
                           "roltoelichting": "Behandelaar",
                           "betrokkene_identificatie": {"identificatie": ident, "achternaam": achternaam,
                                                        "voorletters": voorletter + "."}})

        geometrie = self._point(citizen.kern)
        item = {
            "zaaktype": parts.zaaktype,
            "bronorganisatie": self.bronorganisatie,
            "verantwoordelijke_organisatie": self.bronorganisatie,
            "omschrijving": f"{parts.zaaktype.omschrijving} {citizen.straat} {citizen.huisnummer}"[:80],
            "toelichting": f"{process.omschrijving} voor {citizen.voornamen} {citizen.geslachtsnaam}, {kernnaam}.",
            "startdatum": startdatum,
            "registratiedatum": startdatum,
            "zaakgeometrie": geometrie,
            "statussen": statussen,
            "resultaat": resultaat,
            "rollen": rollen,
            "zaakobjecten": [self._zaakobject(parts, citizen, kernnaam)],
            "eigenschappen": eigenschappen,
        }
        return item, ZaakPlan(parts, startdatum, einde, closed, citizen, behandelaar)

    def _waarde(self, eigenschap, startdatum: dt.date, einde: dt.datetime, closed: bool) -> str | None:
        formaat = eigenschap.specificatie_formaat
        if eigenschap.specificatie_waardenverzameling:
            return self.rng.choice(eigenschap.specificatie_waardenverzameling)
        if formaat == "datum" and eigenschap.naam == "datum_besluit":
            # the decision: known once the zaak is closed (the OMG archive rule derives from it)
            return einde.astimezone(AMSTERDAM).strftime("%Y%m%d") if closed else None
        if formaat == "datum":
            # the date of the contested decision: some weeks before the bezwaar
            return (startdatum - dt.timedelta(days=self.rng.randint(1, 42))).strftime("%Y%m%d")
        if formaat == "getal":
            whole, _, decimals = eigenschap.specificatie_lengte.partition(",")
            value = str(self.rng.randrange(50, 10 ** min(int(whole), 7)))
            return value + ("," + f"{self.rng.randrange(100):02d}"[:int(decimals)] if decimals else "")
        return f"ZS-{startdatum.year}-{self.rng.randrange(10_000, 99_999)}"[:int(eigenschap.specificatie_lengte)]

    def _zaakobject(self, parts: ZaaktypeParts, citizen: Citizen, kernnaam: str) -> dict:
        number = f"{3440 + citizen.kern:04d}{10 if parts.process.zaakobject == 'pand' else 20}0000{citizen.huisnummer:06d}"
        if parts.process.zaakobject == "pand":
            identificatie = {"identificatie": number}
        else:
            identificatie = {"identificatie": number, "wplWoonplaatsNaam": kernnaam,
                             "gorOpenbareRuimteNaam": citizen.straat, "huisnummer": citizen.huisnummer,
                             "postcode": citizen.postcode}
        return {"object_type": parts.process.zaakobject, "object_identificatie": identificatie,
                "zaakobjecttype": parts.zaakobjecttype,
                "relatieomschrijving": f"{citizen.straat} {citizen.huisnummer}, {kernnaam}"}

    # ---- documents ----------------------------------------------------------------------------------

    def document(self, plan: ZaakPlan | None, number: int) -> dict:
        """Document ``number`` (0-based) of a zaak (None: a document without zaak)."""
        rng = self.rng
        if plan is not None:
            iot, richting = plan.parts.informatieobjecttypen[number % len(plan.parts.informatieobjecttypen)]
            span = max(0, (plan.einde.date() - plan.startdatum).days)
            creatiedatum = plan.startdatum + dt.timedelta(days=rng.randint(0, span))
            onderwerp = plan.parts.zaaktype.omschrijving
            auteur = f"{plan.citizen.voornamen} {plan.citizen.geslachtsnaam}" if richting == "inkomend" else \
                (f"{plan.behandelaar[2]}. {plan.behandelaar[1]}" if plan.behandelaar else "Gemeente Zaakstad")
        else:
            parts = self.catalogue[rng.randrange(len(self.catalogue))]
            iot, richting = parts.informatieobjecttypen[0]
            creatiedatum = self.today - dt.timedelta(days=rng.randrange(1, YEARS * 365))
            onderwerp, auteur = parts.zaaktype.omschrijving, "Gemeente Zaakstad"
        size = rng.randint(1024, 4096)
        start = rng.randrange(0, len(self.text) - size)
        header = (f"{iot.omschrijving}\nOnderwerp: {onderwerp}\nDatum: {creatiedatum.isoformat()}\n"
                  f"Auteur: {auteur}\n\n").encode()
        inhoud = (header + self.text[start:start + size])[:size]
        item = {
            "informatieobjecttype": iot,
            "bronorganisatie": self.bronorganisatie,
            "creatiedatum": creatiedatum,
            "titel": f"{iot.omschrijving} {onderwerp}"[:200],
            "auteur": auteur[:200],
            "taal": "nld",
            "formaat": "text/plain",
            "bestandsnaam": f"{iot.omschrijving.lower()}-{number + 1}.txt",
            "inhoud": inhoud,
            "beschrijving": f"{iot.omschrijving} bij {onderwerp.lower()}"[:1000],
            "status": "definitief" if plan is None or plan.closed or richting == "inkomend" else "in_bewerking",
            # set, so the zaak may be closed with it (zrc-007)
            "indicatie_gebruiksrecht": False,
            "trefwoorden": [iot.omschrijving.lower()],
        }
        if richting == "inkomend":
            item["ontvangstdatum"] = creatiedatum
        return item


def documents_per_zaak(index: int, zaken: int, documenten: int) -> int:
    """How many documents zaak ``index`` gets so that ``zaken`` zaken get exactly ``documenten``."""
    if zaken == 0:
        return 0
    return (index + 1) * documenten // zaken - index * documenten // zaken


__all__ = ["Municipality", "ZaakPlan", "bsn", "documents_per_zaak", "PROCESSES"]
