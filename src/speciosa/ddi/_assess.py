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
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from speciosa.ddi._dynamic import DynamicResult, VictimDosing, simulate_victims
from speciosa.ddi._exposure import KratomExposure, interaction_size, kratom_exposure
from speciosa.ddi._perpetrator import (
    ENZYME_TARGETS,
    InhibitionConstant,
    Perpetrator,
    choose_constants,
    ddi_value,
)
from speciosa.ddi._static import (
    EnzymeEffect,
    mechanistic_static_auc_ratio,
    r1,
    r1_gut,
    r2,
    remaining_activity,
)
from speciosa.ddi._victim import VictimModel, victim_model
from speciosa.errors import InputError
from speciosa.knowledge import (
    ClinicalInteraction,
    Drug,
    InteractionRule,
    KnowledgeBase,
)
from speciosa.pd import Quantiles, measured_fu
from speciosa.pk import (
    FORM_DEFAULT_PRODUCT,
    Composition,
    PkModel,
    Regimen,
    check_run_size,
    composition,
    parse_regimen,
)

__all__ = [
    "SEVERITIES",
    "STATIC_BASIS",
    "Assessment",
    "Finding",
    "PairAssessment",
    "StaticCheck",
    "assess",
    "static_overprediction",
]

SEVERITIES = ("avoid", "major", "moderate", "minor", "none_expected")
Evidence = Literal["clinical_study", "predicted", "case_reports", "screening_bound", "theoretical"]
_EVIDENCE_RANK = {
    "clinical_study": 0,
    "predicted": 1,
    "case_reports": 2,
    "screening_bound": 3,
    "theoretical": 4,
}
#: What the static model's number is, in words (printed with every static result).
STATIC_BASIS = (
    "mechanistic static model (FDA 2020, ICH M12): a regulatory screening upper bound, not an estimate"
)
ModelKind = Literal["static", "dynamic"]


@dataclass(frozen=True)
class Finding:
    """One mechanism of one pair."""

    mechanism: str
    kind: Literal["pharmacokinetic", "pharmacodynamic"]
    severity: str
    evidence: Evidence
    summary: str
    advice: str
    sources: tuple[str, ...]
    magnitude: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class StaticCheck:
    """The static model against a clinical probe study: how far the screening bound over-predicts.

    ``predicted`` is the median static AUC ratio at the study's kratom product and dose,
    ``observed`` the study's geometric mean AUC ratio; ``fold = predicted / observed``.
    """

    probe: str
    enzyme: str
    predicted: float
    observed: float
    study: str
    source: str

    @property
    def fold(self) -> float:
        return self.predicted / self.observed

    def describe(self) -> str:
        return (
            f"for kratom it over-predicted the {self.enzyme} probe {self.probe} {self.fold:.1f}-fold "
            f"(static {self.predicted:.2f} vs observed {self.observed:g} in {self.study})"
        )


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


def _severity_from_ratio(r: Quantiles) -> str:
    if r.median >= 2:
        return "major"
    if r.median >= 1.25:
        return "moderate"
    if r.p95 >= 1.25:
        return "minor"
    return "none_expected"


def _fractions(drug: Drug) -> dict[str, float]:
    return {e: v.m_as("1") for e, v in drug.fm.items()}


def _inhibited(perp: Perpetrator) -> set[str]:
    return set(perp.reversible) | set(perp.tdi_liver)


def _effect(
    rev: InhibitionConstant | None,
    tdi: tuple[InhibitionConstant, InhibitionConstant] | None,
    kdeg: float,
    fu_mic: float,
) -> EnzymeEffect:
    return EnzymeEffect(
        ki=rev.value * fu_mic if rev else None,
        kinact=tdi[1].value if tdi else None,
        ki_tdi=tdi[0].value * fu_mic if tdi else None,
        kdeg=kdeg,
    )


