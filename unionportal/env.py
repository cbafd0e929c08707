"""Strict readers for settings that come from environment variables.

A typo in production configuration ("DEBUG=flase", "DATABASE_URL=postgress://…") must stop
the process at start-up with a message naming the variable, not silently fall back to a
default that happens to work on a laptop.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of {sorted(_TRUE | _FALSE)}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item in its comma list.")
    return items


def env_path(name: str, default: Path) -> Path:
    value = _raw(name)
    if value is None:
        return default
    path = Path(value)
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name}={value!r} must be an absolute path.")
    return path


def env_url(name: str, default: str | None, *, schemes: set[str]) -> str | None:
    """Return a URL whose scheme is one of ``schemes``; refuse anything else."""
    value = _raw(name)
    if value is None:
        return default
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name} has scheme {parts.scheme!r}; expected one of {sorted(schemes)}."
        )
    if parts.scheme != "sqlite" and not parts.hostname:
        raise ImproperlyConfigured(f"{name} names no host.")
    return value


def secret_key(name: str, *, debug: bool, fallback_file: Path) -> str:
    """The SECRET_KEY: required in production; in development kept in a local file.

    The file is created once with a random key, so the embedded default never relies on a
    literal key in the source tree and sessions survive a restart of ``make run``.
    """
    value = _raw(name)
    if value is not None:
        if "change-me" in value:
            raise ImproperlyConfigured(f"{name} is still the example value: generate one.")
        if len(value) < 50 or len(set(value)) < 5:
            raise ImproperlyConfigured(f"{name} is too weak: use 50+ random characters.")
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    if fallback_file.exists():
        return fallback_file.read_text().strip()
    from django.core.management.utils import get_random_secret_key

    fallback_file.parent.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    fallback_file.write_text(key)
    fallback_file.chmod(0o600)
    return key
