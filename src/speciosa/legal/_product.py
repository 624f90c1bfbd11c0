"""The product file of ``speciosa comply``: a product's form, certificate of analysis and label.

The file is JSON. Required: ``name``, ``form``, ``alkaloids_mg_per_g``,
``synthetic_or_added_alkaloids`` and ``label``; extra fields are allowed and ignored. Compound
names resolve to knowledge-base ids (``mitragynine``, ``MG``, ``7-OH``...). See docs/legal.md.

An alkaloid listed at 0 was measured and not found (not detected, or below the limit of
quantification): a result, not a missing value. An alkaloid that was not measured is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from speciosa.errors import InputError, UnknownIdError
from speciosa.inputs import load_json, read_text
from speciosa.knowledge import KnowledgeBase, ProductForm

__all__ = ["Contaminants", "Label", "ProductFile", "read_product"]

_Text = Annotated[str, Field(min_length=1)]
_MgPerG = Annotated[float, Field(ge=0, le=1000)]
_ALKALOID_KINDS = ("alkaloid", "metabolite", "degradant")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True, str_strip_whitespace=True)


class Label(_Open):
    """What the label states. Every field may be missing: missing fields are findings, not errors."""

    serving_size_g: Annotated[float, Field(gt=0, le=1000)] | None = None
    servings_per_day_max: Annotated[int, Field(ge=1, le=50)] | None = None
    directions: _Text | None = None
    manufacturer: _Text | None = None
    address: _Text | None = None
    ingredients: list[_Text] | _Text | None = None
    mitragynine_mg_per_serving: Annotated[float, Field(ge=0, le=100_000)] | None = None
    seven_oh_mg_per_serving: Annotated[float, Field(ge=0, le=100_000)] | None = Field(
        default=None, alias="7-hydroxymitragynine_mg_per_serving"
    )
    age_statement: _Text | None = None
    warnings: list[_Text] | _Text | None = None


class Contaminants(_Open):
    """Laboratory results for contaminants.

    ``heavy_metals_ug_per_g``: element name (lead, arsenic, cadmium, mercury) to µg per g of
    product. ``microbes``: organism (salmonella, e_coli...) to ``detected`` or ``absent``.
    """

    heavy_metals_ug_per_g: dict[str, Annotated[float, Field(ge=0, le=1e6)]] = Field(default_factory=dict)
    microbes: dict[str, Annotated[str, Field(pattern="^(detected|absent)$")]] = Field(default_factory=dict)


class ProductFile(_Open):
    """A product as described by its certificate of analysis (COA) and label."""

    name: _Text
    form: ProductForm
    alkaloids_mg_per_g: dict[str, _MgPerG] = Field(min_length=1)
    synthetic_or_added_alkaloids: bool
    label: Label
    contaminants: Contaminants | None = None

    @field_validator("alkaloids_mg_per_g")
    @classmethod
    def _at_most_the_product(cls, value: dict[str, float]) -> dict[str, float]:
        if sum(value.values()) > 1000:
            raise ValueError(
                f"alkaloids add up to {sum(value.values()):g} mg per g, more than the product (1000)"
            )
        return value

    def mg_per_g(self, compound: str) -> float | None:
        """Measured content of ``compound`` (a knowledge-base id after :func:`read_product`)."""
        return self.alkaloids_mg_per_g.get(compound)


def _field(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "product"


def _compound_names(kb: KnowledgeBase) -> dict[str, str]:
    names: dict[str, str] = {}
    for compound in kb.compounds:
        if compound.kind not in _ALKALOID_KINDS:
            continue
        for name in (compound.id, compound.name, compound.abbreviation, *compound.synonyms):
            if name:
                names.setdefault(name.lower(), compound.id)
    return names


def _accepted(field: str) -> str:
    if field == "form":
        return "; accepted: powder, capsules, tea, extract, shot, tablet, gummy"
    if field.startswith("alkaloids_mg_per_g"):
        return "; give mg of each alkaloid per g of product, from the certificate of analysis"
    return ""


def read_product(kb: KnowledgeBase, path: Path | str, *, text: str | None = None) -> ProductFile:
    """Read and validate a product file; compound names become knowledge-base ids.

    Raises
    ------
    InputError
        Naming the field (``label.serving_size_g``, ``alkaloids_mg_per_g.foo``) and what is
        accepted, for unreadable files, invalid JSON, wrong fields and unknown compounds.
    """
    where = str(path)
    if text is None:
        text = read_text(path, "product file")
    raw: Any = load_json(text, "product file", where)
    if not isinstance(raw, dict):
        raise InputError(
            "product file", f"{where} must hold a JSON object with name, form, alkaloids_mg_per_g, ..."
        )
    try:
        product = ProductFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field(tuple(error["loc"]))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        message = error["msg"].replace("Value error, ", "")
        raise InputError(f"{where}: {field}", f"{message}{_accepted(field)}{more}") from None
    names = _compound_names(kb)
    resolved: dict[str, float] = {}
    for key, value in product.alkaloids_mg_per_g.items():
        compound = names.get(key.strip().lower())
        if compound is None:
            raise UnknownIdError(f"{where}: alkaloids_mg_per_g compound", key, sorted(set(names.values())))
        if compound in resolved:
            raise InputError(
                f"{where}: alkaloids_mg_per_g", f"{key!r} names {compound}, which is given twice"
            )
        resolved[compound] = value
    return product.model_copy(update={"alkaloids_mg_per_g": resolved})
