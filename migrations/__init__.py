"""The Alembic migrations, shipped as the package workbench.migrations (see setup.py)."""
