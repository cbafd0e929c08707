"""Every form of the portal under hostile input: an answer with messages, never a 500,
never a partial write; what is accepted is stored as the form cleaned it.

The pages come from ``tests/fuzz/targets.py`` (found in the URLconf where possible); the
checks are in ``tests/fuzz/harness.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.fuzz.conftest import examples
from tests.fuzz.harness import attempt
from tests.fuzz.plans import post_data
from tests.fuzz.targets import classification, form_pages, url_names

PAGES = form_pages()


def test_every_page_is_classified():
    """A new view must be fuzzed as a form, or listed as taking no input or only reading."""
    unclassified = sorted(set(url_names()) - set(classification()))
    assert not unclassified, f"views the bad-input campaign does not cover: {unclassified}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_form_answers_hostile_input_with_messages(campaign, client, name):
    page = PAGES[name](campaign)
    client.force_login(page.user)

    @settings(max_examples=examples(page.share))
    @given(data=post_data(page.plans, page.good))
    def hostile_post(data):
        attempt(client, page, data)

    hostile_post()
