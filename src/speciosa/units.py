"""Units: the one place where text becomes quantities.

Inside the numerics speciosa uses plain floats in canonical units, one per kind of quantity:

=====================  ==============  ==========================================
kind                   canonical unit  examples of accepted text
=====================  ==============  ==========================================
mass                   mg              ``"3 g"``, ``"500 mg"``, ``"250ug"``
time                   h               ``"8h"``, ``"30 min"``, ``"14 day"``
volume                 L               ``"250 mL"``
amount                 nmol            ``"12 umol"``
molar_concentration    nM              ``"81.9 nM"``, ``"1.2 uM"``
mass_concentration     ng/mL           ``"32.6 ng/mL"``
rate                   1/h             ``"0.068 1/min"``
clearance              L/h             ``"233 L/h"``
clearance_per_weight   L/h/kg          ``"1.8 L/h/kg"``
volume_per_weight      L/kg            ``"38 L/kg"``
molar_exposure         nM*h            ``"420 nM*h"``
mass_exposure          ng*h/mL         ``"167 ng*h/mL"``
molar_mass             g/mol           ``"398.5 g/mol"``
mass_ratio             mg/g            ``"19.5 mg/g"``, ``"2.5 mg/kg"``
fraction               1               ``"0.05"``, ``"95 percent"``, ``"95 %"``
permeability           cm/s            ``"2.1e-6 cm/s"`` (apparent permeability)
=====================  ==============  ==========================================

Quantities are converted once, at the boundary, with :func:`to_canonical`; mass concentrations
become molar ones through the molar mass (:func:`mass_to_molar_concentration`), so that different
alkaloids compare on one scale.

Nothing else in speciosa imports pint.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, get_args

import pint

from speciosa.errors import UnitError

__all__ = [
    "CANONICAL_UNITS",
    "Kind",
    "MAX_QUANTITY_CHARS",
    "Quantity",
    "convert",
    "kind_of_unit",
    "mass_to_molar_concentration",
    "molar_to_mass_concentration",
    "parse_quantity",
    "parse_unit",
    "to_canonical",
]

Kind = Literal[
    "mass",
    "time",
    "volume",
    "amount",
    "molar_concentration",
    "mass_concentration",
    "rate",
    "clearance",
    "clearance_per_weight",
    "volume_per_weight",
    "molar_exposure",
    "mass_exposure",
    "molar_mass",
    "mass_ratio",
    "fraction",
    "permeability",
]

CANONICAL_UNITS: Final[dict[Kind, str]] = {
    "mass": "mg",
    "time": "h",
    "volume": "L",
    "amount": "nmol",
    "molar_concentration": "nM",
    "mass_concentration": "ng/mL",
    "rate": "1/h",
    "clearance": "L/h",
    "clearance_per_weight": "L/h/kg",
    "volume_per_weight": "L/kg",
    "molar_exposure": "nM*h",
    "mass_exposure": "ng*h/mL",
    "molar_mass": "g/mol",
    "mass_ratio": "mg/g",
    "fraction": "1",
    "permeability": "cm/s",
}

_UREG: Final[pint.UnitRegistry[float]] = pint.UnitRegistry(autoconvert_offset_to_baseunit=False)

# A number, then a unit made of names, prefixes, powers, products and quotients. Anything else
# (arithmetic, commas as decimal separators, several numbers) is rejected before pint sees it,
# because pint would otherwise evaluate expressions such as "3 g + 2 g".
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_UNIT = r"[A-Za-zµμ%][A-Za-z0-9µμ%/*^ .]*"
_QUANTITY_RE: Final = re.compile(rf"^\s*(?P<number>{_NUMBER})\s*(?P<unit>(?:1\s*/\s*)?{_UNIT})?\s*$")
_UNIT_RE: Final = re.compile(rf"^\s*(?:1|{_UNIT}|1\s*/\s*{_UNIT})\s*$")

_ACCEPTED_EXAMPLES: Final = '"3 g", "500 mg", "8h", "2.5 mg/kg", "81.9 nM"'

#: Longest quantity or unit text read (characters). The longest unit in the data files is 7
#: characters ("ng*h/mL") and a quantity adds a number; the cap keeps the pattern match and
#: pint's recursive unit parser (which fails with RecursionError on a few hundred "/g") bounded.
MAX_QUANTITY_CHARS: Final = 100


@dataclass(frozen=True, slots=True)
class Quantity:
    """A magnitude with a unit, immutable.

    Parameters
    ----------
    magnitude
        The number.
    unit
        The unit as text that :func:`parse_unit` accepts (``"mg"``, ``"nM*h"``, ``"1"``).

    Examples
    --------
    >>> q = parse_quantity("3 g", kind="mass")
    >>> q.to("mg")
    Quantity(magnitude=3000.0, unit='mg')
    >>> str(q)
    '3 g'
    """

    magnitude: float
    unit: str

    def __post_init__(self) -> None:
        if not math.isfinite(self.magnitude):
            raise UnitError("magnitude", f"must be finite, got {self.magnitude!r}")
        parse_unit(self.unit)

    @property
    def kind(self) -> Kind | None:
        """Kind of quantity (see the module table), or None if it is none of them."""
        return kind_of_unit(self.unit)

    def to(self, unit: str) -> Quantity:
        """Return the same quantity expressed in ``unit``."""
        return Quantity(convert(self.magnitude, self.unit, unit), unit)

    def m_as(self, unit: str) -> float:
        """Return the magnitude in ``unit``."""
        return convert(self.magnitude, self.unit, unit)

    def __str__(self) -> str:
        if self.unit == "1":
            return f"{self.magnitude:g}"
        return f"{self.magnitude:g} {self.unit}"


@lru_cache(maxsize=512)
def _pint_unit(text: str) -> pint.Unit:
    text = text.strip()
    if text in ("1", ""):
        return _UREG.dimensionless
    if len(text) > MAX_QUANTITY_CHARS:
        raise UnitError("unit", f"a unit of {len(text)} characters is too long; write e.g. mg, h, mg/kg")
    if not _UNIT_RE.match(text) or "//" in text:
        raise UnitError("unit", f"{text!r} is not a unit; write e.g. mg, h, L, nM, mg/kg, nM*h")
    if text[-1] in "/*^":  # pint's parser fails an assertion on a dangling operator ("g/", "mg*")
        raise UnitError("unit", f"{text!r} ends with {text[-1]!r}; write e.g. mg, mg/kg or nM*h")
    try:
        return _UREG.parse_units(text.replace("µ", "u").replace("μ", "u"))
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as exc:
        raise UnitError(
            "unit", f"unknown unit {text!r}; write e.g. mg, g, h, min, L, nM, uM, ng/mL, mg/kg"
        ) from exc
    except (AttributeError, TypeError, ValueError, SyntaxError, RecursionError) as exc:
        # pint's tokenizer raises these on malformed expressions such as "mg//kg"
        raise UnitError("unit", f"cannot read unit {text!r}; write e.g. mg/kg or nM*h") from exc


def parse_unit(text: str) -> str:
    """Check that ``text`` is a unit and return it stripped.

    Raises
    ------
    UnitError
        If ``text`` is not a unit pint knows, or uses arithmetic beyond ``*``, ``/`` and ``^``.

    Examples
    --------
    >>> parse_unit(" mg/kg ")
    'mg/kg'
    """
    _pint_unit(text)
    return text.strip()


def _mass_powers(unit: pint.Unit) -> list[int]:
    powers = []
    for name, power in unit._units.items():  # noqa: SLF001  (pint has no public accessor)
        if _UREG.get_dimensionality(name) == _UREG.get_dimensionality("g"):
            powers.append(round(float(power.real)))
    return powers


@lru_cache(maxsize=512)
def kind_of_unit(unit: str) -> Kind | None:
    """Return the kind of quantity that ``unit`` measures, or None.

    Mass ratios (``mg/g``, ``mg/kg``) and fractions (``1``, ``percent``) are both dimensionless
    for pint; they are told apart by whether the unit is written with masses.

    Examples
    --------
    >>> kind_of_unit("ng*h/mL"), kind_of_unit("mg/kg"), kind_of_unit("percent")
    ('mass_exposure', 'mass_ratio', 'fraction')
    """
    pu = _pint_unit(unit)
    dim = pu.dimensionality
    if dim == _UREG.dimensionless.dimensionality:
        return "mass_ratio" if sorted(_mass_powers(pu)) == [-1, 1] else "fraction"
    for kind in get_args(Kind):
        if kind in ("mass_ratio", "fraction"):
            continue
        if _pint_unit(CANONICAL_UNITS[kind]).dimensionality == dim:
            return kind  # type: ignore[no-any-return]
    return None


def convert(magnitude: float, from_unit: str, to_unit: str) -> float:
    """Convert ``magnitude`` from ``from_unit`` to ``to_unit``.

    Raises
    ------
    UnitError
        If the units measure different things (e.g. mg to h).

    Examples
    --------
    >>> convert(3, "g", "mg")
    3000.0
    """
    src, dst = _pint_unit(from_unit), _pint_unit(to_unit)
    if src.dimensionality != dst.dimensionality:
        raise UnitError("unit", f"cannot convert {from_unit!r} to {to_unit!r}: different dimensions")
    return float(_UREG.Quantity(magnitude, src).m_as(dst))


def parse_quantity(
    text: str,
    *,
    kind: Kind | tuple[Kind, ...] | None = None,
    field: str = "value",
    allow_negative: bool = False,
) -> Quantity:
    """Parse text such as ``"3 g"`` or ``"8h"`` into a :class:`Quantity`.

    Parameters
    ----------
    text
        A number followed by a unit. Decimal point, not comma; no arithmetic.
    kind
        Kind (or kinds) of quantity accepted; None accepts any.
    field
        Name of the argument, used in error messages.
    allow_negative
        Accept negative magnitudes (rarely meaningful: doses, times and concentrations are not).

    Returns
    -------
    Quantity
        With the unit as written.

    Raises
    ------
    UnitError
        Naming ``field``, what was wrong and what is accepted.

    Examples
    --------
    >>> parse_quantity("2.5 mg/kg", kind="mass_ratio")
    Quantity(magnitude=2.5, unit='mg/kg')
    >>> parse_quantity("3 gg", field="dose")
    Traceback (most recent call last):
    ...
    speciosa.errors.UnitError: dose: unknown unit 'gg'; write e.g. mg, g, h, min, L, nM, uM, ng/mL, mg/kg
    """
    if not isinstance(text, str):
        raise UnitError(field, f"expected text such as {_ACCEPTED_EXAMPLES}, got {type(text).__name__}")
    if len(text) > MAX_QUANTITY_CHARS:
        raise UnitError(
            field, f"{len(text)} characters is too long for a quantity; write e.g. {_ACCEPTED_EXAMPLES}"
        )
    match = _QUANTITY_RE.match(text)
    if match is None:
        raise UnitError(field, f"cannot read {text!r}; write a number and a unit, e.g. {_ACCEPTED_EXAMPLES}")
    magnitude = float(match["number"])
    unit = (match["unit"] or "1").strip()
    if not math.isfinite(magnitude):
        raise UnitError(field, f"{text!r} is not a finite number")
    if magnitude < 0 and not allow_negative:
        raise UnitError(field, f"{text!r} is negative; give a positive value")
    try:
        _pint_unit(unit)
    except UnitError as exc:
        raise UnitError(field, exc.message) from None
    if kind is not None:
        kinds = (kind,) if isinstance(kind, str) else kind
        actual = kind_of_unit(unit)
        if actual not in kinds:
            wanted = " or ".join(f"{k.replace('_', ' ')} (e.g. {CANONICAL_UNITS[k]})" for k in kinds)
            got = f"a {actual.replace('_', ' ')}" if actual else "an unsupported kind of quantity"
            raise UnitError(field, f"{text!r} is {got}; expected {wanted}")
    return Quantity(magnitude, unit)


def to_canonical(quantity: Quantity) -> float:
    """Return the magnitude of ``quantity`` in the canonical unit of its kind.

    Raises
    ------
    UnitError
        If the quantity is of no known kind.

    Examples
    --------
    >>> round(to_canonical(parse_quantity("1.2 uM")), 9)
    1200.0
    """
    kind = quantity.kind
    if kind is None:
        raise UnitError("unit", f"{quantity.unit!r} has no canonical unit in speciosa")
    return quantity.m_as(CANONICAL_UNITS[kind])


def mass_to_molar_concentration(ng_per_ml: float, molar_mass_g_per_mol: float) -> float:
    """Convert a mass concentration in ng/mL to a molar concentration in nM.

    ``c[nM] = c[ng/mL] * 1000 / M[g/mol]``, since 1 ng/mL = 1 µg/L.

    Examples
    --------
    >>> round(mass_to_molar_concentration(32.6, 398.5), 1)  # mitragynine
    81.8
    """
    if molar_mass_g_per_mol <= 0:
        raise UnitError("molar_mass", f"must be positive, got {molar_mass_g_per_mol!r} g/mol")
    return ng_per_ml * 1000.0 / molar_mass_g_per_mol


def molar_to_mass_concentration(nM: float, molar_mass_g_per_mol: float) -> float:
    """Convert a molar concentration in nM to a mass concentration in ng/mL.

    Examples
    --------
    >>> round(molar_to_mass_concentration(81.9, 398.5), 1)
    32.6
    """
    if molar_mass_g_per_mol <= 0:
        raise UnitError("molar_mass", f"must be positive, got {molar_mass_g_per_mol!r} g/mol")
    return nM * molar_mass_g_per_mol / 1000.0