def _static_population(
    drug: Drug, fm: dict[str, float], perp: Perpetrator, exp: KratomExposure, kb: KnowledgeBase
) -> np.ndarray:
    """Mechanistic static AUC ratio per subject (inlet and enterocyte peak concentrations)."""
    liver = {}
    for e in fm:
        if e not in _inhibited(perp):
            continue
        rev = perp.reversible.get(e)
        tdi = perp.tdi_liver.get(e)
        kdeg = ddi_value(kb, "kdeg", enzyme=e, organ="liver").m_as("1/h")
        liver[e] = remaining_activity(_effect(rev, tdi, kdeg, perp.fu_mic), exp.inlet_u)
    gut: np.ndarray | float = np.ones_like(exp.ig)
    fg = drug.fg.m_as("1") if drug.fg is not None else 1.0
    if fg < 1 and "CYP3A4" in fm:
        rev_g = perp.reversible_gut.get("CYP3A4")
        tdi_g = perp.tdi_gut.get("CYP3A4")
        kdeg_g = ddi_value(kb, "kdeg", enzyme="CYP3A4", organ="gut").m_as("1/h")
        gut = remaining_activity(_effect(rev_g, tdi_g, kdeg_g, perp.fu_mic), exp.ig)
    return np.asarray(mechanistic_static_auc_ratio(fm, liver, fg=fg, gut=gut), dtype=np.float64)


def static_overprediction(
    kb: KnowledgeBase,
    model: PkModel,
    perp: Perpetrator,
    *,
    n_subjects: int = 1000,
    seed: int = 0,
    fu: float = 0.10,
) -> tuple[StaticCheck, ...]:
    """The static model at each clinical probe study's kratom dose, against the observed AUC ratio.

    Every ``auc_ratio`` record of ``clinical_interactions.yaml`` whose victim has quantitative
    enzyme fractions is predicted at the study's product and single dose (a product given per
    serving, like the K51 tea, is simulated from the per-gram content of its form's default
    product, the same leaf) with the same subjects as the assessment. The probe's enzyme is the
    one carrying most of its clearance.
    """
    out: list[StaticCheck] = []
    exposures: dict[tuple[str, float], KratomExposure] = {}
    for o in kb.clinical_interactions:
        if o.measure != "auc_ratio":
            continue
        drug = kb.drug(o.victim)
        fm = {e: f for e, f in _fractions(drug).items() if f > 0}
        if not fm:
            continue
        product = kb.product(o.perpetrator)
        per_g = product.id if product.basis == "per_g" else FORM_DEFAULT_PRODUCT.get(product.form, product.id)
        key = (per_g, o.perpetrator_dose.m_as("g"))
        if key not in exposures:
            exposures[key] = kratom_exposure(
                kb,
                model,
                composition(kb, per_g),
                parse_regimen(f"{key[1]:g} g once"),
                n_subjects=n_subjects,
                seed=seed,
                fu=fu,
            )
        predicted = float(np.median(_static_population(drug, fm, perp, exposures[key], kb)))
        enzyme = max(fm, key=fm.__getitem__)
        out.append(StaticCheck(drug.name, enzyme, predicted, o.value.value, o.study, o.value.source))
    return tuple(out)


