"""Setting the negotiation status of a provision: the moves allowed, each one recorded.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush,
and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput
from workbench.instruments.models import InstrumentKind, Provision
from workbench.progress.models import ProvisionStatus, ProvisionStatusChange
from workbench.progress.queries import provision_status
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import decision_session
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_role
from workbench.validation import clean_text

S = ProvisionStatus
# Agreement is undone only by reopening, so that the record says the text was reopened.
MOVES: dict[ProvisionStatus, set[ProvisionStatus]] = {
    S.OPEN: {S.UNDER_NEGOTIATION, S.INFORMALLY_AGREED, S.AGREED_AD_REF},
    S.UNDER_NEGOTIATION: {S.INFORMALLY_AGREED, S.AGREED_AD_REF},
    S.INFORMALLY_AGREED: {S.AGREED_AD_REF, S.REOPENED},
    S.AGREED_AD_REF: {S.REOPENED},
    S.REOPENED: {S.UNDER_NEGOTIATION, S.INFORMALLY_AGREED, S.AGREED_AD_REF},
}


def parse_status(value: str | ProvisionStatus) -> ProvisionStatus:
    """A status from its name ("agreed_ad_ref", "agreed ad ref"), or a clear error."""
    try:
        return ProvisionStatus(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(s.value for s in ProvisionStatus)
        raise InvalidInput(f"Unknown status {value!r} (use {names}).", field="status") from None


def set_provision_status(
    db: Session,
    provision: Provision,
    status: ProvisionStatus | str,
    *,
    session: Meeting | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> ProvisionStatusChange:
    """Move a provision to a negotiation status at a session (default: the one in progress)."""
    require_role(actor, Role.SECRETARIAT, action="set the status of provisions")
    status = parse_status(status)
    if provision.instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(
            f"{provision.label} belongs to the source text {provision.instrument.slug}; "
            "only provisions of a negotiating text have a negotiation status.",
            field="provision",
        )
    before = provision_status(provision)
    if status == before:
        raise Conflict(f"{provision.label} is already {_words(status)}.", field="status")
    if status not in MOVES[before]:
        allowed = ", ".join(_words(s) for s in sorted(MOVES[before]))
        raise Conflict(
            f"{provision.label} is {_words(before)}; it can become {allowed}, "
            f"not {_words(status)}.",
            field="status",
        )
    session = decision_session(db, session)
    change = ProvisionStatusChange(
        provision_id=provision.id,
        from_status=before,
        to_status=status,
        session_id=session.id if session else None,
        note=clean_text(note, "note", required=False),
        user_id=actor.id if actor else None,
    )
    db.add(change)
    db.flush()
    record_audit(
        db,
        actor,
        "provision_status",
        "provision",
        provision.id,
        summary=f"{provision.label}: {before} -> {status}",
        before={"status": str(before)},
        after={"status": str(status), "session": session.code if session else None},
    )
    return change


def _words(status: ProvisionStatus) -> str:
    return status.value.replace("_", " ").replace("ad ref", "ad referendum")
