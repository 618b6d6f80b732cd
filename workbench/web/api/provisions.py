"""JSON API of provisions: a provision with its versions, diffs between them, blame, compare."""

from __future__ import annotations

from workbench.concordance.operations import provision_topics
from workbench.db import get_db
from workbench.diff import diff_texts
from workbench.errors import InvalidInput
from workbench.instruments.models import wording_of
from workbench.instruments.queries import (
    current_version,
    find_provision,
    get_instrument,
    get_provision,
    get_version,
    recent_versions,
)
from workbench.proposals.attribution import blame_provision
from workbench.proposals.listing import (
    count_provision_proposals,
    provision_for_page,
    provision_proposal_lines,
)
from workbench.serialize import (
    correspondence_json,
    diff_json,
    paragraphs_of,
    proposal_summary,
    provision_summary,
    topic_ref,
    version_detail,
    version_summary,
)
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.answers import Version
from workbench.web.api.schemas.common import LangArgs
from workbench.web.api.schemas.provisions import (
    Blame,
    CompareArgs,
    Comparison,
    DiffArgs,
    ProvisionDetail,
    VersionDiff,
)
from workbench.web.fragments import shared_json
from workbench.web.security import reader

bp = Blueprint("provisions_api", __name__, url_prefix="/api", description=__doc__)


# Proposals and versions named in a provision's answer; the rest are a link away.
PROPOSAL_LINES = 25
VERSION_LINES = 20


@bp.get("/provisions/<int:provision_id>")
@bp.response(200, ProvisionDetail)
@bp.errors(401, 404)
@bp.doc(operationId="getProvision")
def provision_show(provision_id: int):
    """A provision with its current text, its latest versions and pending proposals as
    summaries with links, and its correspondences."""
    reader()
    return shared_json(
        lambda: provision_payload(get_db(), provision_for_page(get_db(), provision_id))
    )


@bp.get("/instruments/<slug>/provisions/<path:label>")
@bp.response(200, ProvisionDetail)
@bp.errors(401, 404)
@bp.doc(operationId="getProvisionByLabel")
def provision_by_label(slug: str, label: str):
    """A provision found by its instrument and label ("Article 2"), as /provisions/<id> gives it."""
    reader()
    db = get_db()
    return shared_json(
        lambda: provision_payload(db, find_provision(db, get_instrument(db, slug), label))
    )


def provision_payload(db, provision) -> dict:
    """A provision with its current text, summaries of its latest versions and of its pending
    proposals (each with its link), the counts and links to the rest, its correspondences.

    A fixed number of queries and a bounded size however many proposals and versions."""
    current = current_version(db, provision)
    data = provision_summary(provision, current)
    data["instrument"] = {
        "slug": provision.instrument.slug,
        "title": {"en": provision.instrument.title_en, "zh": provision.instrument.title_zh},
    }
    data["paragraphs"] = paragraphs_of(current)
    data["versions"] = [version_summary(v) for v in recent_versions(db, provision, VERSION_LINES)]
    counts = count_provision_proposals(db, provision)
    data["proposal_counts"] = counts
    data["proposals"] = [
        proposal_summary(p) for p in provision_proposal_lines(db, provision, limit=PROPOSAL_LINES)
    ]
    data["links"] = {
        "self": f"/api/provisions/{provision.id}",
        "proposals": f"/api/proposals?provision={provision.id}&limit=100&offset=0",
        "current_version": (
            f"/api/provisions/{provision.id}/versions/{current.number}" if current else None
        ),
        "blame": f"/api/provisions/{provision.id}/blame",
    }
    data["correspondences"] = [
        {
            "topic": topic_ref(item["topic"]),
            "relation": str(item["relation"]),
            "others": [correspondence_json(c) for c in item["others"]],
        }
        for item in provision_topics(db, provision)
    ]
    source = provision.source_provision
    data["source_provision"] = (
        {"id": source.id, "label": source.label, "instrument": source.instrument.slug}
        if source
        else None
    )
    return data


@bp.get("/provisions/<int:provision_id>/versions/<int:number>")
@bp.response(200, Version)
@bp.errors(401, 404)
@bp.doc(operationId="getVersion")
def version_show(provision_id: int, number: int):
    """One version of a provision."""
    reader()
    db = get_db()
    return version_detail(get_version(db, get_provision(db, provision_id), number))


def _diff_payload(old: dict[str, str], new: dict[str, str], lang: str | None) -> dict:
    languages = [lang] if lang else sorted(set(old) & set(new)) or sorted(set(old) | set(new))
    result = {}
    for code in languages:
        if code not in old and code not in new:
            continue
        result[code] = diff_json(diff_texts(old.get(code, ""), new.get(code, ""), code), stats=True)
    return result


@bp.get("/provisions/<int:provision_id>/diff")
@bp.arguments(DiffArgs, location="query")
@bp.response(200, VersionDiff)
@bp.errors(400, 401, 404)
@bp.doc(operationId="diffVersions")
def provision_diff(args: dict, provision_id: int):
    """Compare two versions of a provision word by word (?from=1&to=2&lang=en)."""
    reader()
    db = get_db()
    provision = get_provision(db, provision_id)
    to_number = args["to"] or provision.current_number
    from_number = args["from_"] or max(1, (to_number or 1) - 1)
    old = get_version(db, provision, from_number)
    new = get_version(db, provision, to_number)
    return {
        "provision_id": provision.id,
        "from": from_number,
        "to": to_number,
        "diff": _diff_payload(wording_of(old), wording_of(new), args["lang"]),
    }


@bp.get("/compare")
@bp.arguments(CompareArgs, location="query")
@bp.response(200, Comparison)
@bp.errors(400, 401, 404)
@bp.doc(operationId="compareProvisions")
def compare_provisions(args: dict):
    """Compare the current text of any two provisions (?left=ID&right=ID&lang=en)."""
    reader()
    db = get_db()
    left_id, right_id = args["left"], args["right"]
    if left_id is None or right_id is None:
        raise InvalidInput("Give two provision ids: ?left=ID&right=ID.")
    left, right = get_provision(db, left_id), get_provision(db, right_id)
    old, new = wording_of(current_version(db, left)), wording_of(current_version(db, right))
    lang = args["lang"]
    common = sorted(set(old) & set(new))
    if lang is None and not common:
        return {
            "left": provision_summary(left, current_version(db, left)),
            "right": provision_summary(right, current_version(db, right)),
            "diff": {},
            "message": "The two provisions have no language in common; shown side by side.",
        }
    return {
        "left": provision_summary(left, current_version(db, left)),
        "right": provision_summary(right, current_version(db, right)),
        "diff": _diff_payload(old, new, lang or None),
    }


@bp.get("/provisions/<int:provision_id>/blame")
@bp.arguments(LangArgs, location="query")
@bp.response(200, Blame)
@bp.errors(400, 401, 404)
@bp.doc(operationId="blameProvision")
def provision_blame(args: dict, provision_id: int):
    """Every span of the current text with the proposal, session and parties behind it."""
    reader()
    db = get_db()
    provision = get_provision(db, provision_id)
    version = current_version(db, provision)
    lang = args["lang"]
    languages = [lang] if lang else (version.languages if version else [])
    return {
        "provision_id": provision.id,
        "version": provision.current_number,
        "blame": {
            lang: [
                {"text": span.text, **span.attribution.to_dict()}
                for span in blame_provision(db, provision, lang)
            ]
            for lang in languages
        },
    }
