#!/bin/sh
# The background task worker (mail, large member imports): django-tasks' database queue.
exec python manage.py db_worker --queue-name '*' --interval 1 --no-reload "$@"
