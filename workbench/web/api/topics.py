"""JSON API of the concordance: topics and every instrument's text on each."""

from __future__ import annotations

from workbench.concordance.operations import get_topic, list_topics, topic_synopsis
from workbench.db import get_db
from workbench.serialize import instrument_summary, provision_summary, topic_ref
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.parties import TopicList, TopicSynopsis
from workbench.web.security import reader

bp = Blueprint("concordance_api", __name__, url_prefix="/api", description=__doc__)


@bp.get("/topics")
@bp.response(200, TopicList)
@bp.errors(401)
@bp.doc(operationId="listTopics")
def topics_index():
    """The topics of the concordance."""
    reader()
    return {"topics": [topic_ref(t) for t in list_topics(get_db())]}


@bp.get("/topics/<slug>")
@bp.response(200, TopicSynopsis)
@bp.errors(401, 404)
@bp.doc(operationId="getTopic")
def topic_show(slug: str):
    """Every instrument's provisions on a topic, side by side, absences included."""
    reader()
    db = get_db()
    topic = get_topic(db, slug)
    columns = []
    for column in topic_synopsis(db, topic):
        columns.append(
            {
                "instrument": instrument_summary(column.instrument),
                "absent": column.absent,
                "entries": [
                    {
                        "relation": str(correspondence.relation),
                        "note": {"en": correspondence.note_en, "zh": correspondence.note_zh},
                        "provision": (
                            provision_summary(provision, version) if provision is not None else None
                        ),
                    }
                    for correspondence, provision, version in column.entries
                ],
            }
        )
    return {"topic": topic_ref(topic), "instruments": columns}
