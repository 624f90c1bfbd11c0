"""Occupancy of the mechanism panel for a product and regimen, across a simulated population.

For each subject the PK model gives total plasma concentrations of each alkaloid over time; the
exposure assumptions turn them into free concentrations at each target; competitive occupancy
(:mod:`speciosa.pd._occupancy`) turns those into the fraction of the target held by each
compound. Per subject we keep the peak and trough of total occupancy in the evaluation window
(the last dosing interval; for a single dose, the first 24 h, with the trough at 24 h), which
compound holds most of the target at the peak, and the occupancy curve; across subjects these
become medians and 90 % intervals.

Two scenarios are run on the same subjects: the central one (chosen affinities, fraction unbound
as recorded) and an upper bound (the most potent affinity reported for each compound, and the
fraction unbound at the top of its measured range, or 1 where none was measured), so that a
verdict can say whether it survives the most favourable reading of the data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase
from speciosa.pd._affinity import Binding, Function, TargetData, target_data
from speciosa.pd._exposure import Exposure
from speciosa.pd._occupancy import competitive_occupancy
from speciosa.pk import (
    CHUNK,
    Budget,
    Composition,
    LogHistogram,
    PkModel,
    Regimen,
    RunSize,
    check_run_size,
    grid_points,
    population_concentrations,
    simulable_analytes,
    time_grid,
)

__all__ = [
    "PANEL",
    "HergMargin",
    "MechanismResult",
    "Quantiles",
    "TargetResult",
    "occupancy_size",
    "simulate_occupancy",
]

FloatArray = npt.NDArray[np.float64]

#: Targets always reported, and where their free concentration is taken: ``brain`` (unbound plasma
#: times Kp,uu) or ``plasma`` (unbound plasma: heart, heart valves).
PANEL: Final[tuple[tuple[str, str], ...]] = (
    ("MOR", "brain"),
    ("KOR", "brain"),
    ("DOR", "brain"),
    ("ADRA1A", "brain"),
    ("ADRA1B", "brain"),
    ("ADRA1D", "brain"),
    ("ADRA2A", "brain"),
    ("HTR1A", "brain"),
    ("HTR2A", "brain"),
    ("HTR2B", "plasma"),
    ("HTR7", "brain"),
    ("DRD2", "brain"),
    ("SERT", "brain"),
    ("NET", "brain"),
    ("DAT", "brain"),
    ("HERG", "plasma"),
)
_SINGLE_DOSE_WINDOW_H: Final = 24.0
_SUBCHUNK: Final = 2000
_QS: Final = (0.05, 0.5, 0.95)


@dataclass(frozen=True)
class Quantiles:
    """Median and 90 % interval across simulated subjects."""

    p05: float
    median: float
    p95: float

    @classmethod
    def of(cls, hist: LogHistogram) -> Quantiles:
        q = hist.quantiles(_QS)[:, 0]
        return cls(float(q[0]), float(q[1]), float(q[2]))

    @classmethod
    def of_values(cls, values: npt.ArrayLike) -> Quantiles:
        """Exact quantiles of values held in memory (one per subject)."""
        q = np.quantile(np.asarray(values, dtype=np.float64), _QS)
        return cls(float(q[0]), float(q[1]), float(q[2]))


@dataclass(frozen=True)
class TargetResult:
    """What the population's exposure does at one target."""

    target: str
    name: str
    kind: str
    site: str
    data: TargetData
    ligands: tuple[str, ...]  # simulated compounds with an affinity here
    peak: Quantiles | None = None
    trough: Quantiles | None = None
    upper_peak: Quantiles | None = None
    agonist_peak: Quantiles | None = None
    by_compound: dict[str, float] = field(default_factory=dict)  # median occupancy at the peak

    @property
    def dominant(self) -> str | None:
        """The compound holding most of the target at the peak (median subject)."""
        return max(self.by_compound, key=lambda c: self.by_compound[c]) if self.by_compound else None

    @property
    def not_simulated(self) -> tuple[str, ...]:
        """Compounds with affinity data here that the PK model does not simulate."""
        return tuple(c for c in self.data.bindings if c not in self.ligands)

    @property
    def bindings(self) -> dict[str, Binding]:
        """Affinities used, including "inactive up to" bounds."""
        return {**self.data.inactive, **self.data.bindings}

    def mode(self, compound: str) -> Function | None:
        """Mode of action of ``compound`` here, if measured."""
        return self.data.functions.get(compound)


@dataclass(frozen=True)
class HergMargin:
    """hERG IC50 over the unbound peak plasma concentration of one compound."""

    compound: str
    binding: Binding
    unbound_cmax_nM: Quantiles
    margin: Quantiles
    margin_lowest_ic50: Quantiles
    threshold: float | None
    threshold_source: str | None


