# The app image of compose.yaml: one image for the web, worker, scheduler and one-shot migrate
# services (deploy/entrypoint.sh picks the process). nginx and Varnish in front of it run the
# same deploy/ files as the native stack that CI tests (`make stack-test`, docs/deploy.md).

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# The lock names every package with its hashes, and each has a wheel for this platform: no
# compiler or -dev headers in the image.
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --require-hashes --only-binary=:all: --no-deps -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 doan
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=doan:doan . /app
# Catalogues and static files are built into the image; collectstatic needs only dummy secrets.
RUN python scripts/compile_messages.py \
    && SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown doan:doan /app/media
USER doan
EXPOSE 8000
# Meaningful for the web process only; compose turns it off for the others. It names the first
# of ALLOWED_HOSTS, which production requires, or Django would refuse the request's host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS -H "Host: ${ALLOWED_HOSTS%%,*}" "http://127.0.0.1:8000/healthz" || exit 1
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["web"]
