"""Shared fixtures: a small tree with an owner, a sibling and a parent, as in DESIGN.md.

    district (明湖区总工会)
    ├── street_a (东关街道总工会)
    │   ├── union_a (机械厂工会)        ← cadre_a, viewer_a
    │   │   └── branch_a (铸造车间分工会)
    │   └── union_a2 (第一中学工会)
    └── street_b (文化路街道总工会)
        └── union_b (软件园联合工会)    ← cadre_b   (the sibling "outsider")
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from organisations.models import Kind, Level, RoleKind
from organisations.services import organisation_create, role_grant
from unionportal.celery import app as celery_app

pytest_plugins = ["tests.worker"]  # the real-worker fixture

PASSWORD = "Test-pass-2026!"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery():
    """Unit tests run tasks in-process; tests marked ``worker`` use a real one."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


class Tree:
    """Organisations and users of the fixture tree, by attribute."""


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)


@pytest.fixture
def tree(db) -> Tree:
    t = Tree()
    t.district = organisation_create(parent=None, name="明湖区总工会", level=Level.DISTRICT)
    t.street_a = organisation_create(parent=t.district, name="东关街道总工会",
                                     level=Level.STREET)
    t.street_b = organisation_create(parent=t.district, name="文化路街道总工会",
                                     level=Level.STREET)
    t.union_a = organisation_create(parent=t.street_a, name="机械厂工会",
                                    level=Level.GRASSROOTS, employee_count=860)
    t.union_a2 = organisation_create(parent=t.street_a, name="第一中学工会",
                                     level=Level.GRASSROOTS, employee_count=210)
    t.branch_a = organisation_create(parent=t.union_a, name="铸造车间分工会",
                                     level=Level.BRANCH)
    t.union_b = organisation_create(parent=t.street_b, name="软件园联合工会",
                                    level=Level.GRASSROOTS, kind=Kind.JOINT,
                                    enterprises_covered=31, employee_count=2100)
    roles = {
        "cadre_a": (t.union_a, RoleKind.CADRE),
        "viewer_a": (t.union_a, RoleKind.VIEWER),
        "cadre_b": (t.union_b, RoleKind.CADRE),
        "official_street_a": (t.street_a, RoleKind.OFFICIAL),
        "official_district": (t.district, RoleKind.OFFICIAL),
    }
    for username, (organisation, kind) in roles.items():
        user = make_user(username)
        role_grant(user=user, organisation=organisation, kind=kind)
        setattr(t, username, user)
    t.superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    t.year = 2025
    t.day = dt.date(2025, 6, 1)
    return t


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
