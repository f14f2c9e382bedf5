"""Property-based tests of every ZGW API against its normative OpenAPI document (schemathesis).

For each API in ``APIS`` and each generation mode in ``MODES`` this module builds one pytest test
per operation of the vendored spec: ``test_<api>_<mode>[<METHOD> <path>]``. Schemathesis generates
requests from the spec (its examples, coverage and fuzzing phases) and sends them IN-PROCESS to
``zaakwerk.wsgi.application`` (the real WSGI entry point, every middleware included) against the
pytest-django test database, authenticated as a client with ``heeftAlleAutorisaties``. Every
response must

* never be a server error (``not_a_server_error``: no 5xx, whatever the input);
* never be a 401/403 (``authorised``: otherwise a broken token would make everything "pass" on
  documented error responses);
* conform to the spec document: a documented status code, the documented content type, a body
  that validates against the documented schema, valid documented headers
  (``status_code_conformance``, ``content_type_conformance``, ``response_schema_conformance``,
  ``response_headers_conformance``);
* positive pass (schema-valid requests): whatever succeeds with our token must be refused
  without a token and with a wrong one (``ignored_auth``);
* negative pass (schema-violating path, query, header and body values): invalid input must be
  rejected with a 4xx (``negative_data_rejection``), never accepted and never a 5xx.

Where Zaakwerk deliberately differs from the spec DOCUMENT (because the document and the
standard's behaviour, its own text, the reference implementation or the VNG conformance suite
disagree), the difference is listed in ``KNOWN_DEVIATIONS`` with its reason: an
``UndocumentedStatus`` is written into the loaded spec before testing, an ``OtherwiseDocumented``
replaces a response schema its operation's text contradicts, an ``AcceptedInput`` (or
``RejectedAs``: rejected with a documented 4xx the check does not count) drops exactly that one
``negative_data_rejection`` failure, an ``UndocumentedRefusal`` drops the status check of exactly
the requests it names, and ``ReadWithDiscriminator`` reads a ``oneOf`` by its discriminator. No
check is ever switched off, and ``test_known_deviations_are_real`` keeps the list honest.

Each API can have a seed function: objects created (through the domains) before the first
example, which generated requests then address about half of the time (otherwise every
PUT/PATCH/DELETE/GET on ``{uuid}`` is a 404 for a random UUID and no body is ever read). A seed
may also name objects for URL properties of request bodies (``zaak``, ``zaaktype``, ...: see
``Seeded``), so positive creates get past their reference checks, and values no generated string
hits (the ``lock`` of a locked document, an RSIN that passes the elfproef). Outgoing network
connections are refused at once (a foreign URL reference must give a 400, and the tests must not
wait for DNS). Document content goes to a temporary directory.

Adding an API is one more ``ApiUnderTest`` in ``APIS``, optionally with a seed function, its own
number of examples and its deviations. An API whose module does not exist yet is collected and
skipped, and runs as soon as the module is there.

Deeper local runs: ``ZAAKWERK_SCHEMATHESIS_MAX_EXAMPLES=500`` for every API (by default 20 fuzzed
examples per operation and mode, 10 for the 69 operations of the Zaken API, to keep ``make test``
reasonable on 2 cores), and ``DATABASE_URL=postgres://...`` to run against PostgreSQL, which
refuses things SQLite stores (e.g. NUL characters in text).
"""

from __future__ import annotations

import copy
import fnmatch
import functools
import importlib.util
import json
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoverageScenario, TestPhase
from schemathesis.specs.openapi.checks import (content_type_conformance, ignored_auth,
                                               negative_data_rejection,
                                               response_headers_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)
from schemathesis.transport.prepare import get_exclude_headers

from zaakwerk.wsgi import application

from ..conftest import BASE, make_token, register_client

SPECS_DIR = Path(__file__).resolve().parents[2] / "specs"

# --------------------------------------------------------------------------------------------
# The APIs under test
# --------------------------------------------------------------------------------------------

# A seed function runs in the test's transaction before the first example is generated and
# returns {path template prefix: path parameters of an object that exists}. Requests to
# operations under that prefix then regularly address that object instead of a random UUID
# (which always gives a 404 before a body is even read, so PUT/PATCH/DELETE would never run).
# Only the parameters that occur in an operation's path are used: one entry serves the nested
# list ``/zaken/{zaak_uuid}/zaakeigenschappen`` and its details ``.../{uuid}`` alike.
Seeds = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Seeded:
    """What a seed function may return instead of plain ``Seeds``: also ``references``, {request
    body property: URL of a seeded object}. Positive requests then regularly name that object
    where the body has a URL in that property (``zaak``, ``zaaktype``, ``statustype``, ...), so
    creates and updates get past their reference checks and their rules and answers are tested."""

    paths: Seeds
    references: dict[str, str] = field(default_factory=dict)
    # {request body property: value} for values that are no URL and that generated strings (next to)
    # never hit: those of the seeded objects (the ``lock`` of the seeded locked document, the RSIN
    # of their organisation, ...). Positive requests regularly send that value instead of whatever
    # string was generated (any string: unlike ``references``, not only URL-like ones).
    values: dict[str, str] = field(default_factory=dict)


ZAKEN_ROOT = "/zaken/api/v1"


def seed_autorisaties() -> Seeds:
    from zaakwerk.autorisaties import domain
    from zaakwerk.core.actor import Actor

    applicatie = domain.create_applicatie(Actor.system(BASE), {
        "client_ids": ["schemathesis-seed-1", "schemathesis-seed-2"],
        "label": "Schemathesis seed",
        "autorisaties": [
            {"component": "zrc", "scopes": ["zaken.lezen", "zaken.aanmaken"],
             "zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{uuid.UUID(int=1)}",
             "max_vertrouwelijkheidaanduiding": "openbaar"},
            {"component": "ztc", "scopes": ["catalogi.lezen"]},
        ],
    })
    return {"/applicaties/{uuid}": {"uuid": str(applicatie.pk)}}


def seed_catalogi() -> Seeds:
    """The demo catalogue (published, so most writes on it are refused; reads see real objects)."""
    from zaakwerk.catalogi import models
    from zaakwerk.catalogi.demo import load_demo_catalogue
    from zaakwerk.core.actor import Actor

    load_demo_catalogue(Actor.system(BASE))
    collections = {
        "/catalogussen": models.Catalogus, "/zaaktypen": models.ZaakType,
        "/informatieobjecttypen": models.InformatieObjectType, "/besluittypen": models.BesluitType,
        "/statustypen": models.StatusType, "/roltypen": models.RolType,
        "/resultaattypen": models.ResultaatType, "/eigenschappen": models.Eigenschap,
        "/zaakobjecttypen": models.ZaakObjectType,
        "/zaaktype-informatieobjecttypen": models.ZaakTypeInformatieObjectType,
    }
    seeds = {}
    for collection, model in collections.items():
        obj = model.objects.order_by("pk").first()
        if obj is not None:
            seeds[f"{collection}/{{uuid}}"] = {"uuid": str(obj.pk)}
    return seeds


