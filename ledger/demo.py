"""Demo chronicle entries for the current and the previous year."""

import datetime as dt

from django.utils import timezone

from ledger.models import ChronicleEntry
from ledger.services import ledger_save

EVENTS = [
    (1, 20, "春节送温暖慰问困难职工", "走访慰问困难职工家庭，发放慰问金和慰问品。"),
    (3, 8, "“三八”国际妇女节女职工座谈会", "组织女职工代表座谈，听取意见建议。"),
    (4, 28, "“五一”劳动模范表彰大会", "表彰年度劳动模范和先进工作者。"),
    (6, 15, "安康杯安全知识竞赛", "开展安全生产知识竞赛和隐患排查。"),
    (7, 20, "夏送清凉慰问一线职工", "为高温作业一线职工送去防暑降温物品。"),
    (9, 1, "金秋助学金发放", "为困难职工子女发放助学金。"),
    (11, 10, "职工技能比武决赛", "举办多个工种的技术比武决赛。"),
]


def load(tree) -> None:
    year = timezone.localdate().year
    for name, username in [("明湖区总工会", "district_official"),
                           ("东关街道总工会", "dongguan_cadre"),
                           ("明湖机械厂工会", "machinery_cadre"),
                           ("明湖第一中学工会", "school_cadre"),
                           ("甸柳纺织厂工会", "textile_cadre")]:
        organisation, actor = tree.by_name[name], tree.users[username]
        for offset in (1, 0):
            for month, day, title, description in EVENTS:
                date = dt.date(year - offset, month, day)
                if date > timezone.localdate():
                    continue
                if ChronicleEntry.objects.filter(organisation=organisation, date=date,
                                                 title=title).exists():
                    continue
                ledger_save(ChronicleEntry(organisation=organisation, date=date, title=title,
                                           description=description), actor=actor)
