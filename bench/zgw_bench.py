"""A load generator for ZGW API implementations (Zaakwerk, Open Zaak, ...).

It speaks only the ZGW APIs (Catalogi 1.3, Zaken 1.5+, Documenten 1.x, Referentielijsten for the
Selectielijst), so the same run can be pointed at any implementation:

    python bench/zgw_bench.py --base-url http://127.0.0.1:8000 --client-id bench --secret s3cret \\
        [--zaken 2000] [--duration 10] [--clients 1,8] [--json bench/results.json]

The client needs every scope (heeftAlleAutorisaties). The generator sets up its own catalogue
(catalogus, informatieobjecttype, zaaktype with statustypen, roltype, resultaattype; published),
creates ``--zaken`` zaken (each with an initiator rol with a BSN and a geometry point), and then runs
every workload for ``--duration`` seconds with each client count (threads, one keep-alive
connection each). Any non-2xx answer counts as an error and is reported with its first body.

It prints a table (median, p95, req/s, errors) and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Callable

import jwt

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
RSIN = "002220647"


# ---- HTTP ----------------------------------------------------------------------------------------


class Http:
    """One keep-alive connection with a JWT-ZGW; reconnects when the server closes it."""

    def __init__(self, base_url: str, client_id: str, secret: str, timeout: float = 60):
        parsed = urllib.parse.urlsplit(base_url)
        self.scheme, self.host, self.port = parsed.scheme, parsed.hostname, parsed.port
        self.prefix = parsed.path.rstrip("/")
        self.timeout = timeout
        token = jwt.encode({"iss": client_id, "iat": int(time.time()), "client_id": client_id,
                            "user_id": "bench", "user_representation": "bench"}, secret, algorithm="HS256")
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        return cls(self.host, self.port, timeout=self.timeout)

    def path(self, url: str) -> str:
        """A full URL of the server (as answers give them) or a path below the base URL."""
        if url.startswith("http://") or url.startswith("https://"):
            parts = urllib.parse.urlsplit(url)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return self.prefix + url

    def request(self, method: str, url: str, body=None, headers: dict | None = None,
                raw: bytes | None = None) -> tuple[int, bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        all_headers = {**self.headers, **(headers or {})}
        if data is not None:
            all_headers.setdefault("Content-Type", "application/json")
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request(method, self.path(url), body=data, headers=all_headers)
                response = self.conn.getresponse()
                payload = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, payload
            except (http.client.HTTPException, ConnectionError, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def json(self, method: str, url: str, body=None, headers: dict | None = None, expect=(200, 201, 204)):
        status, payload = self.request(method, url, body, headers)
        if status not in expect:
            raise SystemExit(f"setup: {method} {url} answered {status}: {payload[:600]!r}")
        return json.loads(payload) if payload else None


# ---- the catalogue and the data set ------------------------------------------------------------------


@dataclass
class DataSet:
    zaaktype: str = ""
    statustypen: list[str] = field(default_factory=list)
    roltype: str = ""
    informatieobjecttype: str = ""
    zaken: list[str] = field(default_factory=list)
    bsns: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def bsn(n: int) -> str:
    """A valid (11-proof) BSN derived from n."""
    base = f"{100000000 + n * 7:09d}"[:8]
    for last in range(10):
        digits = [int(c) for c in base + str(last)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2))) - digits[8]
        if total % 11 == 0:
            return base + str(last)
    return bsn(n + 1)


def point(i: int) -> dict:
    # somewhere in Utrecht, spread over a few km
    return {"type": "Point", "coordinates": [5.08 + (i % 97) * 0.001, 52.07 + (i % 89) * 0.001]}


def zaak_body(ds: DataSet, i: int, startdatum: dt.date) -> dict:
    return {
        "bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN, "zaaktype": ds.zaaktype,
        "omschrijving": f"Benchmark zaak {i}", "startdatum": startdatum.isoformat(),
        "registratiedatum": startdatum.isoformat(), "zaakgeometrie": point(i),
    }


def setup(http_: Http, args) -> DataSet:
    ds = DataSet()
    tag = uuid.uuid4().hex[:8]
    sl = args.selectielijst_url.rstrip("/")
    procestype = http_.json("GET", f"{sl}/procestypen?jaar=2020")
    procestype = next(p for p in procestype if p.get("nummer") == 1) if isinstance(procestype, list) else procestype
    resultaten = http_.json("GET", f"{sl}/resultaten?proces_type={urllib.parse.quote(procestype['url'], safe='')}")
    resultaten = resultaten["results"] if isinstance(resultaten, dict) else resultaten
    omschrijvingen = http_.json("GET", f"{sl}/resultaattypeomschrijvingen")
    catalogus = http_.json("POST", "/catalogi/api/v1/catalogussen", {
        "domein": tag[:5].upper(), "rsin": RSIN, "contactpersoonBeheerNaam": "Benchmark"})
    iot = http_.json("POST", "/catalogi/api/v1/informatieobjecttypen", {
        "catalogus": catalogus["url"], "omschrijving": f"Bijlage {tag}", "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2020-01-01", "informatieobjectcategorie": "bijlage"})
    http_.json("POST", f"{iot['url']}/publish")
    ds.informatieobjecttype = iot["url"]
    zaaktype = http_.json("POST", "/catalogi/api/v1/zaaktypen", {
        "identificatie": f"BENCH-{tag}", "omschrijving": "Benchmark melding", "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Benchmark", "aanleiding": "Benchmark", "indicatieInternOfExtern": "extern",
        "handelingInitiator": "melden", "onderwerp": "melding", "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P8W", "opschortingEnAanhoudingMogelijk": False, "verlengingMogelijk": False,
        "publicatieIndicatie": False, "productenOfDiensten": [], "selectielijstProcestype": procestype["url"],
        "referentieproces": {"naam": "melding"}, "catalogus": catalogus["url"], "besluittypen": [],
        "gerelateerdeZaaktypen": [], "beginGeldigheid": "2020-01-01", "versiedatum": "2020-01-01",
        "verantwoordelijke": "Benchmark"})
    ds.zaaktype = zaaktype["url"]
    for n, omschrijving in enumerate(["Ontvangen", "In behandeling", "Afgehandeld"], start=1):
        st = http_.json("POST", "/catalogi/api/v1/statustypen", {
            "zaaktype": ds.zaaktype, "omschrijving": omschrijving, "volgnummer": n})
        ds.statustypen.append(st["url"])
    ds.roltype = http_.json("POST", "/catalogi/api/v1/roltypen", {
        "zaaktype": ds.zaaktype, "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"})["url"]
    http_.json("POST", "/catalogi/api/v1/resultaattypen", {
        "zaaktype": ds.zaaktype, "omschrijving": "Afgehandeld", "resultaattypeomschrijving": omschrijvingen[0]["url"],
        "selectielijstklasse": resultaten[0]["url"], "brondatumArchiefprocedure": {
            "afleidingswijze": "afgehandeld", "datumkenmerk": "", "einddatumBekend": False, "objecttype": "",
            "registratie": "", "procestermijn": None}})
    http_.json("POST", "/catalogi/api/v1/zaaktype-informatieobjecttypen", {
        "zaaktype": ds.zaaktype, "informatieobjecttype": ds.informatieobjecttype, "volgnummer": 1, "richting": "inkomend"})
    http_.json("POST", f"{ds.zaaktype}/publish")

    started = time.perf_counter()
    today = dt.date.today()
    for i in range(args.zaken):
        zaak = http_.json("POST", "/zaken/api/v1/zaken", zaak_body(ds, i, today - dt.timedelta(days=i % 365)), CRS)
        ds.zaken.append(zaak["url"])
        ds.bsns.append(bsn(i))
        http_.json("POST", "/zaken/api/v1/rollen", {
            "zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": ds.roltype,
            "roltoelichting": "melder", "betrokkeneIdentificatie": {"inpBsn": ds.bsns[-1]}})
        http_.json("POST", "/zaken/api/v1/statussen", {
            "zaak": zaak["url"], "statustype": ds.statustypen[0],
            "datumStatusGezet": dt.datetime.now(dt.timezone.utc).isoformat()})
        if (i + 1) % 500 == 0:
            print(f"  {i + 1} zaken ({(i + 1) / (time.perf_counter() - started):.0f}/s)", file=sys.stderr)
    return ds


# ---- workloads -------------------------------------------------------------------------------------------


UNAVAILABLE = 599  # a workload that cannot run (its precondition failed): the worker stops
DOCUMENT_CONTENT = os.urandom(1024 * 1024)
DOCUMENT_B64 = base64.b64encode(DOCUMENT_CONTENT).decode()
POLYGON = {"type": "Polygon", "coordinates": [[[5.08, 52.07], [5.11, 52.07], [5.11, 52.10], [5.08, 52.10], [5.08, 52.07]]]}


def workloads(ds: DataSet) -> dict[str, Callable[[Http, random.Random], tuple[int, bytes]]]:
    today = dt.date.today()
    created = []

    def create(h, rnd):
        return h.request("POST", "/zaken/api/v1/zaken", zaak_body(ds, rnd.randrange(10**6), today), CRS)

    def detail(h, rnd):
        return h.request("GET", rnd.choice(ds.zaken), headers=CRS)

    def status(h, rnd):
        return h.request("POST", "/zaken/api/v1/statussen", {
            "zaak": rnd.choice(ds.zaken), "statustype": ds.statustypen[1],
            "datumStatusGezet": dt.datetime.now(dt.timezone.utc).isoformat()})

    def document(h, rnd):
        answer = h.request("POST", "/documenten/api/v1/enkelvoudiginformatieobjecten", {
            "bronorganisatie": RSIN, "creatiedatum": today.isoformat(), "titel": "Benchmark bijlage",
            "auteur": "benchmark", "taal": "nld", "bestandsnaam": "bijlage.bin", "formaat": "application/octet-stream",
            "inhoud": DOCUMENT_B64, "informatieobjecttype": ds.informatieobjecttype,
            "vertrouwelijkheidaanduiding": "openbaar"})
        if answer[0] == 201 and len(created) < 1000:
            created.append(json.loads(answer[1])["url"])
        return answer

    def download(h, rnd):
        if not created:
            return UNAVAILABLE, b"no document was created (the document create workload failed)"
        return h.request("GET", f"{rnd.choice(created)}/download", headers={"Accept": "*/*"})

    start = (today - dt.timedelta(days=60)).isoformat()
    return {
        "POST /zaken": create,
        "GET /zaken?page=1": lambda h, rnd: h.request("GET", "/zaken/api/v1/zaken?page=1", headers=CRS),
        "GET /zaken/{uuid}": detail,
        "POST /statussen": status,
        "POST /zaken/_zoek (zaaktype + dates)": lambda h, rnd: h.request("POST", "/zaken/api/v1/zaken/_zoek", {
            "zaaktype": ds.zaaktype, "startdatum__gte": start, "startdatum__lte": today.isoformat()}, CRS),
        "GET /zaken?zaaktype=": lambda h, rnd: h.request(
            "GET", f"/zaken/api/v1/zaken?zaaktype={urllib.parse.quote(ds.zaaktype, safe='')}", headers=CRS),
        "GET /zaken?initiator BSN": lambda h, rnd: h.request(
            "GET", f"/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={rnd.choice(ds.bsns)}",
            headers=CRS),
        "GET /zaken/{uuid}?expand=...": lambda h, rnd: h.request(
            "GET", f"{rnd.choice(ds.zaken)}?expand=zaaktype,status,status.statustype,rollen", headers=CRS),
        "POST /zaken/_zoek (geometry)": lambda h, rnd: h.request("POST", "/zaken/api/v1/zaken/_zoek", {
            "zaakgeometrie": {"within": POLYGON}}, CRS),
        "POST /enkelvoudiginformatieobjecten (1 MB)": document,
        "GET .../download (1 MB)": download,
    }


@dataclass
class Result:
    workload: str
    clients: int
    requests: int
    errors: int
    median_ms: float
    p95_ms: float
    req_per_s: float
    first_error: str = ""


def run(args, ds: DataSet, name: str, func, clients: int) -> Result:
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = [0.0]
    started = [0.0]

    def go():  # runs once, when every worker is warmed up, before any is released
        started[0] = time.perf_counter()
        stop_at[0] = started[0] + args.duration

    barrier = threading.Barrier(clients + 1, action=go)

    def worker(seed: int):
        h = Http(args.base_url, args.client_id, args.secret)
        rnd = random.Random(seed)
        func(h, rnd)  # warm the connection (not counted)
        barrier.wait()
        local, local_errors = [], []
        while time.perf_counter() < stop_at[0]:
            t0 = time.perf_counter()
            try:
                code, body = func(h, rnd)
            except Exception as exc:  # a broken connection counts as an error
                code, body = 0, repr(exc).encode()
            local.append(time.perf_counter() - t0)
            if not 200 <= code < 300:
                local_errors.append(f"{code}: {body[:300]!r}")
                if code == UNAVAILABLE:
                    break
        with lock:
            times.extend(local)
            errors.extend(local_errors)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started[0]
    times.sort()
    median = statistics.median(times) * 1000 if times else float("nan")
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000 if times else float("nan")
    return Result(name, clients, len(times), len(errors), round(median, 2), round(p95, 2),
                  round(len(times) / elapsed, 1), errors[0] if errors else "")


def table(results: list[Result]) -> str:
    lines = [f"{'workload':44} {'clients':>7} {'median ms':>10} {'p95 ms':>9} {'req/s':>9} {'errors':>7}"]
    for r in results:
        lines.append(f"{r.workload:44} {r.clients:>7} {r.median_ms:>10.2f} {r.p95_ms:>9.2f} {r.req_per_s:>9.1f} "
                     f"{r.errors:>7}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--selectielijst-url", default=None,
                        help="Referentielijsten API root (default: {base-url}/referentielijsten/api/v1)")
    parser.add_argument("--zaken", type=int, default=2000, help="zaken created before the workloads run")
    parser.add_argument("--duration", type=float, default=10, help="seconds per workload and client count")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts")
    parser.add_argument("--only", default="", help="comma-separated substrings: run only matching workloads")
    parser.add_argument("--json", default="", help="write the results here")
    args = parser.parse_args(argv)
    args.selectielijst_url = args.selectielijst_url or f"{args.base_url.rstrip('/')}/referentielijsten/api/v1"

    h = Http(args.base_url, args.client_id, args.secret)
    print(f"setting up a catalogue and {args.zaken} zaken on {args.base_url} ...", file=sys.stderr)
    t0 = time.perf_counter()
    ds = setup(h, args)
    print(f"set up in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    results: list[Result] = []
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    for name, func in workloads(ds).items():
        if only and not any(o in name for o in only):
            continue
        for clients in [int(c) for c in args.clients.split(",")]:
            result = run(args, ds, name, func, clients)
            results.append(result)
            print(table([result]).splitlines()[1] + (f"   first error: {result.first_error}" if result.errors else ""),
                  file=sys.stderr)
    print(table(results))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"base_url": args.base_url, "zaken": args.zaken, "duration_s": args.duration,
                       "results": [r.__dict__ for r in results]}, fh, indent=2)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
