"""Legal status and compliance benchmarks (issue 7). Not run by the tests; one JSON line per case.

    .venv/bin/python benchmarks/bench_legal.py

(a) baseline, same process: the bare date lookup ``Jurisdiction.period_on`` for every
    jurisdiction on 13 dates (2014-2026), i.e. scanning each history list.
(b) ``legal_status`` for the same 121 x 13 queries (code resolution, inheritance chain, strictest
    status, notes): per query and as a ratio to (a).
(c) ``comply`` of each example product in US-TX, US-LA, TH and GB: median per call.
(d) ``legal_changes`` since 2014 over all jurisdictions.
(e) ``speciosa legal US-LA --format json`` in a fresh interpreter (import, knowledge-base load with
    the ISO 3166 check, query), and the process's peak memory.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from speciosa.knowledge import load_knowledge_base
from speciosa.legal import comply, legal_changes, legal_status, read_product

EXAMPLES = Path(__file__).parents[1] / "examples" / "products"
DAYS = [dt.date(2014 + i, 6, 30) for i in range(13)]


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    kb = load_knowledge_base()
    codes = [j.id for j in kb.jurisdictions]
    legal_status(kb, "US-LA")  # loads the ISO 3166 tables once

    def bare() -> None:
        for j in kb.jurisdictions:
            for day in DAYS:
                j.period_on(day)

    def full() -> None:
        for code in codes:
            for day in DAYS:
                legal_status(kb, code, day)

    base = timed(bare)
    queries = len(codes) * len(DAYS)
    print(json.dumps({"case": "a", "queries": queries, "wall_s": round(base, 5)}))
    t = timed(full)
    per_query = round(1e3 * t / queries, 4)
    print(
        json.dumps(
            {"case": "b", "wall_s": round(t, 4), "per_query_ms": per_query, "ratio_to_a": round(t / base, 1)}
        )
    )
    products = [read_product(kb, p) for p in sorted(EXAMPLES.glob("*.json"))]

    def check() -> None:
        for product in products:
            for where in ("US-TX", "US-LA", "TH", "GB"):
                comply(kb, product, where, dt.date(2025, 9, 1))

    calls = len(products) * 4
    t = timed(check)
    print(json.dumps({"case": "c", "calls": calls, "per_call_ms": round(1e3 * t / calls, 3)}))
    t = timed(lambda: legal_changes(kb, dt.date(2014, 1, 1)))
    print(
        json.dumps(
            {
                "case": "d",
                "changes": len(legal_changes(kb, dt.date(2014, 1, 1))),
                "wall_ms": round(1e3 * t, 3),
            }
        )
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "speciosa", "legal", "US-LA", "--format", "json"], check=True,
                   capture_output=True)  # fmt: skip
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"case": "e", "wall_s": round(wall, 2), "child_peak_mib": round(peak, 1)}))


if __name__ == "__main__":
    main()
