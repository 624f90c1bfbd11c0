"""Per-pair assessment: what kratom does to a co-medication, in the style of an interaction checker.

Each pair gets findings, one per mechanism, and an overall severity = the most severe finding:

- pharmacokinetic: the predicted AUC ratio (dynamic or mechanistic static model) sets the severity
  (median >= 2: ``major``; >= 1.25: ``moderate``; 95th percentile >= 1.25: ``minor``; else
  ``none_expected``). Where the drug's enzyme fractions are known only qualitatively, the ratio is
  an upper bound (the enzyme taken to carry all clearance) and the finding says so;
- the mechanistic static model is a regulatory screening bound (FDA 2020, ICH M12), not an
  estimate: its severity is one step lower, like every upper bound, and never above the severity
  of a ratio a clinical study observed for the drug; the finding shows how far the bound
  over-predicted the clinical probe of the same enzyme (:func:`static_overprediction`);
- pharmacodynamic and prodrug: the rules of ``interaction_rules.yaml`` whose drug flag matches.

The evidence basis is ``clinical_study`` when a clinical kratom study measured the drug and the
dynamic model (validated against it) made the prediction, ``predicted`` for another dynamic
prediction, ``screening_bound`` for the static model, else the rule's (``case_reports``,
``theoretical``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from speciosa.ddi._comedications import comedication_findings
from speciosa.ddi._dynamic import DynamicResult, VictimDosing, simulate_victims
from speciosa.ddi._exposure import KratomExposure, interaction_size, kratom_exposure
from speciosa.ddi._finding import Finding, most_severe_per_mechanism
from speciosa.ddi._pd_rules import rule_finding, rule_matches
from speciosa.ddi._perpetrator import ENZYME_TARGETS, Perpetrator, choose_constants
from speciosa.ddi._pk_finding import ModelKind, bound_victim, pk_finding
from speciosa.ddi._screening import (
    StaticCheck,
    basic_models,
    fractions,
    inhibited_enzymes,
    static_overprediction,
    static_population,
)
from speciosa.ddi._severity import EVIDENCE_RANK, Evidence
from speciosa.ddi._victim import VictimModel, victim_model
from speciosa.errors import InputError
from speciosa.knowledge import ClinicalInteraction, Drug, KnowledgeBase
from speciosa.pd import Quantiles, measured_fu
from speciosa.pk import Composition, PkModel, Regimen, check_run_size

__all__ = ["Assessment", "PairAssessment", "assess"]


@dataclass(frozen=True)
class PairAssessment:
    """Kratom with one drug."""

    drug: Drug
    severity: str
    evidence: Evidence
    findings: tuple[Finding, ...]
    auc_ratio: Quantiles | None
    cmax_ratio: Quantiles | None
    static_auc_ratio: float | None
    ratio_is_bound: bool
    basic: tuple[dict[str, object], ...]
    observed: tuple[ClinicalInteraction, ...]
    assumptions: tuple[str, ...]
    dosing: VictimDosing | None = None
    static_checks: tuple[StaticCheck, ...] = ()

    @property
    def mechanisms(self) -> list[str]:
        return [f.mechanism for f in self.findings if f.severity != "none_expected"]

    @property
    def advice(self) -> str:
        top = [f.advice for f in self.findings if f.severity == self.severity]
        if not top:
            return (
                "No interaction mechanism is recorded for this pair. Absence of data is not proof of "
                "safety: report unexpected effects."
            )
        return " ".join(dict.fromkeys(top))

    @property
    def sources(self) -> list[str]:
        out = [s for f in self.findings for s in f.sources]
        out += [o.value.source for o in self.observed]
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Assessment:
    """All pairs for one kratom regimen, and interactions among the co-medications themselves."""

    pairs: tuple[PairAssessment, ...]
    comedications: tuple[dict[str, object], ...]
    exposure: KratomExposure
    perpetrator: Perpetrator
    model: ModelKind
    n_subjects: int
    seed: int
    assumptions: tuple[str, ...] = field(default=())


def assess(
    kb: KnowledgeBase,
    model: PkModel,
    comp: Composition,
    regimen: Regimen,
    drugs: Sequence[Drug],
    *,
    intervals: Sequence[float | None] | None = None,
    kind: ModelKind = "dynamic",
    n_subjects: int = 1000,
    seed: int = 0,
    weight_kg: float | None = None,
    herg_margin: Quantiles | None = None,
) -> Assessment:
    """Assess kratom (this product and regimen) with each of ``drugs``.

    Parameters
    ----------
    intervals
        Dosing interval (h) of each drug, or None for a single dose.
    kind
        ``dynamic`` (time course; default) or ``static`` (mechanistic static model per subject).
    herg_margin
        hERG margin of mitragynine for this regimen (:func:`speciosa.pd.simulate_occupancy`), shown
        with QT findings.
    """
    if not drugs:
        raise InputError("drug", "give at least one --drug")
    check_run_size(interaction_size(regimen, n_subjects=n_subjects))
    perp = choose_constants(kb)
    unbound = measured_fu(kb, "mitragynine")
    if unbound is None:
        raise InputError("fu", "no fraction unbound of mitragynine in the knowledge base")
    fu = unbound.fu
    fu_rng = (unbound.low or fu, unbound.high or fu)
    exp = kratom_exposure(
        kb, model, comp, regimen, n_subjects=n_subjects, seed=seed, weight_kg=weight_kg, fu=fu
    )
    ivals = list(intervals) if intervals is not None else [None] * len(drugs)
    inhibited = inhibited_enzymes(perp)
    constants_sources = list(dict.fromkeys(p.value.source for p in kb.ddi_parameters))

    plans: list[tuple[Drug, VictimModel | None, str | None]] = []
    for d in drugs:
        quantitative = {e: f for e, f in fractions(d).items() if e in inhibited and f > 0}
        victim: VictimModel | None = None
        try:
            victim = victim_model(kb, d)
        except InputError:
            victim = None
        if quantitative:
            plans.append((d, victim, None))
            continue
        named = [e for e in d.fm_qualitative if e in inhibited]
        if not named:
            plans.append((d, None, None))
            continue
        # the enzyme most inhibited by the static model at the inlet peak carries the bound
        no_gut = d.model_copy(update={"fg": None})
        worst = max(named, key=lambda e: float(np.median(static_population(no_gut, {e: 1.0}, perp, exp, kb))))
        plans.append((d, bound_victim(d, victim, kb, worst), worst))

    checks_cache: list[tuple[StaticCheck, ...]] = []

    def static_checks() -> tuple[StaticCheck, ...]:
        if not checks_cache:
            checks_cache.append(
                static_overprediction(kb, model, perp, n_subjects=n_subjects, seed=seed, fu=fu)
            )
        return checks_cache[0]

    dynamic: dict[int, DynamicResult] = {}
    if kind == "dynamic":
        run = [(i, v) for i, (_, v, _) in enumerate(plans) if v is not None]
        results = simulate_victims(
            kb,
            model,
            comp,
            regimen,
            [v for _, v in run],
            perp,
            intervals=[ivals[i] for i, _ in run],
            n_subjects=n_subjects,
            seed=seed,
            weight_kg=weight_kg,
            fu=(fu, fu_rng[0], fu_rng[1]),
        )
        dynamic = {i: r for (i, _), r in zip(run, results, strict=True)}

    pairs: list[PairAssessment] = []
    for i, (d, victim, bound_enzyme) in enumerate(plans):
        observed = tuple(o for o in kb.clinical_interactions if o.victim == d.id)
        fm = {bound_enzyme: 1.0} if bound_enzyme else {e: f for e, f in fractions(d).items() if f > 0}
        static_pop = (
            static_population(d if not bound_enzyme else d.model_copy(update={"fg": None}), fm, perp, exp, kb)
            if fm
            else None
        )
        static_med = float(np.median(static_pop)) if static_pop is not None else None
        findings: list[Finding] = []
        auc = cmax = None
        assumptions: list[str] = list(victim.assumptions) if victim else []
        pk_sources = [*perp.sources, *(victim.sources if victim else ()), *constants_sources]
        if kind == "dynamic" and i in dynamic:
            r = dynamic[i]
            auc, cmax = r.auc_ratio, r.cmax_ratio
            findings.append(pk_finding(d, auc, static_med, bound_enzyme, observed, pk_sources, r.nadir))
        elif static_pop is not None:
            auc = Quantiles.of_values(static_pop)
            pair_checks = tuple(c for c in static_checks() if c.enzyme in fm)
            findings.append(
                pk_finding(
                    d,
                    auc,
                    None,
                    bound_enzyme,
                    observed,
                    [*pk_sources, *(c.source for c in pair_checks)],
                    {},
                    kind="static",
                    checks=pair_checks,
                )
            )
            if kind == "dynamic":
                assumptions.append(
                    f"{d.name}: no half-life recorded; mechanistic static model used instead of the "
                    "dynamic model"
                )
        elif fm or any(e in d.fm_qualitative for e in ENZYME_TARGETS):
            assumptions.append(
                f"{d.name}: its enzymes are not inhibited by mitragynine in the data, or no PK to simulate"
            )
        for rule in kb.interaction_rules:
            if rule_matches(rule, d):
                extra = None
                if rule.mechanism == "qt_prolongation" and herg_margin is not None:
                    extra = (
                        f"mitragynine hERG margin (IC50 / unbound Cmax) {herg_margin.median:.3g} "
                        f"(90% of users {herg_margin.p05:.3g}-{herg_margin.p95:.3g})"
                    )
                if rule.mechanism == "prodrug_activation" and i in dynamic:
                    key = f"liver {d.prodrug.enzyme}" if d.prodrug else ""
                    if key in dynamic[i].nadir:
                        n = dynamic[i].nadir[key]
                        extra = (
                            f"predicted lowest {key.split()[1]} activity {100 * n.median:.0f}% "
                            f"(90%: {100 * n.p05:.0f}-{100 * n.p95:.0f}%)"
                        )
                findings.append(rule_finding(rule, d, extra))
        findings = most_severe_per_mechanism(findings)
        severity = findings[0].severity if findings else "none_expected"
        top = [f for f in findings if f.severity == severity]
        evidence = min((f.evidence for f in top), key=EVIDENCE_RANK.__getitem__) if top else "theoretical"
        if observed and any(f.kind == "pharmacokinetic" and f.evidence == "clinical_study" for f in top):
            evidence = "clinical_study"
        pairs.append(
            PairAssessment(
                d,
                severity,
                evidence,
                tuple(findings),
                auc,
                cmax,
                static_med,
                bound_enzyme is not None or (static_pop is not None and i not in dynamic),
                tuple(basic_models(d, perp, exp, kb)),
                observed,
                tuple(dict.fromkeys(assumptions)),
                dynamic[i].dosing if i in dynamic else None,
                tuple(c for c in static_checks() if c.enzyme in fm)
                if static_pop is not None and i not in dynamic
                else (),
            )
        )
    notes = (
        *perp.assumptions,
        f"Mitragynine fraction unbound {fu:g} (each simulated subject draws from "
        f"{fu_rng[0]:g}-{fu_rng[1]:g}); "
        "blood-to-plasma ratio 1 and fa = fg = 1 for the inlet concentration (not measured).",
        "Victim drugs at typical PK (no between-subject variability); intervals reflect kratom PK "
        "variability, "
        "the reported SD of the inhibition constants and the fu range.",
        "Normal CYP2D6 and CYP2C19 metabolisers; poor metabolisers have no CYP2D6 pathway to inhibit.",
        "Induction by kratom is not modelled: no induction data (EC50, Emax) for kratom alkaloids "
        "were found.",
    )
    return Assessment(
        tuple(pairs), tuple(comedication_findings(drugs)), exp, perp, kind, n_subjects, seed, tuple(notes)
    )
