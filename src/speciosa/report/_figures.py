"""The report's plots, drawn from the report document itself (so plot and numbers agree).

Each figure is an SVG returned as a ``data:`` URI: the HTML stays one self-contained file, the
plots stay sharp in print, and nothing is fetched when the page is opened.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from speciosa.units import molar_to_mass_concentration

__all__ = ["exposure_figure", "occupancy_figure"]

_FALLS = (("fall_50pct_h", "50%"), ("fall_90pct_h", "90%"), ("fall_99pct_h", "99%"))


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _svg_uri(fig: Any, salt: str) -> str:
    plt = _pyplot()
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue().encode()).decode("ascii")


def exposure_figure(exposure: dict[str, Any]) -> str:
    """Median and 90% band of each shown analyte (ng/mL) over time, with the fall times marked."""
    plt = _pyplot()
    curves = exposure["curves"]
    shown = exposure["shown"]
    t = curves["time_h"]
    fig, axes = plt.subplots(len(shown), 1, figsize=(7.6, 2.5 * len(shown)), sharex=True, squeeze=False)
    last = exposure["last_dose_h"]
    for ax, a in zip(axes[:, 0], shown, strict=True):
        k = molar_to_mass_concentration(1.0, exposure["molar_mass_g_mol"][a])
        c = curves[a]
        ax.fill_between(
            t, [k * v for v in c["p05"]], [k * v for v in c["p95"]], alpha=0.3, label="90% of people"
        )
        ax.plot(t, [k * v for v in c["median"]], lw=1.3, label="median")
        ax.axvline(last, color="grey", lw=0.8, ls="--")
        metrics = exposure["analytes"][a]
        for key, label in _FALLS:
            x = metrics.get(key, {}).get("median")
            if x is not None and last + x <= t[-1]:
                ax.axvline(last + x, color="tab:red", lw=0.6, ls=":")
                ax.text(last + x, ax.get_ylim()[1] * 0.92, f" -{label}", fontsize=6.5, color="tab:red")
        ax.set_ylabel(f"{a}\n(ng/mL)", fontsize=8)
        ax.legend(loc="upper left", fontsize=7)
    axes[-1, 0].set_xlabel(
        "time after first dose (h); dashed: last dose; dotted: level fallen by 50/90/99% (median)"
    )
    fig.tight_layout()
    return _svg_uri(fig, "exposure")


def occupancy_figure(mechanism: dict[str, Any]) -> str | None:
    """Occupancy over time (median and 90% band) for the most occupied targets; None if none is simulated."""
    curves = mechanism["curves"]
    targets = [k for k in curves if k not in ("time_h", "unit")]
    if not targets:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.6, 3.4))
    t = curves["time_h"]
    for target in targets:
        c = curves[target]
        (line,) = ax.plot(t, c["median"], lw=1.3, label=target)
        ax.fill_between(t, c["p05"], c["p95"], alpha=0.15, color=line.get_color())
    ax.set_xlabel("time after first dose (h)")
    ax.set_ylabel("occupancy (%)\nmedian and 90% of people", fontsize=8)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=7, ncols=3)
    fig.tight_layout()
    return _svg_uri(fig, "occupancy")
