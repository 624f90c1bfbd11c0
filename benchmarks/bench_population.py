"""Population PK benchmarks (issue 3). Not run by the tests; each case prints one JSON line.

    .venv/bin/python benchmarks/bench_population.py a b     # 100k subjects vs SciPy one at a time
    .venv/bin/python benchmarks/bench_population.py c       # 10 million subjects, streaming summaries

(a) 100,000 subjects, 3 g commercial leaf powder every 8 h for 14 days, mitragynine and 7-OH on an
    hourly grid (0-336 h), all profiles kept: wall time and peak memory (ru_maxrss).
(b) the same model and regimen with SciPy ``solve_ivp`` (LSODA, rtol 1e-8) one subject at a time
    on a sample of subjects, extrapolated to 100,000: the ratio (b)/(a) is the speed-up.
(c) 10,000,000 subjects in chunks of 10,000, summaries only (streaming quantile histograms of
    both profiles and Cmax/AUC): wall time and peak memory.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np

from speciosa.knowledge import load_knowledge_base
from speciosa.pk import (
    LogHistogram,
    composition,
    linear_rhs,
    load_model,
    parse_regimen,
    solve_linear,
    solve_ode,
)
from speciosa.pk._nca import auc_trapezoid
from speciosa.pk._simulate import _boluses, dose_events, sample_parameters

ANALYTES = ("mitragynine", "7-hydroxymitragynine")
GRID = np.arange(0.0, 336.0 + 1e-9, 1.0)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup() -> tuple[object, list[object], list[int]]:
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "commercial-leaf-powder")
    events = dose_events(model, comp, parse_regimen("3 g leaf powder every 8 h for 14 days")).events
    return model, list(events), [model.analytes[a] for a in ANALYTES]


def solve_chunk(model, events, states, n: int, seed: int, chunk: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    params = sample_parameters(model, n, np.random.default_rng([seed, chunk]), None)
    amounts = solve_linear(model.rate_matrix(params), _boluses(model, events, params), GRID, states)
    for j, s in enumerate(states):
        amounts[j] /= model.volume(s, params)[:, None]
    return amounts


def case_a(n: int = 100_000) -> dict[str, float]:
    model, events, states = setup()
    solve_chunk(model, events, states, 1000, 0, 99)  # warm-up (imports, caches)
    before = peak_mib()
    t0 = time.perf_counter()
    conc = solve_chunk(model, events, states, n, 0, 0)
    wall = time.perf_counter() - t0
    return {
        "case": "a",
        "subjects": n,
        "grid_points": len(GRID),
        "wall_s": round(wall, 3),
        "peak_rss_mib": round(peak_mib(), 1),
        "rss_before_mib": round(before, 1),
        "output_mib": round(conc.nbytes / 2**20, 1),
        "median_mg_cmax_last_day_nM": round(float(np.median(conc[0][:, -9:].max(axis=1))), 2),
    }


def case_b(sample: int = 50, n: int = 100_000) -> dict[str, float]:
    model, events, states = setup()
    params = sample_parameters(model, sample, np.random.default_rng([0, 0]), None)
    k = model.rate_matrix(params)
    bol = _boluses(model, events, params)
    t0 = time.perf_counter()
    for i in range(sample):
        mine = [type(b)(b.time, b.state, float(np.broadcast_to(b.amount, (sample,))[i])) for b in bol]
        solve_ode(linear_rhs(k[i]), len(model.states), mine, GRID, states, rtol=1e-8, atol=1e-10)
    per = (time.perf_counter() - t0) / sample
    return {
        "case": "b",
        "sample": sample,
        "per_subject_s": round(per, 4),
        "extrapolated_s": round(per * n, 1),
    }


def case_c(n: int = 10_000_000, chunk: int = 10_000) -> dict[str, float]:
    model, events, states = setup()
    curves = {a: LogHistogram(len(GRID)) for a in ANALYTES}
    cmax = {a: LogHistogram(1) for a in ANALYTES}
    auc = {a: LogHistogram(1) for a in ANALYTES}
    t0 = time.perf_counter()
    for c in range(n // chunk):
        conc = solve_chunk(model, events, states, chunk, 0, c)
        for j, a in enumerate(ANALYTES):
            curves[a].add(conc[j])
            last = conc[j][:, -9:]
            cmax[a].add(last.max(axis=1))
            auc[a].add(auc_trapezoid(GRID[-9:], last))
    wall = time.perf_counter() - t0
    med = curves["mitragynine"].quantiles([0.5])[0]
    return {
        "case": "c",
        "subjects": n,
        "chunk": chunk,
        "wall_s": round(wall, 1),
        "peak_rss_mib": round(peak_mib(), 1),
        "median_mg_at_336h_nM": round(float(med[-1]), 3),
        "mg_cmax_last_interval_p05_p50_p95_nM": [
            round(float(x), 2) for x in cmax["mitragynine"].quantiles([0.05, 0.5, 0.95])[:, 0]
        ],
    }


if __name__ == "__main__":
    cases = sys.argv[1:] or ["a", "b"]
    results = {}
    for name in cases:
        results[name] = {"a": case_a, "b": case_b, "c": case_c}[name]()
        print(json.dumps(results[name]), flush=True)
    if "a" in results and "b" in results:
        print(
            json.dumps(
                {"speed_ratio_b_over_a": round(results["b"]["extrapolated_s"] / results["a"]["wall_s"], 1)}
            )
        )
