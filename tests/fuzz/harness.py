"""One hostile request, and what must be true of its answer.

- The answer is a page redisplayed with messages (200) or a redirect (302): never a 500.
- A refusal (a 200, or a redirect carrying an error message) wrote nothing: every table of
  the portal (records and their history) has as many rows as before, and the record being
  edited is as it was.
- An acceptance stored what the form cleaned: the record read back holds the cleaned
  values, no NUL character (PostgreSQL refuses them, so SQLite must never hold one either)
  and no text longer than its column; the page it redirects to opens.

Each request runs in a savepoint rolled back afterwards, so examples do not see each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.apps import apps
from django.contrib.messages import constants
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils.datastructures import MultiValueDict
from hypothesis import event
from hypothesis.control import currently_in_test_context

PROJECT_APPS = ("organisations", "ledger", "jobs", "members", "competitions", "activities",
                "rights", "welfare", "reports")


@dataclass
class Page:
    """A page under fire: where to send, as whom, which fields, and how to check it."""

    url: str
    user: object
    plans: list  # of plans.FieldPlan
    method: str = "post"
    bind: Callable[[dict], forms.BaseForm] | None = None  # the page's form, in-process
    model: type[models.Model] | None = None  # what an accepted post writes
    pk: object = None  # the record being edited, if any
    accepts: Callable | None = None  # (response, data) -> extra checks of an accepted post
    answers: tuple = (200, 302)  # 403 where a field asks for a step the role may not take,
    # 400 where the multipart parser refuses the request (a file name of kilobytes)
    follow: bool = True  # open the page an acceptance redirects to (not a user's ``next``)
    share: float = 1.0  # of the profile's examples (a page that costs more gets fewer)
    not_stored: tuple = ()  # form fields that share a name with a column but are not it
    good: dict = field(default_factory=dict)  # a post the page accepts (varied by examples)
    reads: bool = False  # a page known to read its query string (test_queries.py)


def project_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if model._meta.app_label in PROJECT_APPS and model._meta.managed
            and not model._meta.proxy]


def row_counts() -> dict[str, int]:
    """Rows per table of the portal, in one query."""
    quote = connection.ops.quote_name
    tables = sorted({model._meta.db_table for model in project_models()})
    sql = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}"
                             for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def new_rows(before: dict[str, int], after: dict[str, int]) -> list[models.Model]:
    rows = []
    for model in project_models():
        added = after[model._meta.db_table] - before[model._meta.db_table]
        if added > 0:
            rows.extend(model._base_manager.order_by("-pk")[:added])
    return rows


def assert_storable(row: models.Model) -> None:
    """What PostgreSQL would refuse must not be in a row SQLite took."""
    for model_field in row._meta.concrete_fields:
        value = model_field.value_from_object(row)
        where = f"{row._meta.label}.{model_field.name} (pk {row.pk})"
        if isinstance(value, str):
            assert "\x00" not in value, f"NUL stored in {where}: {value!r}"
            limit = getattr(model_field, "max_length", None)
            if limit and isinstance(model_field, models.CharField):
                assert len(value) <= limit, f"{len(value)} characters stored in {where}"
        elif isinstance(model_field, models.JSONField):
            text = json.dumps(value, cls=model_field.encoder)
            assert "\\u0000" not in text, f"NUL stored in JSON {where}"


def assert_round_trip(saved: models.Model, form: forms.BaseForm, skip=()) -> None:
    """Every cleaned value of a field the record has is what the record now holds."""
    for name, value in form.cleaned_data.items():
        if name in skip:
            continue
        try:
            model_field = saved._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if (not model_field.concrete or model_field.many_to_many
                or form.fields[name].disabled):
            continue
        stored = model_field.value_from_object(saved)
        expected = value.pk if isinstance(value, models.Model) else value
        if isinstance(expected, Decimal) and stored is not None:
            stored = Decimal(stored)
        assert stored == expected, f"{name}: {stored!r} stored, {expected!r} cleaned"


def queued_messages(response) -> list:
    storage = getattr(response.wsgi_request, "_messages", None)
    return list(getattr(storage, "_queued_messages", []))


def refused(response) -> bool:
    return response.status_code == 200 or any(
        message.level >= constants.ERROR for message in queued_messages(response))


def _row(page: Page):
    if page.model is None or page.pk is None:
        return None
    return page.model._base_manager.filter(pk=page.pk).values().first()


def _pks(page: Page) -> set:
    if page.model is None or page.pk is not None:
        return set()
    return set(page.model._base_manager.values_list("pk", flat=True))


def as_posted(data: dict) -> MultiValueDict:
    """``data`` as the view reads it: a key sent several times keeps its last value."""
    return MultiValueDict({key: value if isinstance(value, list) else [value]
                           for key, value in data.items()})


def send(client, page: Page, data: dict):
    client.cookies.pop("messages", None)  # a previous example's flash messages
    if page.method == "get":
        return client.get(page.url, data)
    return client.post(page.url, data)


def attempt(client, page: Page, data: dict) -> None:
    """Send ``data`` in a savepoint that is rolled back whatever happens, and check it."""
    with transaction.atomic():
        try:
            _check(client, page, data)
        finally:
            transaction.set_rollback(True)


def attempt_read(client, page: Page, data: dict) -> None:
    """A page read with a hostile query string answers without a server error."""
    with transaction.atomic():
        try:
            response = send(client, page, data)
            assert response.status_code < 500, (response.status_code, page.url)
        finally:
            transaction.set_rollback(True)


def _check(client, page: Page, data: dict) -> None:
    before, row_before, pks_before = row_counts(), _row(page), _pks(page)
    form = page.bind(as_posted(data)) if page.bind else None
    form_valid = form.is_valid() if form is not None else None
    response = send(client, page, data)
    assert response.status_code in page.answers, (response.status_code, page.url)
    _count(response)
    if response.status_code in (400, 403) or refused(response):
        assert row_counts() == before, "a refused post wrote rows"
        assert _row(page) == row_before, "a refused post changed the record"
        return
    for row in new_rows(before, row_counts()):
        assert_storable(row)
    if form is not None:
        assert form_valid, f"accepted what the form refuses: {form.errors.as_data()}"
    saved = _saved(page, pks_before)
    if saved is not None:
        assert_storable(saved)
        if form is not None and hasattr(form, "cleaned_data"):
            assert_round_trip(saved, form, page.not_stored)
    if page.accepts is not None:
        page.accepts(response, data)
    if response.status_code == 302 and page.follow:
        shown = client.get(response["Location"])
        assert shown.status_code in (200, 302), (shown.status_code, response["Location"])


def _count(response) -> None:
    """Tell ``--hypothesis-show-statistics`` how often posts were refused or accepted."""
    if currently_in_test_context():
        event("refused" if refused(response) else "accepted", response.status_code)


def _saved(page: Page, pks_before: set):
    if page.model is None:
        return None
    if page.pk is not None:
        return page.model._base_manager.get(pk=page.pk)
    created = set(page.model._base_manager.values_list("pk", flat=True)) - pks_before
    assert len(created) <= 1, f"one post made {len(created)} {page.model._meta.label}"
    return page.model._base_manager.get(pk=created.pop()) if created else None
