"""Demo members in every demo union (valid ID numbers, a realistic mix), and one transfer."""

from __future__ import annotations

import datetime as dt
import random

from members.choices import Education, EmploymentForm, Ethnicity, MemberStatus
from members.identity import check_character
from members.models import Member, MemberTransfer
from members.services import member_create, member_leave, transfer_request
from organisations.models import Level, Organisation

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
            "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌鹏宇浩晨欣怡梓涵子轩雨"
EMPLOYMENT_MIX = ([EmploymentForm.REGULAR] * 10 + [EmploymentForm.MIGRANT] * 3
                  + [EmploymentForm.DISPATCHED] * 2 + [EmploymentForm.RETIRED] * 2
                  + [EmploymentForm.FLEXIBLE])
RIDER_UNIONS = ("骑手", "网约车", "快递", "家政")


def _resident_id(birth: dt.date, male: bool, serial: int) -> str:
    """Unique for every serial below 50,000: the county code varies with the serial."""
    sequence = (serial % 500) * 2 + (1 if male else 0)
    first17 = f"3701{serial // 500:02d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def _members_for(union: Organisation, actor, serial_start: int) -> int:
    rng = random.Random(union.node_key)
    count = max(5, round(union.employee_count * rng.uniform(0.7, 0.95)))
    new_form = any(word in union.name for word in RIDER_UNIONS)
    for i in range(count):
        male = rng.random() < 0.55
        birth = dt.date(rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28))
        member = member_create(
            actor=actor, organisation=union,
            document_number=_resident_id(birth, male, serial_start + i),
            name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
            gender="male" if male else "female", birth_date=birth,
            ethnicity=Ethnicity.HAN if rng.random() < 0.95 else rng.choice(["03", "11", "10"]),
            phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            education=rng.choice(Education.values),
            employment_form=EmploymentForm.NEW_FORM if new_form else rng.choice(EMPLOYMENT_MIX),
            join_date=dt.date(rng.randint(max(2005, birth.year + 18), 2026), rng.randint(1, 10),
                              rng.randint(1, 28)),
        )
        if rng.random() < 0.05:
            member_leave(member=member, actor=actor, status=MemberStatus.WITHDRAWN,
                         on=member.join_date + dt.timedelta(days=400))
    return count


def load(tree) -> None:
    actor = tree.users["admin"]
    unions = Organisation.objects.filter(level__gte=Level.GRASSROOTS).order_by("path")
    for index, union in enumerate(unions):
        if not Member.objects.filter(organisation=union).exists():
            _members_for(union, actor, serial_start=index * 200)
    if not MemberTransfer.objects.exists():
        member = Member.objects.active().filter(organisation=tree.by_name["明湖机械厂工会"]).first()
        transfer_request(member=member, to_organisation=tree.by_name["东关人民医院工会"],
                         actor=tree.users["machinery_cadre"], reason="工作调动")
