# UnionPortal production image: one image for the web process (gunicorn) and the Celery worker.
#
#   docker build -t unionportal .
#   docker compose up -d          # see docker-compose.yml
#
# Static files are collected at build time (hashed names, compressed, served by WhiteNoise);
# uploaded and generated files go to MEDIA_ROOT, a volume.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=unionportal.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    VAR_DIR=/data/var

# WeasyPrint's native libraries and the CJK fonts the PDFs are set in.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 unionportal \
    && useradd --system --uid 10001 --gid unionportal --home-dir /app \
        --shell /usr/sbin/nologin unionportal

WORKDIR /app

# Runtime requirements only (no test or lint tools); a layer of its own for the build cache.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The code stays owned by root: the process can read it but not change it.
COPY . .

# collectstatic needs production settings (DEBUG off selects the manifest storage), and
# production settings refuse to start without a SECRET_KEY: give it a throwaway one for this
# step only. It is not kept in the image's environment.
RUN DEBUG=false \
    SECRET_KEY=build-time-only-collectstatic-key-not-used-at-run-time-0123456789 \
    PERSONAL_DATA_KEY=build-time-only-collectstatic-key-not-used-at-run-time-9876543210 \
    python manage.py collectstatic --noinput \
    && python -m compileall -q unionportal organisations ledger jobs members \
    && install -d -o unionportal -g unionportal -m 0750 /data/media /data/var

USER unionportal
EXPOSE 8000

ENTRYPOINT ["sh", "/app/docker/entrypoint.sh"]
CMD ["web"]
