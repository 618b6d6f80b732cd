"""Text is never changed or spoofed silently (issue 18): invisible characters that reorder or
hide text are refused with their name and position, through the API, the web forms, the
command line and every import; NFC only where the visible text stays the same; wording only in
the workbench's languages."""

from __future__ import annotations

import io
import unicodedata

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security.helpers import all_rows, changed_tables
from tests.web.conftest import csrf_of
from workbench.errors import InvalidInput
from workbench.validation import ALLOWED_FORMAT, check_characters, clean_short, clean_text

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
# Invisible format characters refused beside the bidirectional controls.
INVISIBLE = ["\u200b", "\u200e", "\u200f", "\u061c", "\u00ad", "\u2060", "\ufeff", "\U000e0041"]
CONTROLS = [chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F)]


def _table(client, world, text, user="delegate"):
    return client.post(
        "/api/proposals",
        json={
            "instrument": world.text_slug,
            "provision_id": world.provision_ids["Article 1"],
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": "CHN",
            "text": text,
        },
        headers=world.headers(user),
    )


def test_a_right_to_left_override_is_refused_by_name_and_position(world, app, client, backend):
    before = all_rows(app)
    # What the probe sent: the redline would show "shall not" reversed into something else.
    response = _table(client, world, {"en": "Each Party shall \u202eton\u202c adopt measures."})
    body = response.get_json()
    assert response.status_code == 400, body
    assert body["field"] == "text.en"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 18" in body["message"]
    assert body["details"] == {"character": "U+202E", "position": 18}
    assert not changed_tables(before, all_rows(app))


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\u200b", "\u2066", "\ufeff"])
def test_controls_are_refused_not_stripped(world, app, client, backend, char):
    """Before, control characters vanished: the delegation's text changed without a word."""
    response = _table(client, world, {"en": f"Each Party{char} shall act."})
    body = response.get_json()
    assert response.status_code == 400, body
    assert f"U+{ord(char):04X}" in body["message"] and "at character 11" in body["message"]


def test_an_unknown_language_is_refused(world, app, client, backend):
    response = _table(client, world, {"en": "Each Party shall act.", "fr": "Chaque Partie agit."})
    body = response.get_json()
    assert response.status_code == 400, body
    assert "'fr' is not a language of the workbench (use en, zh)" in body["message"]


def test_nfc_only_where_the_visible_text_is_the_same(world, app, client, backend):
    # e + combining acute becomes é; a CJK compatibility ideograph (which NFC would swap for
    # a unified one, drawn differently by some fonts) stays as typed; ZWJ/ZWNJ stay.
    typed = (
        "Re\u0301gime \uf900 \u0645\u200c\u0627 \U0001f469\u200d\U0001f4bb, tab\tand line\r\nbreak."
    )
    response = _table(client, world, {"en": typed})
    assert response.status_code == 201, response.get_json()
    stored = client.get(f"/api/proposals/{response.get_json()['id']}").get_json()
    assert stored["revision"]["text"]["en"] == (
        "Régime \uf900 \u0645\u200c\u0627 \U0001f469\u200d\U0001f4bb, tab and line\nbreak."
    )
    assert "\uf900" in stored["revision"]["text"]["en"]


def test_the_web_form_refuses_the_same(world, app, backend):
    client = app.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"name": "delegate", "password": world.password, "csrf_token": token}
    )
    proposal_id = world.proposal("CHN", label="Article 2")
    page = client.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    before = all_rows(app)
    response = client.post(
        f"/proposals/{proposal_id}/revise",
        data={"text_en": "Each Party shall\u202e act.", "csrf_token": csrf_of(page)},
    )
    assert response.status_code == 400
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 17" in response.get_data(as_text=True)
    assert not changed_tables(before, all_rows(app))


def test_the_command_line_refuses_the_same(world, app, runner, backend):
    before = all_rows(app)
    result = runner.invoke(
        ["user", "add", "bad\u202ename", "--role", "observer", "--password", world.password]
    )
    assert result.exit_code != 0
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 4" in result.output
    assert not changed_tables(before, all_rows(app))


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_an_import_names_the_provision(world, app, client, backend, tmp_path, suffix):
    text = "# Treaty\n\nArticle 1\n\nEach Party shall act.\n\nArticle 2\n\nEach Party \u202eshall\n"
    before = all_rows(app)
    response = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(text.encode()), f"spoof{suffix}")},
        content_type="multipart/form-data",
        headers=world.headers("secretariat"),
    )
    body = response.get_json()
    assert response.status_code == 400, body
    assert "Article 2" in body["message"] and "U+202E" in body["message"], body
    assert not changed_tables(before, all_rows(app))


def test_a_word_import_names_the_provision(world, app, client, backend):
    document = Document()
    document.add_paragraph("Article 1")
    document.add_paragraph("Each Party shall act.")
    document.add_paragraph("Article 2")
    document.add_paragraph("Each Party shall \u2067not\u2069 act.")
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    response = client.post(
        "/api/imports",
        data={"file": (stream, "spoof.docx")},
        content_type="multipart/form-data",
        headers=world.headers("secretariat"),
    )
    body = response.get_json()
    assert response.status_code == 400, body
    assert "Article 2" in body["message"] and "U+2067" in body["message"], body


hostile = st.sampled_from(BIDI + INVISIBLE + CONTROLS + ["\ud800", "\udfff"])


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs")), max_size=20),
    char=hostile,
    after=st.text(max_size=20),
)
def test_every_hostile_character_is_refused_with_its_position(before, char, after):
    for clean in (clean_text, clean_short):
        with pytest.raises(InvalidInput) as refused:
            clean(before + char + after, "text")
        assert refused.value.details["position"] == len(before) + 1
        assert f"U+{ord(char):04X}" in refused.value.message


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_what_is_accepted_is_only_ever_normalized_visibly_alike(text):
    """Any string either is refused, or comes back with no invisible character added or
    lost, in NFC apart from compatibility ideographs."""
    try:
        cleaned = clean_text(text, "text", required=False)
    except InvalidInput as exc:
        char = exc.details["character"]
        assert unicodedata.category(chr(int(char[2:], 16))) in ("Cc", "Cf", "Cs")
        return
    refused = [
        c
        for c in text
        if unicodedata.category(c) in ("Cc", "Cf", "Cs")
        and c not in "\t\n\r"
        and c not in ALLOWED_FORMAT
    ]
    assert not refused
    if cleaned is not None:
        check_characters(cleaned, "text")
        kept_format = [c for c in cleaned if unicodedata.category(c) == "Cf"]
        assert kept_format == [c for c in text if unicodedata.category(c) == "Cf"]


def test_an_akoma_ntoso_import_names_the_provision(world, app, client, backend):
    from tests.akn.test_bad_input import minimal

    response = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(minimal("This Convention \u202eapplies.")), "spoof.xml")},
        content_type="multipart/form-data",
        headers=world.headers("secretariat"),
    )
    body = response.get_json()
    assert response.status_code == 400, body
    assert "Article 1" in body["message"] and "U+202E" in body["message"], body
