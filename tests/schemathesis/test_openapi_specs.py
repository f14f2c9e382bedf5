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
standard's behaviour, the reference implementation or the VNG conformance suite disagree), the
difference is listed in ``KNOWN_DEVIATIONS`` with its reason: an ``UndocumentedStatus`` is written
into the loaded spec before testing, an ``AcceptedInput`` drops exactly that one
``negative_data_rejection`` failure. No check is ever switched off, and
``test_known_deviations_are_real`` keeps the list honest.

Each API can have a seed function: objects created before the first example, which generated
requests then address about half of the time (otherwise every PUT/PATCH/DELETE/GET on
``{uuid}`` is a 404 for a random UUID and no body is ever read). Outgoing network connections are
refused at once (a foreign URL reference must give a 400, and the tests must not wait for DNS).

Adding an API (Zaken, Documenten, Besluiten, Notificaties, ...) is one more ``ApiUnderTest`` in
``APIS``, optionally with a seed function and its deviations. An API whose module does not exist
yet is collected and skipped, and runs as soon as the module is there.

Deeper local runs: ``ZAAKWERK_SCHEMATHESIS_MAX_EXAMPLES=500`` (default 20 fuzzed examples per
operation and mode), and ``DATABASE_URL=postgres://...`` to run against PostgreSQL, which refuses
things SQLite stores (e.g. NUL characters in text).
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
from dataclasses import dataclass
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
Seeds = dict[str, dict[str, str]]


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


@dataclass(frozen=True)
class ApiUnderTest:
    name: str  # test id, e.g. "catalogi"
    spec: str  # the normative OpenAPI document, relative to specs/
    root: str  # where Zaakwerk serves it (the specs' own `servers` say /api/v1 or a vng.cloud host)
    module: str  # the module serving it: tested as soon as it exists
    seed: Callable[[], Seeds] | None = None

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
]

# --------------------------------------------------------------------------------------------
# Known, deliberate deviations from the spec DOCUMENTS
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deviation:
    api: str  # an ApiUnderTest name, or "*" for every API
    methods: tuple[str, ...]  # lower case
    path: str  # fnmatch pattern over the spec's path templates
    reason: str

    def matches(self, api: str, method: str, path: str) -> bool:
        return (self.api in ("*", api) and method in self.methods
                and fnmatch.fnmatchcase(path, self.path))


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
class AcceptedInput(Deviation):
    """A request the document calls invalid that Zaakwerk deliberately accepts (``when(case)``):
    only that ``negative_data_rejection`` failure is dropped, every other check still applies."""

    when: Callable = lambda case: False


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


VALIDATIEFOUT = {
    "description": "Bad request",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ValidatieFout"}}},
}

KNOWN_DEVIATIONS: list[Deviation] = [
    # ---- every API (the generic API layer, zaakwerk.core.api)
    AcceptedInput(
        "*", ("patch",), "*", when=_no_body,
        reason="A PATCH without a body changes nothing and answers 200 with the object, as the "
               "DRF-based reference implementations do (an empty partial update); the documents "
               "mark the request body required."),
    AcceptedInput(
        "*", ("patch",), "*", when=_only_leaves_out_required_properties,
        reason="PATCH is a partial update (RFC 5789; DRF partial=True in the reference "
               "implementations): properties required of the whole object may be left out. Older "
               "documents (Autorisaties 1.1.0) reuse the full schema, `required` included, for the "
               "PATCH body; newer ones (Catalogi 1.3.3) do not."),
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
    UndocumentedStatus(
        "catalogi", ("head",), "/*/{uuid}", status="404",
        reason="HEAD answers exactly what GET would (RFC 9110 9.3.2), so an unknown UUID is 404; the "
               "1.3.3 document lists only 200 for the HEAD operations."),
    UndocumentedStatus(
        "catalogi", ("get", "head"), "/*/{uuid}", status="304",
        reason="The If-None-Match parameter's own description prescribes an empty 304 when an ETag "
               "matches (and `*` matches any), but the operations do not list 304."),
]


def _operations(raw: dict):
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield method, path, operation


