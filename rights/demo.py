"""Demo records: a year (the last 365 days) of congresses, motions, contracts, disputes and
petitions across the demo tree. Entered through the services by the unions' own cadres
where the demo has one (else by the administrator); a union that already has a congress
session is skipped, so a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from organisations.models import Level, Organisation
from rights.choices import (
    CongressKind,
    ContractScope,
    ContractType,
    DisputeChannel,
    DisputeOutcome,
    DisputeType,
    Implementation,
    MotionCategory,
    PetitionOutcome,
    ReviewOutcome,
)
from rights.models import (
    CollectiveContract,
    CongressSession,
    LabourDispute,
    Motion,
    Petition,
    Resolution,
)
from rights.services import record_save, resolution_save

CADRES = {"明湖机械厂工会": "machinery_cadre", "明湖第一中学工会": "school_cadre",
          "甸柳纺织厂工会": "textile_cadre"}
MOTION_TITLES = [
    ("关于改善职工食堂伙食质量的提案", MotionCategory.LIVING),
    ("关于增设女职工休息室的提案", MotionCategory.LIVING),
    ("关于调整一线岗位津贴标准的提案", MotionCategory.WAGES),
    ("关于完善夜班补助发放办法的提案", MotionCategory.WAGES),
    ("关于更新车间通风除尘设备的提案", MotionCategory.SAFETY),
    ("关于加强高温作业防护的提案", MotionCategory.SAFETY),
    ("关于推进厂务公开栏规范化的提案", MotionCategory.DEMOCRACY),
    ("关于优化生产排班制度的提案", MotionCategory.OPERATIONS),
    ("关于开展技能培训和岗位练兵的提案", MotionCategory.OPERATIONS),
    ("关于增加职工通勤班车的提案", MotionCategory.LIVING),
]
DISPUTE_SUBJECTS = {
    DisputeType.CONTRACT: "解除劳动合同经济补偿争议",
    DisputeType.WAGES: "拖欠工资及加班费争议",
    DisputeType.INJURY: "工伤待遇支付争议",
    DisputeType.SOCIAL_INSURANCE: "未足额缴纳社会保险争议",
    DisputeType.OTHER: "带薪年休假争议",
}
PETITION_SUBJECTS = ["反映宿舍供暖不足", "反映绩效工资分配不公开", "咨询劳动合同续签问题",
                     "反映班车线路调整", "反映食堂价格上涨"]


def _actor(tree, union):
    username = CADRES.get(union.name)
    return tree.users[username] if username else tree.users["admin"]


def _kind(union) -> str:
    if any(word in union.name for word in ("中学", "小学", "学院")):
        return CongressKind.TEACHERS
    if union.kind == "joint":
        return CongressKind.MEMBERS
    return CongressKind.WORKERS


def _congress(union, actor, rng, today):
    held = today - dt.timedelta(days=rng.randint(240, 330))
    elected = max(15, union.employee_count // 2)
    session = record_save(CongressSession(
        organisation=union, date=held, kind=_kind(union), term=rng.randint(1, 4),
        session_number=rng.randint(1, 3), delegates_elected=elected,
        delegates_present=elected - rng.randint(0, max(1, elected // 10)),
        documents="工会工作报告\n职工福利基金使用情况报告\n集体合同履行情况报告"), actor=actor)
    for title in ("工会工作报告", "职工福利基金使用情况报告"):
        against = rng.randint(0, 2)
        resolution_save(Resolution(session=session, title=title, votes_against=against,
                                   votes_for=session.delegates_present - against),
                        actor=actor)
    titles = rng.sample(MOTION_TITLES, rng.randint(4, len(MOTION_TITLES)))
    outcomes = [ReviewOutcome.ACCEPTED, ReviewOutcome.ACCEPTED, ReviewOutcome.OPINION,
                ReviewOutcome.EXPLAINED, ""]
    for number, (title, category) in enumerate(titles, start=1):
        received = held + dt.timedelta(days=1)
        outcome = rng.choice(outcomes)
        motion = Motion(organisation=union, session=session, date=received,
                        number=f"{number:02d}", title=title, category=category,
                        submitter=rng.choice(["张伟", "李娜", "王磊", "刘洋", "陈静"]),
                        co_signers="、".join(rng.sample(["赵敏", "孙丽", "周洁", "吴磊",
                                                        "郑强"], 2)),
                        review_outcome=outcome)
        if outcome in (ReviewOutcome.ACCEPTED, ReviewOutcome.OPINION):
            motion.department = rng.choice(["人力资源部", "后勤保障部", "安全环保部",
                                            "生产运营部"])
            motion.reply_deadline = received + dt.timedelta(days=60)
            if rng.random() < 0.75:
                motion.reply_date = received + dt.timedelta(days=rng.randint(20, 75))
                motion.reply = "已研究并书面答复提案人，落实措施见附件。"
                motion.satisfaction = rng.choice(["satisfied", "satisfied", "fairly"])
                motion.implementation = rng.choice(Implementation.values)
                motion.carried_over = motion.implementation == Implementation.NOT_IMPLEMENTED
        elif outcome == "":
            motion.implementation = Implementation.IN_PROGRESS
        record_save(motion, actor=actor)


def _contracts(union, actor, rng, today):
    signed = today - dt.timedelta(days=rng.randint(400, 1000))
    record_save(CollectiveContract(
        organisation=union, date=signed, title=f"{union.short_name}集体合同",
        contract_type=ContractType.COMPREHENSIVE, scope=ContractScope.ENTERPRISE,
        employer_party=f"{union.short_name}（企业方）", union_party=union.name,
        end_date=today + dt.timedelta(days=rng.randint(20, 400)),
        workers_covered=max(8, union.employee_count)), actor=actor)
    if rng.random() < 0.6:
        wage_day = today - dt.timedelta(days=rng.randint(30, 300))
        record_save(CollectiveContract(
            organisation=union, date=wage_day, title=f"{union.short_name}工资专项集体协议",
            contract_type=ContractType.WAGES, scope=ContractScope.ENTERPRISE,
            employer_party=f"{union.short_name}（企业方）", union_party=union.name,
            end_date=wage_day + dt.timedelta(days=364),
            workers_covered=max(8, union.employee_count)), actor=actor)


def _disputes(union, actor, rng, today):
    for _ in range(rng.randint(0, 3)):
        received = today - dt.timedelta(days=rng.randint(20, 350))
        kind = rng.choice(DisputeType.values)
        dispute = LabourDispute(
            organisation=union, date=received, subject=DISPUTE_SUBJECTS[kind],
            employer=f"{union.short_name}", dispute_type=kind,
            workers_involved=rng.randint(1, 8),
            amount=Decimal(rng.randint(20, 900) * 100),
            channel=rng.choice([DisputeChannel.MEDIATION] * 4 + [DisputeChannel.LEGAL_AID,
                                                                 DisputeChannel.PETITION]),
            knew_on=received - dt.timedelta(days=rng.randint(5, 90)))
        dispute.outcome = rng.choice([DisputeOutcome.SETTLED] * 5
                                     + [DisputeOutcome.FAILED, DisputeOutcome.ARBITRATION])
        dispute.closed_on = received + dt.timedelta(days=rng.randint(3, 14))
        record_save(dispute, actor=actor)
    for _ in range(rng.randint(0, 2)):
        received = today - dt.timedelta(days=rng.randint(10, 350))
        record_save(Petition(organisation=union, date=received,
                             subject=rng.choice(PETITION_SUBJECTS),
                             petitioners=rng.randint(1, 5), outcome=PetitionOutcome.RESOLVED,
                             handled_on=received + dt.timedelta(days=rng.randint(1, 9))),
                    actor=actor)


def _open_cases(tree, today):
    """Cases still running, so that the clocks show: near, past and within the limit."""
    union = tree.by_name["明湖机械厂工会"]
    actor = _actor(tree, union)
    for days_ago, subject, knew_days in [(13, "铸造车间加班费计算争议", 40),
                                         (20, "装配车间劳务派遣同工同酬争议", 60),
                                         (2, "试用期解除劳动合同争议", 10),
                                         (30, "工伤停工留薪期工资争议", 350)]:
        received = today - dt.timedelta(days=days_ago)
        record_save(LabourDispute(
            organisation=union, date=received, subject=subject, employer="明湖机械厂",
            dispute_type=DisputeType.WAGES if "工资" in subject or "加班" in subject
            else DisputeType.CONTRACT, workers_involved=2, amount=Decimal("18600"),
            channel=DisputeChannel.MEDIATION if days_ago < 30 else DisputeChannel.LEGAL_AID,
            knew_on=received - dt.timedelta(days=knew_days)), actor=actor)


def _regional(tree, today):
    for street in ("东关街道总工会", "文化路街道总工会", "甸柳街道总工会"):
        org = tree.by_name[street]
        signed = today - dt.timedelta(days=200)
        record_save(CollectiveContract(
            organisation=org, date=signed, title=f"{org.short_name}区域性工资集体协商协议",
            contract_type=ContractType.WAGES, scope=ContractScope.REGIONAL,
            enterprises_covered=12, employer_party=f"{org.short_name}企业联合会",
            union_party=org.name, end_date=signed + dt.timedelta(days=3 * 365),
            workers_covered=1500), actor=tree.users["admin"])


def load(tree) -> None:
    today = timezone.localdate()
    if CongressSession.objects.exists():
        return
    unions = Organisation.objects.filter(level=Level.GRASSROOTS).order_by("path")
    for union in unions:
        rng = random.Random(f"rights-{union.node_key}")
        actor = _actor(tree, union)
        _congress(union, actor, rng, today)
        _contracts(union, actor, rng, today)
        _disputes(union, actor, rng, today)
    _open_cases(tree, today)
    _regional(tree, today)
