"""A seeded, reproducible synthetic negotiation of realistic size, for the benchmarks.

``python bench/generate.py --db URL --scale 1 --seed 1`` builds, on top of the shipped corpus:
a negotiating text of 150 provisions in English and Chinese assembled from the corpus (the
Chinese of Budapest-based provisions added by agreed proposals at the first session), 20
sessions, and 10,000 × scale proposals tabled by the ~190 states and their groups, with
co-sponsors, stances and status histories. Some proposals are agreed (through the domain
operations, so provisions carry long version chains); the rest (pending, rejected, withdrawn,
merged) are written in bulk, row by row as the operations would have written them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.corpus.operations import load_corpus
from workbench.db import Database
from workbench.diff import tokenize
from workbench.instruments.models import Instrument, Provision, Version
from workbench.instruments.negotiating import create_negotiating_text
from workbench.instruments.queries import current_version, get_instrument, ordered_provisions
from workbench.migrate import upgrade
from workbench.parties.models import Party, PartyKind, PartyMembership
from workbench.proposals.decide import agree_proposal
from workbench.proposals.models import (
    Proposal,
    ProposalRevision,
    ProposalText,
    Sponsorship,
    Stance,
    StatusChange,
)
from workbench.proposals.table import table_proposal
from workbench.sessions.models import Session as Meeting
from workbench.users.models import AuditEntry

SLUG = "bench-text"
PROVISIONS = 150  # per unit of scale (never fewer): 1,500 at scale 10
PER_CHAPTER = 10
SESSIONS = 20
PROPOSALS_PER_SCALE = 10_000
PENDING_SHARE = 0.2  # 2,000 pending proposals per unit of scale
AGREED_SHARE = 0.04  # agreed through the operations: the version chains
SOURCE_SLUGS = ("budapest-ets185", "budapest-protocol-ets189", "china-elements-2021")


@dataclass
class Wording:
    """A version of a provision as the generator tracks it."""

    id: int
    number: int
    session_index: int
    texts: dict[str, str]


@dataclass
class Target:
    """A provision of the negotiating text with its version chain."""

    id: int
    label: str
    chapter_id: int | None
    versions: list[Wording] = field(default_factory=list)

    def at(self, session_index: int) -> Wording:
        """The version in force during a session."""
        chosen = self.versions[0]
        for version in self.versions:
            if version.session_index <= session_index:
                chosen = version
        return chosen


class Drafter:
    """Seeded amendments of English and Chinese wording, drawn from the corpus's vocabulary."""

    def __init__(self, rng: random.Random, english: list[str], chinese: list[str]) -> None:
        self.rng = rng
        self.words = {"en": self._vocabulary(english, "en"), "zh": self._vocabulary(chinese, "zh")}
        self.phrases = {"en": self._phrases(english, "en"), "zh": self._phrases(chinese, "zh")}

    @staticmethod
    def _vocabulary(texts: list[str], lang: str) -> list[str]:
        words = {t for text in texts for t in tokenize(text, lang) if t.strip() and t.isalpha()}
        return sorted(w for w in words if (len(w) > 3 if lang == "en" else len(w) >= 2))

    @staticmethod
    def _phrases(texts: list[str], lang: str) -> list[str]:
        mark = "," if lang == "en" else "，"
        phrases = {p.strip() for text in texts for p in text.replace("\n", mark).split(mark)}
        return sorted(p for p in phrases if 12 <= len(p) <= 120)

    def amend(self, wording: str, lang: str) -> str:
        """Replace, delete and add a few words: the shape of a typical amendment."""
        tokens = tokenize(wording, lang)
        spots = [i for i, t in enumerate(tokens) if t.strip() and t.isalpha()]
        if not spots:
            return wording + (" " if lang == "en" else "") + self.rng.choice(self.phrases[lang])
        for _ in range(self.rng.randint(1, 3)):
            spot = self.rng.choice(spots)
            move = self.rng.random()
            if move < 0.5:
                tokens[spot] = self.rng.choice(self.words[lang])
            elif move < 0.7:
                tokens[spot] = ""
            else:
                gap = " " if lang == "en" else ""
                tokens[spot] = f"{tokens[spot]}{gap}{self.rng.choice(self.phrases[lang])}{gap}"
        changed = "".join(tokens).replace("  ", " ")
        if changed == wording:
            changed += (" " if lang == "en" else "") + self.rng.choice(self.phrases[lang])
        return changed

    def new_provision(self) -> dict[str, str]:
        """The wording of a provision proposed for insertion."""
        en = (
            "Each State Party shall "
            + "; ".join(self.rng.choice(self.phrases["en"]) for _ in range(self.rng.randint(2, 4)))
            + "."
        )
        zh = (
            "各缔约国应"
            + "；".join(self.rng.choice(self.phrases["zh"]) for _ in range(self.rng.randint(2, 4)))
            + "。"
        )
        return {"en": en, "zh": zh}


