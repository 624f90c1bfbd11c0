"""Legal status on a date: the dated changes of the issue, inheritance, coverage and bad codes.

Validation record: each dated change is checked the day before and the day it took effect,
against the source cited in jurisdictions.yaml:

- Thailand: Narcotics Act (No. 8) B.E. 2564 removed kratom from Category 5, effective 24 Aug 2021;
  Kratom Plant Act B.E. 2565 in force 27 Aug 2022 (Tilleke & Gibbins; Thai news).
- Louisiana: Act 41 of 2025 (SB 154) placed MG and 7-OH in Schedule I from 1 Aug 2025 (WRKF; Houma
  Times, quoting the Department of Revenue).
- Rhode Island: the Rhode Island Kratom Act replaced the 2017 ban on 1 Apr 2026 (bill summary).
"""

from __future__ import annotations

import datetime as dt

import pytest

from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase, load_knowledge_base
from speciosa.legal import iso_name, legal_changes, legal_status

D = dt.date
TODAY = D(2026, 11, 21)
US_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
).split()
SOUTH_EAST_ASIA = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN")
EU = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.mark.parametrize(
    ("code", "before", "day", "status_before", "status_on"),
    [
        ("TH", D(2021, 8, 23), D(2021, 8, 24), "banned", "legal"),
        ("TH", D(2022, 8, 26), D(2022, 8, 27), "legal", "regulated"),
        ("US-LA", D(2025, 7, 31), D(2025, 8, 1), "legal", "banned"),
        ("US-RI", D(2026, 3, 31), D(2026, 4, 1), "banned", "regulated"),
        ("US-TX", D(2023, 8, 31), D(2023, 9, 1), "legal", "regulated"),
        ("GB", D(2016, 5, 25), D(2016, 5, 26), "legal", "restricted"),
    ],
)
def test_dated_changes_both_sides(
    kb: KnowledgeBase, code: str, before: dt.date, day: dt.date, status_before: str, status_on: str
) -> None:
    assert legal_status(kb, code, before).own.status == status_before
    after = legal_status(kb, code, day)
    assert after.own.status == status_on
    assert after.own.period is not None and after.own.period.valid_from == day
    assert after.sources, "every answer cites a source"


def test_thailand_rules_of_the_kratom_plant_act(kb: KnowledgeBase) -> None:
    rules = legal_status(kb, "TH", D(2023, 1, 1)).own.rules
    ages = [r.value for r in rules if r.kind == "min_age"]
    assert ages == [18.0]


def test_date_before_every_record_is_unknown(kb: KnowledgeBase) -> None:
    old = legal_status(kb, "US-LA", D(2010, 1, 1))
    assert old.status == "unknown" and old.decided_by is None
    assert "before the first record" in old.notes[0]


def test_locality_inherits_and_strictest_applies(kb: KnowledgeBase) -> None:
    # Denver banned sale for human consumption from Nov 2017, while Colorado regulated kratom
    denver = legal_status(kb, "us-co:denver", D(2025, 1, 1))
    assert [lv.code for lv in denver.levels] == ["US-CO:denver", "US-CO", "US"]
    assert denver.own.status == "restricted"
    assert denver.levels[1].status == "regulated"
    assert denver.status == "restricted" and denver.decided_by == "US-CO:denver"
    # a lenient locality in a banning state: the state's ban decides
    franklin = legal_status(kb, "US-NH:franklin", D(2025, 1, 1))
    state_ban = legal_status(kb, "US-LA", D(2025, 9, 1))
    assert state_ban.status == "banned"
    assert franklin.inherited[-1].code == "US"


def test_parent_stricter_than_locality_decides(kb: KnowledgeBase) -> None:
    # Solana Beach (21+ sales rule) sits in California, whose health department has treated
    # kratom products as unlawful to sell since 24 Oct 2025: the stricter state status applies
    solana = legal_status(kb, "US-CA:solana-beach", D(2026, 1, 1))
    assert solana.own.status == "regulated"
    assert solana.status == "restricted" and solana.decided_by == "US-CA"
    assert any("stricter" in n for n in solana.notes)


def test_every_us_state_and_dc_is_answered_on_every_day_since_2014(kb: KnowledgeBase) -> None:
    for state in US_STATES:
        record = kb.jurisdiction(f"US-{state}")
        assert record.history[0].valid_from <= D(2014, 1, 1), state
        for before, after in zip(record.history, record.history[1:], strict=False):
            assert before.valid_to is not None and after.valid_from == before.valid_to + dt.timedelta(
                days=1
            ), state
        assert record.history[-1].valid_to is None, state
        for day in (D(2014, 1, 1), D(2019, 6, 30), TODAY):
            st = legal_status(kb, f"US-{state}", day)
            assert st.own.period is not None and st.sources, (state, day)


def test_forty_countries_with_sourced_status_including_all_south_east_asia_and_the_eu(
    kb: KnowledgeBase,
) -> None:
    countries = [j for j in kb.jurisdictions if j.level == "country" and j.id != "US"]
    for code in (*SOUTH_EAST_ASIA, *EU, "GB", "CA", "AU", "NZ"):
        assert code in {c.id for c in countries}, code
    for country in countries:
        assert country.history[0].valid_from <= D(2014, 1, 1), country.id
        assert legal_status(kb, country.id, TODAY).sources
    known = [c for c in countries if legal_status(kb, c.id, TODAY).status != "unknown"]
    assert len(countries) >= 50
    assert len(known) >= 40, [c.id for c in countries if c not in known]


def test_codes_are_iso_3166_and_names_resolve(kb: KnowledgeBase) -> None:
    assert iso_name("US-LA") == "Louisiana" and iso_name("TH") == "Thailand"
    assert legal_status(kb, "uk", D(2020, 1, 1)).place.code == "GB"
    assert legal_status(kb, "Louisiana", D(2026, 1, 1)).place.code == "US-LA"


def test_unknown_code_names_the_field_and_suggests(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match=r"jurisdiction: 'US-XX' is not an ISO 3166 code"):
        legal_status(kb, "US-XX")
    with pytest.raises(InputError, match=r"did you mean US-CA:san-diego"):
        legal_status(kb, "US-CA:sandiego")
    with pytest.raises(InputError, match="Louisiana"):
        legal_status(kb, "Lousiana")


def test_iso_code_without_record_inherits_with_low_confidence(kb: KnowledgeBase) -> None:
    guam = legal_status(kb, "US-GU", D(2025, 1, 1))
    assert guam.own.period is None
    assert guam.status == "legal" and guam.confidence == "low"
    assert "no record for US-GU itself" in guam.notes[0]


def test_changes_since_lists_each_dated_change_once(kb: KnowledgeBase) -> None:
    changes = legal_changes(kb, D(2025, 1, 1), within="US")
    keys = [(c.code, c.day) for c in changes]
    assert ("US-LA", D(2025, 8, 1)) in keys and ("US-RI", D(2026, 4, 1)) in keys
    assert len(keys) == len(set(keys))
    assert all(c.day >= D(2025, 1, 1) and c.code.startswith("US") for c in changes)
    assert all(c.period.from_basis != "coverage_start" for c in changes)
    thai = legal_changes(kb, D(2021, 1, 1), D(2022, 12, 31), within="TH")
    assert [(c.day, c.before.status if c.before else None, c.period.status) for c in thai] == [
        (D(2021, 8, 24), "banned", "legal"),
        (D(2022, 8, 27), "legal", "regulated"),
    ]
