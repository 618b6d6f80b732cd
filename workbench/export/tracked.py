"""Tracked mode: each pending proposal as native Word revisions authored by its sponsors.

One proposal on a provision: the provision's own paragraphs carry its insertions and
deletions. Two or more: the current text stands plain and each proposal follows as
"Alternative n (sponsors):" with its own revisions. A deletion is the whole wording deleted,
a new provision its heading and wording inserted. Paragraph marks are tracked too, so that
accepting or rejecting in Word or LibreOffice leaves no stray empty paragraphs.
"""

from __future__ import annotations

import itertools

from workbench.export.docx_common import (
    Reviser,
    add_run,
    format_date,
    mark_paragraph,
    mark_row,
    new_paragraph,
    open_revision,
    revision_date,
)
from workbench.export.labels import paragraph_levels, wording_lines
from workbench.export.layout import ConsolidatedWriter, words
from workbench.export.model import ExportAlternative, ExportDocument, ExportProvision
from workbench.proposals.sponsors import join_names

Op = tuple[str, str]  # ("equal" | "insert" | "delete", text)
_MARKS = {"insert": "ins", "delete": "del"}


def split_lines(ops: list[Op]) -> list[tuple[list[Op], str | None]]:
    """Ops cut into paragraphs at "\\n": each with the op of the break that ends it."""
    lines: list[tuple[list[Op], str | None]] = []
    current: list[Op] = []
    for op, text in ops:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append((current, op))
                current = []
            if piece:
                current.append((op, piece.rstrip("\r")))
    lines.append((current, None))
    # Blank paragraphs are dropped (as in plain wording); their breaks fold into the one before.
    kept: list[tuple[list[Op], str | None]] = []
    for segments, brk in lines:
        if any(t.strip() for _, t in segments):
            kept.append((segments, brk))
        elif kept:
            kept[-1] = (kept[-1][0], _fold(kept[-1][1], brk))
    if kept:
        kept[-1] = (kept[-1][0], None)  # the last paragraph's mark ends the provision
    return kept


def _fold(first: str | None, second: str | None) -> str | None:
    """One paragraph break standing for two: tracked only if both were inserted (or deleted)."""
    if first == second or second is None:
        return first
    return "equal"


def attribution(alternative: ExportAlternative) -> str:
    """Who proposed a tracked proposal, where and when: "Deletion proposed by Japan (AHC-4, ...)."."""
    sponsors = alternative.sponsors_label or alternative.author
    what = {
        "delete": "Deletion proposed",
        "insert": "Proposed",
        "change": "Changed on the proposal of",
    }.get(alternative.kind, "Changes proposed")
    joiner = " " if alternative.kind == "change" else " by "
    when = ", ".join(filter(None, [alternative.session, format_date(alternative.date, "en")]))
    stale = ", drafted on an earlier version of the provision" if alternative.stale else ""
    return f"{what}{joiner}{sponsors} ({when}){stale}."


