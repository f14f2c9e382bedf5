"""The demo catalogue: four common municipal processes, modelled the way a functional manager
would, with statustypen, resultaattypen mapped to the Selectielijst 2020, roltypen, eigenschappen,
informatieobjecttypen and besluittypen. Declarative: ``demo.load_demo_catalogue`` turns it into
domain calls, so the data passes exactly the rules the API enforces.

Selectielijst references are by (procestype nummer, resultaat volledigNummer) in the 2020 list;
resultaattypeomschrijvingen by their omschrijving.
"""

CATALOGUS = {
    "domein": "DEMO",
    "rsin": "002564440",  # passes the 11-proof
    "naam": "Zaaktypecatalogus gemeente Voorbeeld",
    "versie": "2026",
    "contactpersoon_beheer_naam": "Team Informatiebeheer",
    "contactpersoon_beheer_emailadres": "informatiebeheer@voorbeeld.nl",
}

BEGIN = "2026-01-01"

INFORMATIEOBJECTTYPEN = [
    {"omschrijving": "Aanvraag", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
     "informatieobjectcategorie": "Aanvraag"},
    {"omschrijving": "Melding", "vertrouwelijkheidaanduiding": "openbaar",
     "informatieobjectcategorie": "Melding"},
    {"omschrijving": "Foto", "vertrouwelijkheidaanduiding": "openbaar",
     "informatieobjectcategorie": "Afbeelding"},
    {"omschrijving": "Bouwtekening", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
     "informatieobjectcategorie": "Tekening"},
    {"omschrijving": "Bezwaarschrift", "vertrouwelijkheidaanduiding": "vertrouwelijk",
     "informatieobjectcategorie": "Bezwaarschrift"},
    {"omschrijving": "Besluitbrief", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
     "informatieobjectcategorie": "Brief"},
    {"omschrijving": "Advies", "vertrouwelijkheidaanduiding": "intern",
     "informatieobjectcategorie": "Advies"},
]

BESLUITTYPEN = [
    {"omschrijving": "Omgevingsvergunning verleend", "besluitcategorie": "Vergunning",
     "reactietermijn": "P6W", "publicatie_indicatie": True, "publicatietermijn": "P14D",
     "informatieobjecttypen": ["Besluitbrief"]},
    {"omschrijving": "Omgevingsvergunning geweigerd", "besluitcategorie": "Weigering",
     "reactietermijn": "P6W", "publicatie_indicatie": False,
     "informatieobjecttypen": ["Besluitbrief"]},
    {"omschrijving": "Beslissing op bezwaar", "besluitcategorie": "Beslissing op bezwaar",
     "reactietermijn": "P6W", "publicatie_indicatie": False,
     "informatieobjecttypen": ["Besluitbrief"]},
    {"omschrijving": "Parkeervergunning verleend", "besluitcategorie": "Vergunning",
     "publicatie_indicatie": False, "informatieobjecttypen": ["Besluitbrief"]},
]

ROLTYPEN_STANDAARD = [
    {"omschrijving": "Melder of aanvrager", "omschrijving_generiek": "initiator"},
    {"omschrijving": "Behandelaar", "omschrijving_generiek": "behandelaar"},
    {"omschrijving": "Zaakcoördinator", "omschrijving_generiek": "zaakcoordinator"},
]

