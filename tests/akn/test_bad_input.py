"""Hostile and broken XML is refused in one sentence, with nothing written and nothing fetched."""

from __future__ import annotations

import http.server
import io
import threading

import pytest

from tests.imports.conftest import session_of, snapshot, structure

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="convention">
    <meta>
      <identification source="#x">
        <FRBRWork>
          <FRBRthis value="/akn/un/act/convention/2020/minimal/!main"/>
          <FRBRuri value="/akn/un/act/convention/2020/minimal"/>
          <FRBRdate date="2020-01-01" name="Generation"/>
          <FRBRauthor href="#x"/>
          <FRBRcountry value="un"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/un/act/convention/2020/minimal/eng@2020-01-01/!main"/>
          <FRBRuri value="/akn/un/act/convention/2020/minimal/eng@2020-01-01"/>
          <FRBRdate date="2020-01-01" name="Generation"/>
          <FRBRauthor href="#x"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/un/act/convention/2020/minimal/eng@2020-01-01/!main.xml"/>
          <FRBRuri value="/akn/un/act/convention/2020/minimal/eng@2020-01-01.xml"/>
          <FRBRdate date="2020-01-01" name="Generation"/>
          <FRBRauthor href="#x"/>
        </FRBRManifestation>
      </identification>
    </meta>
    <preface><p><docTitle>Minimal convention</docTitle></p></preface>
    <body>
      <article eId="art_1">
        <num>Article 1</num>
        <heading>Scope</heading>
        <content><p eId="art_1__p_1">BODY</p></content>
      </article>
    </body>
  </act>
</akomaNtoso>
"""


def minimal(body_text: str = "This Convention applies.", *, doctype: str = "") -> bytes:
    return (doctype + MINIMAL.split("\n", 1)[1]).replace("BODY", body_text).encode("utf-8")


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    doctype = "<!DOCTYPE akomaNtoso [\n" + "\n".join(entities) + "\n]>\n"
    return minimal("&lol9;", doctype=doctype)


def _schema_violation() -> bytes:
    # A <p> straight in the body, where only articles, chapters and the like may stand.
    return minimal().replace(b"<body>", b"<body><p>Loose text.</p>")


def _duplicate_eids() -> bytes:
    article = minimal().split(b"<body>")[1].split(b"</body>")[0]
    return minimal().replace(b"</body>", article + b"</body>")


CASES = {
    "not-xml": (lambda: b"Article 1. This is plain text, not XML.", "is not well-formed XML"),
    "empty": (lambda: b"   ", "is empty"),
    "html": (lambda: b"<html><body><p>Hi</p></body></html>", "its root is <html>"),
    "akn-2.0": (
        lambda: minimal().replace(
            b"http://docs.oasis-open.org/legaldocml/ns/akn/3.0", b"http://www.akomantoso.org/2.0"
        ),
        "(Akoma Ntoso 2.0, not 3.0)",
    ),
    "schema": (_schema_violation, "is not valid Akoma Ntoso 3.0 (line"),
    "duplicate-eids": (_duplicate_eids, "is not valid Akoma Ntoso 3.0"),
    "billion-laughs": (_billion_laughs, "entity amplification"),
    "xinclude": (
        lambda: minimal(
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="SECRET" parse="text"/>'
        ),
        "is not valid Akoma Ntoso 3.0",
    ),
    "unknown-language": (
        lambda: minimal().replace(b'language="eng"', b'language="swa"'),
        "is written in 'swa'",
    ),
}


@pytest.fixture
def secret(tmp_path):
    """A file outside the import that no entity may pull in."""
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-PASSPHRASE", encoding="utf-8")
    return path


def _refused_by_cli(app, runner, path, fragment):
    before = snapshot(app)
    result = runner.invoke(["import", str(path), "--slug", "hostile"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert fragment in lines[0]
    assert "Traceback" not in result.output and "TOP-SECRET" not in result.output
    assert snapshot(app) == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_or_hostile_xml_is_refused(
    app, runner, client, tokens, tmp_path, secret, backend, case
):
    make, fragment = CASES[case]
    data = make().replace(b"SECRET", str(secret).encode())
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    _refused_by_cli(app, runner, path, fragment)
    before = snapshot(app)
    response = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(data), "bad.xml")},
        headers=tokens["secretariat"],
        content_type="multipart/form-data",
    )
    assert response.status_code == 400, response.json
    assert set(response.json) >= {"error", "message"}
    assert fragment in response.json["message"]
    assert "TOP-SECRET" not in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_an_external_entity_is_never_read(app, runner, tmp_path, secret, backend):
    doctype = f'<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
    path = tmp_path / "xxe.xml"
    path.write_bytes(minimal("&leak;", doctype=doctype))
    _refused_by_cli(app, runner, path, "declares a DTD")


def test_parsing_never_touches_the_network(app, runner, tmp_path, backend):
    """An external DTD and a parameter entity on a server that records every request."""
    requests_seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests_seen.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "FETCHED-FROM-SERVER">')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        for name, doctype in (
            ("system", f'<!DOCTYPE akomaNtoso SYSTEM "{url}/akn.dtd">\n'),
            ("parameter", f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>\n'),
            ("general", f'<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "{url}/e.txt">]>\n'),
        ):
            path = tmp_path / f"{name}.xml"
            path.write_bytes(minimal("&leak;" if name != "system" else "x", doctype=doctype))
            before = snapshot(app)
            result = runner.invoke(["import", str(path), "--slug", "hostile"])
            assert result.exit_code == 1, result.output
            assert result.output.startswith("Error: ") and "FETCHED" not in result.output
            assert snapshot(app) == before
    finally:
        server.shutdown()
    assert requests_seen == []


def test_a_200_mb_document_is_refused_before_it_is_read(app, runner, tmp_path, backend):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.write(minimal()[:200])
        handle.truncate(200 * 1024 * 1024)  # a sparse file: 200 MB on paper
    _refused_by_cli(app, runner, path, "over the 10.0 MB allowed")


def test_an_upload_over_the_import_limit_is_413(app, client, tokens, backend):
    data = minimal(" ".join(["words"] * (2 * 1024 * 1024)))  # about 12 MB
    before = snapshot(app)
    response = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(data), "big.xml")},
        headers=tokens["secretariat"],
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "over the import limit" in response.json["message"]
    assert snapshot(app) == before


def test_the_minimal_document_itself_is_accepted(app, runner, tmp_path, backend):
    """The control: the documents above are refused for what was done to them."""
    path = tmp_path / "minimal.xml"
    path.write_bytes(minimal())
    result = runner.invoke(["import", str(path), "--slug", "minimal"])
    assert result.exit_code == 0, result.output
    with session_of(app) as db:
        rows = structure(db, "minimal")
    assert rows == [(0, "article", "Article 1", "Scope", "This Convention applies.")]


def test_an_amendment_is_not_an_instrument(app, runner, tmp_path, backend):
    path = tmp_path / "amendment.xml"
    text = minimal().decode().replace("<act ", "<amendment ").replace("</act>", "</amendment>")
    text = text.replace("<body>", "<amendmentBody><amendmentContent>").replace(
        "</body>", "</amendmentContent></amendmentBody>"
    )
    text = text.replace('<article eId="art_1">', '<blockContainer eId="bc_1">').replace(
        "</article>", "</blockContainer>"
    )
    text = (
        text.replace("<content>", "")
        .replace("</content>", "")
        .replace("<heading>Scope</heading>", "")
    )
    path.write_text(text, encoding="utf-8")
    _refused_by_cli(
        app, runner, path, "is an amendment, not a text; import it with import-proposals"
    )
