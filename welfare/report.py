"""帮扶与送温暖: the welfare section of the annual report, for a subtree and a period.

The figures come in seven queries whatever the number of records: grants (totals; grouped
per programme; grouped per visit reason and school level), the hardship register (as it
stood at the end of the period), mutual medical aid, and the donation drives (the largest
ones with what each paid out; the totals of all). Records count where their date falls in
the period; a programme's figures count *paid* grants only (grants still awaiting approval
or payment are listed by the checks). Persons are counted once however many grants they
received (by the keyed hash of their ID number), households are hardship cases, 人次 are
grants to persons. The checks (逻辑检查) take three more queries, the appendix one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from organisations.models import Organisation
from reports.sections import Chart, Figure, Problem, Section, Table
from reports.text import child_path, growth, money, number
from welfare.choices import (
    CaseStatus,
    CollectiveKind,
    GrantStatus,
    HardshipLevel,
    MutualAidCategory,
    Programme,
    SchoolLevel,
    VisitReason,
)
from welfare.models import AidGrant, DonationDrive, HardshipCase, MutualAidEnrolment

ZERO = Decimal("0")
# A monthly income per head above this is implausible for a household in hardship (the
# local hardship lines are far below it); such a case is listed by the checks.
PLAUSIBLE_INCOME_PER_HEAD = Decimal("3000")
PLAUSIBLE_HOUSEHOLD = 10
PROBLEMS_LISTED = 50  # records named per check: a district's thousands would bury the page
DRIVES_LISTED = 10  # the largest drives get a row of the table; the others one row together

PERSON = ~Q(person_hash="")
COLLECTIVE = ~Q(collective_name="")
PAID = Q(status=GrantStatus.PAID)


@dataclass(frozen=True)
class ProgrammeFigures:
    programme: str
    persons: int  # distinct persons (members and hardship cases)
    households: int  # distinct hardship cases
    visits: int  # 人次: grants to persons
    cash: Decimal
    goods: Decimal
    enterprises: int
    teams: int
    workers: int  # the collectives' headcount
    collective_cash: Decimal
    collective_goods: Decimal

    @property
    def label(self) -> str:
        return Programme(self.programme).label

    @property
    def amount(self) -> Decimal:
        return self.cash + self.goods

    @property
    def collective_amount(self) -> Decimal:
        return self.collective_cash + self.collective_goods

    @property
    def total_cash(self) -> Decimal:
        return self.cash + self.collective_cash

    @property
    def total_goods(self) -> Decimal:
        return self.goods + self.collective_goods

    @property
    def collectives(self) -> int:
        return self.enterprises + self.teams

    @property
    def is_empty(self) -> bool:
        return not (self.visits or self.collectives)


@dataclass(frozen=True)
class DriveRow:
    pk: int
    title: str
    organisation: str
    date: dt.date
    donors: int
    total: Decimal
    paid_out: Decimal


@dataclass(frozen=True)
class Welfare:
    programmes: tuple[ProgrammeFigures, ...]
    visits_by_reason: dict[str, int]
    students_by_level: dict[str, int]
    persons_aided: int
    grants_unpaid: int
    cases_new: int
    cases_lifted: int
    cases_closed: int
    cases_current: int
    cases_current_extreme: int
    cases_reviews_overdue: int
    mutual_persons: int
    mutual_by_category: dict[str, tuple[int, Decimal]]  # category -> (persons, premiums)
    mutual_units: int
    mutual_all_staff_units: int
    mutual_claims: int
    mutual_claims_amount: Decimal
    drives: tuple[DriveRow, ...]  # the largest DRIVES_LISTED drives of the period
    drives_count: int  # all drives of the period, and their totals:
    drive_donors: int
    drive_total: Decimal
    drive_paid_out: Decimal

    def programme(self, programme: str) -> ProgrammeFigures:
        return next(p for p in self.programmes if p.programme == programme)

    @property
    def visits(self) -> int:
        """人次: every paid grant to a person."""
        return sum(p.visits for p in self.programmes)

    @property
    def cash(self) -> Decimal:
        return sum((p.total_cash for p in self.programmes), ZERO)

    @property
    def goods(self) -> Decimal:
        return sum((p.total_goods for p in self.programmes), ZERO)

    @property
    def amount(self) -> Decimal:
        return self.cash + self.goods

    @property
    def collective_workers(self) -> int:
        return sum(p.workers for p in self.programmes)

    @property
    def students(self) -> int:
        return sum(self.students_by_level.values())

    @property
    def mutual_premiums(self) -> Decimal:
        return sum((premium for _persons, premium in self.mutual_by_category.values()), ZERO)

    @property
    def drives_not_listed(self) -> tuple[int, int, Decimal, Decimal] | None:
        """(count, donors, raised, paid out) of the drives beyond the listed ones."""
        left = self.drives_count - len(self.drives)
        if left <= 0:
            return None
        return (left, self.drive_donors - sum(d.donors for d in self.drives),
                self.drive_total - sum((d.total for d in self.drives), ZERO),
                self.drive_paid_out - sum((d.paid_out for d in self.drives), ZERO))

    @property
    def has_register(self) -> bool:
        return bool(self.cases_new or self.cases_current or self.cases_lifted
                    or self.cases_closed)

    @property
    def is_empty(self) -> bool:
        return not (self.visits or self.collective_workers or self.has_register
                    or self.mutual_units or self.drives_count)


# --- Computation ---------------------------------------------------------------------------

def _person_key():
    """The person's keyed hash, compared byte by byte: a hex digest needs no linguistic
    collation, and counting distinct persons under the "C" collation takes half the time
    on PostgreSQL (SQLite compares bytes already)."""
    if connection.vendor == "postgresql":
        return Collate("person_hash", "C")
    return F("person_hash")


def _per_programme(grants) -> dict[str, dict]:
    """One row per programme: grouping keeps the distinct counts cheap (a single query
    with ten filtered aggregates per programme cost several times as much)."""
    person, collective = PERSON, COLLECTIVE
    rows = (grants.filter(PAID).order_by().values("programme").annotate(
        p_persons=Count(_person_key(), distinct=True, filter=person),
        p_households=Count("case", distinct=True, filter=person),
        p_visits=Count("pk", filter=person),
        p_cash=Sum("cash", filter=person, default=ZERO),
        p_goods=Sum("goods", filter=person, default=ZERO),
        p_enterprises=Count("pk", filter=collective
                            & Q(collective_kind=CollectiveKind.ENTERPRISE)),
        p_teams=Count("pk", filter=collective & Q(collective_kind=CollectiveKind.TEAM)),
        p_workers=Sum("headcount", filter=collective, default=0),
        p_collective_cash=Sum("cash", filter=collective, default=ZERO),
        p_collective_goods=Sum("goods", filter=collective, default=ZERO)))
    return {row.pop("programme"): {key[2:]: value for key, value in row.items()}
            for row in rows}


def _visits_and_students(grants) -> tuple[dict[str, int], dict[str, int]]:
    """Visits by reason and tuition grants by school level, in one grouped query."""
    rows = (grants.filter(PAID & PERSON & Q(programme__in=[Programme.VISIT,
                                                          Programme.AUTUMN_TUITION]))
            .order_by().values("programme", "visit_reason", "school_level")
            .annotate(n=Count("pk")))
    reasons = dict.fromkeys(VisitReason.values, 0)
    levels = dict.fromkeys(SchoolLevel.values, 0)
    for row in rows:
        if row["programme"] == Programme.VISIT and row["visit_reason"] in reasons:
            reasons[row["visit_reason"]] += row["n"]
        elif row["programme"] == Programme.AUTUMN_TUITION and row["school_level"] in levels:
            levels[row["school_level"]] += row["n"]
    return reasons, levels


def _grants(organisation, start, end) -> dict:
    grants = AidGrant.objects.within(organisation).filter(date__range=(start, end))
    totals = grants.aggregate(
        persons_aided=Count(_person_key(), distinct=True, filter=PAID & PERSON),
        grants_unpaid=Count("pk", filter=~PAID))
    per_programme = _per_programme(grants)
    none = {field: ZERO if field.endswith(("cash", "goods")) else 0
            for field in ProgrammeFigures.__dataclass_fields__ if field != "programme"}
    reasons, levels = _visits_and_students(grants)
    return {
        "programmes": tuple(ProgrammeFigures(p, **(per_programme.get(p) or none))
                            for p in Programme.values),
        "visits_by_reason": reasons,
        "students_by_level": levels,
        **totals,
    }


def _register(organisation, start, end) -> dict:
    """The register at the end of the period. Each case's state on that day is read from
    its latest review by correlated subqueries; grouping the cases by what the figures ask
    of them computes those once per case (six filtered counts over the same annotations
    made PostgreSQL evaluate them once per count)."""
    as_of = min(end, timezone.localdate())
    flag = BooleanField()
    rows = (HardshipCase.objects.within(organisation).filter(date__lte=end)
            .with_state(on=end).lifted_between(start, end).order_by()
            .annotate(new=ExpressionWrapper(Q(date__gte=start), output_field=flag),
                      closed=ExpressionWrapper(Q(state_since__range=(start, end)),
                                               output_field=flag),
                      overdue=ExpressionWrapper(Q(review_due__lt=as_of), output_field=flag))
            .values("state", "state_level", "lifted_in_period", "new", "closed", "overdue")
            .annotate(n=Count("pk")))
    figures = dict.fromkeys(("cases_new", "cases_lifted", "cases_closed", "cases_current",
                             "cases_current_extreme", "cases_reviews_overdue"), 0)
    for row in rows:
        current = row["state"] == CaseStatus.ON_FILE
        for key, counted in (
                ("cases_new", row["new"]),
                ("cases_lifted", row["lifted_in_period"]),
                ("cases_closed", row["state"] == CaseStatus.CLOSED and row["closed"]),
                ("cases_current", current),
                ("cases_current_extreme",
                 current and row["state_level"] == HardshipLevel.EXTREME),
                ("cases_reviews_overdue", current and row["overdue"])):
            if counted:
                figures[key] += row["n"]
    return figures


def _mutual(organisation, start, end) -> dict:
    sums = {}
    for c in MutualAidCategory.values:
        sums[f"{c}_persons"] = Sum(f"{c}_persons", default=0)
        sums[f"{c}_premium"] = Sum(f"{c}_premium", default=ZERO)
    figures = MutualAidEnrolment.objects.within(organisation).filter(
        date__range=(start, end)).aggregate(
        mutual_persons=Sum("persons", default=0), mutual_units=Count("pk"),
        mutual_all_staff_units=Count("pk", filter=Q(all_staff=True)),
        mutual_claims=Sum("claims_paid", default=0),
        mutual_claims_amount=Sum("claims_amount", default=ZERO), **sums)
    by_category = {c: (figures.pop(f"{c}_persons"), figures.pop(f"{c}_premium"))
                   for c in MutualAidCategory.values}
    return {**figures, "mutual_by_category": by_category}


def _drives(organisation, start, end) -> dict:
    """The largest drives with what each paid out, and the totals of all (two queries: a
    district has hundreds of drives, which no report lists one by one)."""
    paid = (AidGrant.objects.filter(drive=OuterRef("pk"), status=GrantStatus.PAID)
            .order_by().values("drive").annotate(total=Sum(F("cash") + F("goods")))
            .values("total"))
    drives = (DonationDrive.objects.within(organisation).filter(date__range=(start, end))
              .annotate(paid_out=Coalesce(Subquery(paid), ZERO)))
    rows = (drives.order_by("-total", "date", "pk")[:DRIVES_LISTED]
            .values_list("pk", "title", "organisation__name", "date", "donors", "total",
                         "paid_out"))
    totals = drives.aggregate(drives_count=Count("pk"), drive_donors=Sum("donors", default=0),
                              drive_total=Sum("total", default=ZERO),
                              drive_paid_out=Sum("paid_out", default=ZERO))
    listed = sorted((DriveRow(pk, title, org, day, donors, total, Decimal(paid_out))
                     for pk, title, org, day, donors, total, paid_out in rows),
                    key=lambda row: (row.date, row.pk))
    return {"drives": tuple(listed), **totals,
            "drive_paid_out": Decimal(totals["drive_paid_out"])}


def welfare_figures(organisation: Organisation, start: dt.date, end: dt.date) -> Welfare:
    return Welfare(**_grants(organisation, start, end), **_register(organisation, start, end),
                   **_mutual(organisation, start, end),
                   **_drives(organisation, start, end))


# --- Wording ---------------------------------------------------------------------------------

def _enumerate(items: list[str]) -> str:
    """'6名大学生、1名中学生、1名小学生'."""
    return reduce(lambda so_far, item: _("%(list)s and %(item)s") % {
        "list": so_far, "item": item}, items)


def _commas(clauses: list[str]) -> str:
    return reduce(lambda first, second: _("%(first)s, %(second)s") % {
        "first": first, "second": second}, clauses)


def _semicolons(clauses: list[str]) -> str:
    return reduce(lambda first, second: _("%(first)s; %(second)s") % {
        "first": first, "second": second}, clauses)


def _sentence(text: str) -> str:
    """A sentence, ready to be followed by the next one ('…。' in Chinese, '…. ' in English)."""
    return _("%(sentence)s. ") % {"sentence": text}


def _counted(template: str, count: int, **values) -> str:
    """Fill a phrase about ``count`` things; ``ngettext`` at the call site chose its
    grammatical number (and marks both forms for the catalog)."""
    return template % {"count": number(count), **values}


def _visit_clause(reason: str, n: int) -> str:
    if reason == VisitReason.SICK:
        return _counted(ngettext("visited sick workers %(count)s time",
                                 "visited sick workers %(count)s times", n), n)
    if reason == VisitReason.RETIRED:
        return _counted(ngettext("visited retired workers %(count)s time",
                                 "visited retired workers %(count)s times", n), n)
    if reason == VisitReason.MODEL_WORKER:
        return _counted(ngettext("visited model workers %(count)s time",
                                 "visited model workers %(count)s times", n), n)
    if reason == VisitReason.POSTED_AWAY:
        return _counted(ngettext("visited families of staff posted away %(count)s time",
                                 "visited families of staff posted away %(count)s times",
                                 n), n)
    return _counted(ngettext("paid %(count)s other visit", "paid %(count)s other visits", n),
                    n)


def _care(f: Welfare) -> str:
    """Visits, daily hardship allowances and serious illness relief, in one sentence."""
    clauses = [_visit_clause(reason, count)
               for reason, count in f.visits_by_reason.items() if count]
    visits = f.programme(Programme.VISIT)
    if visits.amount:
        clauses.append(_("gave %(amount)s in condolence money and gifts")
                       % {"amount": money(visits.amount)})
    daily = f.programme(Programme.DAILY_HARDSHIP)
    if n := daily.persons:
        clauses.append(_counted(ngettext(
            "granted hardship allowances of %(amount)s to %(count)s worker in difficulty",
            "granted hardship allowances of %(amount)s to %(count)s workers in difficulty",
            n), n, amount=money(daily.amount)))
    illness = f.programme(Programme.SERIOUS_ILLNESS)
    if n := illness.persons:
        clauses.append(_counted(ngettext(
            "granted serious illness relief of %(amount)s to %(count)s worker",
            "granted serious illness relief of %(amount)s to %(count)s workers", n), n,
            amount=money(illness.amount)))
    if not clauses:
        return ""
    return _sentence(_("Over the year, %(clauses)s") % {"clauses": _semicolons(clauses)})


def _units(p: ProgrammeFigures) -> str:
    units = []
    if n := p.enterprises:
        units.append(_counted(ngettext("%(count)s enterprise", "%(count)s enterprises", n), n))
    if n := p.teams:
        units.append(_counted(ngettext("%(count)s team", "%(count)s teams", n), n))
    return _enumerate(units)


def _festivals(f: Welfare) -> str:
    sentences = []
    spring = f.programme(Programme.SPRING_FESTIVAL)
    if n := spring.persons:
        sentences.append(_sentence(_counted(ngettext(
            "In the New Year and Spring Festival round, %(count)s worker in difficulty was "
            "visited and given %(amount)s in money and gifts",
            "In the New Year and Spring Festival round, %(count)s workers in difficulty "
            "were visited and given %(amount)s in money and gifts", n), n,
            amount=money(spring.amount))))
    summer = f.programme(Programme.SUMMER_COOL)
    if n := summer.persons:
        sentences.append(_sentence(_counted(ngettext(
            "In the summer cooling round, %(count)s worker was visited and given %(amount)s "
            "in cooling supplies",
            "In the summer cooling round, %(count)s workers were visited and given "
            "%(amount)s in cooling supplies", n), n, amount=money(summer.amount))))
    for p in f.programmes:
        if not p.collectives:
            continue
        n = p.workers
        values = {"units": _units(p), "amount": money(p.collective_amount),
                  "programme": p.label}
        if p.programme == Programme.SUMMER_COOL:
            text = _counted(ngettext(
                "In the summer heat, %(units)s with %(count)s worker were visited, with "
                "cooling supplies and drinks worth %(amount)s in all",
                "In the summer heat, %(units)s with %(count)s workers were visited, with "
                "cooling supplies and drinks worth %(amount)s in all", n), n, **values)
        else:
            text = _counted(ngettext(
                "%(programme)s: %(units)s with %(count)s worker were visited, %(amount)s in "
                "all",
                "%(programme)s: %(units)s with %(count)s workers were visited, %(amount)s in "
                "all", n), n, **values)
        sentences.append(_sentence(text))
    return "".join(sentences)


def _students(levels: dict[str, int]) -> list[str]:
    students = []
    if n := levels[SchoolLevel.UNIVERSITY]:
        students.append(_counted(ngettext("%(count)s university student",
                                          "%(count)s university students", n), n))
    if n := levels[SchoolLevel.HIGH] + levels[SchoolLevel.JUNIOR]:
        students.append(_counted(ngettext("%(count)s secondary school student",
                                          "%(count)s secondary school students", n), n))
    if n := levels[SchoolLevel.PRIMARY]:
        students.append(_counted(ngettext("%(count)s primary school student",
                                          "%(count)s primary school students", n), n))
    return students


def _tuition(f: Welfare) -> str:
    tuition = f.programme(Programme.AUTUMN_TUITION)
    n = tuition.persons
    if not n:
        return ""
    return _sentence(_counted(ngettext(
        "In the Golden Autumn tuition aid, %(students)s, %(count)s family of a worker in "
        "difficulty in all, were helped with schooling worth %(amount)s in all",
        "In the Golden Autumn tuition aid, %(students)s, %(count)s families of workers in "
        "difficulty in all, were helped with schooling worth %(amount)s in all", n), n,
        students=_enumerate(_students(f.students_by_level)), amount=money(tuition.amount)))


def _register_text(f: Welfare) -> str:
    if not f.has_register:
        return ""
    clauses = []
    if n := f.cases_new:
        clauses.append(_counted(ngettext("%(count)s worker in difficulty was newly filed",
                                         "%(count)s workers in difficulty were newly filed",
                                         n), n))
    if n := f.cases_lifted:
        clauses.append(_counted(ngettext("%(count)s was lifted out of hardship",
                                         "%(count)s were lifted out of hardship", n), n))
    if n := f.cases_closed:
        clauses.append(_counted(ngettext("%(count)s file was closed",
                                         "%(count)s files were closed", n), n))
    n = f.cases_current
    if f.cases_current_extreme:
        clauses.append(_counted(ngettext(
            "%(count)s worker in difficulty is on file, %(extreme)s of them in extreme "
            "hardship",
            "%(count)s workers in difficulty are on file, %(extreme)s of them in extreme "
            "hardship", n), n, extreme=number(f.cases_current_extreme)))
    else:
        clauses.append(_counted(ngettext("%(count)s worker in difficulty is on file",
                                         "%(count)s workers in difficulty are on file", n),
                                n))
    if n := f.cases_reviews_overdue:
        clauses.append(_counted(ngettext("%(count)s review is overdue",
                                         "%(count)s reviews are overdue", n), n))
    return _sentence(_("In the hardship register, %(clauses)s") % {
        "clauses": _commas(clauses)})


MUTUAL_CLAUSES = {
    MutualAidCategory.ON_JOB: gettext_lazy("%(count)s on the job"),
    MutualAidCategory.RETIRED: gettext_lazy("%(count)s retired"),
    MutualAidCategory.ANKANG: gettext_lazy("%(count)s in Ankang"),
    MutualAidCategory.SPECIAL: gettext_lazy("%(count)s in special serious illness"),
}


def _mutual_text(f: Welfare) -> str:
    if not f.mutual_units:
        return ""
    n = f.mutual_persons
    text = _counted(ngettext("Mutual medical aid enrolled %(count)s person",
                             "Mutual medical aid enrolled %(count)s persons", n), n)
    categories = [str(MUTUAL_CLAUSES[c]) % {"count": number(persons)}
                  for c, (persons, _premium) in f.mutual_by_category.items() if persons]
    if categories:
        text = _commas([text, _("of whom %(categories)s") % {
            "categories": _commas(categories)}])
    n = f.mutual_units
    units = _counted(ngettext("%(count)s unit enrolled", "%(count)s units enrolled", n), n)
    if n := f.mutual_all_staff_units:
        units = _commas([units, _counted(ngettext("%(count)s of them with its whole staff",
                                                  "%(count)s of them with their whole staff",
                                                  n), n)])
    clauses = [text, units]
    if n := f.mutual_claims:
        clauses.append(_counted(ngettext("%(count)s claim was paid, %(amount)s in all",
                                         "%(count)s claims were paid, %(amount)s in all", n),
                                n, amount=money(f.mutual_claims_amount)))
    return _sentence(_commas(clauses))


def _drives_text(f: Welfare) -> str:
    n = f.drives_count
    if not n:
        return ""
    text = _counted(ngettext(
        "%(count)s donation drive raised %(total)s from %(donors)s donors",
        "%(count)s donation drives raised %(total)s from %(donors)s donors", n), n,
        total=money(f.drive_total), donors=number(f.drive_donors))
    if f.drive_paid_out:
        text = _commas([text, _("%(paid)s of it was paid out in aid") % {
            "paid": money(f.drive_paid_out)}])
    return _sentence(text)


def welfare_paragraph(figures: Welfare, previous: Welfare | None) -> str:
    """The default text, in the seeds' register; clauses without records are left out."""
    opening = ""
    if figures.visits or figures.collective_workers:
        n = figures.persons_aided + figures.collective_workers
        opening = _counted(ngettext(
            "In all, %(amount)s in cash and goods reached %(count)s worker",
            "In all, %(amount)s in cash and goods reached %(count)s workers", n), n,
            amount=money(figures.amount))
        change = growth(figures.amount, previous.amount if previous else None)
        opening = _sentence(_commas([opening, change]) if change else opening)
    paragraphs = [opening + _care(figures), _festivals(figures), _tuition(figures),
                  _register_text(figures), _mutual_text(figures) + _drives_text(figures)]
    return "\n\n".join(p.strip() for p in paragraphs if p)


