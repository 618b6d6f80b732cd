"""Announcements of changes to the negotiation, for live screens: kinds and ids, never wording."""
