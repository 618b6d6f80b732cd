"""Malformed JSON of every kind and any multipart file name: a clear 400, never a 5xx, and the
database left as it was (issue 18: a lone surrogate, 5,000 levels of nesting, a 300-character
file name and a file name with a NUL character each answered 500)."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.helpers import all_rows, changed_tables

TABLE = "/api/proposals"


def _body(world, **changes) -> dict:
    body = {
        "instrument": world.text_slug,
        "provision_id": world.provision_ids["Article 1"],
        "kind": "amend",
        "session": "AHC-1",
        "sponsor": "CHN",
        "text": {"en": "Each State Party shall adopt measures."},
    }
    body.update(changes)
    return body


def _raw(world, **changes) -> bytes:
    return json.dumps(_body(world, **changes)).encode()


def _malformed(world):
    """(name, raw body, words the message must contain)."""
    good = _raw(world)
    yield "lone surrogate in a wording", good.replace(b"adopt", b"\\ud800"), "U+D800"
    yield "lone low surrogate in a key", b'{"\\udc00": 1}', "U+DC00"
    yield "surrogate in the slug", _raw(world, instrument="\ud800"), "U+D800"
    yield "NUL in a wording", good.replace(b"adopt", b"\\u0000"), "NUL"
    yield "5,000 levels of lists", b"[" * 5000 + b"]" * 5000, "deep"
    yield "5,000 levels of objects", b'{"a":' * 5000 + b"1" + b"}" * 5000, "deep"
    yield (
        "nesting inside a field",
        _raw(world, text={"en": [[[[[[]]]]]]}).replace(b"[[[[[[]]]]]]", b"[" * 3000 + b"]" * 3000),
        "deep",
    )
    yield "brackets inside strings are not nesting", _raw(world, rationale="[" * 5000), None
    yield "a number of 5,000 digits", good[:-1] + b', "n": 1' + b"0" * 5000 + b"}", "digits"
    yield "a huge float", good[:-1] + b', "n": 1e999}', "too large"
    yield "NaN", good[:-1] + b', "n": NaN}', "NaN"
    yield "-Infinity", good[:-1] + b', "n": -Infinity}', "Infinity"
    yield "duplicate keys", good[:-1] + b', "kind": "delete"}', "twice"
    yield "not UTF-8", good.replace(b"adopt", b"\xff\xfe"), "UTF-8"
    yield "truncated", good[:-5], "not valid JSON"
    yield "a list, not an object", b"[1, 2]", "object"
    yield "empty", b"", "not valid JSON"


def test_malformed_json_gets_a_clear_400(world, app, client, backend):
    failures = []
    for name, raw, words in _malformed(world):
        before = all_rows(app)
        response = client.post(
            TABLE,
            data=raw,
            content_type="application/json",
            headers=world.headers("delegate"),
        )
        body = response.get_json(silent=True) or {}
        if words is None:  # the control: a valid body with odd strings is tabled
            if response.status_code != 201:
                failures.append(f"{name}: {response.status_code} {body}")
            continue
        if response.status_code != 400 or not body.get("error") or not body.get("message"):
            failures.append(f"{name}: {response.status_code} {response.data[:200]!r}")
        elif words.lower() not in body["message"].lower():
            failures.append(f"{name}: message {body['message']!r} lacks {words!r}")
        if changed_tables(before, all_rows(app)):
            failures.append(f"{name}: wrote to the database")
    assert not failures, "\n".join(failures)


def _upload(client, world, name: str, user: str = "secretariat"):
    return client.post(
        "/api/imports",
        data={"file": (io.BytesIO(b"Article 1\n\nEach Party shall act.\n"), name)},
        content_type="multipart/form-data",
        headers=world.headers(user),
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("a" * 300 + ".md", "255 bytes"),
        ("中" * 90 + ".md", "255 bytes"),  # 90 characters, 270 bytes
        ("treaty\x00.md", "NUL"),
        ("treaty\u202egpj.md", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("treaty\x07.md", "U+0007"),
        ("..", "not a file name"),
        (".md", "not a file name"),
        ("folder/", "no name"),
    ],
)
def test_file_names_no_file_system_can_hold_get_a_400(world, app, client, backend, name, words):
    before = all_rows(app)
    response = _upload(client, world, name)
    body = response.get_json()
    assert response.status_code == 400, body
    assert body["field"] == "file"
    assert words in body["message"], body
    assert not changed_tables(before, all_rows(app))


# Any code point, lone surrogates and controls included (json.dumps escapes them).
any_text = st.text(st.characters(blacklist_categories=()), max_size=40)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
# Raw JSON put where a field's value goes: what a hostile client writes by hand.
PLACE = "@@value@@"
raw_values = st.one_of(
    st.integers(min_value=900, max_value=6000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=900, max_value=6000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.integers(min_value=20, max_value=6000).map(lambda n: b"1" + b"0" * n),
    st.sampled_from(
        [b"NaN", b"-Infinity", b"1e999", b'"\\ud800"', b'"a\\udfffb"', b'"\\u0000"', b"\xff"]
    ),
    st.sampled_from([b'{"en": "x", "en": "y"}', b'{"en": "\\ud83d"}', b'{"fr": "Partie"}']),
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    field=st.sampled_from(["text", "rationale", "instrument", "kind", "sponsor", "provision_id"]),
    value=st.one_of(
        json_values, st.sampled_from(["Each Party \ud800 shall act.", "\x00", "\udc00"])
    ),
    raw=st.one_of(st.none(), raw_values),
)
def test_fuzzed_json_bodies_never_get_a_server_error(world, app, client, field, value, raw):
    if raw is not None:
        value = PLACE
    raw_body = _raw(world, **{field: value}) if field != "text" else _raw(world, text={"en": value})
    if raw is not None:
        raw_body = raw_body.replace(json.dumps(PLACE).encode(), raw)
    response = client.post(
        TABLE, data=raw_body, content_type="application/json", headers=world.headers("delegate")
    )
    assert response.status_code < 500, (raw_body[:300], response.data[:300])
    if response.status_code >= 400:
        body = response.get_json()
        assert body["error"] and body["message"], body


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.text(min_size=1, max_size=400), user=st.sampled_from(["secretariat", "delegate"]))
def test_fuzzed_file_names_never_get_a_server_error(world, app, client, name, user):
    for path in ("/api/imports", f"/api/instruments/{world.text_slug}/tracked-changes"):
        response = client.post(
            path,
            data={
                "file": (io.BytesIO(b"Article 1\n\nEach Party shall act.\n"), name),
                "session": "AHC-1",
            },
            content_type="multipart/form-data",
            headers=world.headers(user),
        )
        assert response.status_code < 500, (name, response.data[:300])
        body = response.get_json()
        assert (body and body.get("message")) or response.status_code == 201, body


# What str.isdigit() calls a digit is not always what int() reads ("²"), and a number of
# thousands of digits or beyond any id is no page and no row: each is a 400, never a 500.
DIGIT_LIKE = ["²", "1²", "٣", "１", "9999999999", "9" * 5000]


@pytest.mark.parametrize("raw", DIGIT_LIKE)
def test_a_number_no_row_can_have_is_a_400_on_every_page_and_stream(world, client, raw):
    provision = world.provision_ids["Article 1"]
    for url in (
        f"/instruments/{world.text_slug}?page={raw}",
        f"/compare?a={raw}&b=1",
        f"/provisions/{provision}/blame?left={raw}",
        f"/api/events?after={raw}",
    ):
        response = client.get(url)
        assert response.status_code in (200, 400), (url, response.status_code)
    resumed = client.get("/api/events", headers={"Last-Event-ID": raw})
    assert resumed.status_code in (200, 400)
