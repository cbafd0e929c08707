"""Demo activities across the tree over the last twelve months, with sub-events and a few
drawn photos."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from activities.models import Activity, SubEvent
from activities.photos import photos_attach
from activities.services import ledger_save, sub_events_save
from organisations.demo import in_last_year

ACTIVITIES = [
    # union, actor, category, title, month, persons, 人次, extra figures
    ("明湖机械厂工会", "machinery_cadre", "sports", "第二十届职工运动会", 5, 640, 1126, {}),
    ("明湖机械厂工会", "machinery_cadre", "training", "安全生产与技能提升培训", 3, 0, 0,
     {"sessions": 12, "trainees": 480, "hours": Decimal("36")}),
    ("明湖机械厂工会", "machinery_cadre", "safety", "安康杯隐患排查", 6, 60, 60,
     {"dangers_found": 35, "dangers_fixed": 33}),
    ("明湖机械厂工会", "machinery_cadre", "women", "“三八”节女职工插花活动", 3, 120, 120, {}),
    ("明湖第一中学工会", "school_cadre", "culture", "迎新春教职工文艺汇演", 1, 80, 80, {}),
    ("明湖第一中学工会", "school_cadre", "training", "师德师风培训", 8, 0, 0,
     {"sessions": 3, "trainees": 95, "hours": Decimal("9")}),
    ("东关人民医院工会", "admin", "women", "女职工健康讲座", 3, 210, 210, {}),
    ("东关街道总工会", "dongguan_cadre", "culture", "职工读书月", 4, 300, 650, {}),
    ("东关街道总工会", "dongguan_cadre", "publicity", "工会信息报送", 12, 0, 0,
     {"items_reported": 46}),
    ("甸柳纺织厂工会", "textile_cadre", "sports", "职工趣味运动会", 10, 260, 420, {}),
    ("明湖区总工会", "district_official", "culture", "全区职工合唱比赛", 6, 900, 900, {}),
]
EVENTS = ["100米", "200米", "跳远", "拔河", "篮球", "乒乓球", "羽毛球", "象棋", "跳绳",
          "接力", "趣味投篮", "踢毽子"]


def _drawn_photo(text_seed: int) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 533), (200, 40 + text_seed * 30 % 200, 60))
    draw = ImageDraw.Draw(image)
    for i in range(8):
        draw.ellipse((60 + i * 80, 200 - i * 10, 120 + i * 80, 260 - i * 10),
                     fill=(255, 220, 0))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return SimpleUploadedFile(f"demo{text_seed}.jpg", out.getvalue())


def load(tree) -> None:
    if Activity.objects.exists():
        return
    for union, username, category, title, month, persons, times, extra in ACTIVITIES:
        actor = tree.users[username]
        activity = ledger_save(Activity(
            organisation=tree.by_name[union], date=in_last_year(month, 15), category=category,
            title=title, participants=persons, person_times=times, **extra), actor=actor)
        if title == "第二十届职工运动会":
            sub_events_save(activity, actor=actor, delete=[], save=[
                SubEvent(name=name, participants=60 + i * 5, results="第一名：装配车间")
                for i, name in enumerate(EVENTS)])
            photos_attach(activity=activity, actor=actor, caption="运动会开幕式",
                          files=[_drawn_photo(i) for i in range(2)])
