"""Building the kratom model file from the knowledge base (the derivation, reproducibly).

``scripts/derive-models`` calls :func:`build_kratom_model` and writes
``speciosa/data/models/kratom-alkaloids.yaml``; a test re-runs it and compares. Every number in
the file is either read from ``pk_parameters.yaml`` (with its source and locator) or derived here
(quality ``derived``, with formula and input record ids).
"""

from __future__ import annotations

import math
from typing import Any

from speciosa.knowledge import KnowledgeBase, PkParameter
from speciosa.pk._derive import METABOLITE_WINDOW, ParentFit, fit_parent, fit_parent_with_metabolite

__all__ = ["ALKALOIDS", "D2_RANGE_N5", "build_kratom_model"]

#: compound id -> (short prefix used in state and parameter names, pk_parameters id prefix)
ALKALOIDS: dict[str, tuple[str, str]] = {
    "mitragynine": ("mg", "tanna2022-mg"),
    "speciogynine": ("sg", "tanna2022-sg"),
    "paynantheine": ("pay", "tanna2022-pay"),
    "speciociliatine": ("sc", "tanna2022-sc"),
    "mitraciliatine": ("mc", "tanna2022-mc"),
    "isopaynantheine": ("ip", "tanna2022-ip"),
}
METABOLITE = "7-hydroxymitragynine"
#: Expected range of 5 draws from a standard normal distribution (Tippett 1925, Table).
D2_RANGE_N5 = 2.326


def _rec(kb: KnowledgeBase, rid: str) -> PkParameter:
    rec = kb.get("pk_parameters", rid)
    assert isinstance(rec, PkParameter)
    return rec


def _nmol(kb: KnowledgeBase, compound: str, mg: float) -> float:
    from speciosa.pk._model import _molar_mass

    return mg * 1e6 / _molar_mass(kb, compound)


def _derived(
    value: float,
    unit: str,
    formula: str,
    inputs: list[str],
    note: str | None = None,
    source: str = "tanna2023dmd",
    locator: str = "Table 3 (derived; see derivation)",
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": float(f"{value:.6g}"),
        "unit": unit,
        "stat": "point",
        "source": source,
        "locator": locator,
        "quality": "derived",
        "derivation": {"formula": formula, "inputs": inputs},
    }
    if note:
        out["note"] = note
    return out


def _bsv(kb: KnowledgeBase, rid: str, what: str) -> dict[str, Any]:
    rec = _rec(kb, rid)
    iv = rec.value.interval
    assert iv is not None
    sd = math.log(iv.high / iv.low) / D2_RANGE_N5
    return _derived(
        sd,
        "1",
        "SD(log) = ln(max / min) / d2(n=5), d2(5) = 2.326 (expected range of 5 normal draws)",
        [rid],
        f"between-subject SD of log {what}, from the observed range of n = 5 (a rough estimate)",
        source="tippett1925",
        locator=f"d2(5) = 2.326; range from tanna2023dmd Table 3 via {rid}",
    )


def _parent_block(kb: KnowledgeBase, compound: str, fit: ParentFit, how: str) -> dict[str, Any]:
    p, rid = ALKALOIDS[compound]
    inputs = [f"{rid}-{x}" for x in ("cmax", "tmax", "thalf", "clf")] + [f"{rid}-cmax"]
    inputs = list(dict.fromkeys(inputs))
    fam = f"ka range that fits: {fit.ka_low:.3g}-{fit.ka_high:.3g} 1/h"
    clf = _rec(kb, f"{rid}-clf").value
    params: dict[str, Any] = {
        f"ka_{p}": {
            "kind": "rate",
            "value": _derived(fit.ka, "1/h", how, inputs, fam),
            "bsv_sd_log": _bsv(kb, f"{rid}-tmax", "ka (proxy: Tmax range)"),
        },
        f"CL_{p}": {
            "kind": "clearance",
            "value": clf.model_dump(mode="json", exclude_none=True),
            "bsv_sd_log": _bsv(kb, f"{rid}-clf", "CL/F"),
        },
        f"V1_{p}": {
            "kind": "volume",
            "value": _derived(fit.v1, "L", how, inputs, fam),
            "bsv_sd_log": _bsv(kb, f"{rid}-vzf", "V1/F (proxy: Vz/F range)"),
        },
        f"Q_{p}": {"kind": "clearance", "value": _derived(fit.q, "L/h", how, inputs, fam)},
        f"V2_{p}": {"kind": "volume", "value": _derived(fit.v2, "L", how, inputs, fam)},
    }
    return params


