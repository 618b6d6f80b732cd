"""Appending versions: the only way a provision's wording changes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session

from workbench.errors import Conflict
from workbench.events.record import record_event
from workbench.instruments.models import (
    Provision,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.users.audit import record_audit
from workbench.users.models import User
from workbench.validation import clean_texts


def version_texts(texts: dict[str, str], unofficial: Iterable[str] = ()) -> list[VersionText]:
    """The VersionText rows of a wording dict, those named in unofficial marked so."""
    unofficial = set(unofficial)
    return [
        VersionText(lang=lang, text=wording, official=lang not in unofficial)
        for lang, wording in sorted(texts.items())
    ]


def append_version(
    db: Session,
    provision: Provision,
    texts: dict[str, str],
    *,
    origin: VersionOrigin,
    expected_number: int,
    copied_from: Version | None = None,
    is_deletion: bool = False,
    note: str | None = None,
    session_id: int | None = None,
    actor: User | None = None,
) -> Version:
    """Append the next version of a provision, if nobody has appended one meanwhile.

    The compare-and-set on ``current_number`` is the optimistic lock of the text: of two
    writers that both saw version N, only the first becomes N+1; the other gets Conflict.
    """
    texts = clean_texts(texts, "text", required=not is_deletion)
    moved = db.execute(
        update(Provision)
        .where(Provision.id == provision.id, Provision.current_number == expected_number)
        .values(current_number=expected_number + 1)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(moved, CursorResult), "an UPDATE returns a cursor result"
    if moved.rowcount != 1:
        db.refresh(provision)
        raise Conflict(
            f"{provision.label} is now at version {provision.current_number}, not "
            f"{expected_number}: someone changed it meanwhile. Rebase on the current text.",
            details={"provision_id": provision.id, "current_number": provision.current_number},
        )
    version = Version(
        provision_id=provision.id,
        number=expected_number + 1,
        origin=origin,
        copied_from=copied_from,
        is_deletion=is_deletion,
        note=note,
        session_id=session_id,
        created_by_id=actor.id if actor else None,
    )
    version.texts.extend(version_texts(texts))
    db.add(version)
    db.flush()
    db.refresh(provision)
    record_audit(
        db,
        actor,
        "append_version",
        "provision",
        provision.id,
        summary=f"{provision.label}: version {version.number} ({origin})",
        after={
            "version_id": version.id,
            "number": version.number,
            "texts": texts,
            "is_deletion": is_deletion,
        },
    )
    record_event(
        db,
        "version",
        provision=provision.id,
        instrument=provision.instrument_id,
        session=session_id,
        number=version.number,
    )
    return version
