#!/usr/bin/env bash
# Install, create or upgrade the SQLite database, load the corpus, and serve on 127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
workbench init
workbench load-corpus
exec workbench serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"
