"""Non-compartmental analysis on a time grid, vectorised over subjects.

AUC by the linear-up/log-down trapezoidal rule; terminal rate constant by log-linear least
squares on the last ``n_terminal`` positive points of the window; AUC to infinity by
``AUC_0-t + C_last / lambda_z``. Conventions as in Gabrielsson & Weiner, Pharmacokinetic and
Pharmacodynamic Data Analysis, 5th ed. (2016), ch. 2.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

__all__ = ["auc_trapezoid", "nca", "terminal_slope"]

FloatArray = npt.NDArray[np.float64]


def auc_trapezoid(t: FloatArray, c: FloatArray) -> FloatArray:
    """AUC over ``t`` for each row of ``c`` (linear up, log down)."""
    dt = np.diff(t)
    c0, c1 = c[..., :-1], c[..., 1:]
    lin = 0.5 * (c0 + c1) * dt
    with np.errstate(divide="ignore", invalid="ignore"):
        log = (c0 - c1) * dt / np.log(c0 / c1)
    down = (c1 < c0) & (c1 > 0)
    return np.asarray(np.sum(np.where(down, log, lin), axis=-1), dtype=np.float64)


def terminal_slope(t: FloatArray, c: FloatArray, n_terminal: int = 3) -> FloatArray:
    """lambda_z (1/h) from the last ``n_terminal`` points; NaN where a point is not positive."""
    tt = t[-n_terminal:]
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.log(c[..., -n_terminal:])
    tm = tt - tt.mean()
    slope = np.sum(tm * (y - y.mean(axis=-1, keepdims=True)), axis=-1) / np.sum(tm * tm)
    lam = -slope
    return np.where(np.all(np.isfinite(y), axis=-1) & (lam > 0), lam, np.nan)


def nca(
    t: npt.ArrayLike, c: npt.ArrayLike, *, start: float = 0.0, end: float | None = None, n_terminal: int = 3
) -> dict[str, FloatArray]:
    """NCA of profiles ``c`` (subjects x times, nM) within ``[start, end]`` (h).

    Returns Cmax (nM), Tmax (h after ``start``), Cmin, AUC over the window (nM*h), Cavg, and
    lambda_z, t_half, AUC_inf from the window's last ``n_terminal`` points.
    """
    t_arr = np.asarray(t, dtype=np.float64)
    c_arr = np.atleast_2d(np.asarray(c, dtype=np.float64))
    stop = t_arr[-1] if end is None else end
    sel = (t_arr >= start - 1e-9) & (t_arr <= stop + 1e-9)
    tw, cw = t_arr[sel], c_arr[:, sel]
    if len(tw) < max(2, n_terminal):
        raise ValueError(f"the window [{start}, {stop}] h has fewer than {max(2, n_terminal)} time points")
    i = np.argmax(cw, axis=1)
    auc = auc_trapezoid(tw, cw)
    lam = terminal_slope(tw, cw, n_terminal)
    return {
        "cmax": cw[np.arange(len(cw)), i],
        "tmax": tw[i] - start,
        "cmin": cw.min(axis=1),
        "auc": auc,
        "cavg": auc / (tw[-1] - tw[0]),
        "lambda_z": lam,
        "t_half": math.log(2) / lam,
        "auc_inf": auc + cw[:, -1] / lam,
    }
