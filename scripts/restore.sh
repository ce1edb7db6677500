#!/usr/bin/env bash
# Restore a folder made by scripts/backup.sh into the database named by DATABASE_URL (which
# should be empty or a copy you mean to replace) and into MEDIA_ROOT, then migrate (a backup
# from an older release) and point the Site at BASE_URL.
# Usage: scripts/restore.sh FOLDER
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python

if [ -z "${1:-}" ] || [ ! -d "$1" ]; then
    echo "usage: $0 BACKUP_FOLDER   (make restore BACKUP=backups/2026-12-01-020000)" >&2
    exit 2
fi
"$PYTHON" scripts/backup.py load "$1"
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py set_site_url
echo "restore: $1 is in place"
