"""Demo tree and accounts: a district federation, three streets, thirty-odd grassroots unions.

Loaded by ``manage.py load_demo``; every step looks up before it creates, so a second run
adds nothing. Other apps add their records through their own ``demo`` module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import Kind, Level, Organisation, RoleKind
from organisations.services import organisation_create, role_grant
from organisations.validators import uscc_check_character

DEMO_PASSWORD = "Demo-2026-portal"


def in_last_year(month: int, day: int, today: dt.date | None = None) -> dt.date:
    """The date with this month and day in the twelve months up to today: demo records
    fall in the current year's summary as far as they can, never in the future."""
    today = today or timezone.localdate()
    candidate = dt.date(today.year, month, day)
    return candidate if candidate <= today else candidate.replace(year=today.year - 1)
DEMO_SCALE = 20

DISTRICT = "明湖区总工会"
STREETS = {
    "东关街道总工会": [
        ("明湖机械厂工会", Kind.SINGLE, 1, 860),
        ("明湖第一中学工会", Kind.SINGLE, 1, 210),
        ("东关人民医院工会", Kind.SINGLE, 1, 640),
        ("明湖热电有限公司工会", Kind.SINGLE, 1, 420),
        ("东关商贸联合工会", Kind.JOINT, 14, 380),
        ("东关物流园联合工会", Kind.JOINT, 9, 520),
        ("明湖公交第三车队工会", Kind.SINGLE, 1, 300),
        ("东关社区卫生服务中心工会", Kind.SINGLE, 1, 85),
        ("明湖建工集团工会", Kind.SINGLE, 1, 1350),
        ("东关小微企业联合工会", Kind.JOINT, 22, 260),
    ],
    "文化路街道总工会": [
        ("文化路小学工会", Kind.SINGLE, 1, 120),
        ("明湖软件园联合工会", Kind.JOINT, 31, 2100),
        ("文化路餐饮行业联合工会", Kind.JOINT, 40, 690),
        ("明湖电力检修公司工会", Kind.SINGLE, 1, 540),
        ("文化路快递外卖骑手联合工会", Kind.JOINT, 12, 900),
        ("明湖出版印刷厂工会", Kind.SINGLE, 1, 330),
        ("文化路商场工会", Kind.SINGLE, 1, 280),
        ("明湖水务公司工会", Kind.SINGLE, 1, 460),
        ("文化路律师事务所联合工会", Kind.JOINT, 8, 150),
        ("明湖职业技术学院工会", Kind.SINGLE, 1, 720),
    ],
    "甸柳街道总工会": [
        ("甸柳纺织厂工会", Kind.SINGLE, 1, 1100),
        ("甸柳家政服务联合工会", Kind.JOINT, 18, 430),
        ("明湖汽车维修联合工会", Kind.JOINT, 15, 310),
        ("甸柳中学工会", Kind.SINGLE, 1, 160),
        ("明湖食品有限公司工会", Kind.SINGLE, 1, 580),
        ("甸柳物业服务联合工会", Kind.JOINT, 11, 270),
        ("明湖燃气公司工会", Kind.SINGLE, 1, 390),
        ("甸柳养老院工会", Kind.SINGLE, 1, 95),
        ("明湖酒店管理公司工会", Kind.SINGLE, 1, 350),
        ("甸柳网约车司机联合工会", Kind.JOINT, 6, 640),
    ],
}
COMMUNITY = ("甸柳第一社区联合工会", "甸柳街道总工会",
             [("甸柳一居小商户联合工会", Kind.JOINT, 26, 140)])
BRANCHES = [("明湖机械厂工会", ["明湖机械厂铸造车间分工会", "明湖机械厂装配车间分工会"])]

