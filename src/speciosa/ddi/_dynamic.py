"""Dynamic interaction model: simulated kratom exposure drives enzyme inhibition over time.

For every simulated subject the PK engine gives mitragynine's plasma concentration ``C(t)`` and
its absorption flux ``ka A_depot(t)``. From them:

- gut wall: ``I_gut(t) = fa ka A_depot(t) / Q_ent`` (unbound, fu,gut = 1);
- liver: ``I_h(t) = fu,p (C(t) + fa fg ka A_depot(t) / (Q_h B:P))`` (unbound hepatic inlet);
- enzyme activity ``a(t) = E(t) / (1 + I / Ki)`` where ``E`` (active enzyme, 1 at baseline) obeys
  ``dE/dt = kdeg (1 - E) - kinact I / (KI + I) E`` in each organ (time-dependent inhibition);
- the victim (oral, one compartment) has ``Fg(t) = 1 / (1 + (1/Fg0 - 1) a_gut(t))``, hepatic
  intrinsic clearance scaled by ``sum_j fm_j a_j(t) + 1 - sum_j fm_j`` (well-stirred liver, so
  both its hepatic availability and its systemic clearance change), and renal clearance fixed.

The victim is simulated with and without kratom on the same grid; the ratios of its AUC (to
infinity, or over one dosing interval at steady state) and Cmax are the outputs. With a constant
inhibitor concentration the model reduces to the mechanistic static model (tested), and the AUC
ratio can never exceed ``1 / (Fg0 (1 - sum fm))``.

Each step integrates exactly for coefficients held at their mid-step value (exponential
integrator; the perpetrator is evaluated at step midpoints, so a dose on a grid point is never
averaged with the time before it), so the error is second order in the step; the grid is fine
(0.05 h) for 6 h after every dose and 0.5 h elsewhere (halving both changes ratios by < 0.5 %,
tested).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from speciosa.ddi._perpetrator import InhibitionConstant, Perpetrator, ddi_value
from speciosa.ddi._victim import VictimModel
from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase
from speciosa.pd import Quantiles
from speciosa.pk import Composition, PkModel, Regimen, population_amounts

__all__ = [
    "DynamicResult",
    "InhibitionPhysiology",
    "VictimDosing",
    "enzyme_activity",
    "simulate_victims",
    "victim_ratios",
]

FloatArray = npt.NDArray[np.float64]
_FINE_H = 0.05
_COARSE_H = 0.5
_FINE_SPAN_H = 6.0
_MAX_HORIZON_H = 24 * 21
_SUBCHUNK = 500
PERPETRATOR_DEPOT = "mg_depot"
PERPETRATOR_CENTRAL = "mg_central"


@dataclass(frozen=True)
class InhibitionPhysiology:
    """Physiological constants of the dynamic and static models (canonical units)."""

    qh: float
    qent: float
    kdeg_liver: dict[str, float]
    kdeg_gut: float

    @classmethod
    def from_kb(cls, kb: KnowledgeBase, enzymes: Sequence[str]) -> InhibitionPhysiology:
        qh = ddi_value(kb, "hepatic_blood_flow")
        qent = ddi_value(kb, "enterocyte_blood_flow")
        kdeg = {e: ddi_value(kb, "kdeg", enzyme=e, organ="liver") for e in enzymes}
        kgut = ddi_value(kb, "kdeg", enzyme="CYP3A4", organ="gut")
        return cls(
            qh.m_as("L/h"), qent.m_as("L/h"), {e: v.m_as("1/h") for e, v in kdeg.items()}, kgut.m_as("1/h")
        )


@dataclass(frozen=True)
class VictimDosing:
    """When the victim is given: ``times`` (h on the kratom clock); AUC over ``window``.

    ``window[1]`` is ``inf`` for a single victim dose (AUC to infinity).
    """

    times: tuple[float, ...]
    window: tuple[float, float]
    interval_h: float | None

    @classmethod
    def for_regimen(cls, regimen: Regimen, victim: VictimModel, interval_h: float | None) -> VictimDosing:
        """Victim dosed with the first kratom dose of the regimen's last day.

        A single kratom dose is given together with the victim (as in NCT04392011). With a repeated
        victim dose (``interval_h``), dosing starts five victim half-lives (at most 14 days) before
        that time, so the victim is at steady state, and the AUC is over the interval that starts then.
        """
        last = regimen.doses[-1][0]
        t0 = min(t for t, _ in regimen.doses if t >= last - 24 + 1e-9)
        if interval_h is None:
            return cls((t0,), (t0, math.inf), None)
        lead = min(5 * victim.half_life, 24 * 14.0)
        n_before = math.ceil(lead / interval_h)
        times = tuple(t0 + interval_h * i for i in range(-n_before, 1))
        return cls(times, (t0, t0 + interval_h), interval_h)


def _grid(dose_times: Sequence[float], start: float, end: float) -> FloatArray:
    pieces = [np.arange(start, end + 1e-9, _COARSE_H), np.array([end])]
    for t in dose_times:
        if start <= t <= end:
            pieces.append(np.arange(t, min(end, t + _FINE_SPAN_H) + 1e-9, _FINE_H))
    return np.unique(np.round(np.concatenate(pieces), 9))


def enzyme_activity(
    i_mid: FloatArray,
    times: FloatArray,
    ki: float | FloatArray | None,
    tdi: tuple[float | FloatArray, float | FloatArray] | None,
    kdeg: float,
) -> FloatArray:
    """Remaining activity at the step midpoints, shape (subjects, len(times) - 1).

    ``i_mid`` is the unbound inhibitor concentration at the midpoints of ``times`` (so that a dose
    at a grid point is never averaged with the time before it); ``ki`` (reversible) and
    ``tdi = (KI, kinact)`` in the units of ``i_mid`` and 1/h, broadcast per subject as (subjects, 1)
    arrays. Active enzyme ``E`` starts at 1 (no prior exposure) and is integrated exactly for the
    inactivation rate held at its midpoint value over each step.
    """
    out = np.ones_like(i_mid)
    if tdi is not None:
        k_i, kinact = (np.asarray(x, dtype=np.float64) for x in tdi)
        lam = kinact * i_mid / (k_i + i_mid)
        dt = np.diff(times)
        e = np.ones(i_mid.shape[0])
        for n in range(len(dt)):
            rate = kdeg + lam[:, n]
            ess = kdeg / rate
            half = np.exp(-rate * (0.5 * dt[n]))
            out[:, n] = ess + (e - ess) * half
            e = ess + (e - ess) * half * half
    if ki is not None:
        out = out / (1.0 + i_mid / np.asarray(ki, dtype=np.float64))
    return out


def victim_ratios(
    victim: VictimModel,
    times: FloatArray,
    liver: dict[str, FloatArray],
    gut: FloatArray | None,
    dosing: VictimDosing,
    baseline: tuple[FloatArray, FloatArray] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """AUC and Cmax ratios (with / without inhibition) per subject for remaining activities.

    ``liver[enzyme]`` and ``gut`` are activities at the step midpoints (subjects x (len(times) - 1),
    :func:`enzyme_activity`); ``gut`` None means no gut-wall inhibition.
    """
    n = next(iter(liver.values())).shape[0] if liver else (gut.shape[0] if gut is not None else 1)
    shape = (n, len(times) - 1)
    untouched = 1.0 - sum(victim.fm_h.values())
    r = np.full(shape, untouched)
    for enzyme, f in victim.fm_h.items():
        r = r + f * (liver[enzyme] if enzyme in liver else 1.0)
    x0 = victim.eh / (1 - victim.eh)
    if victim.eh > 0:
        eh_t = x0 * r / (1 + x0 * r)
        fh_rel = (1 - eh_t) / (1 - victim.eh)
        k_t = victim.k * (victim.fe + (1 - victim.fe) * eh_t / victim.eh)
    else:
        fh_rel = np.ones(shape)
        k_t = victim.k * (victim.fe + (1 - victim.fe) * r)
    if gut is not None and victim.fg < 1:
        fg_rel = (1 / (1 + (1 / victim.fg - 1) * gut)) / victim.fg
    else:
        fg_rel = np.ones(shape)
    avail = fh_rel * fg_rel
    with_i = _integrate(times, victim.ka, k_t, avail, dosing)
    without = baseline if baseline is not None else victim_baseline(victim, times, dosing)
    return with_i[0] / without[0], with_i[1] / without[1]


def victim_baseline(
    victim: VictimModel, times: FloatArray, dosing: VictimDosing
) -> tuple[FloatArray, FloatArray]:
    """AUC and Cmax of the victim alone on the same grid (the denominators of the ratios)."""
    steps = (1, len(times) - 1)
    return _integrate(times, victim.ka, np.full(steps, victim.k), np.ones(steps), dosing)


def _integrate(
    times: FloatArray, ka: float, k: FloatArray, avail: FloatArray, dosing: VictimDosing
) -> tuple[FloatArray, FloatArray]:
    """AUC over the dosing window and Cmax in it, per subject (amounts; volume cancels in ratios).

    ``k`` and ``avail`` (elimination rate, relative availability) are per step (midpoint values).
    """
    n = k.shape[0]
    dt = np.diff(times)
    k_mid, f_mid = k, avail
    doses = {int(np.argmin(np.abs(times - t))) for t in dosing.times}
    gut = np.zeros(n)
    cen = np.zeros(n)
    lo, hi = dosing.window
    in_win = (times >= lo - 1e-9) & (times <= hi + 1e-9)
    auc = np.zeros(n)
    cmax = np.zeros(n)
    prev = cen.copy()
    for i in range(len(times)):
        if i > 0:
            step = dt[i - 1]
            absorbed = gut * -math.expm1(-ka * step)
            gut = gut - absorbed
            kk = k_mid[:, i - 1]
            decay = np.exp(-kk * step)
            prev = cen
            cen = cen * decay + absorbed * f_mid[:, i - 1] * (-np.expm1(-kk * step)) / (kk * step)
            if in_win[i] and in_win[i - 1]:
                auc += 0.5 * (prev + cen) * step
        if i in doses:
            gut = gut + 1.0
        if in_win[i]:
            cmax = np.maximum(cmax, cen)
    if math.isinf(hi):
        auc += cen / k[:, -1]  # tail with the last elimination rate
    return auc, cmax


@dataclass(frozen=True)
class DynamicResult:
    """Dynamic-model ratios for one victim, and the enzyme activity behind them."""

    drug: str
    auc_ratio: Quantiles
    cmax_ratio: Quantiles
    nadir: dict[str, Quantiles]
    dosing: VictimDosing
    victim: VictimModel
    n_subjects: int


def _draw(const: InhibitionConstant, rng: np.random.Generator, n: int, scale: float = 1.0) -> FloatArray:
    """Per-subject values: log-normal around the constant with its reported spread."""
    eta = rng.standard_normal(n) * const.sd_log if const.sd_log > 0 else np.zeros(n)
    return (const.value * scale * np.exp(eta))[:, None]


def simulate_victims(
    kb: KnowledgeBase,
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    victims: Sequence[VictimModel],
    perpetrator: Perpetrator,
    *,
    intervals: Sequence[float | None] | None = None,
    n_subjects: int = 1000,
    seed: int = 0,
    weight_kg: float | None = None,
    fu: tuple[float, float, float] = (0.10, 0.05, 0.15),
) -> list[DynamicResult]:
    """Dynamic-model AUC and Cmax ratios of each victim with this kratom regimen.

    Parameters
    ----------
    victims
        Victim models (:func:`speciosa.ddi.victim_model`).
    intervals
        Victim dosing interval (h) per victim, or None for a single victim dose.
    fu
        Mitragynine fraction unbound in plasma: (value, low, high); each subject draws it
        log-uniformly in [low, high] (the uncertainty of a secondary range).

    Notes
    -----
    Subjects differ in kratom PK (the PK engine's between-subject variability), in the inhibition
    constants (drawn from their reported SD) and in fu; the victim's own PK is the typical one.
    """
    if not victims:
        return []
    if PERPETRATOR_DEPOT not in model.states or PERPETRATOR_CENTRAL not in model.states:
        raise InputError("model", f"model {model.id} has no mitragynine depot and central compartments")
    if "mitragynine" not in comp.mg_per_g or comp.mg_per_g["mitragynine"] <= 0:
        raise InputError("product", f"{comp.product} has no mitragynine content; nothing to predict from")
    ivals = list(intervals) if intervals is not None else [None] * len(victims)
    dosings = [VictimDosing.for_regimen(regimen, v, iv) for v, iv in zip(victims, ivals, strict=True)]
    enzymes = sorted({e for v in victims for e in v.fm_h} | set(perpetrator.reversible))
    phys = InhibitionPhysiology.from_kb(
        kb, [e for e in enzymes if e in perpetrator.reversible or e in perpetrator.tdi_liver]
    )
    kratom_times = [t for t, _ in regimen.doses]
    start = min(0.0, *(d.times[0] for d in dosings))
    horizon = max(
        (
            d.window[1]
            if not math.isinf(d.window[1])
            else d.window[0] + min(_MAX_HORIZON_H, 6 * v.half_life + 24)
        )
        for d, v in zip(dosings, victims, strict=True)
    )
    end = max(horizon, kratom_times[-1] + 24)
    times = _grid(kratom_times + [t for d in dosings for t in d.times], start, end)
    # perpetrator at the step midpoints; before the first kratom dose nothing has been taken
    mid = 0.5 * (times[1:] + times[:-1])
    before = int(np.searchsorted(mid, 0.0))
    kr_times = mid[before:]

    baselines = [victim_baseline(v, times, d) for v, d in zip(victims, dosings, strict=True)]
    auc: list[list[FloatArray]] = [[] for _ in victims]
    cmax: list[list[FloatArray]] = [[] for _ in victims]
    nadir: dict[str, list[FloatArray]] = {}
    vol = model.spec.compartments[model.states.index(PERPETRATOR_CENTRAL)].volume
    assert vol is not None
    chunks = population_amounts(
        model,
        comp,
        regimen,
        kr_times,
        (PERPETRATOR_DEPOT, PERPETRATOR_CENTRAL),
        n_subjects=n_subjects,
        seed=seed,
        weight_kg=weight_kg,
    )
    for c, chunk in enumerate(chunks):
        rng = np.random.default_rng([seed, c, 7])
        n = chunk.amounts[PERPETRATOR_CENTRAL].shape[0]
        for s0 in range(0, n, _SUBCHUNK):
            rows = slice(s0, min(n, s0 + _SUBCHUNK))
            m = rows.stop - rows.start
            pad = ((0, 0), (before, 0))
            central = np.pad(np.maximum(chunk.amounts[PERPETRATOR_CENTRAL][rows], 0.0), pad)
            depot = np.pad(np.maximum(chunk.amounts[PERPETRATOR_DEPOT][rows], 0.0), pad)
            conc = central / chunk.params[vol][rows, None]
            flux = depot * chunk.params["ka_mg"][rows, None]
            lo, hi = math.log(fu[1]), math.log(fu[2])
            fu_s = np.exp(rng.uniform(lo, hi, m))[:, None] if fu[1] < fu[2] else np.full((m, 1), fu[0])
            i_liver = fu_s * (conc + flux / phys.qh)
            i_gut = flux / phys.qent
            liver: dict[str, FloatArray] = {}
            for e in enzymes:
                rev = perpetrator.reversible.get(e)
                tdi = perpetrator.tdi_liver.get(e)
                if rev is None and tdi is None:
                    continue
                ki = _draw(rev, rng, m, 1 / perpetrator.fu_mic) if rev else None
                pair = (_draw(tdi[0], rng, m, 1 / perpetrator.fu_mic), _draw(tdi[1], rng, m)) if tdi else None
                liver[e] = enzyme_activity(i_liver, times, ki, pair, phys.kdeg_liver[e])
            gut = None
            if "CYP3A4" in perpetrator.reversible_gut or "CYP3A4" in perpetrator.tdi_gut:
                rev_g = perpetrator.reversible_gut.get("CYP3A4")
                tdi_g = perpetrator.tdi_gut.get("CYP3A4")
                gut = enzyme_activity(
                    i_gut,
                    times,
                    _draw(rev_g, rng, m, 1 / perpetrator.fu_mic) if rev_g else None,
                    (_draw(tdi_g[0], rng, m, 1 / perpetrator.fu_mic), _draw(tdi_g[1], rng, m))
                    if tdi_g
                    else None,
                    phys.kdeg_gut,
                )
            for name, act in [*((f"liver {e}", a) for e, a in liver.items()), ("gut CYP3A4", gut)]:
                if act is not None:
                    nadir.setdefault(name, []).append(act.min(axis=1))
            for j, (v, d) in enumerate(zip(victims, dosings, strict=True)):
                a, cm = victim_ratios(v, times, liver, gut, d, baselines[j])
                auc[j].append(a)
                cmax[j].append(cm)
    nadirs = {k: Quantiles.of_values(np.concatenate(v)) for k, v in nadir.items()}
    return [
        DynamicResult(
            v.drug,
            Quantiles.of_values(np.concatenate(auc[j])),
            Quantiles.of_values(np.concatenate(cmax[j])),
            {k: q for k, q in nadirs.items() if k == "gut CYP3A4" or k.split(" ", 1)[1] in v.fm_h},
            dosings[j],
            v,
            n_subjects,
        )
        for j, v in enumerate(victims)
    ]
