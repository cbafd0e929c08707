"""Demo competitions, entries, proposals and honours: the last twelve months across the tree."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from competitions.models import (
    Competition,
    CompetitionEntry,
    Honour,
    RationalisationProposal,
)
from competitions.services import entries_save, ledger_save
from organisations.demo import in_last_year

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
CONTESTS = [
    # union, actor, kind, title, organiser, level, month, trades
    ("明湖机械厂工会", "machinery_cadre", "skill", "厂级职工技术比武", "own", "own", 10,
     ["车工", "钳工", "焊工", "电工", "铣工", "数控车工", "装配钳工", "起重工"]),
    ("明湖机械厂工会", "machinery_cadre", "skill", "市职工职业技能大赛", "higher", "city", 9,
     ["焊工", "数控车工"]),
    ("东关人民医院工会", "admin", "drill", "护理岗位练兵", "own", "own", 5,
     ["静脉输液", "心肺复苏"]),
    ("明湖热电有限公司工会", "admin", "ankang", "安康杯竞赛", "own", "own", 6, []),
    ("东关街道总工会", "dongguan_cadre", "labour", "“建功新时代”劳动竞赛", "own", "own", 3, []),
]
PROPOSAL_UNIONS = ["明湖机械厂工会", "明湖热电有限公司工会", "明湖建工集团工会",
                   "明湖电力检修公司工会"]
PROPOSAL_TITLES = ["改进冲压模具定位", "优化锅炉给水流程", "车间照明节能改造", "工装夹具快换",
                   "减少焊接返修", "库房物料条码管理", "降低空压机能耗", "改进巡检路线"]
HONOURS = [
    ("明湖机械厂工会", "person", "王建华", "model_worker", "city", "市人民政府", 4),
    ("明湖机械厂工会", "collective", "数控车间一班", "pioneer", "province", "省总工会", 4),
    ("东关人民医院工会", "person", "李秀英", "may_day_medal", "city", "市总工会", 4),
    ("明湖第一中学工会", "person", "赵敏", "most_beautiful", "county", "明湖区总工会", 9),
    ("东关商贸联合工会", "collective", "东关商贸联合工会", "model_home", "city", "市总工会",
     11),
    ("明湖电力检修公司工会", "person", "孙强", "advanced", "group", "省电力公司", 12),
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))


def load(tree) -> None:
    if Competition.objects.exists() or RationalisationProposal.objects.exists():
        return
    year = timezone.localdate().year - 1
    rng = random.Random(year)
    for union, username, kind, title, organiser, level, month, trades in CONTESTS:
        actor = tree.users[username]
        start = in_last_year(month, 12)
        comp = ledger_save(Competition(
            organisation=tree.by_name[union], date=start,
            end_date=start + dt.timedelta(days=2), kind=kind, title=title, organiser=organiser,
            level=level, trades="\n".join(trades)), actor=actor)
        rows = []
        for trade in trades:
            podium = 3 if len(trades) > 4 else 2
            for rank in range(1, rng.randint(4, 9) + (0 if organiser == "higher" else 8)):
                rows.append(CompetitionEntry(
                    name=_name(rng), trade=trade, placing=rank if rank <= podium else None,
                    award={1: "一等奖", 2: "二等奖", 3: "三等奖"}.get(rank, "")
                    if rank <= podium else ""))
        if not trades:
            rows = [CompetitionEntry(name=f"{team}班组", headcount=rng.randint(6, 15),
                                     placing=i + 1 if i < 3 else None)
                    for i, team in enumerate(["运行一", "运行二", "检修", "化验", "燃料"])]
        entries_save(comp, save=rows, delete=[], actor=actor)
    grades = ["first"] + ["second"] * 2 + ["third"] * 3 + ["merit"] * 8 + ["none"] * 10
    for i, grade in enumerate(grades):
        half = "上半年" if i % 2 else "下半年"
        submitted = in_last_year(3 if half == "上半年" else 9, 1 + i)
        ledger_save(RationalisationProposal(
            organisation=tree.by_name[PROPOSAL_UNIONS[i % len(PROPOSAL_UNIONS)]],
            date=submitted,
            kind="innovation" if i % 5 == 0 else "proposal",
            title=PROPOSAL_TITLES[i % len(PROPOSAL_TITLES)], submitters=_name(rng),
            campaign=f"{submitted.year}{half}", grade=grade, adopted=grade != "none",
            estimated_benefit=Decimal(rng.randint(0, 200) * 500) if grade != "none" else 0,
        ), actor=tree.users["admin"])
    for union, recipient, name, title, level, body, month in HONOURS:
        ledger_save(Honour(organisation=tree.by_name[union], date=in_last_year(month, 28),
                           recipient=recipient, name=name, title=title, level=level,
                           awarding_body=body), actor=tree.users["admin"])
