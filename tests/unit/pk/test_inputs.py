"""Event records, the regimen language, product composition, NCA and streaming quantiles."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from speciosa.errors import InputError, UnknownIdError
from speciosa.knowledge import load_knowledge_base
from speciosa.pk import (
    Event,
    EventTable,
    LogHistogram,
    composition,
    nca,
    parse_regimen,
    read_content_file,
    read_events_csv,
    write_events_csv,
)


def test_event_csv_round_trip_and_addl_expansion() -> None:
    table = EventTable.of(
        [
            Event(1, 0.0, 39.0, "mg_depot", 1, ii=8.0, addl=2),
            Event(1, 1.0),
            Event(2, 0.0, 10.0, "sc_depot", 1, ss=1, ii=24.0),
        ]
    )
    text = write_events_csv(table)
    assert text.splitlines()[0] == "ID,TIME,AMT,CMT,EVID,II,ADDL,SS"
    again = read_events_csv(text)
    assert again == table
    assert [d.time for d in again.doses(1)] == [0.0, 8.0, 16.0]
    assert again.doses(2)[0].ss == 1 and again.observation_times(1) == (1.0,)


@pytest.mark.parametrize(
    ("csv", "field"),
    [
        ("ID,TIME,AMT,CMT,EVID\n1,-1,10,mg_depot,1\n", "TIME"),
        ("ID,TIME,AMT,CMT,EVID\n1,0,0,mg_depot,1\n", "AMT"),
        ("ID,TIME,AMT,CMT,EVID\n1,0,10,,1\n", "CMT"),
        ("ID,TIME,AMT,CMT,EVID,ADDL\n1,0,10,mg_depot,1,3\n", "II"),
        ("ID,TIME,AMT,CMT,EVID\n1,abc,10,mg_depot,1\n", "TIME"),
        ("ID,TIME,AMT,CMT,EVID,RATE\n1,0,10,mg_depot,1,5\n", "RATE"),
        ("TIME,AMT\n0,10\n", "events"),
    ],
)
def test_bad_event_records_name_the_column(csv: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        read_events_csv(csv)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("text", "n", "period", "last"),
    [
        ("2 g tea once", 1, None, 0.0),
        ("3 g leaf powder every 8 h for 14 days", 42, 8.0, 328.0),
        ("4 g at 08:00 and 2 g at 20:00 daily for 10 days", 20, 24.0, 228.0),
        ("5 g daily for 7 days", 7, 24.0, 144.0),
        ("500 mg every 6h for 1 day", 4, 6.0, 18.0),
    ],
)
def test_regimen_sentences(text: str, n: int, period: float | None, last: float) -> None:
    r = parse_regimen(text)
    assert len(r.doses) == n and r.period_h == period and r.doses[-1][0] == last


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2 g",
        "-2 g once",
        "3 g every soon for 2 days",
        "2 g banana once",
        "2 g at 25:00 daily for 2 days",
        "2 g every 0 h for 1 day",
    ],
)
def test_bad_regimens_are_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        parse_regimen(text)


def test_composition_from_the_knowledge_base_and_overrides(tmp_path: Path) -> None:
    kb = load_knowledge_base()
    comp = composition(kb, "k51-leaf-powder")
    assert comp.mg(2.0)["mitragynine"] == pytest.approx(39.0)  # Tanna 2023 Table 3 dose of 2 g
    assert composition(kb, "k51-leaf-powder", mg_per_g=10.0).mg_per_g["mitragynine"] == 10.0
    f = tmp_path / "content.csv"
    f.write_text("compound,mg_per_g\nmitragynine,12\nspeciogynine,2\n")
    assert composition(kb, "k51-leaf-powder", content=read_content_file(f)).mg_per_g == {
        "mitragynine": 12.0,
        "speciogynine": 2.0,
    }
    with pytest.raises(UnknownIdError):
        composition(kb, "no-such-product")
    with pytest.raises(InputError, match="per gram"):
        composition(kb, "k51-tea")
    with pytest.raises(InputError, match="mg-per-g|mg/g"):
        composition(kb, "k51-leaf-powder", mg_per_g=-1.0)


def test_nca_of_a_monoexponential_is_exact_for_half_life_and_auc_inf() -> None:
    t = np.linspace(0, 48, 97)
    c = 100 * np.exp(-0.1 * t)
    m = nca(t, c)
    assert m["t_half"][0] == pytest.approx(math.log(2) / 0.1, rel=1e-9)
    assert m["auc_inf"][0] == pytest.approx(1000.0, rel=1e-9)  # log-down trapezoid is exact here
    assert m["cmax"][0] == 100 and m["tmax"][0] == 0


def test_streaming_quantiles_match_exact_quantiles_within_resolution() -> None:
    rng = np.random.default_rng(1)
    data = rng.lognormal(3.0, 1.0, size=(30_000, 4))
    h = LogHistogram(4)
    for chunk in np.array_split(data, 7):
        h.add(chunk)
    got = h.quantiles([0.05, 0.5, 0.95])
    want = np.quantile(data, [0.05, 0.5, 0.95], axis=0)
    np.testing.assert_allclose(got, want, rtol=0.006)
