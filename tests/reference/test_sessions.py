"""Sessions: the Expert Group's six meetings as the seeds date them, and the rest."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.corpus.agenda import load_sessions


@pytest.fixture(scope="module")
def sessions():
    return {session.code: session for session in load_sessions()}


@pytest.mark.parametrize(
    ("code", "starts_on", "ends_on"),
    [
        ("EG-1", date(2011, 1, 17), date(2011, 1, 21)),
        ("EG-2", date(2013, 2, 25), date(2013, 2, 28)),
        ("EG-3", date(2017, 4, 10), date(2017, 4, 13)),
        ("EG-4", date(2018, 4, 3), date(2018, 4, 5)),
        ("EG-5", date(2019, 3, 27), date(2019, 3, 29)),
        ("EG-6", date(2020, 7, 27), date(2020, 7, 29)),
    ],
)
def test_expert_group_meetings(sessions, code, starts_on, ends_on):
    session = sessions[code]
    assert (session.starts_on, session.ends_on) == (starts_on, ends_on)
    assert session.place.startswith("Vienna")
    assert session.body_zh == "全面研究网络犯罪问题专家组"
    assert session.number == int(code[-1])
    assert "seed" in session.provenance


def test_sixth_meeting_was_postponed_and_hybrid(sessions):
    sixth = sessions["EG-6"]
    assert "6-8 April 2020" in sixth.note and "hybrid" in sixth.place
    assert sixth.symbol == "UNODC/CCPCJ/EG.4/2020/1"
    assert sessions["EG-2"].symbol == "UNODC/CCPCJ/EG.4/2013/1/Rev.1"


def test_ad_hoc_committee_sessions(sessions):
    ahc = [code for code in sessions if code.startswith("AHC-")]
    assert ahc == ["AHC-1", "AHC-2", "AHC-3", "AHC-4", "AHC-5", "AHC-6", "AHC-7", "AHC-7R"]
    assert sessions["AHC-1"].starts_on == date(2022, 2, 28)
    assert sessions["AHC-7R"].ends_on == date(2024, 8, 9)
    assert all(sessions[code].provenance == "public UN record" for code in ahc)


def test_resolution_74_247_and_the_committee_vote(sessions):
    assert sessions["GA-74-247"].starts_on == date(2019, 12, 27)
    assert sessions["GA-74-C3"].starts_on == date(2019, 11, 18)
    assert "88" in sessions["GA-74-C3"].note


def test_sessions_are_well_formed(sessions):
    assert len(sessions) == len(load_sessions())  # codes unique
    for session in sessions.values():
        assert session.starts_on <= session.ends_on, session.code
        assert session.body_en and session.body_zh and session.title_en and session.title_zh
        assert session.note and session.provenance
        assert len(session.code) <= 40