class TrackedWriter(ConsolidatedWriter):
    """The consolidated text with proposals as Word tracked changes."""

    def __init__(self, data: ExportDocument) -> None:
        super().__init__(data)
        # One counter for every revision: w:id must be unique across the document.
        self.ids = itertools.count(1)

    def reviser(self, alternative: ExportAlternative, lang: str | None = None) -> Reviser:
        """The revision author (the sponsoring parties, named in ``lang``, by default the
        document's first language) and the day it was tabled."""
        author = alternative.author_in(lang or self.languages[0]) or "Unknown"
        return Reviser(author, revision_date(alternative.date), self.ids)

    def heading_container(self, provision: ExportProvision, p):
        alternatives = provision.alternatives
        if len(alternatives) == 1 and alternatives[0].kind == "delete":
            reviser = self.reviser(alternatives[0])
            mark_paragraph(p, "del", reviser)
            return open_revision(p, "del", reviser)
        return p

    def footnote_lines(self, provision: ExportProvision) -> list[str]:
        # Printed without review balloons, a lone proposal's revisions would be anonymous.
        lines = list(provision.provenance)
        if len(provision.alternatives) == 1:
            lines.append(attribution(provision.alternatives[0]))
        return lines

    def row_mark(self, provision: ExportProvision):
        alternatives = provision.alternatives
        if len(alternatives) == 1 and alternatives[0].kind == "delete":
            # The side-by-side row goes with the deleted provision.
            reviser = self.reviser(alternatives[0])
            return lambda row: mark_row(row, "del", reviser)
        return None

    def wording(self, provision: ExportProvision, lang: str, sink) -> None:
        alternatives = provision.alternatives
        shown = self.shown_language(provision, lang)
        if shown is None:
            if provision.text or alternatives:
                self.note(sink, words(lang)["missing"], lang == "zh")
            return
        zh = shown == "zh"
        current = provision.text.get(shown, "")
        if len(alternatives) == 1:
            self.proposal(sink, alternatives[0], current, shown, zh)
            return
        self.plain(sink, wording_lines(current), zh)
        for number, alternative in enumerate(alternatives, 1):
            self.label(sink, number, alternative, lang)
            self.proposal(sink, alternative, current, shown, zh)

    def shown_language(self, provision: ExportProvision, lang: str) -> str | None:
        """The column's language if the provision or a proposal has it, else (one column) any."""
        pools = [provision.text]
        for alternative in provision.alternatives:
            pools += [alternative.text, alternative.diff]
        if any(pool.get(lang) for pool in pools):
            return lang
        if self.bilingual:
            return None
        return next((code for pool in pools for code, value in pool.items() if value), None)

    def label(self, sink, number: int, alternative: ExportAlternative, lang: str) -> None:
        """ "Alternative 1 (China, Russian Federation):" before a competing proposal."""
        w = words(lang)
        zh = lang == "zh"
        p = new_paragraph(sink, keep_next=True)
        add_run(p, w["alternative"].format(n=number), bold=True, zh=zh)
        sponsors = join_names(alternative.sponsor_names(lang), lang)
        stale = w["stale"] if alternative.stale else ""
        if zh:
            add_run(p, f"（{sponsors}）{stale}：", italic=True, zh=True)
        else:
            add_run(p, f" ({sponsors}){' ' + stale if stale else ''}", italic=True)
            add_run(p, ":")

    def proposal(
        self, sink, alternative: ExportAlternative, current: str, lang: str, zh: bool
    ) -> None:
        """One proposal's wording with its revisions (the current text when it has none)."""
        ops = self.operations(alternative, current, lang)
        if ops is None:
            self.plain(sink, wording_lines(current), zh)
            self.note(sink, words(lang)["proposal_missing"], zh)
            return
        whole = "del" if alternative.kind == "delete" else None
        self.tracked(sink, ops, self.reviser(alternative, lang), zh, whole=whole)

    def operations(
        self, alternative: ExportAlternative, current: str, lang: str
    ) -> list[Op] | None:
        """The word-level changes from the current wording to the proposal's."""
        if alternative.kind == "delete":
            return [("delete", current)]
        if lang in alternative.diff:
            return [(op.op, op.text) for op in alternative.diff[lang]]
        proposed = alternative.text.get(lang)
        if proposed is None:
            return None
        from workbench.diff import diff_texts  # jieba loads lazily: only for this fallback

        return [(op.op, op.text) for op in diff_texts(current, proposed, lang).ops]

    def tracked(
        self, sink, ops: list[Op], reviser: Reviser, zh: bool, *, whole: str | None = None
    ) -> None:
        """Paragraphs whose runs are plain, ``w:ins`` or ``w:del``; marks tracked too."""
        lines = split_lines(ops)
        visible = [
            "".join(t for op, t in segments if op != "delete") or "".join(t for _, t in segments)
            for segments, _ in lines
        ]
        for (segments, brk), level in zip(lines, paragraph_levels(visible), strict=True):
            p = new_paragraph(sink, level=level)
            mark = whole or _MARKS.get(brk or "")
            if mark:
                mark_paragraph(p, mark, reviser)
            for op, text in segments:
                if op == "insert":
                    add_run(open_revision(p, "ins", reviser), text, zh=zh)
                elif op == "delete":
                    add_run(open_revision(p, "del", reviser), text, zh=zh, deleted=True)
                else:
                    add_run(p, text, zh=zh)

    def inserted_provision(self, alternative: ExportAlternative, level: int) -> None:
        reviser = self.reviser(alternative)
        label = alternative.label or words(self.languages[0])["new_provision"]

        def inserted(p):
            mark_paragraph(p, "ins", reviser)
            return open_revision(p, "ins", reviser)

        p = self.heading(level, label, alternative.title, container=inserted)
        self.footnotes.add(self.heading_anchor(p), [attribution(alternative)])

        def render(sink, lang):
            shown = self.text_language(alternative.text, lang)
            if shown is None:
                self.note(sink, words(lang)["proposal_missing"], lang == "zh")
                return
            self.tracked(
                sink, [("insert", alternative.text[shown])], reviser, shown == "zh", whole="ins"
            )

        self.columns(render, row_mark=lambda row: mark_row(row, "ins", reviser))
