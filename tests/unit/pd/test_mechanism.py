"""Population occupancy: consistency with the PK engine, dose monotonicity, assumptions that bite.

Consistency oracle: at a target held by one compound, occupancy is a monotone function of its free
concentration, so the median of the peak occupancies equals the occupancy at the median peak
concentration. The same seed gives the same subjects in ``simulate_population`` and
``simulate_occupancy``, so the two must agree to the resolution of the streaming quantiles.
"""

from __future__ import annotations

import pytest

from speciosa.knowledge import load_knowledge_base
from speciosa.pd import PANEL, check_claims, exposure_assumptions, occupancy, simulate_occupancy
from speciosa.pk import composition, load_model, regular_regimen, simulable_analytes, simulate_population

KB = load_knowledge_base()
MODEL = load_model()


def _run(grams: float, product: str = "k51-leaf-powder", **exposure: object):  # type: ignore[no-untyped-def]
    comp = composition(KB, product)
    reg = regular_regimen(grams, 8.0, 3)
    ex = exposure_assumptions(KB, simulable_analytes(MODEL, comp), **exposure)  # type: ignore[arg-type]
    return comp, reg, ex, simulate_occupancy(KB, MODEL, comp, reg, ex, n_subjects=400, seed=3)


def test_single_compound_target_matches_hand_calculation_from_simulated_cmax() -> None:
    comp, reg, ex, res = _run(4.0)
    pk = simulate_population(MODEL, comp, reg, n_subjects=400, seed=3, analytes=["mitragynine"])
    cmax = pk.metrics["mitragynine"]["cmax_nM"][1]  # median over the last dosing interval
    for target in ("ADRA2A", "HERG"):  # mitragynine is the only simulated ligand at both
        tr = res.target(target)
        assert tr.ligands == ("mitragynine",)
        k = tr.bindings["mitragynine"].k_nM
        site = "brain" if target == "ADRA2A" else "plasma"
        expected = float(occupancy(cmax * ex.factor("mitragynine", site), k))
        assert tr.peak is not None
        assert tr.peak.median == pytest.approx(expected, rel=0.02), target


def test_occupancy_rises_with_dose_at_every_simulated_target() -> None:
    peaks = {g: _run(g)[3] for g in (1.0, 4.0, 12.0)}
    for target, _ in PANEL:
        values = [peaks[g].target(target).peak for g in (1.0, 4.0, 12.0)]
        if values[0] is None:
            continue
        medians = [v.median for v in values if v is not None]
        assert medians == sorted(medians) and medians[0] < medians[-1], target


def test_trough_below_peak_and_upper_bound_above_central() -> None:
    res = _run(4.0)[3]
    for tr in res.targets:
        if tr.peak is None:
            continue
        assert tr.trough is not None and tr.upper_peak is not None
        assert tr.trough.median <= tr.peak.median
        assert tr.upper_peak.median >= tr.peak.median * 0.99


def test_fraction_unbound_and_brain_penetration_change_the_numbers() -> None:
    base = _run(4.0)[3]
    more_free = _run(4.0, fu={"mitragynine": 0.5, "7-hydroxymitragynine": 0.5})[3]
    less_brain = _run(4.0, kp_uu={c: 0.1 for c in base.simulated})[3]
    mor = [r.target("MOR").peak for r in (base, more_free, less_brain)]
    assert mor[0] is not None and mor[1] is not None and mor[2] is not None
    assert mor[1].median > mor[0].median > mor[2].median
    # hERG sits in the heart: unbound plasma, unaffected by brain penetration
    h0, h2 = base.target("HERG").peak, less_brain.target("HERG").peak
    assert h0 is not None and h2 is not None and h0.median == pytest.approx(h2.median, rel=1e-12)


def test_herg_margin_is_ic50_over_unbound_cmax() -> None:
    comp, reg, ex, res = _run(4.0)
    (m,) = res.herg
    assert m.threshold == 30.0 and m.threshold_source == "mirams2011"
    assert m.margin.median == pytest.approx(m.binding.k_nM / m.unbound_cmax_nM.median, rel=0.02)
    assert m.margin_lowest_ic50.median < m.margin.median


def test_claims_are_checked_for_every_library_claim_with_a_cited_reason() -> None:
    res = _run(4.0)[3]
    claims = {c.id: c for c in check_claims(KB, res)}
    assert set(claims) == {c.id for c in KB.mechanism_claims}
    sert = claims["ssri-like-serotonin-reuptake"]
    assert sert.verdict == "not supported" and "SERT" in sert.reason
    assert "meyer2004" in sert.sources and "nm-mg-sert" in sert.records
    delta = claims["delta-opioid-mood"]  # Kruegel 2016: antagonists at human DOR
    assert delta.verdict == "contradicted" and "kruegel2016" in delta.sources
    for c in claims.values():
        assert c.sources or c.records, c.id


def test_verdict_that_hinges_on_missing_product_content_says_so_and_names_it() -> None:
    """Issue 17: 5-HT1A agonism is "not supported" for commercial leaf powder and "plausible" for
    the K51 leaf only because the commercial product records no speciogynine or paynantheine (the
    alkaloids with 5-HT1A values; both have human PK). The verdict must say so."""
    commercial = {c.id: c for c in check_claims(KB, _run(4.0, "commercial-leaf-powder")[3])}
    k51 = {c.id: c for c in check_claims(KB, _run(4.0, "k51-leaf-powder")[3])}
    ht1a, full = commercial["5ht1a-agonism"], k51["5ht1a-agonism"]
    assert (ht1a.verdict, full.verdict) == ("not supported", "plausible")
    assert set(ht1a.missing_product_data) == {"speciogynine", "paynantheine"}
    assert ht1a.reason.startswith("depends on missing product data")
    assert "speciogynine" in ht1a.reason.split(";")[0] and "paynantheine" in ht1a.reason.split(";")[0]
    # the K51 leaf lists them: nothing missing, no caveat
    assert full.missing_product_data == () and not full.reason.startswith("depends")
    # a claim with no data at all for any alkaloid does not depend on product data
    assert commercial["ssri-like-serotonin-reuptake"].missing_product_data == ()
