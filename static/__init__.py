"""Marks static/ as the package workbench.static (see setup.py)."""
