"""Every page's query string under hostile input: filters, years, cursors and ids typed
into the address bar answer with a page (or a redirect, or a 404), never a 500.

The pages are every named view of the portal (ids made by the access matrix's makers on
the mirrored tree, so they are union A's); the parameters are those the views read.
"""

from __future__ import annotations

import base64
import json

from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from members.forms import MemberFilterForm
from tests.fuzz import hostile
from tests.fuzz.conftest import examples
from tests.fuzz.harness import Page, attempt_read
from tests.fuzz.plans import plan_form, post_data, raw
from tests.fuzz.sides import mirrored, scope_of
from tests.fuzz.targets import _owner, _writer, answers_get, url_names
from tests.test_access_matrix import MATRIX

IDS = st.one_of(hostile.foreign_ids([1, 2, 3]), hostile.hostile_number())


def cursors() -> st.SearchStrategy[str]:
    """Opaque page cursors: junk, and well-formed base64 of JSON that lies."""
    values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                       st.text(hostile.ANY_CHARACTER, max_size=12),
                       st.sampled_from(["9999-12-31", "0001-01-01", "2025-02-30", "1e309"]))
    lying = st.lists(values, max_size=4).map(
        lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode().rstrip("="))
    return st.one_of(lying, hostile.hostile_text(400))


def query_plans(scope) -> list:
    filters = plan_form(MemberFilterForm(scope=scope))
    return [plan for plan in filters if plan.key != "organisation"] + [
        raw(key, st.just(None), IDS) for key in ("year", "page", "user", "organisation")
    ] + [
        raw("q", st.just(None)), raw("show", st.just(None)),
        raw("period", st.just(None), hostile.hostile_choice(["year", "first_half"])),
        raw("before", st.just(None), st.one_of(cursors(), hostile.hostile_date())),
        raw("after", st.just(None), cursors()),
    ]


def readable_pages(t) -> list[Page]:
    """Every page that answers a plain GET, as a user who may read it."""
    mirror, pages = mirrored(t), []
    for name, pattern in url_names().items():
        if not answers_get(pattern):
            continue
        if name in MATRIX:
            kwargs, user = _owner(name, mirror)
        elif getattr(pattern.pattern, "converters", None):
            continue  # every URL with ids is in the matrix (test_access_matrix checks)
        else:
            kwargs, user = {}, _writer(t, pattern)
        pages.append(Page(reverse(name, kwargs=kwargs), user, [], method="get"))
    return pages


def test_query_strings_answer_hostile_input(campaign):
    pages = readable_pages(campaign)
    clients = {}
    for page in pages:
        if page.user.pk not in clients:
            clients[page.user.pk] = Client()
            clients[page.user.pk].force_login(page.user)
    plans = query_plans(scope_of(campaign.cadre_a))

    @settings(max_examples=examples(6))
    @given(page=st.sampled_from(pages), data=post_data(plans))
    def hostile_query(page, data):
        attempt_read(clients[page.user.pk], page, data)

    hostile_query()
