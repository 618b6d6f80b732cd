"""Marks templates/ as the package workbench.templates (see setup.py)."""