def _basic_models(
    drug: Drug, perp: Perpetrator, exp: KratomExposure, kb: KnowledgeBase
) -> list[dict[str, object]]:
    """FDA 2020 / ICH M12 basic models for the enzymes the drug uses (quantitatively or not)."""
    enzymes = [e for e in ENZYME_TARGETS if e in drug.fm or e in drug.fm_qualitative]
    imax_u = float(np.median(exp.imax_u))
    out: list[dict[str, object]] = []
    for e in enzymes:
        rev = perp.reversible.get(e)
        if rev is not None:
            value = float(r1(imax_u, rev.value * perp.fu_mic))
            cut = ddi_value(kb, "cutoff", model="R1", guidance="fda2020").value
            out.append(
                {
                    "model": "R1",
                    "enzyme": e,
                    "value": value,
                    "cutoff": cut,
                    "flagged": value >= cut,
                    "inputs": f"Imax,u {imax_u:.3g} nM (median unbound Cmax); {rev.text}",
                }
            )
        if e == "CYP3A4" and "CYP3A4" in perp.reversible_gut:
            g = perp.reversible_gut["CYP3A4"]
            value = float(r1_gut(exp.igut_nM, g.value * perp.fu_mic))
            cut = ddi_value(kb, "cutoff", model="R1_gut", guidance="fda2020").value
            out.append(
                {
                    "model": "R1_gut",
                    "enzyme": e,
                    "value": value,
                    "cutoff": cut,
                    "flagged": value >= cut,
                    "inputs": f"Igut = dose/250 mL = {exp.igut_nM / 1000:.3g} uM; {g.text}",
                }
            )
        tdi = perp.tdi_liver.get(e)
        if tdi is not None:
            kdeg = ddi_value(kb, "kdeg", enzyme=e, organ="liver").m_as("1/h")
            mult = ddi_value(kb, "inhibitor_multiple", model="R2", guidance="ich_m12").value
            value = float(r2(imax_u, tdi[0].value * perp.fu_mic, tdi[1].value, kdeg, mult))
            cut = ddi_value(kb, "cutoff", model="R2", guidance="ich_m12").value
            out.append(
                {
                    "model": "R2",
                    "guidance": "ich_m12",
                    "enzyme": e,
                    "value": value,
                    "cutoff": cut,
                    "flagged": value >= cut,
                    "inputs": f"{mult:g} x Imax,u; {tdi[0].text}; {tdi[1].text}; kdeg {kdeg:g} /h",
                }
            )
            out.append(
                {
                    "model": "R2",
                    "guidance": "fda2020",
                    "enzyme": e,
                    "value": None,
                    "cutoff": None,
                    "flagged": None,
                    "inputs": "not computed: the FDA 2020 inhibitor multiple could not be "
                    "read in the guidance (see gaps.yaml, fda2020-r2-multiple)",
                }
            )
    return out


