"""The affinity-choice rule and the exposure assumptions, on the shipped knowledge base."""

from __future__ import annotations

import math

import pytest

from speciosa.errors import InputError, UnknownIdError
from speciosa.knowledge import load_knowledge_base
from speciosa.pd import PANEL, exposure_assumptions, measured_fu, parse_per_compound, target_data


def test_herg_ic50_is_the_geometric_mean_of_the_equally_ranked_patch_clamp_values() -> None:
    # Tay 2016 (abstract): 1.62 uM (HEK293), 1.15 uM (oocytes); Tay 2019 (abstract): 332.70 nM (hERG1a/1b)
    b = target_data(load_knowledge_base(), "HERG").bindings["mitragynine"]
    assert b.k_nM == pytest.approx((1620 * 1150 * 332.7) ** (1 / 3), rel=1e-9)
    assert (b.k_min_nM, b.k_max_nM) == (pytest.approx(332.7), pytest.approx(1620))
    assert b.species == "human" and b.quality == "primary" and b.confidence == "high"
    assert set(b.sources) == {"tay2016", "tay2019"}


def test_unresolved_values_are_never_chosen() -> None:
    kb = load_knowledge_base()
    unresolved = {
        a.id for a in kb.affinities if a.value is not None and not a.value.usable
    }  # the Obeng 2021 MOR Ki pair
    assert unresolved
    for target, _ in PANEL:
        for b in target_data(kb, target).bindings.values():
            assert not set(b.records) & unresolved


def test_human_values_outrank_unstated_species() -> None:
    kb = load_knowledge_base()
    for target, _ in PANEL:
        data = target_data(kb, target)
        for compound, b in data.bindings.items():
            species = {
                a.species
                for a in kb.affinities
                if a.target == target and a.compound == compound and a.status == "measured" and a.value
            }
            if "human" in species and b.measure in ("Ki", "Kd"):
                assert b.species == "human", (target, compound)


def test_conflicting_modes_are_reported_not_averaged() -> None:
    f = target_data(load_knowledge_base(), "MOR").functions["mitragynine"]
    assert f.mode == "partial_agonist"  # Kruegel 2016, human receptor
    assert any("antagonist (obeng2021)" in c for c in f.conflicts)
    assert "other studies" in f.describe()


def test_every_panel_target_has_a_record_measured_or_explicitly_not() -> None:
    kb = load_knowledge_base()
    for target, _ in PANEL:
        d = target_data(kb, target)
        assert d.bindings or d.inactive or d.not_measured or d.functions, target
        for a in d.not_measured:
            assert a.searched, a.id


def test_fraction_unbound_from_percent_bound() -> None:
    kb = load_knowledge_base()
    mg = measured_fu(kb, "mitragynine")  # Ya 2019: 85-95 % bound
    assert mg is not None
    assert (mg.fu, mg.low, mg.high) == (pytest.approx(0.10), pytest.approx(0.05), pytest.approx(0.15))
    oh = measured_fu(kb, "7-hydroxymitragynine")  # Chiang 2025, rat: 73.1 % bound
    assert oh is not None and oh.fu == pytest.approx(0.269)
    assert measured_fu(kb, "speciogynine") is None


def test_unmeasured_fu_is_an_assumption_said_so() -> None:
    ex = exposure_assumptions(load_knowledge_base(), ["mitragynine", "speciogynine"])
    assert ex.fu["speciogynine"].assumed and "not measured" in ex.fu["speciogynine"].basis
    assert ex.kp_uu == {"mitragynine": 1.0, "speciogynine": 1.0}
    assert any("speciogynine" in line for line in ex.describe())


def test_user_values_replace_the_knowledge_base() -> None:
    ex = exposure_assumptions(
        load_knowledge_base(),
        ["mitragynine", "speciogynine"],
        fu={"mitragynine": 0.3},
        kp_uu={"speciogynine": 0.2},
    )
    assert ex.fu["mitragynine"].fu == 0.3 and ex.fu["mitragynine"].set_by_user
    assert ex.factor("speciogynine", "brain") == pytest.approx(ex.fu["speciogynine"].fu * 0.2)
    assert ex.factor("speciogynine", "plasma") == pytest.approx(ex.fu["speciogynine"].fu)
    assert math.isclose(ex.kp_uu["mitragynine"], 1.0)


def test_parse_per_compound_values() -> None:
    every, each = parse_per_compound(["0.2", "mitragynine=0.05"], "fu", ["mitragynine"], 0.0, 1.0)
    assert every == 0.2 and each == {"mitragynine": 0.05}
    with pytest.raises(InputError, match="--fu must be above 0 and at most 1"):
        parse_per_compound(["1.5"], "fu", ["mitragynine"], 0.0, 1.0)
    with pytest.raises(InputError, match="COMPOUND=NUMBER"):
        parse_per_compound(["lots"], "fu", ["mitragynine"], 0.0, 1.0)
    with pytest.raises(UnknownIdError):
        parse_per_compound(["mitragynin=0.1"], "fu", ["mitragynine"], 0.0, 1.0)
