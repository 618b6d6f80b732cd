"""What every HTML form shares: one CSRF check, the text check on every text field, ids in
range, limits from the configuration, and its errors and input as the templates show them."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileSize
from werkzeug.datastructures import CombinedMultiDict
from wtforms import Field, IntegerField, PasswordField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from workbench.errors import InvalidInput
from workbench.texts.files import human_size
from workbench.texts.package import OTHER_WORD_FILES
from workbench.validation import character_name, check_characters, limit
from workbench.web.inputs import column_number, upload_name
from workbench.web.security import WRITE_METHODS


def strip(value):
    """Spaces around a typed value are never part of it."""
    return value.strip() if isinstance(value, str) else value


class PageForm(FlaskForm):
    """A form of the HTML pages; every text field refuses invisible characters."""

    class Meta:
        # CSRFProtect (web/security.py) checks every browser write before any view runs,
        # against the session's token that the templates' csrf_token() writes: one check for
        # forms and the API's cookie writes alike. A second, per-form check would only repeat it.
        csrf = False

    def __init__(self, formdata=None, **kwargs) -> None:
        # The fields of the form sent, and nothing else: Flask-WTF would read a JSON body as
        # the form's fields too (a body nested too deep for Python's parser was a 500).
        if formdata is None and request.method in WRITE_METHODS:
            formdata = CombinedMultiDict((request.files, request.form))
        super().__init__(formdata=formdata, **kwargs)

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, and the text check on every text field but passwords."""
        extra = {name: list(checks) for name, checks in (extra_validators or {}).items()}
        for field in self:
            # A password is never shown to anyone, and refusing one would lock its holder out.
            if isinstance(field, StringField) and not isinstance(field, PasswordField):
                extra.setdefault(field.name, []).append(
                    visible_text_lines if isinstance(field, TextAreaField) else visible_text
                )
        return super().validate(extra)


def _check_visible(field: Field, *, multiline: bool) -> None:
    if not isinstance(field.data, str):
        return
    try:
        check_characters(field.data, field.name, multiline=multiline)
    except InvalidInput as exc:
        position = (exc.details or {})["position"]
        raise ValidationError(
            gettext(
                "%(field)s contains %(character)s at character %(position)s: invisible "
                "characters that change or hide what a reader sees are not accepted; remove it.",
                field=field.label.text,
                character=character_name(field.data[position - 1]),
                position=position,
            )
        ) from None


def visible_text(_form, field: Field) -> None:
    """The text check of one line: no control, bidirectional or invisible format character."""
    _check_visible(field, multiline=False)


def visible_text_lines(_form, field: Field) -> None:
    """The text check of a text of several lines: line breaks and tabs pass, nothing else."""
    _check_visible(field, multiline=True)


class Within:
    """At most the configured number of characters (``MAX_SHORT_CHARS``, ``MAX_TEXT_CHARS``)."""

    def __init__(self, setting: str) -> None:
        self.setting = setting

    def __call__(self, _form, field: Field) -> None:
        allowed = limit(self.setting)
        if isinstance(field.data, str) and len(field.data) > allowed:
            raise ValidationError(
                gettext(
                    "%(field)s is %(length)s characters long; the limit is %(limit)s.",
                    field=field.label.text,
                    length=len(field.data),
                    limit=allowed,
                )
            )


def parse_id(raw: str | None) -> int | None:
    """The id a typed value names ('12', ' #12 '), or None when it names no row that can be."""
    value = column_number((raw or "").strip().lstrip("#"))
    return value if value else None  # no row has the id 0


class IdField(IntegerField):
    """The id of a row, typed or chosen: a whole number from 1 to the largest id ('#12' is 12)."""

    def __init__(self, label=None, validators=None, message=None, **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.message = message or _("Give a whole number.")

    def process_formdata(self, valuelist) -> None:
        raw = valuelist[0] if valuelist else ""
        self.data = parse_id(raw)
        if self.data is None and raw.strip():
            raise ValueError(self.message)

    def pre_validate(self, form) -> None:
        # What was typed is no id: say so, not "required" (DataRequired would replace it).
        if self.process_errors:
            raise StopValidation()


class IdListField(Field):
    """Ids sent under one name (checked boxes): each a whole number from 1 to the largest id."""

    def __init__(self, label=None, validators=None, message=None, **kwargs) -> None:
        super().__init__(label, validators, **kwargs)
        self.message = message or _("Give a whole number.")

    def process_formdata(self, valuelist) -> None:
        self.data = [parse_id(raw) for raw in valuelist]
        if None in self.data:
            raise ValueError(self.message)

    pre_validate = IdField.pre_validate

    def _value(self) -> str:
        return ",".join(str(item) for item in self.data or ())


class Importable(FileAllowed):
    """FileAllowed, saying which file was refused and what the workbench reads instead."""

    def __init__(self, suffixes: tuple[str, ...], kinds: str) -> None:
        super().__init__([suffix.lstrip(".") for suffix in suffixes])
        self.kinds = kinds

    def __call__(self, form, field) -> None:
        try:
            super().__call__(form, field)
        except StopValidation:
            try:
                name = upload_name(field.data.filename, field.name)
            except InvalidInput as exc:
                raise StopValidation(exc.message) from None
            hint = OTHER_WORD_FILES.get(Path(name).suffix.lower())
            if hint is not None:  # a Word file of another kind: say how to make a document
                raise StopValidation(f"{name} {hint[1]}.") from None
            raise StopValidation(
                gettext(
                    "%(name)s cannot be imported: the workbench reads %(kinds)s.",
                    name=name,
                    kinds=self.kinds,
                )
            ) from None


def import_size(form, field) -> None:
    """FileSize with the import limit the running application is configured with."""
    allowed = current_app.config["IMPORT_MAX_BYTES"]
    message = gettext("The file is over the import limit of %(limit)s.", limit=human_size(allowed))
    FileSize(max_size=allowed, message=message)(form, field)


def errors_of(form: FlaskForm) -> dict[str, str]:
    """The first error of each field, keyed by its name ('' for the form as a whole)."""
    errors = {name: str(messages[0]) for name, messages in form.errors.items() if name and messages}
    if form.form_errors:
        errors[""] = str(form.form_errors[0])
    return errors


def values_of(form: FlaskForm) -> dict[str, str]:
    """What was typed in each field sent, as typed, to show the form again."""
    return {
        field.name: field.raw_data[0]
        for field in form
        if field.raw_data and isinstance(field.raw_data[0], str)
    }
