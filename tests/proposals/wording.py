"""Wordings shared by the proposal tests."""

ART2 = (
    "Each Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law, when committed intentionally, "
    "the access to the whole or any part of a computer system without right. A Party may "
    "require that the offence be committed by infringing security measures, with the intent "
    "of obtaining computer data or other dishonest intent, or in relation to a computer "
    "system that is connected to another computer system."
)
US_ADDITION = (
    " Each Party shall ensure that such measures respect human rights and the rule of law."
)
