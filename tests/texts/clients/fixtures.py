"""Every client's Word file of the reference texts, generated once per test session.

``generate(folder)`` writes, for the convention (English) and the statute (Chinese):

- python-docx, Word (hand-written XML), WPS (hand-written XML) and pandoc files;
- a file built in LibreOffice through UNO, as a person builds it (``uno``);
- LibreOffice's ``soffice --convert-to docx`` of a .txt, an .html, an .odt, a .doc and an
  .rtf file, and of the python-docx file (a resave) — one soffice start for all;
- LibreOffice's own .doc and .rtf of the UNO-built text: its writers for those formats drop
  list restarts (and, in RTF, Chinese list prefixes), so these files are not "exact": the
  numbers in them are LibreOffice's, and the import must read those.

Each Word file is printed to PDF by LibreOffice and read with pdftotext (one more start).
The files, their PDF text and a manifest land in ``folder`` (``python -m
tests.texts.clients.fixtures FOLDER`` regenerates them); test workers share it under a
file lock, so the work is done once however many workers run.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from tests.texts.clients import treaty as treaties
from tests.texts.clients.office import DOC, DOCX, ODT, RTF, Office, pdf_texts, require
from tests.texts.clients.wordclients import write_word, write_wps
from tests.texts.clients.writers import (
    HTML_LABELS,
    uno_spec,
    write_html,
    write_markdown,
    write_python_docx,
    write_text,
)
from workbench.libreoffice import convert_many

TREATIES = {
    "convention": treaties.convention,
    "statute": treaties.statute,
    "convention-html": lambda: _html(treaties.convention()),
}
# (client, treaty for each language, exact)
CLIENTS = (
    "python-docx",
    "word",
    "wps",
    "pandoc",
    "uno",
    "libreoffice-resave",
    "libreoffice-txt",
    "libreoffice-html",
    "libreoffice-odt",
    "libreoffice-doc",
    "libreoffice-rtf",
)
LOSSY = ("libreoffice-doc-editor", "libreoffice-rtf-editor")
HTML_FILTER = "HTML (StarWriter)"


def _html(treaty: treaties.Treaty) -> treaties.Treaty:
    treaty.labels = HTML_LABELS
    return treaty


@dataclass(frozen=True)
class ClientFile:
    """One client's Word file of one reference text."""

    client: str
    lang: str
    treaty: str  # a key of TREATIES
    path: str
    pdf: str  # the text of LibreOffice's PDF of it
    exact: bool  # the numbers are the ones the text was generated with

    @property
    def name(self) -> str:
        return f"{self.client}-{self.lang}"

    def reference(self) -> treaties.Treaty:
        return TREATIES[self.treaty]()


def _treaty_key(client: str, lang: str) -> str:
    if lang == "zh":
        return "statute"
    return (
        "convention-html"
        if client in ("libreoffice-html", "libreoffice-doc", "libreoffice-rtf")
        else "convention"
    )


def generate(folder: Path) -> dict[str, ClientFile]:
    """Write every client's files into ``folder`` and return them by name."""
    require("pandoc", shutil.which("pandoc") is not None, "apt-get install pandoc")
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    docx: dict[str, Path] = {}
    convert: list[Path] = []
    office = Office()
    try:
        for lang in ("en", "zh"):
            treaty = treaties.convention() if lang == "en" else treaties.statute()
            html = TREATIES[_treaty_key("libreoffice-html", lang)]()
            docx[f"python-docx-{lang}"] = write_python_docx(
                treaty, folder / f"python-docx-{lang}.docx"
            )
            docx[f"word-{lang}"] = write_word(treaty, folder / f"word-{lang}.docx")
            docx[f"wps-{lang}"] = write_wps(treaty, folder / f"wps-{lang}.docx")
            markdown = write_markdown(treaty, sources / f"pandoc-{lang}.md")
            docx[f"pandoc-{lang}"] = folder / f"pandoc-{lang}.docx"
            subprocess.run(
                ["pandoc", str(markdown), "--toc", "-o", str(docx[f"pandoc-{lang}"])],
                check=True,
                capture_output=True,
            )
            text = write_text(treaty, sources / f"libreoffice-txt-{lang}.txt")
            page = write_html(html, sources / f"libreoffice-html-{lang}.html")
            built = office.build(
                uno_spec(treaty),
                [
                    (folder / f"uno-{lang}.docx", DOCX),
                    (sources / f"libreoffice-odt-{lang}.odt", ODT),
                    (sources / f"libreoffice-doc-editor-{lang}.doc", DOC),
                    (sources / f"libreoffice-rtf-editor-{lang}.rtf", RTF),
                ],
            )
            docx[f"uno-{lang}"] = built[0]
            for suffix, kind in (("doc", DOC), ("rtf", RTF)):
                office.convert(
                    page,
                    sources / f"libreoffice-{suffix}-{lang}.{suffix}",
                    kind,
                    load_filter=HTML_FILTER,
                )
            resave = sources / f"libreoffice-resave-{lang}.docx"
            shutil.copyfile(docx[f"python-docx-{lang}"], resave)
            convert += [text, page, resave, *built[1:]]
            convert += [sources / f"libreoffice-{s}-{lang}.{s}" for s in ("doc", "rtf")]
    finally:
        office.close()
    for path in convert_many(convert, "docx:MS Word 2007 XML", folder):
        docx[path.stem] = path
    printed = pdf_texts(list(docx.values()))
    files = {}
    for name, path in docx.items():
        client, lang = name.rsplit("-", 1)
        pdf = path.with_suffix(".pdf.txt")
        pdf.write_text(printed[path], encoding="utf-8")
        files[name] = ClientFile(
            client=client,
            lang=lang,
            treaty=_treaty_key(client, lang),
            path=str(path),
            pdf=str(pdf),
            exact=client not in LOSSY,
        )
    (folder / "manifest.json").write_text(
        json.dumps({name: asdict(item) for name, item in files.items()}, indent=1)
    )
    return files


@contextmanager
def _locked(path: Path):
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def client_files(tmp_path_factory, worker_id) -> dict[str, ClientFile]:
    """Every client's files, generated by the first test worker that needs them."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if worker_id.startswith("gw") else base  # shared by xdist workers
    folder = root / "client-files"
    with _locked(root / "client-files.lock"):
        manifest = folder / "manifest.json"
        if not manifest.exists():
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder)
        data = json.loads(manifest.read_text())
    return {name: ClientFile(**item) for name, item in data.items()}


def client_names() -> list[str]:
    """Every client file's name, for parametrizing tests (generated lazily)."""
    return [f"{client}-{lang}" for client in (*CLIENTS, *LOSSY) for lang in ("en", "zh")]


@pytest.fixture(scope="session")
def office():
    """One LibreOffice process driven through UNO, for the tests that edit documents."""
    running = Office()
    yield running
    running.close()


if __name__ == "__main__":  # regenerate them: python -m tests.texts.clients.fixtures FOLDER
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "client-files")
    shutil.rmtree(target, ignore_errors=True)
    for name, item in generate(target).items():
        print(f"{name:32} {item.path}")
