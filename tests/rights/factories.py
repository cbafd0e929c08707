"""Rights records made through the real services, for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)
from rights.services import record_save, resolution_save


def session(org, actor, date=dt.date(2025, 4, 29), **fields):
    values = {"kind": "workers", "term": 1, "session_number": 1, "delegates_elected": 120,
              "delegates_present": 112} | fields
    return record_save(CongressSession(organisation=org, date=date, **values), actor=actor)


def resolution(sess, actor, **fields):
    values = {"title": "职工福利基金使用报告", "votes_for": 100, "votes_against": 8,
              "votes_abstain": 4} | fields
    return resolution_save(Resolution(session=sess, **values), actor=actor)


def motion(org, actor, date=dt.date(2025, 5, 6), number="1", **fields):
    values = {"title": "关于改善职工食堂的提案", "submitter": "张伟", "category": "living"} | fields
    return record_save(Motion(organisation=org, date=date, number=number, **values),
                       actor=actor)


def contract(org, actor, date=dt.date(2025, 3, 1), **fields):
    values = {"title": "2025年度工资专项集体协议", "contract_type": "wages",
              "scope": "enterprise", "employer_party": "明湖机械厂",
              "union_party": "明湖机械厂工会", "end_date": date.replace(year=date.year + 3)
              - dt.timedelta(days=1), "workers_covered": 800} | fields
    return record_save(CollectiveContract(organisation=org, date=date, **values),
                       actor=actor)


def dispute(org, actor, date=dt.date(2025, 6, 1), **fields):
    values = {"subject": "拖欠加班工资", "dispute_type": "wages", "workers_involved": 1,
              "amount": Decimal("0"), "channel": "mediation"} | fields
    return record_save(LabourDispute(organisation=org, date=date, **values), actor=actor)


def petition(org, actor, date=dt.date(2025, 6, 1), **fields):
    values = {"subject": "反映宿舍供暖问题"} | fields
    return record_save(Petition(organisation=org, date=date, **values), actor=actor)
