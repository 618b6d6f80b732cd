"""Every command and curl example of the README works, in order, on a fresh database.

The README's shell blocks are run in one bash process, as a newcomer would paste them, with
``set -e`` (and a check after each curl that the server answered 2xx). Only the quick start's
two commands are left out: they are the ones CI itself runs (``scripts/test.sh``) and
``run.sh`` = setup + ``init`` + ``load-corpus`` + ``serve``, all run here. A ``serve`` in the
foreground is run in the background, waited for, and stopped; the PostgreSQL section runs
against a fresh PostgreSQL database; the benchmark block is replaced by its quickest form.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
PG_EXAMPLE = "postgresql+psycopg://user:password@127.0.0.1:5432/workbench"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def readme_script(port: int, postgres_url: str) -> str:
    """The README's shell blocks as one script, with the adjustments the docstring names."""
    blocks = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    lines: list[str] = []
    for block in blocks:
        if "./scripts/run.sh" in block and "./scripts/test.sh" in block:
            continue  # the quick start: what CI runs
        for line in block.replace("\\\n", " ").splitlines():
            if "bench/run_all.py" in line and "--quick" not in line:
                continue  # the long benchmark runs; the quick one stands for them
            if "bench/" in line or "./scripts/setup.sh" in line:
                continue  # benchmarks are measured in bench/; the checkout's venv is set up
            line = line.replace("localhost:5000", f"127.0.0.1:{port}")
            line = line.replace("--port 5000", f"--port {port}")
            line = line.replace(PG_EXAMPLE, postgres_url)
            if re.search(r"workbench serve\b", line) and "&" not in line:
                line = (
                    f"{line} & FG=$!; for _ in $(seq 60); do curl -sf 127.0.0.1:{port}/healthz "
                    "> /dev/null && break; sleep 0.5; done; kill $FG; wait $FG || true"
                )
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.slow
def test_the_readme_runs_on_a_fresh_install(tmp_path, templates, postgres_ready):
    if not (ROOT / ".venv" / "bin" / "workbench").exists():
        pytest.fail("the README's commands need the checkout's .venv (scripts/setup.sh)")
    postgres = make_url(templates.fresh("postgresql", None)).render_as_string(hide_password=False)
    work = tmp_path / "checkout"
    work.mkdir()
    (work / ".venv").symlink_to(ROOT / ".venv")
    port = _free_port()
    script = readme_script(port, postgres)
    # curl -s hides failures: every curl fails the script on an HTTP error (those already
    # asked to fail quietly, -f, are left as they are).
    preamble = (
        "set -euo pipefail\n"
        'curl() { case " $* " in *" -sf "*|*" -f "*) command curl "$@";; '
        '*) command curl --fail-with-body "$@"; echo;; esac; }\n'
    )
    env = {
        **os.environ,
        "WORKBENCH_INSTANCE_PATH": str(tmp_path / "instance"),
        "EXPORT_DIR": str(work / "exports"),
    }
    for name in ("DATABASE_URL", "WORKBENCH_PASSWORD"):
        env.pop(name, None)
    result = subprocess.run(
        ["bash", "-c", preamble + script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"README script failed ({result.returncode}):\n{script}\n--- stdout\n"
        f"{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"
    )
    out = result.stdout
    # What the walkthrough promises, seen in the answers.
    assert '"confirmed": true' in out.replace('"confirmed":true', '"confirmed": true')
    assert "Each State Party shall adopt" in out
    assert (work / "rolling-text-tracked.docx").stat().st_size > 5000
    assert list((work / "exports").glob("rolling-text*.docx"))
