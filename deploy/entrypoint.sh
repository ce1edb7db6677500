#!/bin/sh
# The one way the app's processes start, in the Docker image (ENTRYPOINT) and in the native
# stack (scripts/stack.sh), so the two cannot drift:
#   migrate    one-shot before the others: migrations, static files, the Site from BASE_URL
#   web        gunicorn with deploy/gunicorn.conf.py (the default)
#   worker     the background task worker (mail, large member imports)
#   scheduler  publishes and unpublishes scheduled pages every minute
# Anything else is run as given (e.g. `python manage.py createsuperuser`).
set -eu
cd "$(dirname "$0")/.."

case "${1:-web}" in
    migrate)
        python manage.py migrate --noinput
        python manage.py collectstatic --noinput -v0
        python manage.py set_site_url
        ;;
    web)
        exec gunicorn -c deploy/gunicorn.conf.py cms.wsgi:application
        ;;
    worker)
        exec python manage.py db_worker --queue-name '*' --interval 1 --no-reload
        ;;
    scheduler)
        exec python manage.py run_scheduler
        ;;
    *)
        exec "$@"
        ;;
esac
