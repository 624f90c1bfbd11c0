"""Receptor occupancy by the law of mass action, for one ligand or several competing ones.

For ligands :math:`i = 1..m` competing for one site, with free concentrations :math:`C_i` and
equilibrium dissociation constants :math:`K_i`, the fraction of sites held by ligand :math:`i` is
(Gaddum's equation generalised to :math:`m` ligands)

.. math::

    \\theta_i = \\frac{x_i}{1 + \\sum_j x_j}, \\qquad x_i = (C_i / K_i)^{n_i},

and the total occupancy is :math:`\\sum_i \\theta_i`. With one ligand and :math:`n = 1` this is the
hyperbola :math:`C / (C + K)`. A Hill slope :math:`n \\ne 1` is an empirical description of the
concentration-response curve of that ligand alone; using it inside the competition formula is an
approximation (exact only for :math:`n = 1`), named as such wherever it is used.

Occupancy is computed at equilibrium at each instant: binding is assumed fast compared with the
change in concentration (hours), which holds for reversible ligands with off-rates of minutes.

References
----------
Gaddum JH (1937). The quantitative effects of antagonistic drugs. J Physiol 89:7P-9P.
Kenakin T (2009). A Pharmacology Primer, 3rd ed., ch. 2 and 6. Academic Press.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from speciosa.errors import InputError

__all__ = ["competitive_occupancy", "occupancy"]

FloatArray = npt.NDArray[np.float64]


def occupancy(conc: npt.ArrayLike, k: float, hill: float = 1.0) -> FloatArray:
    """Fraction of sites occupied by one ligand: ``x / (1 + x)`` with ``x = (conc / k) ** hill``.

    Parameters
    ----------
    conc
        Free (unbound) concentration at the site, same unit as ``k``; any shape.
    k
        Equilibrium dissociation constant (Ki or Kd), or IC50 for an inhibitor (then the result
        is the fraction inhibited).
    hill
        Hill slope of the ligand's own concentration-response curve.

    Examples
    --------
    >>> float(occupancy(10.0, 10.0))
    0.5
    >>> float(occupancy(90.0, 10.0))
    0.9
    """
    out: FloatArray = competitive_occupancy(np.asarray(conc, dtype=np.float64)[None], [k], [hill])[0]
    return out


def competitive_occupancy(
    conc: npt.ArrayLike, k: npt.ArrayLike, hill: npt.ArrayLike | None = None
) -> FloatArray:
    """Fraction of sites held by each of ``m`` ligands competing for one site.

    Parameters
    ----------
    conc
        Free concentrations, shape ``(m, ...)``: ligand first, then any shape (subjects, times).
    k
        Dissociation constants, shape ``(m,)``, same unit as ``conc``; ``inf`` for a ligand that
        does not bind.
    hill
        Hill slopes, shape ``(m,)``; default 1.

    Returns
    -------
    numpy.ndarray
        Occupancy by each ligand, shape of ``conc``; the sum over axis 0 is the total occupancy,
        which is below 1.

    Examples
    --------
    Two ligands each at their own K share the sites equally, two thirds in all:

    >>> theta = competitive_occupancy([[1.0], [5.0]], [1.0, 5.0])
    >>> [round(float(t), 4) for t in theta[:, 0]]
    [0.3333, 0.3333]
    """
    c = np.asarray(conc, dtype=np.float64)
    kk = np.asarray(k, dtype=np.float64)
    n = np.ones_like(kk) if hill is None else np.asarray(hill, dtype=np.float64)
    if c.ndim == 0 or kk.ndim != 1 or c.shape[0] != kk.shape[0] or n.shape != kk.shape:
        raise InputError(
            "occupancy",
            f"need one K and one Hill slope per ligand: conc {c.shape}, K {kk.shape}, n {n.shape}",
        )
    if np.any(~(kk > 0)) or np.any(~(n > 0)) or np.any(c < 0):
        raise InputError("occupancy", "K and Hill slopes must be above 0 and concentrations at least 0")
    shape = (-1,) + (1,) * (c.ndim - 1)
    x: FloatArray = (c / kk.reshape(shape)) ** n.reshape(shape)
    theta: FloatArray = x / (1.0 + x.sum(axis=0, keepdims=True))
    return theta
