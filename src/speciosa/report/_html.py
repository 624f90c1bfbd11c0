"""Render the report document as one self-contained HTML page (Jinja2, autoescaped)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import jinja2
from markupsafe import Markup, escape

from speciosa.report._figures import exposure_figure, occupancy_figure
from speciosa.report._format import hours_interval, interval_text, sig

__all__ = ["render_html"]

#: Rows of the exposure table: metric key, label, unit.
EXPOSURE_ROWS: Final = (
    ("cmax_ng_mL", "Peak concentration (Cmax)", " ng/mL"),
    ("cmax_nM", "Peak concentration (Cmax)", " nM"),
    ("tmax_h", "Time of the peak after a dose (Tmax)", " h"),
    ("cavg_nM", "Average concentration over a dosing interval", " nM"),
    ("cmin_nM", "Lowest concentration before the next dose (trough)", " nM"),
    ("auc_nM_h", "Exposure over a dosing interval (AUC)", " nM·h"),
    ("t_half_h", "Terminal half-life", " h"),
    ("accumulation_ratio", "Accumulation (AUC last / first interval)", ""),
    ("time_to_90pct_ss_h", "Time to 90% of steady state", " h"),
)
FALL_ROWS: Final = (
    ("fall_50pct_h", "Fallen by 50%"),
    ("fall_90pct_h", "Fallen by 90%"),
    ("fall_99pct_h", "Fallen by 99%"),
)


def _environment(numbers: dict[str, int]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("speciosa.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def refs(ids: Iterable[str | None] | None) -> Markup:
        found = sorted({numbers[i] for i in ids or () if i is not None and i in numbers})
        if not found:
            return Markup("")
        links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in found)
        return Markup(f'<sup class="ref">[{links}]</sup>')

    env.filters.update(
        refs=refs,
        q=interval_text,
        hq=hours_interval,
        g=sig,
        words=lambda text: escape(str(text).replace("_", " ")),
    )
    return env


def render_html(document: dict[str, Any]) -> str:
    """The report page for a document made by :func:`speciosa.report.build_report`."""
    numbers = {r["id"]: r["ref"] for r in document["references"]}
    template = _environment(numbers).get_template("report.html.j2")
    figures = {
        "exposure": exposure_figure(document["exposure"]),
        "occupancy": occupancy_figure(document["mechanism"]),
    }
    return template.render(
        d=document,
        s=document["scenario"],
        figures=figures,
        exposure_rows=EXPOSURE_ROWS,
        falls=FALL_ROWS,
    )
