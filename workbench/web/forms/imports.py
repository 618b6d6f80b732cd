"""The upload forms: a text from a file, and a delegation's tracked changes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, Regexp

from workbench.imports.operations import AKN_SUFFIX
from workbench.texts.convert import OFFICE_SUFFIXES
from workbench.texts.parse import ACCEPTED, SUFFIXES
from workbench.validation import SLUG
from workbench.web.forms.base import Importable, PageForm, Within, import_size, strip

ATTACH = _("Attach the file to import.")


def _short(label, *checks):
    return StringField(label, [*checks, Within("MAX_SHORT_CHARS")], filters=[strip])


class InstrumentUploadForm(PageForm):
    """A file to import as a new instrument, or into an outline."""

    file = FileField(
        _("File"),
        [
            FileRequired(ATTACH),
            Importable((*SUFFIXES, AKN_SUFFIX), f"{ACCEPTED}, and Akoma Ntoso .xml files"),
            import_size,
        ],
    )
    slug = _short(
        _("Short name"),
        Optional(),
        Regexp(SLUG, message=_("Use 3 to 80 lower-case letters, digits or hyphens.")),
    )
    title = _short(_("Title"))
    into = _short(_("Outline"))


class TrackedChangesForm(PageForm):
    """A delegation's Word file with tracked changes, the text and session they belong to."""

    changes = FileField(
        _("File"),
        [
            FileRequired(ATTACH),
            Importable(
                (".docx", *OFFICE_SUFFIXES, AKN_SUFFIX),
                "Word or OpenDocument files (.docx, .odt, .doc or .rtf) and Akoma Ntoso .xml",
            ),
            import_size,
        ],
    )
    text = _short(_("Negotiating text"), DataRequired(_("Choose the negotiating text.")))
    session = _short(_("Session"), DataRequired(_("Choose the session.")))
    # "Author name = CODE" lines; read by parse_author_map.
    authors = TextAreaField(_("Authors"), [Within("MAX_TEXT_CHARS")])