ZAAKTYPEN = [
    {
        "identificatie": "MOR",
        "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Meldingen over de openbare ruimte (losliggende tegels, zwerfafval, kapotte "
                "lantaarnpalen) snel laten verhelpen.",
        "aanleiding": "Een inwoner of ondernemer meldt een probleem in de openbare ruimte.",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "Melden",
        "onderwerp": "Openbare ruimte",
        "handeling_behandelaar": "Afhandelen",
        "doorlooptijd": "P14D",
        "servicenorm": "P5D",
        "opschorting_en_aanhouding_mogelijk": False,
        "verlenging_mogelijk": False,
        "publicatie_indicatie": False,
        "trefwoorden": ["melding", "openbare ruimte", "MOR"],
        "producten_of_diensten": ["https://producten.voorbeeld.nl/melding-openbare-ruimte"],
        "referentieproces": {"naam": "Melding behandelen"},
        "verantwoordelijke": "Afdeling Beheer Openbare Ruimte",
        "selectielijst_procestype": 15,  # Onderhouden en repareren
        "statustypen": ["Ontvangen", "In behandeling", "Ingepland", "Afgehandeld"],
        "resultaattypen": [
            {"omschrijving": "Opgelost", "selectielijstklasse": "15.1",
             "resultaattypeomschrijving": "Uitgevoerd", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Niet opgelost", "selectielijstklasse": "15.2",
             "resultaattypeomschrijving": "Niet uitgevoerd", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Afgebroken", "selectielijstklasse": "15.3",
             "resultaattypeomschrijving": "Afgebroken", "afleidingswijze": "afgehandeld"},
        ],
        "eigenschappen": [
            {"naam": "categorie", "definitie": "Soort melding", "formaat": "tekst", "lengte": "40",
             "kardinaliteit": "1",
             "waardenverzameling": ["Straatmeubilair", "Verlichting", "Afval", "Groen", "Wegdek"]},
        ],
        "informatieobjecttypen": [("Melding", "inkomend"), ("Foto", "inkomend")],
        "besluittypen": [],
    },
    {
        "identificatie": "OMGV",
        "omschrijving": "Aanvraag omgevingsvergunning",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "doel": "Beslissen op een aanvraag om een omgevingsvergunning.",
        "aanleiding": "Een initiatiefnemer vraagt een omgevingsvergunning aan.",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "Aanvragen",
        "onderwerp": "Omgevingsvergunning",
        "handeling_behandelaar": "Behandelen",
        "doorlooptijd": "P8W",
        "servicenorm": "P6W",
        "opschorting_en_aanhouding_mogelijk": True,
        "verlenging_mogelijk": True,
        "verlengingstermijn": "P6W",
        "publicatie_indicatie": True,
        "publicatietekst": "Aanvraag omgevingsvergunning ontvangen",
        "trefwoorden": ["omgevingsvergunning", "bouwen", "Omgevingswet"],
        "producten_of_diensten": ["https://producten.voorbeeld.nl/omgevingsvergunning"],
        "referentieproces": {"naam": "Toestemming verlenen"},
        "verantwoordelijke": "Team Vergunningen",
        "selectielijst_procestype": 11,  # Toestemming verlenen
        "statustypen": ["Ontvangen", "Ontvankelijk", "In behandeling", "Besluit genomen", "Afgehandeld"],
        "resultaattypen": [
            {"omschrijving": "Verleend", "selectielijstklasse": "11.1",
             "resultaattypeomschrijving": "Verleend", "afleidingswijze": "termijn",
             "procestermijn": "P10Y"},
            {"omschrijving": "Geweigerd", "selectielijstklasse": "11.2",
             "resultaattypeomschrijving": "Geweigerd", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Ingetrokken", "selectielijstklasse": "11.3",
             "resultaattypeomschrijving": "Ingetrokken", "afleidingswijze": "afgehandeld"},
        ],
        "eigenschappen": [
            {"naam": "bouwkosten", "definitie": "Geraamde bouwkosten in euro", "formaat": "getal",
             "lengte": "12", "kardinaliteit": "1"},
            {"naam": "datum_start_bouw", "definitie": "Beoogde startdatum van de bouw", "formaat": "datum",
             "lengte": "8", "kardinaliteit": "1"},
        ],
        "informatieobjecttypen": [("Aanvraag", "inkomend"), ("Bouwtekening", "inkomend"),
                                  ("Advies", "intern"), ("Besluitbrief", "uitgaand")],
        "besluittypen": ["Omgevingsvergunning verleend", "Omgevingsvergunning geweigerd"],
    },
    {
        "identificatie": "BEZW",
        "omschrijving": "Bezwaar",
        "vertrouwelijkheidaanduiding": "vertrouwelijk",
        "doel": "Heroverwegen van een besluit waartegen bezwaar is gemaakt.",
        "aanleiding": "Een belanghebbende maakt bezwaar tegen een besluit van de gemeente.",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "Indienen",
        "onderwerp": "Bezwaarschrift",
        "handeling_behandelaar": "Beslissen",
        "doorlooptijd": "P12W",
        "servicenorm": "P6W",
        "opschorting_en_aanhouding_mogelijk": True,
        "verlenging_mogelijk": True,
        "verlengingstermijn": "P6W",
        "publicatie_indicatie": False,
        "trefwoorden": ["bezwaar", "Awb"],
        "referentieproces": {"naam": "Geschillen behandelen"},
        "verantwoordelijke": "Team Juridische Zaken",
        "selectielijst_procestype": 13,  # Geschillen behandelen
        "statustypen": ["Ontvangen", "Hoorzitting gepland", "Advies commissie", "Beslissing genomen",
                        "Afgehandeld"],
        "resultaattypen": [
            {"omschrijving": "Gegrond", "selectielijstklasse": "13.1",
             "resultaattypeomschrijving": "Afgehandeld", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Ongegrond", "selectielijstklasse": "13.1",
             "resultaattypeomschrijving": "Afgehandeld", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Ingetrokken", "selectielijstklasse": "13.2",
             "resultaattypeomschrijving": "Afgebroken", "afleidingswijze": "afgehandeld"},
        ],
        "eigenschappen": [
            {"naam": "datum_besluit", "definitie": "Datum van het besluit waartegen bezwaar is gemaakt",
             "formaat": "datum", "lengte": "8", "kardinaliteit": "1"},
        ],
        "informatieobjecttypen": [("Bezwaarschrift", "inkomend"), ("Advies", "intern"),
                                  ("Besluitbrief", "uitgaand")],
        "besluittypen": ["Beslissing op bezwaar"],
    },
    {
        "identificatie": "PARK",
        "omschrijving": "Aanvraag parkeervergunning",
        "vertrouwelijkheidaanduiding": "beperkt_openbaar",
        "doel": "Verlenen van een parkeervergunning voor bewoners.",
        "aanleiding": "Een bewoner vraagt een parkeervergunning aan.",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "Aanvragen",
        "onderwerp": "Parkeervergunning",
        "handeling_behandelaar": "Verlenen",
        "doorlooptijd": "P4W",
        "servicenorm": "P5D",
        "opschorting_en_aanhouding_mogelijk": False,
        "verlenging_mogelijk": False,
        "publicatie_indicatie": False,
        "trefwoorden": ["parkeren", "vergunning"],
        "producten_of_diensten": ["https://producten.voorbeeld.nl/parkeervergunning"],
        "referentieproces": {"naam": "Producten en diensten leveren"},
        "verantwoordelijke": "Team Parkeren",
        "selectielijst_procestype": 5,  # Producten en diensten leveren
        "statustypen": ["Ontvangen", "In behandeling", "Afgehandeld"],
        "resultaattypen": [
            {"omschrijving": "Verleend", "selectielijstklasse": "5.1",
             "resultaattypeomschrijving": "Geleverd", "afleidingswijze": "afgehandeld"},
            {"omschrijving": "Geweigerd", "selectielijstklasse": "5.3",
             "resultaattypeomschrijving": "Niet geleverd", "afleidingswijze": "afgehandeld"},
        ],
        "eigenschappen": [
            {"naam": "kenteken", "definitie": "Kenteken van het voertuig", "formaat": "tekst",
             "lengte": "8", "kardinaliteit": "1"},
        ],
        "informatieobjecttypen": [("Aanvraag", "inkomend"), ("Besluitbrief", "uitgaand")],
        "besluittypen": ["Parkeervergunning verleend"],
    },
]
