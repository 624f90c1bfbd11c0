"""Run size and budget (speciosa.pk._budget), and the bounded-memory population run.

Oracles:
- the memory estimate is checked against the peak of the arrays actually allocated (tracemalloc
  sees numpy's allocations): it must not underestimate, and must not be so loose that it refuses
  runs several times smaller than the budget;
- solving subjects in slices must give exactly the numbers of one whole chunk (subjects are
  independent), and the cumulative-AUC time to 90 % of steady state must equal the per-period
  trapezoid it replaced.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

import speciosa.pk._budget as budget_module
import speciosa.pk._simulate as sim
from speciosa.errors import InputError
from speciosa.knowledge import load_knowledge_base
from speciosa.pk import (
    Budget,
    RunSize,
    check_run_size,
    composition,
    grid_points,
    load_model,
    parse_regimen,
    simulate_population,
    simulation_size,
    time_grid,
)
from speciosa.pk._nca import auc_trapezoid


def traced_peak(run: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc (numpy's arrays included) while ``run()`` runs."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def setup() -> tuple[object, object, object]:
    kb = load_knowledge_base()
    return kb, load_model(), composition(kb, "commercial-leaf-powder")


def test_grid_points_bounds_the_grid() -> None:
    for text, step in [("2 g once", 0.25), ("3 g every 8 h for 14 days", 0.1), ("1 g daily for 3 days", 1.0)]:
        reg = parse_regimen(text)
        grid = time_grid(reg, step, 48.0)
        end = reg.doses[-1][0] + max(48.0, reg.period_h or 0.0)
        assert len(grid) <= grid_points(reg, step, end) <= len(grid) + len(reg.doses) + 2


@pytest.mark.parametrize(
    ("product", "regimen", "subjects"),
    [
        ("commercial-leaf-powder", "2 g once", 3000),
        ("k51-leaf-powder", "2 g once", 3000),  # 7 analytes
        ("commercial-leaf-powder", "3 g every 8 h for 14 days", 1500),
        ("commercial-leaf-powder", "2 g every 1 h for 20 days", 300),
    ],
)
def test_memory_estimate_is_an_upper_bound_of_the_measured_peak(
    setup: tuple[object, object, object], product: str, regimen: str, subjects: int
) -> None:
    kb, model, _ = setup
    comp = composition(kb, product)  # type: ignore[arg-type]
    reg = parse_regimen(regimen)
    size = simulation_size(model, comp, reg, n_subjects=subjects)  # type: ignore[arg-type]
    peak = traced_peak(lambda: simulate_population(model, comp, reg, n_subjects=subjects, seed=3))  # type: ignore[arg-type]
    assert peak <= size.memory_bytes, (peak, size.memory_bytes)
    # loose by at most 5x: a budget of 2 GiB is never refused for a run of a few hundred MB
    assert size.memory_bytes <= 5 * peak, (peak, size.memory_bytes)


def test_slices_give_the_numbers_of_a_whole_chunk(
    setup: tuple[object, object, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, model, comp = setup
    reg = parse_regimen("3 g every 12 h for 4 days")
    whole = simulate_population(model, comp, reg, n_subjects=400, seed=5)  # type: ignore[arg-type]
    monkeypatch.setattr(budget_module, "SLICE_ELEMENTS", 7 * len(whole.times))  # slices of 7 subjects
    sliced = simulate_population(model, comp, reg, n_subjects=400, seed=5)  # type: ignore[arg-type]
    for a in whole.curves:
        assert_array_equal(sliced.curves[a], whole.curves[a])
        assert_array_equal(sliced.typical_curve[a], whole.typical_curve[a])
        for name, q in whole.metrics[a].items():
            assert_allclose(sliced.metrics[a][name], q, rtol=1e-12, err_msg=f"{a} {name}")


def test_time_to_steady_state_equals_the_per_period_trapezoid() -> None:
    rng = np.random.default_rng(0)
    reg = parse_regimen("1 g every 6 h for 3 days")
    times = time_grid(reg, 0.5, 24.0)
    conc = np.cumsum(rng.uniform(0, 1, (5, len(times))), axis=1)
    first = auc_trapezoid(times[times <= 6.0 + 1e-9], conc[:, times <= 6.0 + 1e-9])
    ss = first * np.array([1.0, 2.5, 4.0, 50.0, 1000.0])  # the last two never reach 90 %
    got = sim._metrics(times, conc, reg, ss)["time_to_90pct_ss_h"]
    # the loop the vectorised form replaced
    edges = [k * 6.0 for k in range(reg.n_periods + 1)]
    want = np.full(5, np.nan)
    for k in range(reg.n_periods):
        sel = (times >= edges[k] - 1e-9) & (times <= edges[k + 1] + 1e-9)
        auc_k = auc_trapezoid(times[sel], conc[:, sel])
        hit = np.isnan(want) & (auc_k >= 0.9 * ss)
        want[hit] = edges[k + 1]
    assert_array_equal(got, want)
    assert np.isfinite(got).any() and np.isnan(got).any()  # both branches exercised


def test_over_budget_runs_are_refused_with_the_limit_and_a_way_out(
    setup: tuple[object, object, object],
) -> None:
    _, model, comp = setup
    # the cases: every hour for 833 days; a step of 0.001 h
    for text, step, field in [
        ("2 g every 1 h for 833 days", 0.25, "step"),
        ("2 g every 8 h for 30 days", 0.001, "step"),
    ]:
        with pytest.raises(InputError, match="over the budget of 2.0 GiB") as info:
            simulate_population(model, comp, parse_regimen(text), n_subjects=1000, step_h=step)  # type: ignore[arg-type]
        assert info.value.field == field
        assert "coarser --step" in info.value.message and "SPECIOSA_MEMORY_BUDGET" in info.value.message
    with pytest.raises(InputError, match="time budget of 5 min") as info:
        simulate_population(model, comp, parse_regimen("2 g once"), n_subjects=1_000_000)  # type: ignore[arg-type]
    assert info.value.field == "subjects" and "at most about" in info.value.message


def test_budget_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECIOSA_MEMORY_BUDGET", "500MiB")
    monkeypatch.setenv("SPECIOSA_TIME_BUDGET", "20min")
    assert Budget.from_environment() == Budget(500 * 1024**2, 1200.0)
    size = RunSize(
        subjects=1000, time_points=50_000, series=2, doses=10, chunk=1000, histogram_positions=100_000
    )
    with pytest.raises(InputError, match="budget of 500 MiB"):
        check_run_size(size)
    monkeypatch.setenv("SPECIOSA_MEMORY_BUDGET", "lots")
    with pytest.raises(InputError, match="SPECIOSA_MEMORY_BUDGET: cannot read 'lots'"):
        Budget.from_environment()
    monkeypatch.setenv("SPECIOSA_MEMORY_BUDGET", "0GiB")
    with pytest.raises(InputError, match="must be above 0"):
        Budget.from_environment()


def test_subject_dominated_runs_name_subjects() -> None:
    size = RunSize(subjects=50_000, time_points=8000, series=2, doses=42, chunk=10_000, kept_per_chunk=2)
    with pytest.raises(InputError) as info:
        check_run_size(size, Budget())
    assert info.value.field == "subjects" and "fewer subjects" in info.value.message


@pytest.mark.parametrize("seed", [-1, 2**63])
def test_seed_outside_the_generator_range_refused(setup: tuple[object, object, object], seed: int) -> None:
    _, model, comp = setup
    with pytest.raises(InputError, match="seed must be a whole number from 0"):
        simulate_population(model, comp, parse_regimen("2 g once"), n_subjects=10, seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("product", "regimen", "subjects"),
    [
        ("commercial-leaf-powder", "4 g every 8 h for 14 days", 800),
        ("k51-leaf-powder", "2 g once", 1000),
    ],
)
def test_occupancy_and_interaction_estimates_are_upper_bounds(
    setup: tuple[object, object, object], product: str, regimen: str, subjects: int
) -> None:
    from speciosa.ddi import assess, interaction_size, resolve_drug
    from speciosa.pd import exposure_assumptions, occupancy_size, simulate_occupancy
    from speciosa.pk import simulable_analytes

    kb, model, _ = setup
    comp = composition(kb, product)  # type: ignore[arg-type]
    reg = parse_regimen(regimen)
    exposure = exposure_assumptions(kb, simulable_analytes(model, comp))  # type: ignore[arg-type]
    drugs = [resolve_drug(kb, "sertraline"), resolve_drug(kb, "tramadol")]  # type: ignore[arg-type]
    runs = [
        (
            occupancy_size(model, comp, reg, n_subjects=subjects),  # type: ignore[arg-type]
            lambda: simulate_occupancy(kb, model, comp, reg, exposure, n_subjects=subjects),  # type: ignore[arg-type]
        ),
        (
            interaction_size(reg, n_subjects=subjects),
            lambda: assess(kb, model, comp, reg, drugs, n_subjects=subjects),  # type: ignore[arg-type]
        ),
    ]
    for size, run in runs:
        peak = traced_peak(run)
        assert peak <= size.memory_bytes <= 5 * peak, (peak, size.memory_bytes)


def test_interaction_estimate_for_a_long_regimen_is_an_upper_bound(
    setup: tuple[object, object, object],
) -> None:
    """Few subjects, many doses: the dynamic model's own arrays and time steps dominate."""
    from speciosa.ddi import assess, interaction_size, resolve_drug

    kb, model, comp = setup
    reg = parse_regimen("5 g every 8 h for 60 days")
    size = interaction_size(reg, n_subjects=60)
    peak = traced_peak(lambda: assess(kb, model, comp, reg, [resolve_drug(kb, "sertraline")], n_subjects=60))  # type: ignore[arg-type]
    assert peak <= size.memory_bytes <= 5 * peak, (peak, size.memory_bytes)
