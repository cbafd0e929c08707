"""Impossible combinations are refused by the models' validation (and so by every writer)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.rights import factories as f

DAY = dt.date(2025, 6, 1)


def refused(field, make, *args, **kwargs):
    with pytest.raises(ValidationError) as info:
        make(*args, **kwargs)
    assert field in info.value.message_dict, info.value.message_dict
    return info.value.message_dict[field]


def test_sessions(tree):
    refused("delegates_present", f.session, tree.union_a, tree.cadre_a,
            delegates_elected=100, delegates_present=101)
    f.session(tree.union_a, tree.cadre_a, delegates_elected=100, delegates_present=100)
    with pytest.raises(ValidationError):  # same congress, term and session twice
        f.session(tree.union_a, tree.cadre_a)


def test_resolution_votes_and_adoption(tree):
    session = f.session(tree.union_a, tree.cadre_a, delegates_elected=101,
                        delegates_present=90)
    refused("votes_for", f.resolution, session, tree.cadre_a, votes_for=80,
            votes_against=8, votes_abstain=3)
    assert not f.resolution(session, tree.cadre_a, votes_for=50, votes_against=20).adopted
    assert f.resolution(session, tree.cadre_a, votes_for=51, votes_against=20).adopted


def test_motions(tree):
    a, cadre = tree.union_a, tree.cadre_a
    refused("merged_into", f.motion, a, cadre, review_outcome="merged")
    target = f.motion(a, cadre, number="2")
    other_union = f.motion(tree.union_b, tree.cadre_b, number="9")
    refused("merged_into", f.motion, a, cadre, merged_into=target)  # not marked merged
    refused("merged_into", f.motion, a, cadre, review_outcome="merged",
            merged_into=other_union)
    f.motion(a, cadre, review_outcome="merged", merged_into=target)
    refused("reply_date", f.motion, a, cadre, date=DAY, reply="已答复",
            reply_date=DAY - dt.timedelta(days=1))
    refused("reply_date", f.motion, a, cadre, reply="已答复")
    refused("reply_date", f.motion, a, cadre, reply_date=DAY)
    refused("reply_deadline", f.motion, a, cadre, date=DAY,
            reply_deadline=DAY - dt.timedelta(days=1))
    refused("satisfaction", f.motion, a, cadre, satisfaction="satisfied")
    refused("carried_over", f.motion, a, cadre, implementation="implemented",
            carried_over=True)
    refused("session", f.motion, a, cadre, session=f.session(tree.union_b, tree.cadre_b))


def test_contracts(tree):
    refused("end_date", f.contract, tree.union_a, tree.cadre_a, date=DAY, end_date=DAY)
    refused("enterprises_covered", f.contract, tree.union_a, tree.cadre_a,
            scope="enterprise", enterprises_covered=12)
    f.contract(tree.union_a, tree.cadre_a, scope="regional", enterprises_covered=12)


def test_disputes(tree):
    a, cadre = tree.union_a, tree.cadre_a
    refused("outcome", f.dispute, a, cadre, closed_on=DAY)
    refused("closed_on", f.dispute, a, cadre, outcome="settled")
    refused("closed_on", f.dispute, a, cadre, date=DAY, outcome="settled",
            closed_on=DAY - dt.timedelta(days=1))
    refused("knew_on", f.dispute, a, cadre, date=DAY, knew_on=DAY + dt.timedelta(days=1))
    refused("extended_until", f.dispute, a, cadre, mediation_extended=True)
    refused("extended_until", f.dispute, a, cadre, extended_until=DAY + dt.timedelta(30))
    refused("extended_until", f.dispute, a, cadre, date=DAY, mediation_extended=True,
            extended_until=DAY + dt.timedelta(days=15))
    refused("amount", f.dispute, a, cadre, amount=Decimal("-1"))
    refused("workers_involved", f.dispute, a, cadre, workers_involved=0)
    f.dispute(a, cadre, date=DAY, mediation_extended=True,
              extended_until=DAY + dt.timedelta(days=16), outcome="settled", closed_on=DAY)


def test_petitions(tree):
    refused("outcome", f.petition, tree.union_a, tree.cadre_a, handled_on=DAY)
    refused("handled_on", f.petition, tree.union_a, tree.cadre_a, outcome="resolved")
    refused("handled_on", f.petition, tree.union_a, tree.cadre_a, date=DAY,
            outcome="resolved", handled_on=DAY - dt.timedelta(days=1))
