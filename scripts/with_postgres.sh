#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster: initdb in a temp folder, a Unix
# socket only (no TCP), stopped and removed when the command ends, whatever its outcome.
# Usage: scripts/with_postgres.sh COMMAND [ARGS...]
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql)." >&2
    exit 1
fi

DIR=$(mktemp -d /tmp/doan-pg.XXXXXX)
chmod 755 "$DIR"
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi

cleanup() {
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

as_postgres "$PG_BIN/initdb" -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$DIR/data" >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" \
    -o "-k $DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off" -w start >/dev/null

# dj-database-url reads a socket folder from the host part, percent-encoded.
SOCKET=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$DIR")
export DATABASE_URL="postgres://postgres@${SOCKET}/doan"
as_postgres "$PG_BIN/createdb" -h "$DIR" -U postgres doan
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $DIR"
"$@"