@dataclass(frozen=True)
class MechanismResult:
    """Occupancy over the panel, hERG margins, and the curves behind them."""

    times: FloatArray
    window: tuple[float, float]
    single_dose: bool
    targets: tuple[TargetResult, ...]
    curves: dict[str, FloatArray]  # target -> (3, T) p05, p50, p95 of total occupancy
    herg: tuple[HergMargin, ...]
    exposure: Exposure
    simulated: tuple[str, ...]
    modelled: tuple[str, ...]
    n_subjects: int
    seed: int

    def target(self, target: str) -> TargetResult:
        """Result at ``target``."""
        for t in self.targets:
            if t.target == target:
                return t
        raise KeyError(target)


def _upper_fu(exposure: Exposure, compound: str) -> float:
    u = exposure.fu[compound]
    if u.set_by_user:
        return u.fu
    if u.assumed:
        return 1.0
    return u.high if u.high is not None else u.fu


@dataclass
class _Accumulator:
    ligands: list[str]
    site: str
    k: FloatArray
    k_low: FloatArray
    hill: FloatArray
    emax: FloatArray | None
    n_times: int
    peak: LogHistogram = field(init=False)
    trough: LogHistogram = field(init=False)
    upper: LogHistogram = field(init=False)
    agonist: LogHistogram = field(init=False)
    curve: LogHistogram = field(init=False)
    share: list[LogHistogram] = field(init=False)

    def __post_init__(self) -> None:
        def h(n: int = 1) -> LogHistogram:
            return LogHistogram(n, low=1e-9, high=1.0)

        self.peak, self.trough, self.upper, self.agonist = h(), h(), h(), h()
        self.curve = h(self.n_times)
        self.share = [h() for _ in self.ligands]


def occupancy_size(
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    *,
    n_subjects: int = 1000,
    step_h: float = 0.25,
    panel: Sequence[tuple[str, str]] = PANEL,
) -> RunSize:
    """Estimated size of :func:`simulate_occupancy` with these arguments (nothing is simulated)."""
    simulated = simulable_analytes(model, comp)
    single = regimen.is_single or regimen.period_h is None
    tail = _SINGLE_DOSE_WINDOW_H if single else (regimen.period_h or 0.0)
    n_times = grid_points(regimen, step_h, regimen.doses[-1][0] + tail)
    # every panel target's occupancy is computed per subject and time: a few series' worth of work
    # per simulated series (measured: ~1.1 us per subject and time for leaf powder, 16 targets)
    return RunSize(
        n_subjects,
        n_times,
        len(simulated),
        len(regimen.doses),
        min(n_subjects, CHUNK),
        len(simulated),
        n_times * len(panel),
        work_factor=2.5,
    )