def _bound_victim(
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


_ONE_STEP_LOWER = {"major": "moderate", "moderate": "minor"}


def _severity_observed(o: ClinicalInteraction) -> str:
    """Severity of an observed AUC ratio: the geometric mean as the median, the CI top as the p95."""
    high = o.value.interval.high if o.value.interval is not None else o.value.value
    return _severity_from_ratio(Quantiles(o.value.value, o.value.value, high))


def _observed_text(observed: Sequence[ClinicalInteraction]) -> str:
    return "; ".join(
        f"{o.measure.replace('_', ' ')} {o.value.value:g} (90% CI {o.value.interval.low:g}-"
        f"{o.value.interval.high:g}) after {o.perpetrator_dose.value:g} g ({o.study})"
        for o in observed
        if o.value.interval is not None
    )


def _pk_finding(
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
    severity = _severity_from_ratio(ratio)
    evidence: Evidence = "predicted"
    if bound_enzyme:
        mag = "upper bound (fractions metabolised not quantified): " + mag
        evidence = "theoretical"
    if bound_enzyme or screening:
        severity = _ONE_STEP_LOWER.get(severity, severity)
    auc_observed = [o for o in observed if o.measure == "auc_ratio"]
    if screening:
        evidence = "screening_bound"
        if auc_observed:
            # a screening bound never rates a pair above what a clinical study measured
            worst = min((_severity_observed(o) for o in auc_observed), key=SEVERITIES.index)
            severity = max(severity, worst, key=SEVERITIES.index)
    elif observed:
        evidence = "clinical_study"
    if observed:
        mag += "; observed: " + _observed_text(observed)
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


def _rule_matches(rule: InteractionRule, drug: Drug) -> bool:
    if rule.mechanism == "prodrug_activation":
        return drug.prodrug is not None and drug.prodrug.enzyme in rule.enzymes
    flag = getattr(drug.flags, rule.flag or "", None)
    return flag is not None and flag.level in rule.levels


def _rule_finding(rule: InteractionRule, drug: Drug, extra: str | None) -> Finding:
    flag = getattr(drug.flags, rule.flag or "", None)
    sources = [s.source for s in rule.kratom_basis] + [s.source for s in rule.drug_basis]
    if flag is not None:
        sources.append(flag.source)
    if drug.prodrug is not None and rule.mechanism == "prodrug_activation":
        sources.append(drug.prodrug.source)
    basis = f"{drug.name}: {flag.statement}" if flag is not None else None
    if drug.prodrug is not None and rule.mechanism == "prodrug_activation":
        basis = f"{drug.name} is activated by {drug.prodrug.enzyme} to {drug.prodrug.active}"
    magnitude = "; ".join(x for x in (basis, extra) if x)
    return Finding(
        rule.mechanism,
        "pharmacodynamic",
        rule.severity,
        rule.evidence,
        rule.summary,
        rule.advice,
        tuple(dict.fromkeys(sources)),
        magnitude or None,
        rule.id,
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Keep the most severe finding per mechanism (e.g. one respiratory finding, not two)."""
    best: dict[str, Finding] = {}
    for f in findings:
        cur = best.get(f.mechanism)
        if cur is None or SEVERITIES.index(f.severity) < SEVERITIES.index(cur.severity):
            best[f.mechanism] = f
    return sorted(best.values(), key=lambda f: (SEVERITIES.index(f.severity), f.kind))


def _comedications(drugs: Sequence[Drug]) -> list[dict[str, object]]:
    """Pharmacodynamic overlaps among the co-medications themselves (not kratom)."""
    checks = (
        (
            "serotonin_toxicity",
            "serotonergic",
            {"high", "moderate"},
            "major",
            "two serotonergic drugs: risk of serotonin toxicity",
        ),
        (
            "respiratory_depression",
            "respiratory_depressant",
            {"high", "moderate"},
            "major",
            "two respiratory depressants: additive depression of breathing",
        ),
        ("qt_prolongation", "qt", {"known", "possible"}, "moderate", "two QT-prolonging drugs"),
        (
            "seizure_threshold",
            "seizure_threshold",
            {"strongly_lowers", "lowers"},
            "moderate",
            "two drugs that lower the seizure threshold",
        ),
    )
    out: list[dict[str, object]] = []
    for i, a in enumerate(drugs):
        for b in drugs[i + 1 :]:
            for mech, flag, levels, severity, text in checks:
                fa, fb = getattr(a.flags, flag), getattr(b.flags, flag)
                if fa is None or fb is None or fa.level not in levels or fb.level not in levels:
                    continue
                if mech == "serotonin_toxicity" and "high" not in (fa.level, fb.level):
                    severity = "moderate"
                out.append(
                    {
                        "drugs": [a.id, b.id],
                        "mechanism": mech,
                        "severity": severity,
                        "evidence": "theoretical",
                        "summary": f"{a.name} + {b.name}: {text} (independent of kratom)",
                        "basis": [f"{a.name}: {fa.statement}", f"{b.name}: {fb.statement}"],
                        "sources": list(dict.fromkeys([fa.source, fb.source])),
                    }
                )
    return out


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
    inhibited = _inhibited(perp)
    constants_sources = list(dict.fromkeys(p.value.source for p in kb.ddi_parameters))

    plans: list[tuple[Drug, VictimModel | None, str | None]] = []
    for d in drugs:
        quantitative = {e: f for e, f in _fractions(d).items() if e in inhibited and f > 0}
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
        worst = max(
            named, key=lambda e: float(np.median(_static_population(no_gut, {e: 1.0}, perp, exp, kb)))
        )
        plans.append((d, _bound_victim(d, victim, kb, worst), worst))

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
        fm = {bound_enzyme: 1.0} if bound_enzyme else {e: f for e, f in _fractions(d).items() if f > 0}
        static_pop = (
            _static_population(
                d if not bound_enzyme else d.model_copy(update={"fg": None}), fm, perp, exp, kb
            )
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
            findings.append(_pk_finding(d, auc, static_med, bound_enzyme, observed, pk_sources, r.nadir))
        elif static_pop is not None:
            auc = Quantiles.of_values(static_pop)
            pair_checks = tuple(c for c in static_checks() if c.enzyme in fm)
            findings.append(
                _pk_finding(
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
            if _rule_matches(rule, d):
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
                findings.append(_rule_finding(rule, d, extra))
        findings = _dedupe(findings)
        severity = findings[0].severity if findings else "none_expected"
        top = [f for f in findings if f.severity == severity]
        evidence = min((f.evidence for f in top), key=_EVIDENCE_RANK.__getitem__) if top else "theoretical"
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
                tuple(_basic_models(d, perp, exp, kb)),
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
        tuple(pairs), tuple(_comedications(drugs)), exp, perp, kind, n_subjects, seed, tuple(notes)
    )
