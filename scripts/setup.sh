#!/usr/bin/env bash
# Create the virtualenv in .venv and install the workbench into it (with test tools if asked).
# Sourced by run.sh and test.sh; safe to run again: pip skips what is already there.
# The editable install serves templates/, static/ and migrations/ from this checkout, and its
# build step (setup.py, build_catalogues) compiles the Chinese interface catalogue in place.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
extras=${1:-}
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extras" ]; then
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
else
    .venv/bin/python -m pip install --quiet -e .
fi