def _apply_undocumented_statuses(api: ApiUnderTest, raw: dict) -> dict:
    raw = copy.deepcopy(raw)
    for method, path, operation in _operations(raw):
        responses = operation["responses"]
        for deviation in KNOWN_DEVIATIONS:
            if not isinstance(deviation, UndocumentedStatus) or not deviation.matches(api.name, method, path):
                continue
            if isinstance(deviation.response, str):
                response = copy.deepcopy(responses[deviation.response])
            elif isinstance(deviation.response, dict):
                response = copy.deepcopy(deviation.response)
            else:
                response = {"description": "No content"}
            response["description"] = f"{response.get('description', '')} (Zaakwerk: {deviation.reason})"
            responses[deviation.status] = response
            if deviation.instead_of:
                responses.pop(deviation.instead_of, None)
    return raw


def _is_accepted_input(api: ApiUnderTest, failure, case) -> bool:
    if "negative_data_rejection" not in getattr(failure, "checks", ()):
        return False
    return any(
        isinstance(d, AcceptedInput) and d.matches(api.name, case.method.lower(), case.operation.path)
        and d.when(case)
        for d in KNOWN_DEVIATIONS
    )


# --------------------------------------------------------------------------------------------
# Generation settings and checks
# --------------------------------------------------------------------------------------------

MAX_EXAMPLES = int(os.environ.get("ZAAKWERK_SCHEMATHESIS_MAX_EXAMPLES", "20"))

settings.register_profile(
    "zaakwerk-schemathesis",
    max_examples=MAX_EXAMPLES,  # fuzzed examples per operation and mode (plus the deterministic
    # examples and coverage cases schemathesis derives from the spec)
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

_SEEDED: dict[str, Seeds] = {}  # api name -> seeds of the running test (set by zgw_auth)


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
    for prefix, existing in _SEEDED.get(api.name, {}).items():
        if path.startswith(prefix) and (valid or all(_is_uuid(path_parameters.get(n)) for n in existing)):
            return {**path_parameters, **existing}
    return None


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
    schema = schemathesis.openapi.from_dict(_apply_undocumented_statuses(api, _raw_spec(api)), config=config)
    schema.app = application  # in-process WSGI, no server

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        # Fuzzing phase: about half of the requests address the seeded object instead.
        seeded = _seeded_path_parameters(api, context.operation.path, path_parameters)
        return st.just(path_parameters) if seeded is None else st.sampled_from([path_parameters, seeded])

    @schema.hook
    def filter_failure(context, failure, case, response):
        return not _is_accepted_input(api, failure, case)

    return schema


# --------------------------------------------------------------------------------------------
# Fixtures and the test body
# --------------------------------------------------------------------------------------------

_API_OF_TEST: dict[str, ApiUnderTest] = {}  # generated test function name -> its API


def _no_network(*args, **kwargs):
    raise OSError("no network in the schemathesis tests")


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
        _SEEDED[api.name] = api.seed()  # before the first example: the generation hook reads it
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


def run_case(case, api: ApiUnderTest, auth: dict, checks: list) -> None:
    meta = case.meta
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
    kwargs = {}
    left_out = {name.lower() for name in get_exclude_headers(case)}
    if "content-type" in left_out and not isinstance(case.body, NotSet):
        # A negative case that leaves out the (required) Content-Type header parameter: the WSGI
        # transport would hand the JSON body to werkzeug as `json=`, which puts
        # `Content-Type: application/json` right back and makes the request valid after all.
        # Send the same body as bytes, so the request really lacks the header.
        kwargs["data"] = json.dumps(case.body).encode()
    # Each example in its own savepoint, always rolled back: see zgw_auth.
    with transaction.atomic():
        case.call_and_validate(base_url=api.base_url, headers=auth, checks=checks, **kwargs)
        transaction.set_rollback(True)


def _make_test(api: ApiUnderTest, mode: str):
    schema = load_schema(api, mode)
    checks = MODES[mode]

    @schema.parametrize()
    @PROFILE
    def test(case, zgw_auth):
        run_case(case, api, zgw_auth, checks)

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
                         ids=lambda d: f"{type(d).__name__}-{d.api}-{'/'.join(d.methods)}-{d.path}")
def test_known_deviations_are_real(deviation: Deviation):
    """Every allow-list entry names operations of its spec(s) that really differ from it."""
    apis = [a for a in APIS if deviation.api in ("*", a.name)]
    assert apis, f"no API named {deviation.api!r}"
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
