"""Numerical ODE path (SciPy ``solve_ivp``), one subject at a time.

Serves models that are not linear (e.g. saturable elimination, enzyme turnover) and is the
oracle against which the exact linear solver is tested. Doses are jumps of the state between
integration segments, so that the integrator never steps across a discontinuity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.integrate import solve_ivp

from speciosa.pk._solve import Bolus

__all__ = ["linear_rhs", "solve_ode"]

FloatArray = npt.NDArray[np.float64]
Rhs = Callable[[float, FloatArray], FloatArray]


def linear_rhs(k: FloatArray) -> Rhs:
    """Right-hand side ``dA/dt = K A`` of one subject's rate matrix ``K``."""
    mat = np.asarray(k, dtype=np.float64)

    def rhs(_t: float, a: FloatArray) -> FloatArray:
        return mat @ a

    return rhs


def solve_ode(
    rhs: Rhs,
    n_states: int,
    doses: Sequence[Bolus],
    times: npt.ArrayLike,
    observe: Sequence[int],
    *,
    rtol: float = 1e-10,
    atol: float = 1e-12,
    method: str = "LSODA",
) -> FloatArray:
    """Amounts in ``observe`` at ``times`` (h) for one subject; shape (len(observe), len(times)).

    ``doses`` must have scalar amounts and no steady-state flag (give the doses explicitly).
    """
    t_all = np.asarray(times, dtype=np.float64)
    t_out, back = np.unique(t_all, return_inverse=True)
    if any(d.ss for d in doses):
        raise ValueError("solve_ode does not do SS; list the doses explicitly")
    out = np.zeros((len(observe), len(t_out)))
    x = np.zeros(n_states)
    dose_times = sorted({d.time for d in doses})
    bounds = [*dose_times, np.inf]
    for i, start in enumerate(dose_times):
        for d in doses:
            if d.time == start:
                if d.reset:
                    x[:] = 0.0
                x[d.state] += float(np.asarray(d.amount))
        end = bounds[i + 1]
        sel = np.nonzero((t_out >= start) & (t_out < end))[0]
        t_eval = t_out[sel]
        if np.isfinite(end):
            t_eval = np.append(t_eval, end)
        if len(t_eval) == 0:
            continue
        stop = float(t_eval[-1])
        if stop > start:
            sol = solve_ivp(rhs, (start, stop), x, method=method, t_eval=t_eval, rtol=rtol, atol=atol)  # type: ignore[call-overload]
            if not sol.success:
                raise RuntimeError(f"solve_ivp failed between {start} and {stop} h: {sol.message}")
            y = sol.y
        else:
            y = x[:, None].repeat(len(t_eval), axis=1)
        out[:, sel] = y[list(observe)][:, : len(sel)]
        x = y[:, -1].copy()
    return out[:, back]
