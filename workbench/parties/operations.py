"""Operations on parties: finding them by code or by any name they are known by."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.errors import NotFound
from workbench.parties.models import Party, PartyAlias, PartyKind, PartyMembership


def normalize_name(name: str) -> str:
    """The form aliases are stored in: lower case, single spaces."""
    return re.sub(r"\s+", " ", name).strip().lower()


def list_parties(db: Session, kind: PartyKind | None = None) -> list[Party]:
    """Parties ordered by English name, optionally of one kind."""
    query = select(Party).order_by(Party.name_en)
    if kind is not None:
        query = query.where(Party.kind == kind)
    return list(db.scalars(query))


def get_party(db: Session, code: str) -> Party:
    """The party with this code, or NotFound."""
    party = db.scalar(select(Party).where(Party.code == str(code).upper()))
    if party is None:
        raise NotFound(f"No party with the code {code!r}.")
    return party


def find_party(db: Session, name: str) -> Party | None:
    """The party known by this code or name (English or Chinese), or None."""
    if not name or not name.strip():
        return None
    by_code = db.scalar(select(Party).where(Party.code == name.strip().upper()))
    if by_code is not None:
        return by_code
    normalized = normalize_name(name)
    party = db.scalar(select(Party).join(PartyAlias).where(PartyAlias.name == normalized))
    if party is not None:
        return party
    return db.scalar(
        select(Party).where((Party.name_en.ilike(name.strip())) | (Party.name_zh == name.strip()))
    )


def resolve_parties(db: Session, codes: list[str]) -> list[Party]:
    """Parties for a list of codes, in order; NotFound names the first unknown one."""
    return [get_party(db, code) for code in codes]


def group_members(db: Session, group: Party) -> list[Party]:
    """The member states of a group, by English name."""
    return list(
        db.scalars(
            select(Party)
            .join(PartyMembership, PartyMembership.member_id == Party.id)
            .where(PartyMembership.group_id == group.id)
            .order_by(Party.name_en)
        )
    )


def party_with_groups(db: Session, code: str) -> Party:
    """A party with its groups and members loaded."""
    party = db.scalar(
        select(Party)
        .where(Party.code == str(code).upper())
        .options(selectinload(Party.groups), selectinload(Party.members))
    )
    if party is None:
        raise NotFound(f"No party with the code {code!r}.")
    return party