def seed_zaken() -> Seeds:
    """Through the domains: a published zaaktype (statustypen, roltypen, resultaattypen, an
    eigenschap, an allowed informatieobjecttype) and an open zaak of it with a status, a rol, a
    zaakobject, a zaakeigenschap, a zaaknotitie, a resultaat, a klantcontact and the relations
    with other registers (zaakinformatieobject, zaakcontactmoment, zaakverzoek, zaakbesluit).

    Those relations name objects in other APIs that must answer when the relation is made; while
    seeding, a stand-in for those registers answers (``fetch_json`` of ``relaties`` and ``status``).
    During the test every outgoing connection fails, as everywhere in this module."""
    import datetime as dt
    from unittest import mock

    from django.utils import timezone

    from zaakwerk.catalogi import domain as catalogi
    from zaakwerk.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType
    from zaakwerk.core.actor import Actor
    from zaakwerk.core.models import AuditTrail
    from zaakwerk.core.request_state import serving
    from zaakwerk.zaken.domain import (betrokkenen, eigenschappen, notities, objecten, relaties, status,
                                       zaak as zaken)

    from ..zaken.conftest import build_zaaktype

    actor = Actor.system(BASE)
    catalogi_api = f"{BASE}/catalogi/api/v1"
    zaken_api = f"{BASE}{ZAKEN_ROOT}"
    foreign = "https://register.example/api/v1"
    with serving(BASE):
        catalogus = catalogi.create_catalogus(actor, {"domein": "SEED", "rsin": "000000000",
                                                      "contactpersoon_beheer_naam": "Beheer"})
        zaaktype = build_zaaktype(actor, catalogus, identificatie="ZT-SCHEMATHESIS", publish=False)
        iot = catalogi.publish_informatieobjecttype(actor, catalogi.create_informatieobjecttype(actor, {
            "catalogus": catalogus, "omschrijving": "aanvraag", "vertrouwelijkheidaanduiding": "openbaar",
            "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"}))
        catalogi.create_zaaktypeinformatieobjecttype(actor, {
            "zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": 1, "richting": "inkomend"})
        zaaktype = catalogi.publish_zaaktype(actor, zaaktype)
        statustype = StatusType.objects.get(zaaktype=zaaktype, volgnummer=1)
        roltype = RolType.objects.get(zaaktype=zaaktype, omschrijving_generiek="initiator")
        resultaattype = ResultaatType.objects.get(zaaktype=zaaktype, omschrijving="Verleend")
        eigenschap = Eigenschap.objects.get(zaaktype=zaaktype, naam="kenteken")

        zaak = zaken.create_zaak(actor, {
            "bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
            "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "omschrijving": "Schemathesis"})
        gezet = status.create_status(actor, {"zaak": zaak, "statustype": statustype,
                                             "datum_status_gezet": timezone.now() - dt.timedelta(days=1)})
        rol = betrokkenen.create_rol(actor, {
            "zaak": zaak, "roltype": roltype, "betrokkene_type": "natuurlijk_persoon",
            "roltoelichting": "Aanvrager", "betrokkene_identificatie": {"inpBsn": "111222333"}})
        zaakobject = objecten.create_zaakobject(actor, {
            "zaak": zaak, "object_type": "adres", "relatieomschrijving": "Locatie",
            "object_identificatie": {"identificatie": "0363200000218908", "wplWoonplaatsNaam": "Amsterdam",
                                     "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}})
        zaakeigenschap = eigenschappen.create_zaakeigenschap(actor, {"zaak": zaak, "eigenschap": eigenschap,
                                                                     "waarde": "AB-123-C"})
        notitie = notities.create_zaaknotitie(actor, {"gerelateerd_aan": zaak, "onderwerp": "Seed",
                                                      "tekst": "Een notitie"})
        resultaat = status.create_resultaat(actor, {"zaak": zaak, "resultaattype": resultaattype})
        klantcontact = relaties.create_klantcontact(actor, {"zaak": zaak, "datumtijd": timezone.now()})
        document = f"{foreign}/enkelvoudiginformatieobjecten/{uuid.UUID(int=2)}"
        register = {document: {"url": document,
                               "informatieobjecttype": f"{catalogi_api}/informatieobjecttypen/{iot.pk}"}}
        # documents and besluiten are fetched through status.fetch_object, the others directly
        stand_in = lambda url, **kw: register.get(url, {"url": url})
        with mock.patch.object(relaties, "fetch_json", stand_in), mock.patch.object(status, "fetch_json", stand_in):
            zio = relaties.create_zaakinformatieobject(actor, {"zaak": zaak, "informatieobject": document,
                                                               "titel": "Aanvraag"})
            contactmoment = relaties.create_zaakcontactmoment(
                actor, zaak, f"{foreign}/contactmomenten/{uuid.UUID(int=3)}")
            verzoek = relaties.create_zaakverzoek(actor, zaak, f"{foreign}/verzoeken/{uuid.UUID(int=4)}")
            besluit = relaties.create_zaakbesluit(actor, zaak, f"{foreign}/besluiten/{uuid.UUID(int=5)}")
    audit = AuditTrail.objects.filter(hoofd_object_uuid=zaak.pk).order_by("aanmaakdatum", "pk").first()
    return Seeded(
        paths={
            "/zaken/{uuid}": {"uuid": str(zaak.pk)},
            "/zaken/{zaak_uuid}/zaakeigenschappen": {"zaak_uuid": str(zaak.pk), "uuid": str(zaakeigenschap.pk)},
            "/zaken/{zaak_uuid}/besluiten": {"zaak_uuid": str(zaak.pk), "uuid": str(besluit.pk)},
            "/zaken/{zaak_uuid}/audittrail": {"zaak_uuid": str(zaak.pk), "uuid": str(audit.pk)},
            "/statussen/{uuid}": {"uuid": str(gezet.pk)},
            "/resultaten/{uuid}": {"uuid": str(resultaat.pk)},
            "/rollen/{uuid}": {"uuid": str(rol.pk)},
            "/zaakobjecten/{uuid}": {"uuid": str(zaakobject.pk)},
            "/zaaknotities/{uuid}": {"uuid": str(notitie.pk)},
            "/klantcontacten/{uuid}": {"uuid": str(klantcontact.pk)},
            "/zaakinformatieobjecten/{uuid}": {"uuid": str(zio.pk)},
            "/zaakcontactmomenten/{uuid}": {"uuid": str(contactmoment.pk)},
            "/zaakverzoeken/{uuid}": {"uuid": str(verzoek.pk)},
        },
        # body properties that name a Zaken or Catalogi object: a generated URL never names one
        # (every create would be a 400 on its references), so positive requests often name these
        references={
            "zaak": f"{zaken_api}/zaken/{zaak.pk}",
            "gerelateerdAan": f"{zaken_api}/zaken/{zaak.pk}",
            "zaaktype": f"{catalogi_api}/zaaktypen/{zaaktype.pk}",
            "statustype": f"{catalogi_api}/statustypen/{statustype.pk}",
            "roltype": f"{catalogi_api}/roltypen/{roltype.pk}",
            "resultaattype": f"{catalogi_api}/resultaattypen/{resultaattype.pk}",
            "eigenschap": f"{catalogi_api}/eigenschappen/{eigenschap.pk}",
            "gezetdoor": f"{zaken_api}/rollen/{rol.pk}",
            "status": f"{zaken_api}/statussen/{gezet.pk}",
        },
    )


def seed_notificaties() -> Seeds:
    """An abonnement (stored without the callback check: outgoing connections are refused here)
    and the kanaal of the Zaken API (every kanaal of our registers exists from the migrations)."""
    from zaakwerk.core.actor import Actor
    from zaakwerk.notificaties import domain
    from zaakwerk.notificaties.models import Kanaal

    abonnement = domain.create_abonnement(Actor.system(BASE), {
        "callback_url": "https://abonnee.example/api/v1/notificaties", "auth": "Bearer seed",
        "kanalen": [{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}]}, check=False)
    return {"/abonnement/{uuid}": {"uuid": str(abonnement.pk)},
            "/kanaal/{uuid}": {"uuid": str(Kanaal.objects.get(naam="zaken").pk)}}


DOCUMENTEN_ROOT = "/documenten/api/v1"
BESLUITEN_ROOT = "/besluiten/api/v1"


def _seed_catalogue(actor, domein: str):
    """A catalogus with a published informatieobjecttype, a published besluittype whose documents
    may be of it, and a published zaaktype that allows both: (zaaktype, informatieobjecttype,
    besluittype)."""
    from zaakwerk.catalogi import domain as catalogi

    from ..zaken.conftest import build_zaaktype_met_documenten

    catalogus = catalogi.create_catalogus(actor, {"domein": domein, "rsin": "000000000",
                                                  "contactpersoon_beheer_naam": "Beheer"})
    return build_zaaktype_met_documenten(actor, catalogus, identificatie=f"ZT-{domein}")


def _seed_zaak(actor, zaaktype):
    import datetime as dt

    from zaakwerk.zaken.domain import zaak as zaken

    return zaken.create_zaak(actor, {
        "bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
        "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "omschrijving": "Schemathesis"})


def _seed_document(actor, iot, titel: str, **data):
    import datetime as dt

    from zaakwerk.documenten.domain import documenten

    return documenten.create_document(actor, {
        "bronorganisatie": "517439943", "creatiedatum": dt.date(2024, 3, 1), "titel": titel,
        "auteur": "Schemathesis", "taal": "nld",
        "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.pk}", **data})


def seed_documenten() -> Seeded:
    """Through the domains: a published informatieobjecttype and

    * a document with content in two versions, locked (its lock is what positive requests send as
      ``lock``, so updates, bestandsdelen and the unlock get past drc-009/010), the latest version
      an upload in one bestandsdeel of 4 bytes that has been received (so the unlock merges it; the
      ``inhoud`` positive requests send is 4 bytes as they are, and valid base64 in a document),
      with a gebruiksrecht and a verzending;
    * a document with content, not locked, related to a zaak (a zaakinformatieobject, mirrored
      in-process as the objectinformatieobject): what the download and the lock address.

    Document content is stored under a temporary MEDIA_ROOT (``documenten_storage``)."""
    import datetime as dt

    from zaakwerk.core.actor import Actor
    from zaakwerk.core.models import AuditTrail
    from zaakwerk.core.request_state import serving
    from zaakwerk.documenten.domain import bestandsdelen, documenten, gebruiksrechten, verzendingen
    from zaakwerk.documenten.models import BestandsDeel
    from zaakwerk.documenten.storage import Inhoud
    from zaakwerk.zaken.domain import relaties

    actor = Actor.system(BASE)
    api = f"{BASE}{DOCUMENTEN_ROOT}"
    with serving(BASE):
        zaaktype, iot, _ = _seed_catalogue(actor, "DRC")
        document = _seed_document(actor, iot, "Aanvraag", inhoud=Inhoud.from_bytes(b"Schemathesis"))
        lock = documenten.lock_document(actor, document)
        document = documenten.update_document(actor, document, {"lock": lock, "inhoud": None,
                                                                "bestandsomvang": 4}, partial=True)
        deel = BestandsDeel.objects.get(document=document)
        bestandsdelen.upload_bestandsdeel(actor, deel, lock, Inhoud.from_bytes(b"deel"))
        gebruiksrecht = gebruiksrechten.create_gebruiksrecht(actor, {
            "informatieobject": document, "startdatum": dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
            "omschrijving_voorwaarden": "Alleen intern"})
        verzending = verzendingen.create_verzending(actor, {
            "informatieobject": document, "betrokkene": "https://klanten.example/api/v1/klanten/1",
            "aard_relatie": "geadresseerde", "contact_persoon": "https://medewerkers.example/api/v1/1",
            "emailadres": "aanvrager@example.com"})
        related = _seed_document(actor, iot, "Bijlage", inhoud=Inhoud.from_bytes(b"Bijlage"))
        zaak = _seed_zaak(actor, zaaktype)
        relaties.create_zaakinformatieobject(actor, {
            "zaak": zaak, "informatieobject": f"{api}/enkelvoudiginformatieobjecten/{related.pk}",
            "titel": "Bijlage"})
        oio = related.objectinformatieobjecten.get()
    audit = AuditTrail.objects.filter(hoofd_object_uuid=document.pk).order_by("aanmaakdatum", "pk").first()
    return Seeded(
        paths={  # the first prefix that matches applies
            "/enkelvoudiginformatieobjecten/{uuid}/download": {"uuid": str(related.pk)},
            "/enkelvoudiginformatieobjecten/{uuid}/lock": {"uuid": str(related.pk)},
            "/enkelvoudiginformatieobjecten/{uuid}": {"uuid": str(document.pk)},
            "/enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail": {
                "enkelvoudiginformatieobject_uuid": str(document.pk), "uuid": str(audit.pk)},
            "/bestandsdelen/{uuid}": {"uuid": str(deel.pk)},
            "/gebruiksrechten/{uuid}": {"uuid": str(gebruiksrecht.pk)},
            "/verzendingen/{uuid}": {"uuid": str(verzending.pk)},
            "/objectinformatieobjecten/{uuid}": {"uuid": str(oio.pk)},
        },
        references={
            "informatieobjecttype": f"{BASE}/catalogi/api/v1/informatieobjecttypen/{iot.pk}",
            # the gebruiksrecht's own document: its informatieobject cannot change
            "informatieobject": f"{api}/enkelvoudiginformatieobjecten/{document.pk}",
            "object": f"{BASE}{ZAKEN_ROOT}/zaken/{zaak.pk}",
        },
        values={"lock": lock, "inhoud": "QUJD", "bronorganisatie": "517439943"},
    )


def seed_besluiten() -> Seeded:
    """Through the domains: a published besluittype (whose documents may be of a published
    informatieobjecttype) of a zaaktype, a zaak of it, and a besluit of that zaak (mirrored as a
    zaakbesluit) with a besluitinformatieobject (mirrored as an objectinformatieobject). A second
    document, not yet related to the besluit, is what positive requests name as
    ``informatieobject``, so a besluitinformatieobject can be made."""
    import datetime as dt

    from zaakwerk.besluiten.domain import besluit as besluiten
    from zaakwerk.besluiten.domain import informatieobjecten
    from zaakwerk.core.actor import Actor
    from zaakwerk.core.models import AuditTrail
    from zaakwerk.core.request_state import serving

    actor = Actor.system(BASE)
    documenten_api = f"{BASE}{DOCUMENTEN_ROOT}"
    with serving(BASE):
        zaaktype, iot, besluittype = _seed_catalogue(actor, "BRC")
        zaak = _seed_zaak(actor, zaaktype)
        besluit = besluiten.create_besluit(actor, {
            "verantwoordelijke_organisatie": "517439943", "besluittype": besluittype, "zaak": zaak,
            "datum": dt.date(2024, 3, 1), "ingangsdatum": dt.date(2024, 3, 2), "toelichting": "Schemathesis"})
        vastgelegd = _seed_document(actor, iot, "Besluitbrief")
        bio = informatieobjecten.create_besluitinformatieobject(actor, {
            "besluit": besluit, "informatieobject": f"{documenten_api}/enkelvoudiginformatieobjecten/{vastgelegd.pk}"})
        los = _seed_document(actor, iot, "Bijlage")
    audit = AuditTrail.objects.filter(hoofd_object_uuid=besluit.pk).order_by("aanmaakdatum", "pk").first()
    return Seeded(
        paths={
            "/besluiten/{uuid}": {"uuid": str(besluit.pk)},
            "/besluiten/{besluit_uuid}/audittrail": {"besluit_uuid": str(besluit.pk), "uuid": str(audit.pk)},
            "/besluitinformatieobjecten/{uuid}": {"uuid": str(bio.pk)},
        },
        references={
            "besluittype": f"{BASE}/catalogi/api/v1/besluittypen/{besluittype.pk}",
            "zaak": f"{BASE}{ZAKEN_ROOT}/zaken/{zaak.pk}",
            "besluit": f"{BASE}{BESLUITEN_ROOT}/besluiten/{besluit.pk}",
            "informatieobject": f"{documenten_api}/enkelvoudiginformatieobjecten/{los.pk}",
        },
        # they never change (brc-002): the seeded besluit's own, which a create may not take again
        values={"verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
                "identificatie": besluit.identificatie},
    )


@dataclass(frozen=True)
class ApiUnderTest:
    name: str  # test id, e.g. "catalogi"
    spec: str  # the normative OpenAPI document, relative to specs/
    root: str  # where Zaakwerk serves it (the specs' own `servers` say /api/v1 or a vng.cloud host)
    module: str  # the module serving it: tested as soon as it exists
    seed: Callable[[], Seeds | Seeded] | None = None
    # fuzzed examples per operation and mode (ZAAKWERK_SCHEMATHESIS_MAX_EXAMPLES overrides it)
    max_examples: int = 20

    @property
    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    @property
    def base_url(self) -> str:
        return f"{BASE}{self.root}"


APIS = [
    ApiUnderTest("autorisaties", "standaard/autorisaties/ac/1.1.x/1.1.0/openapi.yaml",
                 "/autorisaties/api/v1", "zaakwerk.autorisaties.api", seed=seed_autorisaties),
    ApiUnderTest("catalogi", "standaard/catalogi/ztc/1.3.x/1.3.3/openapi.yaml",
                 "/catalogi/api/v1", "zaakwerk.catalogi.api", seed=seed_catalogi),
    # 69 operations, most of them behind the seeded zaak: fewer fuzzed examples keep `make test`
    # reasonable on 2 cores (the examples and coverage phases still run in full)
    ApiUnderTest("zaken", "standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml",
                 ZAKEN_ROOT, "zaakwerk.zaken.api", seed=seed_zaken, max_examples=10),
    ApiUnderTest("notificaties", "standaard/notificaties/nrc/1.0.1/openapi.yaml",
                 "/notificaties/api/v1", "zaakwerk.notificaties.api", seed=seed_notificaties),
    ApiUnderTest("documenten", "standaard/documenten/drc/1.7.x/1.7.0/openapi.yaml",
                 DOCUMENTEN_ROOT, "zaakwerk.documenten.api", seed=seed_documenten),
    ApiUnderTest("besluiten", "standaard/besluiten/brc/1.1.0/openapi.yaml",
                 BESLUITEN_ROOT, "zaakwerk.besluiten.api", seed=seed_besluiten),
]

# --------------------------------------------------------------------------------------------
# Known, deliberate deviations from the spec DOCUMENTS
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deviation:
    api: str  # an ApiUnderTest name, or "*" for every API
    methods: tuple[str, ...]  # lower case
    path: str | tuple[str, ...]  # fnmatch pattern(s) over the spec's path templates
    reason: str

    def matches(self, api: str, method: str, path: str) -> bool:
        patterns = (self.path,) if isinstance(self.path, str) else self.path
        return (self.api in ("*", api) and method in self.methods
                and any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns))


@dataclass(frozen=True)
class UndocumentedStatus(Deviation):
    """Zaakwerk answers ``status`` where the document does not list it.

    ``response`` documents that answer: a status of the same operation whose definition it shares,
    a response object, or None for an answer without a body. With ``instead_of`` the documented
    status is dropped: we deliberately never answer it (the standard's behaviour wins)."""

    status: str = ""
    response: str | dict | None = None
    instead_of: str | None = None


@dataclass(frozen=True)
class OtherwiseDocumented(Deviation):
    """The document lists ``status`` but gives its answer a body ``schema`` that its own text
    contradicts; Zaakwerk answers as the text says, and ``schema`` replaces that response's
    (JSON) body schema. Everything else of the response (headers, examples) stays."""

    status: str = ""
    schema: dict | None = None


@dataclass(frozen=True)
class AcceptedInput(Deviation):
    """A request the document calls invalid that Zaakwerk deliberately accepts (``when(case)``):
    only that ``negative_data_rejection`` failure is dropped, every other check still applies."""

    when: Callable = lambda case: False


@dataclass(frozen=True)
class UndocumentedRefusal(Deviation):
    """Zaakwerk refuses requests ``when(case)`` with ``status``, which the operation does not list.
    Unlike ``UndocumentedStatus`` the status is not written into the document: only the
    ``status_code_conformance`` failure of exactly those requests is dropped, so any other
    answer with that status still fails."""

    status: int = 0
    when: Callable = lambda case: False


@dataclass(frozen=True)
class ReadWithDiscriminator(Deviation):
    """Component ``schema`` is a ``oneOf`` whose branches overlap, so a value valid for one branch
    is valid for several and fails the plain JSON Schema ``oneOf``; the document tells them apart
    with a ``discriminator`` only. The checks read it as OpenAPI 3.0 says (the discriminator
    property names the branch): each branch gets its discriminator value pinned. Schemathesis
    does this itself for some schemas, not for one wrapped as ``Zaak.zaakgeometrie`` is.
    (``methods`` and ``path`` are unused: the component is read this way wherever it is used.)"""

    schema: str = ""


@dataclass(frozen=True)
class RejectedAs(Deviation):
    """Invalid input that Zaakwerk rejects with ``status``, a 4xx the operation documents for it,
    but one that ``negative_data_rejection`` does not count as a rejection (its list is 400, 401,
    403, 404, 405, 406, 409, 415, 422, 428, 429): only that failure, for requests ``when(case)``,
    is dropped."""

    status: int = 0
    when: Callable = lambda case: True


def _no_body(case) -> bool:
    return isinstance(case.body, NotSet)


def _only_leaves_out_required_properties(case) -> bool:
    """The body's one violation: top-level properties required of the whole object are left out."""
    data = case.meta.phase.data if case.meta is not None else None
    if getattr(data, "scenario", None) == CoverageScenario.OBJECT_MISSING_REQUIRED_PROPERTY:
        return getattr(data, "location", None) == "/required"
    mutations = getattr(data, "mutations", ())
    return bool(mutations) and all(
        m.parameter_location == ParameterLocation.BODY and not m.path and set(m.keywords) == {"required"}
        for m in mutations)


def _nul_in_query(case) -> bool:
    query = case.query if isinstance(case.query, dict) else {}
    values = [value for item in query.values() for value in (item if isinstance(item, list) else [item])]
    return any("\x00" in str(text) for text in [*query, *values])


def _datum_geldigheid_no_date(case) -> bool:
    import datetime as dt

    value = (case.query or {}).get("datumGeldigheid") if isinstance(case.query, dict) else None
    if value is None:
        return False
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return True
    return False


def _crs_header_missing(case) -> bool:
    """Accept-Crs or Content-Crs is not sent, or sent empty."""
    headers = {name.lower() for name, value in (case.headers or {}).items() if str(value).strip()}
    return not {"accept-crs", "content-crs"} <= headers


def _body_properties(case) -> dict:
    """The top-level properties of the operation's JSON request body schema (refs and allOf
    followed)."""
    raw = case.operation.schema.raw_schema
    operation = raw["paths"][case.operation.path][case.method.lower()]
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    properties: dict = {}

    def collect(node):
        while "$ref" in node:
            node = raw["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
        for part in node.get("allOf", []):
            collect(part)
        properties.update(node.get("properties", {}))

    collect(schema)
    return properties


def _headers_as_sent_are_valid(case) -> bool:
    """Every required header parameter is there, and every header with an enum has one of its
    values (a case marked negative in its headers may have ended up sending valid ones)."""
    sent = {name.lower(): value for name, value in (case.headers or {}).items()}
    for parameter in case.operation.definition.raw.get("parameters", []):
        if parameter.get("in") != "header":
            continue
        value = sent.get(parameter["name"].lower())
        if value is None:
            if parameter.get("required"):
                return False
        elif "enum" in parameter.get("schema", {}) and value not in parameter["schema"]["enum"]:
            return False
    return True


def _only_read_only_properties_wrong(case) -> bool:
    """The body is the only invalid part, and only in properties the schema marks readOnly."""
    meta = case.meta
    if meta is None or any(meta.is_negative_at(location) for location in ParameterLocation
                           if location not in (ParameterLocation.BODY, ParameterLocation.HEADER)):
        return False
    if meta.is_negative_at(ParameterLocation.HEADER) and not _headers_as_sent_are_valid(case):
        return False
    mutations = [m for m in getattr(meta.phase.data, "mutations", ()) if m.parameter_location == ParameterLocation.BODY]
    properties = _body_properties(case)
    return bool(mutations) and all(
        m.path and isinstance(m.path[0], str) and properties.get(m.path[0], {}).get("readOnly") for m in mutations)


def _only_header_values_wrong(case, *, also=()) -> bool:
    """Header values are invalid, and nothing else (but the components in ``also``)."""
    meta = case.meta
    return (meta is not None and meta.is_negative_at(ParameterLocation.HEADER)
            and not any(meta.is_negative_at(location) for location in ParameterLocation
                        if location != ParameterLocation.HEADER and location not in also))


def _only_crs_headers_wrong_without_body_or_geometry(case) -> bool:
    """Only header values are invalid (missing or not EPSG:4326), and no header the request needs:
    on GET/HEAD the Accept-Crs is right (the answer has geometry), so what is wrong is Content-Crs,
    the CRS of a body the request does not have; on DELETE it may be either CRS header (no body
    either way). The query may be "invalid" too, by parameters the operation does not know: a
    detail ignores those (the only one it knows, ``expand``, is refused when it names nothing
    expandable), as schemathesis accepts when they are all that is wrong."""
    if not _only_header_values_wrong(case, also=(ParameterLocation.QUERY,)):
        return False
    headers = {name.lower(): value for name, value in (case.headers or {}).items()}
    if case.method.upper() in ("GET", "HEAD"):
        return headers.get("accept-crs") == "EPSG:4326"
    return case.method.upper() == "DELETE"


def _only_body_headers_wrong_without_body(case) -> bool:
    """No body, only header values invalid, and the Accept-Crs is right: what is wrong is
    Content-Type or Content-Crs, which describe a body."""
    headers = {name.lower(): value for name, value in (case.headers or {}).items()}
    return _no_body(case) and _only_header_values_wrong(case) and headers.get("accept-crs") == "EPSG:4326"


def _versie_or_registratie_op_unreadable(case) -> bool:
    """``versie`` is no whole number or ``registratieOp`` no ISO 8601 date-time (as the API reads a
    query parameter given more than once: its last value)."""
    import datetime as dt

    from django.utils.dateparse import parse_datetime

    query = case.query if isinstance(case.query, dict) else {}

    def last(name):
        value = query.get(name)
        if isinstance(value, list):
            value = value[-1] if value else None
        return None if value is None or value == "" else str(value)

    versie, moment = last("versie"), last("registratieOp")
    if versie is not None:
        try:
            int(versie)
        except ValueError:
            return True
    if moment is not None:
        try:
            return (parse_datetime(moment.replace(" ", "+")) or dt.datetime.fromisoformat(moment)) is None
        except ValueError:
            return True
    return False


def _query_as_sent_is_valid(case) -> bool:
    """Only the query is invalid, and only in values that, as sent, are no value at all (``versie=``,
    ``page=``: an empty object or list serialised) or text a plain string parameter takes
    (``trefwoorden=false``: in a URL the boolean false is the trefwoord "false")."""
    meta = case.meta
    if meta is None or any(meta.is_negative_at(location) for location in ParameterLocation
                           if location != ParameterLocation.QUERY):
        return False
    schemas = {p["name"]: p.get("schema", {}) for p in case.operation.definition.raw.get("parameters", [])
               if p.get("in") == "query"}

    def plain_string(schema) -> bool:
        return schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema)

    for name, value in (case.query if isinstance(case.query, dict) else {}).items():
        schema = schemas.get(name)
        if schema is None:
            return False
        if value in ("", {}, [], None):
            continue  # sent without a value: not given
        items = value if isinstance(value, list) else [value]
        text = plain_string(schema) or (schema.get("type") == "array" and plain_string(schema.get("items", {})))
        if not text or not all(isinstance(item, (str, bool, int, float)) for item in items):
            return False
    return True


def _only_content_type_wrong_without_body(case) -> bool:
    """No body, and only header values invalid: the (required) Content-Type of a body that is not there."""
    return _no_body(case) and _only_header_values_wrong(case)


def _empty_documentatie_link(case) -> bool:
    return isinstance(case.body, dict) and case.body.get("documentatieLink") == ""


VALIDATIEFOUT = {
    "description": "Bad request",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ValidatieFout"}}},
}

NOT_FOUND = {"$ref": "#/components/responses/404"}  # the document's own 404 (Fout)
PRECONDITION_FAILED = {"$ref": "#/components/responses/412"}
NOT_ACCEPTABLE = {"$ref": "#/components/responses/406"}

KNOWN_DEVIATIONS: list[Deviation] = [
    # ---- every API (the generic API layer, zaakwerk.core.api)
    AcceptedInput(
        "*", ("patch",), "*", when=_no_body,
        reason="A PATCH without a body changes nothing and answers 200 with the object, as the "
               "DRF-based reference implementations do (an empty partial update); the documents "
               "mark the request body required."),
    AcceptedInput(
        "*", ("post", "put", "patch"), "*", when=_only_read_only_properties_wrong,
        reason="Read-only properties in a request body (url, uuid, aardRelatieWeergave, ...) are "
               "ignored, whatever their value, as Django REST framework does in the reference "
               "implementations: a client may send back what it read. Some documents include them "
               "in the request schemas (marked readOnly)."),
    AcceptedInput(
        "*", ("patch",), "*", when=_only_leaves_out_required_properties,
        reason="PATCH is a partial update (RFC 5789; DRF partial=True in the reference "
               "implementations): properties required of the whole object may be left out. Older "
               "documents (Autorisaties 1.1.0) reuse the full schema, `required` included, for the "
               "PATCH body; newer ones (Catalogi 1.3.3) do not."),
    UndocumentedRefusal(
        "zaken", ("get",), ("/zaken/{zaak_uuid}/audittrail", "/zaken/{zaak_uuid}/zaakeigenschappen"),
        status=400, when=_nul_in_query,
        reason="A NUL character in a query parameter of a list, name or value, is refused with 400 "
               "ValidatieFout (`null_characters_not_allowed`) by the generic list view before any "
               "filter is applied: PostgreSQL can neither store nor compare it. These two lists "
               "under a zaak document no 400."),
    # ---- Autorisaties 1.1.0
    UndocumentedStatus(
        "autorisaties", ("get",), "/applicaties/consumer", status="400", response=VALIDATIEFOUT,
        reason="A missing or empty required `clientId` is a validation error (400 ValidatieFout), as in "
               "the reference implementation (a required django-filter field); the 1.1.0 document "
               "lists no 400 for this operation."),
    # ---- Catalogi 1.3.3
    UndocumentedStatus(
        "catalogi", ("delete",), "/besluittypen/{uuid}", status="204", instead_of="200",
        reason="Every ZGW DELETE answers 204 No Content (as the other Catalogi resources document and "
               "the VNG conformance suite expects); the 1.3.3 document says 200 for this one."),
    UndocumentedStatus(
        "catalogi", ("delete",), "/informatieobjecttypen/{uuid}", status="204", instead_of="200",
        reason="As for besluittypen: 204 No Content, like every other ZGW DELETE."),
    UndocumentedStatus(
        "catalogi", ("delete",), "/zaaktypen/{uuid}", status="204", instead_of="200",
        reason="As for besluittypen: 204 No Content, like every other ZGW DELETE."),
    UndocumentedStatus(
        "catalogi", ("post",), "/informatieobjecttypen", status="201", response="200", instead_of="200",
        reason="A create answers 201 Created (with Location), as every other create and the VNG "
               "conformance suite; the 1.3.3 document says 200 for informatieobjecttype_create."),
    UndocumentedRefusal(
        "catalogi", ("get", "head"), "/zaaktypen/{uuid}", status=400, when=_datum_geldigheid_no_date,
        reason="A `datumGeldigheid` that is no date (JJJJ-MM-DD) is a validation error (400 "
               "ValidatieFout), as on the lists, which document it: the reference date of the "
               "zaaktype and its sub-types cannot be chosen otherwise. The detail operation documents "
               "the parameter but no 400."),
    UndocumentedStatus(
        "catalogi", ("head",), "/*/{uuid}", status="404",
        reason="HEAD answers exactly what GET would (RFC 9110 9.3.2), so an unknown UUID is 404; the "
               "1.3.3 document lists only 200 for the HEAD operations."),
    UndocumentedStatus(
        "catalogi", ("get", "head"), "/*/{uuid}", status="304",
        reason="The If-None-Match parameter's own description prescribes an empty 304 when an ETag "
               "matches (and `*` matches any), but the operations do not list 304."),
    # ---- Zaken 1.7.0
    ReadWithDiscriminator(
        "zaken", (), "", schema="GeoJSONGeometry",
        reason="GeoJSONGeometry is a oneOf of Point, MultiPoint, LineString, MultiLineString, Polygon, "
               "MultiPolygon and GeometryCollection with `discriminator: type`. Polygon and "
               "MultiLineString have the very same coordinates schema (and an empty MultiPoint fits "
               "four branches), so without the discriminator no Polygon is valid: every zaak with "
               "a polygon as zaakgeometrie would 'violate' the schema. The discriminator says which "
               "branch applies; the checks apply it."),
    UndocumentedStatus(
        "zaken", ("head",), "/*/{uuid}", status="404",
        reason="HEAD answers exactly what GET would (RFC 9110 9.3.2), so an unknown UUID is 404; the "
               "1.7.0 document lists only 200 for the HEAD operations."),
    UndocumentedStatus(
        "zaken", ("get", "head"), "/*/{uuid}", status="304",
        reason="The If-None-Match parameter's own description prescribes an empty 304 when an ETag "
               "matches (and `*` matches any), but the operations do not list 304."),
    UndocumentedStatus(
        "zaken", ("head",), "/zaken/{uuid}", status="412", response=PRECONDITION_FAILED,
        reason="A missing Accept-Crs is 412 Precondition Failed, as the GET of the same zaak documents "
               "(the header is required on both); the HEAD operation lists only 200."),
    UndocumentedStatus(
        "zaken", ("head",), "/zaken/{uuid}", status="406", response=NOT_ACCEPTABLE,
        reason="An Accept-Crs other than EPSG:4326 is 406 Not Acceptable, as the GET of the same zaak "
               "documents; the HEAD operation lists only 200."),
    UndocumentedStatus(
        "zaken", ("get", "post"), ("/zaken/{zaak_uuid}/audittrail", "/zaken/{zaak_uuid}/besluiten",
                                   "/zaken/{zaak_uuid}/zaakeigenschappen"), status="404", response=NOT_FOUND,
        reason="A zaak_uuid naming no zaak is 404 Not Found (the reference implementation: the nested "
               "viewsets look up their parent zaak); the list and create operations under a zaak "
               "document no 404, while their details do."),
    UndocumentedStatus(
        "zaken", ("get",), "/zaken/{zaak_uuid}/besluiten", status="400", response=VALIDATIEFOUT,
        reason="An `expand` naming nothing that can be expanded is a validation error (400 "
               "ValidatieFout, name `expand`), as on every other list with `expand`; this list "
               "documents the parameter but no 400."),
    OtherwiseDocumented(
        "zaken", ("post",), "/zaaknummer_reserveren", status="201",
        schema={"oneOf": [{"$ref": "#/components/schemas/ReserveZaakIdentificatie"},
                          {"type": "array", "items": {"$ref": "#/components/schemas/ReserveZaakIdentificatie"}}]},
        reason="The operation's description: 'Als `aantal` niet wordt opgegeven of gelijk is aan 1, "
               "wordt een enkel object teruggegeven. Als `aantal > 1`, wordt een lijst van objecten "
               "teruggegeven.' (and its example EnkeleReservering is one object), while its response "
               "schema is only the array. The answer is what the description says: the 201 schema "
               "becomes one ReserveZaakIdentificatie or an array of them."),
    RejectedAs(
        "zaken", ("get", "head", "post", "put", "patch"), ("/zaken", "/zaken/{uuid}", "/zaken/_zoek"), status=412,
        when=_crs_header_missing,
        reason="A missing Accept-Crs (or, with a body, Content-Crs) is 412 Precondition Failed: the "
               "operations document 412 (the Zaken standard's CRS negotiation, as in the reference "
               "implementation), which negative_data_rejection does not count among rejections."),
    AcceptedInput(
        "zaken", ("get", "head", "delete"), ("/zaken", "/zaken/{uuid}"),
        when=_only_crs_headers_wrong_without_body_or_geometry,
        reason="The document marks Accept-Crs and Content-Crs required on every zaak operation. "
               "Content-Crs is the CRS of the geometry in the request body, and a GET, HEAD or DELETE "
               "has no body: it is not required there (as in the reference implementation, which "
               "negotiates Content-Crs for POST/PUT/PATCH only). A DELETE answers no geometry either: "
               "it needs no Accept-Crs (VNG's OAS conformance request 'Verwijder een ZAAK' sends no "
               "CRS header and expects 204)."),
    AcceptedInput(
        "zaken", ("post", "patch"), ("/zaken/_zoek", "/zaken/{uuid}"), when=_only_body_headers_wrong_without_body,
        reason="Content-Type and Content-Crs describe the request body. A `_zoek` without a body (its "
               "requestBody is optional: no filters, every zaak) or an empty PATCH (see above) has "
               "none, so Zaakwerk looks at neither header there (it negotiates Content-Crs for "
               "requests with a body; the reference implementation asks it of every POST/PUT/PATCH)."),
    # ---- Notificaties 1.0.1
    UndocumentedStatus(
        "notificaties", ("post",), "/notificaties", status="201", response="200", instead_of="200",
        reason="Publishing answers 201 Created with the message, as the reference implementation and Open "
               "Notificaties do and the VNG conformance suite expects; the 1.0.1 document says 200."),
    UndocumentedStatus(
        "notificaties", ("post",), "/notificaties", status="400", response=VALIDATIEFOUT,
        reason="An invalid message (an unknown kanaal, kenmerken the kanaal does not have, a malformed body) "
               "is a validation error (400 ValidatieFout), as in the reference implementation; the 1.0.1 "
               "document lists only 200 for this operation."),
    AcceptedInput(
        "notificaties", ("post",), "/kanaal", when=_empty_documentatie_link,
        reason="An empty documentatieLink means 'no documentation link', as the reference implementation "
               "(a blank URLField) accepts it; the answer then leaves documentatieLink out."),
    # ---- Documenten 1.7.0
    UndocumentedStatus(
        "documenten", ("head",), "/*/{uuid}", status="404",
        reason="HEAD answers exactly what GET would (RFC 9110 9.3.2), so an unknown UUID is 404; the "
               "1.7.0 document lists only 200 for the HEAD operations."),
    UndocumentedStatus(
        "documenten", ("get", "head"), "/*/{uuid}", status="304",
        reason="The If-None-Match parameter's own description prescribes an empty 304 when an ETag "
               "matches (and `*` matches any), but the operations do not list 304."),
    UndocumentedStatus(
        "documenten", ("get",), "/enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail",
        status="404", response=NOT_FOUND,
        reason="An enkelvoudiginformatieobject_uuid naming no document is 404 Not Found, as for the audit "
               "trail of a zaak (the nested list looks up its hoofdobject first); the list documents no "
               "404, while its detail does."),
    UndocumentedRefusal(
        "documenten", ("get", "head"), ("/enkelvoudiginformatieobjecten/{uuid}",
                                         "/enkelvoudiginformatieobjecten/{uuid}/download"),
        status=400, when=_versie_or_registratie_op_unreadable,
        reason="A `versie` that is no whole number or a `registratieOp` that is no ISO 8601 date-time (the "
               "parameter's description: 'Een datumtijd in ISO8601 formaat'; its schema is a plain "
               "string) is a validation error (400 ValidatieFout), as in the reference implementation, "
               "whose detail filter validates them: which version to show cannot be chosen otherwise. "
               "The operations document the parameters but no 400."),
    AcceptedInput(
        "documenten", ("get", "head"), ("/enkelvoudiginformatieobjecten", "/enkelvoudiginformatieobjecten/{uuid}",
                                         "/enkelvoudiginformatieobjecten/{uuid}/download"),
        when=_query_as_sent_is_valid,
        reason="A query parameter without a value (`versie=`, `page=`) is not given (the latest version, the "
               "first page), as the reference implementation treats an empty value (django-filter, DRF's "
               "pagination). And what schemathesis calls a boolean in `trefwoorden=false` is, in a URL, the "
               "trefwoord 'false': the request as sent is valid."),
    UndocumentedStatus(
        "documenten", ("delete",), "/enkelvoudiginformatieobjecten/{uuid}", status="400", response=VALIDATIEFOUT,
        reason="drc-008: a document with objectinformatieobjecten cannot be deleted (the operation's own "
               "description: 'Dit is alleen mogelijk als er geen OBJECTINFORMATIEOBJECTen relateerd zijn'); "
               "the refusal is 400 nonFieldErrors/pending-relations, as the VNG conformance suite "
               "(drc-008a) expects. The operation lists no 400."),
    UndocumentedStatus(
        "documenten", ("delete",), "/objectinformatieobjecten/{uuid}", status="400", response=VALIDATIEFOUT,
        reason="An objectinformatieobject mirrors a relation kept by the Zaken or Besluiten API ('Andere "
               "API's ... gebruiken dit endpoint bij het synchroniseren van relaties'): while that relation "
               "still exists it cannot be deleted here, 400 nonFieldErrors/inconsistent-relation (the "
               "code of drc-004, as the reference implementation refuses it). The operation lists no 400."),
    AcceptedInput(
        "documenten", ("post",), ("/enkelvoudiginformatieobjecten/{uuid}/lock",
                                  "/enkelvoudiginformatieobjecten/{uuid}/unlock"),
        when=_only_content_type_wrong_without_body,
        reason="The document marks Content-Type required on lock and unlock, but the lock has no request "
               "body and the unlock's is optional (without a `lock` it is a forced unlock). A request "
               "without a body has no type to state: Zaakwerk reads a body only when there is one, as the "
               "reference implementation (Django REST framework) does."),
    # ---- Besluiten 1.1.0
    UndocumentedStatus(
        "besluiten", ("get",), "/besluiten/{besluit_uuid}/audittrail", status="404", response=NOT_FOUND,
        reason="A besluit_uuid naming no besluit is 404 Not Found, as for the audit trail of a zaak (the "
               "nested list looks up its hoofdobject first); the list documents no 404, while its detail "
               "does."),
]


def _operations(raw: dict):
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield method, path, operation


def _discriminated_branches(raw: dict, name: str) -> list[tuple[str, str]]:
    """(discriminator value, $ref) of each branch of component ``name``: the explicit mapping, or
    the component name of the branch (OpenAPI 3.0's implicit mapping)."""
    schema = raw["components"]["schemas"][name]
    mapping = {ref: value for value, ref in (schema["discriminator"].get("mapping") or {}).items()}
    return [(mapping.get(branch["$ref"], branch["$ref"].rsplit("/", 1)[-1]), branch["$ref"])
            for branch in schema["oneOf"]]


def _document_deviations(api: ApiUnderTest, raw: dict) -> dict:
    raw = copy.deepcopy(raw)
    for deviation in KNOWN_DEVIATIONS:
        if isinstance(deviation, ReadWithDiscriminator) and deviation.api in ("*", api.name):
            schema = raw["components"]["schemas"][deviation.schema]
            prop = schema["discriminator"]["propertyName"]
            schema["oneOf"] = [
                {"allOf": [{"$ref": ref}, {"type": "object", "required": [prop], "properties": {prop: {"enum": [value]}}}]}
                for value, ref in _discriminated_branches(raw, deviation.schema)]
            del schema["discriminator"]  # now explicit in the branches
    for method, path, operation in _operations(raw):
        responses = operation["responses"]
        for deviation in KNOWN_DEVIATIONS:
            if isinstance(deviation, OtherwiseDocumented) and deviation.matches(api.name, method, path):
                response = responses[deviation.status]
                response["description"] = f"{response.get('description', '')} (Zaakwerk: {deviation.reason})"
                for media in response["content"].values():
                    media["schema"] = copy.deepcopy(deviation.schema)
                continue
            if not isinstance(deviation, UndocumentedStatus) or not deviation.matches(api.name, method, path):
                continue
            if isinstance(deviation.response, str):
                response = copy.deepcopy(responses[deviation.response])
            elif isinstance(deviation.response, dict):
                response = copy.deepcopy(deviation.response)
                ref = response.pop("$ref", "")
                if ref.startswith("#/components/responses/"):  # the document's own response object
                    response = {**copy.deepcopy(raw["components"]["responses"][ref.rsplit("/", 1)[-1]]), **response}
            else:
                response = {"description": "No content"}
            response["description"] = f"{response.get('description', '')} (Zaakwerk: {deviation.reason})"
            responses[deviation.status] = response
            if deviation.instead_of:
                responses.pop(deviation.instead_of, None)
    return raw


def _is_known_deviation(api: ApiUnderTest, failure, case, response) -> bool:
    checks = getattr(failure, "checks", ())
    if "status_code_conformance" in checks:
        return any(
            isinstance(d, UndocumentedRefusal) and response.status_code == d.status
            and d.matches(api.name, case.method.lower(), case.operation.path) and d.when(case)
            for d in KNOWN_DEVIATIONS
        )
    if "negative_data_rejection" not in checks:
        return False
    return any(
        (isinstance(d, AcceptedInput) or (isinstance(d, RejectedAs) and response.status_code == d.status))
        and d.matches(api.name, case.method.lower(), case.operation.path) and d.when(case)
        for d in KNOWN_DEVIATIONS
    )


# --------------------------------------------------------------------------------------------
# Generation settings and checks
# --------------------------------------------------------------------------------------------

# fuzzed examples per operation and mode for every API (plus the deterministic examples and
# coverage cases schemathesis derives from the spec); unset: each API's own ``max_examples``
MAX_EXAMPLES = os.environ.get("ZAAKWERK_SCHEMATHESIS_MAX_EXAMPLES")

settings.register_profile(
    "zaakwerk-schemathesis",
    deadline=None,  # an example is a full request with database work: timing says nothing here
    derandomize=True,  # the same examples on every run and every machine: failures reproduce
    database=None,  # derandomized, so nothing to replay; and no .hypothesis/ directory in the repo
    print_blob=False,
    suppress_health_check=[
        # The client/seed fixture is deliberately shared by all examples of a test; every example
        # runs in its own savepoint that is rolled back (run_case), so nothing leaks between them.
        HealthCheck.function_scoped_fixture,
        # Every example is an HTTP request plus database work, and the ZGW schemas are large
        # (Catalogi's zaaktype has dozens of required properties): slow, big examples are normal.
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        # Schemathesis filters generated values (formats, uniqueness) itself.
        HealthCheck.filter_too_much,
    ],
)
PROFILE = settings.get_profile("zaakwerk-schemathesis")


def authorised(ctx, response, case) -> None:
    """Our client has heeftAlleAutorisaties: a 401/403 means the token or the authorisation layer
    is broken, and would let every other check pass on error responses the spec documents."""
    if response.status_code in (401, 403):
        raise AssertionError(f"{response.status_code} for a client with heeftAlleAutorisaties: "
                             f"{response.text[:300]}")


CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance,
               response_headers_conformance]
MODES = {
    "positive": [not_a_server_error, authorised, *CONFORMANCE, ignored_auth],
    "negative": [not_a_server_error, authorised, *CONFORMANCE, negative_data_rejection],
}

# --------------------------------------------------------------------------------------------
# Loading the specs
# --------------------------------------------------------------------------------------------

_SEEDED: dict[str, Seeded] = {}  # api name -> seeds of the running test (set by zgw_auth)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _seeded_path_parameters(api: ApiUnderTest, path: str, path_parameters: dict, *,
                            valid: bool = False) -> dict | None:
    """The path parameters with the seeded object's, if ``path`` is under a seeded prefix.

    Unless the caller knows they are ``valid``, only where the generated values are well-formed
    UUIDs: a deliberately invalid one (negative pass) is the point of that example."""
    seeded = _SEEDED.get(api.name)
    for prefix, existing in (seeded.paths if seeded is not None else {}).items():
        existing = {name: value for name, value in existing.items() if f"{{{name}}}" in path}
        if (existing and path.startswith(prefix)
                and (valid or all(_is_uuid(path_parameters.get(n)) for n in existing))):
            return {**path_parameters, **existing}
    return None


def _with_seeded_references(api: ApiUnderTest, body):
    """The body with every URL property that names a kind of seeded object naming that object,
    or None when there is nothing to replace (see ``Seeded.references``)."""
    seeded = _SEEDED.get(api.name)
    if seeded is None or not (seeded.references or seeded.values) or not isinstance(body, dict):
        return None
    replaced = {name: seeded.references[name] for name, value in body.items()
                if name in seeded.references and isinstance(value, str) and ":" in value}
    replaced.update({name: seeded.values[name] for name, value in body.items()
                     if name in seeded.values and isinstance(value, str)})
    return {**body, **replaced} if replaced else None


@functools.cache
def _raw_spec(api: ApiUnderTest) -> dict:
    return schemathesis.openapi.from_path(SPECS_DIR / api.spec).raw_schema


def load_schema(api: ApiUnderTest, mode: str):
    config = SchemathesisConfig.from_dict({
        "base-url": api.base_url,
        "generation": {
            "mode": mode,
            # Our own bearer token goes on every request (run_case); generated Authorization
            # headers would only be replaced by it.
            "with-security-parameters": False,
        },
        "phases": {"stateful": {"enabled": False}},  # no link-following scenarios in this pass
    })
    schema = schemathesis.openapi.from_dict(_document_deviations(api, _raw_spec(api)), config=config)
    schema.app = _application  # in-process WSGI, no server
    if mode == "negative":
        # An operation whose input cannot be made invalid (no body, and no parameter other than a
        # path parameter of any string: GET /abonnement, GET
        # /enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail) has no
        # negative case: schemathesis would report it as a skipped test.
        raw_spec = _raw_spec(api)

        def resolved(parameter: dict) -> dict:
            ref = parameter.get("$ref")
            return raw_spec["components"]["parameters"][ref.rsplit("/", 1)[-1]] if ref else parameter

        def nothing_to_break(ctx) -> bool:
            operation = ctx.operation.definition.raw
            if operation.get("requestBody"):
                return False
            parameters = [resolved(p) for p in (*raw_spec["paths"][ctx.operation.path].get("parameters", []),
                                                *operation.get("parameters", []))]
            return all(p.get("in") == "path" and p.get("schema", {}).get("type") == "string"
                       and not {"format", "pattern", "enum", "maxLength", "minLength"} & set(p.get("schema", {}))
                       for p in parameters)

        schema = schema.exclude(func=nothing_to_break)
        schema.app = _application

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        # Fuzzing phase: about half of the requests address the seeded object instead. Positive
        # values are all valid (a path parameter without format, e.g. the Documenten API's
        # enkelvoudiginformatieobject_uuid, is a random string, not a UUID).
        seeded = _seeded_path_parameters(api, context.operation.path, path_parameters, valid=mode == "positive")
        return st.just(path_parameters) if seeded is None else st.sampled_from([path_parameters, seeded])

    if mode == "positive":
        # Negative bodies are left alone: replacing the very value that makes one invalid would
        # make it valid and so "accepted".
        @schema.hook
        def flatmap_body(context, body):
            seeded = _with_seeded_references(api, body)
            return st.just(body) if seeded is None else st.sampled_from([body, seeded])

    @schema.hook
    def filter_failure(context, failure, case, response):
        return not _is_known_deviation(api, failure, case, response)

    return schema


# --------------------------------------------------------------------------------------------
# Fixtures and the test body
# --------------------------------------------------------------------------------------------

_API_OF_TEST: dict[str, ApiUnderTest] = {}  # generated test function name -> its API


WITHOUT_CONTENT_TYPE = "X-Test-Without-Content-Type"


def _application(environ, start_response):
    """``zaakwerk.wsgi.application``; a request marked ``WITHOUT_CONTENT_TYPE`` reaches it without
    a Content-Type header (see run_case)."""
    if environ.pop("HTTP_" + WITHOUT_CONTENT_TYPE.upper().replace("-", "_"), None):
        environ.pop("CONTENT_TYPE", None)
        environ.pop("HTTP_CONTENT_TYPE", None)
    return application(environ, start_response)


def _no_network(*args, **kwargs):
    raise OSError("no network in the schemathesis tests")


@pytest.fixture(autouse=True)
def documenten_storage(settings, tmp_path):
    """The content of documents (seeded and created by examples) is stored in a temporary
    directory, never under var/; files of rolled-back examples stay there until pytest removes it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def zgw_auth(db, request, monkeypatch):
    """Headers of a client with heeftAlleAutorisaties; also creates the API's seed objects.

    Why ``db`` and not ``transactional_db``: the WSGI application runs in this thread, so it uses
    this thread's database connection and sees what the fixture created inside pytest-django's
    test transaction. Hypothesis then runs the test body many times within that one test; each
    example runs in its own savepoint that is always rolled back (``run_case``), so no example
    sees another's writes: nothing accumulates over the examples (no pile of created applicaties,
    no ac-001 'clientId exists' depending on what ran before) and a failing example replays and
    shrinks deterministically. The application's own ``transaction.atomic()`` nests as a savepoint
    inside it. ``transactional_db`` would commit every request instead (state growing across
    examples, needing manual cleanup) and truncate every table after each of the many
    per-operation tests. The price: ``transaction.on_commit`` callbacks never run here (Zaakwerk
    registers none; its audit trail and outbox are written in the request's own transaction).
    """
    # Generated URL references (catalogus, zaaktype, selectielijst, ...) point anywhere. The
    # application must refuse one it cannot fetch with a 400, never a 5xx; it must not make the
    # test wait for the internet: every outgoing connection fails at once, as for a host that is down.
    monkeypatch.setattr(socket, "create_connection", _no_network)
    register_client("schemathesis", "schemathesis-secret", all_permissions=True)
    api = _API_OF_TEST[request.node.originalname]
    if api.seed is not None:
        seeded = api.seed()  # before the first example: the generation hooks read it
        _SEEDED[api.name] = seeded if isinstance(seeded, Seeded) else Seeded(paths=seeded)
    # Django's WSGIHandler runs close_old_connections at the start and end of every request. In
    # the test transaction that closes the connection (autocommit is off; CONN_MAX_AGE is 0 for
    # SQLite) and loses the transaction on any database but in-memory SQLite. Django's own test
    # Client disconnects it for the same reason; we call the real WSGI application, so we do it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {make_token('schemathesis', 'schemathesis-secret')}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        _SEEDED.clear()


def run_case(case, api: ApiUnderTest, auth: dict, checks: list, mode: str) -> None:
    meta = case.meta
    if meta is not None and meta.phase.name != TestPhase.FUZZING and mode == "positive":
        # the examples and coverage phases as the fuzzing hook does: name the seeded objects
        seeded_body = _with_seeded_references(api, case.body)
        if seeded_body is not None:
            case.body = seeded_body
    if meta is not None and meta.phase.name != TestPhase.FUZZING and case.path_parameters:
        # The examples and coverage phases are fixed lists of cases that no generation hook sees;
        # without this each one would be a 404 on an unknown UUID (the fuzzing phase covers those).
        # Negative coverage cases fill the path with a placeholder like "0" (so schemathesis marks
        # the path negative) even when the body is what they test: replace it unless the path is
        # the point of the case.
        target = getattr(meta.phase.data, "parameter_location", None)
        if not meta.is_negative_at(ParameterLocation.PATH) or target not in (None, ParameterLocation.PATH):
            seeded = _seeded_path_parameters(api, case.operation.path, case.path_parameters, valid=True)
            if seeded is not None:
                case.path_parameters = seeded
    headers = dict(auth)
    left_out = {name.lower() for name in get_exclude_headers(case)}
    if (meta is not None and meta.is_negative_at(ParameterLocation.HEADER)
            and "content-type" not in {name.lower() for name in (case.headers or {})}
            and any(p.get("in") == "header" and p.get("name", "").lower() == "content-type"
                    for p in case.operation.definition.raw.get("parameters", []))):
        # negative in more than one component: schemathesis then reports the removed header but
        # does not leave it out (get_exclude_headers looks at the primary component only)
        left_out.add("content-type")
    if "content-type" in left_out and not isinstance(case.body, NotSet):
        # A negative case that leaves out the (required) Content-Type header parameter: the WSGI
        # transport puts the body's media type back as Content-Type, which would make the
        # request valid after all. The request is marked, and arrives without it (_application).
        headers[WITHOUT_CONTENT_TYPE] = "1"
    # Each example in its own savepoint, always rolled back: see zgw_auth.
    with transaction.atomic():
        case.call_and_validate(base_url=api.base_url, headers=headers, checks=checks)
        transaction.set_rollback(True)


def _make_test(api: ApiUnderTest, mode: str):
    schema = load_schema(api, mode)
    checks = MODES[mode]

    @schema.parametrize()
    @settings(PROFILE, max_examples=int(MAX_EXAMPLES) if MAX_EXAMPLES else api.max_examples)
    def test(case, zgw_auth):
        run_case(case, api, zgw_auth, checks, mode)

    test = pytest.mark.schemathesis(test)
    if not api.available:
        test = pytest.mark.skip(reason=f"{api.module} does not exist yet: {api.name} is not served")(test)
    test.__name__ = test.__qualname__ = f"test_{api.name}_{mode}"
    _API_OF_TEST[test.__name__] = api
    return test


for _api in APIS:
    for _mode in MODES:
        globals()[f"test_{_api.name}_{_mode}"] = _make_test(_api, _mode)
del _api, _mode


@pytest.mark.schemathesis
@pytest.mark.parametrize("deviation", KNOWN_DEVIATIONS,
                         ids=lambda d: f"{type(d).__name__}-{d.api}-{'/'.join(d.methods)}-"
                                       f"{d.path if isinstance(d.path, str) else '|'.join(d.path)}")
def test_known_deviations_are_real(deviation: Deviation):
    """Every allow-list entry names operations of its spec(s) that really differ from it."""
    apis = [a for a in APIS if deviation.api in ("*", a.name)]
    assert apis, f"no API named {deviation.api!r}"
    if isinstance(deviation, ReadWithDiscriminator):
        # the component has a discriminator, and without it two of its branches accept the same value
        for api in apis:
            raw = _raw_spec(api)
            schema = raw["components"]["schemas"][deviation.schema]
            assert schema["discriminator"]["propertyName"]
            branches = [raw["components"]["schemas"][ref.rsplit("/", 1)[-1]] for _, ref in
                        _discriminated_branches(raw, deviation.schema)]
            shapes = [json.dumps(branch.get("allOf", branch)[-1].get("properties"), sort_keys=True)
                      for branch in branches]
            assert len(set(shapes)) < len(shapes), f"{deviation.schema}: no two branches look alike"
        return
    matched = [(method, path, operation)
               for api in apis for method, path, operation in _operations(_raw_spec(api))
               if deviation.matches(api.name, method, path)]
    assert matched, f"{deviation} matches no operation"
    for method, path, operation in matched:
        label = f"{method.upper()} {path}"
        if isinstance(deviation, UndocumentedStatus):
            assert deviation.status not in operation["responses"], f"{label} documents {deviation.status}"
            if deviation.instead_of:
                assert deviation.instead_of in operation["responses"], f"{label} lacks {deviation.instead_of}"
        if isinstance(deviation, UndocumentedRefusal):
            assert str(deviation.status) not in operation["responses"], f"{label} documents {deviation.status}"
        if isinstance(deviation, RejectedAs):
            documented = operation["responses"]
            assert str(deviation.status) in documented or any(
                isinstance(d, UndocumentedStatus) and d.status == str(deviation.status)
                and d.matches(deviation.api, method, path) for d in KNOWN_DEVIATIONS), (
                f"{label} does not document {deviation.status}")
        if isinstance(deviation, OtherwiseDocumented):
            response = operation["responses"].get(deviation.status)
            assert response is not None, f"{label} does not document {deviation.status}"
            schemas = [media.get("schema") for media in response.get("content", {}).values()]
            assert schemas and deviation.schema not in schemas, f"{label} already documents that schema"
