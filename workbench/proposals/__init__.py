"""Proposals: revisions tabled against a negotiating text, their sponsors and their fate."""