# --- Headlines, tables, chart ------------------------------------------------------------------

def welfare_headlines(f: Welfare) -> list[Figure]:
    return [
        Figure("aid_persons", _("Workers aided"), f.persons_aided, _("people")),
        Figure("aid_visits", _("Grants and visits to persons"), f.visits, _("person-times")),
        Figure("aid_cash", _("Cash paid"), f.cash, _("yuan")),
        Figure("aid_goods", _("Goods given"), f.goods, _("yuan")),
        Figure("collective_workers", _("Workers reached through collectives"),
               f.collective_workers, _("people")),
        Figure("hardship_current", _("Hardship cases on file"), f.cases_current,
               _("people")),
        Figure("mutual_aid_persons", _("Enrolled in mutual medical aid"), f.mutual_persons,
               _("people")),
        Figure("drive_total", _("Donations raised"), f.drive_total, _("yuan")),
    ]


def welfare_tables(f: Welfare) -> list[Table]:
    tables = []
    programmes = [p for p in f.programmes if p.visits]
    if programmes:
        tables.append(Table(
            _("Aid to persons by programme"),
            [_("Programme"), _("Persons"), _("Households"), _("Person-times"),
             _("Cash (yuan)"), _("Goods (yuan)")],
            [*[(p.label, p.persons, p.households, p.visits, p.cash, p.goods)
               for p in programmes],
             (_("Total"), f.persons_aided, None, f.visits,
              sum((p.cash for p in programmes), ZERO),
              sum((p.goods for p in programmes), ZERO))]))
    reasons = [(VisitReason(r).label, count) for r, count in f.visits_by_reason.items()
               if count]
    students = [(SchoolLevel(lv).label, count) for lv, count in f.students_by_level.items()
                if count]
    if reasons or students:
        tables.append(Table(_("Visits by reason and students by school level"),
                            [_("Visits and students"), _("Person-times")],
                            [*reasons, *students]))
    collectives = [p for p in f.programmes if p.collectives]
    if collectives:
        tables.append(Table(
            _("Collective grants"),
            [_("Programme"), _("Enterprises"), _("Teams"), _("Workers"), _("Cash (yuan)"),
             _("Goods (yuan)")],
            [(p.label, p.enterprises, p.teams, p.workers, p.collective_cash,
              p.collective_goods) for p in collectives]))
    if f.has_register:
        tables.append(Table(_("Hardship register"), [_("Cases"), _("Persons")], [
            (_("Filed in the period"), f.cases_new),
            (_("Lifted out of hardship"), f.cases_lifted),
            (_("Files closed"), f.cases_closed),
            (_("On file at the end of the period"), f.cases_current),
            (_("of whom in extreme hardship"), f.cases_current_extreme),
            (_("Reviews overdue"), f.cases_reviews_overdue)]))
    if f.mutual_units:
        tables.append(Table(
            _("Mutual medical aid"), [_("Category"), _("Persons"), _("Premiums (yuan)")],
            [*[(MutualAidCategory(c).label, persons, premium)
               for c, (persons, premium) in f.mutual_by_category.items()],
             (_("Persons enrolled (each counted once)"), f.mutual_persons, f.mutual_premiums),
             (_("Units enrolled"), f.mutual_units, None),
             (_("of which with their whole staff"), f.mutual_all_staff_units, None),
             (_("Claims paid"), f.mutual_claims, f.mutual_claims_amount)]))
    if f.drives:
        tables.append(Table(
            _("Donation drives"),
            [_("Drive"), _("Union"), _("Date"), _("Donors"), _("Raised (yuan)"),
             _("Paid out (yuan)")],
            [*[(d.title, d.organisation, d.date.isoformat(), d.donors, d.total, d.paid_out)
               for d in f.drives],
             *([(ngettext("%(count)s other drive", "%(count)s other drives", rest[0])
                 % {"count": rest[0]}, None, None, *rest[1:])]
               if (rest := f.drives_not_listed) else []),
             (_("Total"), None, None, f.drive_donors, f.drive_total, f.drive_paid_out)]))
    return tables


