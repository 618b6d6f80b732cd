"""Every route, pages and API alike, with hostile ids, query values, JSON bodies, form fields
and file names, anonymous and logged in: never a 5xx (issue 18). Schemathesis covers the API
from its OpenAPI document (test_fuzz_api.py); this covers what that document does not."""

from __future__ import annotations

import io
import json
import os
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES_ROUTES", "120"))
HOSTILE = ["\ud800", "\x00", "\u202e", "\x07", "\ufeff", "\u200b", "%", "../", "'", '"', "中"]
# Characters str.isdigit() calls digits: "²" is one int() refuses, "٣" and "１" it reads.
DIGIT_LIKE = ["²", "٣", "１", "9999999999", "9" * 5000]
# Query arguments the routes read; "format" is left out (a PDF takes LibreOffice seconds).
ARGUMENTS = [
    "q",
    "lang",
    "limit",
    "offset",
    "status",
    "instrument",
    "provision",
    "party",
    "session",
    "left",
    "right",
    "from",
    "to",
    "languages",
    "mode",
    "text",
    "next",
    "page",
    "a",
    "b",
]

hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(max_size=8),
        st.sampled_from(HOSTILE),
        st.text(max_size=8),
    ),
    st.sampled_from(["9" * 30, "-1", "0", "2147483648", "1e999", "NaN", "a" * 300]),
    st.sampled_from(DIGIT_LIKE),
    st.builds(lambda a, b: a + b, st.sampled_from(["1", "12"]), st.sampled_from(DIGIT_LIKE)),
)
json_bodies = st.one_of(
    st.dictionaries(
        st.text(max_size=12),
        st.recursive(
            st.none() | st.booleans() | st.integers() | hostile_text,
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
            max_leaves=8,
        ),
        max_size=6,
    ).map(lambda d: json.dumps(d).encode()),
    st.sampled_from([b"[" * 3000, b'{"a": "\\ud800"}', b'{"a":1,"a":2}', b"NaN", b"\xff", b""]),
)


def _rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"),
        key=lambda rule: rule.rule,
    )


def _path(rule, draw_value) -> str:
    path = rule.rule
    for name in rule.arguments:
        converter = rule._converters[name].__class__.__name__
        value = draw_value(name, converter)
        for pattern in (f"<int:{name}>", f"<path:{name}>", f"<{name}>"):
            # A lone surrogate goes as the bytes it would be (not UTF-8): what a probe sends.
            encoded = quote(str(value), safe="", errors="surrogatepass")
            path = path.replace(pattern, encoded, 1)
    return path


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_5xx(world, app, client, data):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 100_000
    rules = world.__dict__.setdefault("_rules", _rules(app))
    rule = data.draw(st.sampled_from(rules), label="rule")
    method = data.draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))

    def value(name, converter):
        if converter == "IntegerConverter":
            return data.draw(
                st.sampled_from(list(world.provision_ids.values()))
                | st.integers(min_value=0, max_value=2**40),
                label=name,
            )
        return data.draw(
            st.sampled_from([world.text_slug, "CHN", "AHC-1", world.topic_slug]) | hostile_text,
            label=name,
        )

    path = _path(rule, value)
    query = data.draw(st.dictionaries(st.sampled_from(ARGUMENTS), hostile_text, max_size=3))
    user = data.draw(st.sampled_from([None, "secretariat", "delegate"]), label="user")
    headers = world.headers(user)
    if data.draw(st.booleans(), label="resuming a stream"):
        headers = {**headers, "Last-Event-ID": data.draw(hostile_text, label="last event id")}
    kwargs: dict = {"query_string": query}
    if method != "GET":
        kind = data.draw(st.sampled_from(["json", "form", "upload"]), label="body")
        if kind == "json":
            kwargs |= {"data": data.draw(json_bodies), "content_type": "application/json"}
        elif kind == "form":
            kwargs["data"] = data.draw(
                st.dictionaries(st.text(max_size=10), hostile_text, max_size=4)
            )
        else:
            name = data.draw(hostile_text.filter(bool), label="file name")
            field = data.draw(st.sampled_from(["file", "changes"]))
            kwargs |= {
                "data": {
                    field: (io.BytesIO(b"Article 1\n\nEach Party shall act.\n"), name),
                    "session": "AHC-1",
                    "text": world.text_slug,
                },
                "content_type": "multipart/form-data",
            }
        if data.draw(st.booleans(), label="idempotency key"):
            headers = {**headers, "Idempotency-Key": data.draw(hostile_text, label="key")}
    try:
        response = client.open(path, method=method, headers=headers, **kwargs)
    except ValueError:  # UnicodeEncodeError too
        # The test client itself refuses a lone surrogate or a line break in a header or a
        # name (errors of the application come back as responses: PROPAGATE_EXCEPTIONS off).
        return
    assert response.status_code < 500, (method, path, query, response.data[:400])


def test_an_unknown_status_on_the_proposals_page_is_a_400(world, app, client):
    """Found by the fuzz above: the page answered 500 (a TypeError building its error)."""
    response = client.get("/proposals?status=0")
    assert response.status_code == 400
    assert "Unknown status 0" in response.get_data(as_text=True)
