"""The kratom model against published human PK.

1. Tanna et al. 2022 (2 g K51 tea, single dose; medians of n = 5 as tabulated in Tanna et al.
   2023 DMD Table 3, stored in data/tanna2022_nca.csv). NOTE: the model's parameters were
   DERIVED from this same table (speciosa.pk._derive), so for these quantities the test is a
   reproduction check of the whole pipeline (product content -> regimen -> exact solver -> NCA on
   the study's sampling design), not an independent validation. Criteria from the issue: median
   Cmax and AUC within 25 %, Tmax within 0.5 h, t1/2 within 25 %.
2. Huestis et al. 2024 (capsules, single and 15 daily doses; abstract values) is NOT used in the
   derivation: it is the independent check of multiple-dose behaviour.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from speciosa.knowledge import load_knowledge_base
from speciosa.pk import composition, load_model, nca, parse_regimen, simulate_population, solve_linear
from speciosa.pk._simulate import _boluses, dose_events, sample_parameters

pytestmark = pytest.mark.validation

DATA = Path(__file__).parent / "data" / "tanna2022_nca.csv"
#: Sampling design (h). Times up to 6.5 h are consistent with the Tmax values in Table 3; later
#: times are an assumption (the design could not be read) - see docs/pk.md.
DESIGN = np.array([0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3.5, 4.5, 6.5, 8.5, 12.5, 24, 48, 72, 96])
WINDOW_7OH = (6.5, 8.5, 12.5, 24.0)  # as in the derivation (model file assumptions)


def published() -> dict[tuple[str, str], float]:
    with DATA.open() as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {(r["analyte"], r["parameter"]): float(r["value"]) for r in rows}


def study_nca(conc: np.ndarray, analyte: str) -> dict[str, np.ndarray]:
    """NCA as the study would do it: on the sampling design, terminal phase from the last points."""
    t = np.concatenate([[0.0], DESIGN])
    c = np.concatenate([np.zeros((conc.shape[0], 1)), conc], axis=1)
    m = nca(t, c)
    if analyte == "7-hydroxymitragynine":
        sel = np.isin(t, WINDOW_7OH)
        w = nca(t[sel], c[:, sel], n_terminal=len(WINDOW_7OH))
        m["t_half"] = w["t_half"]
        m["auc_inf"] = m["auc"] + c[:, -1] / w["lambda_z"]
    return m


def simulate_study(n: int, seed: int) -> dict[str, np.ndarray]:
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "k51-leaf-powder")
    events = dose_events(model, comp, parse_regimen("2 g tea once")).events
    if n == 0:
        params = model.individual()
    else:
        params = sample_parameters(model, n, np.random.default_rng(seed), None)
    states = list(model.analytes.values())
    amounts = solve_linear(model.rate_matrix(params), _boluses(model, events, params), DESIGN, states)
    return {
        a: amounts[j] / model.volume(s, params)[:, None] for j, (a, s) in enumerate(model.analytes.items())
    }


ANALYTES = [
    "mitragynine",
    "7-hydroxymitragynine",
    "speciogynine",
    "paynantheine",
    "speciociliatine",
    "mitraciliatine",
    "isopaynantheine",
]


@pytest.fixture(scope="module")
def typical() -> dict[str, np.ndarray]:
    return simulate_study(0, 0)


@pytest.fixture(scope="module")
def population() -> dict[str, np.ndarray]:
    return simulate_study(2000, 20221)


@pytest.mark.parametrize("analyte", ANALYTES)
@pytest.mark.parametrize("who", ["typical", "population"])
def test_single_2g_tea_reproduces_tanna2022_nca(
    analyte: str, who: str, request: pytest.FixtureRequest
) -> None:
    conc = request.getfixturevalue(who)[analyte]
    m = {k: float(np.nanmedian(v)) for k, v in study_nca(conc, analyte).items()}
    pub = published()
    assert m["cmax"] == pytest.approx(pub[(analyte, "Cmax")], rel=0.25)
    assert abs(m["tmax"] - pub[(analyte, "Tmax")]) <= 0.5
    assert m["t_half"] == pytest.approx(pub[(analyte, "t_half")], rel=0.25)
    assert m["auc_inf"] == pytest.approx(pub[(analyte, "AUC_inf")], rel=0.25)


def _daily(grams: float, days: int, n: int = 1000) -> object:
    kb, model = load_knowledge_base(), load_model()
    comp = composition(kb, "huestis2024-capsules")
    return simulate_population(
        model,
        comp,
        parse_regimen(f"{grams:g} g daily for {days} days"),
        n_subjects=n,
        seed=2024,
        analytes=["mitragynine", "7-hydroxymitragynine"],
        step_h=0.25,
    )


def test_7oh_to_mitragynine_ratio_stays_in_the_range_huestis2024_reports() -> None:
    """Huestis 2024 abstract: mean 7-OH/MG ratio 0.20-0.31 after one dose, 0.15-0.21 after 15 daily doses.

    A linear model keeps the AUC ratio constant, so it cannot show the reported decrease; the
    ratio must stay within the overall reported range 0.15-0.31 on day 1 and at day 15.
    """
    r = _daily(4.0, 15)
    single = r.typical["7-hydroxymitragynine"]["ss_auc_nM_h"] / r.typical["mitragynine"]["ss_auc_nM_h"]
    day15 = r.typical["7-hydroxymitragynine"]["auc_nM_h"] / r.typical["mitragynine"]["auc_nM_h"]
    assert 0.15 <= single <= 0.31
    assert 0.15 <= day15 <= 0.31


def test_mitragynine_trough_approaches_steady_state_on_the_timescale_huestis2024_reports() -> None:
    """Huestis 2024: MG steady state in 8-9 days of daily dosing (the criterion is not given).

    The model's troughs reach 90 % of the steady-state trough in 4-10 days; its AUC-based time to
    90 % is shorter, because most of a dose's AUC is in the distribution phase.
    """
    days = 60  # 60 days is more than 30 terminal half-lives: the last trough is the steady state
    r = _daily(4.0, days, n=1)
    t, c = r.times, r.typical_curve["mitragynine"]
    troughs = np.array([c[np.searchsorted(t, 24.0 * d) - 1] for d in range(1, days)])
    day90 = 1 + int(np.argmax(troughs >= 0.9 * troughs[-1]))
    assert 4 <= day90 <= 10, day90
