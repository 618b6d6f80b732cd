"""The secretariat's forms of the record: the session in progress, the screen, the status of a
provision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from wtforms import StringField
from wtforms.validators import AnyOf, DataRequired, Optional

from workbench.progress.models import ProvisionStatus
from workbench.web.forms.base import IdField, PageForm, Within, strip


class CurrentSessionForm(PageForm):
    """The code of the session in progress, or "none"."""

    session = StringField(
        _("Session"),
        [DataRequired(_("Choose the session in progress, or none.")), Within("MAX_SHORT_CHARS")],
        filters=[strip],
    )


class ScreenForm(PageForm):
    """The provision to put on screen."""

    provision_id = IdField(
        _("Provision"),
        [DataRequired(_("Choose the provision to show."))],
        message=_("Choose the provision to show."),
    )


class ProvisionStatusForm(PageForm):
    """A provision's new negotiation status, the session it was reached at and a note."""

    status = StringField(
        _("Status"),
        [
            DataRequired(_("This field is required.")),
            AnyOf(
                [s.value for s in ProvisionStatus],
                _("Choose one of the statuses listed."),
            ),
        ],
        filters=[strip],
    )
    session = StringField(_("Session"), [Optional(), Within("MAX_SHORT_CHARS")], filters=[strip])
    note = StringField(_("Note"), [Within("MAX_TEXT_CHARS")])
