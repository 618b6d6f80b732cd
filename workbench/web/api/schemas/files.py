"""Schemas of the downloads (consolidated texts, changes, synoptic tables) and the uploads."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import fields

from workbench.web.api.schemas.common import LANGS, Answer, Choice, Query

LANGUAGES_PATTERN = "^(en|zh)(,(en|zh))?$"


def languages() -> fields.String:
    """?languages=: en, zh or en,zh (side by side)."""
    return fields.String(
        load_default="en",
        metadata={"pattern": LANGUAGES_PATTERN, "description": "en, zh or en,zh (side by side)"},
    )


class ExportArgs(Query):
    mode = fields.String(
        load_default="brackets",
        metadata={"enum": ["brackets", "alternatives", "tracked"], "description": "Presentation"},
    )
    languages = languages()
    format = fields.String(
        load_default="docx", metadata={"enum": ["docx", "pdf", "akn"], "description": "Format"}
    )
    agenda_item = fields.String(
        load_default=None, metadata={"description": "The agenda item page 1 names"}
    )
    lang = fields.String(
        load_default="en",
        metadata={"enum": LANGS, "description": "Language of an Akoma Ntoso expression"},
    )


class ChangesArgs(Query):
    from_ = fields.String(
        data_key="from", load_default=None, metadata={"description": "Earlier session code"}
    )
    to = fields.String(load_default=None, metadata={"description": "Later session code"})
    languages = languages()


class SynopsisArgs(Query):
    lang = Choice(["en", "zh"], "must be en or zh.", default="en")


def upload(description: str) -> Upload:
    """The uploaded file (multipart field 'file'); its name is checked as it is saved."""
    return Upload(
        required=True,
        error_messages={"required": "Attach the file to import (multipart field 'file')."},
        metadata={"description": description},
    )


class ImportForm(Query):
    """The fields of an instrument's upload (multipart/form-data)."""

    file = upload("The file to import")
    slug = fields.String(load_default=None)
    title = fields.String(load_default=None)
    into = fields.String(load_default=None, metadata={"description": "Add a language to"})
    language = fields.String(load_default=None, metadata={"enum": LANGS})


class TrackedChangesForm(Query):
    """The fields of a delegation's tracked changes (multipart/form-data)."""

    file = upload("The Word file")
    session = fields.String(load_default=None, metadata={"description": "Session code"})
    author_map = fields.String(
        load_default=None, metadata={"description": "JSON: author name → party code"}
    )
    allow_duplicates = fields.String(
        load_default=None,
        metadata={"description": "true: table changes that are already proposals again"},
    )
    skip_bad = fields.String(
        load_default=None,
        metadata={
            "description": "A bracketed text (secretariat): true imports the provisions "
            "without faults"
        },
    )


class Imported(Answer):
    """What an import made (its own report)."""

    class Meta:
        unknown = "include"