ACCOUNTS = [
    # username, full name, organisation, role
    ("district_official", "王建国", DISTRICT, RoleKind.OFFICIAL),
    ("district_viewer", "赵敏", DISTRICT, RoleKind.VIEWER),
    ("dongguan_official", "李红", "东关街道总工会", RoleKind.OFFICIAL),
    ("dongguan_cadre", "张伟", "东关街道总工会", RoleKind.CADRE),
    ("wenhua_official", "陈静", "文化路街道总工会", RoleKind.OFFICIAL),
    ("machinery_cadre", "刘强", "明湖机械厂工会", RoleKind.CADRE),
    ("machinery_viewer", "孙丽", "明湖机械厂工会", RoleKind.VIEWER),
    ("school_cadre", "周洁", "明湖第一中学工会", RoleKind.CADRE),
    ("textile_cadre", "吴磊", "甸柳纺织厂工会", RoleKind.CADRE),
]
# One person with two roles, to show the role switch in the header.
EXTRA_ROLES = [("textile_cadre", "甸柳街道总工会", RoleKind.VIEWER)]
# Roles that see ID numbers and phones unmasked (every such view is logged).
SEES_PERSONAL_DATA = {"machinery_cadre", "dongguan_official"}


def demo_credit_code(serial: int) -> str:
    """A well-formed code for a union legal person (登记管理部门 8, 类别 1)."""
    body = f"81370102{serial:09d}"
    return body + uscc_check_character(body)


@dataclass
class DemoTree:
    by_name: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)


def _node(tree, name, parent, level, kind=Kind.SINGLE, enterprises=1, employees=0, serial=0):
    parent_obj = tree.by_name.get(parent) if parent else None
    existing = Organisation.objects.filter(name=name, parent=parent_obj).first()
    if existing is None:
        founded = dt.date(1990 + serial % 30, 1 + serial % 12, 1 + serial % 27)
        term_start = dt.date(2021 + serial % 4, 3, 1)
        # Five-year terms, except every fourth union elected for three: some are now due.
        term_years = 3 if serial % 4 == 0 else 5
        existing = organisation_create(
            parent=parent_obj, name=name,
            short_name=name.removesuffix("总工会").removesuffix("工会")[:40],
            level=level, kind=kind, enterprises_covered=enterprises,
            # The listed sizes are real-looking; the demo keeps a twentieth of them so that
            # its register (members.demo) stays small and the membership rate realistic.
            employee_count=max(employees // DEMO_SCALE, 8) if employees else 0,
            credit_code=demo_credit_code(serial) if level == Level.GRASSROOTS else None,
            founded_on=founded, term_start=term_start,
            term_end=term_start.replace(year=term_start.year + term_years),
        )
    tree.by_name[name] = existing
    return existing


def load_tree() -> DemoTree:
    tree = DemoTree()
    serial = 1
    _node(tree, DISTRICT, None, Level.DISTRICT, employees=0, serial=serial)
    for street, unions in STREETS.items():
        serial += 1
        _node(tree, street, DISTRICT, Level.STREET, serial=serial)
        for name, kind, enterprises, employees in unions:
            serial += 1
            _node(tree, name, street, Level.GRASSROOTS, kind, enterprises, employees, serial)
    community, street, unions = COMMUNITY
    _node(tree, community, street, Level.COMMUNITY, Kind.JOINT, serial=serial + 1)
    for name, kind, enterprises, employees in unions:
        _node(tree, name, community, Level.GRASSROOTS, kind, enterprises, employees, serial + 2)
    for parent, branches in BRANCHES:
        for offset, name in enumerate(branches):
            _node(tree, name, parent, Level.BRANCH, serial=serial + 3 + offset)
    return tree


def load_accounts(tree: DemoTree) -> None:
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True,
                                    "first_name": "管理员"})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    tree.users["admin"] = admin
    for username, full_name, org_name, kind in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        role_grant(user=user, organisation=tree.by_name[org_name], kind=kind,
                   sees_personal_data=username in SEES_PERSONAL_DATA)
        tree.users[username] = user
    for username, org_name, kind in EXTRA_ROLES:
        role_grant(user=tree.users[username], organisation=tree.by_name[org_name], kind=kind)


def load() -> DemoTree:
    tree = load_tree()
    load_accounts(tree)
    return tree
