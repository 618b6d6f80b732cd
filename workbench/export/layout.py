"""The consolidated text's frame, common to both modes: title page, contents, headings, columns.

A mode (brackets, alternatives, tracked) subclasses ``ConsolidatedWriter`` and renders the wording of a
provision in one language, and the provisions proposed for insertion.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from docx.document import Document

from workbench.export.docx_common import (
    add_run,
    borderless_table,
    field_begin,
    field_end,
    finish_cell,
    format_date,
    has_cjk,
    make,
    new_paragraph,
    page_break_paragraph,
    qn,
    sub,
)
from workbench.export.footnotes import Footnotes
from workbench.export.labels import paragraph_levels
from workbench.export.model import (
    ExportAlternative,
    ExportChapter,
    ExportDocument,
    ExportProvision,
)
from workbench.export.spool import BodySpool, SpooledDocument, marker
from workbench.export.styles import add_page_number_footer, new_document, text_width_twips
from workbench.texts.labels import structural_label

# The fixed words of the document, per language of the column they stand in.
WORDS = {
    "en": {
        "contents": "Contents",
        "distribution": "Distr.: Limited",
        "original": "Original: {language}",
        "alt": "Alt {n}:",
        "alternative": "Alternative {n}",
        "delete": "Delete the provision",
        "new": "New {label}:",
        "new_provision": "New provision",
        "new_unlabelled": "New provision:",
        "stale": "(drafted on an earlier version)",
        "missing": "(No English text.)",
        "proposal_missing": "(No English text of this proposal.)",
        "space": " ",
        "strike": "delete",
        "ad_referendum": "Agreed ad referendum",
    },
    "zh": {
        "contents": "目录",
        "distribution": "分发：限制",
        "original": "原文：{language}",
        "alt": "备选案文{n}：",
        "alternative": "备选案文{n}",
        "delete": "删除本条",
        "new": "新增{label}：",
        "new_provision": "新条款",
        "new_unlabelled": "新条款：",
        "stale": "（根据较早版本起草）",
        "missing": "（无中文文本。）",
        "proposal_missing": "（本提案无中文文本。）",
        "space": "",
        "strike": "删除",
        "ad_referendum": "已暂定商定，待核准",
    },
}
LANGUAGE_NAMES = {
    "en": {"en": "English", "zh": "Chinese", "fr": "French", "es": "Spanish", "ru": "Russian"},
    "zh": {"en": "英文", "zh": "中文", "fr": "法文", "es": "西班牙文", "ru": "俄文"},
}
LINE_BREAK = "\n"  # a heading piece: the title goes on the next line
TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'
TOC_LEVELS = 3
MAX_HEADING = 9


def words(lang: str) -> dict[str, str]:
    """The fixed words for a language (English for any language without its own)."""
    return WORDS.get(lang, WORDS["en"])


class ConsolidatedWriter:
    """Walks an ExportDocument into a Word document; subclasses render the wording."""

    def __init__(self, data: ExportDocument) -> None:
        self.data = data
        self.languages = list(data.languages)
        self.bilingual = len(self.languages) > 1
        self.docx: Document = new_document()
        self.footnotes = Footnotes(self.docx)
        self.body: list = []  # the body elements built and not yet spooled
        self.spool: BodySpool | None = None
        self.contents: list[tuple[int, list[tuple[str, bool]]]] = []
        self.masthead: list = []  # page 1's header paragraphs
        width = text_width_twips(self.docx)
        self.column_widths = [width // 2, width - width // 2]

    # -- what a mode provides ----------------------------------------------------------------

    def wording(self, provision: ExportProvision, lang: str, sink) -> None:
        """Render a provision's wording and its alternatives in one language."""
        raise NotImplementedError

    def inserted_provision(self, alternative: ExportAlternative, level: int) -> None:
        """Render a provision proposed for insertion, with its heading."""
        raise NotImplementedError

    def insertions(self, alternatives: list[ExportAlternative], level: int) -> None:
        """Render the provisions proposed at one place (a mode may group them)."""
        for alternative in alternatives:
            self.inserted_provision(alternative, level)

    def heading_container(self, provision: ExportProvision, p):
        """Where a provision heading's runs go (a mode may wrap them in a revision)."""
        return p

    def footnote_lines(self, provision: ExportProvision) -> list[str]:
        """The lines of a provision heading's footnote: its provenance."""
        return list(provision.provenance)

    def row_mark(self, provision: ExportProvision) -> Callable | None:
        """What to do to a provision's side-by-side table row (a mode may track it)."""
        return None

    # -- the document ------------------------------------------------------------------------

    def build(self) -> Document:
        """The whole Word document, its body in memory."""
        self.walk(self.data.items, 1)
        self.assemble(self.body)
        return self.docx

    def spooled(self) -> SpooledDocument:
        """The Word document with its body serialised piece by piece as it is built."""
        self.spool = BodySpool(self.docx)
        self.walk(self.data.items, 1)
        self.spool.write(self.body)
        self.assemble([marker()])
        return SpooledDocument(self.docx, self.spool)

    def finished(self) -> None:
        """The body so far is final (nothing built later goes back into it): spool it."""
        if self.spool is not None:
            self.spool.write(self.body)

    def assemble(self, body_elements: list) -> None:
        """Title page, contents, the body, the page setup; footer, header and properties."""
        body = self.docx.element.body
        section = body.sectPr
        body.remove(section)
        # Built after the body so that the contents can list its headings.
        for element in (*self.title_page(), *self.contents_block(), *body_elements):
            body.append(element)
        body.append(section)
        add_page_number_footer(self.docx)
        self.first_page_header()
        self.properties()

    def first_page_header(self) -> None:
        """The masthead stands in page 1's own header, as in the UN's templates: the text
        itself (and whatever reads it back) begins with the title."""
        if not self.masthead:
            return
        section = self.docx.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        for paragraph in self.masthead:
            element.append(paragraph)

    def walk(self, items: list, level: int) -> None:
        """Chapters and provisions in order, each a heading one level below its parent."""
        for item in items:
            if isinstance(item, ExportChapter):
                self.heading(level, item.label, item.title)
                self.insertions(item.insertions, level + 1)
                self.finished()
                self.walk(item.items, level + 1)
            else:
                self.provision(item, level)
                self.finished()

    def provision(self, provision: ExportProvision, level: int) -> None:
        """A provision: heading (with its provenance footnote), wording, insertions after it."""
        p = self.heading(
            level,
            provision.label,
            provision.title,
            container=lambda p: self.heading_container(provision, p),
        )
        notes = self.footnote_lines(provision)
        if notes:
            self.footnotes.add(self.heading_anchor(p), notes)
        self.columns(
            lambda sink, lang: self.wording(provision, lang, sink),
            row_mark=self.row_mark(provision),
        )
        self.insertions(provision.insertions, level)

    def heading_anchor(self, p):
        """Where the footnote reference goes: after the heading text, inside its revision."""
        last = p[-1]
        return last if last.tag.endswith(("}ins", "}del")) else p

    def heading(
        self,
        level: int,
        label: str,
        titles: dict[str, str],
        *,
        before: str = "",
        after: str = "",
        container: Callable | None = None,
    ):
        """A heading paragraph (Heading 1, 2...), listed in the contents; returns it."""
        level = min(level, MAX_HEADING)
        p = new_paragraph(self.body, style=f"Heading{level}")
        pieces = self.heading_pieces(label, titles)
        if before:
            pieces.insert(0, (before, False))
        if after:
            pieces.append((after, False))
        target = container(p) if container else p
        deleted = target.tag == qn("w:del")  # text inside w:del must be w:delText
        for text, zh in pieces:
            if text == LINE_BREAK:
                sub(sub(target, "w:r"), "w:br")
            else:
                add_run(target, text, zh=zh, deleted=deleted)
        if level <= TOC_LEVELS:
            self.contents.append((level, pieces))
        return p

    def heading_pieces(self, label: str, titles: dict[str, str]) -> list[tuple[str, bool]]:
        """Label, then the title(s) on the next line, as (text, is Chinese) pieces.

        "Article 2" over "Illegal access"; in Chinese "第二条" over "非法访问"; side by side
        "Article 2 / 第二条" over "Illegal access / 非法访问".
        """
        shown = [(lang, titles[lang]) for lang in self.languages if titles.get(lang)]
        if not shown and titles:
            lang, title = next(iter(titles.items()))
            shown = [(lang, title)]
        pieces: list[tuple[str, bool]] = []
        labels = list(dict.fromkeys(structural_label(label, lang) for lang in self.languages))
        for index, text in enumerate(labels if label else []):
            if index:
                pieces.append((" / ", False))
            pieces.append((text, has_cjk(text)))
        for index, (lang, title) in enumerate(shown):
            if index:
                pieces.append((" / ", False))
            elif pieces:
                pieces.append((LINE_BREAK, False))
            pieces.append((title, lang == "zh" or has_cjk(title)))
        return pieces

    def columns(self, render: Callable[[object, str], None], row_mark=None):
        """One language in the body, or two side by side in a borderless table."""
        if not self.bilingual:
            render(self.body, self.languages[0])
            return None
        table, cells = borderless_table(self.column_widths)
        for cell, lang in zip(cells, self.languages, strict=False):
            render(cell, lang)
        if all(len(cell) == 1 for cell in cells):  # only cell properties: nothing to show
            return None
        for cell in cells:
            finish_cell(cell)
        if row_mark is not None:
            row_mark(table[-1])
        self.body.append(table)
        return table

    def text_language(self, texts: dict[str, str], lang: str) -> str | None:
        """The language to show in a column: its own, or (single language) any there is."""
        if texts.get(lang):
            return lang
        if self.bilingual:
            return None
        return next((code for code, text in texts.items() if text), None)

    def plain(self, sink, lines: list[str], zh: bool) -> None:
        """Wording paragraphs without marks, indented by their labels."""
        for line, level in zip(lines, paragraph_levels(lines), strict=True):
            add_run(new_paragraph(sink, level=level), line, zh=zh)

    def note(self, sink, text: str, zh: bool) -> None:
        """A short italic remark in the wording column."""
        add_run(new_paragraph(sink), text, italic=True, zh=zh)

    # -- title page and contents -------------------------------------------------------------

    def title_page(self) -> list:
        """Page 1: the masthead (symbol, distribution, date, original language on the right;
        committee, session, place and dates, agenda item on the left; in the page's header),
        then the title."""
        if self.data.masthead is None:
            return self.session_title_page()
        head = self.data.masthead
        lang = self.languages[0]
        zh, w = lang == "zh", words(lang)
        elements: list = self.masthead

        def line(text: str | None, *, align=None, after=0, **props) -> None:
            if text:
                p = new_paragraph(elements, align=align, spacing_after=after)
                add_run(p, text, zh=zh or has_cjk(text), **props)

        line(self.data.symbol, align="right", bold=True, size=14, after=120)
        line(w["distribution"], align="right")
        line(format_date(self.data.date, lang), align="right")
        language = LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"]).get(head.original, head.original)
        line(w["original"].format(language=language), align="right", after=480)
        line(head.committee.get(lang) or next(iter(head.committee.values()), None), bold=True)
        line(head.session.get(lang), after=0)
        line(head.place.get(lang))
        line(head.agenda_item, after=240)
        elements = []
        self.titles(elements)
        if self.data.note:
            add_run(new_paragraph(elements, align="center"), self.data.note, italic=True, zh=zh)
        elements.append(page_break_paragraph())
        return elements

    def titles(self, elements: list) -> None:
        """The title in each language of the document (or any there is)."""
        titles = [
            (lang, self.data.title[lang]) for lang in self.languages if self.data.title.get(lang)
        ] or list(self.data.title.items())[:1]
        for lang, title in titles:
            add_run(new_paragraph(elements, style="Title"), title, zh=lang == "zh")

    def session_title_page(self) -> list:
        """Without a masthead: title(s), note, session, date, symbol; then a page break."""
        elements: list = []
        self.titles(elements)
        first = self.languages[0]
        lines = [(self.data.note, True), (self.data.session, False)]
        lines.append(
            (" / ".join(format_date(self.data.date, lang) for lang in self.languages), False)
        )
        lines.append((self.data.symbol, False))
        for text, italic in lines:
            if text:
                add_run(
                    new_paragraph(elements, align="center"), text, italic=italic, zh=first == "zh"
                )
        elements.append(page_break_paragraph())
        return elements

    def contents_block(self) -> list:
        """A real TOC field whose cached result is a hint and a static list of the headings.

        Word replaces the whole result when the field is updated; until then (and in
        LibreOffice's text export) the static list shows the contents without page numbers.
        """
        elements: list = []
        zh = self.languages[0] == "zh"
        title = " / ".join(words(lang)["contents"] for lang in self.languages)
        add_run(new_paragraph(elements, style="TOCHeading"), title, zh=zh)
        # The field's cached result is the static list: the printed PDF gets the page numbers
        # (LibreOffice updates the field, workbench/uno_pdf.py), Word on F9.
        paragraphs = []
        for level, pieces in self.contents:
            p = new_paragraph(elements, style=f"TOC{level}")
            for text, piece_zh in pieces:
                add_run(p, "  " if text == LINE_BREAK else text, zh=piece_zh)
            paragraphs.append(p)
        if not paragraphs:
            paragraphs.append(new_paragraph(elements, style="TOC1"))
        first, last = paragraphs[0], paragraphs[-1]
        begin = make("w:p")
        field_begin(begin, TOC_INSTRUCTION)
        # The field opens before the first entry's runs (after its properties).
        properties = first.find(qn("w:pPr"))
        at = 1 if properties is not None else 0
        for run in list(begin):
            first.insert(at, run)
            at += 1
        field_end(last)
        elements.append(page_break_paragraph())
        return elements

    def properties(self) -> None:
        """Core properties: title, symbol, author."""
        core = self.docx.core_properties
        title = next(
            (self.data.title[lang] for lang in self.languages if self.data.title.get(lang)),
            self.data.slug,
        )
        core.title = title
        core.subject = self.data.symbol or ""
        core.author = core.last_modified_by = "Treaty workbench"
        core.comments = self.data.note or ""
        core.keywords = self.data.slug
        moment = datetime.combine(self.data.date, time(0, 0))
        core.created = core.modified = moment
        core.revision = 1
