"""Demo welfare records: a year (the last 365 days) across the demo tree.

Hardship cases (members and a few workers who are not members), their reviews (some
overdue), the Spring Festival round, summer cooling for enterprises, Golden Autumn tuition
aid partly paid from a donation drive, visits to the sick, retired and model workers,
mutual medical aid enrolments, and the district's and a street's rules. Grants are applied
for by the unions' cadres (else the administrator), approved by the official above and
paid; a few are left waiting, so the workflow shows. Everything goes through the services;
if a hardship case exists, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from members.identity import check_character
from members.models import Member
from organisations.models import Level, Organisation
from welfare.choices import (
    CaseStatus,
    CollectiveKind,
    HardshipCause,
    HardshipLevel,
    Programme,
    RuleAction,
    RuleMeasure,
    RulePer,
    SchoolLevel,
    VisitReason,
)
from welfare.models import (
    AidGrant,
    AidRule,
    CaseReview,
    DonationDrive,
    HardshipCase,
    MutualAidEnrolment,
)
from welfare.services import (
    case_save,
    drive_save,
    enrolment_save,
    grant_approve,
    grant_pay,
    grant_save,
    review_save,
    rule_save,
)

CADRES = {"明湖机械厂工会": "machinery_cadre", "明湖第一中学工会": "school_cadre",
          "甸柳纺织厂工会": "textile_cadre", "东关街道总工会": "dongguan_cadre"}
OFFICIALS = {"东关街道总工会": "dongguan_official", "文化路街道总工会": "wenhua_official"}
ILLNESSES = ["腰椎间盘突出住院手术", "冠心病支架手术", "乳腺癌化疗", "尿毒症透析",
             "脑梗塞住院治疗", "骨折住院"]
NON_MEMBERS = ["赵桂芬", "钱国强", "孙玉梅", "李长海"]
SCHOOLS = {SchoolLevel.UNIVERSITY: ["山东大学", "济南大学", "山东师范大学"],
           SchoolLevel.HIGH: ["明湖第一中学"], SchoolLevel.JUNIOR: ["甸柳中学"],
           SchoolLevel.PRIMARY: ["文化路小学"]}


def _last(today: dt.date, month: int, day: int) -> dt.date:
    """The most recent ``month``-``day`` on or before today."""
    candidate = dt.date(today.year, month, day)
    return candidate if candidate <= today else dt.date(today.year - 1, month, day)


def _actor(tree, union):
    username = CADRES.get(union.name)
    return tree.users[username] if username else tree.users["admin"]


def _official(tree, union):
    for ancestor in Organisation.objects.ancestors_of(union).order_by("-level"):
        if ancestor.name in OFFICIALS:
            return tree.users[OFFICIALS[ancestor.name]]
    return tree.users["district_official"]


def _non_member_number(serial: int) -> str:
    first17 = f"370203{1968 + serial:04d}0612{40 + 2 * serial:03d}"
    return first17 + check_character(first17)


def _rules(tree):
    district, street = tree.by_name["明湖区总工会"], tree.by_name["东关街道总工会"]
    official = tree.users["district_official"]
    for values in [
        {"organisation": district, "title": "春节送温暖每人每年限额",
         "source_document": "《明湖区总工会送温暖活动资金使用管理办法》第六条",
         "programme": Programme.SPRING_FESTIVAL, "measure": RuleMeasure.AMOUNT,
         "limit": Decimal("1500"), "action": RuleAction.WARN},
        {"organisation": district, "title": "住院看望每病每年一次",
         "source_document": "《明湖区总工会职工慰问工作规定》第四条",
         "programme": Programme.VISIT, "visit_reason": VisitReason.SICK,
         "measure": RuleMeasure.COUNT, "per": RulePer.ILLNESS_YEAR, "limit": Decimal("1"),
         "action": RuleAction.WARN},
        {"organisation": street, "title": "金秋助学每户每年上限",
         "source_document": "《东关街道总工会金秋助学实施细则》第三条",
         "programme": Programme.AUTUMN_TUITION, "measure": RuleMeasure.AMOUNT,
         "limit": Decimal("5000"), "action": RuleAction.REFUSE},
    ]:
        rule_save(AidRule(**values), actor=tree.users["dongguan_official"]
                  if values["organisation"] == street else official)


def _paid(grant, tree, union, *, actor, leave_waiting=False):
    """Apply, then approve and pay (unless this one is left waiting for the demo)."""
    grant = grant_save(grant, actor=actor, confirm_warnings=True)
    if leave_waiting:
        return grant
    grant = grant_approve(grant, actor=_official(tree, union))
    return grant_pay(grant, actor=actor, paid_on=grant.date + dt.timedelta(days=1)
                     if grant.date < timezone.localdate() else grant.date)


def _cases(union, actor, rng, today, serial) -> list[HardshipCase]:
    members = list(Member.objects.filter(organisation=union, status="active").order_by("pk"))
    cases = []
    for member in rng.sample(members, min(len(members), rng.randint(1, 3))):
        causes = rng.sample(HardshipCause.values[:-1], rng.choice([1, 1, 2]))
        filed = today - dt.timedelta(days=rng.randint(200, 700))
        cases.append(case_save(HardshipCase(
            organisation=union, date=filed, member=member, causes=",".join(causes),
            household_size=rng.randint(2, 5),
            monthly_income_per_head=Decimal(rng.randint(45, 120) * 10),
            level=HardshipLevel.EXTREME if rng.random() < 0.3 else HardshipLevel.HARDSHIP,
            illness_details=rng.choice(ILLNESSES) if HardshipCause.ILLNESS in causes else "",
            next_review_date=filed + dt.timedelta(days=180)), actor=actor))
    if serial < len(NON_MEMBERS):
        filed = today - dt.timedelta(days=rng.randint(100, 300))
        cases.append(case_save(HardshipCase(
            organisation=union, date=filed, name=NON_MEMBERS[serial],
            document_type="resident_id", causes=HardshipCause.UNEMPLOYMENT,
            household_size=3, monthly_income_per_head=Decimal("520"),
            next_review_date=filed + dt.timedelta(days=180)), actor=actor,
            document_number=_non_member_number(serial)))
    return cases


def _reviews(cases, actor, rng, today):
    """Cases reviewed every half year, kept on file or lifted out; one in ten never
    reviewed, so that the overdue list has something to show."""
    for case in cases:
        if rng.random() < 0.1:
            continue
        due, level = case.next_review_date, case.level
        while due <= today:
            reviewed = min(due + dt.timedelta(days=rng.randint(0, 20)), today)
            if rng.random() < 0.2:
                review_save(CaseReview(case=case, date=reviewed, status=CaseStatus.LIFTED,
                                       findings="子女已就业，家庭收入明显提高，经审核脱困。"),
                            actor=actor)
                break
            due = reviewed + dt.timedelta(days=180)
            review_save(CaseReview(case=case, date=reviewed, status=CaseStatus.ON_FILE,
                                   level=level, findings="入户回访，家庭情况无明显变化。",
                                   next_review_date=due), actor=actor)


def _festival_and_tuition(tree, union, cases, actor, rng, today, fund):
    spring = _last(today, 1, 20)
    for case in cases:
        _paid(AidGrant(organisation=union, date=spring, programme=Programme.SPRING_FESTIVAL,
                       case=case, cash=Decimal(rng.choice([500, 800, 1000])),
                       goods=Decimal("200")), tree, union, actor=actor)
    autumn = _last(today, 8, 20)
    for case in cases[:1] if rng.random() < 0.6 else []:
        level = rng.choice([SchoolLevel.UNIVERSITY] * 3 + [SchoolLevel.HIGH,
                                                          SchoolLevel.PRIMARY])
        _paid(AidGrant(organisation=union, date=autumn, programme=Programme.AUTUMN_TUITION,
                       case=case, student_name=case.person_name[0] + "小" + "明",
                       school_level=level, school=rng.choice(SCHOOLS[level]),
                       cash=Decimal("3000" if level == SchoolLevel.UNIVERSITY else "1500"),
                       drive=fund if fund and fund.organisation == union else None),
              tree, union, actor=actor)


def _visits(tree, union, actor, rng, today):
    members = list(Member.objects.filter(organisation=union, status="active").order_by("pk"))
    retired = [m for m in members if m.employment_form == "retired"]
    for member in rng.sample(members, min(len(members), rng.randint(1, 4))):
        day = today - dt.timedelta(days=rng.randint(5, 350))
        _paid(AidGrant(organisation=union, date=day, programme=Programme.VISIT,
                       visit_reason=VisitReason.SICK, member=member,
                       illness=rng.choice(ILLNESSES), goods=Decimal("300")),
              tree, union, actor=actor, leave_waiting=rng.random() < 0.1)
    for member in retired[:3]:
        _paid(AidGrant(organisation=union, date=_last(today, 9, 28), programme=Programme.VISIT,
                       visit_reason=VisitReason.RETIRED, member=member,
                       goods=Decimal("200")), tree, union, actor=actor)
    if members and rng.random() < 0.3:
        _paid(AidGrant(organisation=union, date=_last(today, 4, 28), programme=Programme.VISIT,
                       visit_reason=VisitReason.MODEL_WORKER, member=members[0],
                       cash=Decimal("500"), goods=Decimal("100")), tree, union, actor=actor)
    if members and rng.random() < 0.4:
        day = today - dt.timedelta(days=rng.randint(10, 300))
        _paid(AidGrant(organisation=union, date=day, programme=Programme.DAILY_HARDSHIP,
                       member=rng.choice(members), cash=Decimal(rng.choice([300, 500, 800]))),
              tree, union, actor=actor, leave_waiting=rng.random() < 0.3)


def _summer(tree, street, unions, today, rng):
    actor = _actor(tree, street)
    day = _last(today, 7, 15)
    for union in unions:
        if union.parent_id != street.pk or rng.random() < 0.3:
            continue
        workers = max(8, union.employee_count)
        _paid(AidGrant(organisation=street, date=day, programme=Programme.SUMMER_COOL,
                       collective_name=union.short_name or union.name,
                       collective_kind=CollectiveKind.ENTERPRISE, headcount=workers,
                       goods=Decimal(workers * rng.choice([30, 40, 45]))),
              tree, street, actor=actor)


def _enrolment_fields(union, rng, today, persons, on_job, retired) -> dict:
    claims = rng.randint(0, 6)
    return {"organisation": union, "date": _last(today, 1, 15), "unit": union.name,
            "all_staff": rng.random() < 0.6, "persons": persons, "on_job_persons": on_job,
            "on_job_premium": Decimal(on_job * 30), "retired_persons": retired,
            "retired_premium": Decimal(retired * 30), "ankang_persons": on_job // 3,
            "ankang_premium": Decimal(on_job // 3 * 20), "special_persons": on_job // 2,
            "special_premium": Decimal(on_job // 2 * 10), "claims_paid": claims,
            "claims_amount": Decimal(claims * 1800)}


def _drive(tree, today) -> DonationDrive:
    union = tree.by_name["明湖机械厂工会"]
    return drive_save(DonationDrive(
        organisation=union, date=_last(today, 7, 1), title="爱心助学捐款",
        purpose="资助考上大学的困难职工子女", donors=612, total=Decimal("30560")),
        actor=_actor(tree, union))


def _street_drive(tree, today):
    street = tree.by_name["甸柳街道总工会"]
    drive_save(DonationDrive(
        organisation=street, date=today - dt.timedelta(days=120), title="救助重病职工爱心捐款",
        purpose="甸柳纺织厂患白血病职工", donors=1430, total=Decimal("52800")),
        actor=tree.users["admin"])


def _second_thoughts(tree, today):
    """At the machinery works: a second hospital visit for the same illness (the rule's
    warning, confirmed by the cadre) and a second hardship allowance to one worker in the
    year, allowed by the street's official with a written reason."""
    union = tree.by_name["明湖机械厂工会"]
    cadre, official = tree.users["machinery_cadre"], tree.users["dongguan_official"]
    worker = (Member.objects.filter(organisation=union, status="active")
              .exclude(id_hash__in=AidGrant.objects.values("person_hash")).order_by("pk").last())
    for days_ago in (90, 40):
        _paid(AidGrant(organisation=union, date=today - dt.timedelta(days=days_ago),
                       programme=Programme.VISIT, visit_reason=VisitReason.SICK,
                       member=worker, illness="腰椎间盘突出住院手术", goods=Decimal("300")),
              tree, union, actor=cadre)
    _paid(AidGrant(organisation=union, date=today - dt.timedelta(days=150),
                   programme=Programme.DAILY_HARDSHIP, member=worker, cash=Decimal("600")),
          tree, union, actor=cadre)
    _paid(AidGrant(organisation=union, date=today - dt.timedelta(days=30),
                   programme=Programme.DAILY_HARDSHIP, member=worker, cash=Decimal("1200"),
                   override_reason="妻子突发重病住院，家庭支出骤增，经街道总工会研究同意再次补助。"),
          tree, union, actor=official)


def load(tree) -> None:
    if HardshipCase.objects.exists():
        return
    today = timezone.localdate()
    _rules(tree)
    fund = _drive(tree, today)
    _street_drive(tree, today)
    unions = list(Organisation.objects.filter(level=Level.GRASSROOTS).order_by("path"))
    for serial, union in enumerate(unions):
        rng = random.Random(f"welfare-{union.node_key}")
        actor = _actor(tree, union)
        cases = _cases(union, actor, rng, today, serial)
        _reviews(cases, actor, rng, today)
        _festival_and_tuition(tree, union, cases, actor, rng, today, fund)
        _visits(tree, union, actor, rng, today)
        enrolment_save(MutualAidEnrolment(**_enrolment_fields(
            union, rng, today, *_split(union, rng))), actor=actor)
    for street in Organisation.objects.filter(level=Level.STREET).order_by("path"):
        _summer(tree, street, unions, today, random.Random(f"summer-{street.node_key}"))
    _second_thoughts(tree, today)


def _split(union, rng) -> tuple[int, int, int]:
    persons = max(5, round(union.employee_count * rng.uniform(0.6, 1.0)))
    retired = persons // 8
    return persons, persons - retired, retired
