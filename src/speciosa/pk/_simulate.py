"""Population simulation of a product regimen: seeded, chunked, summarised as it streams.

Subjects are simulated in chunks of :data:`CHUNK` with generator ``default_rng([seed, chunk])``,
so that a run gives the same numbers whether its chunks run one after another or in parallel,
and memory is bounded by one chunk plus the streaming histograms.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from speciosa.errors import InputError
from speciosa.pk import _budget
from speciosa.pk._budget import Budget, RunSize, check_run_size, grid_points
from speciosa.pk._dosing import Composition
from speciosa.pk._events import Event, EventTable
from speciosa.pk._model import PkModel
from speciosa.pk._nca import auc_trapezoid, nca, time_to_fall
from speciosa.pk._regimen import Regimen
from speciosa.pk._solve import Bolus, blocks_of, solve_linear
from speciosa.pk._stream import LogHistogram

__all__ = [
    "CHUNK",
    "MAX_GRID_POINTS",
    "MAX_SEED",
    "MAX_SUBJECTS",
    "PopulationResult",
    "dose_events",
    "StateChunk",
    "population_amounts",
    "population_concentrations",
    "sample_parameters",
    "simulable_analytes",
    "simulate_population",
    "simulation_size",
    "time_grid",
]

FloatArray = npt.NDArray[np.float64]
CHUNK = 10_000
MAX_SEED = 2**63 - 1
#: Most output times of one grid (a safety net; runs are sized against the budget first).
MAX_GRID_POINTS = 20_000_000
MAX_SUBJECTS = 100_000_000
QUANTILES = (0.05, 0.5, 0.95)
#: levels fall by 50, 90 and 99 % (of the peak after the last dose): metrics fall_50pct_h, ...
FALL_FRACTIONS = (0.5, 0.1, 0.01)


def dose_events(model: PkModel, comp: Composition, regimen: Regimen, subject: int = 1) -> EventTable:
    """Event records (AMT in mg of each alkaloid into its depot) for a regimen of a product."""
    events = []
    for t, grams in regimen.doses:
        for compound, mg in comp.mg(grams).items():
            if compound not in model.dose_routes or mg <= 0:
                continue
            depot = model.states[model.dose_routes[compound][0][0]]
            events.append(Event(subject, t, mg, depot, 1))
    if not events:
        raise InputError("product", f"{comp.product}: none of its alkaloids is in model {model.id}")
    return EventTable.of(events)


def sample_parameters(
    model: PkModel, n: int, rng: np.random.Generator, weight_kg: float | None
) -> dict[str, FloatArray]:
    """Per-subject parameters: log-normal random effects, then the weight covariate."""
    omega = model.omega()
    eta = (
        rng.multivariate_normal(np.zeros(len(omega)), omega, size=n, method="cholesky")
        if len(omega)
        else None
    )
    return model.individual(eta, weight_kg)


def _boluses(
    model: PkModel, events: Sequence[Event], params: dict[str, FloatArray], ss_period: float | None = None
) -> list[Bolus]:
    depot_compound = {c.name: c.compound for c in model.spec.compartments}
    out: list[Bolus] = []
    for e in events:
        compound = depot_compound[e.cmt]
        nmol = e.amt * 1e6 / model.molar_mass[compound]
        for state, frac in model.dose_routes[compound]:
            amount: FloatArray | float = nmol if frac is None else nmol * params[frac]
            if ss_period is None:
                out.append(Bolus(e.time, state, amount))
            else:  # steady state of this period's doses: the first resets (SS=1), the others add (SS=2)
                out.append(Bolus(e.time, state, amount, ss=2 if out else 1, ii=ss_period))
    return out


@dataclass
class AnalyteSummary:
    """Streaming summary of one analyte."""

    curve: LogHistogram
    metrics: dict[str, LogHistogram] = field(default_factory=dict)

    def add_metric(self, name: str, values: FloatArray) -> None:
        if name not in self.metrics:
            self.metrics[name] = LogHistogram(1)
        self.metrics[name].add(values)


@dataclass(frozen=True)
class PopulationResult:
    """What a population run gives: quantile curves, metric quantiles, the typical subject."""

    times: FloatArray
    curves: dict[str, FloatArray]  # analyte -> (3, T) p05, p50, p95 in nM
    metrics: dict[str, dict[str, tuple[float, float, float]]]  # analyte -> metric -> (p05, p50, p95)
    typical: dict[str, dict[str, float]]
    typical_curve: dict[str, FloatArray]
    n_subjects: int
    seed: int
    single_dose: bool
    window: tuple[float, float]


def _metrics(
    times: FloatArray, conc: FloatArray, regimen: Regimen, ss_auc: FloatArray | None
) -> dict[str, FloatArray]:
    last_dose = regimen.doses[-1][0]
    fall = {
        f"fall_{round(100 * (1 - f))}pct_h": v
        for f, v in time_to_fall(times, conc, start=last_dose, fractions=FALL_FRACTIONS).items()
    }
    if regimen.is_single or regimen.period_h is None:
        m = nca(times, conc, start=0.0)
        return {
            "cmax_nM": m["cmax"],
            "tmax_h": m["tmax"],
            "auc_nM_h": m["auc_inf"],
            "auc_0_t_nM_h": m["auc"],
            "t_half_h": m["t_half"],
            **fall,
        }
    p = regimen.period_h
    s0 = regimen.last_period_start
    last = nca(times, conc, start=s0, end=s0 + p)
    first = nca(times, conc, start=0.0, end=p)
    wash = nca(times, conc, start=last_dose)
    out = {
        "cmax_nM": last["cmax"],
        "tmax_h": last["tmax"],
        "auc_nM_h": last["auc"],
        "cavg_nM": last["cavg"],
        "cmin_nM": last["cmin"],
        "t_half_h": wash["t_half"],
        "accumulation_ratio": last["auc"] / first["auc"],
        **fall,
    }
    if ss_auc is not None:
        # AUC of each period from one cumulative trapezoid over the grid (linear in the grid size)
        n = regimen.n_periods
        edges = np.arange(n + 1) * p
        cum = np.concatenate(
            [
                np.zeros((conc.shape[0], 1)),
                np.cumsum(0.5 * np.diff(times) * (conc[:, 1:] + conc[:, :-1]), axis=1),
            ],
            axis=1,
        )
        at = np.clip(np.searchsorted(times, edges - 1e-9), 0, len(times) - 1)
        auc_k = np.diff(cum[:, at], axis=1)  # (subjects, periods)
        hit = auc_k >= 0.9 * np.asarray(ss_auc)[:, None]
        first = np.argmax(hit, axis=1)
        reached = np.where(hit.any(axis=1), edges[first + 1], np.nan)
        out["time_to_90pct_ss_h"] = reached
        out["ss_auc_nM_h"] = ss_auc
    return out


def time_grid(regimen: Regimen, step_h: float, washout_h: float) -> FloatArray:
    """Output times (h): every ``step_h`` until ``washout_h`` after the last dose, plus dose times."""
    end = regimen.doses[-1][0] + max(washout_h, regimen.period_h or 0.0)
    if not (math.isfinite(step_h) and step_h > 0):
        raise InputError("step", f"output step must be a finite number of hours above 0, got {step_h:g}")
    if grid_points(regimen, step_h, end) > MAX_GRID_POINTS:
        raise InputError(
            "step",
            f"a step of {step_h:g} h over {end:g} h gives over {MAX_GRID_POINTS:,} output times; "
            "use a coarser step or a shorter regimen",
        )
    times = np.arange(0.0, end + 1e-9, step_h)
    extra = [t for t, _ in regimen.doses] + (
        [regimen.last_period_start + regimen.period_h] if regimen.period_h else []
    )
    return np.unique(np.concatenate([times, np.asarray(extra)]))


def _solve_conc(
    model: PkModel,
    params: dict[str, FloatArray],
    bol: list[Bolus],
    times: FloatArray,
    analytes: Sequence[str],
) -> dict[str, FloatArray]:
    k = model.rate_matrix(params)
    states = [model.analytes[a] for a in analytes]
    amounts = solve_linear(k, bol, times, states)
    return {
        a: amounts[j] / model.volume(s, params)[:, None]
        for j, (a, s) in enumerate(zip(analytes, states, strict=True))
    }


def simulable_analytes(model: PkModel, comp: Composition) -> list[str]:
    """Analytes the model can simulate for this composition (7-OH follows from mitragynine)."""
    dosed = {c for c in comp.mg_per_g if c in model.dose_routes}
    return [
        a for a in model.analytes if a in dosed or (a == "7-hydroxymitragynine" and "mitragynine" in dosed)
    ]


def _rows(params: dict[str, FloatArray], rows: slice) -> dict[str, FloatArray]:
    return {k: v[rows] for k, v in params.items()}


def _slices(n: int, n_times: int) -> Iterator[slice]:
    """Consecutive slices of ``n`` subjects of at most ``SLICE_ELEMENTS`` subjects x times each."""
    per = max(1, _budget.SLICE_ELEMENTS // max(1, n_times))
    for start in range(0, n, per):
        yield slice(start, min(n, start + per))


def _check_run(n_subjects: int, weight_kg: float | None, seed: int = 0) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise InputError("seed", f"seed must be a whole number from 0 to {MAX_SEED}, got {seed}")
    if not 1 <= n_subjects <= MAX_SUBJECTS:
        raise InputError(
            "subjects", f"number of subjects must be between 1 and {MAX_SUBJECTS}, got {n_subjects}"
        )
    if weight_kg is not None and not 20 <= weight_kg <= 250:
        raise InputError("weight", f"body weight must be between 20 and 250 kg, got {weight_kg:g}")


def _choose(model: PkModel, comp: Composition, analytes: Sequence[str] | None) -> list[str]:
    simulable = simulable_analytes(model, comp)
    chosen = list(analytes) if analytes else simulable
    twice = sorted({a for a in chosen if chosen.count(a) > 1})
    if twice:
        raise InputError("analyte", f"{', '.join(twice)} given twice; name each analyte once")
    for a in chosen:
        if a not in simulable:
            raise InputError(
                "analyte", f"{a!r} is not simulated for this product; choose from {', '.join(simulable)}"
            )
    return chosen


def _subject_chunks(
    model: PkModel, n_subjects: int, seed: int, weight_kg: float | None
) -> Iterator[dict[str, FloatArray]]:
    """Per-subject parameters, chunk by chunk, chunk ``k`` drawn with ``default_rng([seed, k])``."""
    for chunk in range(math.ceil(n_subjects / CHUNK)):
        n = min(CHUNK, n_subjects - chunk * CHUNK)
        yield sample_parameters(model, n, np.random.default_rng([seed, chunk]), weight_kg)


def population_concentrations(
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    times: FloatArray,
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    analytes: Sequence[str] | None = None,
    weight_kg: float | None = None,
    budget: Budget | None = None,
) -> Iterator[dict[str, FloatArray]]:
    """Plasma concentrations (nM), chunk by chunk: analyte -> (subjects in chunk, len(times)).

    The chunks and their generators are those of :func:`simulate_population`, so the same seed
    gives the same subjects in both. The typical subject is not included.
    """
    _check_run(n_subjects, weight_kg, seed)
    chosen = _choose(model, comp, analytes)
    events = dose_events(model, comp, regimen).events
    size = RunSize(
        n_subjects, len(times), len(chosen), len(regimen.doses), min(n_subjects, CHUNK), len(chosen)
    )
    check_run_size(size, budget)
    for params in _subject_chunks(model, n_subjects, seed, weight_kg):
        n = len(next(iter(params.values())))
        out = {a: np.empty((n, len(times))) for a in chosen}
        for rows in _slices(n, len(times)):
            part = _rows(params, rows)
            for a, c in _solve_conc(model, part, _boluses(model, events, part), times, chosen).items():
                out[a][rows] = c
        yield out


@dataclass(frozen=True)
class StateChunk:
    """Amounts in named compartments for one chunk of subjects, with those subjects' parameters.

    Attributes
    ----------
    params
        Parameter name -> per-subject values (canonical units).
    amounts
        Compartment name -> amounts (nmol), shape (subjects in chunk, len(times)).
    """

    params: dict[str, FloatArray]
    amounts: dict[str, FloatArray]


def population_amounts(
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    times: FloatArray,
    compartments: Sequence[str],
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    weight_kg: float | None = None,
    budget: Budget | None = None,
) -> Iterator[StateChunk]:
    """Amounts (nmol) in ``compartments`` (depots included), chunk by chunk.

    Same subjects as :func:`population_concentrations` for the same seed. Used where a quantity
    other than a plasma concentration matters, e.g. the absorption flux ``ka * A_depot`` that sets
    the concentration in the gut wall.
    """
    _check_run(n_subjects, weight_kg, seed)
    unknown = [c for c in compartments if c not in model.states]
    if unknown:
        raise InputError(
            "compartment", f"{', '.join(unknown)} not in model {model.id}; it has {', '.join(model.states)}"
        )
    states = [model.states.index(c) for c in compartments]
    events = dose_events(model, comp, regimen).events
    size = RunSize(
        n_subjects,
        len(times),
        len(compartments),
        len(regimen.doses),
        min(n_subjects, CHUNK),
        len(compartments),
    )
    check_run_size(size, budget)
    for params in _subject_chunks(model, n_subjects, seed, weight_kg):
        n = len(next(iter(params.values())))
        out = {c: np.empty((n, len(times))) for c in compartments}
        for rows in _slices(n, len(times)):
            part = _rows(params, rows)
            amounts = solve_linear(model.rate_matrix(part), _boluses(model, events, part), times, states)
            for j, c in enumerate(compartments):
                out[c][rows] = amounts[j]
        yield StateChunk(params, out)


def _washout(model: PkModel, analytes: Sequence[str], weight_kg: float | None) -> float:
    """Hours simulated after the last dose: a 99 % fall of the typical subject's slowest analyte."""
    typ = model.individual(None, weight_kg)
    slow = max(_terminal_half_life(model, typ, a) for a in analytes)
    # ln 100 / ln 2 = 6.6 half-lives, at least 2 days and at most 3 weeks
    return float(min(max(7 * slow, 48.0), 24 * 21))


