"""Record schemas of the knowledge-base datasets.

Each dataset file holds a list of records of one of these models. Models check what a single
record can check (field types, units of the right kind for the parameter, value ranges); what
needs other records (ids that must resolve, duplicates) is checked in ``_check.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints, model_validator

from speciosa.knowledge._values import CitedValue, Frozen, Id, NonEmpty, SourceId
from speciosa.units import Kind

__all__ = [
    "Affinity",
    "Compound",
    "ContentEntry",
    "CypInhibition",
    "Gap",
    "MechanismClaim",
    "PkParameter",
    "Product",
    "ProteinBinding",
    "Record",
    "Source",
    "Target",
]

Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")]
Pmid = Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")]
Pmcid = Annotated[str, StringConstraints(pattern=r"^PMC\d+$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Species = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_ -]*$")]

CONCENTRATION: Final[tuple[Kind, ...]] = ("molar_concentration", "mass_concentration")
DIMENSIONLESS: Final[tuple[Kind, ...]] = ("fraction",)


class FieldError(ValueError):
    """A record-level check that failed on one field; ``field`` locates it in problem reports."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _check_kind(value: CitedValue | None, allowed: tuple[Kind, ...], what: str, field: str = "value") -> None:
    if value is None:
        return
    kind = value.kind
    if kind not in allowed:
        wanted = " or ".join(a.replace("_", " ") for a in allowed)
        raise FieldError(f"{field}.unit", f"unit {value.unit!r} of {what} is not a {wanted}")


def _check_range(
    value: CitedValue, what: str, *, low: float | None, high: float | None, field: str = "value"
) -> None:
    numbers = [value.value]
    if value.interval is not None:
        numbers += [value.interval.low, value.interval.high]
    for x in numbers:
        if low is not None and x < low:
            raise FieldError(field, f"{what} {x} {value.unit} is below the smallest allowed value {low}")
        if high is not None and x > high:
            raise FieldError(field, f"{what} {x} {value.unit} is above the largest allowed value {high}")


def _fraction_bounds(value: CitedValue, what: str, top: float = 1.0) -> None:
    """Fractions are in [0, top] as a plain number, [0, 100*top] in percent."""
    scale = 100.0 if value.unit.strip() in ("percent", "%") else 1.0
    _check_range(value, what, low=0.0, high=top * scale)


# ---------------------------------------------------------------------------------------------
# Bibliography


class Source(Frozen):
    """A bibliography entry. Articles need a DOI or PMID; databases and web pages a URL."""

    id: SourceId
    kind: Literal[
        "article",
        "review",
        "book",
        "database",
        "web",
        "regulatory",
        "trial_registry",
        "preprint",
        "conference_abstract",
    ]
    authors: list[NonEmpty] = Field(min_length=1)
    year: int | None = Field(default=None, ge=1800, le=2100)
    title: NonEmpty
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: Doi | None = None
    pmid: Pmid | None = None
    pmcid: Pmcid | None = None
    url: Url | None = None
    accessed: dt.date | None = None
    read: Literal["full_text", "tables", "abstract", "record"]
    note: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if self.year is None and self.kind not in ("web", "database", "trial_registry") and not self.note:
            raise ValueError(
                f"a {self.kind} needs a `year` (web pages, databases and registries may omit it; "
                "other sources only with a `note` saying why it is unknown)"
            )
        if self.year is None and self.accessed is None:
            raise ValueError("a source without `year` needs `accessed: YYYY-MM-DD`")
        if self.kind in ("article", "review", "conference_abstract", "preprint"):
            if self.doi is None and self.pmid is None and self.url is None:
                raise ValueError(f"a {self.kind} needs a `doi`, a `pmid` or a `url`")
        elif self.doi is None and self.url is None and self.pmid is None:
            raise ValueError(f"a {self.kind} source needs a `url` (or a `doi`)")
        return self


# ---------------------------------------------------------------------------------------------
# Chemistry and targets


