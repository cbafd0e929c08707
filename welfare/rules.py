"""The federations' policy rules, checked when a grant is entered.

A rule set on a federation applies to it and every union below. It limits, for one
programme (or all; for visits, perhaps one reason), either the cash and goods a person
receives or the number of grants, per year or per illness per year. The person is the
grant's ``person_hash``, so grants to the same worker by different unions count together;
grants to collectives are not per person and no rule applies to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from reports.text import money, number
from welfare.choices import RuleAction, RuleMeasure, RulePer
from welfare.models import AidGrant, AidRule


@dataclass(frozen=True)
class Breach:
    rule: AidRule
    message: str

    @property
    def refuses(self) -> bool:
        return self.rule.action == RuleAction.REFUSE


def _applies(rule: AidRule, grant: AidGrant) -> bool:
    if rule.programme and rule.programme != grant.programme:
        return False
    return not (rule.visit_reason and rule.visit_reason != grant.visit_reason)


def _earlier(rule: AidRule, grant: AidGrant):
    """The person's other grants in the year that the rule counts together with this one."""
    grants = AidGrant.objects.filter(person_hash=grant.person_hash,
                                     date__year=grant.date.year)
    if grant.pk:
        grants = grants.exclude(pk=grant.pk)
    if rule.programme:
        grants = grants.filter(programme=rule.programme)
    if rule.visit_reason:
        grants = grants.filter(visit_reason=rule.visit_reason)
    if rule.per == RulePer.ILLNESS_YEAR:
        grants = grants.filter(illness__iexact=grant.illness.strip())
    return grants


def _breach(rule: AidRule, grant: AidGrant) -> Breach | None:
    figures = _earlier(rule, grant).aggregate(
        grants=Count("pk"), amount=Sum(F("cash") + F("goods"), default=Decimal("0")))
    cited = _("%(rule)s (%(source)s)") % {"rule": rule.title, "source": rule.source_document}
    if rule.measure == RuleMeasure.AMOUNT:
        total = Decimal(figures["amount"]) + grant.amount
        if total <= rule.limit:
            return None
        detail = _("this grant brings the person's aid for the year to %(total)s, above the "
                   "limit of %(limit)s.") % {"total": money(total), "limit": money(rule.limit)}
    else:
        count = figures["grants"] + 1
        if count <= rule.limit:
            return None
        detail = (_("this would be grant %(count)s for the same illness this year, where "
                    "the limit is %(limit)s.") if rule.per == RulePer.ILLNESS_YEAR
                  else _("this would be grant %(count)s this year, where the limit is "
                         "%(limit)s.")) % {"count": count, "limit": number(int(rule.limit))}
    return Breach(rule, f"{cited}: {detail}")


def breaches(grant: AidGrant) -> list[Breach]:
    """The rules this grant would break, warnings and refusals alike (refusals first)."""
    if not grant.person_hash or grant.date is None:
        return []
    rules = [rule for rule in AidRule.objects.applying_to(grant.organisation, grant.date)
             if _applies(rule, grant)]
    found = [breach for rule in rules if (breach := _breach(rule, grant)) is not None]
    return sorted(found, key=lambda breach: not breach.refuses)
