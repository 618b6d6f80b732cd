"""Exports: consolidated negotiating texts and synoptic tables as Word files (and PDF)."""
