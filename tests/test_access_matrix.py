"""Every URL that takes an object id refuses the data of a union outside the user's subtree.

The list of such URLs is read from the URLconf, not written by hand: a new view with an id
in its route and no entry in MATRIX fails ``test_every_url_with_an_id_is_in_the_matrix``.
Each entry names how to make an object that belongs to union B; the test then requests it as
users of union A (a sibling grassroots cadre, and the official of A's street, who is beside
B's street, not above it) and expects 403 or 404 with none of the object's data in the page.
The owner's own request is the control: it must succeed, so a broken URL cannot pass.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobs.services import job_finish, job_request
from tests.factories import chronicle

MARKER = "机密-乙方-专用标题"


def _chronicle_b(t):
    return {"pk": chronicle(t.union_b, t.cadre_b, t.day, title=MARKER).pk}


def _job_b(t):
    job = job_request(kind="chronicle_pdf", organisation=t.union_b, actor=t.cadre_b,
                      params={"year": t.year, "filename": MARKER})
    job_finish(job, filename=f"{MARKER}.pdf", content=b"%PDF-1.7 " + MARKER.encode())
    return {"job_id": job.pk}


# url name -> (how to make union B's object, HTTP methods to try, owner's expected status
# [, the owners who get it: by default union B's cadre and the district official — a view
# for officials only names the official]).
# Apps add their own entries in tests/<app>/access_matrix*.py (a dict named ENTRIES).
MATRIX = {
    "organisations:detail": (lambda t: {"pk": t.union_b.pk}, ["get"], 200),
    "ledger:chronicle_detail": (_chronicle_b, ["get"], 200),
    "ledger:chronicle_update": (_chronicle_b, ["get", "post"], 200),
    "ledger:chronicle_delete": (_chronicle_b, ["get", "post"], 200),
    "jobs:detail": (_job_b, ["get"], 200),
    "jobs:status": (_job_b, ["get"], 200),
    "jobs:download": (_job_b, ["get"], 200),
    "jobs:retry": (_job_b, ["post"], 302),
}


def _collect_app_entries() -> None:
    import importlib
    import pkgutil

    import tests

    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if info.name.rsplit(".", 1)[-1].startswith("access_matrix"):
            entries = importlib.import_module(info.name).ENTRIES
            clash = set(entries) & set(MATRIX)
            assert not clash, f"{info.name} repeats {clash}"
            MATRIX.update(entries)


_collect_app_entries()
# Namespaces whose views are reached only by superusers (see test_admin_refuses_...).
SUPERUSER_ONLY = {"admin"}


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield namespace, entry


def urls_with_ids() -> set[str]:
    found = set()
    for namespace, pattern in _patterns():
        if namespace in SUPERUSER_ONLY or not getattr(pattern.pattern, "converters", None):
            continue
        assert pattern.name, f"a URL with ids has no name: {pattern.pattern}"
        found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return found


def test_every_url_with_an_id_is_in_the_matrix():
    missing = urls_with_ids() - set(MATRIX)
    assert not missing, f"views that take an id but are not in the access matrix: {missing}"
    stale = set(MATRIX) - urls_with_ids()
    assert not stale, f"matrix entries with no URL: {stale}"


def _request(client, method, url):
    return getattr(client, method)(url)


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("outsider", ["cadre_a", "official_street_a"])
def test_outsiders_get_no_data(tree, client, name, outsider):
    make, methods, *_ok = MATRIX[name]
    url = reverse(name, kwargs=make(tree))
    client.force_login(getattr(tree, outsider))
    for method in methods:
        response = _request(client, method, url)
        assert response.status_code in (403, 404), (method, url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        assert MARKER.encode() not in body
        assert tree.union_b.name.encode() not in body


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_owner_and_the_federation_above_get_the_page(tree, client, name):
    make, methods, ok, *owners = MATRIX[name]
    url = reverse(name, kwargs=make(tree))
    for owner in owners[0] if owners else ("cadre_b", "official_district"):
        client.force_login(getattr(tree, owner))
        assert _request(client, methods[0], url).status_code == ok, (name, owner)


def test_anonymous_users_are_sent_to_login(tree, client):
    for name, (make, methods, *_ok) in MATRIX.items():
        response = _request(client, methods[-1], reverse(name, kwargs=make(tree)))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_admin_refuses_everyone_but_superusers(tree, client):
    url = reverse("admin:organisations_organisation_change", args=[tree.union_b.pk])
    for user in (tree.cadre_a, tree.official_district):
        user.is_staff = True
        user.save()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(tree.superuser)
    assert client.get(url).status_code == 200
