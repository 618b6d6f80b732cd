"""The HTML forms accept what they should and refuse each class of mistake by its field."""

from __future__ import annotations

import inspect
import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import PasswordField, StringField
from wtforms.validators import AnyOf, DataRequired, Regexp

from tests.conftest import make_test_app
from workbench.progress.models import ProvisionStatus
from workbench.proposals.models import ProposalKind, ProposalStatus, StancePosition
from workbench.web.forms import accounts, base, imports, negotiation, proposals, records
from workbench.web.forms.base import IdField, Within, errors_of
from workbench.web.inputs import MAX_INT

MODULES = (accounts, records, proposals, negotiation, imports)
SHORT, LONG = 40, 120  # the limits of the test application, kept small to test them cheaply
HOSTILE = "\u202e\u202d\u2066\u200b\u200e\ufeff\u00ad\x07\x1b\x7f"

# Visible text of one line: no control, format or surrogate character, not only spaces.
line = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1, max_size=20
).filter(str.strip)
lines = st.lists(line, min_size=1, max_size=3).map("\n".join)
code = st.text(string.ascii_uppercase, min_size=2, max_size=5)
ids = st.integers(1, MAX_INT).map(str)
slugs = st.from_regex(r"\A[a-z0-9][a-z0-9-]{1,20}[a-z0-9]\Z")


def _file(suffix: str):
    return st.builds(
        lambda name, body: FileStorage(io.BytesIO(body), f"{name}{suffix}"),
        st.text(string.ascii_letters, min_size=4, max_size=8),
        st.binary(max_size=64),
    )


