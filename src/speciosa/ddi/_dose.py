"""Co-medication doses checked against the drug's labelled maximum daily dose.

A dose typed in the wrong unit (``50 kg`` for ``50 mg``) or a zero dose would otherwise drive the
interaction model silently. :func:`check_drug_dose` refuses a dose that is not above 0, or whose
daily amount is above :data:`LABEL_TOLERANCE` times the sourced maximum daily dose of
:class:`~speciosa.knowledge.Drug` (``max_daily_dose``). Where the label sets no maximum (opioids
titrated to effect, ethanol) the check falls back to a plausibility cap that is a convention of
this project, not a sourced threshold (:data:`FALLBACK_USUAL_MULTIPLE`, :data:`FALLBACK_CAP_MG`).
"""

from __future__ import annotations

import math
from typing import Final

from speciosa.errors import InputError
from speciosa.knowledge import Drug

__all__ = [
    "FALLBACK_CAP_MG",
    "FALLBACK_USUAL_MULTIPLE",
    "LABEL_TOLERANCE",
    "check_drug_dose",
    "daily_amount_mg",
]

LABEL_TOLERANCE: Final = 2.0
"""A daily amount above this multiple of the labelled maximum is refused.

Convention, not a sourced threshold: labels are exceeded in practice (off-label high doses,
inpatients), so only amounts far above the maximum, typically a unit slip, are refused.
"""

FALLBACK_USUAL_MULTIPLE: Final = 100.0
"""Without a labelled maximum: refuse a daily amount above this multiple of ``usual_dose``.

Convention, not a sourced threshold: generous because opioid-tolerant patients take many times a
starting dose; it still catches a unit slip of 1000 (g for mg, mg for µg).
"""

FALLBACK_CAP_MG: Final = 1_000_000.0
"""Without a labelled maximum or a usual dose: refuse a daily amount above 1 kg (in mg).

Convention, not a sourced threshold: no drug in the dataset is taken at a kilogram a day
(ethanol included), so this catches only unit slips such as ``kg`` for ``mg``.
"""


def daily_amount_mg(mg_per_dose: float, every_h: float | None) -> float:
    """The most taken in one day: ``mg_per_dose * 24 / every_h``, or one dose (once, or ≥ 24 h apart).

    Parameters
    ----------
    mg_per_dose
        Amount of one dose, mg.
    every_h
        Dosing interval, h; ``None`` for a single dose.
    """
    if every_h is None or every_h >= 24.0:
        return mg_per_dose
    return mg_per_dose * 24.0 / every_h


def _mg(x: float) -> str:
    return f"{x:.0f}" if x >= 100 else f"{x:.3g}"


def check_drug_dose(drug: Drug, mg_per_dose: float, every_h: float | None) -> None:
    """Refuse a co-medication dose that is not above 0 or is implausibly high for ``drug``.

    Parameters
    ----------
    drug
        The co-medication record.
    mg_per_dose
        Amount of one dose, mg.
    every_h
        Dosing interval, h; ``None`` for a single dose.

    Raises
    ------
    InputError
        Field ``drug-dose``: the dose is not above 0 (or not finite), or its daily amount
        (:func:`daily_amount_mg`) is above :data:`LABEL_TOLERANCE` times the labelled maximum daily
        dose, or, without a labelled maximum, above the fallback cap.
    """
    if not math.isfinite(mg_per_dose) or mg_per_dose <= 0:
        raise InputError("drug-dose", f"{drug.name}: a dose must be above 0 mg, got {_mg(mg_per_dose)} mg")
    daily = daily_amount_mg(mg_per_dose, every_h)
    label = drug.max_daily_dose
    if label is not None:
        limit = label.m_as("mg")
        if daily > LABEL_TOLERANCE * limit:
            raise InputError(
                "drug-dose",
                f"{drug.name}: {_mg(daily)} mg a day is above twice the labelled maximum of {_mg(limit)} "
                f"mg/day ({label.source}); check the unit",
            )
        return
    usual = drug.usual_dose
    if usual is not None:
        cap = FALLBACK_USUAL_MULTIPLE * usual.m_as("mg")
        what = (
            f"{FALLBACK_USUAL_MULTIPLE:g} times the usual dose of {_mg(usual.m_as('mg'))} mg ({usual.source})"
        )
    else:
        cap, what = FALLBACK_CAP_MG, f"the plausibility cap of {_mg(FALLBACK_CAP_MG)} mg/day"
    if daily > cap:
        raise InputError(
            "drug-dose",
            f"{drug.name}: {_mg(daily)} mg a day is above {what}; no labelled maximum is recorded, so this "
            "is a plausibility convention, not a sourced limit; check the unit",
        )
