"""One LibreOffice process driven through its Python-UNO bridge, serving many documents.

Run by Debian's /usr/bin/python3 (python3-uno), never by the project's virtualenv: it reads
one JSON command per line on stdin and answers one JSON line on stdout.

- ``{"op": "convert", "source", "target", "filter", "load_filter"?, "options"?}``: open a
  file and store it through an export filter ("MS Word 2007 XML", "writer8", "MS Word 97",
  "Rich Text Format", "writer_pdf_Export", "Text (encoded)").
- ``{"op": "build", "spec", "targets": [[path, filter], ...]}``: build a document as a
  person does in the editor (styles, automatic numbering and restarted lists, chapter
  numbering, a contents index, headers and footers with page fields, footnotes and
  bookmarks; not comments, whose insertion crashes LibreOffice 7.4 headless) and store it
  in each format.
- ``{"op": "edit", "source", "target", "author", "edits"}``: open a file, record changes
  under a delegate's name, make the edits ({"find", "replace"} or {"find", "after"}) and
  store it as .docx.
- ``{"op": "quit"}``.
"""

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

PARAGRAPH_BREAK = uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK")
CENTER = uno.Enum("com.sun.star.style.ParagraphAdjust", "CENTER")
LEFT = uno.Enum("com.sun.star.style.ParagraphAdjust", "LEFT")
BLOCK = uno.Enum("com.sun.star.style.ParagraphAdjust", "BLOCK")
CURRENT_PAGE = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def numbering_type(name):
    return uno.getConstantByName("com.sun.star.style.NumberingType." + name)


class Office:
    def __init__(self, soffice):
        self.profile = Path(tempfile.mkdtemp(prefix="workbench-uno-"))
        pipe = "workbench" + uuid.uuid4().hex
        self.process = subprocess.Popen(
            [
                soffice,
                "-env:UserInstallation=" + self.profile.as_uri(),
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError("soffice exited at start-up") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("soffice did not accept a connection within 60 seconds")
        manager = self.ctx.ServiceManager
        self.desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def close(self):
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- documents -----------------------------------------------------------------------

    def load(self, path, load_filter=None, options=None):
        args = [prop("Hidden", True)]
        if load_filter:
            args.append(prop("FilterName", load_filter))
        if options:
            args.append(prop("FilterOptions", options))
        url = uno.systemPathToFileUrl(str(Path(path).resolve()))
        document = self.desktop.loadComponentFromURL(url, "_blank", 0, tuple(args))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {path}")
        return document

    def store(self, document, path, filter_name, options=None):
        args = [prop("FilterName", filter_name), prop("Overwrite", True)]
        if options:
            args.append(prop("FilterOptions", options))
        document.storeToURL(uno.systemPathToFileUrl(str(Path(path).resolve())), tuple(args))

    def convert(self, command):
        document = self.load(
            command["source"], command.get("load_filter"), command.get("load_options")
        )
        try:
            self.store(document, command["target"], command["filter"], command.get("options"))
        finally:
            document.close(True)

    def set_author(self, name):
        """Tracked changes carry the user's name: set it as a delegate would in Options."""
        provider = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.ctx
        )
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
        )
        access.setPropertyValue("givenname", name)
        access.setPropertyValue("sn", "")
        access.commitChanges()

    def edit(self, command):
        self.set_author(command["author"])
        document = self.load(command["source"])
        try:
            # A chair edits the bracketed text as it is, without tracking (record: false).
            document.RecordChanges = command.get("record", True)
            for edit in command["edits"]:
                search = document.createSearchDescriptor()
                search.SearchString = edit["find"]
                search.SearchCaseSensitive = True
                found = document.findFirst(search)
                if found is None:
                    raise RuntimeError("text not found: {!r}".format(edit["find"]))
                if "replace" in edit:
                    found.setString(edit["replace"])
                else:
                    end = found.getEnd()
                    end.getText().insertString(end, edit["after"], False)
            self.store(document, command["target"], "MS Word 2007 XML")
        finally:
            document.close(True)

    # -- building ------------------------------------------------------------------------

    def build(self, command):
        spec = command["spec"]
        document = self.desktop.loadComponentFromURL(
            "private:factory/swriter", "_blank", 0, (prop("Hidden", True),)
        )
        try:
            Builder(document, spec).build()
            for path, filter_name in command["targets"]:
                self.store(document, path, filter_name)
        finally:
            document.close(True)


