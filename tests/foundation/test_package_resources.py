"""The application finds its folders as package resources; a missing catalogue stops the start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

import workbench.resources
from workbench import create_app
from workbench.config import default_export_dir, default_instance_path
from workbench.errors import WorkbenchError
from workbench.migrate import alembic_config
from workbench.resources import resource_folder

ROOT = Path(__file__).resolve().parents[2]


def _app(tmp_path: Path):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "SECRET_KEY": "test-secret",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )


def test_the_editable_install_serves_the_checkouts_own_folders(tmp_path):
    """Developers edit templates/, static/ and migrations/ in place: no copy in between."""
    for name in ("templates", "static", "migrations"):
        assert resource_folder(name) == ROOT / name
    assert resource_folder("translations") == ROOT / "workbench" / "translations"
    app = _app(tmp_path)
    assert Path(app.jinja_loader.searchpath[0]) == ROOT / "templates"
    assert Path(app.static_folder) == ROOT / "static"
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"] == str(ROOT / "workbench" / "translations")
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert Path(scripts.dir) == ROOT / "migrations"
    assert {Path(s.path).parent for s in scripts.walk_revisions()} == {ROOT / "migrations/versions"}


def test_a_checkout_keeps_its_instance_and_exports_at_the_top(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBENCH_INSTANCE_PATH", raising=False)
    monkeypatch.delenv("EXPORT_DIR", raising=False)
    assert default_instance_path() == str(ROOT / "instance")
    assert default_export_dir() == ROOT / "exports"
    app = _app(tmp_path)
    assert app.config["EXPORT_DIR"] == str(ROOT / "exports")


def test_an_installed_package_keeps_them_under_its_prefix(monkeypatch):
    """Flask's rule for an installed package: <prefix>/var/workbench-instance, exports inside."""
    prefix = "/opt/venvs/workbench"
    site = f"{prefix}/lib/python3.11/site-packages"
    monkeypatch.setattr("workbench.config.find_package", lambda name: (prefix, site))
    monkeypatch.delenv("WORKBENCH_INSTANCE_PATH", raising=False)
    instance = Path(prefix, "var", "workbench-instance")
    assert default_instance_path() == str(instance)
    assert default_export_dir() == instance / "exports"
    assert default_export_dir("/srv/instance") == Path("/srv/instance/exports")
    monkeypatch.setenv("WORKBENCH_INSTANCE_PATH", "relative/instance")
    assert default_instance_path() == str(Path.cwd() / "relative" / "instance")


@pytest.fixture
def translations_without_chinese(tmp_path, monkeypatch) -> Path:
    """The package's translations folder as a plain install without the build step has it."""
    folder = tmp_path / "translations"
    shutil.copytree(resource_folder("translations"), folder, ignore=shutil.ignore_patterns("*.mo"))
    assert list(folder.rglob("*.po")) and not list(folder.rglob("*.mo"))
    real = workbench.resources.resource_folder
    monkeypatch.setattr(
        workbench.resources,
        "resource_folder",
        lambda name: folder if name == "translations" else real(name),
    )
    return folder


def test_a_missing_catalogue_stops_the_start_with_one_sentence(
    translations_without_chinese, tmp_path
):
    with pytest.raises(WorkbenchError) as caught:
        _app(tmp_path)
    message = caught.value.message
    missing = translations_without_chinese / "zh" / "LC_MESSAGES" / "messages.mo"
    assert message.startswith(f"The Chinese interface catalogue {missing} is missing")
    assert "\n" not in message and "scripts/setup.sh" in message


def test_the_catalogue_compiled_by_the_build_step_is_accepted(
    translations_without_chinese, tmp_path
):
    from workbench.catalogues import compile_catalogues

    written = compile_catalogues(translations_without_chinese, translations_without_chinese)
    assert written == [translations_without_chinese / "zh" / "LC_MESSAGES" / "messages.mo"]
    app = _app(tmp_path)
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        from flask_babel import gettext

        assert gettext("Treaty workbench") == "条约起草工作台"


def test_the_static_folder_serves_assets_not_its_python_files(tmp_path):
    from workbench import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "SECRET_KEY": "x",
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
    )
    client = app.test_client()
    assert client.get("/static/workbench.css").status_code == 200
    assert client.get("/static/__init__.py").status_code == 404
    assert client.get("/static/__pycache__/__init__.cpython-311.pyc").status_code == 404
