"""Print a Word file to PDF with its contents and page fields updated; run by python3-uno.

Never imported by the workbench: ``workbench.libreoffice.pdf_with_updated_fields`` runs it
with Debian's /usr/bin/python3, whose ``uno`` module drives a private headless LibreOffice.
A plain ``soffice --convert-to pdf`` prints a table of contents as the Word file cached it,
without page numbers; here every index is rebuilt from the headings first.

    python3 uno_pdf.py SOFFICE SOURCE.docx TARGET.pdf PROFILE_FOLDER
"""

import contextlib
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(soffice, profile):
    pipe = "workbench" + uuid.uuid4().hex
    log = Path(profile).resolve().parent / "soffice.log"
    process = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=" + Path(profile).resolve().as_uri(),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(900):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if process.poll() is not None:
                said = " ".join(log.read_text(errors="replace").split())[-300:]
                raise RuntimeError(f"soffice exited at start-up: {said}") from None
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("soffice did not accept a connection within 90 seconds")
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return process, desktop


def main(soffice, source, target, profile):
    process, desktop = connect(soffice, profile)
    try:
        url = uno.systemPathToFileUrl(str(Path(source).resolve()))
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {source}")
        indexes = document.getDocumentIndexes()
        # Twice: the first update may change the contents' own length, and so page numbers.
        for _round in range(2):
            for number in range(indexes.getCount()):
                indexes.getByIndex(number).update()
            document.getTextFields().refresh()
        target_url = uno.systemPathToFileUrl(str(Path(target).resolve()))
        document.storeToURL(target_url, (prop("FilterName", "writer_pdf_Export"),))
        document.close(True)
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
