"""The benchmark's synthetic negotiation is valid data, and the same seed gives the same data."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from bench.generate import SLUG, generate
from workbench.db import Database
from workbench.instruments.models import Instrument, Provision
from workbench.instruments.queries import current_versions
from workbench.proposals.models import (
    PENDING_STATUSES,
    ProposalStatus,
    SponsorRole,
    Sponsorship,
)
from workbench.proposals.queries import ProposalFilter, list_proposals


def _digest(url: str) -> str:
    database = Database(url)
    with database.session(write=False) as db:
        text = db.scalar(select(Instrument).where(Instrument.slug == SLUG))
        rows = [
            (
                p.id,
                p.kind,
                p.status,
                p.provision_id,
                p.revision.text("en"),
                [(s.party.code, s.role) for s in p.sponsorships],
            )
            for p in list_proposals(db, ProposalFilter(instrument=text), limit=10_000)
        ]
    database.dispose()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_generated_negotiation_is_valid(database_url):
    report = generate(database_url, proposals=300, seed=3, log=lambda *_: None)
    assert report["provisions"] == 150 and report["proposals"] == 300
    database = Database(database_url)
    with database.session(write=False) as db:
        text = db.scalar(select(Instrument).where(Instrument.slug == SLUG))
        proposals = list_proposals(db, ProposalFilter(instrument=text), limit=1000)
        # The 300 asked for, and one agreed proposal per provision giving its Chinese text.
        assert len(proposals) == 300 + report["aligned"] and report["aligned"] >= 100
        pending = [p for p in proposals if p.status in PENDING_STATUSES]
        assert len(pending) == 60
        assert {p.status for p in proposals} >= {
            ProposalStatus.AGREED,
            ProposalStatus.REJECTED,
            ProposalStatus.WITHDRAWN,
            ProposalStatus.MERGED,
        }
        for proposal in proposals:
            mains = [s for s in proposal.sponsorships if s.role == SponsorRole.MAIN]
            assert len(mains) == 1
            assert proposal.status_changes[0].to_status == ProposalStatus.TABLED
            assert proposal.status_changes[-1].to_status == proposal.status
            if proposal.kind != "insert":
                assert proposal.revision.base_version.provision_id == proposal.provision_id
            if proposal.status == ProposalStatus.MERGED:
                assert proposal.merged_into.status in PENDING_STATUSES
                # As merge_proposal does: the merged proposal's sponsors joined the other.
                joined = {s.party_id for s in proposal.merged_into.sponsorships}
                assert {s.party_id for s in proposal.sponsorships} <= joined
            if proposal.status == ProposalStatus.AGREED:
                assert proposal.result_version.provision_id == proposal.provision_id
        provisions = list(db.scalars(select(Provision).where(Provision.instrument_id == text.id)))
        versions = current_versions(db, [p.id for p in provisions])
        assert all({"en", "zh"} <= set(versions[p.id].languages) for p in provisions)
        assert max(p.current_number for p in provisions) >= 3  # version chains
        parties = db.scalar(select(func.count(func.distinct(Sponsorship.party_id))))
        assert parties >= 60
    database.dispose()


def test_same_seed_same_negotiation(tmp_path):
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("a.sqlite3", "b.sqlite3"))
    generate(first, proposals=120, seed=5, log=lambda *_: None)
    generate(second, proposals=120, seed=5, log=lambda *_: None)
    assert _digest(first) == _digest(second)
