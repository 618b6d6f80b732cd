"""The build steps pyproject.toml cannot declare.

1. The top-level folders templates/, static/ and migrations/ stay where they are in the
   repository and become the packages workbench.templates, workbench.static and
   workbench.migrations: in the wheel they sit inside the package, and in the editable
   install setuptools' import hook maps them to the checkout's folders, so that templates
   are edited in place. Each holds an empty __init__.py because the editable hook cannot
   map a folder without one (pypa/setuptools#4943).
2. build_catalogues compiles the interface catalogues (.po → .mo) into the wheel, or in
   place for an editable install; the .mo files are never committed.

Metadata, dependencies and package data are in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import ClassVar

from setuptools import Command, find_namespace_packages, setup
from setuptools.command.build import build

HERE = Path(__file__).resolve().parent
RESOURCE_FOLDERS = ("templates", "static", "migrations")
TRANSLATIONS = Path("workbench", "translations")


def _load_catalogues():
    """workbench/catalogues.py, loaded by path: the package's dependencies are not installed yet."""
    spec = importlib.util.spec_from_file_location(
        "_workbench_catalogues", HERE / "workbench" / "catalogues.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogues = _load_catalogues()


class BuildCatalogues(Command):
    """Compile the interface catalogues into the build, or in place for an editable install."""

    description = "compile the interface catalogues (.po to .mo)"
    user_options: ClassVar[list] = []

    def initialize_options(self) -> None:
        self.build_lib = None
        self.editable_mode = False

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    def run(self) -> None:
        # An editable install reads the package from the checkout: compile beside the .po.
        target = HERE / TRANSLATIONS if self.editable_mode else Path(self.build_lib) / TRANSLATIONS
        for compiled in catalogues.compile_catalogues(HERE / TRANSLATIONS, target):
            self.announce(f"compiled {compiled}", level=2)

    def get_source_files(self) -> list[str]:
        return [
            str(po.relative_to(HERE)) for po in catalogues.catalogue_sources(HERE / TRANSLATIONS)
        ]

    def get_outputs(self) -> list[str]:
        return list(self._built_from_tree())

    def get_output_mapping(self) -> dict[str, str]:
        # Only an editable install has compiled files in the source tree to map the build to.
        return self._built_from_tree() if self.editable_mode else {}

    def _built_from_tree(self) -> dict[str, str]:
        """Each .mo of the build, mapped to its place in the source tree."""
        built = Path(self.build_lib) / TRANSLATIONS
        return {
            str(catalogues.compiled_path(po, HERE / TRANSLATIONS, built)): str(
                catalogues.compiled_path(po, HERE / TRANSLATIONS, TRANSLATIONS)
            )
            for po in catalogues.catalogue_sources(HERE / TRANSLATIONS)
        }


class BuildWithCatalogues(build):
    """setuptools' build, then the catalogues."""

    sub_commands: ClassVar[list] = [*build.sub_commands, ("build_catalogues", None)]


def _packages() -> list[str]:
    """The workbench package, its subpackages, and the resource folders with their subfolders."""
    no_bytecode = ["__pycache__", "*.__pycache__"]
    names = find_namespace_packages(
        where=str(HERE), include=["workbench", "workbench.*"], exclude=no_bytecode
    )
    for folder in RESOURCE_FOLDERS:
        names.append(f"workbench.{folder}")
        inner = find_namespace_packages(where=str(HERE / folder), exclude=no_bytecode)
        names += [f"workbench.{folder}.{name}" for name in inner]
    return names


setup(
    packages=_packages(),
    package_dir={f"workbench.{folder}": folder for folder in RESOURCE_FOLDERS},
    cmdclass={"build": BuildWithCatalogues, "build_catalogues": BuildCatalogues},
)
