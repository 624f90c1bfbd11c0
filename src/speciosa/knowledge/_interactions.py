"""Record schemas for drug interactions: co-medications, DDI constants, observed DDIs, PD rules.

- :class:`Drug`: a co-medication (victim drug): enzyme fractions ``fm``, intestinal availability
  ``fg``, PK for dynamic simulation, pharmacodynamic flags and prodrug activation, all cited.
- :class:`DdiParameter`: physiological and regulatory constants of the interaction models (enzyme
  turnover ``kdeg``, blood flows, gut volume, cut-offs of the FDA and ICH M12 basic models).
- :class:`ClinicalInteraction`: an observed interaction (a geometric mean ratio with its 90 % CI)
  from a clinical study; used as evidence and, in the validation tests, as the oracle.
- :class:`InteractionRule`: a pharmacodynamic interaction rule, e.g. "opioid + kratom: additive
  respiratory depression", with the drug flag that triggers it and the sources on both sides.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, model_validator

from speciosa.knowledge._records import DIMENSIONLESS, FieldError, _check_kind, _check_range, _fraction_bounds
from speciosa.knowledge._values import CitedValue, Frozen, Id, NonEmpty, SourceId
from speciosa.units import Kind

__all__ = [
    "FLAG_LEVELS",
    "FM_ENZYMES",
    "ClinicalInteraction",
    "DdiParameter",
    "Drug",
    "DrugFlags",
    "DrugPk",
    "Flag",
    "InteractionRule",
    "Mechanism",
    "Prodrug",
    "SEVERITIES",
    "Severity",
    "Statement",
]

FM_ENZYMES: Final = ("CYP3A4", "CYP2D6", "CYP2C19", "CYP2C9", "CYP1A2")
"""Enzymes with a quantitative fraction metabolised (``fm``) in :class:`Drug` records."""

DrugClass = Literal[
    "antidepressant",
    "ssri",
    "snri",
    "tca",
    "maoi",
    "atypical_antidepressant",
    "antipsychotic",
    "anxiolytic",
    "mood_stabilizer",
    "opioid",
    "benzodiazepine",
    "z_drug",
    "gabapentinoid",
    "stimulant",
    "antihistamine",
    "antidiarrheal",
    "antitussive",
    "alcohol",
    "probe_substrate",
    "other",
]
Level = Literal["high", "moderate", "low", "none"]
FlagName = Literal[
    "serotonergic", "cns_depressant", "respiratory_depressant", "qt", "seizure_threshold", "opioid"
]
FLAG_LEVELS: Final[dict[str, tuple[str, ...]]] = {
    "serotonergic": ("high", "moderate", "low", "none"),
    "cns_depressant": ("high", "moderate", "low", "none"),
    "respiratory_depressant": ("high", "moderate", "low", "none"),
    "qt": ("known", "possible", "conditional", "none"),
    "seizure_threshold": ("strongly_lowers", "lowers", "none"),
    "opioid": ("full_agonist", "partial_agonist", "none"),
}
"""Levels each pharmacodynamic flag may take, strongest first (QT: CredibleMeds categories)."""


class Statement(Frozen):
    """A sourced qualitative statement (no number), e.g. "CYP2B6 is the main pathway"."""

    statement: NonEmpty
    source: SourceId
    locator: NonEmpty
    quality: Literal["primary", "secondary"] = "secondary"


class Flag(Statement):
    """A pharmacodynamic property of a drug at one of the levels of :data:`FLAG_LEVELS`."""

    level: NonEmpty


class Prodrug(Statement):
    """Activation of a prodrug by an enzyme (e.g. codeine to morphine by CYP2D6)."""

    enzyme: Id
    active: NonEmpty


class DrugPk(Frozen):
    """PK of a drug as given alone, for the dynamic interaction model (oral route)."""

    bioavailability: CitedValue | None = None
    clearance: CitedValue | None = None
    clearance_kind: Literal["systemic", "apparent_oral"] = "systemic"
    volume: CitedValue | None = None
    half_life: CitedValue | None = None
    tmax: CitedValue | None = None
    fu: CitedValue | None = None
    fe: CitedValue | None = None
    blood_to_plasma: CitedValue | None = None

    @model_validator(mode="after")
    def _kinds(self) -> DrugPk:
        kinds: dict[str, tuple[Kind, ...]] = {
            "bioavailability": DIMENSIONLESS,
            "clearance": ("clearance", "clearance_per_weight"),
            "volume": ("volume", "volume_per_weight"),
            "half_life": ("time",),
            "tmax": ("time",),
            "fu": DIMENSIONLESS,
            "fe": DIMENSIONLESS,
            "blood_to_plasma": DIMENSIONLESS,
        }
        for name, allowed in kinds.items():
            value = getattr(self, name)
            if value is None:
                continue
            _check_kind(value, allowed, name, field=name)
            if name in ("bioavailability", "fu", "fe"):
                _fraction_bounds(value, name)
            else:
                _check_range(value, name, low=0.0, high=None, field=name)
        return self


class DrugFlags(Frozen):
    """Pharmacodynamic flags of a drug; an absent flag means "not assessed", not "none"."""

    serotonergic: Flag | None = None
    cns_depressant: Flag | None = None
    respiratory_depressant: Flag | None = None
    qt: Flag | None = None
    seizure_threshold: Flag | None = None
    opioid: Flag | None = None

    @model_validator(mode="after")
    def _levels(self) -> DrugFlags:
        for name, levels in FLAG_LEVELS.items():
            flag = getattr(self, name)
            if flag is not None and flag.level not in levels:
                raise FieldError(f"{name}.level", f"level {flag.level!r} is not one of {', '.join(levels)}")
        return self


class Drug(Frozen):
    """A co-medication: metabolism, PK and pharmacodynamic flags, each value cited.

    ``fm`` maps an enzyme of :data:`FM_ENZYMES` to the fraction of the drug's clearance it
    carries in normal metabolisers; enzymes named only qualitatively by the sources go in
    ``fm_qualitative``. ``max_daily_dose`` is the highest adult maximum daily dose of the drug's
    label across its labelled indications (a mass per day, written as mg); it is absent where the
    label sets none (opioids titrated to effect) and that absence is a recorded gap. ``gaps`` lists
    what was searched for and not found.
    """

    id: Id
    name: NonEmpty
    synonyms: list[NonEmpty] = Field(default_factory=list)
    classes: list[DrugClass] = Field(min_length=1)
    usual_dose: CitedValue | None = None
    max_daily_dose: CitedValue | None = None
    fm: dict[str, CitedValue] = Field(default_factory=dict)
    fm_qualitative: dict[str, Statement] = Field(default_factory=dict)
    fg: CitedValue | None = None
    pk: DrugPk = Field(default_factory=DrugPk)
    flags: DrugFlags = Field(default_factory=DrugFlags)
    prodrug: Prodrug | None = None
    gaps: list[NonEmpty] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _fractions(self) -> Drug:
        total = 0.0
        for enzyme, value in self.fm.items():
            if enzyme not in FM_ENZYMES:
                raise FieldError(
                    f"fm.{enzyme}",
                    f"enzyme {enzyme!r} has no quantitative fm here; use one of {', '.join(FM_ENZYMES)} "
                    "or put it in fm_qualitative",
                )
            _check_kind(value, DIMENSIONLESS, f"fm {enzyme}", field=f"fm.{enzyme}")
            _fraction_bounds(value, f"fm {enzyme}")
            total += value.value / (100.0 if value.unit.strip() in ("percent", "%") else 1.0)
        if total > 1.02:  # rounding in the sources
            raise FieldError("fm", f"fractions metabolised add up to {total:.2f}, above 1")
        if self.fg is not None:
            _check_kind(self.fg, DIMENSIONLESS, "fg", field="fg")
            _fraction_bounds(self.fg, "fg")
        if self.usual_dose is not None:
            _check_kind(self.usual_dose, ("mass",), "usual_dose", field="usual_dose")
        if self.max_daily_dose is not None:
            _check_kind(self.max_daily_dose, ("mass",), "max_daily_dose", field="max_daily_dose")
            if self.max_daily_dose.value <= 0:
                raise FieldError("max_daily_dose", "a maximum daily dose must be above 0")
        return self


DdiQuantity = Literal[
    "kdeg",
    "hepatic_blood_flow",
    "enterocyte_blood_flow",
    "gut_volume",
    "absorption_rate",
    "fraction_absorbed",
    "cutoff",
    "inhibitor_multiple",
]
_DDI_KINDS: Final[dict[str, tuple[Kind, ...]]] = {
    "kdeg": ("rate",),
    "hepatic_blood_flow": ("clearance",),
    "enterocyte_blood_flow": ("clearance",),
    "gut_volume": ("volume",),
    "absorption_rate": ("rate",),
    "fraction_absorbed": DIMENSIONLESS,
    "cutoff": DIMENSIONLESS,
    "inhibitor_multiple": DIMENSIONLESS,
}


class DdiParameter(Frozen):
    """A constant of the interaction models: enzyme turnover, blood flow, regulatory cut-off, ...

    ``model`` names the basic model a ``cutoff`` or ``inhibitor_multiple`` belongs to (``R1``,
    ``R1_gut``, ``R2``, ``R3``, ``AUCR``) and ``guidance`` the document (``fda2020``, ``ich_m12``).
    """

    id: Id
    quantity: DdiQuantity
    enzyme: Id | None = None
    organ: Literal["liver", "gut"] | None = None
    model: Literal["R1", "R1_gut", "R2", "R3", "AUCR"] | None = None
    guidance: Literal["fda2020", "ich_m12"] | None = None
    value: CitedValue
    note: str | None = None

    @model_validator(mode="after")
    def _kind(self) -> DdiParameter:
        _check_kind(self.value, _DDI_KINDS[self.quantity], self.quantity)
        _check_range(self.value, self.quantity, low=0.0, high=None)
        if self.quantity == "kdeg" and (self.enzyme is None or self.organ is None):
            raise FieldError("enzyme", "a kdeg record needs `enzyme` and `organ`")
        if self.quantity in ("cutoff", "inhibitor_multiple") and (
            self.model is None or self.guidance is None
        ):
            raise FieldError("model", f"a {self.quantity} record needs `model` and `guidance`")
        return self


class ClinicalInteraction(Frozen):
    """An observed interaction: a geometric mean ratio (with/without the perpetrator) and its CI.

    ``perpetrator`` is a product id (kratom products) and ``victim`` a drug id.
    """

    id: Id
    study: NonEmpty
    perpetrator: Id
    perpetrator_dose: CitedValue
    perpetrator_regimen: NonEmpty
    victim: Id
    victim_dose: CitedValue
    measure: Literal["auc_ratio", "cmax_ratio", "metabolic_ratio"]
    population: NonEmpty
    value: CitedValue
    note: str | None = None

    @model_validator(mode="after")
    def _ratio(self) -> ClinicalInteraction:
        _check_kind(self.value, DIMENSIONLESS, self.measure)
        _check_range(self.value, self.measure, low=0.0, high=None)
        for name in ("perpetrator_dose", "victim_dose"):
            _check_kind(getattr(self, name), ("mass",), name, field=name)
        return self


Mechanism = Literal[
    "respiratory_depression",
    "cns_depression",
    "serotonin_toxicity",
    "qt_prolongation",
    "seizure_threshold",
    "prodrug_activation",
]
Severity = Literal["avoid", "major", "moderate", "minor", "none_expected"]
SEVERITIES: Final[tuple[str, ...]] = Severity.__args__  # type: ignore[attr-defined]
"""Severities from the most to the least severe: the one order every comparison uses."""


class InteractionRule(Frozen):
    """A pharmacodynamic (or prodrug) interaction rule between kratom and a class of drugs.

    The rule fires for a drug whose flag ``flag`` has one of ``levels`` (or, for prodrug rules,
    whose ``prodrug.enzyme`` is one of ``enzymes``). ``kratom_basis`` says why kratom contributes,
    ``drug_basis`` why the drug does; ``severity`` and ``advice`` are what the rule assigns.
    """

    id: Id
    mechanism: Mechanism
    flag: FlagName | None = None
    levels: list[NonEmpty] = Field(default_factory=list)
    enzymes: list[Id] = Field(default_factory=list)
    severity: Severity
    evidence: Literal["clinical_study", "case_reports", "theoretical"]
    summary: NonEmpty
    advice: NonEmpty
    kratom_basis: list[Statement] = Field(min_length=1)
    drug_basis: list[Statement] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _trigger(self) -> InteractionRule:
        if self.mechanism == "prodrug_activation":
            if not self.enzymes:
                raise FieldError("enzymes", "a prodrug_activation rule needs `enzymes`")
            return self
        if self.flag is None or not self.levels:
            raise FieldError("flag", "a pharmacodynamic rule needs `flag` and `levels`")
        allowed = FLAG_LEVELS[self.flag]
        for level in self.levels:
            if level not in allowed:
                raise FieldError(
                    "levels", f"level {level!r} of {self.flag} is not one of {', '.join(allowed)}"
                )
        return self
