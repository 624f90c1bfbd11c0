"""Exact solution of linear compartment systems, vectorised over subjects.

``dA/dt = K A`` between doses, with bolus doses as jumps of ``A``. Each subject has its own
rate matrix ``K``. The state is split into independent blocks (compartments connected by flows:
mitragynine with 7-OH, each minor alkaloid on its own), and each block is solved in the
eigenbasis of ``K``: with ``K = V diag(lambda) V^-1`` the modal state ``z = V^-1 A`` evolves as
``z(t + dt) = exp(lambda dt) z(t)``, so that propagation between events and evaluation at many
output times are element-wise products. Subjects whose eigenvector matrix is ill-conditioned
(nearly repeated eigenvalues, e.g. ``ka`` equal to an elimination rate) are solved with the
matrix exponential instead (:func:`scipy.linalg.expm`, Padé with scaling and squaring).

Steady state (``SS``) is exact: for doses ``b`` every ``tau`` the pre-dose modal state is
``b exp(lambda tau) / (1 - exp(lambda tau))`` (in the matrix-exponential path,
``(I - P)^-1 P b`` with ``P = expm(K tau)``).

References
----------
.. [1] Gibaldi M, Perrier D. Pharmacokinetics, 2nd ed. Marcel Dekker; 1982. Ch. 2-3 (linear
   compartment models, superposition).
.. [2] Moler C, Van Loan C. Nineteen dubious ways to compute the exponential of a matrix,
   twenty-five years later. SIAM Rev. 2003;45(1):3-49.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.linalg

__all__ = ["Bolus", "Method", "blocks_of", "solve_linear"]

FloatArray = npt.NDArray[np.float64]
Method = Literal["auto", "modal", "expm"]

#: Above this condition number of the eigenvector matrix a subject is solved with expm.
MAX_CONDITION = 1e8


@dataclass(frozen=True, slots=True)
class Bolus:
    """A dose into state ``state`` of ``amount`` (nmol, per subject or shared) at ``time`` (h).

    ``ss`` 1 puts the system at the steady state of such doses every ``ii`` h (then adds this
    dose); ``ss`` 2 adds that steady state to the current state. ``reset`` empties every state
    first (EVID 3 with ``amount`` 0, EVID 4 otherwise).
    """

    time: float
    state: int
    amount: FloatArray | float
    ss: int = 0
    ii: float = 0.0
    reset: bool = False


def blocks_of(k: FloatArray) -> tuple[tuple[int, ...], ...]:
    """Independent groups of states (connected by any non-zero rate in any subject)."""
    n = k.shape[-1]
    linked = np.any(k != 0, axis=0) if k.ndim == 3 else k != 0
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(linked), strict=True):
        parent[find(int(i))] = find(int(j))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return tuple(tuple(g) for g in sorted(groups.values()))


def _segments(
    doses: Sequence[Bolus], times: FloatArray
) -> list[tuple[float | None, list[Bolus], FloatArray, float | None]]:
    """Split the timeline at dose times.

    Returns (start, doses at start, output times in [start, next start), next start).
    """
    by_time: dict[float, list[Bolus]] = {}
    for d in doses:  # grouped in one pass, each group in the order given
        by_time.setdefault(d.time, []).append(d)
    dose_times = sorted(by_time)
    out: list[tuple[float | None, list[Bolus], FloatArray, float | None]] = []
    starts: list[float | None] = [None, *dose_times]
    # output times in [start, next start): binary search on the ascending times, not a scan per dose
    bounds = np.searchsorted(times, np.asarray(dose_times, dtype=np.float64), side="left")
    edges = [0, *bounds.tolist(), len(times)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        sel = times[edges[i] : edges[i + 1]]
        out.append((start, by_time[start] if start is not None else [], sel, end))
    return out


def _amount(d: Bolus, n: int) -> FloatArray:
    return np.broadcast_to(np.asarray(d.amount, dtype=np.float64), (n,))


def _solve_modal(
    k: FloatArray, doses: Sequence[Bolus], times: FloatArray, observe: Sequence[int], out: FloatArray
) -> FloatArray:
    """Modal solution and, per subject, a condition estimate ||V||_F ||V^-1||_F."""
    n, m = k.shape[0], k.shape[1]
    lam, vec = np.linalg.eig(k)
    with np.errstate(all="ignore"):
        inv = np.linalg.inv(vec)
        cond = np.linalg.norm(vec, axis=(1, 2)) * np.linalg.norm(inv, axis=(1, 2))
    obs_vec = vec[:, list(observe), :]  # (n, o, m)
    z = np.zeros((n, m), dtype=lam.dtype)
    cache: dict[tuple[float, ...], npt.NDArray[np.generic]] = {}

    def decay(offsets: FloatArray) -> npt.NDArray[np.generic]:
        key = tuple(np.round(offsets, 9).tolist())
        if key not in cache:
            cache[key] = np.exp(lam[:, :, None] * offsets[None, None, :])
        return cache[key]

    t_index = {t: i for i, t in enumerate(times.tolist())}  # first index of each time
    for start, at, sel, end in _segments(doses, times):
        if start is not None:
            for d in sorted(at, key=lambda d: not d.reset):
                if d.reset:
                    z[:] = 0
                if not np.any(_amount(d, n)):
                    continue
                b = inv[:, :, d.state] * _amount(d, n)[:, None]
                if d.ss:
                    e = np.exp(lam * d.ii)
                    pre = b * e / (1.0 - e)
                    z = pre + b if d.ss == 1 else z + pre + b
                else:
                    z = z + b
        if len(sel) and start is not None:
            e = decay(sel - start)
            i0 = t_index[float(sel[0])]
            for j in range(len(observe)):
                vals = np.einsum("nm,nmp->np", obs_vec[:, j, :] * z, e)  # type: ignore[arg-type]
                out[j, :, i0 : i0 + len(sel)] = vals.real if np.iscomplexobj(vals) else vals
        if end is not None and start is not None:
            z = z * decay(np.array([end - start]))[:, :, 0]
    return np.asarray(cond, dtype=np.float64)


def _expm_cached(k: FloatArray) -> Callable[[float], FloatArray]:
    cache: dict[float, FloatArray] = {}

    def prop(dt: float) -> FloatArray:
        key = round(dt, 9)
        if key not in cache:
            cache[key] = np.asarray(scipy.linalg.expm(k * dt), dtype=np.float64)
        return cache[key]

    return prop


def _apply(p: FloatArray, x: FloatArray) -> FloatArray:
    """Batched matrix-vector product ``p[i] @ x[i]``."""
    return np.asarray(np.matmul(p, x[..., None])[..., 0], dtype=np.float64)


def _solve_expm(
    k: FloatArray, doses: Sequence[Bolus], times: FloatArray, observe: Sequence[int]
) -> FloatArray:
    n, m = k.shape[0], k.shape[1]
    prop = _expm_cached(k)
    x = np.zeros((n, m))
    out = np.zeros((n, len(observe), len(times)))
    t_index = {t: i for i, t in enumerate(times.tolist())}
    obs = list(observe)
    for start, at, sel, end in _segments(doses, times):
        if start is not None:
            for d in sorted(at, key=lambda d: not d.reset):
                if d.reset:
                    x[:] = 0
                if not np.any(_amount(d, n)):
                    continue
                b = np.zeros((n, m))
                b[:, d.state] = _amount(d, n)
                if d.ss:
                    p = prop(d.ii)
                    pre = np.linalg.solve(np.eye(m) - p, _apply(p, b)[..., None])[..., 0]
                    x = pre + b if d.ss == 1 else x + pre + b
                else:
                    x = x + b
            for t in sel.tolist():
                out[:, :, t_index[t]] = _apply(prop(t - start), x)[:, obs]
            if end is not None:
                x = _apply(prop(end - start), x)
    return out


def solve_linear(
    k: FloatArray,
    doses: Sequence[Bolus],
    times: npt.ArrayLike,
    observe: Sequence[int],
    *,
    method: Method = "auto",
) -> FloatArray:
    """Amounts (nmol) in the ``observe`` states at ``times`` for every subject.

    Parameters
    ----------
    k
        Rate matrices, shape (n_subjects, n_states, n_states), 1/h; ``dA/dt = K A``.
    doses
        Bolus doses (any order); amounts in nmol.
    times
        Output times in h, ascending. An output at a dose time shows the state after the dose.
    observe
        State indices to report.
    method
        ``"modal"`` (eigen-decomposition), ``"expm"`` (matrix exponential) or ``"auto"``: modal,
        with expm for subjects whose eigenvectors are ill-conditioned.

    Returns
    -------
    numpy.ndarray
        Shape (len(observe), n_subjects, len(times)): ``result[j]`` is the amount in
        ``observe[j]`` for every subject and time.
    """
    k = np.asarray(k, dtype=np.float64)
    if k.ndim == 2:
        k = k[None]
    t = np.asarray(times, dtype=np.float64)
    if t.ndim != 1 or np.any(np.diff(t) < 0) or not np.all(np.isfinite(t)):
        raise ValueError("times must be a 1-D ascending array of finite hours")
    t, back = np.unique(t, return_inverse=True)
    n = k.shape[0]
    out = np.zeros((len(observe), n, len(t)))
    for block in blocks_of(k):
        obs_here = [(j, block.index(s)) for j, s in enumerate(observe) if s in block]
        doses_here = [
            Bolus(d.time, block.index(d.state), d.amount, d.ss, d.ii, d.reset)
            if d.state in block
            else Bolus(d.time, 0, 0.0, reset=True)
            for d in doses
            if d.state in block or d.reset
        ]
        if not obs_here:
            continue
        kb = k[:, block][:, :, block]
        local_obs = [b for _, b in obs_here]
        rows = [j for j, _ in obs_here]
        view = out[rows[0] : rows[-1] + 1] if rows == list(range(rows[0], rows[-1] + 1)) else None
        res = view if view is not None else np.zeros((len(rows), n, len(t)))
        if method == "expm":
            res[:] = np.moveaxis(_solve_expm(kb, doses_here, t, local_obs), 1, 0)
        else:
            with np.errstate(all="ignore"):
                cond = _solve_modal(kb, doses_here, t, local_obs, res)
            if method == "auto":
                bad = ~(cond < MAX_CONDITION) | ~np.all(np.isfinite(res), axis=(0, 2))
                if np.any(bad):
                    fix = _solve_expm(kb[bad], [_subset(d, bad) for d in doses_here], t, local_obs)
                    res[:, bad, :] = np.moveaxis(fix, 1, 0)
        if view is None:
            out[rows] = res
    return out if len(back) == len(t) else out[:, :, back]


def _subset(d: Bolus, mask: npt.NDArray[np.bool_]) -> Bolus:
    amount = np.asarray(d.amount, dtype=np.float64)
    if amount.ndim:
        amount = amount[mask]
    return Bolus(d.time, d.state, amount, d.ss, d.ii, d.reset)
