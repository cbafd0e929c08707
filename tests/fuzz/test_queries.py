"""Every page's query string under hostile input: filters, years, cursors and ids typed
into the address bar answer with a page (or a redirect, or a 404), never a 500.

The pages are every named view of the portal that answers a GET (ids made by the access
matrix's makers on the mirrored tree, so they are union A's); an example sends some of the
parameters the views read, each with a hostile value. The pages that read the query string
(every list, and ``READS_QUERY``) each get their own examples; every other page gets a
share of examples drawn over all pages.
"""

from __future__ import annotations

import base64
import json
import traceback

from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import hostile
from tests.fuzz.conftest import examples
from tests.fuzz.harness import Page, attempt_read
from tests.fuzz.sides import mirrored
from tests.fuzz.targets import _kind, _owner, _writer, answers_get, url_names
from tests.test_access_matrix import MATRIX

# Views that read the query string beyond ?year= and ?page= (which every list reads).
READS_QUERY = {"ledger:audit_log", "members:list", "members:export", "welfare:case_list",
               "welfare:grants_batch", "reports:dashboard", "reports:list", "rights:index",
               "welfare:index"}
IDS = st.one_of(st.sampled_from(hostile.ID_SHAPES), hostile.hostile_number())
CHOICES = hostile.hostile_choice(["year", "first_half", "active", "male", "regular", "name",
                                  "-join_date", "on_file", "closed"])


def cursors() -> st.SearchStrategy[str]:
    """Opaque page cursors: junk, and well-formed base64 of JSON that lies."""
    values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                       st.text(hostile.ANY_CHARACTER, max_size=12),
                       st.sampled_from(["9999-12-31", "0001-01-01", "2025-02-30", "1e309"]))
    lying = st.lists(values, max_size=4).map(
        lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode().rstrip("="))
    return st.one_of(lying, hostile.hostile_text(400))


QUERY = st.fixed_dictionaries({}, optional={
    **dict.fromkeys(("year", "join_year", "page", "user", "organisation"), IDS),
    **dict.fromkeys(("q", "name", "id_last4", "phone"), hostile.hostile_text(60)),
    **dict.fromkeys(("show", "status", "gender", "employment_form", "sort", "period"),
                    CHOICES),
    "before": st.one_of(cursors(), hostile.hostile_date()),
    "after": cursors(),
}).filter(bool)  # a page without a query string is read by every other test


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
        pages.append(Page(reverse(name, kwargs=kwargs), user, [], method="get",
                          reads=name in READS_QUERY or _kind(pattern) == "record_list"))
    return pages


def _clients(pages) -> dict:
    clients = {}
    for page in pages:
        if page.user.pk not in clients:
            clients[page.user.pk] = Client()
            clients[page.user.pk].force_login(page.user)
    return clients


def test_query_strings_answer_hostile_input(campaign):
    """One run per page that reads the query string (failures gathered, so that one page's
    does not hide another's), then a run over every page."""
    pages = readable_pages(campaign)
    clients, failures = _clients(pages), []
    for page in pages:
        if page.reads:
            try:
                _read_with_hostile_queries(clients[page.user.pk], page)
            except Exception as error:  # reported below, with Hypothesis's example
                failures.append(
                    f"{page.url}\n{''.join(traceback.format_exception(error))[-4000:]}")
    assert not failures, "\n\n".join(failures)

    @settings(max_examples=examples(2))
    @given(page=st.sampled_from(pages), query=QUERY)
    def any_page(page, query):
        attempt_read(clients[page.user.pk], page, query)

    any_page()


def _read_with_hostile_queries(client, page) -> None:
    @settings(max_examples=examples(0.6))
    @given(query=QUERY)
    def hostile_query(query):
        attempt_read(client, page, query)

    hostile_query()
