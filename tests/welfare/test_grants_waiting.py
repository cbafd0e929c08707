"""The grant list's counts of grants awaiting approval and payment: the subtree's, by status,
read through a partial index of the waiting grants (a district's grants are nearly all paid)."""

from django.urls import reverse

from tests.welfare import factories as f


def test_the_list_counts_the_waiting_grants_of_the_subtree(tree, login):
    def grant(union, cadre, **steps):
        return f.grant(union, cadre, member=f.member(union, cadre), **steps)

    official = tree.official_street_a
    grant(tree.union_a, tree.cadre_a)
    grant(tree.union_a2, official)
    grant(tree.union_a, tree.cadre_a, approver=official)
    grant(tree.union_a, tree.cadre_a, approver=official, paid_by=tree.cadre_a)
    grant(tree.union_b, tree.cadre_b)  # another street
    page = login(official).get(reverse("welfare:grant_list"), {"year": 2025})
    assert (page.context["grants_applied"], page.context["grants_approved"]) == (2, 1)
    assert 'id="grants-waiting"' in page.content.decode()
