#!/usr/bin/env bash
# Install everything the tests need (Debian packages, Python packages) and run the whole suite.
# Database tests run twice: on a SQLite file and on PostgreSQL at TEST_POSTGRES_URL
# (default postgresql+psycopg://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium drives the browser tests, LibreOffice opens the exported Word files, Noto CJK
# renders Chinese in both; python3-uno drives LibreOffice from the tests (building and
# editing documents as a person does), pandoc and poppler-utils (pdftotext) are clients and
# readers of the fixture files.
packages=(chromium libreoffice-writer-nogui fonts-noto-cjk python3-uno pandoc poppler-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Start the local PostgreSQL cluster if it is installed but stopped (the project's machines).
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
fi

scripts/setup.sh test
# The gates, cheapest first; set -e stops at the first that fails (as .pre-commit-config.yaml).
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
.venv/bin/mypy
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" "$@"
