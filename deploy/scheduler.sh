#!/bin/sh
# Publishes and unpublishes scheduled pages every minute (`publish_scheduled` in a loop).
exec python manage.py run_scheduler "$@"