def simulation_size(
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    *,
    n_subjects: int = 1000,
    analytes: Sequence[str] | None = None,
    weight_kg: float | None = None,
    step_h: float = 0.25,
    washout_h: float | None = None,
) -> RunSize:
    """Estimated size of :func:`simulate_population` with these arguments (nothing is simulated)."""
    chosen = _choose(model, comp, analytes)
    washout_h = _washout(model, chosen, weight_kg) if washout_h is None else washout_h
    end = regimen.doses[-1][0] + max(washout_h, regimen.period_h or 0.0)
    n_times = grid_points(regimen, step_h, end)
    n = len(chosen)
    return RunSize(n_subjects, n_times, n, len(regimen.doses), min(n_subjects, CHUNK), 0, n_times * n)


def simulate_population(
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    analytes: Sequence[str] | None = None,
    weight_kg: float | None = None,
    step_h: float = 0.25,
    washout_h: float | None = None,
    times: FloatArray | None = None,
    budget: Budget | None = None,
) -> PopulationResult:
    """Simulate ``n_subjects`` on ``regimen`` of ``comp``; summaries stream chunk by chunk."""
    _check_run(n_subjects, weight_kg, seed)
    if not 0 < step_h <= 24:
        raise InputError("step", f"output step must be above 0 and at most 24 h, got {step_h:g}")
    events = dose_events(model, comp, regimen).events
    chosen = _choose(model, comp, analytes)
    typ = model.individual(None, weight_kg)
    washout_h = _washout(model, chosen, weight_kg) if washout_h is None else washout_h
    size = simulation_size(
        model, comp, regimen, n_subjects=n_subjects, analytes=chosen, step_h=step_h, washout_h=washout_h
    )
    check_run_size(
        size if times is None else replace(size, time_points=len(times)), budget, step_option="--step"
    )
    grid = times if times is not None else time_grid(regimen, step_h, washout_h)
    period_grid = None
    period = regimen.period_h or 0.0
    if regimen.period_h is not None and not regimen.is_single:
        first_period = [e for e in events if e.time < regimen.period_h - 1e-9]
        period_grid = grid[grid <= regimen.period_h + 1e-9]

    def summarise(
        params: dict[str, FloatArray],
    ) -> tuple[dict[str, FloatArray], dict[str, dict[str, FloatArray]]]:
        conc = _solve_conc(model, params, _boluses(model, events, params), grid, chosen)
        ss: dict[str, FloatArray | None] = dict.fromkeys(chosen)
        if period_grid is not None:
            # SS flags on the first period's doses, then the same doses again one period later; the
            # second period is the steady state (SS=2 doses only complete the state at their own time)
            shifted = [Event(e.id, e.time + period, e.amt, e.cmt, e.evid) for e in first_period]
            bol = _boluses(model, first_period, params, period) + _boluses(model, shifted, params)
            ss_conc = _solve_conc(model, params, bol, period_grid + period, chosen)
            ss = {a: auc_trapezoid(period_grid, c) for a, c in ss_conc.items()}
        return conc, {a: _metrics(grid, conc[a], regimen, ss[a]) for a in chosen}

    typ_conc, typ_metrics = summarise(typ)
    summaries = {a: AnalyteSummary(LogHistogram(len(grid))) for a in chosen}
    for params in _subject_chunks(model, n_subjects, seed, weight_kg):
        for rows in _slices(len(next(iter(params.values()))), len(grid)):
            conc, metrics = summarise(_rows(params, rows))
            for a in chosen:
                summaries[a].curve.add(conc[a])
                for name, values in metrics[a].items():
                    summaries[a].add_metric(name, values)
    return PopulationResult(
        times=grid,
        curves={a: s.curve.quantiles(QUANTILES) for a, s in summaries.items()},
        metrics={
            a: {name: tuple(float(x) for x in h.quantiles(QUANTILES)[:, 0]) for name, h in s.metrics.items()}  # type: ignore[misc]
            for a, s in summaries.items()
        },
        typical={a: {k: float(v[0]) for k, v in m.items()} for a, m in typ_metrics.items()},
        typical_curve={a: c[0] for a, c in typ_conc.items()},
        n_subjects=n_subjects,
        seed=seed,
        single_dose=regimen.is_single,
        window=(regimen.last_period_start, regimen.last_period_start + (regimen.period_h or grid[-1])),
    )


def _terminal_half_life(model: PkModel, params: dict[str, FloatArray], analyte: str) -> float:
    """Slowest half-life (h) of the block holding ``analyte`` for the typical subject."""
    k = model.rate_matrix(params)[0]
    state = model.analytes[analyte]
    block = next(b for b in blocks_of(k) if state in b)
    lam = np.linalg.eigvals(k[np.ix_(block, block)]).real
    lam = lam[lam < 0]
    return float(math.log(2) / -lam.max())
