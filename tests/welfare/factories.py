"""Welfare records made through the real services, for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.members.factories import make_member, valid_resident_id
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


def member(org, actor, **fields):
    return make_member(org, actor, **fields)


def case(org, actor, date=dt.date(2025, 3, 1), *, person=None, number=None, **fields):
    """A hardship case of ``person`` (a member) or, without one, of a non-member worker."""
    values = {"causes": "illness", "household_size": 3,
              "monthly_income_per_head": Decimal("650"), "level": "hardship",
              "next_review_date": date + dt.timedelta(days=180)} | fields
    record = HardshipCase(organisation=org, date=date, member=person, **values)
    if person is None:
        record.name = values.get("name") or "李秀兰"
        record.document_type = "resident_id"
        number = number or valid_resident_id(dt.date(1975, 4, 2), male=False)
    return case_save(record, actor=actor, document_number=number)


def review(case_record, actor, date=dt.date(2025, 9, 1), **fields):
    values = {"status": "on_file", "level": "hardship",
              "next_review_date": date + dt.timedelta(days=180)} | fields
    if values["status"] != "on_file":
        values |= {"level": "", "next_review_date": None}
    return review_save(CaseReview(case=case_record, date=date, **values), actor=actor)


def grant(org, actor, date=dt.date(2025, 6, 1), *, paid_by=None, approver=None,
          confirm_warnings=False, **fields):
    """A grant, applied for by ``actor``; approved by ``approver`` and paid by ``paid_by``
    when they are given."""
    values = {"programme": "daily_hardship", "cash": Decimal("500")} | fields
    record = grant_save(AidGrant(organisation=org, date=date, **values), actor=actor,
                        confirm_warnings=confirm_warnings)
    if approver is not None:
        record = grant_approve(record, actor=approver)
        if paid_by is not None:
            record = grant_pay(record, actor=paid_by, paid_on=date)
    return record


def drive(org, actor, date=dt.date(2025, 5, 1), **fields):
    values = {"title": "爱心助学捐款", "purpose": "资助困难职工子女上大学", "donors": 100,
              "total": Decimal("10000")} | fields
    return drive_save(DonationDrive(organisation=org, date=date, **values), actor=actor)


def enrolment(org, actor, date=dt.date(2025, 1, 15), **fields):
    values = {"unit": str(org), "persons": 100, "on_job_persons": 100,
              "on_job_premium": Decimal("5000")} | fields
    return enrolment_save(MutualAidEnrolment(organisation=org, date=date, **values),
                          actor=actor)


def rule(org, actor, **fields):
    values = {"title": "节日慰问限额",
              "source_document": "《明湖区总工会送温暖资金管理办法》第八条",
              "programme": "spring_festival", "measure": "amount", "per": "person_year",
              "limit": Decimal("1000"), "action": "warn"} | fields
    return rule_save(AidRule(organisation=org, **values), actor=actor)
