"""Number wording shared by the plain answer and the page: significant figures, hours, intervals."""

from __future__ import annotations

__all__ = ["hours_interval", "hours_text", "interval_text", "sig"]

Quantiles = dict[str, float | None]


def sig(x: float | None) -> str:
    """Three significant figures; thousands with separators; ``-`` for a missing value.

    >>> sig(57.18), sig(0.4986), sig(12345.6), sig(None)
    ('57.2', '0.499', '12,346', '-')
    """
    if x is None:
        return "-"
    return f"{x:.3g}" if abs(x) < 1e4 else f"{x:,.0f}"


def hours_text(h: float | None) -> str:
    """Hours below 48, days above.

    >>> hours_text(37.91), hours_text(187.3)
    ('37.9 h', '7.8 days')
    """
    if h is None:
        return "-"
    return f"{sig(h)} h" if h < 48 else f"{h / 24:.2g} days"


def interval_text(q: Quantiles | None, unit: str = "", scale: float = 1.0, *, label: str = "") -> str:
    """``median (p05-p95)``, each times ``scale``; ``label`` goes before the range.

    >>> interval_text({"median": 0.2145, "p05": 0.1524, "p95": 0.2872}, "%", 100)
    '21.4% (15.2-28.7%)'
    """
    if not q or q.get("median") is None:
        return "-"
    m, lo, hi = (None if q[k] is None else q[k] * scale for k in ("median", "p05", "p95"))  # type: ignore[operator]
    return f"{sig(m)}{unit} ({label}{sig(lo)}-{sig(hi)}{unit})"


def hours_interval(q: Quantiles | None, *, label: str = "") -> str:
    """``median (p05 to p95)`` in hours or days.

    >>> hours_interval({"median": 37.9, "p05": 3.4, "p95": 164.1})
    '37.9 h (3.4 h to 6.8 days)'
    """
    if not q or q.get("median") is None:
        return "-"
    return f"{hours_text(q['median'])} ({label}{hours_text(q['p05'])} to {hours_text(q['p95'])})"
