"""Instruments: source texts and negotiating texts, their chapters, provisions and versions."""
