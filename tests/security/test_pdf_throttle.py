"""PDF exports run LibreOffice once per state of the data, and a limited number per client."""

from __future__ import annotations

import pytest

import workbench.libreoffice
from tests.conftest import make_test_app


@pytest.fixture
def conversions(monkeypatch):
    """The LibreOffice conversions run, counted (each one still real)."""
    real = workbench.libreoffice.pdf_with_updated_fields
    runs = []

    def counting(*args, **kwargs):
        runs.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(workbench.libreoffice, "pdf_with_updated_fields", counting)
    return runs


def test_pdf_exports_are_cached_per_data_state_and_throttled_across_workers(
    world, database_url, tmp_path, conversions
):
    shared = tmp_path / "instance"  # the workers of one deployment share its folder
    limits = {"PDF_EXPORTS_PER_CLIENT": 1, "PDF_EXPORT_WINDOW_SECONDS": 600}
    first = make_test_app(database_url, tmp_path, INSTANCE_PATH=str(shared), **limits)
    other = make_test_app(database_url, tmp_path / "far", **limits)
    try:
        url = f"/api/instruments/{world.text_slug}/export?format=pdf&languages=en"
        made = first.test_client().get(url)
        assert made.status_code == 200, made.get_json()
        assert made.data.startswith(b"%PDF") and len(conversions) == 1
        again = first.test_client().get(url)
        assert again.status_code == 200 and again.data == made.data
        assert len(conversions) == 1  # from the cache

        # Another mode needs LibreOffice again: over this client's limit, on any worker.
        for app in (first, other):
            refused = app.test_client().get(url.replace("format=pdf", "format=pdf&mode=tracked"))
            assert refused.status_code == 429
            assert 0 < int(refused.headers["Retry-After"]) <= 600
        # Word files are not limited.
        word = first.test_client().get(url.replace("format=pdf", "format=docx"))
        assert word.status_code == 200
        assert len(conversions) == 1

        # A change to the data makes the cached PDF old: the next one is converted anew.
        world.proposal("CHN", label="Article 1")
        assert first.test_client().get(url).status_code == 429
        fresh = first.test_client().get(url, environ_base={"REMOTE_ADDR": "192.0.2.9"})
        assert fresh.status_code == 200 and fresh.data.startswith(b"%PDF")
        assert len(conversions) == 2
        # An unknown instrument is a 404, not a counted conversion.
        missing = first.test_client().get(
            "/api/instruments/no-such/export?format=pdf", environ_base={"REMOTE_ADDR": "192.0.2.10"}
        )
        assert missing.status_code == 404
    finally:
        for app in (first, other):
            app.extensions["workbench.db"].dispose()
