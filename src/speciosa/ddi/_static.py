"""Static interaction models: the regulatory basic models and the mechanistic static model.

All concentrations are unbound and in the same unit as the inhibition constants; rate constants
in 1/h. Formulas as in the FDA in vitro DDI guidance (2020) and ICH M12 (2024); the guidances
differ only in the inhibitor multiple of the basic time-dependent model (R2): 50 x Imax,u (FDA)
and 5 x Imax,u (ICH M12).

References
----------
.. [1] US FDA. In Vitro Drug Interaction Studies - Cytochrome P450 Enzyme- and
   Transporter-Mediated Drug Interactions. Guidance for Industry, January 2020.
.. [2] ICH M12 Drug Interaction Studies, final version, May 2024.
.. [3] Fahmi OA, et al. Comparison of different algorithms for predicting clinical drug-drug
   interactions, based on the use of CYP3A4 in vitro data. Drug Metab Dispos 2009;37:1658-66.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "EnzymeEffect",
    "mechanistic_static_auc_ratio",
    "r1",
    "r1_gut",
    "r2",
    "r3",
    "remaining_activity",
]

FloatArray = npt.NDArray[np.float64]
ArrayLike = float | FloatArray


def r1(i_u: ArrayLike, ki_u: float) -> ArrayLike:
    """Basic reversible model, liver: ``R1 = 1 + Imax,u / Ki,u``."""
    return 1.0 + np.asarray(i_u) / ki_u


def r1_gut(i_gut: ArrayLike, ki_u: float) -> ArrayLike:
    """Basic reversible model, gut wall (oral CYP3A substrates): ``R1,gut = 1 + Igut / Ki,u``.

    ``Igut`` is the dose over 250 mL.
    """
    return 1.0 + np.asarray(i_gut) / ki_u


def r2(i_u: ArrayLike, ki_u: float, kinact: float, kdeg: float, multiple: float) -> ArrayLike:
    """Basic time-dependent model: ``R2 = (kobs + kdeg) / kdeg``.

    ``kobs = kinact * m Imax,u / (KI,u + m Imax,u)`` with ``m`` = 50 (FDA 2020) or 5 (ICH M12).
    """
    i = multiple * np.asarray(i_u)
    kobs = kinact * i / (ki_u + i)
    return (kobs + kdeg) / kdeg


def r3(i_u: ArrayLike, ec50_u: float, emax: float, d: float = 1.0, multiple: float = 10.0) -> ArrayLike:
    """Basic induction model: ``R3 = 1 / (1 + d Emax m Imax,u / (EC50,u + m Imax,u))``, m = 10."""
    i = multiple * np.asarray(i_u)
    return 1.0 / (1.0 + d * emax * i / (ec50_u + i))


@dataclass(frozen=True)
class EnzymeEffect:
    """Inhibition constants of one perpetrator at one enzyme in one organ (unbound, same unit).

    ``ki`` is the reversible constant; ``kinact_ki`` the pair (kinact 1/h, KI) of time-dependent
    inactivation; ``kdeg`` the enzyme's turnover (1/h) in that organ. Either may be absent.
    """

    ki: float | None = None
    kinact: float | None = None
    ki_tdi: float | None = None
    kdeg: float | None = None

    def __post_init__(self) -> None:
        if (self.kinact is None) != (self.ki_tdi is None):
            raise ValueError("time-dependent inhibition needs both kinact and KI")
        if self.kinact is not None and self.kdeg is None:
            raise ValueError("time-dependent inhibition needs the enzyme's kdeg")


def remaining_activity(effect: EnzymeEffect, i_u: ArrayLike) -> ArrayLike:
    """Fraction of enzyme activity left at steady state: ``A * B`` of the mechanistic static model.

    ``A = 1 / (1 + I / Ki)`` (reversible) and ``B = kdeg / (kdeg + kinact I / (I + KI))``
    (time-dependent), at unbound inhibitor concentration ``I``.
    """
    i = np.asarray(i_u, dtype=np.float64)
    out = np.ones_like(i)
    if effect.ki is not None:
        out = out / (1.0 + i / effect.ki)
    if effect.kinact is not None:
        assert effect.ki_tdi is not None and effect.kdeg is not None
        out = out * effect.kdeg / (effect.kdeg + effect.kinact * i / (i + effect.ki_tdi))
    return out


def mechanistic_static_auc_ratio(
    fm: Mapping[str, float],
    liver: Mapping[str, ArrayLike],
    *,
    fg: float = 1.0,
    gut: ArrayLike = 1.0,
) -> ArrayLike:
    """AUC ratio of an oral victim by the mechanistic static model [3]_.

    ``AUCR = 1 / (a_g (1 - Fg) + Fg) * 1 / (sum_j fm_j a_j + (1 - sum_j fm_j))``

    Parameters
    ----------
    fm
        Enzyme -> fraction of the victim's clearance it carries.
    liver
        Enzyme -> remaining activity in the liver (:func:`remaining_activity`); enzymes without
        an entry are not inhibited.
    fg
        The victim's intestinal availability without the perpetrator (1: no gut metabolism).
    gut
        Remaining CYP3A activity in the gut wall.

    Notes
    -----
    The ratio never exceeds ``1 / (1 - sum fm)`` for the liver term, nor ``1 / Fg`` for the gut
    term: these are the ceilings reached when the enzymes are fully inhibited.
    """
    total = sum(fm.values())
    hepatic: ArrayLike = 1.0 - total
    for enzyme, f in fm.items():
        hepatic = hepatic + f * np.asarray(liver.get(enzyme, 1.0))
    gut_term = np.asarray(gut) * (1.0 - fg) + fg
    return 1.0 / (gut_term * hepatic)
