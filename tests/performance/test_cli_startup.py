"""What a command-line command loads: no web layer, no Alembic when the schema is current."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import text

from workbench.db import Database
from workbench.migrate import _head_from_scripts, _stamped_revision, current_revision, head_revision

PROBE = """
import json, sys
from workbench.cli import main
try:
    main(["instruments", "--json"], standalone_mode=False)
finally:
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {"alembic", "flask_babel",
        "flask_login", "flask_wtf"} | {name for name in sys.modules if name.startswith("workbench.web")})
    print(json.dumps(loaded), file=sys.stderr)
"""


def _probe(url: str, tmp_path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DATABASE_URL=url, WORKBENCH_INSTANCE_PATH=str(tmp_path / "instance"))
    return subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_command_loads_neither_the_web_layer_nor_alembic(database_url, tmp_path):
    result = _probe(database_url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "budapest-ets185" in result.stdout
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def test_the_schema_is_read_without_alembic_as_alembic_reads_it(schema_database_url, tmp_path):
    assert _head_from_scripts() == head_revision()
    database = Database(schema_database_url)
    try:
        assert _stamped_revision(database.engine) == current_revision(database.engine)
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'abc123'"))
        assert _stamped_revision(database.engine) == "abc123"
    finally:
        database.dispose()
    # A database at another migration is still refused, in one sentence, by Alembic's account.
    result = _probe(schema_database_url, tmp_path)
    assert result.returncode != 0
    assert "abc123" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_database_has_no_stamped_revision(empty_database_url):
    database = Database(empty_database_url)
    try:
        assert _stamped_revision(database.engine) is None
    finally:
        database.dispose()


EXPORT_PROBE = """
import json, sys
from workbench.cli import main
try:
    main(["export", "budapest-ets185", "--mode", "brackets", "--out", sys.argv[1]],
         standalone_mode=False)
finally:
    print(json.dumps(sorted(name for name in sys.modules if name.startswith("workbench."))),
          file=sys.stderr)
"""
# What a consolidated Word export has no use for: the readers of Word, Markdown and text
# files, the synoptic tables and the session-changes document. Imported, they cost the
# command a third of its start-up.
NOT_FOR_AN_EXPORT = {
    "workbench.texts.word",
    "workbench.texts.recognize",
    "workbench.texts.markdown",
    "workbench.texts.revisions",
    "workbench.concordance.operations",
    "workbench.export.changes",
    "workbench.export.tables",
}


def test_an_export_loads_no_reader_and_no_other_export(database_url, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DATABASE_URL=database_url, WORKBENCH_INSTANCE_PATH=str(tmp_path / "instance"))
    out = tmp_path / "budapest.docx"
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_PROBE, str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert "workbench.export.brackets" in loaded  # the probe saw the export's own modules
    assert loaded & NOT_FOR_AN_EXPORT == set()