def build_kratom_model(kb: KnowledgeBase) -> dict[str, Any]:
    """The kratom-alkaloids model file as a mapping (see the module docstring)."""
    compartments: list[dict[str, Any]] = []
    flows: list[dict[str, Any]] = []
    doses: dict[str, list[dict[str, Any]]] = {}
    parameters: dict[str, Any] = {}
    how_parent = (
        "two-compartment oral model solved so that model Cmax, Tmax and terminal t1/2 equal the "
        "medians with CL/F as reported; ka = geometric middle of the range of ka that fits "
        "(speciosa.pk._derive.fit_parent)"
    )
    how_mg = (
        "two-compartment oral model solved so that model Cmax, Tmax and terminal t1/2 equal the "
        "medians with CL/F as reported; among the ka that fit, the one that best fits 7-OH "
        "(speciosa.pk._derive.fit_parent_with_metabolite)"
    )
    for compound, (p, rid) in ALKALOIDS.items():
        dose_mg = _rec(kb, f"{rid}-cmax").dose
        assert dose_mg is not None
        dose = _nmol(kb, compound, dose_mg.m_as("mg"))
        nca = [_rec(kb, f"{rid}-{x}").value for x in ("cmax", "tmax", "thalf", "clf")]
        pn = (nca[0].m_as("nM"), nca[1].m_as("h"), nca[2].m_as("h"), nca[3].m_as("L/h"))
        if compound == "mitragynine":
            m = [_rec(kb, f"tanna2022-7oh-{x}").value for x in ("cmax", "tmax", "thalf", "aucinf")]
            mn = (m[0].m_as("nM"), m[1].m_as("h"), m[2].m_as("h"), m[3].m_as("nM*h"))
            fit, met = fit_parent_with_metabolite(dose, pn, mn)
            parameters.update(_parent_block(kb, compound, fit, how_mg))
        else:
            fit = fit_parent(dose, *pn)
            parameters.update(_parent_block(kb, compound, fit, how_parent))
        compartments += [
            {"name": f"{p}_depot", "kind": "depot", "compound": compound},
            {"name": f"{p}_central", "kind": "central", "compound": compound, "volume": f"V1_{p}"},
            {"name": f"{p}_peripheral", "kind": "peripheral", "compound": compound},
        ]
        flows += [
            {"from": f"{p}_depot", "to": f"{p}_central", "rate": f"ka_{p}"},
            {"from": f"{p}_central", "to": f"{p}_peripheral", "rate": f"Q_{p} / V1_{p}"},
            {"from": f"{p}_peripheral", "to": f"{p}_central", "rate": f"Q_{p} / V2_{p}"},
        ]
        doses[compound] = [{"compartment": f"{p}_depot"}]
        if compound == "mitragynine":
            compartments += [
                {"name": "oh_first_pass", "kind": "depot", "compound": METABOLITE},
                {"name": "oh_central", "kind": "central", "compound": METABOLITE, "volume": "V_oh"},
            ]
            flows += [
                {
                    "from": "mg_central",
                    "to": "oh_central",
                    "rate": "CL_mg / V1_mg",
                    "note": "all mitragynine clearance, in 7-OH units per unit fm (apparent)",
                },
                {"from": "oh_first_pass", "to": "oh_central", "rate": "ka_mg"},
                {"from": "oh_central", "to": None, "rate": "CL_oh / V_oh"},
            ]
            doses[compound].append({"compartment": "oh_first_pass", "fraction": "Y_oh"})
            m_inputs = [f"tanna2022-7oh-{x}" for x in ("cmax", "tmax", "thalf", "aucinf")]
            how_m = (
                "weighted least squares of the 7-OH model Cmax, Tmax, AUC and t1/2 (log-linear "
                f"regression at {', '.join(f'{t:g}' for t in METABOLITE_WINDOW)} h) to the medians, "
                "each residual scaled by the validation tolerance (speciosa.pk._derive.fit_metabolite)"
            )
            parameters["Y_oh"] = {
                "kind": "fraction",
                "value": _derived(
                    met.yield_first_pass,
                    "1",
                    how_m,
                    m_inputs,
                    "7-OH formed before mitragynine reaches the circulation, per mol of mitragynine "
                    "dose, per unit fm (apparent)",
                ),
            }
            parameters["V_oh"] = {
                "kind": "volume",
                "value": _derived(met.v, "L", how_m, m_inputs, "V/fm (apparent)"),
                "bsv_sd_log": _bsv(kb, "tanna2022-7oh-cmax", "V/fm (proxy: Cmax range)"),
            }
            parameters["CL_oh"] = {
                "kind": "clearance",
                "value": _derived(met.cl, "L/h", how_m, m_inputs, "CL/fm (apparent)"),
                "bsv_sd_log": _bsv(kb, "tanna2022-7oh-aucinf", "CL/fm (proxy: AUC range)"),
            }
        else:
            flows.append({"from": f"{p}_central", "to": None, "rate": f"CL_{p} / V1_{p}"})
    covariates = []
    for name, par in parameters.items():
        if par["kind"] in ("clearance", "volume"):
            exp_value = 0.75 if par["kind"] == "clearance" else 1.0
            covariates.append(
                {
                    "parameter": name,
                    "covariate": "weight",
                    "reference": {
                        "value": 70,
                        "unit": "kg",
                        "source": "anderson2008",
                        "locator": "allometric size model",
                        "quality": "secondary",
                        "note": "standard 70 kg reference; the Tanna 2022 participants' weights could not be read",
                    },
                    "exponent": {
                        "value": exp_value,
                        "unit": "1",
                        "source": "anderson2008",
                        "locator": "theory-based allometric exponents (0.75 clearance, 1 volume)",
                        "quality": "secondary",
                    },
                }
            )
    return {
        "model": "kratom-alkaloids",
        "title": "Kratom alkaloids after oral leaf (tea or powder): mitragynine with 7-OH-mitragynine, and five minor alkaloids",
        "description": (
            "Two-compartment oral models (apparent, /F) for mitragynine, speciogynine, paynantheine, "
            "speciociliatine, mitraciliatine and isopaynantheine, derived from the median NCA of a "
            "single 2 g kratom tea (Tanna 2022 via Tanna 2023 Table 3); 7-OH-mitragynine formed from "
            "mitragynine before (first pass) and after it reaches the circulation. Generated by "
            "scripts/derive-models; do not edit by hand."
        ),
        "compartments": compartments,
        "flows": flows,
        "doses": doses,
        "parameters": parameters,
        "covariates": covariates,
        "assumptions": [
            "Linear (dose-proportional) kinetics. Huestis 2024 reports Cmax proportional to dose and AUC slightly more than proportional over 6.65-53.2 mg mitragynine; the model ignores the excess.",
            "Parameters derive from medians of individual NCA values of 5 participants, treated as the NCA of a typical subject.",
            "Two-compartment structure as Tanna 2022 found for the median profiles; the compartmental estimates themselves could not be read, so they are derived here.",
            "One degree of freedom (ka) is not fixed by the NCA summaries; see each ka's note for the range that fits equally well.",
            "7-OH-mitragynine parameters are apparent, per unit fraction of mitragynine clearance that forms it (fm, not identifiable from plasma data); predicted 7-OH concentrations do not depend on fm.",
            f"7-OH terminal half-life is computed from samples at {', '.join(f'{t:g}' for t in METABOLITE_WINDOW)} h (sampling times assumed; 6.5 h and earlier are consistent with the Tmax values in Table 3).",
            "Same absorption for tea, leaf powder in capsules and loose powder: Tmax of mitragynine is about 1 h after tea (Tanna 2022) and 1.0-1.3 h after capsules (Huestis 2024). No human data for extracts: the same absorption is assumed.",
            "Between-subject variability is log-normal with SDs estimated from the observed ranges of n = 5 (rough), uncorrelated (no data on correlations).",
            "Body weight scales clearances with exponent 0.75 and volumes with exponent 1 around 70 kg (theory-based allometry); not estimated from kratom data.",
            "7-OH contained in a product is not simulated: there are no human PK data after oral 7-OH.",
        ],
    }
