#!/usr/bin/env bash
# The production-shaped stack on this machine, without Docker: PostgreSQL 15 (Unix socket in a
# temp folder), Redis 7, gunicorn with cms.settings.production, the task worker, the scheduler,
# an SMTP sink and nginx in front, all from the files in deploy/ that compose.yaml uses too.
#
#   scripts/stack.sh up     start it, return once BASE_URL/healthz answers 200 through nginx
#   scripts/stack.sh down   stop exactly what `up` started (the pid files in .stack/pids)
#   scripts/stack.sh test   up with the demo, run the journeys in tests/stack against it, down
#
# Environment: PORT (8080; the stack also uses the next five ports), BASE_URL
# (http://127.0.0.1:$PORT), STACK_DEMO=1 to load the demo content, WEB_CONCURRENCY (2).
# `up` writes what it used to .stack/env:  set -a; . .stack/env; set +a; python manage.py ...
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STACK_DIR=$ROOT/.stack
PIDS=$STACK_DIR/pids
LOG=$STACK_DIR/log
PYTHON=$ROOT/.venv/bin/python

PORT=${PORT:-8080}
APP_PORT=${APP_PORT:-$((PORT + 1))}
REDIS_PORT=${REDIS_PORT:-$((PORT + 2))}
SMTP_PORT=${SMTP_PORT:-$((PORT + 3))}
CACHE_PORT=${CACHE_PORT:-$((PORT + 4))}
BALANCER_PORT=${BALANCER_PORT:-$((PORT + 5))}
BASE_URL=${BASE_URL:-http://127.0.0.1:$PORT}
BASE_URL=${BASE_URL%/}

say() { printf 'stack: %s\n' "$*"; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Start a long-running process in its own session, its output in .stack/log/NAME.log.
start() {
    local name=$1
    shift
    setsid "$@" >>"$LOG/$name.log" 2>&1 </dev/null &
    echo $! >"$PIDS/$name.pid"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

down() {
    if [ -f "$STACK_DIR/pg" ]; then
        local pg_dir pg_bin
        pg_dir=$(sed -n 1p "$STACK_DIR/pg")
        pg_bin=$(sed -n 2p "$STACK_DIR/pg")
        # The web and task processes first, so none is left talking to a closing database.
        stop_processes
        if [ -d "$pg_dir/data" ]; then
            as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_dir"
        rm -f "$STACK_DIR/pg"
    else
        stop_processes
    fi
    rm -f "$STACK_DIR/env"
    say "stopped"
}

# TERM each process we started (gunicorn's master takes its workers down), KILL after 15 s.
stop_processes() {
    local file pid
    [ -d "$PIDS" ] || return 0
    for file in "$PIDS"/*.pid; do
        [ -e "$file" ] || continue
        pid=$(cat "$file")
        if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    for _ in $(seq 150); do
        local alive=0
        for file in "$PIDS"/*.pid; do
            [ -e "$file" ] || continue
            if running "$file"; then alive=1; fi
        done
        [ $alive = 0 ] && break
        sleep 0.1
    done
    for file in "$PIDS"/*.pid; do
        [ -e "$file" ] || continue
        if running "$file"; then kill -KILL "$(cat "$file")" 2>/dev/null || true; fi
        rm -f "$file"
    done
}

require_tools() {
    local missing=()
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v envsubst >/dev/null || missing+=(gettext-base)
    [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "stack: missing ${missing[*]} (apt-get install ${missing[*]})" >&2
        exit 1
    fi
}

refuse_if_running() {
    if [ -d "$PIDS" ] && ls "$PIDS"/*.pid >/dev/null 2>&1; then
        echo "stack: already running (make stack-down first)" >&2
        exit 1
    fi
}

up() {
    PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
    require_tools
    refuse_if_running
    trap 'say "failed; the logs are in .stack/log"; down' ERR
    rm -rf "$STACK_DIR/media" "$STACK_DIR/mail" "$STACK_DIR/nginx" "$STACK_DIR/varnish" "$LOG"
    mkdir -p "$PIDS" "$LOG" "$STACK_DIR/media" "$STACK_DIR/mail" "$STACK_DIR/nginx"
    local host
    host=$("$PYTHON" -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname)' "$BASE_URL")

    say "PostgreSQL ($PG_BIN)"
    local pg_dir
    pg_dir=$(mktemp -d /tmp/doan-stack-pg.XXXXXX)
    chmod 755 "$pg_dir"
    printf '%s\n%s\n' "$pg_dir" "$PG_BIN" >"$STACK_DIR/pg"
    if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; fi
    as_postgres "$PG_BIN/initdb" -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$pg_dir/data" >"$LOG/initdb.log"
    as_postgres "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" \
        -o "-k $pg_dir -c listen_addresses=''" -w start >/dev/null
    as_postgres "$PG_BIN/createdb" -h "$pg_dir" -U postgres doan
    local socket
    socket=$("$PYTHON" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$pg_dir")

    say "Redis on $REDIS_PORT, SMTP sink on $SMTP_PORT"
    start redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
        --dir "$STACK_DIR"
    start smtp "$PYTHON" scripts/smtp_sink.py --port "$SMTP_PORT" --folder "$STACK_DIR/mail"

    cat >"$STACK_DIR/env" <<EOF
# Written by scripts/stack.sh up; removed by down. Load with: set -a; . .stack/env; set +a
DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=stack-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
BASE_URL=$BASE_URL
ALLOWED_HOSTS=$host,127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=$BASE_URL
DATABASE_URL=postgres://postgres@$socket/doan
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
MEDIA_ROOT=$STACK_DIR/media
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$SMTP_PORT
EMAIL_USE_TLS=false
FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:$CACHE_PORT
GUNICORN_BIND=127.0.0.1:$APP_PORT
FORWARDED_ALLOW_IPS=127.0.0.1
TRUSTED_PROXIES=127.0.0.1
WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
# A member import silent this long died with its worker (the journey kills one on purpose).
MEMBERS_IMPORT_STALE_SECONDS=${MEMBERS_IMPORT_STALE_SECONDS:-20}
# The stack speaks plain HTTP on loopback: no HTTPS redirect, HSTS or Secure-only cookies.
SECURE_SSL_REDIRECT=false
SECURE_HSTS_SECONDS=0
SESSION_COOKIE_SECURE=false
CSRF_COOKIE_SECURE=false
DEMO_CONTENT_ALLOWED=${STACK_DEMO:-0}
STACK_DIR=$STACK_DIR
STACK_PROXY_URL=http://127.0.0.1:$PORT
STACK_APP_URL=http://127.0.0.1:$APP_PORT
STACK_CACHE_URL=http://127.0.0.1:$CACHE_PORT
STACK_MAIL_DIR=$STACK_DIR/mail
STACK_PG_DIR=$pg_dir
PG_BIN=$PG_BIN
EOF
    set -a
    # shellcheck disable=SC1091
    . "$STACK_DIR/env"
    set +a
    export PATH="$ROOT/.venv/bin:$PATH"

    say "migrate, static files, site address"
    "$PYTHON" scripts/compile_messages.py >/dev/null
    sh deploy/entrypoint.sh migrate >"$LOG/migrate.log"
    tail -n 1 "$LOG/migrate.log"
    if [ "${STACK_DEMO:-0}" = 1 ]; then
        say "demo content"
        "$PYTHON" manage.py load_demo --once >"$LOG/demo.log"
    fi

    say "gunicorn on $APP_PORT, worker, scheduler"
    start app sh deploy/entrypoint.sh web
    start worker sh deploy/entrypoint.sh worker
    start scheduler sh deploy/entrypoint.sh scheduler

    say "Varnish on $CACHE_PORT, nginx on $PORT (balancer on $BALANCER_PORT)"
    mkdir -p "$STACK_DIR/varnish"
    cat >"$STACK_DIR/varnish/backend.vcl" <<EOF
# The native stack's part of deploy/varnish/default.vcl (written by scripts/stack.sh).
backend default {
    .host = "127.0.0.1";
    .port = "$BALANCER_PORT";
    .first_byte_timeout = 60s;
}
acl purgers {
    "127.0.0.1";  # the app, the worker and the scheduler; nginx refuses PURGE from readers
}
EOF
    start cache varnishd -F -j none -a "127.0.0.1:$CACHE_PORT" -T none -s malloc,128m \
        -n "$STACK_DIR/varnish/work" -p vcl_path="$STACK_DIR/varnish:$ROOT/deploy/varnish" \
        -f default.vcl
    mkdir -p "$STACK_DIR/nginx/body" "$STACK_DIR/nginx/proxy" "$STACK_DIR/nginx/fastcgi" \
        "$STACK_DIR/nginx/uwsgi" "$STACK_DIR/nginx/scgi"
    PROXY_LISTEN=127.0.0.1:$PORT CACHE_UPSTREAM=127.0.0.1:$CACHE_PORT \
        STATIC_ROOT=$ROOT/staticfiles \
        sh deploy/nginx/render.sh deploy/nginx/front.conf.template "$STACK_DIR/nginx/front.conf"
    BALANCER_LISTEN=127.0.0.1:$BALANCER_PORT APP_UPSTREAM=127.0.0.1:$APP_PORT \
        sh deploy/nginx/render.sh deploy/nginx/balancer.conf.template \
        "$STACK_DIR/nginx/balancer.conf"
    sh deploy/nginx/render.sh deploy/nginx/native.conf.template "$STACK_DIR/nginx/nginx.conf"
    # As root, nginx's workers run as nobody: they write temp files for large uploads.
    if [ "$(id -u)" = 0 ]; then chown -R nobody "$STACK_DIR/nginx"; fi
    nginx -t -q -c "$STACK_DIR/nginx/nginx.conf" -p "$STACK_DIR/nginx" 2>>"$LOG/nginx.log"
    start nginx nginx -c "$STACK_DIR/nginx/nginx.conf" -p "$STACK_DIR/nginx" -g 'daemon off;'

    for _ in $(seq 120); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/healthz")" = 200 ]; then
            trap - ERR
            say "up at $BASE_URL (environment in .stack/env)"
            return 0
        fi
        for file in "$PIDS"/*.pid; do
            if ! running "$file"; then
                echo "stack: $(basename "$file" .pid) exited; see .stack/log" >&2
                tail -n 20 "$LOG/$(basename "$file" .pid).log" >&2 || true
                false
            fi
        done
        sleep 0.5
    done
    echo "stack: $BASE_URL/healthz did not answer 200 within a minute" >&2
    false
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    test)
        refuse_if_running  # never take down a stack someone else started
        # Whatever happens (a failed journey, a timeout's TERM), the stack comes down.
        trap down EXIT
        trap 'exit 143' TERM INT
        STACK_DEMO=1 up  # the journeys read the demo's articles, documents and members
        STACK_ENV=$STACK_DIR/env "$PYTHON" -m pytest tests/stack -m stack -q \
            ${PYTEST_ARGS:-}
        ;;
    *)
        echo "usage: $0 up|down|test" >&2
        exit 2
        ;;
esac
