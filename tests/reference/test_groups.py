"""Groups of states: the seed's Budapest tables, BRICS, the EU, the UN regional groups."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from workbench.corpus.reference import load_groups, load_parties, resolve_party

SEED_003 = (
    Path(__file__).resolve().parents[2] / "workbench/corpus/data/seeds/003_a7112adfd9bc789a.txt"
)
REGIONAL = ("AFRICAN-GROUP", "APG", "EEG", "GRULAC", "WEOG")


def seed_table(caption: str) -> list[str]:
    """The Chinese names of a seed 003 table: the tab-separated rows above its caption."""
    lines = SEED_003.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(caption + " "))
    rows = []
    for line in reversed(lines[:at]):
        if "\t" in line:
            rows.append(line)
        elif rows:
            break
    cells = [cell.strip().lstrip("*").strip() for row in rows for cell in row.split("\t")]
    return [cell for cell in cells if cell and cell != "\\"]


@pytest.fixture(scope="module")
def groups():
    return {group.code: group for group in load_groups()}


@pytest.mark.parametrize(
    ("caption", "code", "count"),
    [("表格 1", "BUDAPEST", 64), ("表格 2", "BUDAPEST-OBS", 10), ("表格 3", "RES74-247-YES", 10)],
)
def test_seed_tables_resolve_to_the_groups(groups, caption, code, count):
    names = seed_table(caption)
    assert len(names) == count
    codes = [resolve_party(name) for name in names]
    assert None not in codes, [n for n, c in zip(names, codes, strict=True) if c is None]
    assert len(set(codes)) == count
    assert sorted(groups[code].members) == sorted(codes)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("波黑", "BIH"),
        ("多明尼加", "DOM"),
        ("北马其顿", "MKD"),
        ("英国", "GBR"),
        ("美国", "USA"),
        ("捷克", "CZE"),
        ("摩尔多瓦", "MDA"),
        ("佛得角", "CPV"),
        ("土耳其", "TUR"),
    ],
)
def test_tricky_seed_names(name, code):
    assert resolve_party(name) == code


def test_budapest_tables_do_not_overlap_and_angola_is_the_odd_one(groups):
    parties, observers = set(groups["BUDAPEST"].members), set(groups["BUDAPEST-OBS"].members)
    assert not parties & observers
    voters = set(groups["RES74-247-YES"].members)
    assert voters - parties - observers == {"AGO"}
    assert "Angola" in groups["RES74-247-YES"].note


def test_budapest_asterisks_become_membership_notes(groups):
    notes = groups["BUDAPEST"].member_notes
    assert {"USA", "JPN", "CAN", "DOM"} <= set(notes)
    assert "FRA" not in notes
    assert "in error" in notes["GBR"]


@pytest.mark.parametrize(
    ("code", "count"),
    [
        ("BRICS", 5),
        ("EU", 27),
        ("AFRICAN-GROUP", 54),
        ("APG", 54),
        ("EEG", 23),
        ("GRULAC", 33),
        ("WEOG", 28),
        ("COE", 0),
        ("UNODC", 0),
    ],
)
def test_member_counts(groups, code, count):
    assert len(groups[code].members) == count


def test_brics_members(groups):
    assert set(groups["BRICS"].members) == {"BRA", "RUS", "IND", "CHN", "ZAF"}
    assert "2024" in groups["BRICS"].note


def test_every_member_state_in_exactly_one_regional_group_except_the_usa(groups):
    counts = Counter(code for group in REGIONAL for code in groups[group].members)
    states = {party.code for party in load_parties() if party.kind == "state"}
    assert set(counts) == states - {"USA"}
    assert set(counts.values()) == {1}
    assert sum(len(groups[group].members) for group in REGIONAL) == 192
    assert "observer" in groups["WEOG"].note and "United States" in groups["WEOG"].note


def test_regional_group_special_cases(groups):
    assert {"TUR", "ISR"} <= set(groups["WEOG"].members)
    assert "TUR" in groups["WEOG"].member_notes
    assert "KIR" in groups["APG"].members and "KIR" in groups["APG"].member_notes
    observers = {party.code for party in load_parties() if party.kind == "observer_state"}
    assert not observers & {code for group in REGIONAL for code in groups[group].members}


def test_groups_are_well_formed(groups):
    states = {party.code for party in load_parties()}
    for group in groups.values():
        assert group.kind in {"group", "organization"}
        assert group.code == group.code.upper() and 2 <= len(group.code) <= 16
        assert group.name_en and group.name_zh and group.provenance
        assert set(group.members) <= states
        assert set(group.member_notes) <= set(group.members)
    assert groups["EU"].kind == "organization"
    assert groups["COE"].kind == groups["UNODC"].kind == "organization"