class Builder:
    """Types a document paragraph by paragraph, with the editor's own features."""

    def __init__(self, document, spec):
        self.document = document
        self.spec = spec
        self.text = document.getText()
        self.cursor = self.text.createTextCursor()
        self.indexes = []

    def build(self):
        spec = self.spec
        language = spec.get("lang", "en")
        if language == "zh":
            locale = uno.createUnoStruct("com.sun.star.lang.Locale")
            locale.Language, locale.Country = "zh", "CN"
            styles = self.document.StyleFamilies.getByName("ParagraphStyles")
            styles.getByName("Standard").CharLocaleAsian = locale
        for name, levels in spec.get("lists", {}).items():
            self.list_style(name, levels)
        for style in spec.get("styles", []):
            self.paragraph_style(style)
        if spec.get("chapters"):
            self.chapter_numbering(spec["chapters"])
        self.page_furniture(spec.get("header"), spec.get("footer"))
        # Typed first, formatted after: a new paragraph copies the list of the one before
        # (as Enter does in a list), which no reset undoes reliably through UNO.
        paragraphs = spec["paragraphs"]
        for number, paragraph in enumerate(paragraphs):
            self.type(paragraph)
            if number + 1 < len(paragraphs):
                self.text.insertControlCharacter(self.cursor, PARAGRAPH_BREAK, False)
                self.cursor.collapseToEnd()
        placed = self.text.createEnumeration()
        for paragraph in paragraphs:
            self.format(placed.nextElement(), paragraph)
        for index in self.indexes:
            index.update()

    def list_style(self, name, levels):
        style = self.document.createInstance("com.sun.star.style.NumberingStyle")
        self.document.StyleFamilies.getByName("NumberingStyles").insertByName(name, style)
        rules = style.NumberingRules
        for level, entry in enumerate(levels):
            self.set_level(rules, level, entry)
        style.NumberingRules = rules

    def paragraph_style(self, spec):
        """A paragraph style of the user's, numbered by a list style (Outline & List tab)."""
        style = self.document.createInstance("com.sun.star.style.ParagraphStyle")
        self.document.StyleFamilies.getByName("ParagraphStyles").insertByName(spec["name"], style)
        style.ParentStyle = spec.get("parent", "Heading")
        if spec.get("outline"):
            style.OutlineLevel = spec["outline"]
        if spec.get("list"):
            style.NumberingStyleName = spec["list"]
        if spec.get("center"):
            style.ParaAdjust = CENTER

    def chapter_numbering(self, levels):
        rules = self.document.ChapterNumberingRules
        for level, entry in enumerate(levels):
            if entry:
                self.set_level(rules, level, entry)

    @staticmethod
    def set_level(rules, level, entry):
        """One level: its format, the text around its number ("Article ", "（", "）")."""
        kind, prefix, suffix = entry
        props = (
            prop("NumberingType", uno.Any("short", numbering_type(kind))),
            prop("Prefix", prefix),
            prop("Suffix", suffix),
            prop("ListFormat", f"{prefix}%{level + 1}%{suffix}"),
            prop("ParentNumbering", uno.Any("short", 1)),
            prop("StartWith", uno.Any("short", 1)),
            prop("LabelFollowedBy", uno.Any("short", 1)),  # a space, as typed labels have
        )
        uno.invoke(
            rules,
            "replaceByIndex",
            (level, uno.Any("[]com.sun.star.beans.PropertyValue", props)),
        )

    def page_furniture(self, header, footer):
        page = self.document.StyleFamilies.getByName("PageStyles").getByName("Standard")
        if header:
            page.HeaderIsOn = True
            text = page.HeaderText
            cursor = text.createTextCursor()
            text.insertString(cursor, header + " – ", False)
            text.insertTextContent(cursor, self.page_field("PageNumber"), False)
        if footer:
            page.FooterIsOn = True
            text = page.FooterText
            cursor = text.createTextCursor()
            text.insertString(cursor, footer + " ", False)
            text.insertTextContent(cursor, self.page_field("PageNumber"), False)
            text.insertString(cursor, " / ", False)
            text.insertTextContent(cursor, self.page_field("PageCount"), False)

    def page_field(self, kind):
        field = self.document.createInstance("com.sun.star.text.TextField." + kind)
        field.NumberingType = numbering_type("ARABIC")
        if kind == "PageNumber":
            field.SubType = CURRENT_PAGE
        return field

    def type(self, paragraph):
        """Type a paragraph in its style, with its footnote or bookmark."""
        self.cursor.ParaStyleName = paragraph.get("style", "Text Body")
        self.text.insertString(self.cursor, paragraph.get("text", ""), False)
        for kind in ("footnote", "bookmark"):
            if paragraph.get(kind):
                getattr(self, kind)(paragraph[kind])

    def format(self, placed, paragraph):
        """Give a typed paragraph its list, alignment and weight; put an index in its place."""
        if paragraph.get("contents"):
            index = self.document.createInstance("com.sun.star.text.ContentIndex")
            index.Title = paragraph["contents"]
            index.CreateFromOutline = True
            self.text.insertTextContent(placed.getStart(), index, False)
            self.indexes.append(index)
            return
        if paragraph.get("center"):
            placed.ParaAdjust = CENTER
        if "list" in paragraph:
            placed.NumberingStyleName = paragraph["list"]
            placed.NumberingLevel = paragraph.get("level", 0)
            if paragraph.get("restart"):
                placed.ParaIsNumberingRestart = True
                placed.NumberingStartValue = paragraph.get("start", 1)
        if paragraph.get("bold"):
            placed.CharWeight = 150.0

    def footnote(self, text):
        note = self.document.createInstance("com.sun.star.text.Footnote")
        self.text.insertTextContent(self.cursor, note, False)
        note.setString(text)

    def bookmark(self, name):
        mark = self.document.createInstance("com.sun.star.text.Bookmark")
        mark.setName(name)
        self.text.insertTextContent(self.cursor, mark, False)


def main():
    office = Office(sys.argv[1])
    try:
        for line in sys.stdin:
            command = json.loads(line)
            op = command.get("op")
            if op == "quit":
                break
            try:
                getattr(office, op)(command)
                reply = {"ok": True}
            except Exception as exc:
                reply = {
                    "error": f"{type(exc).__name__}: {exc}",
                    "trace": traceback.format_exc(),
                }
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
    finally:
        office.close()


if __name__ == "__main__":
    main()
