"""Alternatives mode: whole provisions as alternatives, "[text] [Alt 1: wording (China)]".

Each proposal reprints the whole provision (``brackets`` mode shows only the phrases in
dispute). Text not yet agreed stands in square brackets, each pending proposal follows as a numbered
alternative with its sponsors in parentheses, a proposed deletion reads "[Alt n: Delete the
provision (sponsors)]", and proposed new provisions follow as "[New Article 2 bis: ... (Brazil)]".
Brackets are plain characters so that any conversion to text keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.export.docx_common import add_run, new_paragraph
from workbench.export.labels import paragraph_levels, wording_lines
from workbench.export.layout import ConsolidatedWriter, words
from workbench.export.model import ExportAlternative, ExportProvision
from workbench.proposals.sponsors import join_names
from workbench.texts.labels import structural_label

Piece = tuple[str, dict]


class AlternativesWriter(ConsolidatedWriter):
    """The consolidated text with each proposal as a whole bracketed, attributed alternative."""

    def wording(self, provision: ExportProvision, lang: str, sink) -> None:
        shown = self.text_language(provision.text, lang)
        lines = wording_lines(provision.text.get(shown)) if shown else []
        if lines:
            self.bracketed(sink, lines, shown == "zh", bracket=not provision.agreed)
        elif provision.text:
            self.note(sink, words(lang)["missing"], lang == "zh")
        for number, alternative in enumerate(provision.alternatives, 1):
            marker = words(lang)["alt"].format(n=number)
            self.alternative(sink, alternative, lang, marker)

    def inserted_provision(self, alternative: ExportAlternative, level: int) -> None:
        first = words(self.languages[0])
        label = alternative.label or first["new_provision"]
        self.heading(level, label, alternative.title, before="[", after="]")

        def render(sink, lang):
            w = words(lang)
            marker = (
                w["new"].format(label=structural_label(alternative.label, lang))
                if alternative.label
                else w["new_unlabelled"]
            )
            self.alternative(sink, alternative, lang, marker)

        self.columns(render)

    def alternative(self, sink, alternative: ExportAlternative, lang: str, marker: str) -> None:
        """One proposal as "[marker wording (sponsors)]", its paragraphs kept."""
        w = words(lang)
        zh = lang == "zh"
        if alternative.kind == "delete":
            lines, text_zh = [w["delete"]], zh
        else:
            shown = self.text_language(alternative.text, lang)
            lines = wording_lines(alternative.text.get(shown)) if shown else []
            text_zh = shown == "zh" if shown else zh
            if not lines:
                lines, text_zh = [w["proposal_missing"]], zh
        prefix = [(marker, {"bold": True, "zh": zh})]
        if w["space"]:
            prefix.append((w["space"], {}))
        self.bracketed(
            sink, lines, text_zh, prefix=prefix, suffix=self.attribution(alternative, lang)
        )

    def attribution(self, alternative: ExportAlternative, lang: str) -> list[Piece]:
        """The sponsors in parentheses (and a mark on a proposal drafted on an older text)."""
        sponsors = join_names(alternative.sponsor_names(lang), lang)
        zh = lang == "zh"
        italic = {"italic": True, "zh": zh}
        if zh:
            pieces = [(f"（{sponsors}）", italic)] if sponsors else []
            if alternative.stale:
                pieces.append((words(lang)["stale"], italic))
            return pieces
        pieces = [(" ", {}), (f"({sponsors})", italic)] if sponsors else []
        if alternative.stale:
            pieces += [(" ", {}), (words(lang)["stale"], italic)]
        return pieces

    def bracketed(
        self,
        sink,
        lines: list[str],
        zh: bool,
        *,
        prefix: Sequence[Piece] = (),
        suffix: Sequence[Piece] = (),
        bracket: bool = True,
    ) -> None:
        """Wording paragraphs, the first opening a bracket (and prefix), the last closing it."""
        last = len(lines) - 1
        for index, (line, level) in enumerate(zip(lines, paragraph_levels(lines), strict=True)):
            p = new_paragraph(sink, level=level)
            if index == 0:
                if bracket:
                    add_run(p, "[")
                for text, props in prefix:
                    add_run(p, text, **props)
            add_run(p, line, zh=zh)
            if index == last:
                for text, props in suffix:
                    add_run(p, text, **props)
                if bracket:
                    add_run(p, "]")
