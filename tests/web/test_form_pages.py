"""Each page form refused through the browser's path: status 400, the error beside its field in
the page, and the database exactly as it was."""

from __future__ import annotations

import io

import pytest

from tests.security.helpers import all_rows, changed_tables
from tests.web.conftest import csrf_of
from tests.web.page_matrix import PASSWORD

# (role, url with {scenario params}, form data, what the page must show)
REFUSALS = {
    "login with an override in the name": (
        "anonymous",
        "/login",
        {"name": "dele\u202egate", "password": PASSWORD},
        ('id="name-error"', "U+202E RIGHT-TO-LEFT OVERRIDE at character 5"),
    ),
    "new passwords that differ": (
        "observer",
        "/account/password",
        {"current": PASSWORD, "password": "a new long password", "confirm": "another one"},
        ('id="confirm-error"', "The two new passwords differ."),
    ),
    "a second-factor code with a hidden space": (
        "observer",
        "/account/totp",
        {"code": "123\u200b456"},
        ('id="code-error"', "U+200B ZERO WIDTH SPACE"),
    ),
    "no token chosen": ("observer", "/account/tokens/revoke", {}, ("Choose a token.",)),
    "a session code with an isolate": (
        "secretariat",
        "/sessions/current",
        {"session": "AHC\u2066-1"},
        ("U+2066 LEFT-TO-RIGHT ISOLATE",),
    ),
    "a provision id beyond any id": (
        "secretariat",
        "/screen",
        {"provision_id": "99999999999"},
        ("Choose the provision to show.",),
    ),
    "a negotiation status that is none": (
        "secretariat",
        "/provisions/{provision_id}/negotiation-status",
        {"status": "settled"},
        ("Choose one of the statuses listed.",),
    ),
    "a proposal status that is none": (
        "secretariat",
        "/proposals/{proposal_id}/status",
        {"status": "settled", "note": "n"},
        ('id="status-error"', "Choose one of the statuses listed."),
    ),
    "a merge into no number": (
        "secretariat",
        "/proposals/{proposal_id}/merge",
        {"merged_into": "#seven"},
        ('id="merged_into-error"', "Give the number of a proposal."),
    ),
    "a revision over the length limit": (
        "delegate",
        "/proposals/{proposal_id}/revise",
        {"text_en": "x" * 50_001},
        ('id="text_en-error"', "the limit is 50000"),
    ),
    "a rebase with a bell character": (
        "delegate",
        "/proposals/{proposal_id}/rebase",
        {"text_zh": "各缔约方\x07应"},
        ('id="text_zh-error"', "U+0007"),
    ),
    "a co-sponsor's code with a soft hyphen": (
        "secretariat",
        "/proposals/{proposal_id}/cosponsors",
        {"party": "RU\u00adS"},
        ('id="party-error"', "U+00AD SOFT HYPHEN"),
    ),
    "a stance that is no position": (
        "secretariat",
        "/proposals/{proposal_id}/stances",
        {"party": "RUS", "position": "maybe"},
        ('id="position-error"', "Choose one of the listed values."),
    ),
    "a proposal on provision 0": (
        "delegate",
        "/proposals/new",
        {"provision_id": "0", "kind": "amend", "sponsor": "CHN", "session": "AHC-1"},
        ('id="provision_id-error"', "Choose the provision."),
    ),
    "a text whose short name is no slug": (
        "secretariat",
        "/texts/new",
        {"slug": "Bad Slug", "title_en": "Draft", "source": "budapest"},
        ('id="slug-error"', "Use 3 to 80 lower-case letters, digits or hyphens."),
    ),
    "a PDF to import": (
        "secretariat",
        "/import/instrument",
        {"file": (b"%PDF-1.7", "draft.pdf"), "title": "Draft"},
        ('id="file-error"', "draft.pdf cannot be imported"),
    ),
    "tracked changes for no text": (
        "delegate",
        "/import/tracked-changes",
        {"changes": (b"PK", "changes.docx"), "session": "AHC-1"},
        ('id="text-error"', "Choose the negotiating text."),
    ),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_a_refused_form_names_its_field_and_writes_nothing(app, as_role, scenario, case):
    role, url, data, shown = REFUSALS[case]
    client = as_role(role)
    token = csrf_of(client.get("/login" if role == "anonymous" else "/account").get_data(True))
    before = all_rows(app)
    files = {k: (io.BytesIO(v[0]), v[1]) for k, v in data.items() if isinstance(v, tuple)}
    response = client.post(
        url.format(**scenario),
        data={"csrf_token": token, **data, **files},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400, page
    for text in shown:
        assert text in page
    assert not changed_tables(before, all_rows(app))


def test_the_refusal_is_in_chinese_for_a_chinese_reader(app, as_role, scenario):
    client = as_role("delegate")
    client.get("/language?lang=zh")
    page = client.get(f"/proposals/{scenario['proposal_id']}").get_data(as_text=True)
    response = client.post(
        f"/proposals/{scenario['proposal_id']}/revise",
        data={"csrf_token": csrf_of(page), "text_en": "Each Party\u202e"},
    )
    assert response.status_code == 400
    assert "英文措辞的第 11 个字符是 U+202E RIGHT-TO-LEFT OVERRIDE" in response.get_data(True)


def test_the_proposal_filters_refuse_by_field_and_keep_the_others(app, as_role, scenario):
    client = as_role("anonymous")
    refused = client.get("/proposals?status=tabled&q=Party%E2%80%AE")
    assert refused.status_code == 400
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 6" in refused.get_data(as_text=True)
    kept = client.get("/proposals?status=tabled&q=+Party+&party=CHN").get_data(as_text=True)
    assert 'value="Party"' in kept and 'id="f-party"' in kept


@pytest.mark.parametrize("raw", ["²", "٣", "99999999999999999999", "0", "-2"])
def test_a_number_that_names_no_row_is_never_a_server_error(app, as_role, scenario, raw):
    # str.isdigit() accepts "²" and "٣", which int() then refuses: these were 500s.
    client = as_role("delegate")
    assert client.get(f"/proposals?page={raw}").status_code == 200
    assert client.get(f"/proposals/new?provision={raw}").status_code == 200
    page = client.get("/proposals/new").get_data(as_text=True)
    preview = client.post(
        "/proposals/preview", data={"csrf_token": csrf_of(page), "provision_id": raw}
    )
    assert preview.status_code == 400
    assert "Choose the provision to amend." in preview.get_data(as_text=True)


@pytest.mark.parametrize("body", [b"[" * 5000 + b"]" * 5000, b"[1, 2]", b'{"sponsor": ["CHN"]}'])
def test_a_json_body_sent_to_a_form_is_an_empty_form(app, as_role, scenario, body):
    # Flask-WTF reads a JSON body as a form's fields; one nested too deep for Python's parser
    # answered 500 (found by tests/security/test_fuzz_routes.py).
    client = as_role("secretariat")
    token = csrf_of(client.get("/account").get_data(as_text=True))
    before = all_rows(app)
    response = client.post(
        "/proposals/new",
        data=body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 400
    assert 'id="sponsor-error"' in response.get_data(as_text=True)
    assert not changed_tables(before, all_rows(app))