def welfare_charts(organisation, start, end, f: Welfare) -> list[Chart]:
    if not (f.visits or f.collective_workers):
        return []
    return [Chart(title=_("Aid by programme"), kind="bar",
                  labels=[p.label for p in f.programmes],
                  series={_("Cash (yuan)"): [p.total_cash for p in f.programmes],
                          _("Goods (yuan)"): [p.total_goods for p in f.programmes]},
                  unit=_("yuan"))]


# --- Logic checks (逻辑检查) --------------------------------------------------------------------

def _grant_problems(organisation, start, end) -> list[Problem]:
    tuition = Q(programme=Programme.AUTUMN_TUITION)
    grants = (AidGrant.objects.within(organisation).filter(date__range=(start, end))
              .annotate(on_register=Exists(HardshipCase.objects.filter(
                  id_hash=OuterRef("person_hash"))))
              .filter((tuition & Q(school_level=""))
                      | (PAID & Q(paid_on__isnull=True))
                      | ~PAID
                      | (tuition & PERSON & Q(on_register=False)))
              .select_related("member", "case__member").order_by("date", "pk"))
    problems = []
    for grant in grants[:PROBLEMS_LISTED]:
        url = reverse("welfare:grant_detail", args=[grant.pk])
        messages = []
        if grant.programme == Programme.AUTUMN_TUITION and not grant.school_level:
            messages.append(_("Golden Autumn tuition aid without the student's school level."))
        if grant.status == GrantStatus.PAID and grant.paid_on is None:
            messages.append(_("A paid grant without the date of payment."))
        if grant.status == GrantStatus.APPLIED:
            messages.append(_("A grant still awaiting approval."))
        if grant.status == GrantStatus.APPROVED:
            messages.append(_("An approved grant not yet paid."))
        if (grant.programme == Programme.AUTUMN_TUITION and grant.person_hash
                and not grant.on_register):
            messages.append(_("Golden Autumn tuition aid to a worker who is not on the "
                              "hardship register."))
        problems += [Problem(message, url=url, record=str(grant)) for message in messages]
    return problems


