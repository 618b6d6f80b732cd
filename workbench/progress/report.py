"""How far a negotiating text has come: statuses counted over the text, by chapter and session."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbench.instruments.models import Instrument
from workbench.instruments.queries import ChapterNode, ProvisionNode, instrument_tree
from workbench.progress.models import ProvisionStatus, ProvisionStatusChange
from workbench.progress.queries import latest_changes
from workbench.proposals.models import PENDING_STATUSES, Proposal
from workbench.sessions.models import Session as Meeting


def _totals(statuses) -> dict[str, int]:
    counts = Counter(str(status) for status in statuses)
    return {status.value: counts.get(status.value, 0) for status in ProvisionStatus}


def _outline(nodes) -> list[tuple[ChapterNode | None, ProvisionNode]]:
    """Each provision in force, in document order, with the top-level division it is in."""
    found: list[tuple[ChapterNode | None, ProvisionNode]] = []

    def walk(items, top):
        for node in items:
            if isinstance(node, ChapterNode):
                walk(node.children, top or node)
            elif not node.deleted:
                found.append((top, node))

    walk(nodes, None)
    return found


def instrument_progress(db: Session, instrument: Instrument, tree=None) -> dict:
    """Every provision's status, the totals, the totals per chapter, and per session the
    totals as the text stood when that session ended (``tree``: the outline, if read)."""
    outline = _outline(tree if tree is not None else instrument_tree(db, instrument))
    ids = [node.provision.id for _top, node in outline]
    latest = latest_changes(db, ids)
    pending = _pending_counts(db, instrument)
    rows = []
    for top, node in outline:
        provision, change = node.provision, latest.get(node.provision.id)
        rows.append(
            {
                "id": provision.id,
                "label": provision.label,
                "title": _pair(provision),
                "chapter": top.chapter.label if top else None,
                "status": str(change.to_status if change else ProvisionStatus.OPEN),
                "session": change.session.code if change and change.session else None,
                "since": change.at.isoformat() if change else None,
                "note": change.note if change else None,
                "pending_proposals": pending.get(provision.id, 0),
                "text": node.version.wording if node.version else {},
            }
        )
    chapters: dict[str, dict] = {}
    for (top, _node), row in zip(outline, rows, strict=True):
        if top is None:
            continue
        entry = chapters.setdefault(
            top.chapter.label,
            {"label": top.chapter.label, "title": _pair(top.chapter), "statuses": []},
        )
        entry["statuses"].append(row["status"])
    return {
        "instrument": instrument.slug,
        "statuses": [status.value for status in ProvisionStatus],
        "totals": _totals(row["status"] for row in rows),
        "chapters": [
            {"label": c["label"], "title": c["title"], "totals": _totals(c.pop("statuses"))}
            for c in chapters.values()
        ],
        "sessions": _by_session(db, ids),
        "provisions": rows,
    }


def _by_session(db: Session, ids: list[int]) -> list[dict]:
    """Per session at which statuses moved, in the order the sessions met: the changes made
    there and the totals once they were made (later sessions' changes not yet counted)."""
    if not ids:
        return []
    changes = list(
        db.scalars(
            select(ProvisionStatusChange)
            .where(ProvisionStatusChange.provision_id.in_(ids))
            .order_by(ProvisionStatusChange.id)
            .options(selectinload(ProvisionStatusChange.session))
        )
    )
    sessions = sorted(
        {c.session.id: c.session for c in changes if c.session is not None}.values(),
        key=lambda s: (s.starts_on, s.id),
    )
    result = []
    for session in sessions:
        state: dict[int, ProvisionStatus] = {}
        for change in changes:
            # Changes recorded under an earlier (or this) session count, in the order made.
            if change.session is not None and _order(change.session) <= _order(session):
                state[change.provision_id] = change.to_status
        made = sum(1 for c in changes if c.session_id == session.id)
        statuses = [state.get(pid, ProvisionStatus.OPEN) for pid in ids]
        result.append(
            {
                "session": session.code,
                "title": session.title_en,
                "changes": made,
                "totals": _totals(statuses),
            }
        )
    return result


def _order(session: Meeting) -> tuple:
    return (session.starts_on, session.id)


def _pending_counts(db: Session, instrument: Instrument) -> dict[int, int]:
    rows = db.execute(
        select(Proposal.provision_id, func.count())
        .where(Proposal.instrument_id == instrument.id, Proposal.status.in_(PENDING_STATUSES))
        .group_by(Proposal.provision_id)
    )
    return {pid: count for pid, count in rows if pid is not None}


def _pair(obj) -> dict[str, str]:
    return {lang: value for lang in ("en", "zh") if (value := getattr(obj, f"title_{lang}"))}
