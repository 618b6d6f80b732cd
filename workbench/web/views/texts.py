"""Pages of the texts: instruments, provisions with history, redlines and blame, topics."""

from __future__ import annotations

from flask import render_template, request

from workbench.concordance.listing import corresponding_provisions
from workbench.concordance.operations import get_topic, list_topics, topic_synopsis
from workbench.db import get_db
from workbench.diff import DiffResult, diff_texts
from workbench.errors import InvalidInput
from workbench.instruments.models import wording_of
from workbench.instruments.queries import (
    current_version,
    get_instrument,
    get_provision,
    instrument_tree,
    list_instruments,
    provision_history,
)
from workbench.languages import LANGUAGES
from workbench.proposals.attribution import blame_provision
from workbench.proposals.listing import (
    count_provision_proposals,
    pending_counts,
    provision_for_page,
    provision_proposals,
)
from workbench.proposals.models import PENDING_STATUSES
from workbench.proposals.redline import proposal_redline
from workbench.proposals.sponsors import join_names
from workbench.web.fragments import shared_page
from workbench.web.inputs import MAX_INT, column_number
from workbench.web.views.common import page_blueprint, page_reader, text_view, ui_lang

bp = page_blueprint("texts", __name__)

PAGE_SIZE = 20


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    value = column_number(raw)
    if value is None:
        raise InvalidInput(
            f"{name} must be a whole number up to {MAX_INT} (got {raw!r}).", field=name
        )
    return value


def redline_rows(diffs: dict[str, DiffResult], view: str) -> list[dict]:
    """Per language shown, in the UN's order of languages: a word diff as a page shows it."""
    return [
        {
            "lang": lang,
            "html": diffs[lang].html(),
            "changed": diffs[lang].changed,
            "stats": diffs[lang].stats(),
        }
        for lang in LANGUAGES
        if lang in diffs and (view == "both" or lang == view)
    ]


def diff_rows(old: dict[str, str], new: dict[str, str], view: str) -> list[dict]:
    """Per language shown: the word diff from old to new."""
    return redline_rows(
        {
            lang: diff_texts(old.get(lang, ""), new.get(lang, ""), lang)
            for lang in set(old) | set(new)
            if view == "both" or lang == view
        },
        view,
    )


@bp.get("/instruments")
def instruments():
    """Every instrument."""
    page_reader()
    return render_template("instruments/index.html", instruments=list_instruments(get_db()))


@bp.get("/instruments/<slug>")
def instrument(slug: str):
    """An instrument's chapters and provisions as a table of contents, with current text."""
    page_reader()

    def context() -> dict:
        db = get_db()
        item = get_instrument(db, slug)
        return dict(
            instrument=item,
            tree=instrument_tree(db, item),
            view=text_view(),
            pending=pending_counts(db, item),
        )

    # The same for every reader: rendered once per version of the data.
    return shared_page("instruments/show.html", context)


@bp.get("/instruments/<slug>/consolidated")
def consolidated(slug: str):
    """The consolidated text: common wording once, the phrases in dispute with their sponsors."""
    page_reader()
    from workbench.consolidation.queries import consolidated_text
    from workbench.parties.operations import resolve_parties

    db = get_db()
    item = get_instrument(db, slug)
    lang = request.args.get("text")
    if lang not in ("en", "zh"):
        lang = ui_lang()
    provisions = consolidated_text(db, item, lang)
    codes = sorted({code for p in provisions for codes in p.sponsors.values() for code in codes})
    names = {party.code: party.name(lang) for party in resolve_parties(db, codes)}
    return render_template(
        "instruments/consolidated.html",
        instrument=item,
        provisions=provisions,
        lang=lang,
        sponsors=lambda codes: join_names([names.get(code, code) for code in codes], lang),
    )


@bp.get("/provisions/<int:provision_id>")
def provision(provision_id: int):
    """Current text, history with a chosen comparison, pending redlines, concordance.

    Rendered once per version of the data for every reader (``shared_page``), each reader's
    own parts (account, CSRF token, the button their role may use) added per request.
    """
    page_reader()
    return shared_page("provisions/show.html", lambda: _provision_context(provision_id))


