"""The forms of logging in and of one's own account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from workbench.users.passwords import MAX_PASSWORD
from workbench.web.forms.base import PageForm, Within, strip

# An authenticator shows six digits; eight leaves room for the apps that show more.
CODE_CHARS = 8


def _password_length():
    return Length(max=MAX_PASSWORD, message=_("A password has at most %(max)d characters."))


class LoginForm(PageForm):
    """A user name, a password and, for those who turned it on, the second factor's code."""

    name = StringField(
        _("User name"),
        [DataRequired(_("Enter your user name.")), Within("MAX_SHORT_CHARS")],
        filters=[strip],
    )
    password = PasswordField(
        _("Password"), [DataRequired(_("Enter your password.")), _password_length()]
    )
    code = StringField(
        _("Code"),
        [Optional(), Length(max=CODE_CHARS, message=_("The code is at most 8 digits."))],
        filters=[strip],
    )


class PasswordChangeForm(PageForm):
    """The current password, and the new one twice."""

    current = PasswordField(
        _("Current password"), [DataRequired(_("This field is required.")), _password_length()]
    )
    password = PasswordField(
        _("New password"), [DataRequired(_("This field is required.")), _password_length()]
    )
    confirm = PasswordField(
        _("New password again"),
        [
            DataRequired(_("This field is required.")),
            EqualTo("password", _("The two new passwords differ.")),
        ],
    )


class TotpForm(PageForm):
    """The code the authenticator app shows for the secret being enrolled."""

    code = StringField(
        _("Code"),
        [
            DataRequired(_("This field is required.")),
            Length(max=CODE_CHARS, message=_("The code is at most 8 digits.")),
        ],
        filters=[strip],
    )


class TokenRevokeForm(PageForm):
    """The name of one of one's own API tokens."""

    name = StringField(_("Token"), [DataRequired(_("Choose a token.")), Within("MAX_SHORT_CHARS")])