def _case_problems(organisation, start, end) -> list[Problem]:
    as_of = min(end, timezone.localdate())
    cases = (HardshipCase.objects.within(organisation).on_file(end)
             .filter(Q(monthly_income_per_head__gt=PLAUSIBLE_INCOME_PER_HEAD)
                     | Q(household_size__gt=PLAUSIBLE_HOUSEHOLD)
                     | Q(review_due__lt=as_of))
             .select_related("member").order_by("date", "pk"))
    problems = []
    for case in cases[:PROBLEMS_LISTED]:
        url = reverse("welfare:case_update", args=[case.pk])
        if case.monthly_income_per_head > PLAUSIBLE_INCOME_PER_HEAD:
            problems.append(Problem(_(
                "A monthly income per head of %(income)s is implausible for a household in "
                "hardship.") % {"income": money(case.monthly_income_per_head)}, url, str(case)))
        if case.household_size > PLAUSIBLE_HOUSEHOLD:
            problems.append(Problem(_("A household of %(size)s persons: check the number.")
                                    % {"size": case.household_size}, url, str(case)))
        if case.review_due < as_of:
            problems.append(Problem(_("The review due on %(date)s is overdue.")
                                    % {"date": case.review_due.isoformat()},
                                    reverse("welfare:case_detail", args=[case.pk]),
                                    str(case)))
    return problems


