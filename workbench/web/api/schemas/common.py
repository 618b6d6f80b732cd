"""Fields of the API's schemas: JSON types read strictly, refused with the API's sentences.

A field's message starts with its verb ("is required.", "must be text."); the parser puts
the field's name in front. Wording, labels and codes are checked further by the operations
(workbench.validation: lengths, single lines, languages); every text field is refused here
already if it holds an invisible or bidirectional character."""

from __future__ import annotations

from datetime import date

from marshmallow import EXCLUDE, INCLUDE, RAISE, Schema, ValidationError, fields

from workbench.languages import LANGUAGES
from workbench.validation import check_characters
from workbench.web.inputs import MAX_INT

LANGS = list(LANGUAGES)


class Body(Schema):
    """A JSON request body: fields it does not know are ignored, as they always were."""

    class Meta:
        unknown = EXCLUDE


class Query(Schema):
    """Query arguments: the ones a route does not read are ignored."""

    class Meta:
        unknown = EXCLUDE


class Answer(Schema):
    """A JSON answer: every key it has is declared (the answer tests validate real ones)."""

    class Meta:
        unknown = RAISE


class Loose(Schema):
    """A JSON object of which some keys are described and others may come."""

    class Meta:
        unknown = INCLUDE


def _optional(required: bool, kwargs: dict, invalid: str) -> dict:
    """Optional fields take null as absent; required ones refuse both. Every refusal is
    worded as the API words it."""
    messages = {"required": "is required.", "null": "is required.", "invalid": invalid}
    kwargs = {**kwargs, "error_messages": messages | kwargs.get("error_messages", {})}
    if required:
        return {"required": True, "allow_none": False, **kwargs}
    return {"load_default": None, "allow_none": True, **kwargs}


class Text(fields.String):
    """A JSON string without invisible characters that reorder or hide what a reader sees."""

    INVALID = "must be text."

    def __init__(self, *, required: bool = False, secret: bool = False, **kwargs):
        # A password is never shown to anyone: it is taken as typed.
        self.secret = secret
        super().__init__(**_optional(required, kwargs, self.INVALID))

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not self.secret:
            # The operations check again what they keep (with the thing's own name).
            check_characters(text, self.data_key or attr)
        return text


class Number(fields.Integer):
    """A JSON whole number (not true or false) any database can store."""

    INVALID = "must be a number."

    def __init__(self, *, required: bool = False, **kwargs):
        super().__init__(**_optional(required, kwargs, self.INVALID))

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        if abs(value) > MAX_INT:
            raise ValidationError(f"is out of range (at most {MAX_INT}).")
        return value


class Flag(fields.Boolean):
    """A JSON true or false."""

    INVALID = "must be true or false."

    def __init__(self, *, required: bool = False, **kwargs):
        super().__init__(**_optional(required, kwargs, self.INVALID))

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Object(fields.Dict):
    """A JSON object, its keys and values checked by the operation that reads it."""

    INVALID = "must be an object."

    def __init__(self, *, required: bool = False, **kwargs):
        super().__init__(**_optional(required, kwargs, self.INVALID))


def wording(*, required: bool = False, description: str = "Wording per language") -> Object:
    """A wording: text per language (its languages and characters checked by the operation)."""
    return Object(
        required=required,
        metadata={
            "description": description,
            "additionalProperties": {"type": "string"},
            "x-languages": LANGS,
        },
    )


class Items(fields.List):
    """A JSON list."""

    INVALID = "must be a list."

    def __init__(self, inner: fields.Field | None = None, *, required: bool = False, **kwargs):
        super().__init__(inner or fields.Raw(), **_optional(required, kwargs, self.INVALID))


class Codes(fields.List):
    """A JSON list of party codes."""

    INVALID = "must be a list of party codes."

    def __init__(self, **kwargs):
        super().__init__(
            fields.String(),
            load_default=list,
            allow_none=True,
            error_messages={"invalid": self.INVALID},
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise self.make_error("invalid")
        return value


class Day(fields.Date):
    """A date written as JSON text: 2023-01-09."""

    INVALID = "must be a date like 2023-01-09."

    def __init__(self, **kwargs):
        super().__init__(**_optional(False, kwargs, self.INVALID))

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.make_error("invalid") from None


class Whole(fields.Integer):
    """A whole number in the query, within bounds; empty or absent is the default."""

    def __init__(
        self, *, default: int | None = None, minimum: int = 0, maximum: int = MAX_INT, **kwargs
    ):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(
            load_default=default,
            allow_none=True,
            metadata={"minimum": minimum, "maximum": maximum},
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        if value == "":
            return self.load_default
        try:
            number = int(value)
        except ValueError:
            raise ValidationError(f"must be a whole number (got {value!r}).") from None
        if not self.minimum <= number <= self.maximum:
            raise ValidationError(f"must be between {self.minimum} and {self.maximum}.")
        return number


class Choice(fields.String):
    """One of a few words in the query, refused with the route's own sentence."""

    def __init__(
        self, choices, sentence: str, *, default: str | None = None, empty_is_default=False
    ):
        self.choices, self.sentence, self.empty_is_default = (
            list(choices),
            sentence,
            empty_is_default,
        )
        super().__init__(load_default=default, metadata={"enum": self.choices})

    def _deserialize(self, value, attr, data, **kwargs):
        if value == "" and self.empty_is_default:
            return self.load_default
        if value not in self.choices:
            raise ValidationError(self.sentence.format(value=value))
        return value


def lang_choice(*, default: str | None = None) -> Choice:
    """The ?lang= argument: one of the six languages."""
    return Choice(
        LANGS, f"must be one of {', '.join(LANGS)}.", default=default, empty_is_default=True
    )


class LangArgs(Query):
    """?lang=: one language of the answer, or all."""

    lang = lang_choice()


class ErrorSchema(Schema):
    """Every error of the API: what kind, a sentence, and the field at fault if one is."""

    error = fields.String(required=True)
    message = fields.String(required=True)
    field = fields.String()
    details = fields.Dict()
