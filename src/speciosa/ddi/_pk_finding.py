"""The pharmacokinetic finding of a pair: an AUC ratio (dynamic, static or upper bound) in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from speciosa.ddi._finding import Finding
from speciosa.ddi._perpetrator import ENZYME_TARGETS
from speciosa.ddi._screening import STATIC_BASIS, StaticCheck
from speciosa.ddi._severity import (
    ONE_STEP_LOWER,
    SEVERITIES,
    Evidence,
    severity_from_ratio,
    severity_observed,
)
from speciosa.ddi._victim import VictimModel, victim_model
from speciosa.errors import InputError
from speciosa.knowledge import ClinicalInteraction, Drug, KnowledgeBase
from speciosa.pd import Quantiles

__all__ = ["ModelKind", "bound_victim", "observed_text", "pk_finding"]

ModelKind = Literal["static", "dynamic"]


def bound_victim(
    drug: Drug, victim: VictimModel | None, kb: KnowledgeBase, enzyme: str
) -> VictimModel | None:
    """Worst case for a drug whose enzyme fractions are unknown: ``enzyme`` carries all clearance."""
    if victim is None:
        try:
            base = victim_model(kb, drug.model_copy(update={"fm": {}, "fg": None}))
        except InputError:
            return None
    else:
        base = victim
    return replace(
        base,
        eh=0.0,
        fg=1.0,
        fe=0.0,
        fm_h={enzyme: 1.0},
        assumptions=(*base.assumptions, f"upper bound: {enzyme} taken to carry all clearance"),
    )


def observed_text(observed: Sequence[ClinicalInteraction]) -> str:
    return "; ".join(
        f"{o.measure.replace('_', ' ')} {o.value.value:g} (90% CI {o.value.interval.low:g}-"
        f"{o.value.interval.high:g}) after {o.perpetrator_dose.value:g} g ({o.study})"
        for o in observed
        if o.value.interval is not None
    )


def pk_finding(
    drug: Drug,
    ratio: Quantiles,
    static: float | None,
    bound_enzyme: str | None,
    observed: Sequence[ClinicalInteraction],
    sources: Sequence[str],
    nadir: dict[str, Quantiles],
    *,
    kind: ModelKind = "dynamic",
    checks: Sequence[StaticCheck] = (),
) -> Finding:
    enzymes = [bound_enzyme] if bound_enzyme else [e for e in drug.fm if e in ENZYME_TARGETS]
    where = []
    for e in enzymes:
        parts = []
        if f"liver {e}" in nadir:
            parts.append(f"liver {e} activity falls to {100 * nadir[f'liver {e}'].median:.0f}% at its lowest")
        if e == "CYP3A4" and "gut CYP3A4" in nadir and (drug.fg is not None and drug.fg.m_as("1") < 1):
            parts.append(f"gut-wall CYP3A4 to {100 * nadir['gut CYP3A4'].median:.0f}%")
        where += parts
    mech = f"{'/'.join(enzymes)} inhibition by mitragynine"
    screening = kind == "static"
    mag = f"AUC x{ratio.median:.2f} (90% of simulated users {ratio.p05:.2f}-{ratio.p95:.2f})"
    if screening:
        mag = f"{STATIC_BASIS}: AUC at most x{ratio.median:.2f} (90% of simulated users {ratio.p05:.2f}-" + (
            f"{ratio.p95:.2f})"
        )
        mag += "".join(f"; {c.describe()}" for c in checks)
    if static is not None:
        mag += f"; mechanistic static screening bound x{static:.2f}"
    if where:
        mag += "; " + ", ".join(where) + " (median)"
    severity = severity_from_ratio(ratio)
    evidence: Evidence = "predicted"
    if bound_enzyme:
        mag = "upper bound (fractions metabolised not quantified): " + mag
        evidence = "theoretical"
    if bound_enzyme or screening:
        severity = ONE_STEP_LOWER.get(severity, severity)
    auc_observed = [o for o in observed if o.measure == "auc_ratio"]
    if screening:
        evidence = "screening_bound"
        if auc_observed:
            # a screening bound never rates a pair above what a clinical study measured
            worst = min((severity_observed(o) for o in auc_observed), key=SEVERITIES.index)
            severity = max(severity, worst, key=SEVERITIES.index)
    elif observed:
        evidence = "clinical_study"
    if observed:
        mag += "; observed: " + observed_text(observed)
    if severity == "none_expected":
        summary = (
            f"No meaningful change in {drug.name} exposure is predicted: {mech} is too weak at these "
            "concentrations."
        )
        if screening:
            summary = (
                f"The static screening model rules out a meaningful change in {drug.name} exposure "
                f"through {mech}, or a clinical study measured none."
            )
        advice = "No change expected from this mechanism."
    else:
        summary = (
            f"Kratom is predicted to raise {drug.name} exposure through {mech}"
            + (
                " (an upper bound: how much of its clearance uses this enzyme is not known)"
                if bound_enzyme
                else ""
            )
            + "."
        )
        if screening:
            summary = (
                f"The static screening model cannot rule out a rise in {drug.name} exposure through "
                f"{mech}; its number is an upper bound, not an estimate (the dynamic model, the default, "
                "gives one)."
            )
        advice = (
            f"Expect higher {drug.name} levels: watch for its dose-related side effects; the prescriber may "
            "consider monitoring, a lower dose or an alternative that does not use this enzyme."
        )
    return Finding(
        mech, "pharmacokinetic", severity, evidence, summary, advice, tuple(dict.fromkeys(sources)), mag
    )
