"""Advisory checks that do not depend on the place: stated vs measured potency, contaminants.

They inform; they decide compliance only where a rule of the place makes them binding
(``label_alkaloid_amounts``, ``contaminant_limit``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from speciosa.knowledge import KnowledgeBase
from speciosa.legal._adulteration import MG, SEVEN_OH, reference_limit
from speciosa.legal._finding import Finding, passes
from speciosa.legal._product import ProductFile

__all__ = ["metal_findings", "microbe_findings", "potency_findings"]

_METALS: Final = {
    "lead": "usp2232-pde-lead",
    "arsenic": "usp2232-pde-arsenic-inorganic",
    "cadmium": "usp2232-pde-cadmium",
    "mercury": "usp2232-pde-mercury",
}
_MICROBE_LIMIT: Final = "usp2023-botanical-salmonella-ecoli"


def potency_findings(product: ProductFile, tolerance: float) -> Iterator[Finding]:
    """Label amount per serving against the certificate, within ``tolerance`` (0.2 = ±20 %)."""
    label = product.label
    if label.serving_size_g is None:
        return
    for compound, stated in (
        (MG, label.mitragynine_mg_per_serving),
        (SEVEN_OH, label.seven_oh_mg_per_serving),
    ):
        measured = product.mg_per_g(compound)
        if stated is None or measured is None:
            continue
        per_serving = measured * label.serving_size_g
        if stated == 0:
            ok = per_serving == 0
            ratio_text = "label states 0"
        else:
            ratio = per_serving / stated
            ok = abs(ratio - 1) <= tolerance
            ratio_text = f"{ratio:.2f}x the label"
        detail = (
            f"{compound}: label {stated:g} mg per {label.serving_size_g:g} g serving, certificate "
            f"{per_serving:.3g} mg ({ratio_text}; tolerance ±{100 * tolerance:g} %)"
        )
        yield Finding(
            f"stated vs measured {compound}",
            "potency",
            passes(ok),
            False,
            detail,
            measured=per_serving,
            limit=stated,
            unit="mg",
        )


def _daily_grams(product: ProductFile) -> float | None:
    label = product.label
    if label.serving_size_g is None or label.servings_per_day_max is None:
        return None
    return label.serving_size_g * label.servings_per_day_max


def metal_findings(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    """Daily metal intake at the label's maximum use against the USP <232> daily exposures."""
    results = product.contaminants
    grams = _daily_grams(product)
    if results is None:
        return
    for element, ug_per_g in results.heavy_metals_ug_per_g.items():
        ref = reference_limit(kb, _METALS[element]) if element in _METALS else None
        if ref is None or grams is None:
            why = (
                "no sourced daily limit in the data"
                if ref is None
                else "the label gives no serving size and maximum servings per day"
            )
            yield Finding(
                f"{element} within daily limit",
                "contaminant",
                "not_checked",
                False,
                f"{element} {ug_per_g:g} µg/g: not checked ({why})",
            )
            continue
        intake = ug_per_g * grams
        pde = ref.value.value
        detail = (
            f"{element}: {ug_per_g:g} µg/g x {grams:g} g/day (label maximum) = {intake:.3g} µg/day; "
            f"limit {pde:g} µg/day ({ref.name})"
        )
        yield Finding(
            f"{element} within daily limit",
            "contaminant",
            passes(intake <= pde),
            False,
            detail,
            source=ref.value.source,
            locator=ref.value.locator,
            measured=intake,
            limit=pde,
            unit="µg/day",
        )


def microbe_findings(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    """Each tested organism must be absent (USP <2023> botanical limits)."""
    results = product.contaminants
    if results is None:
        return
    ref = reference_limit(kb, _MICROBE_LIMIT)
    for organism, result in results.microbes.items():
        ok = result == "absent"
        detail = f"{organism}: {result}" + (f" (limit: {ref.name})" if ref is not None else "")
        yield Finding(
            f"{organism} absent",
            "contaminant",
            passes(ok),
            False,
            detail,
            source=ref.value.source if ref else None,
            locator=ref.value.locator if ref else None,
        )
