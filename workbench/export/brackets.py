"""Brackets mode, as UN secretariats write a consolidated text: common wording once, the
phrases in dispute in square brackets, each followed by its sponsors.

The spans come from ``workbench.consolidation.segments`` (the model the API and the web
page show). What the Word file says, as any conversion to text keeps it (brackets,
separators and parentheses are plain characters; the import reads this format back):

- Page 1's masthead (symbol, "Distr.: Limited", date, "Original: English", committee,
  session, place and dates, agenda item) stands in the first page's own header; the body
  begins with the title (style Title), then the contents (a TOC field whose cached result
  is the list of headings, styles TOC1-3), then the text.
- Wording common to the current text and every proposal stands plain, once.
- A span in dispute: the current wording in brackets, then each proposed wording in
  brackets followed by its sponsors, the options separated by " / ":
  ``[a computer system] / [an ICT system] (China, Russian Federation) / [delete] (Japan)``.
  A proposal to strike the span is ``[delete]`` (Chinese column ``[删除]``). Where nothing
  stands now (a proposed insertion) the current option is left out: ``such [legislative]
  (Brazil) measures``. Identical wordings are one option naming all their sponsors.
- The current wording is never followed by sponsors; every proposed option is. Sponsors are
  the consenting ones, named in the column's language as the party records name them:
  `` (China, Russian Federation)`` with one space before; in Chinese ``（中国、俄罗斯）``,
  full-width parentheses joined with "、", no space before.
- Wording paragraphs are the provision's own ("1.", "a)", "(i)" indented by level).
- Whitespace around a span stands outside its brackets; a span may cross paragraphs (its
  bracket opens in one paragraph and closes in a later one).
- A proposal to delete the whole provision encloses its wording in one more pair of
  brackets, opened at the start of its first paragraph and closed at the end of its last,
  followed by `` / [delete] (sponsors)``.
- Headings (a Heading 1-9 paragraph, centred): the label, a line break (``w:br``), the
  title: "Article 2" over "Illegal access"; in a Chinese document "第二条" over "非法访问";
  side by side "Article 2 / 第二条" over "Illegal access / 非法访问".
- A provision proposed for insertion: its heading in one pair of brackets, ``[Article 2
  bis`` over ``Misuse of devices]``, then its wording ``[wording] (Brazil, Argentina)``
  (different wordings under one label: `` / `` between).
- A proposal drafted on an earlier version of the provision is named in a footnote at the
  end of the provision's wording.
- A provision agreed ad referendum: an italic line "Agreed ad referendum" ("已暂定商定，
  待核准") under its heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.consolidation.segments import Segment, consolidate_wordings
from workbench.export.docx_common import add_run, new_paragraph
from workbench.export.labels import paragraph_levels
from workbench.export.layout import ConsolidatedWriter, words
from workbench.export.model import ExportAlternative, ExportProvision
from workbench.proposals.sponsors import join_names

Piece = tuple[str, dict]
SEPARATOR = " / "
AD_REFERENDUM = "agreed_ad_ref"


class BracketsWriter(ConsolidatedWriter):
    """The consolidated text with the phrases in dispute bracketed and attributed."""

    def wording(self, provision: ExportProvision, lang: str, sink) -> None:
        zh = lang == "zh"
        if provision.status == AD_REFERENDUM:
            self.note(sink, words(lang)["ad_referendum"], zh)
        amendments = [a for a in provision.alternatives if a.kind != "delete"]
        deletions = [a for a in provision.alternatives if a.kind == "delete"]
        shown = self.text_language(provision.text, lang)
        if shown is None:
            if provision.text or amendments:
                self.note(sink, words(lang)["missing"], zh)
            return
        current = provision.text.get(shown, "")
        # A proposal without wording in this language proposes nothing for it.
        wordings = [(index, a.text.get(shown, current)) for index, a in enumerate(amendments)]
        segments = consolidate_wordings(current, wordings, shown)
        pieces = self.pieces(segments, amendments, lang, {"zh": shown == "zh"})
        if deletions:
            pieces = [
                ("[", {}),
                *pieces,
                ("]", {}),
                (SEPARATOR, {}),
                ("[" + words(lang)["strike"] + "]", {"zh": zh}),
                *self.sponsors(deletions, lang),
            ]
        last = self.paragraphs(sink, pieces)
        notes = self.stale_note(provision.alternatives)
        if notes and last is not None and lang == self.languages[0]:
            self.footnotes.add(last, notes)

    def pieces(
        self,
        segments: Sequence[Segment],
        alternatives: Sequence[ExportAlternative],
        lang: str,
        text: dict,
    ) -> list[Piece]:
        """Common wording plain; each span as "[current] / [option] (sponsors) / ..."."""
        pieces: list[Piece] = []
        for segment in segments:
            if not segment.disputed:
                pieces.append((segment.text, text))
                continue
            current = segment.current
            lead, trail = segment.outer_space()
            pieces.append((lead, text))
            options: list[list[Piece]] = []
            if current.text.strip():
                options.append([("[", {}), (current.text.strip(), text), ("]", {})])
            for option in segment.options:
                if option.current:
                    continue
                body = option.text.strip()
                words_in = (body, text) if body else (words(lang)["strike"], {"zh": lang == "zh"})
                options.append(
                    [
                        ("[", {}),
                        words_in,
                        ("]", {}),
                        *self.sponsors([alternatives[key] for key in option.keys], lang),
                    ]
                )
            for index, option_pieces in enumerate(options):
                if index:
                    pieces.append((SEPARATOR, {}))
                pieces += option_pieces
            pieces.append((trail, text))
        return pieces

    def sponsors(self, alternatives: Sequence[ExportAlternative], lang: str) -> list[Piece]:
        """The sponsors of some proposals, each once, in parentheses in the column's language."""
        names = list(dict.fromkeys(n for a in alternatives for n in a.sponsor_names(lang)))
        if not names:
            return []
        label = join_names(names, lang)
        if lang == "zh":
            return [(f"（{label}）", {"italic": True, "zh": True})]
        return [(" ", {}), (f"({label})", {"italic": True})]

    def paragraphs(self, sink, pieces: list[Piece]):
        """Pieces cut into paragraphs at line breaks, blank ones dropped, indented by label;
        returns the last paragraph (None if there is none)."""
        lines: list[list[Piece]] = [[]]
        for text, props in pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    lines.append([])
                if part:
                    lines[-1].append((part.rstrip("\r"), props))
        lines = [line for line in lines if "".join(t for t, _ in line).strip()]
        visible = ["".join(t for t, _ in line).lstrip("[ ") for line in lines]
        p = None
        for line, level in zip(lines, paragraph_levels(visible), strict=True):
            p = new_paragraph(sink, level=level)
            for text, props in line:
                add_run(p, text, **props)
        return p

    def insertions(self, alternatives: list[ExportAlternative], level: int) -> None:
        """Provisions proposed at one place: one bracketed provision per label."""
        by_label: dict[str | None, list[ExportAlternative]] = {}
        for alternative in alternatives:
            by_label.setdefault(alternative.label, []).append(alternative)
        for label, group in by_label.items():
            self.inserted_group(label, group, level)

    def inserted_group(self, label: str | None, group: list[ExportAlternative], level: int) -> None:
        first = group[0]
        self.heading(
            level,
            label or words(self.languages[0])["new_provision"],
            first.title,
            before="[",
            after="]",
        )

        def render(sink, lang):
            texts = {code: t for a in group for code, t in a.text.items() if t}
            shown = self.text_language(texts, lang)
            if shown is None:
                self.note(sink, words(lang)["proposal_missing"], lang == "zh")
                return
            wordings = [(index, a.text.get(shown, "")) for index, a in enumerate(group)]
            segments = consolidate_wordings("", wordings, shown)
            self.paragraphs(sink, self.pieces(segments, group, lang, {"zh": shown == "zh"}))

        self.columns(render)

    def inserted_provision(self, alternative: ExportAlternative, level: int) -> None:
        self.inserted_group(alternative.label, [alternative], level)

    def stale_note(self, alternatives: Sequence[ExportAlternative]) -> list[str]:
        """A footnote's lines naming the proposals drafted on an earlier version."""
        lines = []
        for alternative in alternatives:
            if alternative.stale:
                which = (
                    f"Proposal {alternative.proposal_id}"
                    if alternative.proposal_id
                    else "A proposal"
                )
                sponsors = join_names(alternative.sponsor_names("en"))
                lines.append(
                    f"{which} ({sponsors}) was drafted on an earlier version of the provision."
                )
        return lines
