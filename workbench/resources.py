"""The folders the package ships with, found as package resources wherever it is installed."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from workbench.errors import WorkbenchError

# templates/, static/ and migrations/ at the top of the repository are the packages
# workbench.templates, workbench.static and workbench.migrations (setup.py): inside the package
# in a wheel, the checkout's own folders in the editable install. The translations are inside
# the package; their compiled catalogues come from the build, never from the repository.
MAPPED_FOLDERS = ("templates", "static", "migrations")


def resource_folder(name: str) -> Path:
    """One of the package's folders (templates, static, migrations, translations) on disk."""
    try:
        found = files(f"workbench.{name}") if name in MAPPED_FOLDERS else files("workbench") / name
    except ModuleNotFoundError:  # an editable install made before the folder was mapped
        found = None
    # Flask, Jinja and Alembic read plain folders: a package imported from a zip has none.
    if not isinstance(found, Path) or not found.is_dir():
        raise WorkbenchError(
            f"The workbench package has no {name} folder on disk; reinstall it "
            "(a checkout: scripts/setup.sh, which runs pip install -e .)."
        )
    return found


def translations_folder(languages: Iterable[str], source_language: str) -> Path:
    """The translations folder, once every language but the source has its compiled catalogue."""
    # Without it the interface would speak English under an active 中文 switch: stop instead.
    from babel import Locale  # only the web layer needs it: not at the CLI's start-up

    folder = resource_folder("translations")
    for language in languages:
        catalogue = folder / language / "LC_MESSAGES" / "messages.mo"
        if language != source_language and not catalogue.is_file():
            raise WorkbenchError(
                f"The {Locale.parse(language).english_name} interface catalogue {catalogue} "
                "is missing: the package was installed without compiling it; reinstall it "
                "(a checkout: scripts/setup.sh, which runs pip install -e .)."
            )
    return folder
