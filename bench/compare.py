"""Compare two `make bench` results (bench/results/*.json), e.g. the same run at 10,000 and at
1,000,000 zaken (BENCH_BULK): the medians of every workload side by side and their ratio.

    python bench/compare.py bench/results/<small>.json bench/results/<large>.json [--limit 1.5]

The issue's target: list, filtered list, detail and _zoek medians at 1,000,000 zaken at most
1.5x their figures at 10,000. Exits 1 when a workload named by --check exceeds --limit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

CHECKED = ("GET /zaken?page=1", "GET /zaken?zaaktype=", "GET /zaken?initiator BSN", "GET /zaken/{uuid}",
           "POST /zaken/_zoek (zaaktype + dates)")


def size(result: dict) -> int:
    bulk = result.get("bulk") or {}
    return (bulk.get("zaken") or 0) + (result.get("zaken") or 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("small")
    parser.add_argument("large")
    parser.add_argument("--limit", type=float, default=1.5)
    parser.add_argument("--clients", type=int, default=1)
    args = parser.parse_args()
    small, large = (json.loads(Path(p).read_text()) for p in (args.small, args.large))
    print(f"zaken: {size(small):,} vs {size(large):,} (median ms, {args.clients} client(s))\n")
    print("| workload | small | large | large / small | checked |")
    print("|---|---|---|---|---|")
    by_small = {(r["workload"], r["clients"]): r for r in small["results"]}
    failed = []
    for r in large["results"]:
        if r["clients"] != args.clients or (r["workload"], r["clients"]) not in by_small:
            continue
        s = by_small[(r["workload"], r["clients"])]
        ratio = r["median_ms"] / s["median_ms"] if s["median_ms"] else float("inf")
        checked = r["workload"] in CHECKED
        if checked and ratio > args.limit:
            failed.append(r["workload"])
        print(f"| {r['workload']} | {s['median_ms']:.2f} | {r['median_ms']:.2f} | {ratio:.2f} | "
              f"{'yes' if checked else ''} |")
    if failed:
        print(f"\nabove {args.limit}x: {', '.join(failed)}")
        return 1
    print(f"\nevery checked workload within {args.limit}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
