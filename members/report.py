"""组织建设: the organisation-building figures of the annual report, for a subtree and period.

Two aggregate queries whatever the number of members (one over members, one over the
organisations of the subtree). A member counts where they are now: a transfer within the
system moves the membership record, so a past period counts transferred members under their
present union (the subtree's totals are unaffected when both unions lie inside it).

``SECTIONS`` at the end declares the 组织建设 section of the annual report: its words are in
``members.report_text``; the five-year chart, the logic checks and the appendix column query
here, each in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.choices import EmploymentForm, Gender, MemberStatus
from members.models import Member
from members.report_text import members_headlines, members_paragraph, members_tables
from organisations.models import Level, Organisation
from reports.sections import Chart, Problem, Section
from reports.text import child_path


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
    start: dt.date | None = None  # the period, so the text can say 全年 or 上半年
    end: dt.date | None = None

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


def _on_register_at(day: dt.date, prefix: str = "") -> Q:
    """Members on the register on ``day`` (``prefix`` reaches them through a relation)."""
    return Q(**{f"{prefix}join_date__lte": day}) & (
        Q(**{f"{prefix}status": MemberStatus.ACTIVE}) | Q(**{f"{prefix}status_date__gt": day}))


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
    return OrganisationBuilding(**member_figures, **union_figures, reelection_due=due,
                                start=start, end=end)


# --- the report section: chart, logic checks, appendix ------------------------------------

YEARS_CHARTED = 5
YOUNGEST_AGE = 16  # 劳动法 第十五条: no employment, hence no membership, below sixteen


def members_chart(organisation: Organisation, start: dt.date, end: dt.date,
                  figures: OrganisationBuilding) -> list[Chart]:
    """Members on the register at the end of each of the last five years, in one query."""
    days = [end - relativedelta(years=back) for back in range(YEARS_CHARTED - 1, -1, -1)]
    counts = Member.objects.within(organisation).aggregate(**{
        f"at_{i}": Count("pk", filter=_on_register_at(day)) for i, day in enumerate(days)})
    return [Chart(title=_("Members over the years"), kind="line",
                  labels=[str(day.year) for day in days],
                  series={_("Members"): [counts[f"at_{i}"] for i in range(len(days))]},
                  unit=_("people"))]


def _yyyymmdd(field: str):
    return ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field)


def _member_problem(member: Member, message: str) -> Problem:
    return Problem(message=message, url=reverse("members:update", args=[member.pk]),
                   record=f"{member.name} · {member.organisation.display_name}")


def members_checks(organisation: Organisation, start: dt.date, end: dt.date) -> list[Problem]:
    """Unions with more members than employees, members who left before joining or joined
    under sixteen: three queries. Only members the period's figures count are checked."""
    crowded = (Organisation.objects.subtree(organisation).filter(employee_count__gt=0)
               .annotate(on_register=Count("members",
                                           filter=_on_register_at(end, prefix="members__")))
               .filter(on_register__gt=F("employee_count")).order_by("path"))
    problems = [Problem(
        message=_("%(members)s members on the register but only %(employees)s employees: "
                  "check the employee count or the register.")
        % {"members": union.on_register, "employees": union.employee_count},
        url=reverse("organisations:detail", args=[union.pk]), record=union.name)
        for union in crowded]
    counted = (Member.objects.within(organisation).select_related("organisation")
               .filter(Q(join_date__range=(start, end)) | Q(status_date__range=(start, end))
                       | _on_register_at(end))
               .order_by("organisation__path", "name", "pk"))
    problems += [_member_problem(member, _(
        "Off the register since %(since)s, before joining on %(joined)s.")
        % {"since": member.status_date.isoformat(), "joined": member.join_date.isoformat()})
        for member in counted.filter(status_date__lt=F("join_date"))]
    too_young = counted.alias(age_code=_yyyymmdd("join_date") - _yyyymmdd("birth_date")).filter(
        age_code__lt=YOUNGEST_AGE * 10000)
    problems += [_member_problem(member, _(
        "Joined on %(joined)s before the age of %(age)s (born %(born)s).")
        % {"joined": member.join_date.isoformat(), "age": YOUNGEST_AGE,
           "born": member.birth_date.isoformat()})
        for member in too_young]
    return problems


def members_by_child(organisation: Organisation, start: dt.date,
                     end: dt.date) -> dict[str, dict[str, int]]:
    """Members on the register at the end, by direct child union, in one query."""
    rows = (Member.objects.within(organisation).filter(_on_register_at(end))
            .annotate(child=child_path(organisation)).values("child")
            .annotate(members_at_end=Count("pk")).order_by())
    return {row["child"]: {"members_at_end": row["members_at_end"]} for row in rows}


SECTIONS = [
    Section(key="members", order=10, title=gettext_lazy("Organisation building"),
            compute=organisation_building, paragraph=members_paragraph,
            headlines=members_headlines, tables=members_tables, charts=members_chart,
            checks=members_checks, by_child=members_by_child,
            appendix=(("members_at_end", gettext_lazy("Members at the end of the period")),)),
]
