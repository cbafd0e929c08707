#!/bin/sh
# Container entry point.
#   web     apply migrations, then serve with gunicorn on 0.0.0.0:8000
#   worker  run a Celery worker
#   *       run the given command (e.g. "python manage.py createsuperuser")
set -eu

case "${1:-web}" in
    web)
        shift || true
        python manage.py migrate --noinput
        exec gunicorn unionportal.wsgi:application \
            --bind 0.0.0.0:8000 \
            --workers "${GUNICORN_WORKERS:-3}" \
            --timeout "${GUNICORN_TIMEOUT:-60}" \
            --access-logfile - \
            --error-logfile - \
            "$@"
        ;;
    worker)
        shift || true
        exec celery -A unionportal worker --loglevel=INFO \
            --concurrency="${CELERY_CONCURRENCY:-2}" "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
