"""7-OH against natural leaf: share of alkaloids, 7-OH/MG ratio, and the product classes they set.

Natural leaf holds little 7-hydroxymitragynine; a share or ratio above the natural-leaf maximum
of the reference data is a sign of enhancement or adulteration (to confirm by analysis), and puts
the product in the ``7oh_above_threshold`` class that some laws name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from speciosa.knowledge import KnowledgeBase, ReferenceLimit
from speciosa.legal._finding import Finding, passes, pct
from speciosa.legal._product import ProductFile

__all__ = [
    "MG",
    "SEVEN_OH",
    "above_natural",
    "adulteration_findings",
    "product_classes",
    "reference_limit",
    "seven_oh_ratio",
    "seven_oh_share",
    "zero_words",
]

MG: Final = "mitragynine"
SEVEN_OH: Final = "7-hydroxymitragynine"
_LEAF_FORMS: Final = frozenset({"powder", "capsules", "tea"})
_NATURAL_SHARE: Final = "natural-leaf-7oh-share-max"
_NATURAL_RATIO: Final = "natural-leaf-7oh-to-mg-ratio-max"


def reference_limit(kb: KnowledgeBase, limit_id: str) -> ReferenceLimit | None:
    """The reference limit ``limit_id`` of ``reference_limits.yaml``; ``None`` if absent."""
    return next((r for r in kb.reference_limits if r.id == limit_id), None)


def _alkaloid_total(product: ProductFile) -> float:
    return sum(product.alkaloids_mg_per_g.values())


def seven_oh_share(product: ProductFile) -> float | None:
    """7-OH as a fraction of the alkaloids listed on the certificate; ``None`` if not listed.

    7-OH listed at 0 (not detected, below the limit of quantification) is a share of 0, not a
    missing value, whatever else is listed.
    """
    seven, total = product.mg_per_g(SEVEN_OH), _alkaloid_total(product)
    if seven is None:
        return None
    return 0.0 if seven == 0 else seven / total


def seven_oh_ratio(product: ProductFile) -> float | None:
    """7-OH / mitragynine by mass; ``inf`` when no mitragynine is listed, ``None`` without 7-OH."""
    seven, mg = product.mg_per_g(SEVEN_OH), product.mg_per_g(MG)
    if seven is None:
        return None
    if seven == 0:
        return 0.0
    return float("inf") if not mg else seven / mg


def zero_words(product: ProductFile) -> str:
    """Words for a 7-OH listed at 0: measured, and none found."""
    if product.mg_per_g(SEVEN_OH) == 0:
        return " (listed at 0: not detected or below the limit of quantification)"
    return ""


def above_natural(kb: KnowledgeBase, product: ProductFile) -> bool:
    """Whether the 7-OH share or 7-OH/MG ratio is above the natural-leaf maximum."""
    share, ratio = seven_oh_share(product), seven_oh_ratio(product)
    share_max, ratio_max = reference_limit(kb, _NATURAL_SHARE), reference_limit(kb, _NATURAL_RATIO)
    return bool(
        (share is not None and share_max is not None and share > share_max.value.value)
        or (ratio is not None and ratio_max is not None and ratio > ratio_max.value.value)
    )


def product_classes(kb: KnowledgeBase, product: ProductFile) -> tuple[str, ...]:
    """Product classes of the legal scopes that ``product`` falls in.

    ``leaf`` (powder, capsules, tea) or ``extracts`` (extract, shot, tablet, gummy); plus
    ``synthetic_alkaloids`` when declared, and ``7oh_above_threshold`` when its 7-OH share of
    alkaloids or 7-OH/MG ratio is above the natural-leaf maximum of the reference data.
    """
    classes = ["leaf" if product.form in _LEAF_FORMS else "extracts"]
    if above_natural(kb, product):
        classes.append("7oh_above_threshold")
    if product.synthetic_or_added_alkaloids:
        classes.append("synthetic_alkaloids")
    return tuple(classes)


def adulteration_findings(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    """Advisory findings: 7-OH share and 7-OH/MG ratio against the natural-leaf maximum."""
    share, ratio = seven_oh_share(product), seven_oh_ratio(product)
    for value, limit_id, what in (
        (share, _NATURAL_SHARE, "share of alkaloids"),
        (ratio, _NATURAL_RATIO, "7-OH/MG"),
    ):
        ref = reference_limit(kb, limit_id)
        if value is None or ref is None:
            continue
        top = ref.value.value
        ok = value <= top
        shown = (
            "no mitragynine listed"
            if value == float("inf")
            else (pct(value) if "share" in what else f"{value:.3g}")
        )
        detail = (
            f"7-OH {what} {shown}; natural leaf at most {pct(top) if 'share' in what else f'{top:g}'} "
            f"({ref.name}). "
            + (
                ""
                if ok
                else "Above natural levels: likely enhanced with 7-OH or adulterated; confirm by analysis."
            )
        )
        yield Finding(
            f"7-OH {what} within natural leaf",
            "adulteration",
            passes(ok),
            False,
            detail,
            source=ref.value.source,
            locator=ref.value.locator,
            measured=None if value == float("inf") else value,
            limit=top,
        )