# What each form accepts, field by field (a dict of strategies; optional fields may be left out).
VALID = {
    accounts.LoginForm: st.fixed_dictionaries(
        {"name": line, "password": line},
        optional={"code": st.text(string.digits, min_size=6, max_size=8)},
    ),
    accounts.PasswordChangeForm: st.tuples(line, line).map(
        lambda pair: {"current": pair[0], "password": pair[1], "confirm": pair[1]}
    ),
    accounts.TotpForm: st.fixed_dictionaries(
        {"code": st.text(string.digits, min_size=6, max_size=8)}
    ),
    accounts.TokenRevokeForm: st.fixed_dictionaries({"name": line}),
    records.CurrentSessionForm: st.fixed_dictionaries({"session": st.just("none") | line}),
    records.ScreenForm: st.fixed_dictionaries({"provision_id": ids}),
    records.ProvisionStatusForm: st.fixed_dictionaries(
        {"status": st.sampled_from([s.value for s in ProvisionStatus])},
        optional={"session": line, "note": line},
    ),
    proposals.StatusChangeForm: st.fixed_dictionaries(
        {"status": st.sampled_from([s.value for s in ProposalStatus])},
        optional={"session": line, "note": line},
    ),
    proposals.MergeForm: st.fixed_dictionaries(
        {"merged_into": ids.map(lambda n: f"#{n}") | ids}, optional={"note": line}
    ),
    proposals.ReviseForm: st.fixed_dictionaries(
        {}, optional={"text_en": lines, "text_zh": lines, "rationale": lines}
    ),
    proposals.RebaseForm: st.fixed_dictionaries(
        {}, optional={"text_en": lines, "text_zh": lines, "take": st.just("merge"), "note": line}
    ),
    proposals.PartyForm: st.fixed_dictionaries({"party": code}, optional={"session": line}),
    proposals.StanceForm: st.fixed_dictionaries(
        {"party": code, "position": st.sampled_from([p.value for p in StancePosition])},
        optional={"session": line, "note": lines},
    ),
    proposals.ProposalFilterForm: st.fixed_dictionaries(
        {},
        optional={
            "instrument": slugs,
            "party": code,
            "session": line,
            "status": st.sampled_from([s.value for s in ProposalStatus]),
            "q": line,
        },
    ),
    negotiation.TableProposalForm: st.fixed_dictionaries(
        {
            "provision_id": ids,
            "kind": st.sampled_from([k.value for k in ProposalKind]),
            "sponsor": code,
            "session": line,
        },
        optional={
            "text_en": lines,
            "text_zh": lines,
            "label": line,
            "on_behalf_of": code,
            "cosponsors": st.lists(code, max_size=3).map(", ".join),
            "cosponsors_consented": st.just("1"),
            "rationale": lines,
            "base_version_id": ids,
            "action": st.just("table"),
        },
    ),
    negotiation.NegotiatingTextForm: st.fixed_dictionaries(
        {"slug": slugs, "title_en": line, "source": slugs}, optional={"renumber": st.just("1")}
    )
    | st.fixed_dictionaries(
        {"slug": slugs, "title_zh": line, "pick": st.lists(ids, min_size=1, max_size=4)}
    ),
    imports.InstrumentUploadForm: st.fixed_dictionaries(
        {"file": st.sampled_from([".docx", ".md", ".txt", ".odt", ".xml"]).flatmap(_file)},
        optional={"slug": slugs, "title": line, "into": slugs},
    ),
    imports.TrackedChangesForm: st.fixed_dictionaries(
        {"changes": _file(".docx"), "text": slugs, "session": line},
        optional={"authors": st.just("J. Smith = CHN")},
    ),
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """An application for checking forms: they read no database."""
    folder = tmp_path_factory.mktemp("forms")
    return make_test_app(
        f"sqlite:///{folder / 'unused.db'}",
        folder,
        MAX_SHORT_CHARS=SHORT,
        MAX_TEXT_CHARS=LONG,
        IMPORT_MAX_BYTES=100,
    )


def submit(app, form_class, data: dict, lang: str = "en") -> dict[str, str]:
    """The errors of the form posted with these values, every message of a field joined by
    " | " ({} when it is accepted)."""
    fields = MultiDict()
    for name, value in data.items():
        if isinstance(value, FileStorage):
            value.stream.seek(0)
            fields.add(name, (io.BytesIO(value.stream.read()), value.filename))
        else:
            for item in value if isinstance(value, list) else [value]:
                fields.add(name, item)
    headers = {"Accept-Language": lang}
    with app.test_request_context("/", method="POST", data=fields, headers=headers):
        form = form_class()
        if form.validate():
            return {}
        first = errors_of(form)
        every = {name: " | ".join(map(str, form[name].errors)) for name in first if name}
        assert all(every[name].startswith(first[name]) for name in every)
        return every


def text_fields(form_class):
    """The names of the form's text fields other than passwords."""
    return [
        name
        for name, unbound in _unbound(form_class)
        if issubclass(unbound.field_class, StringField)
        and not issubclass(unbound.field_class, PasswordField)
    ]


def _unbound(form_class):
    return [(name, value) for name, value in form_class.__dict__.items() if _is_field(value)] + [
        pair
        for parent in form_class.__mro__[1:]
        for pair in parent.__dict__.items()
        if _is_field(pair[1])
    ]


def _is_field(value) -> bool:
    return hasattr(value, "field_class")


def _validators(unbound) -> list:
    return list(unbound.kwargs.get("validators") or (unbound.args[1:2] or [[]])[0])


def test_every_form_of_the_pages_is_tested():
    declared = {
        value
        for module in MODULES
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, base.PageForm)
        and value.__module__ == module.__name__
    }
    assert declared - {proposals.WordingForm} == set(VALID)


@pytest.mark.parametrize("form_class", VALID, ids=lambda c: c.__name__)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_valid_input_is_accepted(app, form_class, data):
    values = data.draw(VALID[form_class])
    assert submit(app, form_class, values) == {}


