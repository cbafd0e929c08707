"""The production settings (DEBUG off), built in a fresh process from the environment alone.

The test process itself runs with the development defaults, so production values are only
seen by starting Python again with production's variables, as gunicorn would.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json
import django
django.setup()
from django.conf import settings
from django.contrib.auth.password_validation import get_default_password_validators
from django.test import Client, override_settings

# no collectstatic here: name static files plainly instead of through the manifest
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    response = Client().get("/accounts/login/", secure=True,
                            HTTP_HOST="portal.example.org")
csrf = response.cookies["csrftoken"]
print(json.dumps({
    "status": response.status_code,
    "hsts": response.headers.get("Strict-Transport-Security"),
    "csp": response.headers.get("Content-Security-Policy"),
    "csrf_cookie": {"secure": bool(csrf["secure"]), "samesite": csrf["samesite"],
                    "httponly": bool(csrf["httponly"])},
    "settings": {name: getattr(settings, name) for name in [
        "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_AGE",
        "SESSION_SAVE_EVERY_REQUEST", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "LOG_FORMAT",
        "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF"]},
    "validators": {type(v).__name__: getattr(v, "min_length", None)
                   for v in get_default_password_validators()},
    "console_formatter": type(__import__("logging").getLogger().handlers[0].formatter).__name__,
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY",
                                 "PERSONAL_DATA_KEY", "LOG_FORMAT", "SESSION_COOKIE_AGE",
                                 "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"}}
    environment.update(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64),
        PERSONAL_DATA_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="portal.example.org",
        VAR_DIR=str(tmp), DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        DJANGO_SETTINGS_MODULE="unionportal.settings",
    )
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cookies_are_secure_http_only_and_same_site(production):
    values = production["settings"]
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    # and the cookie really sent says so
    assert production["status"] == 200
    assert production["csrf_cookie"]["secure"] and production["csrf_cookie"]["samesite"] == "Lax"


def test_https_is_enforced_with_hsts(production):
    values = production["settings"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert production["hsts"].startswith("max-age=31536000") and "includeSubDomains" in (
        production["hsts"])
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert "frame-ancestors 'none'" in production["csp"]


def test_a_session_ends_after_half_an_hour_idle_and_with_the_browser(production):
    values = production["settings"]
    assert values["SESSION_SAVE_EVERY_REQUEST"] is True
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True


def test_the_four_password_validators_with_ten_characters(production):
    assert production["validators"] == {
        "UserAttributeSimilarityValidator": None, "MinimumLengthValidator": 10,
        "CommonPasswordValidator": None, "NumericPasswordValidator": None,
    }


def test_production_logs_are_json_lines(production):
    assert production["settings"]["LOG_FORMAT"] == "json"
    assert production["console_formatter"] == "JsonFormatter"


@pytest.mark.parametrize(("password", "refused"), [
    ("Short-1a", True),           # 8 characters
    ("Nine-char", True),          # 9
    ("1234567890123", True),      # entirely numeric
    ("password123", True),        # common
    ("Ledger-2026x", False),      # 12, none of the above
])
def test_weak_passwords_are_refused(password, refused):
    if refused:
        with pytest.raises(ValidationError):
            validate_password(password)
    else:
        validate_password(password)