def _ensure_schema_and_corpus(database: Database) -> None:
    upgrade(database.engine)
    with database.session() as db:
        if db.scalar(select(func.count()).select_from(Instrument)) < len(SOURCE_SLUGS):
            load_corpus(db)


def _sessions(db, rng: random.Random) -> list[Meeting]:
    """Twenty sessions of a synthetic committee, four months apart."""
    existing = {s.code: s for s in db.scalars(select(Meeting).where(Meeting.code.like("BENCH-%")))}
    sessions = []
    start = date(2019, 1, 14)
    for number in range(1, SESSIONS + 1):
        code = f"BENCH-{number}"
        if code not in existing:
            begins = start + timedelta(days=120 * (number - 1))
            existing[code] = Meeting(
                code=code,
                body_en="Synthetic negotiating committee",
                body_zh="合成谈判委员会",
                number=number,
                title_en=f"Session {number} of the synthetic committee",
                title_zh=f"合成委员会第{number}届会议",
                place=rng.choice(("Vienna", "New York")),
                starts_on=begins,
                ends_on=begins + timedelta(days=11),
            )
            db.add(existing[code])
        sessions.append(existing[code])
    db.flush()
    return sessions


def _negotiating_text(db, provisions: int = PROVISIONS) -> Instrument:
    """Provisions in chapters of ten, picked in turn from the corpus's worded provisions."""
    corpus = []
    for slug in SOURCE_SLUGS:
        corpus += [
            n.provision
            for n in ordered_provisions(db, get_instrument(db, slug))
            if n.version is not None and not n.deleted
        ]
    picks = []
    for chapter in range(-(-provisions // PER_CHAPTER)):
        picks.append(
            {
                "label": f"Chapter {chapter + 1}",
                "title_en": f"Chapter {chapter + 1} of the text",
                "title_zh": f"第{chapter + 1}章",
                "provisions": [
                    {
                        "provision_id": corpus[(chapter * PER_CHAPTER + i) % len(corpus)].id,
                        "label": f"Article {chapter * PER_CHAPTER + i + 1}",
                    }
                    for i in range(PER_CHAPTER)
                ],
            }
        )
    return create_negotiating_text(
        db,
        slug=SLUG,
        title_en="Synthetic draft convention (benchmark)",
        title_zh="合成公约草案（基准测试）",
        picks=picks,
    )


def _parties(db):
    states = list(
        db.scalars(select(Party).where(Party.kind == PartyKind.STATE).order_by(Party.code))
    )
    groups = list(
        db.scalars(select(Party).where(Party.kind == PartyKind.GROUP).order_by(Party.code))
    )
    members: dict[int, list[int]] = {}
    for group_id, member_id in db.execute(
        select(PartyMembership.group_id, PartyMembership.member_id).order_by(PartyMembership.id)
    ):
        members.setdefault(group_id, []).append(member_id)
    return states, [g for g in groups if members.get(g.id)], members


def generate(
    url: str, *, scale: float = 1.0, seed: int = 1, proposals: int | None = None, log=print
) -> dict:
    """Build the synthetic negotiation into the database at ``url``; returns what was made."""
    started = time.perf_counter()
    rng = random.Random(seed)
    total = proposals if proposals is not None else round(PROPOSALS_PER_SCALE * scale)
    database = Database(url)
    _ensure_schema_and_corpus(database)
    with database.session() as db:
        if db.scalar(select(Instrument.id).where(Instrument.slug == SLUG)) is not None:
            raise SystemExit(f"{SLUG} already exists in this database; use a fresh one.")
        sessions = _sessions(db, rng)
        # The text grows with the negotiation: 150 provisions per unit of scale.
        instrument = _negotiating_text(db, max(PROVISIONS, round(PROVISIONS * scale)))
        states, groups, members = _parties(db)
        chinese = [
            t.text for t in db.scalars(select(Version)).all() for t in t.texts if t.lang == "zh"
        ]
        english = [
            t.text for t in db.scalars(select(Version)).all() for t in t.texts if t.lang == "en"
        ]
        drafter = Drafter(rng, english, chinese)
        # Active states table more than the others, as in a real committee.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(states))]
        rng.shuffle(weights)

        targets = []
        for node in ordered_provisions(db, instrument):
            version = node.version
            targets.append(
                Target(
                    node.provision.id,
                    node.provision.label,
                    node.provision.chapter_id,
                    [
                        Wording(
                            version.id, version.number, -1, {t.lang: t.text for t in version.texts}
                        )
                    ],
                )
            )

        def sponsor_pick():
            return rng.choices(states, weights)[0]

        # Session 1: the Chinese text of every English-only provision, agreed.
        log(f"aligning Chinese wording of {len(targets)} provisions ...")
        zh_pool = sorted(set(chinese))
        aligned = 0
        for target in targets:
            if "zh" not in target.versions[-1].texts:
                aligned += 1
                _agree(
                    db,
                    instrument,
                    target,
                    sessions,
                    0,
                    {"zh": rng.choice(zh_pool)},
                    sponsor_pick(),
                    [],
                )
        # Agreed amendments session by session: long version chains on a few provisions.
        agreed = max(1, round(total * AGREED_SHARE))
        log(f"agreeing {agreed} proposals through the operations ...")
        hot = [rng.paretovariate(1.2) for _ in targets]
        chosen = rng.choices(range(len(targets)), hot, k=agreed)
        order = [(rng.randrange(1, SESSIONS - 2), index) for index in chosen]
        for session_index, index in sorted(order):
            target = targets[index]
            current = target.versions[-1].texts
            langs = ["en"] + (["zh"] if rng.random() < 0.5 and "zh" in current else [])
            texts = {lang: drafter.amend(current[lang], lang) for lang in langs}
            cosponsors = rng.sample(states, rng.randint(0, 4))
            _agree(
                db, instrument, target, sessions, session_index, texts, sponsor_pick(), cosponsors
            )
        db.flush()
        bulk = _bulk_proposals(
            db,
            rng,
            drafter,
            instrument,
            targets,
            sessions,
            states,
            groups,
            members,
            weights,
            total - agreed,
        )
    database.dispose()
    seconds = time.perf_counter() - started
    report = {
        "slug": SLUG,
        "scale": scale,
        "seed": seed,
        "proposals": total,
        "agreed": agreed,
        "aligned": aligned,
        **bulk,
        "provisions": len(targets),
        "versions": sum(len(t.versions) for t in targets),
        "longest_chain": max(len(t.versions) for t in targets),
        "seconds": round(seconds, 1),
    }
    log(json.dumps(report))
    return report


def _agree(db, instrument, target, sessions, session_index, texts, sponsor, cosponsors):
    provision = db.get(Provision, target.id)
    session = sessions[session_index]
    cosponsors = [p for p in cosponsors if p.id != sponsor.id]
    proposal = table_proposal(
        db,
        instrument=instrument,
        kind="amend",
        provision=provision,
        base_version=current_version(db, provision),
        texts=texts,
        session=session,
        sponsor=sponsor,
        cosponsors=cosponsors,
        tabled_on=session.starts_on,
    )
    agree_proposal(db, proposal, session=session)
    version = proposal.result_version
    target.versions.append(
        Wording(version.id, version.number, session_index, {t.lang: t.text for t in version.texts})
    )


class Ids:
    """The next free primary key of each table (bulk rows carry explicit ids)."""

    def __init__(self, db, tables) -> None:
        self.next = {t: (db.scalar(select(func.max(t.c.id))) or 0) + 1 for t in tables}

    def take(self, table) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _bulk_proposals(
    db, rng, drafter, instrument, targets, sessions, states, groups, members, weights, count
) -> dict:
    """Pending, rejected, withdrawn and merged proposals, written as the operations write them."""
    tables = [
        m.__table__
        for m in (
            Proposal,
            ProposalRevision,
            ProposalText,
            Sponsorship,
            Stance,
            StatusChange,
            AuditEntry,
        )
    ]
    ids = Ids(db, tables)
    rows = {t: [] for t in tables}
    proposal_t, revision_t, text_t, sponsor_t, stance_t, change_t, audit_t = tables
    state_by_id = {p.id: p for p in states}
    pending_count = round(count * PENDING_SHARE / (1 - AGREED_SHARE))
    pending_ids: list[int] = []
    sponsors_of: dict[int, set[int]] = {}
    statuses = {"tabled": 0, "under_discussion": 0, "rejected": 0, "withdrawn": 0, "merged": 0}

    def moment(day: date, hour: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=UTC)

    for number in range(count):
        pending = number < pending_count
        if pending:
            status = "under_discussion" if rng.random() < 0.4 else "tabled"
            session_index = rng.randrange(SESSIONS - 4, SESSIONS)
        else:
            status = rng.choices(["rejected", "withdrawn", "merged"], [5, 3, 2])[0]
            if status == "merged" and not pending_ids:
                status = "rejected"
            session_index = rng.randrange(0, SESSIONS)
        statuses[status] += 1
        session = sessions[session_index]
        tabled_on = session.starts_on + timedelta(days=rng.randrange(0, 11))
        target = rng.choice(targets)
        kind = rng.choices(["amend", "insert", "delete"], [86, 9, 5])[0]
        base = target.at(session_index)
        if pending and kind != "insert" and rng.random() < 0.9:
            base = target.versions[-1]  # most pending proposals are drafted on the current text
        proposal_id = ids.take(proposal_t)
        if kind == "amend":
            langs = ["en"] + (["zh"] if "zh" in base.texts and rng.random() < 0.4 else [])
            texts = {lang: drafter.amend(base.texts[lang], lang) for lang in langs}
        elif kind == "insert":
            texts = drafter.new_provision()
        else:
            texts = {}
        sponsor = rng.choices(states, weights)[0]
        behalf = None
        if rng.random() < 0.06:
            options = [g for g in groups if sponsor.id in members[g.id]]
            behalf = rng.choice(options) if options else None
        cosponsors = [
            p
            for p in dict.fromkeys(
                rng.choices(states, weights, k=rng.choice((0, 0, 1, 1, 2, 3, 5, 8)))
            )
            if p.id != sponsor.id
        ]
        rows[proposal_t].append(
            {
                "id": proposal_id,
                "instrument_id": instrument.id,
                "kind": kind,
                "provision_id": target.id,
                "chapter_id": target.chapter_id,
                "session_id": session.id,
                "tabled_on": tabled_on,
                "symbol": f"A/AC.BENCH/{session_index + 1}/L.{number + 1}",
                "rationale": "Drafted for the benchmark." if rng.random() < 0.3 else None,
                "status": status,
                "current_revision": 1,
                "merged_into_id": None,
                "result_version_id": None,
                "inserted_provision_id": None,
                "created_at": moment(tabled_on, 9),
                "created_by_id": None,
            }
        )
        revision_id = ids.take(revision_t)
        rows[revision_t].append(
            {
                "id": revision_id,
                "proposal_id": proposal_id,
                "number": 1,
                "base_version_id": None if kind == "insert" else base.id,
                "label": f"{target.label} bis" if kind == "insert" else None,
                "title_en": "New article" if kind == "insert" else None,
                "title_zh": "新条款" if kind == "insert" else None,
                "note": None,
                "created_at": moment(tabled_on, 9),
                "created_by_id": None,
            }
        )
        for lang, wording in sorted(texts.items()):
            rows[text_t].append(
                {"id": ids.take(text_t), "revision_id": revision_id, "lang": lang, "text": wording}
            )
        joined = moment(tabled_on, 10)
        rows[sponsor_t].append(
            _sponsorship(
                ids,
                sponsor_t,
                proposal_id,
                sponsor.id,
                "main",
                behalf.id if behalf else None,
                joined,
                session.id,
            )
        )
        for party in cosponsors:
            rows[sponsor_t].append(
                _sponsorship(ids, sponsor_t, proposal_id, party.id, "co", None, joined, session.id)
            )
        sponsors_of[proposal_id] = {sponsor.id} | {p.id for p in cosponsors}
        for party in rng.sample(states, rng.choice((0, 0, 1, 2, 3, 6))):
            rows[stance_t].append(
                {
                    "id": ids.take(stance_t),
                    "proposal_id": proposal_id,
                    "party_id": party.id,
                    "position": rng.choices(["support", "oppose", "reserve"], [5, 3, 1])[0],
                    "session_id": session.id,
                    "stated_on": tabled_on,
                    "note": None,
                    "recorded_at": moment(tabled_on, 12),
                    "recorded_by_id": None,
                }
            )
        steps = [(None, "tabled")]
        if status == "under_discussion" or (not pending and rng.random() < 0.5):
            steps.append(("tabled", "under_discussion"))
        if not pending:
            steps.append((steps[-1][1], status))
        for hour, (before, after) in enumerate(steps, start=13):
            rows[change_t].append(
                {
                    "id": ids.take(change_t),
                    "proposal_id": proposal_id,
                    "from_status": before,
                    "to_status": after,
                    "at": moment(tabled_on, hour),
                    "user_id": None,
                    "session_id": session.id,
                    "note": "tabled" if before is None else None,
                }
            )
        if status == "merged":
            into = rng.choice(pending_ids)
            rows[proposal_t][-1]["merged_into_id"] = into
            for party_id in sorted(sponsors_of[proposal_id] - sponsors_of[into]):
                rows[sponsor_t].append(
                    _sponsorship(
                        ids,
                        sponsor_t,
                        into,
                        party_id,
                        "co",
                        None,
                        moment(tabled_on, 16),
                        session.id,
                    )
                )
                sponsors_of[into].add(party_id)
        if pending:
            pending_ids.append(proposal_id)
        rows[audit_t].append(
            {
                "id": ids.take(audit_t),
                "at": moment(tabled_on, 9),
                "user_id": None,
                "action": "table",
                "entity": "proposal",
                "entity_id": proposal_id,
                "summary": f"{kind} {target.label} by {state_by_id[sponsor.id].code}",
                "before": None,
                "after": {
                    "kind": kind,
                    "texts": texts,
                    "sponsor": sponsor.code,
                    "session": session.code,
                },
            }
        )
    for table in tables:  # parents before children: the foreign keys hold at every step
        chunk = 5000
        for start in range(0, len(rows[table]), chunk):
            db.execute(insert(table), rows[table][start : start + chunk])
    if db.bind.dialect.name == "postgresql":
        for table in tables:
            db.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT max(id) FROM {table.name}))"
                )
            )
    return {"bulk": count, "pending": pending_count, "statuses": statuses}


def _sponsorship(ids, table, proposal_id, party_id, role, behalf_id, joined, session_id) -> dict:
    return {
        "id": ids.take(table),
        "proposal_id": proposal_id,
        "party_id": party_id,
        "role": role,
        "on_behalf_of_id": behalf_id,
        "joined_at": joined,
        "joined_session_id": session_id,
        "withdrawn_at": None,
        "withdrawn_session_id": None,
        "recorded_by_id": None,
        # Every sponsor consents to the one revision, so that documents name them all.
        "confirmed_revision": 1,
        "confirmed_at": joined,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", required=True, help="database URL (sqlite:///PATH or postgresql+psycopg://...)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="10,000 proposals per unit")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--proposals", type=int, default=None, help="override the proposal count")
    args = parser.parse_args(argv)
    generate(args.db, scale=args.scale, seed=args.seed, proposals=args.proposals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
