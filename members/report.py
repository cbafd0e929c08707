"""组织建设: the organisation-building figures of the annual report, for a subtree and period.

Two aggregate queries whatever the number of members (one over members, one over the
organisations of the subtree). A member counts where they are now: a transfer within the
system moves the membership record, so a past period counts transferred members under their
present union (the subtree's totals are unaffected when both unions lie inside it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, Sum

from members.choices import EmploymentForm, Gender, MemberStatus
from members.models import Member
from organisations.models import Level, Organisation


@dataclass(frozen=True)
class OrganisationBuilding:
    members_at_end: int
    joined: int
    left: int
    women: int
    migrant_workers: int
    new_form_workers: int
    unions_founded: int
    unions_total: int
    employees_where_known: int
    members_where_employees_known: int
    reelection_due: list[Organisation]

    @property
    def membership_rate(self) -> Decimal | None:
        """Members over employees, only over unions whose employee count is known (%)."""
        if not self.employees_where_known:
            return None
        rate = Decimal(100 * self.members_where_employees_known) / self.employees_where_known
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def is_empty(self) -> bool:
        return not (self.members_at_end or self.joined or self.left)


def _on_register_at(day: dt.date) -> Q:
    return Q(join_date__lte=day) & (Q(status=MemberStatus.ACTIVE) | Q(status_date__gt=day))


def organisation_building(organisation: Organisation, start: dt.date,
                          end: dt.date) -> OrganisationBuilding:
    at_end = _on_register_at(end)
    member_figures = Member.objects.within(organisation).aggregate(
        members_at_end=Count("pk", filter=at_end),
        joined=Count("pk", filter=Q(join_date__range=(start, end))),
        left=Count("pk", filter=~Q(status=MemberStatus.ACTIVE)
                   & Q(status_date__range=(start, end))),
        women=Count("pk", filter=at_end & Q(gender=Gender.FEMALE)),
        migrant_workers=Count("pk", filter=at_end & Q(employment_form=EmploymentForm.MIGRANT)),
        new_form_workers=Count("pk", filter=at_end
                               & Q(employment_form=EmploymentForm.NEW_FORM)),
        members_where_employees_known=Count(
            "pk", filter=at_end & Q(organisation__employee_count__gt=0)),
    )
    unions = Organisation.objects.subtree(organisation)
    union_figures = unions.aggregate(
        unions_founded=Count("pk", filter=Q(founded_on__range=(start, end))),
        unions_total=Count("pk", filter=Q(level__gte=Level.GRASSROOTS)),
        employees_where_known=Sum("employee_count", default=0),
    )
    due = list(unions.filter(term_end__lte=end + relativedelta(months=6))
               .order_by("term_end", "path"))
    return OrganisationBuilding(**member_figures, **union_figures, reelection_due=due)
