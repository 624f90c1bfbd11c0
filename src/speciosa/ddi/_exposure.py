"""Kratom inhibitor concentrations for the static models, from the population PK simulation.

- ``Igut``: mitragynine dose / 250 mL (basic gut model);
- ``Imax,u``: unbound peak plasma concentration over the regimen (basic liver models);
- ``Ih``: unbound peak hepatic inlet concentration, ``fu (C + ka A_depot / Qh)`` (mechanistic static);
- ``Ig``: peak enterocyte concentration, ``ka A_depot / Q_ent`` (mechanistic static).

Unbound fraction and assumptions are those of the dynamic model (``fa = fg = B:P = 1``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from speciosa.ddi._dynamic import (
    _COARSE_H,
    _FINE_H,
    _FINE_SPAN_H,
    _MAX_HORIZON_H,
    _SUBCHUNK,
    PERPETRATOR_CENTRAL,
    PERPETRATOR_DEPOT,
)
from speciosa.ddi._perpetrator import ddi_value
from speciosa.knowledge import KnowledgeBase
from speciosa.pd import Quantiles
from speciosa.pk import (
    CHUNK,
    Composition,
    PkModel,
    Regimen,
    RunSize,
    grid_points,
    population_amounts,
    time_grid,
)

__all__ = ["KratomExposure", "interaction_size", "kratom_exposure"]

#: Output step (h) of the inhibitor peaks, and the hours simulated after the last kratom dose.
_STEP_H = 0.05
_TAIL_H = 24.0


FloatArray = npt.NDArray[np.float64]

#: Measured costs of the dynamic model beyond the kratom simulation (tests/unit/pk/test_budget.py):
#: about 100 bytes per subject and grid point for the arrays of one sub-chunk of subjects
#: (concentrations, fluxes, enzyme activities, victim profiles), and about 30 us per grid point and
#: sub-chunk for the step-by-step integration of time-dependent inhibition and of the victim.
_DYNAMIC_BYTES = 100
_DYNAMIC_STEP_SECONDS = 3e-5


def interaction_size(regimen: Regimen, *, n_subjects: int = 1000) -> RunSize:
    """Estimated size of an interaction assessment of ``regimen`` (nothing is simulated).

    The grid is the larger of the two kratom simulations it runs: the inhibitor peaks on a fine
    grid over the whole regimen, and the dynamic model's grid (coarse, fine for some hours after
    each dose, up to three weeks past the last dose for a slowly cleared co-medication).
    """
    last = regimen.doses[-1][0]
    peaks = grid_points(regimen, _STEP_H, last + _TAIL_H)
    span = last + _MAX_HORIZON_H
    fine = min((int(_FINE_SPAN_H / _FINE_H) + 1) * len(regimen.doses), int(span / _FINE_H) + 1)
    points = max(peaks, int(span / _COARSE_H) + 1 + fine)
    sub = min(n_subjects, _SUBCHUNK)
    return RunSize(
        n_subjects,
        points,
        2,
        len(regimen.doses),
        min(n_subjects, CHUNK),
        1,  # depot and central amounts of a chunk, 16 B per subject and point
        work_factor=1.5,  # a few co-medications' profiles per subject
        extra_bytes=sub * points * _DYNAMIC_BYTES,
        extra_seconds=math.ceil(n_subjects / _SUBCHUNK) * points * _DYNAMIC_STEP_SECONDS,
    )


@dataclass(frozen=True)
class KratomExposure:
    """Inhibitor concentrations (nM) per subject, and their summaries."""

    dose_mg: float
    igut_nM: float
    imax_u: FloatArray
    inlet_u: FloatArray
    ig: FloatArray

    def summary(self) -> dict[str, Quantiles]:
        return {
            "imax_u": Quantiles.of_values(self.imax_u),
            "inlet_u": Quantiles.of_values(self.inlet_u),
            "ig": Quantiles.of_values(self.ig),
        }


def kratom_exposure(
    kb: KnowledgeBase,
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    weight_kg: float | None = None,
    fu: float = 0.10,
) -> KratomExposure:
    """Peak inhibitor concentrations of every subject over the whole regimen (same subjects as the
    dynamic model for the same seed)."""
    qh = ddi_value(kb, "hepatic_blood_flow").m_as("L/h")
    qent = ddi_value(kb, "enterocyte_blood_flow").m_as("L/h")
    gut_l = ddi_value(kb, "gut_volume").m_as("L")
    molar = model.molar_mass["mitragynine"]
    dose_mg = max(comp.mg(g).get("mitragynine", 0.0) for _, g in regimen.doses)
    times = time_grid(regimen, _STEP_H, _TAIL_H)
    vol = model.spec.compartments[model.states.index(PERPETRATOR_CENTRAL)].volume
    assert vol is not None
    imax, inlet, ig = [], [], []
    for chunk in population_amounts(
        model,
        comp,
        regimen,
        times,
        (PERPETRATOR_DEPOT, PERPETRATOR_CENTRAL),
        n_subjects=n_subjects,
        seed=seed,
        weight_kg=weight_kg,
    ):
        conc = np.maximum(chunk.amounts[PERPETRATOR_CENTRAL], 0.0) / chunk.params[vol][:, None]
        flux = np.maximum(chunk.amounts[PERPETRATOR_DEPOT], 0.0) * chunk.params["ka_mg"][:, None]
        imax.append(fu * conc.max(axis=1))
        inlet.append((fu * (conc + flux / qh)).max(axis=1))
        ig.append((flux / qent).max(axis=1))
    igut = dose_mg * 1e6 / molar / gut_l if math.isfinite(molar) else math.nan
    return KratomExposure(dose_mg, igut, np.concatenate(imax), np.concatenate(inlet), np.concatenate(ig))
