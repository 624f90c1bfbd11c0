"""From product and grams to milligrams of each alkaloid.

A product's alkaloid content comes from the knowledge base (``products.yaml``, cited) unless the
user measured their own: ``mg_per_g`` replaces the mitragynine content, and a content file
(CSV ``compound,mg_per_g`` or YAML mapping) replaces the whole composition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from speciosa.errors import InputError, UnknownIdError
from speciosa.inputs import csv_rows, load_yaml, read_text
from speciosa.knowledge import KnowledgeBase

__all__ = ["Composition", "FORM_DEFAULT_PRODUCT", "MAX_CONTENT_BYTES", "composition", "read_content_file"]

#: Largest ``--content`` file read (bytes). A content table lists a few dozen compounds (under
#: 2 KiB); 256 KiB is generous by two orders of magnitude and keeps the pure-Python YAML parser
#: (about 7 s per MiB on the 2-core reference machine; a 10 MiB file took over a minute) to
#: about 2 s (a convention, not a measured limit of any file in use).
MAX_CONTENT_BYTES = 256 * 1024

#: Product used when a regimen names only a form ("2 g tea once").
FORM_DEFAULT_PRODUCT = {
    "tea": "k51-leaf-powder",
    "leaf powder": "commercial-leaf-powder",
    "powder": "commercial-leaf-powder",
    "capsule": "huestis2024-capsules",
    "leaf": "commercial-leaf-powder",
    "extract": "extract",
}


@dataclass(frozen=True)
class Composition:
    """Alkaloid content of a product in mg per g, with where each number came from."""

    product: str
    mg_per_g: dict[str, float]
    provenance: dict[str, str]
    not_measured: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = ()
    """Source ids of the content values taken from the knowledge base (none for user values)."""

    def mg(self, grams: float) -> dict[str, float]:
        """mg of each alkaloid in ``grams`` of product."""
        return {c: v * grams for c, v in self.mg_per_g.items()}


def read_content_file(path: Path) -> dict[str, float]:
    """Read ``compound,mg_per_g`` rows (CSV) or a ``{compound: mg_per_g}`` mapping (YAML).

    Raises
    ------
    InputError
        Field ``content``: the file is unreadable, larger than :data:`MAX_CONTENT_BYTES`, not
        CSV or YAML of that shape, names a compound twice, or holds a value outside 0-1000 mg/g.
    """
    text = read_text(path, "content", max_bytes=MAX_CONTENT_BYTES)
    out: dict[str, float] = {}
    if path.suffix.lower() in (".yaml", ".yml"):
        raw = load_yaml(text, "content", path.name)
        if not isinstance(raw, dict):
            raise InputError("content", f"{path.name}: expected a mapping compound: mg_per_g")
        items: list[tuple[str, object]] = [(str(k), v) for k, v in raw.items()]
    else:
        header, rows = csv_rows(text, "content", path.name)
        if {"compound", "mg_per_g"} - {f.strip() for f in header}:
            raise InputError("content", f"{path.name}: the CSV needs columns compound,mg_per_g")
        items = []
        seen: set[str] = set()
        for row in rows:
            compound = (row.get("compound") or "").strip()
            if compound in seen:
                raise InputError("content", f"{path.name}: {compound!r} is given twice; keep one row")
            seen.add(compound)
            items.append((compound, row.get("mg_per_g")))
    for compound, value in items:
        if isinstance(value, bool) or not compound:
            raise InputError("content", f"{path.name}: each row needs a compound and a number mg_per_g")
        try:
            v = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InputError(
                "content", f"{path.name}: {compound}: mg_per_g must be a number, got {value!r}"
            ) from None
        if not (math.isfinite(v) and 0 <= v <= 1000):
            raise InputError(
                "content", f"{path.name}: {compound}: mg_per_g must be between 0 and 1000, got {v:g}"
            )
        out[compound] = v
    if not out:
        raise InputError("content", f"{path.name}: no rows")
    return out


def composition(
    kb: KnowledgeBase,
    product_id: str,
    *,
    mg_per_g: float | None = None,
    content: dict[str, float] | None = None,
) -> Composition:
    """Content per gram of a product, with the user's measured overrides applied."""
    notes: list[str] = []
    alias = FORM_DEFAULT_PRODUCT.get(product_id.replace("-", " ").strip().lower())
    if alias is not None and product_id not in {p.id for p in kb.products}:
        notes.append(f"'{product_id}' is a product form; its default product {alias} was used")
        product_id = alias
    try:
        product = kb.product(product_id)
    except LookupError:
        raise UnknownIdError("product", product_id, [p.id for p in kb.products]) from None
    if mg_per_g is not None and not (math.isfinite(mg_per_g) and 0 < mg_per_g <= 1000):
        raise InputError(
            "mg-per-g", f"mitragynine content must be above 0 and at most 1000 mg/g, got {mg_per_g:g}"
        )
    values: dict[str, float] = {}
    prov: dict[str, str] = {}
    missing: list[str] = []
    cited_sources: dict[str, str] = {}  # compound -> source id of its content value
    if content is not None:
        known = {c.id for c in kb.compounds}
        for compound, v in content.items():
            if compound not in known:
                raise UnknownIdError("content compound", compound, sorted(known))
            values[compound] = v
            prov[compound] = "user content file"
    else:
        if product.basis != "per_g":
            raise InputError(
                "product",
                f"{product.id} gives content {product.basis.replace('_', ' ')}, not per gram; "
                + (
                    "use k51-leaf-powder (the same leaf, per gram)"
                    if product.id == "k51-tea"
                    else "give --mg-per-g"
                ),
            )
        for entry in product.content:
            cited = entry.value
            if entry.status != "measured" or cited is None:
                if entry.status in ("not_measured", "below_loq"):
                    missing.append(entry.compound)
                continue
            if cited.qualifier in (">", ">=", "<", "<="):
                notes.append(f"{entry.compound}: only a bound ({cited.text()}) is known; not simulated")
                missing.append(entry.compound)
                continue
            values[entry.compound] = cited.m_as("mg/g")
            cited_sources[entry.compound] = cited.source
            prov[entry.compound] = f"{cited.source}, {cited.locator} ({cited.quality}; {cited.text()})"
    if mg_per_g is not None:
        values["mitragynine"] = mg_per_g
        prov["mitragynine"] = "user measurement (--mg-per-g)"
        cited_sources.pop("mitragynine", None)
        if content is None and len(values) > 1:
            notes.append("minor alkaloid content is the product's, not scaled to the measured mitragynine")
    if "mitragynine" not in values and not values:
        raise InputError(
            "product",
            f"{product.id} has no usable alkaloid content per gram; give --mg-per-g or --content FILE",
        )
    return Composition(
        product.id, values, prov, tuple(missing), tuple(notes), tuple(sorted(set(cited_sources.values())))
    )
