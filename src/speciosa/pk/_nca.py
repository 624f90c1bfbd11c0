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

__all__ = ["auc_trapezoid", "nca", "terminal_slope", "time_to_fall"]

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


def time_to_fall(
    t: npt.ArrayLike, c: npt.ArrayLike, *, start: float, fractions: tuple[float, ...] = (0.5, 0.1, 0.01)
) -> dict[float, FloatArray]:
    """Hours after ``start`` until each profile falls, for good, below ``f`` times its peak after ``start``.

    For each subject the reference is the highest concentration at or after ``start`` (the last
    dose, when a user stops); the answer for fraction ``f`` is the time after ``start`` after which
    the concentration stays below ``f`` times that peak (``f = 0.1``: levels have fallen by 90 %).
    Between grid points the crossing is interpolated log-linearly (exact for a mono-exponential
    decline); beyond the last grid point it is extrapolated with the terminal rate constant of the
    last three points, as AUC to infinity is in NCA. NaN where neither is possible.

    Examples
    --------
    One compartment after an IV bolus, k = 0.1 /h: ln(2)/k, ln(10)/k, ln(100)/k.

    >>> import numpy as np
    >>> t = np.linspace(0, 24, 97)
    >>> out = time_to_fall(t, 100 * np.exp(-0.1 * t), start=0.0)
    >>> [round(float(out[f][0]), 3) for f in (0.5, 0.1, 0.01)]
    [6.931, 23.026, 46.052]
    """
    t_arr = np.asarray(t, dtype=np.float64)
    c_arr = np.atleast_2d(np.asarray(c, dtype=np.float64))
    sel = t_arr >= start - 1e-9
    tw, cw = t_arr[sel], c_arr[:, sel]
    if len(tw) < 3:
        raise ValueError(f"fewer than 3 time points at or after {start} h")
    rows = np.arange(len(cw))
    peak = cw.max(axis=1)
    lam = terminal_slope(tw, cw)
    out: dict[float, FloatArray] = {}
    for f in fractions:
        if not 0 < f < 1:
            raise ValueError(f"fractions must be between 0 and 1, got {f}")
        level = f * peak
        above = cw >= level[:, None]
        # last grid index still at or above the level (the peak itself always is)
        last = len(tw) - 1 - np.argmax(above[:, ::-1], axis=1)
        nxt = np.minimum(last + 1, len(tw) - 1)
        c0, c1 = cw[rows, last], cw[rows, nxt]
        t0, t1 = tw[last], tw[nxt]
        with np.errstate(divide="ignore", invalid="ignore"):
            inside = t0 + (t1 - t0) * np.log(c0 / level) / np.log(c0 / c1)
            beyond = tw[-1] + np.log(cw[:, -1] / level) / lam
        crossing = np.where(last < len(tw) - 1, inside, beyond)
        out[f] = np.where(peak > 0, crossing - start, np.nan)
    return out
