"""A large document through a Documenten API, the way the standard intends it (bestandsdelen):

1. create an enkelvoudiginformatieobject with ``bestandsomvang`` (default 2 GiB + 1 byte) and no
   inhoud: the answer lists the bestandsdelen and the lock;
2. PUT every part as multipart/form-data, generated and streamed (never held in memory here either);
3. unlock (the server merges the parts);
4. download the content, streamed, and compare its sha256 with what was sent.

    python bench/large_file.py --base-url http://127.0.0.1:8000 --client-id bench --secret s3cret \\
        [--size 2147483649] [--json out.json]

It creates its own published informatieobjecttype (Catalogi API) and deletes the document at the
end. Prints the timings and throughput; exits 1 when the content differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import uuid

from zgw_bench import Http, RSIN

BLOCK = 1024 * 1024


def block(n: int) -> bytes:
    """Deterministic, incompressible-looking content: block n of the file."""
    seed = hashlib.sha256(n.to_bytes(8, "big")).digest()
    return (seed * (BLOCK // len(seed)))[:BLOCK]


def content(offset: int, size: int):
    """The bytes [offset, offset + size) of the file, in chunks."""
    end = offset + size
    while offset < end:
        n, inner = divmod(offset, BLOCK)
        data = block(n)[inner:inner + min(BLOCK - inner, end - offset)]
        yield data
        offset += len(data)


def put_part(h: Http, url: str, lock: str, offset: int, size: int) -> int:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"lock\"\r\n\r\n{lock}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"deel\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    if h.conn is None:
        h.conn = h._connect()
    conn = h.conn
    conn.putrequest("PUT", h.path(url))
    for name, value in {**h.headers, "Content-Type": f"multipart/form-data; boundary={boundary}",
                        "Content-Length": str(len(head) + size + len(tail))}.items():
        conn.putheader(name, value)
    conn.endheaders()
    conn.send(head)
    for chunk in content(offset, size):
        conn.send(chunk)
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"PUT {url}: {response.status} {body[:500]!r}")
    return response.status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--size", type=int, default=2 * 1024**3 + 1)
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    h = Http(args.base_url, args.client_id, args.secret, timeout=3600)

    catalogus = h.json("POST", "/catalogi/api/v1/catalogussen", {
        "domein": uuid.uuid4().hex[:5].upper(), "rsin": RSIN, "contactpersoonBeheerNaam": "Benchmark"})
    iot = h.json("POST", "/catalogi/api/v1/informatieobjecttypen", {
        "catalogus": catalogus["url"], "omschrijving": "Groot bestand", "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2020-01-01", "informatieobjectcategorie": "bijlage"})
    h.json("POST", f"{iot['url']}/publish")

    expected = hashlib.sha256()
    for chunk in content(0, args.size):
        expected.update(chunk)

    t0 = time.perf_counter()
    document = h.json("POST", "/documenten/api/v1/enkelvoudiginformatieobjecten", {
        "bronorganisatie": RSIN, "creatiedatum": "2024-01-01", "titel": "Groot bestand", "auteur": "benchmark",
        "taal": "nld", "bestandsnaam": "groot.bin", "formaat": "application/octet-stream",
        "bestandsomvang": args.size, "inhoud": None, "informatieobjecttype": iot["url"]})
    parts = sorted(document["bestandsdelen"], key=lambda p: p["volgnummer"])
    offset = 0
    for part in parts:
        put_part(h, part["url"], document["lock"], offset, part["omvang"])
        offset += part["omvang"]
    t_upload = time.perf_counter()
    h.json("POST", f"{document['url']}/unlock", {"lock": document["lock"]})
    t_unlock = time.perf_counter()

    got = hashlib.sha256()
    received = 0
    h.conn = h._connect()
    h.conn.request("GET", h.path(f"{document['url']}/download"), headers={**h.headers, "Accept": "*/*"})
    response = h.conn.getresponse()
    if response.status != 200:
        raise SystemExit(f"download: {response.status} {response.read()[:500]!r}")
    while True:
        chunk = response.read(BLOCK)
        if not chunk:
            break
        got.update(chunk)
        received += len(chunk)
    t_download = time.perf_counter()
    h.request("DELETE", document["url"])

    mib = args.size / 1024**2
    result = {
        "size_bytes": args.size, "parts": len(parts), "identical": got.hexdigest() == expected.hexdigest()
        and received == args.size, "sha256": expected.hexdigest(),
        "upload_s": round(t_upload - t0, 1), "merge_s": round(t_unlock - t_upload, 1),
        "download_s": round(t_download - t_unlock, 1),
        "upload_mib_s": round(mib / (t_upload - t0), 1), "download_mib_s": round(mib / (t_download - t_unlock), 1),
    }
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=2)
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