def _provision_context(provision_id: int) -> dict:
    """What the provision page shows, in a fixed number of queries however many proposals
    the provision has: one page of pending proposals, each with everything its card shows,
    loaded in bulk."""
    db = get_db()
    item = provision_for_page(db, provision_id)
    versions = provision_history(db, item)
    current = versions[item.current_number - 1] if item.current_number else None
    view = text_view(current.languages if current else None)
    compare = None
    a, b = _int_arg("a"), _int_arg("b")
    if a is not None or b is not None:
        numbers = {v.number: v for v in versions}
        b = b or item.current_number
        a = a or max(1, b - 1)
        if a not in numbers or b not in numbers:
            raise InvalidInput(f"{item.label} has versions 1 to {len(versions)}.", field="a")
        compare = {
            "a": a,
            "b": b,
            "rows": diff_rows(wording_of(numbers[a]), wording_of(numbers[b]), view),
        }
    counts = count_provision_proposals(db, item)
    pending_total = sum(counts.get(str(s), 0) for s in PENDING_STATUSES)
    pages = max(1, -(-pending_total // PAGE_SIZE))
    page = min(max(1, _int_arg("page") or 1), pages)
    pending = (
        provision_proposals(db, item, pending=True, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        if pending_total
        else []
    )
    # Each proposal's change, only in the languages it changes.
    redlines = {p.id: redline_rows(proposal_redline(p), view) for p in pending}
    decided = (
        provision_proposals(db, item, pending=False, limit=PAGE_SIZE)
        if sum(counts.values()) > pending_total
        else []
    )
    return dict(
        provision=item,
        versions=versions,
        current=current,
        view=view,
        compare=compare,
        pending=pending,
        redlines=redlines,
        decided=decided,
        page=page,
        pages=pages,
        pending_total=pending_total,
        produced_by={p.result_version_id: p for p in decided if p.result_version_id},
        topics=corresponding_provisions(db, item),
    )


@bp.get("/provisions/<int:provision_id>/blame")
def blame(provision_id: int):
    """Every span of the current text with the proposal and parties behind it."""
    page_reader()
    db = get_db()
    item = get_provision(db, provision_id)
    version = current_version(db, item)
    languages = [lang for lang in (version.languages if version else []) if lang in ("en", "zh")]
    view = text_view(languages)
    shown = [lang for lang in languages if view in ("both", lang)]
    spans = {lang: blame_provision(db, item, lang) for lang in shown}
    legend: dict[int, object] = {}
    for lang_spans in spans.values():
        for span in lang_spans:
            legend.setdefault(span.attribution.version_id, span.attribution)
    keys = {version_id: index % 8 for index, version_id in enumerate(legend)}
    return render_template(
        "provisions/blame.html",
        provision=item,
        version=version,
        spans=spans,
        legend=legend,
        keys=keys,
        view=view,
    )


@bp.get("/compare")
def compare():
    """Two provisions of any instruments side by side, with the word diff between them."""
    page_reader()
    db = get_db()
    left_id, right_id = _int_arg("left"), _int_arg("right")
    if left_id is None or right_id is None:
        raise InvalidInput("Give two provisions to compare: ?left=ID&right=ID.")
    left, right = get_provision(db, left_id), get_provision(db, right_id)
    old, new = wording_of(current_version(db, left)), wording_of(current_version(db, right))
    view = text_view(sorted(set(old) | set(new)))
    languages = [lang for lang in ("en", "zh") if view in ("both", lang)]
    common = [lang for lang in languages if lang in old and lang in new]
    return render_template(
        "provisions/compare.html",
        left=left,
        right=right,
        old=old,
        new=new,
        languages=languages,
        rows=diff_rows({k: old[k] for k in common}, {k: new[k] for k in common}, view),
        view=view,
    )


@bp.get("/topics")
def topics():
    """The topics of the concordance."""
    page_reader()
    return render_template("topics/index.html", topics=list_topics(get_db()))


@bp.get("/topics/<topic>")
def topic(topic: str):
    """Every instrument's text on one topic, side by side."""
    page_reader()
    db = get_db()
    item = get_topic(db, topic)
    return render_template(
        "topics/show.html", topic=item, columns=topic_synopsis(db, item), view=text_view()
    )
