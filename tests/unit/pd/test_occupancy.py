"""Occupancy oracles: closed forms of the law of mass action, single ligand and competition.

Oracle: for ligands competing for one site, theta_i = x_i / (1 + sum_j x_j), x_i = C_i / K_i
(Gaddum 1937; Kenakin, A Pharmacology Primer, ch. 2). With one ligand, C = K gives 1/2 and
C = 9 K gives 9/10.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.errors import InputError
from speciosa.pd import competitive_occupancy, occupancy

positive = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


def test_single_ligand_closed_form() -> None:
    assert occupancy(10.0, 10.0) == pytest.approx(0.5)
    assert occupancy(90.0, 10.0) == pytest.approx(0.9)
    assert occupancy(0.0, 10.0) == 0.0
    c = np.array([1.0, 3.0, 30.0])
    np.testing.assert_allclose(occupancy(c, 3.0), c / (c + 3.0), rtol=1e-14)


def test_hill_slope_closed_form() -> None:
    # (C/K)^n / (1 + (C/K)^n): at C = 2K with n = 2, 4/5
    assert occupancy(20.0, 10.0, hill=2.0) == pytest.approx(0.8)


def test_competition_closed_form() -> None:
    # A at 3 K_A, B at 1 K_B: theta_A = 3/5, theta_B = 1/5, total 4/5
    theta = competitive_occupancy([[30.0], [2.0]], [10.0, 2.0])
    np.testing.assert_allclose(theta[:, 0], [0.6, 0.2], rtol=1e-14)


def test_competition_reduces_to_single_ligand_when_competitor_absent() -> None:
    theta = competitive_occupancy([[5.0, 50.0], [0.0, 0.0]], [5.0, 1.0])
    np.testing.assert_allclose(theta[0], occupancy([5.0, 50.0], 5.0), rtol=1e-14)
    np.testing.assert_array_equal(theta[1], [0.0, 0.0])


@given(ca=positive, cb=positive, ka=positive, kb=positive)
def test_competitor_lowers_the_other_ligand_and_raises_the_total(
    ca: float, cb: float, ka: float, kb: float
) -> None:
    alone = occupancy(ca, ka)
    theta = competitive_occupancy([[ca], [cb]], [ka, kb])[:, 0]
    assert theta[0] <= alone + 1e-15
    assert theta.sum() >= alone - 1e-15
    assert 0.0 < theta.sum() < 1.0


@given(c=positive, k=positive, factor=st.floats(min_value=1.01, max_value=100.0))
def test_monotone_in_concentration(c: float, k: float, factor: float) -> None:
    assert occupancy(c * factor, k) > occupancy(c, k)


def test_bad_input_names_the_problem() -> None:
    with pytest.raises(InputError, match="one K and one Hill slope per ligand"):
        competitive_occupancy([[1.0], [2.0]], [1.0])
    with pytest.raises(InputError, match="above 0"):
        competitive_occupancy([[1.0]], [0.0])
