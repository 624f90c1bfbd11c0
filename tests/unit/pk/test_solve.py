"""Exact linear solver: closed forms, the ODE oracle, superposition, mass balance, events."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speciosa.pk import Bolus, linear_rhs, solve_linear, solve_ode

T = np.linspace(0.0, 96.0, 193)


def one_cpt(ka: float, k: float) -> np.ndarray:
    return np.array([[-ka, 0.0], [ka, -k]])


def two_cpt(ka: float, k10: float, k12: float, k21: float) -> np.ndarray:
    return np.array([[-ka, 0, 0], [ka, -(k10 + k12), k21], [0, k12, -k21]])


@pytest.mark.parametrize("method", ["modal", "expm", "auto"])
def test_one_compartment_oral_matches_bateman(method: str) -> None:
    """Oracle: A(t) = D ka/(ka-k) (exp(-k t) - exp(-ka t)) (Gibaldi & Perrier 1982, eq. 2.64)."""
    ka, k, dose = 1.3, 0.07, 1000.0
    got = solve_linear(one_cpt(ka, k), [Bolus(0.0, 0, dose)], T, [1], method=method)[0, 0]
    want = dose * ka / (ka - k) * (np.exp(-k * T) - np.exp(-ka * T))
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12 * dose)


def test_two_compartment_oral_matches_closed_form() -> None:
    """Oracle: tri-exponential solution with hybrid rates alpha, beta (Gibaldi & Perrier 1982, ch. 3)."""
    ka, k10, k12, k21, dose = 1.5, 0.3, 0.4, 0.05, 1000.0
    s = k10 + k12 + k21
    alpha = (s + math.sqrt(s * s - 4 * k10 * k21)) / 2
    beta = (s - math.sqrt(s * s - 4 * k10 * k21)) / 2
    a = ka * (k21 - alpha) / ((ka - alpha) * (beta - alpha))
    b = ka * (k21 - beta) / ((ka - beta) * (alpha - beta))
    c = ka * (k21 - ka) / ((alpha - ka) * (beta - ka))
    want = dose * (a * np.exp(-alpha * T) + b * np.exp(-beta * T) + c * np.exp(-ka * T))
    got = solve_linear(two_cpt(ka, k10, k12, k21), [Bolus(0.0, 0, dose)], T, [1])[0, 0]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


def test_exact_matches_ode_to_1e_6_with_doses_mid_interval() -> None:
    k = two_cpt(0.9, 0.2, 0.5, 0.08)
    doses = [Bolus(0.0, 0, 100.0), Bolus(7.3, 0, 50.0), Bolus(7.3, 1, 20.0), Bolus(30.0, 0, 80.0)]
    times = np.sort(np.concatenate([T, [7.3, 29.999, 30.0]]))
    exact = solve_linear(k, doses, times, [0, 1, 2])[:, 0]
    ode = solve_ode(linear_rhs(k), 3, doses, times, [0, 1, 2])
    scale = np.max(np.abs(ode), axis=1, keepdims=True)
    assert np.max(np.abs(exact - ode) / scale) < 1e-6


def test_kratom_model_exact_matches_ode() -> None:
    from speciosa.pk import load_model

    model = load_model()
    params = model.individual(np.random.default_rng(3).normal(0, 0.3, (1, len(model.random_effects))))
    k = model.rate_matrix(params)[0]
    doses = [Bolus(8.0 * i, 0, 7e4) for i in range(6)] + [
        Bolus(8.0 * i, 3, 7e4 * params["Y_oh"][0]) for i in range(6)
    ]
    obs = [model.analytes["mitragynine"], model.analytes["7-hydroxymitragynine"]]
    exact = solve_linear(k, doses, T, obs)[:, 0]
    ode = solve_ode(linear_rhs(k), len(model.states), doses, T, obs)
    assert np.max(np.abs(exact - ode) / np.max(np.abs(ode), axis=1, keepdims=True)) < 1e-6


def test_repeated_eigenvalue_falls_back_to_expm() -> None:
    """ka equal to k makes the eigenvector matrix singular; oracle A = D k t exp(-k t)."""
    k, dose = 0.2, 100.0
    got = solve_linear(one_cpt(k, k), [Bolus(0.0, 0, dose)], T, [1])[0, 0]
    np.testing.assert_allclose(got, dose * k * T * np.exp(-k * T), rtol=1e-9, atol=1e-10)


def test_steady_state_equals_many_doses() -> None:
    k = two_cpt(1.5, 0.1, 0.4, 0.05)
    t = np.array([0.0, 2.0, 5.0, 7.99])
    ss = solve_linear(k, [Bolus(0.0, 0, 100.0, ss=1, ii=8.0)], t, [1, 2])
    many = solve_linear(k, [Bolus(8.0 * i, 0, 100.0) for i in range(600)], t + 8 * 599, [1, 2])
    np.testing.assert_allclose(ss, many, rtol=1e-9)
    ssx = solve_linear(k, [Bolus(0.0, 0, 100.0, ss=1, ii=8.0)], t, [1, 2], method="expm")
    np.testing.assert_allclose(ssx, many, rtol=1e-9)


def test_reset_empties_the_system() -> None:
    k = one_cpt(1.0, 0.1)
    doses = [Bolus(0.0, 0, 100.0), Bolus(10.0, 0, 0.0, reset=True), Bolus(20.0, 0, 50.0)]
    got = solve_linear(k, doses, np.array([9.0, 10.0, 15.0, 25.0]), [1])[0, 0]
    assert got[1] == 0.0 and got[2] == 0.0
    np.testing.assert_allclose(got[3], solve_linear(k, [Bolus(0.0, 0, 50.0)], np.array([5.0]), [1])[0, 0, 0])


def test_output_before_first_dose_is_zero_and_times_may_repeat() -> None:
    got = solve_linear(one_cpt(1.0, 0.1), [Bolus(5.0, 0, 10.0)], np.array([0.0, 4.0, 6.0, 6.0]), [1])[0, 0]
    assert got[0] == 0 and got[1] == 0 and got[2] == got[3] > 0


rates = st.floats(0.01, 5.0)


@settings(max_examples=40, deadline=None)
@given(
    ka=rates,
    k10=rates,
    k12=rates,
    k21=rates,
    d1=st.floats(1, 1e4),
    d2=st.floats(1, 1e4),
    t2=st.floats(0.1, 48),
)
def test_superposition_and_dose_linearity(
    ka: float, k10: float, k12: float, k21: float, d1: float, d2: float, t2: float
) -> None:
    k = two_cpt(ka, k10, k12, k21)
    both = solve_linear(k, [Bolus(0.0, 0, d1), Bolus(t2, 0, d2)], T, [1, 2])
    one = solve_linear(k, [Bolus(0.0, 0, d1)], T, [1, 2])
    two = solve_linear(k, [Bolus(t2, 0, d2)], T, [1, 2])
    scale = max(d1, d2)
    np.testing.assert_allclose(both, one + two, atol=1e-9 * scale)
    np.testing.assert_allclose(
        solve_linear(k, [Bolus(0.0, 0, 3 * d1)], T, [1]), 3 * one[:1], rtol=1e-9, atol=1e-12 * scale
    )


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 5),
    seed=st.integers(0, 10_000),
    dose=st.floats(1, 1e5),
)
def test_mass_balance_with_a_sink(n: int, seed: int, dose: float) -> None:
    """Random first-order flows among n compartments plus a sink: the total stays equal to the dose."""
    rng = np.random.default_rng(seed)
    m = n + 1  # last state is the sink
    k = np.zeros((m, m))
    for i in range(n):
        for j in range(m):
            if i != j and rng.random() < 0.5:
                r = rng.uniform(0.01, 3.0)
                k[i, i] -= r
                k[j, i] += r
    got = solve_linear(k, [Bolus(0.0, 0, dose), Bolus(5.0, n - 1, dose)], T, list(range(m)))[:, 0]
    total = got.sum(axis=0)
    want = np.where(T >= 5.0, 2 * dose, dose)
    np.testing.assert_allclose(total, want, rtol=1e-8)
    assert np.all(got > -1e-8 * dose)


def test_vectorised_subjects_equal_one_at_a_time() -> None:
    rng = np.random.default_rng(0)
    ks = np.stack([two_cpt(*rng.uniform(0.05, 2.0, 4)) for _ in range(20)])
    doses = [Bolus(0.0, 0, rng.uniform(10, 100, 20)), Bolus(12.0, 0, 50.0)]
    together = solve_linear(ks, doses, T, [1])[0]
    for i in range(20):
        alone = solve_linear(ks[i], [Bolus(0.0, 0, doses[0].amount[i]), Bolus(12.0, 0, 50.0)], T, [1])[0, 0]  # type: ignore[index]
        np.testing.assert_allclose(together[i], alone, rtol=1e-12, atol=1e-12)
