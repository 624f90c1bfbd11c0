"""Regulatory screening: the mechanistic static model per subject, the FDA 2020 / ICH M12 basic
models, and how far the static bound over-predicted the clinical probe studies of kratom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from speciosa.ddi._exposure import KratomExposure, kratom_exposure
from speciosa.ddi._perpetrator import ENZYME_TARGETS, InhibitionConstant, Perpetrator, ddi_value
from speciosa.ddi._static import (
    EnzymeEffect,
    mechanistic_static_auc_ratio,
    r1,
    r1_gut,
    r2,
    remaining_activity,
)
from speciosa.knowledge import Drug, KnowledgeBase
from speciosa.pk import FORM_DEFAULT_PRODUCT, PkModel, composition, parse_regimen

__all__ = [
    "STATIC_BASIS",
    "StaticCheck",
    "basic_models",
    "fractions",
    "inhibited_enzymes",
    "static_overprediction",
    "static_population",
]

#: What the static model's number is, in words (printed with every static result).
STATIC_BASIS: Final = (
    "mechanistic static model (FDA 2020, ICH M12): a regulatory screening upper bound, not an estimate"
)


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


def fractions(drug: Drug) -> dict[str, float]:
    return {e: v.m_as("1") for e, v in drug.fm.items()}


def inhibited_enzymes(perp: Perpetrator) -> set[str]:
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


def static_population(
    drug: Drug, fm: dict[str, float], perp: Perpetrator, exp: KratomExposure, kb: KnowledgeBase
) -> np.ndarray:
    """Mechanistic static AUC ratio per subject (inlet and enterocyte peak concentrations)."""
    liver = {}
    for e in fm:
        if e not in inhibited_enzymes(perp):
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
        fm = {e: f for e, f in fractions(drug).items() if f > 0}
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
        predicted = float(np.median(static_population(drug, fm, perp, exposures[key], kb)))
        enzyme = max(fm, key=fm.__getitem__)
        out.append(StaticCheck(drug.name, enzyme, predicted, o.value.value, o.study, o.value.source))
    return tuple(out)


def basic_models(
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
