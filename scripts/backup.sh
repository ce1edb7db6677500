#!/usr/bin/env bash
# Back up the site: the database and the uploaded media, into one folder per run.
#   PostgreSQL: pg_dump in custom format (db.dump), restorable with pg_restore.
#   SQLite (the embedded default): SQLite's online backup API (db.sqlite3), safe while the site
#   is serving.
#   Media: a tar of MEDIA_ROOT (media.tar.gz).
# Reads DATABASE_URL and MEDIA_ROOT like the site does (for the stack: set -a; . .stack/env).
# Usage: scripts/backup.sh [FOLDER]    (default backups/YYYY-MM-DD-HHMMSS)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python

target=${1:-${BACKUP_DIR:-backups/$(date +%Y-%m-%d-%H%M%S)}}
mkdir -p "$target"
"$PYTHON" scripts/backup.py dump "$target"
echo "backup: $target"
