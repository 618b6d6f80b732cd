"""The forms of the proposal page: status, merging, revising, rebasing, sponsors and stances."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from workbench.proposals.models import ProposalStatus, StancePosition
from workbench.web.forms.base import IdField, PageForm, Within, strip

REQUIRED = _("This field is required.")


def _session():
    return StringField(_("Session"), [Optional(), Within("MAX_SHORT_CHARS")], filters=[strip])


def _note(field=StringField):
    return field(_("Note"), [Within("MAX_TEXT_CHARS")])


def _wording(label):
    return TextAreaField(label, [Within("MAX_TEXT_CHARS")])


def _party():
    return StringField(
        _("Party"), [DataRequired(REQUIRED), Within("MAX_SHORT_CHARS")], filters=[strip]
    )


class StatusChangeForm(PageForm):
    """A proposal's new status, the session it was decided at and a note."""

    status = StringField(
        _("Status"),
        [
            DataRequired(REQUIRED),
            AnyOf([s.value for s in ProposalStatus], _("Choose one of the statuses listed.")),
        ],
        filters=[strip],
    )
    session = _session()
    note = _note()


class MergeForm(PageForm):
    """The proposal this one is merged into ('12' or '#12')."""

    merged_into = IdField(
        _("Merged into"),
        [DataRequired(REQUIRED)],
        message=_("Give the number of a proposal."),
    )
    session = _session()
    note = _note()


class WordingForm(PageForm):
    """Wording in either language of the negotiation."""

    text_en = _wording(_("English wording"))
    text_zh = _wording(_("Chinese wording"))

    def texts(self) -> dict[str, str]:
        """The wording given, by language; a language left empty is not proposed."""
        return {
            lang: field.data
            for lang, field in (("en", self.text_en), ("zh", self.text_zh))
            if field.data
        }


class ReviseForm(WordingForm):
    """The sponsor's new wording, and why."""

    rationale = _note(TextAreaField)


class RebaseForm(WordingForm):
    """The rebased wording, or "take the clean merge"."""

    take = StringField(
        _("Take"), [Optional(), AnyOf(["merge"], _("Choose one of the listed values."))]
    )
    note = _note()


class PartyForm(PageForm):
    """A party co-sponsoring or leaving a proposal, at a session."""

    party = _party()
    session = _session()


class StanceForm(PageForm):
    """A party's support, opposition or reservation, with its explanation."""

    party = _party()
    position = StringField(
        _("Position"),
        [
            DataRequired(REQUIRED),
            AnyOf([p.value for p in StancePosition], _("Choose one of the listed values.")),
        ],
        filters=[strip],
    )
    session = _session()
    note = _note(TextAreaField)


def _known_status(_form, field) -> None:
    if field.data and field.data not in {s.value for s in ProposalStatus}:
        raise ValidationError(gettext("Unknown status %(status)s.", status=field.data))


class ProposalFilterForm(PageForm):
    """The filters of the list of proposals (a GET form: its values come from the query)."""

    instrument = _session()
    party = _session()
    session = _session()
    status = StringField(_("Status"), [_known_status], filters=[strip])
    q = StringField(
        _("Words"),
        [Length(max=200, message=_("Search for at most 200 characters."))],
        filters=[strip],
    )
