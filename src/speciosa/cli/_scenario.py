"""Options shared by the commands that simulate a product and regimen, and their parsing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from speciosa.errors import InputError
from speciosa.inputs import check_number
from speciosa.knowledge import KnowledgeBase, load_knowledge_base
from speciosa.pk import (
    FORM_DEFAULT_PRODUCT,
    MAX_SEED,
    Composition,
    PkModel,
    Regimen,
    composition,
    load_model,
    parse_regimen,
    read_content_file,
    regular_regimen,
)
from speciosa.units import parse_quantity

__all__ = ["Scenario", "resolve_scenario"]

ProductOption = Annotated[
    str | None,
    typer.Option(
        "--product", help="Product id (speciosa data show products), or a form such as leaf-powder."
    ),
]
DoseOption = Annotated[
    str | None, typer.Option("--dose", help="Amount of product per dose, e.g. 2g or 500mg.")
]
EveryOption = Annotated[str | None, typer.Option("--every", help="Dosing interval, e.g. 8h (needs --days).")]
DaysOption = Annotated[float | None, typer.Option("--days", help="Duration of repeated dosing in days.")]
RegimenOption = Annotated[
    str | None,
    typer.Option("--regimen", help="Regimen sentence, e.g. '3 g leaf powder every 8 h for 14 days'."),
]
SubjectsOption = Annotated[int, typer.Option("--subjects", help="Number of simulated subjects.")]
SeedOption = Annotated[
    int, typer.Option("--seed", min=0, max=MAX_SEED, help="Random seed (same seed, same numbers).")
]
WeightOption = Annotated[
    str | None, typer.Option("--weight", help="Body weight, e.g. 80kg (default: 70 kg reference).")
]
MgPerGOption = Annotated[
    float | None, typer.Option("--mg-per-g", help="Measured mitragynine content of the product (mg/g).")
]
ContentOption = Annotated[
    Path | None, typer.Option("--content", help="CSV (compound,mg_per_g) or YAML of measured content.")
]


@dataclass(frozen=True)
class Scenario:
    """What the user described: product composition, regimen, body weight; and the model."""

    kb: KnowledgeBase
    model: PkModel
    comp: Composition
    regimen: Regimen
    weight_kg: float | None


def resolve_scenario(
    *,
    product: str | None,
    dose: str | None,
    every: str | None,
    days: float | None,
    regimen: str | None,
    subjects: int,
    weight: str | None,
    mg_per_g: float | None,
    content: Path | None,
) -> Scenario:
    """Check and parse the scenario options; every problem is an :class:`InputError` naming its option."""
    if subjects < 1:
        raise InputError("subjects", f"--subjects must be at least 1, got {subjects}")
    if days is not None:
        check_number(days, "days", low=0, low_open=True, unit="days")
    if regimen is not None and (dose is not None or every is not None or days is not None):
        raise InputError("regimen", "give either --regimen or --dose [--every --days], not both")
    if regimen is not None:
        reg = parse_regimen(regimen)
    elif dose is not None:
        grams = parse_quantity(dose, kind="mass", field="dose").m_as("g")
        if every is None and days is not None:
            raise InputError("every", "--days needs --every (e.g. --every 8h)")
        every_h = None if every is None else parse_quantity(every, kind="time", field="every").m_as("h")
        if every_h is not None and not (math.isfinite(every_h) and every_h > 0):
            raise InputError("every", f"--every must be a finite interval above 0 h, got {every!r}")
        reg = regular_regimen(grams, every_h, days)
    else:
        raise InputError("dose", "give --dose (e.g. --dose 2g) or --regimen (e.g. --regimen '2 g tea once')")
    product_id = product or (FORM_DEFAULT_PRODUCT.get(reg.form) if reg.form else None)
    if product_id is None:
        raise InputError("product", "give --product ID (see `speciosa data show products`)")
    weight_kg = None if weight is None else parse_quantity(weight, kind="mass", field="weight").m_as("kg")
    if weight_kg is not None:
        check_number(weight_kg, "weight", low=20, high=250, unit="kg")
    if mg_per_g is not None:
        check_number(mg_per_g, "mg-per-g", low=0, low_open=True, high=1000, unit="mg/g")
    content_values = read_content_file(content) if content else None
    kb = load_knowledge_base()
    comp = composition(kb, product_id, mg_per_g=mg_per_g, content=content_values)
    return Scenario(kb, load_model(), comp, reg, weight_kg)
