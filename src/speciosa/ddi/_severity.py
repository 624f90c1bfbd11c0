"""The severity scale of an interaction finding, and the severity an AUC ratio earns.

The order is :data:`speciosa.knowledge.SEVERITIES` (``avoid`` > ``major`` > ``moderate`` > ``minor``
> ``none_expected``), defined once with the schema; every comparison here and in the interfaces
uses it.
"""

from __future__ import annotations

from typing import Final, Literal

from speciosa.knowledge import SEVERITIES, ClinicalInteraction
from speciosa.pd import Quantiles

__all__ = [
    "EVIDENCE_RANK",
    "ONE_STEP_LOWER",
    "SEVERITIES",
    "Evidence",
    "severity_from_ratio",
    "severity_observed",
]

Evidence = Literal["clinical_study", "predicted", "case_reports", "screening_bound", "theoretical"]
#: Evidence bases from the strongest to the weakest.
EVIDENCE_RANK: Final = {
    "clinical_study": 0,
    "predicted": 1,
    "case_reports": 2,
    "screening_bound": 3,
    "theoretical": 4,
}
#: The severity an upper bound earns: one step below its ratio's.
ONE_STEP_LOWER: Final = {"major": "moderate", "moderate": "minor"}


def severity_from_ratio(r: Quantiles) -> str:
    """Severity of an AUC ratio: median >= 2 major, >= 1.25 moderate, p95 >= 1.25 minor."""
    if r.median >= 2:
        return "major"
    if r.median >= 1.25:
        return "moderate"
    if r.p95 >= 1.25:
        return "minor"
    return "none_expected"


def severity_observed(o: ClinicalInteraction) -> str:
    """Severity of an observed AUC ratio: the geometric mean as the median, the CI top as the p95."""
    high = o.value.interval.high if o.value.interval is not None else o.value.value
    return severity_from_ratio(Quantiles(o.value.value, o.value.value, high))
