"""Molar masses: formula arithmetic against published values.

Oracle: IUPAC 2021 conventional atomic weights (Prohaska et al., Pure Appl Chem 2022;94:573,
doi:10.1515/pac-2019-0603). Published molar masses: mitragynine C23H30N2O4 398.50 g/mol and
7-hydroxymitragynine C23H30N2O5 414.50 g/mol (the values Tanna et al. 2023 DMD use to convert
Table 3 between nM and ng/mL; PubChem CIDs 3034396 and 44301524 give 398.5 and 414.5).
"""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from speciosa.knowledge import formula_mass, load_knowledge_base

pytestmark = pytest.mark.validation


@pytest.mark.parametrize(
    ("formula", "published"),
    [("C23H30N2O4", 398.50), ("C23H30N2O5", 414.50), ("H2O", 18.015), ("C2H6O", 46.069)],
)
def test_formula_mass(formula: str, published: float) -> None:
    # published values carry 2-3 decimals; 0.01 g/mol covers their rounding
    assert_allclose(formula_mass(formula), published, atol=0.01)


def test_shipped_molar_masses_agree_with_formulas() -> None:
    checked = 0
    for compound in load_knowledge_base().compounds:
        if compound.formula and compound.molar_mass:
            assert_allclose(compound.molar_mass.m_as("g/mol"), formula_mass(compound.formula), atol=0.05)
            checked += 1
    assert checked >= 2  # at least mitragynine and 7-hydroxymitragynine


def test_unknown_element_rejected() -> None:
    with pytest.raises(ValueError, match="Xx"):
        formula_mass("C2Xx")