def _enrolment_problems(organisation, start, end) -> list[Problem]:
    categories = MutualAidCategory.values
    no_category = Q(**{f"{c}_persons": 0 for c in categories})
    no_premium = Q(**{f"{c}_premium": ZERO for c in categories})
    enrolments = (MutualAidEnrolment.objects.within(organisation)
                  .filter(date__range=(start, end)).filter(no_category | no_premium)
                  .order_by("date", "pk"))
    problems = []
    for enrolment in enrolments[:PROBLEMS_LISTED]:
        url = reverse("welfare:enrolment_update", args=[enrolment.pk])
        if all(getattr(enrolment, f"{c}_persons") == 0 for c in categories):
            problems.append(Problem(_("No enrolments by category: say how many are on the "
                                      "job, retired, in Ankang or special."), url,
                                    str(enrolment)))
        if all(getattr(enrolment, f"{c}_premium") == 0 for c in categories):
            problems.append(Problem(_("No premiums recorded for this enrolment."), url,
                                    str(enrolment)))
    return problems


def welfare_checks(organisation, start, end) -> list[Problem]:
    return (_grant_problems(organisation, start, end)
            + _case_problems(organisation, start, end)
            + _enrolment_problems(organisation, start, end))


def welfare_by_child(organisation, start, end) -> dict[str, dict]:
    rows = (AidGrant.objects.within(organisation)
            .filter(PAID, date__range=(start, end))
            .annotate(child=child_path(organisation)).order_by().values("child")
            .annotate(aid_cash=Sum("cash", default=ZERO),
                      aid_persons=Count(_person_key(), distinct=True, filter=PERSON)))
    return {row["child"]: {"aid_cash": row["aid_cash"], "aid_persons": row["aid_persons"]}
            for row in rows}


SECTIONS = [
    Section(key="welfare", order=40, title=gettext_lazy("Welfare and assistance"),
            compute=welfare_figures, paragraph=welfare_paragraph,
            headlines=welfare_headlines, tables=welfare_tables, charts=welfare_charts,
            checks=welfare_checks, by_child=welfare_by_child,
            appendix=(("aid_persons", gettext_lazy("Persons aided")),
                      ("aid_cash", gettext_lazy("Aid paid (yuan)")))),
]
