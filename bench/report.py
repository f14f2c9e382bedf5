"""The summary of a `make bench` run (called by bench/run): the load generator's figures beside
Open Zaak 1.30.0's reference figures (measured on a machine of this kind, see the README), the
create and status medians as multiples of the pgbench floor measured in the same run, peak
memory per server process and notification delivery. Prints Markdown, writes one JSON file."""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

# Open Zaak 1.30.0 on 2 cores, PostgreSQL 15, uwsgi 4x4, 2,000 zaken, one client (keep-alive):
# (median ms, req/s). The last one with 8 concurrent clients. Source: the benchmark issue.
OPEN_ZAAK = {
    ("POST /zaken", 1): (37.1, 23.1),
    ("GET /zaken?page=1", 1): (90.2, 7.8),
    ("GET /zaken/{uuid}", 1): (29.0, 32.6),
    ("POST /statussen", 1): (64.3, 15.2),
    ("POST /zaken/_zoek (zaaktype + dates)", 1): (59.1, 9.8),
    ("GET /zaken/{uuid}", 8): (120.4, 60.8),
}
FLOOR_MULTIPLES = ("POST /zaken", "POST /statussen")


def machine() -> dict:
    cpus = len([line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")])
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
    return {"cpus": cpus, "cpu": model, "memory_gib": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", required=True)
    parser.add_argument("--memory", required=True)
    parser.add_argument("--notificaties", default="")
    parser.add_argument("--large", default="")
    parser.add_argument("--memory-large", default="")
    parser.add_argument("--bulk", default="", help="the bulk load's figures (BENCH_BULK)")
    parser.add_argument("--floor", required=True, help="ms1,tps1,ms8,tps8")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    load = json.loads(Path(args.load).read_text()) if Path(args.load).exists() else {"results": []}
    ms1, tps1, ms8, tps8 = (float(x) if x else None for x in args.floor.split(","))
    def read_memory(name: str) -> dict:
        if not name or not Path(name).exists():
            return {}
        out = {}
        for line in Path(name).read_text().splitlines():
            pid, kb = line.split()
            out[pid] = round(int(kb) / 1024, 1)
        return out

    memory = read_memory(args.memory)
    memory_large = read_memory(args.memory_large)
    large = json.loads(Path(args.large).read_text()) if args.large and Path(args.large).exists() else None
    notificaties = None
    if args.notificaties and Path(args.notificaties).exists():
        notificaties = json.loads(Path(args.notificaties).read_text())

    bulk = json.loads(Path(args.bulk).read_text()) if args.bulk and Path(args.bulk).exists() else None
    if bulk:
        print(f"\nbulk load: {bulk['zaken']:,} zaken + {bulk['documenten']:,} documents in {bulk['seconds']:.0f} s")
    rows = []
    print(f"\n| workload | clients | median ms | p95 ms | req/s | errors | Open Zaak req/s | x Open Zaak |")
    print("|---|---|---|---|---|---|---|---|")
    for r in load["results"]:
        oz = OPEN_ZAAK.get((r["workload"], r["clients"]))
        factor = round(r["req_per_s"] / oz[1], 1) if oz else None
        rows.append({**r, "open_zaak_req_per_s": oz[1] if oz else None, "x_open_zaak": factor})
        print(f"| {r['workload']} | {r['clients']} | {r['median_ms']:.2f} | {r['p95_ms']:.2f} | {r['req_per_s']:.0f} "
              f"| {r['errors']} | {oz[1] if oz else ''} | {factor if factor else ''} |")
    floor_multiples = {}
    if ms1:
        for r in load["results"]:
            if r["workload"] in FLOOR_MULTIPLES and r["clients"] == 1:
                floor_multiples[r["workload"]] = round(r["median_ms"] / ms1, 1)
    print(f"\nfloor (pgbench, zaak + audit + outbox inserts in one transaction): {ms1} ms with 1 client "
          f"({tps1} tps), {tps8} tps with 8")
    for name, multiple in floor_multiples.items():
        print(f"  {name} median = {multiple} x the floor")
    print(f"peak memory per server process (MiB): {sorted(memory.values())}")
    if large:
        print(f"large file: {large}")
        print(f"peak memory per server process with the large file (MiB): {sorted(memory_large.values())}")
    if notificaties:
        for t in notificaties.get("throughput", []):
            print(f"notifications: {t}")
        print(f"notification delay: {notificaties.get('latency')}")
    result = {"machine": machine(), "bulk": bulk, "zaken": load.get("zaken"), "duration_s": load.get("duration_s"),
              "results": rows, "floor": {"ms_1_client": ms1, "tps_1_client": tps1, "ms_8_clients": ms8,
                                         "tps_8_clients": tps8},
              "floor_multiples": floor_multiples, "peak_memory_mib": memory, "large_file": large,
              "peak_memory_mib_with_large_file": memory_large, "notificaties": notificaties}
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
