"""Mechanism (occupancy) benchmarks (issue 4). Not run by the tests; each case prints one JSON line.

    .venv/bin/python benchmarks/bench_mechanism.py a b c

(a) baseline, same process: ``simulate_population`` for 1,000 subjects, 4 g commercial leaf powder
    every 8 h for 7 days, 0.25 h grid (the PK that occupancy needs, with its own NCA summaries).
(b) ``simulate_occupancy`` for the same subjects and regimen over the 16-target panel, both
    scenarios (central and upper bound), curves and hERG margins: wall time, ratio (b)/(a).
(c) the acceptance command as a user runs it, in a fresh interpreter:
    ``speciosa mechanism --product leaf-powder --dose 4g --every 8h --days 7 --format json``
    wall time (must be under 5 s) and the child's peak memory; plus (b) at 100,000 subjects.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from speciosa.knowledge import load_knowledge_base
from speciosa.pd import exposure_assumptions, simulate_occupancy
from speciosa.pk import composition, load_model, regular_regimen, simulable_analytes, simulate_population


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def setup():  # type: ignore[no-untyped-def]
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "commercial-leaf-powder")
    reg = regular_regimen(4.0, 8.0, 7)
    return kb, model, comp, reg


def case_a(n: int = 1000) -> float:
    kb, model, comp, reg = setup()
    t = time.perf_counter()
    simulate_population(model, comp, reg, n_subjects=n, seed=0)
    wall = time.perf_counter() - t
    print(
        json.dumps(
            {"case": "a", "subjects": n, "wall_s": round(wall, 3), "peak_rss_mib": round(peak_mib(), 1)}
        )
    )
    return wall


def case_b(n: int = 1000) -> float:
    kb, model, comp, reg = setup()
    ex = exposure_assumptions(kb, simulable_analytes(model, comp))
    t = time.perf_counter()
    r = simulate_occupancy(kb, model, comp, reg, ex, n_subjects=n, seed=0)
    wall = time.perf_counter() - t
    mor = r.target("MOR").peak
    print(
        json.dumps(
            {
                "case": "b",
                "subjects": n,
                "wall_s": round(wall, 3),
                "peak_rss_mib": round(peak_mib(), 1),
                "mor_peak_median": None if mor is None else round(mor.median, 4),
            }
        )
    )
    return wall


def case_c() -> None:
    cmd = [
        sys.executable, "-m", "speciosa", "mechanism", "--product", "leaf-powder", "--dose", "4g",
        "--every", "8h", "--days", "7", "--format", "json",
    ]  # fmt: skip
    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
    print(
        json.dumps(
            {
                "case": "c",
                "acceptance_command_wall_s": [round(w, 2) for w in walls],
                "child_peak_rss_mib": round(peak_mib(resource.RUSAGE_CHILDREN), 1),
            }
        )
    )
    case_b(100_000)


if __name__ == "__main__":
    cases = sys.argv[1:] or ["a", "b", "c"]
    a = case_a() if "a" in cases else None
    b = case_b() if "b" in cases else None
    if a and b:
        print(json.dumps({"ratio_b_over_a": round(b / a, 2)}))
    if "c" in cases:
        case_c()
