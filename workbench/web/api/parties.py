"""JSON API of parties, their groups, and their records."""

from __future__ import annotations

from workbench.db import get_db
from workbench.parties.models import PartyKind
from workbench.parties.operations import list_parties, party_with_groups
from workbench.proposals.records import group_record, party_record
from workbench.serialize import party_detail, party_ref, proposal_json
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.answers import PartyDetail
from workbench.web.api.schemas.parties import PartiesArgs, PartyList, PartyRecord
from workbench.web.security import reader

bp = Blueprint("parties_api", __name__, url_prefix="/api", description=__doc__)


@bp.get("/parties")
@bp.arguments(PartiesArgs, location="query")
@bp.response(200, PartyList)
@bp.errors(400, 401)
@bp.doc(operationId="listParties")
def parties_index(args: dict):
    """States, groups and organizations, optionally of one kind."""
    reader()
    kind = args["kind"]
    parties = list_parties(get_db(), PartyKind(kind) if kind else None)
    return {"parties": [party_ref(p) for p in parties]}


@bp.get("/parties/<code>")
@bp.response(200, PartyDetail)
@bp.errors(401, 404)
@bp.doc(operationId="getParty")
def party_show(code: str):
    """A party with its groups (or, for a group, its members)."""
    reader()
    return party_detail(party_with_groups(get_db(), code))


@bp.get("/parties/<code>/proposals")
@bp.response(200, PartyRecord)
@bp.errors(401, 404)
@bp.doc(operationId="getPartyProposals")
def party_proposals(code: str):
    """What a party sponsored, co-sponsored, supported, opposed; a group's members together."""
    reader()
    db = get_db()
    party = party_with_groups(db, code)
    record = party_record(db, party)
    data = {
        "party": party_ref(party),
        "summary": record["summary"],
        "sponsored": [proposal_json(p) for p in record["sponsored"]],
        "cosponsored": [proposal_json(p) for p in record["cosponsored"]],
        "on_behalf_of": [proposal_json(p) for p in record["on_behalf_of"]],
        "supported": [p.id for p in record["supported"]],
        "opposed": [p.id for p in record["opposed"]],
        "reserved": [p.id for p in record["reserved"]],
    }
    if party.is_group or party.members:
        group = group_record(db, party)
        data["group"] = {
            "members": [
                {"party": party_ref(m["party"]), "counts": m["counts"]} for m in group["members"]
            ],
            "sponsored_by_members": group["sponsored_by_members"],
            "cosponsored_by_members": group["cosponsored_by_members"],
            "on_behalf_of_group": group["on_behalf_of_group"],
            "stances_of_members": group["stances_of_members"],
        }
    return data
