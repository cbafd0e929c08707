"""Report documents built by hand, for the renderers' tests (PDF, preview, workbook).

``annual_document`` gives a district federation's year big enough for 30+ A4 pages: six
sections with long seed-like text, a 30-row table each, three charts, an empty section,
存在问题 and 明年打算, an appendix of 40 direct child unions and the photos passed in.
The constants below are what a test looks for in the output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw

from reports.document import Document, DocumentSection, Headline, Photo
from reports.sections import Chart, Figure, Table

ORGANISATION = "明湖区总工会"
TITLE = "明湖区总工会2025年工作总结"
AUTHOR = "明湖区总工会"
COVER_DATE = dt.date(2026, 1, 15)
STREETS = ["东关街道", "文化路街道", "甸柳街道", "姚家街道", "千佛山街道", "舜玉路街道"]
CHILD_COUNT = 40
TABLE_ROWS = 30
AID_TOTAL = Decimal("1329770.50")  # printed "1,329,770.50" in the welfare table
SECTION_TITLES = ["组织建设", "劳动竞赛与职工素质", "民主管理", "维护职工合法权益",
                  "帮扶与送温暖", "文体活动"]
EMPTY_SECTION_TEXT = "本年度无相关记录。"
CHART_TITLES = ["各街道会员发展情况", "技术比武参赛人数", "各月帮扶金额"]

_SENTENCES = [
    "一年来，在区委和上级工会的正确领导下，区总工会坚持“组织起来，切实维权”的工作方针，"
    "围绕中心、服务大局，扎实推进各项工作。",
    "通过强化民主管理和民主监督，扎实开展劳动竞赛、送温暖献爱心等活动，"
    "充分调动了广大职工的生产工作积极性。",
    "全年共走访慰问困难职工544户，发放慰问金和慰问品折合人民币18,500元，"
    "切实把党和政府的温暖送到职工心坎上。",
    "坚持每半年开展一次群众性合理化建议征集活动，共征集合理化建议77条，"
    "评出一等奖1个、二等奖2个、三等奖3个、优秀奖40个。",
    "积极推进基层工会规范化建设，新建工会组织12家，新发展会员1,356人，"
    "其中农民工会员612人，女职工会员587人。",
    "深入开展“安康杯”竞赛活动，组织安全生产检查46次，发现并整改事故隐患128处，"
    "保障了职工的生命安全和身体健康。",
]


def _paragraph(seed: int) -> str:
    """About 300 characters in the seeds' register, different for every seed."""
    sentences = [_SENTENCES[(seed + k) % len(_SENTENCES)] for k in range(4)]
    return f"（{seed}）" + "".join(sentences)


def _text(section: int, paragraphs: int) -> str:
    return "\n\n".join(_paragraph(section * 100 + n) for n in range(paragraphs))


def _child(index: int) -> str:
    return f"{STREETS[index % len(STREETS)]}第{index + 1}工会"


def _section_table(index: int, title: str) -> Table:
    if index == 5:  # 帮扶与送温暖: money, with the exact total on the last row
        rows = [[_child(i), 10 + i, Decimal("12000.00") + 350 * i] for i in range(TABLE_ROWS)]
        rows.append(["合计", None, AID_TOTAL])
        return Table(f"{title}情况表", ["单位", "帮扶户数", "帮扶金额（元）"], rows)
    rows = [[_child(i), 100 * index + i, 3 * i + index, f"第{i % 4 + 1}季度"]
            for i in range(TABLE_ROWS)]
    return Table(f"{title}情况表", ["单位", "人数", "次数", "时间"], rows)


def _charts(index: int) -> list[Chart]:
    if index == 1:
        return [Chart(CHART_TITLES[0], "bar", STREETS,
                      {"2024年": [812, 640, 955, 430, 512, 388],
                       "2025年": [905, 702, 1013, 466, 540, 401]}, unit="人")]
    if index == 2:
        return [Chart(CHART_TITLES[1], "bar", ["车工", "钳工", "电工", "焊工"],
                      {"参赛人数": [123, 98, 104, 76]}, unit="人")]
    if index == 5:
        return [Chart(CHART_TITLES[2], "line", [f"{m}月" for m in range(1, 13)],
                      {"帮扶金额": [Decimal(9000 + 1500 * m) for m in range(1, 13)]},
                      unit="元")]
    return []


def _section(index: int, title: str) -> DocumentSection:
    number = "一二三四五六"[index - 1]
    if title == "文体活动":
        return DocumentSection(number, "culture", title, EMPTY_SECTION_TEXT, empty=True)
    headlines = [
        Headline(Figure(f"members{index}", "会员人数", 12356 + index, "人"), 11500, Decimal("7.4")),
        Headline(Figure(f"aid{index}", "帮扶金额", Decimal("1329770"), "元"),
                 Decimal("1400000"), Decimal("-5.0")),
        Headline(Figure(f"unions{index}", "新建工会", 12, "家")),
    ] if index in (1, 5) else []
    return DocumentSection(number, f"section{index}", title, _text(index, 20),
                           headlines=headlines, tables=[_section_table(index, title)],
                           charts=_charts(index))


def appendix_rows() -> list[list]:
    return [[_child(i), 300 + 7 * i, Decimal("5000.50") + 125 * i, i % 5, 2 + i % 9]
            for i in range(CHILD_COUNT)]


def annual_document(photos: list[Photo] = (), draft: bool = True) -> Document:
    sections = [_section(i, title) for i, title in enumerate(SECTION_TITLES, start=1)]
    return Document(
        organisation=ORGANISATION, title=TITLE, period="2025年", date=COVER_DATE,
        author=AUTHOR, sections=sections,
        problems=_text(7, 10), plans=_text(8, 10),
        appendix_columns=["工会名称", "会员人数", "帮扶金额（元）", "劳动纠纷（起）", "活动次数"],
        appendix_rows=appendix_rows(), photos=tuple(photos), draft=draft,
    )


def short_document(draft: bool = True, photos: list[Photo] = ()) -> Document:
    """A few pages: the cover, the contents and one section with a table and a chart."""
    section = DocumentSection("一", "members", "组织建设", _text(1, 2),
                              tables=[_section_table(1, "组织建设")], charts=_charts(1))
    return Document(organisation=ORGANISATION, title=TITLE, period="2025年", date=COVER_DATE,
                    author=AUTHOR, sections=[section], photos=tuple(photos), draft=draft)


def make_photos(folder: Path, count: int = 2) -> list[Photo]:
    """Small JPEGs (a coloured band and a caption) as a stored activity photo would be."""
    photos = []
    for index in range(count):
        image = Image.new("RGB", (1200, 800), (200 - 60 * index, 120, 60 + 60 * index))
        ImageDraw.Draw(image).rectangle((100, 100, 1100, 300), fill=(250, 250, 250))
        path = folder / f"photo-{index + 1}.jpg"
        image.save(path, format="JPEG", quality=70)
        photos.append(Photo(str(path), f"职工运动会现场{index + 1}"))
    return photos
