"""The forms that start the negotiation: tabling a proposal and starting a negotiating text."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Optional, Regexp, ValidationError

from workbench.proposals.models import ProposalKind
from workbench.validation import SLUG
from workbench.web.forms.base import IdField, IdListField, PageForm, Within, strip
from workbench.web.forms.proposals import WordingForm


def _code(label, *checks):
    return StringField(label, [*checks, Within("MAX_SHORT_CHARS")], filters=[strip])


class TableProposalForm(WordingForm):
    """A proposal to table: the provision, the kind, the wording, who sponsors it and when."""

    provision_id = IdField(
        _("Provision"),
        [DataRequired(_("Choose the provision."))],
        message=_("Choose the provision."),
    )
    kind = StringField(
        _("Kind"),
        [
            DataRequired(_("This field is required.")),
            AnyOf([k.value for k in ProposalKind], _("Choose one of the listed values.")),
        ],
        filters=[strip],
    )
    label = _code(_("Label"))
    sponsor = _code(_("Sponsor"), DataRequired(_("Name the sponsor.")))
    on_behalf_of = _code(_("On behalf of"))
    cosponsors = _code(_("Co-sponsors"))
    cosponsors_consented = BooleanField()
    session = _code(_("Session"), DataRequired(_("Choose the session.")))
    rationale = TextAreaField(_("Rationale"), [Within("MAX_TEXT_CHARS")])
    # The version the wording was drafted on, carried by the form since it was loaded.
    base_version_id = IdField(_("Base version"), [Optional()])
    action = StringField(_("Action"), [Optional(), AnyOf(["preview", "table"])])

    def cosponsor_codes(self) -> list[str]:
        """The co-sponsors' codes, separated by commas or semicolons."""
        codes = (self.cosponsors.data or "").replace(";", ",").split(",")
        return [code.strip() for code in codes if code.strip()]


class NegotiatingTextForm(PageForm):
    """A new negotiating text: its address, titles, and one source or picked provisions."""

    slug = StringField(
        _("Short name"),
        [
            DataRequired(_("Give the text a short name for its address.")),
            Regexp(SLUG, message=_("Use 3 to 80 lower-case letters, digits or hyphens.")),
        ],
        filters=[strip],
    )
    title_en = _code(_("English title"))
    title_zh = _code(_("Chinese title"))
    source = _code(_("Source"))
    renumber = BooleanField()
    pick = IdListField(_("Provisions"), message=_("Choose provisions from the list."))

    def validate_title_en(self, field) -> None:
        if not field.data and not self.title_zh.data:
            raise ValidationError(_("Give the text a title."))

    def validate_source(self, field) -> None:
        if bool(field.data) == bool(self.picked()):
            raise ValidationError(
                _("Choose one source to copy, or pick provisions below, not both.")
            )

    def picked(self) -> tuple[int, ...]:
        """The ids of the provisions picked, in the order of the page."""
        return tuple(item for item in self.pick.data or () if item is not None)
