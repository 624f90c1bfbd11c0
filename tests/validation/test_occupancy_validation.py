"""Predicted occupancy against hand calculations from published human concentrations.

No receptor-occupancy measurement (PET) exists in humans for any kratom alkaloid, and no study
read pairs a measured concentration with an opioid effect (docs/mechanism.md, "Validation").
What can be checked is the chain from the published exposure to occupancy:

- Tanna et al. 2022 (Pharmaceutics 14:620), 2 g K51 kratom tea, single dose, n = 5: median
  mitragynine Cmax 81.9 nM (range 50.1-177), as tabulated in Tanna et al. 2023 (DMD, PMC10353077,
  Table 3) and stored in data/tanna2022_nca.csv.
- Hand calculation: occupancy = fu x Cmax / (fu x Cmax + K), with fu and K the cited values the
  module uses (Ya 2019: 85-95 % bound; Tay 2016/2019 hERG IC50; Obeng 2024 alpha-2A Ki).

The model's parameters were derived from the same Tanna 2022 study (docs/pk.md), so this checks
the occupancy chain, not the PK model independently.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from speciosa.knowledge import load_knowledge_base
from speciosa.pd import exposure_assumptions, occupancy, simulate_occupancy
from speciosa.pk import composition, load_model, parse_regimen, simulable_analytes

pytestmark = pytest.mark.validation
DATA = Path(__file__).parent / "data" / "tanna2022_nca.csv"


def _published_cmax() -> tuple[float, float, float]:
    with DATA.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        row = next(r for r in rows if r["analyte"] == "mitragynine" and r["parameter"] == "Cmax")
    return float(row["value"]), float(row["low"]), float(row["high"])


@pytest.mark.parametrize(("target", "site"), [("HERG", "plasma"), ("ADRA2A", "brain")])
def test_single_2g_tea_occupancy_agrees_with_hand_calculation_from_published_cmax(
    target: str, site: str
) -> None:
    kb = load_knowledge_base()
    model = load_model()
    reg = parse_regimen("2 g tea once")
    comp = composition(kb, "k51-leaf-powder")
    ex = exposure_assumptions(kb, simulable_analytes(model, comp))
    res = simulate_occupancy(kb, model, comp, reg, ex, n_subjects=2000, seed=11)
    tr = res.target(target)
    assert tr.ligands == ("mitragynine",) and tr.peak is not None
    k = tr.bindings["mitragynine"].k_nM
    f = ex.factor("mitragynine", site)
    median, low, high = _published_cmax()
    hand = float(occupancy(f * median, k))
    hand_low, hand_high = float(occupancy(f * low, k)), float(occupancy(f * high, k))
    # the model's median subject within 25 % of the hand calculation at the published median Cmax,
    # the tolerance the PK validation allows for Cmax (tests/validation/test_pk_human_data.py)
    assert tr.peak.median == pytest.approx(hand, rel=0.25)
    assert hand_low <= tr.peak.median <= hand_high