class Identifiers(Frozen):
    """External identifiers of a compound (all optional; none is a measured value)."""

    pubchem_cid: int | None = Field(default=None, ge=1)
    inchikey: Annotated[str, StringConstraints(pattern=r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")] | None = None
    cas: Annotated[str, StringConstraints(pattern=r"^\d{2,7}-\d{2}-\d$")] | None = None
    chembl: Annotated[str, StringConstraints(pattern=r"^CHEMBL\d+$")] | None = None
    chebi: Annotated[str, StringConstraints(pattern=r"^(CHEBI:)?\d+$")] | None = None
    unii: str | None = None
    chemspider: str | None = None
    kegg: str | None = None


class Compound(Frozen):
    """A chemical entity: alkaloid, metabolite, degradant, drug, or a mixture (extract).

    A compound whose formula could not be verified has none (and a record in ``gaps.yaml``).
    """

    id: Id
    name: NonEmpty
    abbreviation: str | None = None
    kind: Literal["alkaloid", "metabolite", "degradant", "drug", "mixture"]
    formula: Annotated[str, StringConstraints(pattern=r"^([A-Z][a-z]?\d*)+$")] | None = None
    molar_mass: CitedValue | None = None
    parent: Id | None = None
    formed_by: list[Id] = Field(default_factory=list)
    formed_by_sources: list[SourceId] = Field(default_factory=list)
    synonyms: list[NonEmpty] = Field(default_factory=list)
    identifiers: Identifiers = Field(default_factory=Identifiers)
    source: SourceId | None = None
    locator: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Compound:
        if self.kind == "mixture" and self.formula is not None:
            raise ValueError("a mixture has no `formula`")
        if (self.formed_by or self.parent) and not self.formed_by_sources:
            raise ValueError("`parent`/`formed_by` need `formed_by_sources`: where formation was reported")
        _check_kind(self.molar_mass, ("molar_mass",), "molar_mass", field="molar_mass")
        if self.molar_mass is not None:
            _check_range(self.molar_mass, "molar_mass", low=1.0, high=5000.0, field="molar_mass")
        if (self.source is None) != (self.locator is None):
            raise ValueError("give `source` and `locator` together (where identifiers were read)")
        if self.kind in ("metabolite", "degradant") and self.parent is None:
            raise ValueError(f"a {self.kind} needs a `parent` compound id")
        return self


class Target(Frozen):
    """A receptor, transporter, ion channel or enzyme.

    ``safety_margin``: where a source gives one, the ratio of inhibitory potency (IC50) to the
    unbound peak plasma concentration below which a risk is flagged (hERG: 30-fold).
    """

    id: Id
    name: NonEmpty
    kind: Literal["receptor", "transporter", "ion_channel", "enzyme", "enzyme_family"]
    gene: str | None = None
    uniprot: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{6,10}$")] | None = None
    synonyms: list[NonEmpty] = Field(default_factory=list)
    source: SourceId | None = None
    locator: str | None = None
    quality: Literal["primary", "secondary"] | None = None
    safety_margin: CitedValue | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _margin(self) -> Target:
        if self.safety_margin is not None:
            _check_kind(self.safety_margin, DIMENSIONLESS, "safety_margin", field="safety_margin")
            _check_range(self.safety_margin, "safety_margin", low=1.0, high=None, field="safety_margin")
        return self


# ---------------------------------------------------------------------------------------------
# Products


class ContentEntry(Frozen):
    """Content of one compound in a product."""

    compound: Id
    status: Literal["measured", "below_loq", "not_detected", "not_measured"]
    value: CitedValue | None = None
    searched: list[NonEmpty] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _value_matches_status(self) -> ContentEntry:
        if self.status == "measured" and self.value is None:
            raise ValueError("status 'measured' needs a `value`")
        if self.status == "not_measured" and self.value is not None:
            raise ValueError("status 'not_measured' cannot have a `value`")
        if self.value is not None:
            _check_range(self.value, "content", low=0.0, high=None)
        return self


_BASIS_KIND: Final[dict[str, tuple[Kind, ...]]] = {
    "per_g": ("mass_ratio", "fraction"),
    "per_serving": ("mass",),
    "per_unit": ("mass",),
    "per_ml": ("mass_concentration",),
}


class Product(Frozen):
    """A kratom product or product class, with alkaloid content per basis."""

    id: Id
    name: NonEmpty
    form: Literal[
        "powder", "tea", "decoction", "capsule", "extract", "shot", "tablet", "gummy", "resin", "leaf"
    ]
    category: Literal["leaf_powder", "tea", "extract", "enhanced_7oh", "study_product", "leaf"]
    basis: Literal["per_g", "per_serving", "per_unit", "per_ml"]
    description: NonEmpty
    used_in: list[SourceId] = Field(default_factory=list)
    derived_from: Id | None = None
    content: list[ContentEntry] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _content_units(self) -> Product:
        allowed = _BASIS_KIND[self.basis]
        for i, entry in enumerate(self.content):
            where = f"content[{i}].value"
            _check_kind(entry.value, allowed, f"content of {entry.compound} ({self.basis})", field=where)
            if entry.value is not None and entry.value.kind == "mass_ratio":
                _check_range(entry.value, f"content of {entry.compound}", low=0.0, high=1000.0, field=where)
        compounds = [e.compound for e in self.content]
        if len(compounds) != len(set(compounds)):
            raise ValueError("a compound is listed twice in `content`")
        return self


# ---------------------------------------------------------------------------------------------
# Pharmacokinetics and binding

PK_PARAMETER_KINDS: Final[dict[str, tuple[Kind, ...]]] = {
    "Cmax": CONCENTRATION,
    "Cmin": CONCENTRATION,
    "Cavg": CONCENTRATION,
    "Ctrough": CONCENTRATION,
    "Tmax": ("time",),
    "Tlag": ("time",),
    "t_half": ("time",),
    "t_half_alpha": ("time",),
    "MRT": ("time",),
    "AUC_inf": ("molar_exposure", "mass_exposure"),
    "AUC_0_t": ("molar_exposure", "mass_exposure"),
    "AUC_tau": ("molar_exposure", "mass_exposure"),
    "AUC_0_24": ("molar_exposure", "mass_exposure"),
    "CL": ("clearance", "clearance_per_weight"),
    "CL_F": ("clearance", "clearance_per_weight"),
    "CLr": ("clearance", "clearance_per_weight"),
    "Q_F": ("clearance", "clearance_per_weight"),
    "Vz_F": ("volume", "volume_per_weight"),
    "Vz": ("volume", "volume_per_weight"),
    "Vss": ("volume", "volume_per_weight"),
    "V_F": ("volume", "volume_per_weight"),
    "Vc_F": ("volume", "volume_per_weight"),
    "Vp_F": ("volume", "volume_per_weight"),
    "ka": ("rate",),
    "ke": ("rate",),
    "F": DIMENSIONLESS,
    "fe_urine": DIMENSIONLESS,
    "accumulation_ratio": DIMENSIONLESS,
    "time_to_steady_state": ("time",),
    "metabolite_parent_auc_ratio": DIMENSIONLESS,
    "metabolite_parent_cmax_ratio": DIMENSIONLESS,
    "metabolite_parent_concentration_ratio": DIMENSIONLESS,
    "hepatic_extraction_ratio": DIMENSIONLESS,
    "fraction_ionised": DIMENSIONLESS,
    "Papp": ("permeability",),
    "pKa": DIMENSIONLESS,
    "logP": DIMENSIONLESS,
    "logD": DIMENSIONLESS,
    "solubility": CONCENTRATION,
}
_FRACTION_PARAMETERS: Final = frozenset({"F", "fe_urine", "hepatic_extraction_ratio", "fraction_ionised"})
_SIGNED_PARAMETERS: Final = frozenset({"logP", "logD"})


class PkParameter(Frozen):
    """A pharmacokinetic or physicochemical result of one study, for one analyte."""

    id: Id
    compound: Id
    species: Species
    population: str | None = None
    product: Id | None = None
    route: Literal["oral", "iv", "ip", "sc", "in_vitro", "not_applicable"] = "not_applicable"
    dose: CitedValue | None = None
    regimen: Literal["single", "multiple", "steady_state", "not_applicable"] = "not_applicable"
    parameter: Literal[tuple(PK_PARAMETER_KINDS)]  # type: ignore[valid-type]
    value: CitedValue
    note: str | None = None

    @model_validator(mode="after")
    def _units(self) -> PkParameter:
        _check_kind(self.value, PK_PARAMETER_KINDS[self.parameter], self.parameter)
        _check_kind(self.dose, ("mass", "mass_ratio", "amount"), "dose", field="dose")
        if self.parameter in _FRACTION_PARAMETERS:
            _fraction_bounds(self.value, self.parameter)
        elif self.parameter not in _SIGNED_PARAMETERS:
            _check_range(self.value, self.parameter, low=0.0, high=None)
        if self.dose is not None:
            _check_range(self.dose, "dose", low=0.0, high=None, field="dose")
        return self


AFFINITY_MEASURE_KINDS: Final[dict[str, tuple[Kind, ...]]] = {
    "Ki": CONCENTRATION,
    "Kd": CONCENTRATION,
    "IC50": CONCENTRATION,
    "EC50": CONCENTRATION,
    "Kb": CONCENTRATION,
    "Ke": CONCENTRATION,
    "Emax": DIMENSIONLESS,
    "Imax": DIMENSIONLESS,
    "percent_inhibition": DIMENSIONLESS,
    "pA2": DIMENSIONLESS,
    "pD2": DIMENSIONLESS,
    "pKi": DIMENSIONLESS,
    "pEC50": DIMENSIONLESS,
}

Mode = Literal[
    "binding",
    "full_agonist",
    "partial_agonist",
    "antagonist",
    "inverse_agonist",
    "positive_allosteric_modulator",
    "negative_allosteric_modulator",
    "inhibitor",
    "no_activity",
]


class Affinity(Frozen):
    """Binding or functional activity of a compound at a target, or an explicit absence of data.

    ``status``: ``measured`` (a value), ``inactive`` (tested, no effect: the value is the highest
    concentration tested, qualifier ``>``; no value when that concentration could not be read),
    ``not_measured`` (no value; ``searched`` lists the searches that found nothing), or
    ``not_readable`` (a source reports a measurement, named in ``candidates``, but its number could
    not be read; ``searched`` lists the attempts), or ``qualitative`` (a source states the mode of
    action, e.g. "competitive antagonist", without a number: ``mode``, ``species``, ``source``,
    ``locator`` and ``quality`` are required).
    """

    id: Id
    compound: Id
    target: Id
    status: Literal["measured", "inactive", "not_measured", "not_readable", "qualitative"]
    species: Species | None = None
    system: str | None = None
    assay: str | None = None
    measure: Literal[tuple(AFFINITY_MEASURE_KINDS)] | None = None  # type: ignore[valid-type]
    mode: Mode | None = None
    reference_agonist: str | None = None
    value: CitedValue | None = None
    searched: list[NonEmpty] = Field(default_factory=list)
    candidates: list[SourceId] = Field(default_factory=list)
    source: SourceId | None = None
    locator: NonEmpty | None = None
    quality: Literal["primary", "secondary"] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _status(self) -> Affinity:
        if self.status == "qualitative":
            if self.value is not None:
                raise ValueError("status 'qualitative' cannot have a `value`")
            if self.mode in (None, "binding") or self.species is None:
                raise ValueError("status 'qualitative' needs `mode` (not binding) and `species`")
            if self.source is None or self.locator is None or self.quality is None:
                raise ValueError("status 'qualitative' needs `source`, `locator` and `quality`")
            return self
        if self.source is not None:
            raise ValueError("`source` is only for qualitative records; cite values inside `value`")
        if self.status in ("not_measured", "not_readable"):
            if self.value is not None:
                raise ValueError(f"status {self.status!r} cannot have a `value`")
            if not self.searched:
                raise ValueError(f"status {self.status!r} needs `searched`: the searches that found nothing")
            if self.status == "not_readable" and not self.candidates:
                raise ValueError("status 'not_readable' needs `candidates`: the sources that hold the value")
            return self
        if self.status == "inactive" and self.value is None:
            if self.measure is None or self.species is None or not self.note:
                raise ValueError("status 'inactive' without a value needs `species`, `measure` and a `note`")
            return self
        if self.value is None or self.measure is None or self.species is None:
            raise ValueError(f"status {self.status!r} needs `species`, `measure` and `value`")
        _check_kind(self.value, AFFINITY_MEASURE_KINDS[self.measure], self.measure)
        if self.measure in ("pA2", "pD2", "pKi", "pEC50"):
            _check_range(self.value, self.measure, low=0.0, high=14.0)
        elif self.measure in ("Emax", "Imax", "percent_inhibition"):
            _fraction_bounds(self.value, self.measure, top=2.0)
        else:
            _check_range(self.value, self.measure, low=0.0, high=None)
        return self


CYP_PARAMETER_KINDS: Final[dict[str, tuple[Kind, ...]]] = {
    "IC50": CONCENTRATION,
    "IC50_preincubated": CONCENTRATION,
    "Ki": CONCENTRATION,
    "KI": CONCENTRATION,
    "kinact": ("rate",),
    "kinact_KI": ("rate",),
    "percent_inhibition": DIMENSIONLESS,
    "IC50_shift": DIMENSIONLESS,
}


class CypInhibition(Frozen):
    """Inhibition of a drug-metabolising enzyme or transporter by a compound or extract."""

    id: Id
    inhibitor: Id
    enzyme: Id
    status: Literal["measured", "inactive", "not_measured"] = "measured"
    system: str | None = None
    substrate: str | None = None
    parameter: Literal[tuple(CYP_PARAMETER_KINDS)] | None = None  # type: ignore[valid-type]
    mechanism: Literal[
        "competitive", "noncompetitive", "uncompetitive", "mixed", "time_dependent", "unknown"
    ] = "unknown"
    value: CitedValue | None = None
    searched: list[NonEmpty] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _units(self) -> CypInhibition:
        if self.status == "not_measured":
            if self.value is not None or not self.searched:
                raise ValueError("status 'not_measured' needs `searched` and no `value`")
            return self
        if self.value is None or self.parameter is None:
            raise ValueError(f"status {self.status!r} needs `parameter` and `value`")
        _check_kind(self.value, CYP_PARAMETER_KINDS[self.parameter], self.parameter)
        if self.parameter == "percent_inhibition":
            _fraction_bounds(self.value, self.parameter)
        else:
            _check_range(self.value, self.parameter, low=0.0, high=None)
        return self


BINDING_PARAMETERS: Final = ("fu", "percent_bound", "blood_to_plasma", "fu_mic", "fu_inc", "kp_uu_brain")


class ProteinBinding(Frozen):
    """Fraction unbound, percent bound, or blood-to-plasma ratio of a compound."""

    id: Id
    compound: Id
    species: Species
    matrix: Literal["plasma", "blood", "microsomes", "brain_homogenate", "hepatocytes", "serum"]
    parameter: Literal[BINDING_PARAMETERS]  # type: ignore[valid-type]
    method: str | None = None
    value: CitedValue
    note: str | None = None

    @model_validator(mode="after")
    def _bounds(self) -> ProteinBinding:
        _check_kind(self.value, DIMENSIONLESS, self.parameter)
        if self.parameter in ("fu", "percent_bound", "fu_mic", "fu_inc"):
            _fraction_bounds(self.value, self.parameter)
        else:  # ratios: positive, and plausibly below 20
            _check_range(self.value, self.parameter, low=0.0, high=20.0)
        return self


# ---------------------------------------------------------------------------------------------
# Mechanism claims


class MechanismClaim(Frozen):
    """A claim that articles make about how kratom works, stated so that it can be checked.

    ``action`` is what the claim needs the alkaloids to do at ``targets``: ``inhibition`` (block a
    transporter or channel), ``agonism`` (activate a receptor), ``antagonism`` (block a receptor),
    or ``binding`` (any interaction). ``needed_occupancy``, where a source gives one, is the
    occupancy at which the mechanism is known to matter (e.g. SERT occupancy of SSRIs at their
    minimum effective doses); without it, the verdict uses the occupancy classes of
    :mod:`speciosa.pd`.
    """

    id: Id
    claim: NonEmpty
    variants: list[NonEmpty] = Field(default_factory=list)
    targets: list[Id] = Field(min_length=1)
    action: Literal["inhibition", "agonism", "antagonism", "binding"]
    needed_occupancy: CitedValue | None = None
    context: NonEmpty
    note: str | None = None

    @model_validator(mode="after")
    def _fraction(self) -> MechanismClaim:
        if self.needed_occupancy is not None:
            _check_kind(self.needed_occupancy, DIMENSIONLESS, "needed_occupancy", field="needed_occupancy")
            _fraction_bounds(self.needed_occupancy, "needed_occupancy")
        return self


# ---------------------------------------------------------------------------------------------
# Gaps


class Gap(Frozen):
    """A value we looked for and could not find or read: "no data" is data."""

    id: Id
    dataset: Literal[
        "sources",
        "compounds",
        "targets",
        "products",
        "pk_parameters",
        "affinities",
        "cyp_inhibition",
        "protein_binding",
        "mechanism_claims",
        "drugs",
        "ddi_parameters",
        "clinical_interactions",
        "interaction_rules",
        "studies",
        "evidence_topics",
        "claims",
        "jurisdictions",
        "reference_limits",
    ]
    what: NonEmpty
    status: Literal["not_found", "not_readable"]
    searched: list[NonEmpty] = Field(min_length=1)
    candidates: list[SourceId] = Field(default_factory=list)
    compound: Id | None = None
    target: Id | None = None
    note: str | None = None


Record = (
    Source
    | Compound
    | Target
    | Product
    | PkParameter
    | Affinity
    | CypInhibition
    | ProteinBinding
    | MechanismClaim
    | Gap
)