@pytest.mark.parametrize(
    "form_class", [f for f in VALID if text_fields(f)], ids=lambda c: c.__name__
)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_an_invisible_character_in_any_text_field_is_refused_by_name(app, form_class, data):
    values = data.draw(VALID[form_class])
    field = data.draw(st.sampled_from(text_fields(form_class)))
    valid = values.get(field) if isinstance(values.get(field), str) else "x"
    position = data.draw(st.integers(0, len(valid)))
    char = data.draw(st.sampled_from(HOSTILE))
    values[field] = valid[:position] + char + valid[position:]
    errors = submit(app, form_class, values)
    assert field in errors
    unbound = dict(_unbound(form_class))[field]
    if not any(isinstance(v, AnyOf | Regexp) for v in _validators(unbound)):
        # A free text names the character and where it is, as the API does.
        assert f"U+{ord(char):04X}" in errors[field]
        assert "at character" in errors[field]


def _one_line(form_class) -> list[str]:
    return [
        name
        for name in text_fields(form_class)
        if not issubclass(dict(_unbound(form_class))[name].field_class, base.TextAreaField)
    ]


@pytest.mark.parametrize("form_class", [f for f in VALID if _one_line(f)], ids=lambda c: c.__name__)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_line_break_in_a_one_line_field_is_refused(app, form_class, data):
    values = data.draw(VALID[form_class])
    field = data.draw(st.sampled_from(_one_line(form_class)))
    values[field] = data.draw(line) + "\n" + data.draw(line)
    assert field in submit(app, form_class, values)


def _required(form_class) -> list[str]:
    return [
        name
        for name, unbound in _unbound(form_class)
        if any(
            isinstance(v, DataRequired) or type(v).__name__ == "FileRequired"
            for v in _validators(unbound)
        )
    ]


@pytest.mark.parametrize("form_class", [f for f in VALID if _required(f)], ids=lambda c: c.__name__)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_required_field_left_empty_is_refused_by_name(app, form_class, data):
    values = data.draw(VALID[form_class])
    field = data.draw(st.sampled_from(_required(form_class)))
    if data.draw(st.booleans()):
        values.pop(field, None)
    else:
        values[field] = data.draw(st.sampled_from(["", "   "]))
    assert field in submit(app, form_class, values)


def _limited(form_class) -> list[tuple[str, int]]:
    return [
        (name, SHORT if v.setting == "MAX_SHORT_CHARS" else LONG)
        for name, unbound in _unbound(form_class)
        for v in _validators(unbound)
        if isinstance(v, Within)
    ]


@pytest.mark.parametrize("form_class", [f for f in VALID if _limited(f)], ids=lambda c: c.__name__)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_value_over_the_configured_limit_is_refused_by_name(app, form_class, data):
    values = data.draw(VALID[form_class])
    field, allowed = data.draw(st.sampled_from(_limited(form_class)))
    values[field] = "a" * data.draw(st.integers(allowed + 1, allowed + 50))
    if field == "password" and "confirm" in values:
        values["confirm"] = values[field]
    errors = submit(app, form_class, values)
    assert field in errors
    assert f"the limit is {allowed}" in errors[field]


def _id_fields(form_class) -> list[str]:
    return [
        name for name, unbound in _unbound(form_class) if issubclass(unbound.field_class, IdField)
    ]


not_an_id = (
    st.sampled_from(["0", "-1", str(MAX_INT + 1), "1e3", "١٢", "²", "12a", "# 3", "1.5"])
    | st.integers(MAX_INT + 1, 10**40).map(str)
    | st.text(string.ascii_letters, min_size=1, max_size=5)
)


@pytest.mark.parametrize(
    "form_class", [f for f in VALID if _id_fields(f)], ids=lambda c: c.__name__
)
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_an_id_that_is_no_whole_number_in_range_is_refused_by_name(app, form_class, data):
    values = data.draw(VALID[form_class])
    field = data.draw(st.sampled_from(_id_fields(form_class)))
    values[field] = data.draw(not_an_id)
    message = dict(_unbound(form_class))[field].kwargs.get("message") or "Give a whole number."
    assert submit(app, form_class, values)[field] == str(message)


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_a_picked_provision_that_is_no_id_is_refused(app, data):
    values = data.draw(VALID[negotiation.NegotiatingTextForm].filter(lambda v: "pick" in v))
    values["pick"] = [*values["pick"], data.draw(not_an_id)]
    assert "pick" in submit(app, negotiation.NegotiatingTextForm, values)