def simulate_occupancy(
    kb: KnowledgeBase,
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    exposure: Exposure,
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    weight_kg: float | None = None,
    step_h: float = 0.25,
    panel: Sequence[tuple[str, str]] = PANEL,
    budget: Budget | None = None,
) -> MechanismResult:
    """Occupancy of every panel target by the simulated alkaloids, across a population.

    Parameters
    ----------
    exposure
        Fraction unbound and Kp,uu per simulated compound (:func:`exposure_assumptions`).
    n_subjects, seed, weight_kg
        As for :func:`speciosa.pk.simulate_population` (same seed, same subjects).
    step_h
        Output time step (h) of the occupancy curves.
    """
    if not 0 < step_h <= 2:
        raise InputError("step", f"output step must be above 0 and at most 2 h, got {step_h:g}")
    simulated = simulable_analytes(model, comp)
    missing = [c for c in simulated if c not in exposure.fu]
    if missing:
        raise InputError("fu", f"no fraction unbound for {', '.join(missing)}")
    single = regimen.is_single or regimen.period_h is None
    check_run_size(
        occupancy_size(model, comp, regimen, n_subjects=n_subjects, step_h=step_h, panel=panel), budget
    )
    if single:
        window = (0.0, _SINGLE_DOSE_WINDOW_H)
        times = time_grid(regimen, step_h, _SINGLE_DOSE_WINDOW_H)
    else:
        assert regimen.period_h is not None
        window = (regimen.last_period_start, regimen.last_period_start + regimen.period_h)
        times = time_grid(regimen, step_h, regimen.period_h)
    in_window = (times >= window[0] - 1e-9) & (times <= window[1] + 1e-9)
    trough_at = int(np.argmin(np.abs(times - window[1])))

    results: dict[str, TargetResult] = {}
    accumulators: dict[str, _Accumulator] = {}
    for target, site in panel:
        data = target_data(kb, target)
        usable = {**data.inactive, **data.bindings}
        ligands = [c for c in simulated if c in usable]
        results[target] = TargetResult(target, data.name, data.kind, site, data, tuple(ligands))
        if not ligands:
            continue
        emax = None
        if any(c in data.functions for c in ligands):
            emax = np.array([_efficacy(data.functions.get(c)) for c in ligands])
        accumulators[target] = _Accumulator(
            ligands,
            site,
            np.array([usable[c].k_nM for c in ligands]),
            np.array([usable[c].k_min_nM for c in ligands]),
            np.array([usable[c].hill for c in ligands]),
            emax,
            len(times),
        )
    herg = results.get("HERG")
    herg_ligands = [c for c in herg.ligands if c in herg.data.bindings] if herg else []
    herg_cmax = {c: LogHistogram(1, low=1e-6, high=1e9) for c in herg_ligands}
    herg_margin = {c: LogHistogram(1, low=1e-6, high=1e12) for c in herg_ligands}
    herg_margin_low = {c: LogHistogram(1, low=1e-6, high=1e12) for c in herg_ligands}

    for chunk in population_concentrations(
        model,
        comp,
        regimen,
        times,
        n_subjects=n_subjects,
        seed=seed,
        analytes=simulated,
        weight_kg=weight_kg,
        budget=budget,
    ):
        n = next(iter(chunk.values())).shape[0]
        for start in range(0, n, _SUBCHUNK):
            rows = slice(start, min(n, start + _SUBCHUNK))
            # round-off of the exact solution can leave -1e-18 where nothing has arrived yet
            conc = {c: np.maximum(x[rows], 0.0) for c, x in chunk.items()}
            for acc in accumulators.values():
                _accumulate(acc, conc, exposure, in_window, trough_at, single)
            for c in herg_ligands:
                b = herg.data.bindings[c]  # type: ignore[union-attr]
                u_cmax = (conc[c][:, in_window] * exposure.factor(c, "plasma")).max(axis=1)
                herg_cmax[c].add(u_cmax)
                with np.errstate(divide="ignore"):
                    herg_margin[c].add(b.k_nM / u_cmax)
                    herg_margin_low[c].add(b.k_min_nM / u_cmax)

    out: list[TargetResult] = []
    curves: dict[str, FloatArray] = {}
    for target, _ in panel:
        r = results[target]
        if target in accumulators:
            acc = accumulators[target]
            curves[target] = acc.curve.quantiles(_QS)
            r = TargetResult(
                r.target,
                r.name,
                r.kind,
                r.site,
                r.data,
                r.ligands,
                peak=Quantiles.of(acc.peak),
                trough=Quantiles.of(acc.trough),
                upper_peak=Quantiles.of(acc.upper),
                agonist_peak=Quantiles.of(acc.agonist) if acc.emax is not None else None,
                by_compound={c: Quantiles.of(h).median for c, h in zip(acc.ligands, acc.share, strict=True)},
            )
        out.append(r)
    threshold = None
    threshold_source = None
    if herg is not None:
        margin = kb.target("HERG").safety_margin
        if margin is not None:
            threshold, threshold_source = margin.value, margin.source
    margins = tuple(
        HergMargin(
            c,
            herg.data.bindings[c],  # type: ignore[union-attr]
            Quantiles.of(herg_cmax[c]),
            Quantiles.of(herg_margin[c]),
            Quantiles.of(herg_margin_low[c]),
            threshold,
            threshold_source,
        )
        for c in herg_ligands
    )
    return MechanismResult(
        times=times,
        window=window,
        single_dose=single,
        targets=tuple(out),
        curves=curves,
        herg=margins,
        exposure=exposure,
        simulated=tuple(simulated),
        modelled=tuple(model.analytes),
        n_subjects=n_subjects,
        seed=seed,
    )


def _efficacy(function: Function | None) -> float:
    """Intrinsic efficacy as a fraction of the reference full agonist; NaN when unknown."""
    if function is None:
        return math.nan
    if function.mode in ("antagonist", "inverse_agonist", "no_activity", "negative_allosteric_modulator"):
        return 0.0
    if function.emax_percent is not None:
        return function.emax_percent / 100.0
    return 1.0 if function.mode == "full_agonist" else math.nan


def _accumulate(
    acc: _Accumulator,
    conc: dict[str, FloatArray],
    exposure: Exposure,
    in_window: npt.NDArray[np.bool_],
    trough_at: int,
    single: bool,
) -> None:
    free = np.stack([conc[c] * exposure.factor(c, acc.site) for c in acc.ligands])
    theta = competitive_occupancy(free, acc.k, acc.hill)
    total = theta.sum(axis=0)
    acc.curve.add(total)
    win = total[:, in_window]
    at = np.argmax(win, axis=1)
    rows = np.arange(win.shape[0])
    acc.peak.add(win[rows, at])
    acc.trough.add(total[:, trough_at] if single else win.min(axis=1))
    for i, h in enumerate(acc.share):
        h.add(theta[i][:, in_window][rows, at])
    if acc.emax is not None:
        w = np.nan_to_num(acc.emax, nan=0.0)
        acc.agonist.add((theta * w[:, None, None]).sum(axis=0)[:, in_window].max(axis=1))
    scale = np.array([_upper_fu(exposure, c) / exposure.fu[c].fu for c in acc.ligands])
    upper = competitive_occupancy(free * scale[:, None, None], acc.k_low, acc.hill).sum(axis=0)
    acc.upper.add(upper[:, in_window].max(axis=1))
