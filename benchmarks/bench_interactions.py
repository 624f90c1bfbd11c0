"""Interaction benchmarks (issue 5). Not run by the tests; each case prints one JSON line.

    .venv/bin/python benchmarks/bench_interactions.py

(a) baseline, same process: ``simulate_population`` for 1,000 subjects of 4 g commercial leaf
    powder every 8 h for 7 days (the kratom PK the interaction models start from).
(b) screening: ``assess`` of every drug in the database (dynamic model, 1,000 subjects each) for
    that regimen: wall time, ratio (b)/(a), per-drug time, peak memory.
(c) the acceptance command in a fresh interpreter, three runs:
    ``speciosa interact --product leaf-powder --dose 4g --every 8h --days 7 --drug sertraline
    --drug tramadol --format json``; wall time (must be under 10 s) and the child's peak memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from speciosa.ddi import assess
from speciosa.knowledge import load_knowledge_base
from speciosa.pk import composition, load_model, regular_regimen, simulate_population


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "commercial-leaf-powder")
    reg = regular_regimen(4.0, 8.0, 7)
    t = time.perf_counter()
    simulate_population(model, comp, reg, n_subjects=1000, seed=0)
    base = time.perf_counter() - t
    print(json.dumps({"case": "a", "subjects": 1000, "wall_s": round(base, 3)}))

    drugs = list(kb.drugs)
    t = time.perf_counter()
    result = assess(kb, model, comp, reg, drugs, n_subjects=1000, seed=0)
    wall = time.perf_counter() - t
    dynamic = sum(1 for p in result.pairs if p.dosing is not None)
    print(
        json.dumps(
            {
                "case": "b",
                "drugs": len(drugs),
                "simulated_dynamically": dynamic,
                "subjects": 1000,
                "wall_s": round(wall, 2),
                "per_drug_s": round(wall / len(drugs), 3),
                "ratio_to_a": round(wall / base, 1),
                "peak_rss_mib": round(peak_mib(), 1),
            }
        )
    )

    cmd = [
        sys.executable,
        "-m",
        "speciosa",
        "interact",
        "--product",
        "leaf-powder",
        "--dose",
        "4g",
        "--every",
        "8h",
        "--days",
        "7",
        "--drug",
        "sertraline",
        "--drug",
        "tramadol",
        "--format",
        "json",
    ]
    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
    print(
        json.dumps(
            {
                "case": "c",
                "wall_s": [round(w, 2) for w in walls],
                "limit_s": 10,
                "child_peak_rss_mib": round(peak_mib(resource.RUSAGE_CHILDREN), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