CHOICES = {
    records.ProvisionStatusForm: "status",
    proposals.StatusChangeForm: "status",
    proposals.StanceForm: "position",
    negotiation.TableProposalForm: "kind",
}


@pytest.mark.parametrize("form_class", CHOICES, ids=lambda c: c.__name__)
@settings(max_examples=15, deadline=None)
@given(data=st.data(), wrong=line)
def test_a_value_outside_the_choices_is_refused_by_name(app, form_class, data, wrong):
    field = CHOICES[form_class]
    values = data.draw(VALID[form_class])
    allowed = next(
        v for v in _validators(dict(_unbound(form_class))[field]) if isinstance(v, AnyOf)
    )
    values[field] = wrong
    errors = submit(app, form_class, values)
    assert (field in errors) == (wrong.strip() not in allowed.values)


@settings(max_examples=15, deadline=None)
@given(data=st.data(), suffix=st.sampled_from([".pdf", ".exe", ".docm", ".pages", ""]))
def test_an_upload_of_a_kind_no_reader_takes_is_refused_by_name(app, data, suffix):
    for form_class, field in (
        (imports.InstrumentUploadForm, "file"),
        (imports.TrackedChangesForm, "changes"),
    ):
        values = data.draw(VALID[form_class])
        values[field] = data.draw(_file(suffix))
        errors = submit(app, form_class, values)
        assert values[field].filename in errors[field]


def test_an_upload_over_the_import_limit_is_refused_by_name(app):
    upload = FileStorage(io.BytesIO(b"x" * 101), "big.docx")
    errors = submit(
        app, imports.TrackedChangesForm, {"changes": upload, "text": "t", "session": "s"}
    )
    assert errors == {"changes": "The file is over the import limit of 100 bytes."}


def test_the_two_new_passwords_must_agree(app):
    errors = submit(
        app, accounts.PasswordChangeForm, {"current": "a", "password": "b" * 12, "confirm": "c"}
    )
    assert errors == {"confirm": "The two new passwords differ."}


def test_a_negotiating_text_copies_one_source_or_picked_provisions_not_both(app):
    form = negotiation.NegotiatingTextForm
    both = {"slug": "draft", "title_en": "Draft", "source": "budapest", "pick": ["3"]}
    neither = {"slug": "draft", "title_en": "Draft"}
    for values in (both, neither):
        assert list(submit(app, form, values)) == ["source"]
    assert list(submit(app, form, {"slug": "draft", "source": "budapest"})) == ["title_en"]


def test_errors_speak_the_readers_language(app):
    errors = submit(app, proposals.ReviseForm, {"text_en": "Each\u202e Party"}, lang="zh")
    assert errors["text_en"].startswith("英文措辞的第 5 个字符是 U+202E RIGHT-TO-LEFT OVERRIDE")
    errors = submit(app, accounts.LoginForm, {}, lang="zh")
    assert errors == {"name": "请输入用户名。", "password": "请输入密码。"}


def test_passwords_are_as_long_as_accounts_allow_and_no_longer(app):
    from workbench.users.passwords import MAX_PASSWORD

    longest = "p" * MAX_PASSWORD
    assert submit(app, accounts.LoginForm, {"name": "a", "password": longest}) == {}
    errors = submit(app, accounts.LoginForm, {"name": "a", "password": longest + "p"})
    assert errors == {"password": f"A password has at most {MAX_PASSWORD} characters."}
    # Never shown to anyone, a password is not held to the text check.
    assert submit(app, accounts.LoginForm, {"name": "a", "password": "pass\u202eword"}) == {}
