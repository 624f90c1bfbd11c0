"""Rate-constant expressions of model flows.

A flow's rate constant is written in the model file as a product or quotient of parameter names
and complements, e.g. ``CL_mg / V1_mg`` or ``ka_mg * (1 - ffp_7oh)``. Nothing else is accepted:
no numbers other than the ``1`` of a complement, no function calls. The expression is parsed
once and evaluated on arrays of per-subject parameter values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["RateExpression", "parse_rate"]

FloatArray = npt.NDArray[np.float64]

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[*/()\-])|(?P<one>1(?![0-9.])))")


@dataclass(frozen=True, slots=True)
class _Factor:
    name: str
    complement: bool  # (1 - name)
    divide: bool


@dataclass(frozen=True, slots=True)
class RateExpression:
    """A parsed rate expression: a product of (possibly complemented) parameters, some divided."""

    text: str
    factors: tuple[_Factor, ...]

    @property
    def names(self) -> frozenset[str]:
        """Parameter names the expression uses."""
        return frozenset(f.name for f in self.factors)

    def evaluate(self, params: Mapping[str, FloatArray | float]) -> FloatArray:
        """Evaluate on per-subject parameter arrays (1/h).

        Examples
        --------
        >>> float(parse_rate("ka * (1 - f)").evaluate({"ka": 2.0, "f": 0.25}))
        1.5
        """
        out: FloatArray = np.asarray(1.0, dtype=np.float64)
        for f in self.factors:
            v = np.asarray(params[f.name], dtype=np.float64)
            if f.complement:
                v = 1.0 - v
            out = out / v if f.divide else out * v
        return out


def _tokens(text: str) -> list[str]:
    pos, out = 0, []
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unexpected {stripped[pos:]!r} in rate {text!r}")
        out.append(m.group("name") or m.group("op") or "1")
        pos = m.end()
    return out


def parse_rate(text: str) -> RateExpression:
    """Parse ``name``, ``(1 - name)`` factors joined by ``*`` and ``/``.

    Raises
    ------
    ValueError
        With the offending part of the text.
    """
    toks = _tokens(text)
    factors: list[_Factor] = []
    i, divide = 0, False
    while True:
        if i < len(toks) and toks[i] == "(":
            if toks[i + 1 : i + 3] != ["1", "-"] or i + 4 >= len(toks) + 1 or toks[i + 4 : i + 5] != [")"]:
                raise ValueError(f"only '(1 - name)' may be bracketed in rate {text!r}")
            name = toks[i + 3]
            if not name[0].isalpha() and name[0] != "_":
                raise ValueError(f"expected a parameter name after '1 -' in rate {text!r}")
            factors.append(_Factor(name, True, divide))
            i += 5
        elif i < len(toks) and (toks[i][0].isalpha() or toks[i][0] == "_"):
            factors.append(_Factor(toks[i], False, divide))
            i += 1
        else:
            raise ValueError(f"expected a parameter name or '(1 - name)' in rate {text!r}")
        if i == len(toks):
            return RateExpression(text.strip(), tuple(factors))
        if toks[i] not in ("*", "/"):
            raise ValueError(f"expected '*' or '/' after {toks[i - 1]!r} in rate {text!r}")
        divide = toks[i] == "/"
        i += 1
