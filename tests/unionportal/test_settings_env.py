"""Settings come from the environment; a bad value stops start-up with the variable's name."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from unionportal import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def environ(monkeypatch):
    def set_(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("0", False), ("Off", False),
                                                ("yes", True)])
def test_booleans(environ, raw, expected):
    environ(FLAG=raw)
    assert env.env_bool("FLAG", not expected) is expected


@pytest.mark.parametrize(("reader", "raw"), [
    (lambda: env.env_bool("X", False), "flase"),
    (lambda: env.env_int("X", 1), "12a"),
    (lambda: env.env_int("X", 1, minimum=0), "-3"),
    (lambda: env.env_list("X", []), "a,,b"),
    (lambda: env.env_path("X", Path("/tmp")), "relative/media"),
    (lambda: env.env_url("X", None, schemes={"redis"}), "amqp://broker/"),
    (lambda: env.env_url("X", None, schemes={"postgres"}), "postgres:///nohost"),
])
def test_bad_values_fail_loudly_naming_the_variable(environ, reader, raw):
    environ(X=raw)
    with pytest.raises(ImproperlyConfigured, match="X"):
        reader()


def test_unset_and_blank_mean_default(environ, monkeypatch):
    monkeypatch.delenv("X", raising=False)
    assert env.env_list("X", ["a"]) == ["a"]
    environ(X="  ")
    assert env.env_int("X", 7) == 7


def test_secret_key_rules(environ, monkeypatch, tmp_path):
    monkeypatch.delenv("SK", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SK must be set"):
        env.secret_key("SK", debug=False, fallback_file=tmp_path / "k")
    first = env.secret_key("SK", debug=True, fallback_file=tmp_path / "k")
    assert env.secret_key("SK", debug=True, fallback_file=tmp_path / "k") == first
    environ(SK="short")
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        env.secret_key("SK", debug=False, fallback_file=tmp_path / "k")
    environ(SK="change-me-to-50-or-more-random-characters-generated-for-this-site-only")
    with pytest.raises(ImproperlyConfigured, match="example value"):
        env.secret_key("SK", debug=False, fallback_file=tmp_path / "k")


def _manage(*args, **overrides):
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY",
                                 "PERSONAL_DATA_KEY"}}
    environment.update(overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_a_typo_in_production_config_stops_the_process(tmp_path):
    result = _manage("check", DEBUG="flase", VAR_DIR=str(tmp_path))
    assert result.returncode != 0 and "DEBUG='flase' is not a boolean" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="portal.example.org",
        PERSONAL_DATA_KEY=secrets.token_urlsafe(64),
        VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("jit", "expected"), [(None, "-c jit=off"), ("true", None)])
def test_postgresql_sessions_run_without_jit_unless_asked(tmp_path, jit, expected):
    """The report's many-filter aggregates spent more time in LLVM compilation than in
    execution; the setting is read without connecting to the database."""
    overrides = {"DATABASE_URL": "postgres://u:p@127.0.0.1:1/none", "VAR_DIR": str(tmp_path)}
    if jit:
        overrides["DB_JIT"] = jit
    result = _manage("shell", "-c", "from django.conf import settings; "
                     "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))",
                     **overrides)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(expected)
