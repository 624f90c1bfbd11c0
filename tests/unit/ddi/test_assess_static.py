"""The mechanistic static model in an assessment: a screening upper bound, never a clinical result.

Oracle: NCT04392011 (Tanna 2023, Clin Pharmacol Ther; clinical_interactions.yaml), 2 g K51 tea
with oral midazolam: observed AUC ratio 1.39 (90 % CI 1.23-1.57), i.e. ``moderate`` on the
project's scale (>= 1.25). The static model with peak gut and inlet concentrations predicts about
ten times that (docs/interactions.md, validation table: 13.8 at 2,000 subjects), which alone
would be ``major``.
"""

from __future__ import annotations

import pytest

from speciosa.ddi import PairAssessment, StaticCheck, assess, static_overprediction
from speciosa.knowledge import KnowledgeBase, load_knowledge_base
from speciosa.pk import composition, load_model, parse_regimen

SUBJECTS, SEED = 300, 0


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def study(kb: KnowledgeBase) -> dict[str, PairAssessment]:
    """The study's own conditions: the K51 leaf (per gram) as a 2 g single dose, static model."""
    drugs = [kb.drug("midazolam"), kb.drug("dextromethorphan")]
    result = assess(
        kb,
        load_model(),
        composition(kb, "k51-leaf-powder"),
        parse_regimen("2 g once"),
        drugs,
        kind="static",
        n_subjects=SUBJECTS,
        seed=SEED,
    )
    return {p.drug.id: p for p in result.pairs}


def _pk(pair: PairAssessment):  # type: ignore[no-untyped-def]
    (finding,) = [f for f in pair.findings if f.kind == "pharmacokinetic"]
    return finding


def test_static_result_is_labelled_a_screening_bound_not_the_clinical_study(
    study: dict[str, PairAssessment],
) -> None:
    for victim in ("midazolam", "dextromethorphan"):
        pair = study[victim]
        assert pair.observed, "the clinical study measured this drug"
        pk = _pk(pair)
        assert pk.evidence == "screening_bound"
        assert pair.evidence != "clinical_study"
        assert pair.ratio_is_bound
        assert pk.magnitude is not None
        assert "screening upper bound" in pk.magnitude and "observed" in pk.magnitude


def test_static_bound_does_not_raise_midazolam_above_the_observed_severity(
    study: dict[str, PairAssessment],
) -> None:
    pair = study["midazolam"]
    assert pair.auc_ratio is not None and pair.auc_ratio.median >= 2  # the bound alone: "major"
    # observed 1.39 (1.23-1.57) is "moderate": the bound is capped there
    assert _pk(pair).severity == "moderate"
    # dextromethorphan: observed 0.99 (0.83-1.19), no change
    assert _pk(study["dextromethorphan"]).severity == "none_expected"


def test_overprediction_is_the_static_model_at_the_study_dose_over_the_observed_ratio(
    kb: KnowledgeBase, study: dict[str, PairAssessment]
) -> None:
    pair = study["midazolam"]
    (check,) = pair.static_checks
    assert (check.probe, check.enzyme, check.observed, check.source) == (
        "midazolam",
        "CYP3A4",
        1.39,
        "tanna2023",
    )
    # same product, dose, subjects and seed as this assessment: the same static median
    assert pair.auc_ratio is not None
    assert check.predicted == pytest.approx(pair.auc_ratio.median, rel=1e-12)
    assert check.fold == pytest.approx(check.predicted / 1.39)
    assert 8 < check.fold < 12  # "about tenfold" (9.9 in the validation run)
    assert f"{check.fold:.1f}-fold" in (_pk(pair).magnitude or "")
    (dm,) = study["dextromethorphan"].static_checks
    assert dm.enzyme == "CYP2D6" and dm.fold < 1.5  # CYP2D6 is not over-predicted much


def test_overprediction_checks_every_probe_study(kb: KnowledgeBase) -> None:
    from speciosa.ddi import choose_constants

    checks = static_overprediction(kb, load_model(), choose_constants(kb), n_subjects=SUBJECTS, seed=SEED)
    observed = {o.victim for o in kb.clinical_interactions if o.measure == "auc_ratio"}
    assert {c.probe.lower() for c in checks} == observed
    assert all(isinstance(c, StaticCheck) and c.predicted > 0 for c in checks)


def test_static_bound_without_an_observation_is_one_step_lower(kb: KnowledgeBase) -> None:
    """Quetiapine (CYP3A4, numeric fm) has no clinical kratom study: the bound is rated one step
    below what its median would give, like every upper bound."""
    pair = assess(
        kb,
        load_model(),
        composition(kb, "k51-leaf-powder"),
        parse_regimen("2 g once"),
        [kb.drug("quetiapine")],
        kind="static",
        n_subjects=SUBJECTS,
        seed=SEED,
    ).pairs[0]
    assert not pair.observed and pair.auc_ratio is not None
    assert pair.auc_ratio.median >= 2
    assert _pk(pair).severity == "moderate" and _pk(pair).evidence == "screening_bound"
