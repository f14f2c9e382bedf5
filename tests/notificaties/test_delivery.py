"""Delivery of notifications, end to end: real ``zaakwerk worker`` processes, real subscriber HTTP
servers on 127.0.0.1, a real database shared by both (see conftest.proc_db). Each scenario of
issue 5 is its own test.

Messages come from the registers: a zaak created, updated and closed through the Zaken API
(kanaal ``zaken``), Applicaties through the Autorisaties API (kanaal ``autorisaties``),
informatieobjecttypen through the Catalogi domain (kanaal ``informatieobjecttypen``, kenmerk
``catalogus``). Where a test needs many zaken messages, or kenmerken a zaaktype would have to be
built for (filters, ordering, SIGKILL, two workers), ``record_zaak`` writes them with
``core.events.record`` exactly as ``zaken.domain.common.record_zaak_change`` does (same kanaal,
hoofdObject, resource, actie, kenmerken), in a committed transaction of its own.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.db import transaction

from zaakwerk.core.actor import Actor
from zaakwerk.core.events import record
from zaakwerk.core.models import OutboxMessage
from zaakwerk.notificaties.models import Delivery

from ..conftest import ApiClient, make_token, register_client
from .conftest import stop_worker, wait_until, worker_log

BASE = "http://testserver"
NRC = "/notificaties/api/v1"
AC = "/autorisaties/api/v1"
ZAAKTYPE_A = f"{BASE}/catalogi/api/v1/zaaktypen/0b6c3e55-7b4a-4f0e-8a43-1c2d3e4f5a6b"
ZAAKTYPE_B = f"{BASE}/catalogi/api/v1/zaaktypen/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"


# ---- producing messages ---------------------------------------------------------------------


def zaak_url(zaak) -> str:
    return f"{BASE}/zaken/api/v1/zaken/{zaak}"


def record_zaak(actie: str, zaak, *, resource: str = "zaak", resource_url: str | None = None,
                bronorganisatie: str = "002220647", zaaktype: str = ZAAKTYPE_A,
                vertrouwelijkheidaanduiding: str = "openbaar") -> None:
    """A committed change of a zaak with its notification, as the Zaken API's domain records it
    (zaken.domain.common.record_zaak_change), without building a zaaktype for it."""
    with transaction.atomic():
        record(Actor.system(BASE), bron="zrc", actie=actie, resource=resource,
               resource_url=resource_url or zaak_url(zaak), hoofd_object=zaak_url(zaak), hoofd_object_uuid=zaak,
               kanaal="zaken", kenmerken={"bronorganisatie": bronorganisatie, "zaaktype": zaaktype,
                                          "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding})


@pytest.fixture
def api(proc_db) -> ApiClient:
    register_client("superclient", "supersecret", all_permissions=True)
    return ApiClient(make_token("superclient", "supersecret"))


def subscribe(api: ApiClient, sub, kanalen: list[dict], auth: str = "Bearer abonnee-token") -> dict:
    response = api.post(f"{NRC}/abonnement", {"callbackUrl": sub.url, "auth": auth, "kanalen": kanalen})
    assert response.status_code == 201, response.content
    return response.json()


def create_applicatie(api: ApiClient, label: str) -> dict:
    response = api.post(f"{AC}/applicaties", {"clientIds": [f"app-{uuid.uuid4().hex[:8]}"], "label": label,
                                              "heeftAlleAutorisaties": True})
    assert response.status_code == 201, response.content
    return response.json()


def all_delivered(expected: int | None = None):
    """True when the outbox is drained and no delivery is open (optionally: exactly ``expected``
    deliveries exist)."""
    def check():
        if OutboxMessage.objects.filter(processed__isnull=True).exists():
            return False
        if Delivery.objects.filter(state=Delivery.PENDING).exists():
            return False
        return expected is None or Delivery.objects.count() == expected
    return check


def assert_running(process) -> None:
    assert process.poll() is None, f"worker exited with {process.returncode}:\n{worker_log(process)}"


# ---- the scenarios of issue 5 -------------------------------------------------------------------


def test_zaak_created_updated_closed_arrive_in_order_with_their_kenmerken(api, subscriber, start_worker):
    """Through the real Zaken API: create, update, resultaat, eindstatus (closes the zaak)."""
    from zaakwerk.catalogi import domain as catalogi
    from zaakwerk.catalogi.models import ResultaatType, StatusType
    from zaakwerk.core.request_state import serving

    from ..zaken.conftest import CRS, build_zaaktype, zaak_body, zaaktype_url

    sub = subscriber()
    subscribe(api, sub, [{"naam": "zaken"}], auth="Bearer voor-de-abonnee")
    worker = start_worker()
    system = Actor.system(BASE)
    with serving(BASE):
        catalogus = catalogi.create_catalogus(system, {"domein": "ZAAK", "rsin": "000000000",
                                                       "contactpersoon_beheer_naam": "Beheer"})
        zaaktype = build_zaaktype(system, catalogus)
    zaken = ApiClient(api.token, default_headers=CRS)
    created = zaken.post("/zaken/api/v1/zaken", zaak_body(zaaktype, vertrouwelijkheidaanduiding="intern"))
    assert created.status_code == 201, created.content
    zaak = created.json()["url"]
    path = zaak.replace(BASE, "")
    assert zaken.patch(path, {"omschrijving": "Dakkapel"}).status_code == 200
    resultaattype = ResultaatType.objects.get(zaaktype=zaaktype, omschrijving="Verleend")
    resultaat = zaken.post("/zaken/api/v1/resultaten", {
        "zaak": zaak, "resultaattype": f"{BASE}/catalogi/api/v1/resultaattypen/{resultaattype.pk}"})
    assert resultaat.status_code == 201, resultaat.content
    eindstatus = StatusType.objects.filter(zaaktype=zaaktype).order_by("-volgnummer").first()
    closing = zaken.post("/zaken/api/v1/statussen", {
        "zaak": zaak, "statustype": f"{BASE}/catalogi/api/v1/statustypen/{eindstatus.pk}",
        "datumStatusGezet": "2024-03-10T10:00:00"})
    assert closing.status_code == 201, closing.content
    assert zaken.get(path).json()["einddatum"] == "2024-03-10"  # closed

    got = sub.wait_for(4)
    assert [(n["resource"], n["actie"]) for n in got] == [
        ("zaak", "create"), ("zaak", "partial_update"), ("resultaat", "create"), ("status", "create")]
    for notification in got:
        assert notification["kanaal"] == "zaken"
        assert notification["hoofdObject"] == zaak
        assert notification["kenmerken"] == {"bronorganisatie": "517439943", "zaaktype": zaaktype_url(zaaktype),
                                             "vertrouwelijkheidaanduiding": "intern"}
        assert notification["aanmaakdatum"].endswith("Z")
    assert got[3]["resourceUrl"] == closing.json()["url"]
    deliveries = [r for r in sub.received if r.body.get("kanaal") == "zaken"]
    assert all(r.headers["authorization"] == "Bearer voor-de-abonnee" for r in deliveries)
    wait_until(all_delivered(4))
    assert_running(worker)
    assert stop_worker(worker) == 0


def test_a_kenmerk_filter_delivers_only_what_matches(api, subscriber, start_worker):
    from zaakwerk.catalogi import domain as catalogi
    from zaakwerk.catalogi.models import Catalogus
    from zaakwerk.catalogi.representation import url as catalogi_url

    by_bron = subscriber()
    subscribe(api, by_bron, [{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}])
    openbaar = subscriber()
    subscribe(api, openbaar, [{"naam": "zaken", "filters": {"vertrouwelijkheidaanduiding": "openbaar",
                                                             "zaaktype": "*"}}])
    either = subscriber()  # two groups on one kanaal: either matches, delivered once
    subscribe(api, either, [{"naam": "zaken", "filters": {"zaaktype": ZAAKTYPE_B}},
                            {"naam": "zaken", "filters": {"vertrouwelijkheidaanduiding": "geheim"}}])
    by_catalogus = subscriber()

    system = Actor.system(BASE)
    cat_a = catalogi.create_catalogus(system, {"domein": "AAAAA", "rsin": "000000000",
                                               "contactpersoon_beheer_naam": "A"})
    cat_b = catalogi.create_catalogus(system, {"domein": "BBBBB", "rsin": "000000000",
                                               "contactpersoon_beheer_naam": "B"})
    subscribe(api, by_catalogus, [{"naam": "informatieobjecttypen",
                                   "filters": {"catalogus": catalogi_url(BASE, Catalogus, cat_a.pk)}}])
    for catalogus, omschrijving in ((cat_a, "Aanvraag A"), (cat_b, "Aanvraag B"), (cat_a, "Besluit A")):
        catalogi.create_informatieobjecttype(system, {
            "catalogus": catalogus, "omschrijving": omschrijving, "vertrouwelijkheidaanduiding": "openbaar",
            "begin_geldigheid": date(2020, 1, 1), "informatieobjectcategorie": "document"})

    zaken = {name: uuid.uuid4() for name in ("bron-openbaar", "ander-openbaar", "bron-geheim", "ander-b")}
    record_zaak("create", zaken["bron-openbaar"])
    record_zaak("create", zaken["ander-openbaar"], bronorganisatie="111222333")
    record_zaak("create", zaken["bron-geheim"], vertrouwelijkheidaanduiding="geheim")
    record_zaak("create", zaken["ander-b"], bronorganisatie="111222333", zaaktype=ZAAKTYPE_B,
                vertrouwelijkheidaanduiding="intern")

    start_worker()
    wait_until(all_delivered())

    def hoofd(sub):
        return sorted(n["hoofdObject"] for n in sub.notifications("zaken"))

    assert hoofd(by_bron) == sorted([zaak_url(zaken["bron-openbaar"]), zaak_url(zaken["bron-geheim"])])
    assert hoofd(openbaar) == sorted([zaak_url(zaken["bron-openbaar"]), zaak_url(zaken["ander-openbaar"])])
    assert hoofd(either) == sorted([zaak_url(zaken["bron-geheim"]), zaak_url(zaken["ander-b"])])
    iots = by_catalogus.notifications()
    assert {n["kanaal"] for n in iots} == {"informatieobjecttypen"}
    assert len(iots) == 2
    assert {n["kenmerken"]["catalogus"] for n in iots} == {catalogi_url(BASE, Catalogus, cat_a.pk)}
    # nothing else was even attempted
    assert Delivery.objects.count() == 2 + 2 + 2 + 2
    for sub in (by_bron, openbaar, either, by_catalogus):
        assert sub.refused == []


def test_a_rolled_back_transaction_sends_nothing(api, subscriber, start_worker):
    from zaakwerk.autorisaties import domain as autorisaties
    from zaakwerk.core.request_state import serving

    sub = subscriber()
    subscribe(api, sub, [{"naam": "autorisaties"}])
    start_worker()
    rolled_back = {}
    with pytest.raises(RuntimeError), serving(BASE):
        with transaction.atomic():
            applicatie = autorisaties.create_applicatie(Actor.system(BASE), {
                "client_ids": ["teruggedraaid"], "label": "teruggedraaid", "heeft_alle_autorisaties": True})
            rolled_back["url"] = f"{BASE}{AC}/applicaties/{applicatie.pk}"
            # the message is in the outbox, inside this transaction only
            assert OutboxMessage.objects.filter(resource_url=rolled_back["url"]).exists()
            raise RuntimeError("something failed after the write")
    kept = create_applicatie(api, "bewaard")

    (notification,) = sub.wait_for(1)
    assert notification["resourceUrl"] == kept["url"]
    wait_until(all_delivered(1))
    assert [n["resourceUrl"] for n in sub.notifications()] == [kept["url"]]
    assert not OutboxMessage.objects.filter(resource_url=rolled_back["url"]).exists()


def test_a_subscriber_down_for_a_while_gets_everything_after_retries(api, subscriber, start_worker):
    sub = subscriber()
    subscribe(api, sub, [{"naam": "autorisaties"}])  # the callback check needs it up
    sub.stop()
    worker = start_worker()
    applicatie = create_applicatie(api, "eerst")
    path = applicatie["url"].replace(BASE, "")
    assert api.patch(path, {"label": "daarna"}).status_code == 200
    assert api.delete(path).status_code == 204

    def retried():
        first = Delivery.objects.order_by("id").first()
        return first is not None and first.attempts >= 3 and first
    first = wait_until(retried, message="three failed attempts")
    assert first.state == Delivery.PENDING and first.status_code is None
    assert "geen verbinding" in first.error
    # the later messages of the same applicatie wait behind the first: never attempted
    assert list(Delivery.objects.order_by("id").values_list("attempts", flat=True))[1:] == [0, 0]

    sub.start()  # back, on the same port
    got = sub.wait_for(3)
    assert [n["actie"] for n in got] == ["create", "partial_update", "destroy"]
    assert {n["resourceUrl"] for n in got} == {applicatie["url"]}
    wait_until(all_delivered(3))
    assert Delivery.objects.get(id=first.id).attempts >= 4
    assert len(sub.notifications()) == 3  # refused connections delivered nothing twice
    assert_running(worker)


def test_a_worker_killed_with_sigkill_mid_batch_loses_nothing(api, subscriber, start_worker):
    gate = threading.Event()
    arrived = threading.Semaphore(0)

    def held(received):
        if received.body.get("kanaal") != "test":
            arrived.release()
            gate.wait(30)
        return 204

    sub = subscriber(respond=held)
    subscribe(api, sub, [{"naam": "zaken"}])
    zaken = [uuid.uuid4() for _ in range(120)]
    for zaak in zaken:
        record_zaak("create", zaak)

    worker = start_worker("--batch-size", "40", "--concurrency", "4")
    for _ in range(4):  # four sends in flight: the worker is in the middle of a batch
        assert arrived.acquire(timeout=20), worker_log(worker)
    worker.send_signal(signal.SIGKILL)
    assert worker.wait(timeout=10) == -signal.SIGKILL
    in_flight = Delivery.objects.filter(state=Delivery.PENDING, claimed_until__isnull=False).count()
    assert in_flight >= 4  # claimed by the dead worker, outcome never recorded
    gate.set()  # the held requests finish (the worker never learns of it: they are sent again)

    start_worker("--batch-size", "40", "--concurrency", "4")
    wait_until(all_delivered(120), timeout=30)
    received = [n["hoofdObject"] for n in sub.notifications()]
    assert set(received) == {zaak_url(z) for z in zaken}  # every message, at least once
    assert len(received) <= 120 + in_flight  # duplicates only for what was in flight
    assert Delivery.objects.filter(state=Delivery.DELIVERED).count() == 120


def test_two_workers_on_postgresql_deliver_each_message_once_per_subscriber(proc_db, api, subscriber,
                                                                             start_worker):
    if not proc_db.postgresql:
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...): several workers share the work through "
                    "SELECT ... FOR UPDATE SKIP LOCKED; SQLite serialises all writers and runs one worker")
    subs = [subscriber(delay=0.005), subscriber(delay=0.005)]
    for sub in subs:
        subscribe(api, sub, [{"naam": "zaken"}])
    # small batches: many claims, so the two workers contend for the same rows again and again
    workers = [start_worker("--batch-size", "5", "--concurrency", "4") for _ in range(2)]
    for worker in workers:
        wait_until(lambda: "gestart" in worker_log(worker), message="the workers to start")
    zaken = [uuid.uuid4() for _ in range(120)]
    for zaak in zaken:  # committed while both run: fan-out and delivery are shared
        record_zaak("create", zaak)
    for zaak in zaken:
        record_zaak("partial_update", zaak)
        record_zaak("create", zaak, resource="status", resource_url=f"{zaak_url(zaak)}/status")
    wait_until(all_delivered(2 * 3 * len(zaken)), timeout=60)

    for sub in subs:
        got = [(n["hoofdObject"], n["resource"], n["actie"]) for n in sub.notifications()]
        assert len(got) == len(set(got)) == 3 * len(zaken), "a message was delivered twice or not at all"
        for zaak in zaken:  # and in order per zaak
            assert [(r, a) for h, r, a in got if h == zaak_url(zaak)] == [
                ("zaak", "create"), ("zaak", "partial_update"), ("status", "create")]
    assert Delivery.objects.values("worker").distinct().count() == 2, "both workers took part"
    for worker in workers:
        assert_running(worker)


def test_the_last_retry_failing_makes_a_dead_letter_mails_the_admins_and_a_replay_delivers_it(
        api, subscriber, settings, mailoutbox, caplog, client):
    from django.contrib.auth import get_user_model

    from zaakwerk.notificaties.worker import Worker

    settings.ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS = 3
    settings.ZAAKWERK_NOTIFICATIES_BACKOFF = 0.05
    settings.ZAAKWERK_NOTIFICATIES_BACKOFF_MAX = 0.1
    settings.ZAAKWERK_NOTIFICATIES_TIMEOUT = 2
    settings.ADMINS = [("Beheer", "beheer@gemeente.example")]
    broken = {"on": True}
    sub = subscriber(respond=lambda r: 500 if broken["on"] and r.body.get("kanaal") != "test" else 204)
    subscribe(api, sub, [{"naam": "autorisaties"}])
    applicatie = create_applicatie(api, "onbestelbaar")

    def dead():
        Worker(concurrency=1).run(once=True)  # this process's worker, so mail lands in mailoutbox
        return Delivery.objects.filter(state=Delivery.DEAD).first()
    with caplog.at_level(logging.ERROR, logger="zaakwerk.notificaties"):
        letter = wait_until(dead, message="a dead letter")
    assert letter.attempts == 3 and len(sub.refused) == 3
    assert letter.status_code == 500 and '"detail": "test"' in letter.response
    assert any(r.levelno == logging.ERROR and "onbestelbaar" in r.getMessage() for r in caplog.records)
    (mail,) = mailoutbox
    assert mail.to == ["beheer@gemeente.example"]
    assert "onbestelbaar" in mail.subject
    assert f"aflevering {letter.id}" in mail.body and "HTTP 500" in mail.body and sub.url in mail.body

    # the admin shows it with the answer, and replays it
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer")
    client.force_login(admin)
    listing = client.get("/admin/notificaties/deadletter/")
    assert listing.status_code == 200 and str(letter.id) in listing.content.decode()
    detail = client.get(f"/admin/notificaties/deadletter/{letter.id}/change/").content.decode()
    assert "detail" in detail and applicatie["url"] in detail
    broken["on"] = False
    response = client.post("/admin/notificaties/deadletter/", {"action": "replay_selected",
                                                               "_selected_action": [letter.id]})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.state, letter.attempts, letter.replays) == (Delivery.PENDING, 0, 1)
    Worker(concurrency=1).run(once=True)
    letter.refresh_from_db()
    assert letter.state == Delivery.DELIVERED and letter.status_code == 204
    assert [n["resourceUrl"] for n in sub.notifications()] == [applicatie["url"]]
    assert len(mailoutbox) == 1  # nothing new to report


def test_replay_all_from_the_admin(api, subscriber, settings, client):
    from django.contrib.auth import get_user_model

    from zaakwerk.notificaties.worker import Worker

    settings.ZAAKWERK_NOTIFICATIES_MAX_ATTEMPTS = 1
    broken = {"on": True}
    sub = subscriber(respond=lambda r: 503 if broken["on"] and r.body.get("kanaal") != "test" else 204)
    subscribe(api, sub, [{"naam": "autorisaties"}])
    created = [create_applicatie(api, f"app {i}") for i in range(3)]
    Worker(concurrency=2).run(once=True)
    assert Delivery.objects.filter(state=Delivery.DEAD).count() == 3

    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer"))
    listing = client.get("/admin/notificaties/deadletter/").content.decode()
    assert "Alle onbestelbare notificaties opnieuw versturen" in listing
    assert client.get("/admin/notificaties/deadletter/alles-opnieuw/").status_code == 405
    broken["on"] = False
    assert client.post("/admin/notificaties/deadletter/alles-opnieuw/").status_code == 302
    assert Delivery.objects.filter(state=Delivery.PENDING).count() == 3
    Worker(concurrency=2).run(once=True)
    assert sorted(n["resourceUrl"] for n in sub.notifications()) == sorted(a["url"] for a in created)
    assert Delivery.objects.filter(state=Delivery.DELIVERED).count() == 3


def test_order_per_hoofdobject_holds_while_an_earlier_message_is_retried(api, subscriber, start_worker):
    zaak_a, zaak_b = uuid.uuid4(), uuid.uuid4()
    failures = {"left": 3}

    def respond(received):
        body = received.body
        if body.get("hoofdObject") == zaak_url(zaak_a) and body.get("actie") == "create" and failures["left"]:
            failures["left"] -= 1
            return 500
        return 204

    sub = subscriber(respond=respond)
    subscribe(api, sub, [{"naam": "zaken"}])
    record_zaak("create", zaak_a)
    record_zaak("partial_update", zaak_a)
    record_zaak("create", zaak_b)
    record_zaak("partial_update", zaak_b)
    start_worker()
    wait_until(all_delivered(4))
    arrivals = [(r.body["hoofdObject"], r.body["actie"], r.at) for r in sub.received
                if r.body.get("kanaal") == "zaken"]
    order_a = [actie for hoofd, actie, _ in arrivals if hoofd == zaak_url(zaak_a)]
    assert order_a == ["create", "partial_update"]  # never the update before the (retried) create
    assert len(sub.refused) == 3
    # zaak B was not held up by zaak A's retries
    b_done = max(at for hoofd, _, at in arrivals if hoofd == zaak_url(zaak_b))
    a_created = min(at for hoofd, actie, at in arrivals if hoofd == zaak_url(zaak_a))
    assert b_done < a_created


# ---- an external Notificaties API instead of the built-in one ------------------------------------


class FakeNrc:
    """A minimal external Notificaties API: kanaal list/create and POST /notificaties, checking the
    JWT-ZGW token; the first ``fail_first`` notifications get a 503."""

    def __init__(self, secret: str, fail_first: int = 0):
        self.secret = secret
        self.fail_first = fail_first
        self.kanalen: dict[str, dict] = {}
        self.notifications: list[dict] = []
        self.claims: list[dict] = []
        self.lock = threading.Lock()
        nrc = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self, status, body=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
                try:
                    claims = jwt.decode(token, nrc.secret, algorithms=["HS256"])
                except jwt.PyJWTError:
                    return False
                with nrc.lock:
                    nrc.claims.append(claims)
                return scheme == "Bearer"

            def do_GET(self):
                if not self._authorised():
                    return self._answer(403, {"detail": "no"})
                parts = urlsplit(self.path)
                naam = parse_qs(parts.query).get("naam", [None])[0]
                with nrc.lock:
                    found = [k for n, k in nrc.kanalen.items() if naam in (None, n)]
                self._answer(200, found)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
                if not self._authorised():
                    return self._answer(403, {"detail": "no"})
                path = urlsplit(self.path).path
                with nrc.lock:
                    if path.endswith("/kanaal"):
                        nrc.kanalen[body["naam"]] = body
                        return self._answer(201, body)
                    if body["kanaal"] not in nrc.kanalen:
                        return self._answer(400, {"invalidParams": [{"name": "kanaal", "code": "message_kanaal"}]})
                    if nrc.fail_first:
                        nrc.fail_first -= 1
                        return self._answer(503, {"detail": "later"})
                    nrc.notifications.append(body)
                self._answer(201, body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_an_external_notificaties_api_gets_everything_with_the_same_guarantees(api, subscriber, start_worker):
    nrc = FakeNrc("extern-geheim", fail_first=2)
    try:
        local = subscriber()
        subscribe(api, local, [{"naam": "zaken"}, {"naam": "autorisaties"}])  # not used: external instead
        zaak = uuid.uuid4()
        record_zaak("create", zaak)
        record_zaak("partial_update", zaak)
        applicatie = create_applicatie(api, "extern")
        worker = start_worker(ZAAKWERK_NOTIFICATIES_API_URL=nrc.root,
                              ZAAKWERK_NOTIFICATIES_API_CLIENT_ID="zaakwerk-extern",
                              ZAAKWERK_NOTIFICATIES_API_SECRET="extern-geheim")
        # every message of the outbox (the api fixture's own Applicatie too): one delivery each
        wait_until(all_delivered(OutboxMessage.objects.count()))
        assert [(n["kanaal"], n["hoofdObject"], n["actie"]) for n in nrc.notifications if n["kanaal"] == "zaken"] == [
            ("zaken", zaak_url(zaak), "create"), ("zaken", zaak_url(zaak), "partial_update")]
        assert applicatie["url"] in [n["resourceUrl"] for n in nrc.notifications if n["kanaal"] == "autorisaties"]
        assert len(nrc.notifications) == OutboxMessage.objects.count()
        # our kanalen were registered there, with their kenmerken
        assert nrc.kanalen["zaken"]["filters"] == ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]
        assert "autorisaties" in nrc.kanalen
        assert {c["client_id"] for c in nrc.claims} == {"zaakwerk-extern"}
        assert nrc.fail_first == 0 and Delivery.objects.filter(attempts__gt=1).exists()  # retried
        assert set(Delivery.objects.values_list("abonnement", flat=True)) == {None}
        assert local.notifications() == []
        assert_running(worker)
    finally:
        nrc.stop()


def test_sigterm_stops_a_worker_cleanly(proc_db, start_worker):
    worker = start_worker()
    wait_until(lambda: "gestart" in worker_log(worker), message="the worker to start")
    assert_running(worker)
    assert stop_worker(worker) == 0, worker_log(worker)


def test_on_postgresql_a_commit_wakes_the_worker_at_once(proc_db, api, subscriber, start_worker):
    if not proc_db.postgresql:
        pytest.skip("needs PostgreSQL (LISTEN/NOTIFY); on SQLite the worker polls")
    sub = subscriber()
    subscribe(api, sub, [{"naam": "zaken"}])
    worker = start_worker(ZAAKWERK_WORKER_POLL_INTERVAL="30")  # polling alone would take 30 s
    wait_until(lambda: "gestart" in worker_log(worker), message="the worker to start")
    time.sleep(0.3)  # it is waiting now
    for _ in range(3):
        count = len(sub.notifications())
        started = time.monotonic()
        record_zaak("create", uuid.uuid4())
        sub.wait_for(count + 1, timeout=5)
        assert time.monotonic() - started < 2, "delivery waited for the poll interval"
    assert "pollen" not in worker_log(worker)  # no LISTEN trouble
