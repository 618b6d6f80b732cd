"""HTML pages of the workbench."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)


@bp.get("/healthz")
def healthz():
    """A trivial route: the baseline of the web benchmarks and a liveness probe."""
    return {"status": "ok"}


@bp.get("/")
def home():
    """The home page."""
    return "<!doctype html><title>Treaty workbench</title><h1>Treaty workbench</h1>"
