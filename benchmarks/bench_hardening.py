"""Hardening benchmarks (issue 17). Not run by the tests; each case prints one JSON line.

    .venv/bin/python benchmarks/bench_hardening.py a b c

(a) Bounded memory: a population run (20,000 subjects, 2 g commercial leaf powder once; and 1,000
    subjects every hour for 60 days) solved in subject slices (the default) vs one whole chunk of
    10,000 at a time (the baseline, the solver before issue 17), in the same process: wall time
    and peak traced memory (tracemalloc sees numpy's arrays), and their ratios. The numbers of
    both runs are identical (tests/unit/pk/test_budget.py).
(b) Linear-time parsing: the regimen phrase that took 36 s at 26 repetitions, and the same at
    2,000 repetitions; a 1 MB single-line Markdown article and 20,000 code fences read to text.
(c) The size estimate itself: time to size a run (it must cost nothing next to the run).
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import speciosa.pk._budget as budget
from speciosa.errors import InputError
from speciosa.evidence import document_from_bytes
from speciosa.knowledge import load_knowledge_base
from speciosa.pk import Budget, composition, load_model, parse_regimen, simulate_population, simulation_size


def measured(fn: Callable[[], Any]) -> tuple[float, float]:
    """(wall s, peak traced MiB) of ``fn()``."""
    tracemalloc.start()
    started = time.perf_counter()
    fn()
    wall = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return wall, peak / 2**20


def case_a() -> None:
    kb = load_knowledge_base()
    model = load_model()
    comp = composition(kb, "commercial-leaf-powder")
    unlimited = Budget(memory_bytes=2**50, seconds=1e9)  # the baseline would be refused by the default
    for text, n in [("2 g once", 20_000), ("2 g every 1 h for 60 days", 1_000)]:
        reg = parse_regimen(text)

        def run(reg: Any = reg, n: int = n) -> None:
            simulate_population(model, comp, reg, n_subjects=n, seed=1, budget=unlimited)

        default = budget.SLICE_ELEMENTS
        budget.SLICE_ELEMENTS = 10**12  # the whole chunk at once: the baseline
        try:
            base_s, base_mib = measured(run)
        finally:
            budget.SLICE_ELEMENTS = default
        wall_s, peak_mib = measured(run)
        print(
            json.dumps(
                {
                    "case": "a",
                    "regimen": text,
                    "subjects": n,
                    "whole_chunk": {"wall_s": round(base_s, 2), "peak_traced_mib": round(base_mib, 1)},
                    "sliced": {"wall_s": round(wall_s, 2), "peak_traced_mib": round(peak_mib, 1)},
                    "time_ratio_sliced_over_whole": round(wall_s / base_s, 2),
                    "memory_ratio_sliced_over_whole": round(peak_mib / base_mib, 3),
                }
            )
        )


def case_b() -> None:
    for reps in (26, 2000):
        text = "2 g at 08:00 and " * reps + "2 g at 09:00 daily for 2 days"
        started = time.perf_counter()
        try:
            parse_regimen(text)
            outcome = "parsed"
        except InputError as exc:
            outcome = f"refused ({exc.field})"
        print(json.dumps({"case": "b", "regimen_repetitions": reps, "outcome": outcome,
                          "wall_ms": round(1000 * (time.perf_counter() - started), 2)}))  # fmt: skip
    for name, data in [
        ("1 MB single line", b"x" * 1_000_000 + b"\n"),
        ("20,000 fences", b"```python\n" * 20_000),
    ]:
        started = time.perf_counter()
        try:
            document_from_bytes(data, "bench.md")
            outcome = "read"
        except InputError as exc:
            outcome = f"refused: {exc.message}"
        print(json.dumps({"case": "b", "markdown": name, "outcome": outcome,
                          "wall_s": round(time.perf_counter() - started, 3)}))  # fmt: skip


def case_c() -> None:
    kb = load_knowledge_base()
    model = load_model()
    comp = composition(kb, "commercial-leaf-powder")
    reg = parse_regimen("2 g every 1 h for 833 days")
    started = time.perf_counter()
    size = simulation_size(model, comp, reg, n_subjects=1000)
    wall = time.perf_counter() - started
    print(json.dumps({"case": "c", "regimen": reg.text, "sizing_ms": round(1000 * wall, 2),
                      "estimated_gib": round(size.memory_bytes / 2**30, 2)}))  # fmt: skip


if __name__ == "__main__":
    cases = {"a": case_a, "b": case_b, "c": case_c}
    for arg in sys.argv[1:] or list(cases):
        cases[arg]()
