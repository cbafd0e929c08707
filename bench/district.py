"""A district of the size the annual report is built for, loaded into PostgreSQL for benches.

    from bench import district
    district.setup()                          # the bench's own database, created and migrated
    loaded = district.load(scale=1.0, reload=False)

At scale 1 the district federation has 8 street federations, each with a community joint
federation, 304 grassroots unions and 80 branch unions (401 organisations); 100,000 members
(from a handful to a few thousand a union); and 200,000 ledger records of every kind the
report counts (chronicle, competitions, proposals, honours, activities, congresses, motions,
contracts, disputes, petitions, hardship cases and their reviews, aid grants, donation
drives, mutual-aid enrolments), dated across 2024 and 2025 so that the 2025 report has a
previous year to compare with. Competition entries, activity sub-events, congress
resolutions and four activity photos come on top.

Why not the services for everything: they check roles, locks and ``full_clean`` record by
record and write a history row each, several round trips per record. So the tree goes
through ``organisation_create`` (its materialised paths must be exactly the portal's),
members through ``COPY`` (ID numbers encrypted and hashed by ``members.personal_data`` as
``Member.set_document_number`` does), records through ``bulk_create``, photos through
``activities.photos.photos_attach``; every record is made to pass its model's ``clean``
(the smoke test in tests/bench full-cleans a sample).

``setup`` uses only the server and the credentials of DATABASE_URL: the data lives in its
own database, ``unionportal_bench_district``, and its photos under
``var/bench-district-media``, so development data is never touched. ``load`` works on
whatever database Django is connected to (the tests' one in tests/bench), reuses rows whose
counts are exactly those planned for the scale, and otherwise empties the tables it fills
and loads again. The same seed gives the same district.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATABASE = "unionportal_bench_district"
MEDIA_FOLDER = ROOT / "var" / "bench-district-media"
SEED = 2025
USERNAME = "bench_district_official"

FIRST_DAY, LAST_DAY = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
YEARS = (2024, 2025)

DISTRICT = "基准区总工会"
STREETS = ("东关", "西城", "南湖", "北苑", "中山", "文昌", "新华", "青年")
WORKPLACES = (  # one grassroots union of each street per workplace; "联合" are joint unions
    "机械厂", "纺织厂", "人民医院", "第一中学", "实验小学", "热电有限公司", "商贸联合",
    "物流园联合", "公交车队", "社区卫生服务中心", "建工集团", "小微企业联合", "软件园联合",
    "餐饮行业联合", "电力检修公司", "快递外卖骑手联合", "出版印刷厂", "百货商场", "水务公司",
    "律师事务所联合", "职业技术学院", "家政服务联合", "汽车维修联合", "食品有限公司",
    "物业服务联合", "燃气公司", "养老院", "酒店管理公司", "网约车司机联合", "中心幼儿园",
    "农商银行支行", "连锁超市", "制药厂", "精细化工厂", "电子科技公司", "建材市场联合",
    "出租汽车公司", "环卫所",
)
UNIONS_PER_STREET = len(WORKPLACES)  # 38: 304 grassroots unions in 8 streets
COMMUNITY_UNIONS = 4  # the last unions of a street belong to its community joint federation
BRANCH_EVERY = 8  # every eighth union of a street has two branch unions
BRANCHES = ("一车间分工会", "二车间分工会")
SMALL_UNION_MEMBERS = 12  # the last union of the last street: the small one of the bench
MEMBERS = 100_000
SESSION_UNIONS = 300  # unions holding a congress session each year
RECORDS = {  # ledger records at scale 1, by model: 200,000 in all
    "ledger.chronicleentry": 34_000,
    "competitions.competition": 4_000,
    "competitions.rationalisationproposal": 22_000,
    "competitions.honour": 6_000,
    "activities.activity": 16_000,
    "rights.congresssession": 2 * SESSION_UNIONS,
    "rights.motion": 15_000,
    "rights.collectivecontract": 600,
    "rights.labourdispute": 3_000,
    "rights.petition": 3_000,
    "welfare.hardshipcase": 4_000,
    "welfare.casereview": 4_000,
    "welfare.donationdrive": 800,
    "welfare.aidgrant": 86_000,
    "welfare.mutualaidenrolment": 1_000,
}
PHOTOS = 4
BATCH = 2_000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志文斌宇浩凯鹏飞辉俊"
         "波丹玲婷雪琳晨阳佳欣怡梓涵子轩宁海峰春梅秋菊松林森山川江河云龙凤")
REGIONS = ("370102", "370103", "370104", "370105", "370112", "370181", "110105", "310104")
TRADES = ("车工", "钳工", "焊工", "电工", "铣工", "数控车工", "装配钳工", "起重工", "叉车工",
          "维修电工", "化学检验员", "中式烹调师", "育婴员", "养老护理员", "快递员", "网约配送员",
          "静脉输液", "心肺复苏", "计算机程序设计员", "汽车维修工")
TEAMS = ("运行一班", "运行二班", "检修班", "化验班", "燃料班", "装配班组", "质检班组", "后勤班组")
CHRONICLE = (
    ("春节送温暖慰问困难职工", "走访慰问困难职工家庭，发放慰问金和慰问品。"),
    ("“三八”国际妇女节女职工座谈会", "组织女职工代表座谈，听取意见建议。"),
    ("“五一”劳动模范表彰大会", "表彰年度劳动模范和先进工作者。"),
    ("召开职工代表大会", "审议通过集体合同草案和年度工作报告。"),
    ("安康杯安全知识竞赛", "开展安全生产知识竞赛和隐患排查。"),
    ("夏送清凉慰问一线职工", "为高温作业一线职工送去防暑降温物品。"),
    ("金秋助学金发放", "为困难职工子女发放助学金。"),
    ("职工技能比武决赛", "举办多个工种的技术比武决赛。"),
    ("工会委员会换届选举", "选举产生新一届工会委员会和经费审查委员会。"),
    ("职工书屋揭牌", "新建职工书屋一处，配备图书两千余册。"),
    ("新就业形态劳动者入会集中行动", "走进站点宣传入会政策，现场办理入会手续。"),
    ("职工疗休养", "组织一线职工和劳动模范疗休养。"),
)
COMPETITION_TITLES = {
    "labour": ("“建功新时代”劳动竞赛", "重点工程劳动竞赛", "“当好主人翁”劳动竞赛"),
    "skill": ("职工职业技能大赛", "职工技术比武", "青年职工技能竞赛"),
    "drill": ("岗位练兵", "岗位练兵技术比武", "服务技能岗位练兵"),
    "ankang": ("安康杯竞赛", "安康杯安全知识竞赛"),
    "other": ("职工创新创效竞赛", "班组建设竞赛"),
}
PROPOSALS = ("改进冲压模具定位", "优化锅炉给水流程", "车间照明节能改造", "工装夹具快换",
             "减少焊接返修", "库房物料条码管理", "降低空压机能耗", "改进巡检路线",
             "优化排班减少加班", "废料回收再利用", "设备点检表电子化", "改进包装减少破损")
HONOUR_BODIES = {"national": "中华全国总工会", "province": "省总工会", "city": "市总工会",
                 "county": DISTRICT, "group": "集团公司", "own": "本单位"}
ACTIVITY_TITLES = {
    "culture": ("迎新春职工文艺汇演", "职工读书月", "职工书画摄影展", "职工合唱比赛"),
    "sports": ("职工运动会", "职工趣味运动会", "职工篮球赛", "职工健步走"),
    "training": ("安全生产与技能提升培训", "工会干部业务培训", "新入职职工岗前培训"),
    "women": ("“三八”节女职工插花活动", "女职工健康讲座", "女职工权益保护知识讲座"),
    "safety": ("安康杯隐患排查", "群众安全监督检查", "夏季安全生产大检查"),
    "publicity": ("工会信息报送", "劳动法律法规宣传", "劳模工匠进企业宣讲"),
    "other": ("职工亲子活动", "单身职工联谊会", "职工志愿服务"),
}
SUB_EVENTS = ("100米", "200米", "跳远", "拔河", "篮球", "乒乓球", "羽毛球", "象棋", "跳绳",
              "接力", "趣味投篮", "踢毽子")
MOTIONS = ("关于改善职工食堂伙食的提案", "关于增设职工停车位的提案",
           "关于完善高温津贴发放办法的提案", "关于加强一线岗位劳动保护的提案",
           "关于开展职工技能培训的提案", "关于改善倒班职工休息条件的提案",
           "关于建立职工困难帮扶长效机制的提案", "关于完善绩效考核办法的提案")
DEPARTMENTS = ("人力资源部", "行政办公室", "安全环保部", "财务部", "生产技术部", "后勤服务中心")
DISPUTES = ("拖欠工资", "解除劳动合同经济补偿", "工伤待遇", "未缴纳社会保险", "加班费",
            "未签订书面劳动合同", "带薪年休假")
PETITIONS = ("反映加班费计算问题", "反映宿舍条件问题", "反映拖欠工资问题",
             "反映劳动合同续签问题", "反映职工福利发放问题")
DRIVE_PURPOSES = ("困难职工大病救助", "困难职工子女助学", "受灾职工家庭救助", "一线职工慰问")
SCHOOLS = {"university": "大学", "high": "高级中学", "junior": "初级中学", "primary": "小学"}
ILLNESSES = ("恶性肿瘤", "尿毒症", "白血病", "脑梗塞", "心脏手术", "骨折住院", "肺炎住院")
CASE_FINDINGS = ("家庭收入未见明显改善，继续建档帮扶。", "子女已就业，家庭收入明显提高。",
                 "病情稳定，医疗费用负担减轻。", "已调离本单位，注销档案。")


# --- Database selection (before Django is set up) ----------------------------------------

def database_url(name: str = DATABASE) -> str:
    """DATABASE_URL with the database ``name``, created if missing; refuses anything but
    PostgreSQL (the bench measures the production database)."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The district bench measures PostgreSQL: set DATABASE_URL to a "
                 "postgres://user:password@host:5432/name URL (the role needs CREATEDB). "
                 f"Got {url.split(':', 1)[0] or 'nothing (the SQLite default)'}.")
    config = dj_database_url.parse(url)
    _create_database(config, name)
    host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
    return f"postgres://{config['USER']}:{config['PASSWORD']}@{host}:{port}/{name}"


def _create_database(config, name: str) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(dbname="postgres", user=config["USER"],
                                  password=config["PASSWORD"],
                                  host=config["HOST"] or "127.0.0.1",
                                  port=config["PORT"] or 5432)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"creating database {name}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def setup(name: str = DATABASE) -> None:
    """Point Django at the bench database (and media folder), set it up and migrate."""
    os.environ["DATABASE_URL"] = database_url(name)
    os.environ["MEDIA_ROOT"] = str(MEDIA_FOLDER)  # never the development media folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- The plan: what a scale creates ------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    """The shape of the tree at a scale (the same streets, fewer unions in each)."""

    unions_per_street: int
    community_unions: int

    @property
    def unions(self) -> int:
        return len(STREETS) * self.unions_per_street

    @property
    def branches(self) -> int:
        with_branches = len(range(0, self.unions_per_street, BRANCH_EVERY))
        return len(STREETS) * with_branches * len(BRANCHES)

    @property
    def communities(self) -> int:
        return len(STREETS) if self.community_unions else 0

    @property
    def organisations(self) -> int:
        return 1 + len(STREETS) + self.communities + self.unions + self.branches


def layout(scale: float) -> Layout:
    per_street = min(UNIONS_PER_STREET, max(3, round(UNIONS_PER_STREET * scale)))
    return Layout(per_street, min(COMMUNITY_UNIONS, per_street // 3))


def plan(scale: float = 1.0) -> dict[str, int]:
    """What ``load(scale)`` creates: organisations, grassroots unions, branch unions,
    members, and the ledger records of each model (by ``app_label.model_name``)."""
    shape = layout(scale)
    planned = {"organisations": shape.organisations, "grassroots unions": shape.unions,
               "branch unions": shape.branches,
               "members": max(len(STREETS) * 40, round(MEMBERS * scale))}
    for label, count in RECORDS.items():
        planned[label] = max(2, round(count * scale))
    sessions = min(round(SESSION_UNIONS * scale), shape.unions)
    planned["rights.congresssession"] = 2 * max(1, sessions)
    return planned


def ledger_total(counts: dict[str, int]) -> int:
    return sum(count for label, count in counts.items() if "." in label)


def counts() -> dict[str, int]:
    """The same figures as ``plan``, counted in the database."""
    from members.models import Member
    from organisations.models import Level, Organisation
    from reports.completeness import ledger_models

    found = {"organisations": Organisation.objects.count(),
             "grassroots unions": Organisation.objects.filter(level=Level.GRASSROOTS).count(),
             "branch unions": Organisation.objects.filter(level=Level.BRANCH).count(),
             "members": Member.objects.count()}
    for model in ledger_models():
        found[model._meta.label_lower] = model.objects.count()
    return found


# --- Loading -------------------------------------------------------------------------------

@dataclass
class Loaded:
    """The district as loaded: its nodes, the bench's official and what was created."""

    district: object
    streets: list
    unions: list
    small_union: object
    official: object
    counts: dict[str, int]
    seconds: float = 0.0
    reused: bool = False


def load(scale: float = 1.0, *, reload: bool = False,
         log: Callable[[str], None] = print) -> Loaded:
    """The district at ``scale`` in the connected database: reused when its counts are the
    planned ones (and ``reload`` is false), otherwise loaded afresh."""
    from organisations.models import Organisation

    wanted = plan(scale)
    started = time.perf_counter()
    root = Organisation.objects.filter(parent=None, name=DISTRICT).first()
    if root is not None and not reload and counts() == wanted:
        log(f"district already loaded at scale {scale} (--reload loads it again)")
        return _loaded(root, wanted, reused=True)
    _empty(log)
    rng = random.Random(SEED)
    tree = _build_tree(layout(scale), rng)
    log(f"  tree: {len(tree.nodes)} organisations ({time.perf_counter() - started:.0f} s)")
    official = bench_official(tree.district)
    _load_members(tree, wanted["members"], rng, log)
    world = World(rng, tree, official, _members_by_holder())
    for label, generate in GENERATORS:
        step = time.perf_counter()
        generate(world, wanted[label])
        log(f"  {label}: {wanted[label]:,} ({time.perf_counter() - step:.1f} s)")
    _attach_photos(world)
    _analyze()
    loaded = _loaded(tree.district, counts())
    loaded.seconds = time.perf_counter() - started
    if loaded.counts != wanted:
        raise RuntimeError(f"loaded {loaded.counts}, planned {wanted}")
    log(f"loaded the district in {loaded.seconds:.0f} s: {wanted['members']:,} members, "
        f"{ledger_total(wanted):,} ledger records")
    return loaded


def _loaded(root, found: dict[str, int], *, reused: bool = False) -> Loaded:
    from django.db.models import Count

    from organisations.models import Level, Organisation

    streets = list(Organisation.objects.filter(parent=root).order_by("name"))
    unions = list(Organisation.objects.subtree(root).filter(level=Level.GRASSROOTS)
                  .annotate(member_count=Count("members")).order_by("path"))
    small = min(unions, key=lambda union: union.member_count)
    return Loaded(district=root, streets=streets, unions=unions, small_union=small,
                  official=bench_official(root), counts=found, reused=reused)


def bench_official(district):
    """The district's official (the report is started and rendered in their name)."""
    from django.contrib.auth import get_user_model

    from organisations.models import RoleKind
    from organisations.services import role_grant

    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"first_name": "基准"})
    role_grant(user=user, organisation=district, kind=RoleKind.OFFICIAL)
    return user


def _empty(log) -> None:
    """Every row the load writes (and what hangs off them: roles, reports, history)."""
    from django.apps import apps
    from django.db import connection

    from activities.models import ActivityPhoto

    for photo in ActivityPhoto.objects.all():
        for file in (photo.image, photo.thumbnail):
            if file.name:
                file.storage.delete(file.name)
    tables = ["organisations_organisation"] + [
        model._meta.db_table for model in apps.get_models()
        if model._meta.model_name.startswith("historical")]
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit: inside a transaction that already wrote (a
        # test's), their pending checks must run before the tables can be truncated.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    log("emptied the tables of the district")


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- The tree ------------------------------------------------------------------------------

@dataclass
class Tree:
    district: object = None
    streets: list = field(default_factory=list)
    communities: list = field(default_factory=list)
    unions: list = field(default_factory=list)
    branches: list = field(default_factory=list)

    @property
    def nodes(self) -> list:
        return [self.district, *self.streets, *self.communities, *self.unions, *self.branches]

    @property
    def holders(self) -> list:
        """The unions members belong to."""
        return [*self.unions, *self.branches]

    @property
    def federations(self) -> list:
        return [self.district, *self.streets, *self.communities]


def credit_code(serial: int) -> str:
    from organisations.validators import uscc_check_character

    body = f"81370199{serial:09d}"
    return body + uscc_check_character(body)


def _build_tree(shape: Layout, rng: random.Random) -> Tree:
    from organisations.models import Kind, Level
    from organisations.services import organisation_create

    def node(parent, name, level, **fields):
        # Five-year terms begun evenly since mid-2020: about a fifth are due for re-election
        # within half a year of the report.
        term_start = _day(rng, dt.date(2020, 7, 1), LAST_DAY)
        return organisation_create(
            parent=parent, name=name, level=level,
            short_name=name.removesuffix("总工会").removesuffix("工会")[:40],
            term_start=term_start, term_end=_years_after(term_start, 5), **fields)

    tree = Tree(district=node(None, DISTRICT, Level.DISTRICT, founded_on=dt.date(1985, 5, 1)))
    serial = 0
    for street_name in STREETS:
        street = node(tree.district, f"{street_name}街道总工会", Level.STREET)
        tree.streets.append(street)
        community = None
        if shape.community_unions:
            community = node(street, f"{street_name}第一社区联合工会", Level.COMMUNITY,
                             kind=Kind.JOINT)
            tree.communities.append(community)
        first_in_community = shape.unions_per_street - shape.community_unions
        for index, workplace in enumerate(WORKPLACES[:shape.unions_per_street]):
            serial += 1
            joint = "联合" in workplace
            founded = (_day(rng, FIRST_DAY, dt.date(2025, 6, 30)) if rng.random() < 0.05
                       else _day(rng, dt.date(1985, 1, 1), dt.date(2023, 12, 31)))
            union = node(community if community and index >= first_in_community else street,
                         f"{street_name}{workplace}工会", Level.GRASSROOTS,
                         kind=Kind.JOINT if joint else Kind.SINGLE,
                         enterprises_covered=rng.randint(5, 40) if joint else 1,
                         credit_code=credit_code(serial), founded_on=founded)
            tree.unions.append(union)
            if index % BRANCH_EVERY == 0:
                tree.branches += [node(union, f"{street_name}{workplace}{branch}", Level.BRANCH,
                                       founded_on=founded) for branch in BRANCHES]
    return tree


# --- Members ---------------------------------------------------------------------------------

MEMBER_COLUMNS = ("organisation_id", "name", "gender", "document_type", "id_cipher", "id_hash",
                  "id_last4", "birth_date", "ethnicity", "phone", "education",
                  "employment_form", "join_date", "status", "status_date",
                  "model_worker_level", "created_at", "updated_at")


def member_quotas(tree: Tree, total: int, rng: random.Random) -> list[int]:
    """Members of each holder (unions, then branches): uneven, as in life (from a dozen to
    a few thousand), the last union of the last street a small one."""
    holders = tree.holders
    weights = [rng.lognormvariate(0, 0.9) * (0.4 if i >= len(tree.unions) else 1)
               for i in range(len(holders))]
    small = len(tree.unions) - 1
    weights[small] = 0
    rest = total - SMALL_UNION_MEMBERS
    quotas = [max(5, math.floor(rest * w / sum(weights))) for w in weights]
    quotas[small] = SMALL_UNION_MEMBERS
    surplus = sum(quotas) - total
    order = sorted(range(len(holders)), key=lambda i: -quotas[i])
    for i in range(abs(surplus)):
        quotas[order[i % len(order)]] -= 1 if surplus > 0 else -1
    return quotas


class PersonMaker:
    """Unique valid resident ID numbers (check digit, birth date and gender agreeing), each
    encrypted and hashed as ``Member.set_document_number`` does."""

    def __init__(self, rng: random.Random, regions: Iterable[str] = REGIONS):
        from members.identity import check_character
        from members.personal_data import encrypt, lookup_hash

        self.rng, self.regions = rng, tuple(regions)
        self.check, self.encrypt, self.hash = check_character, encrypt, lookup_hash
        self.sequences: dict[tuple[str, dt.date, bool], int] = defaultdict(int)

    def number(self, birth: dt.date, male: bool) -> str:
        region = self.rng.choice(self.regions)
        key = (region, birth, male)
        sequence = 2 * self.sequences[key] + male
        self.sequences[key] += 1
        first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
        return first17 + self.check(first17)

    def identity(self, birth: dt.date, male: bool) -> tuple[str, str, str]:
        """(cipher, hash, last four) of a new number."""
        number = self.number(birth, male)
        return self.encrypt(number), self.hash(number), number[-4:]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))


def _member_row(rng, maker: PersonMaker, organisation, now: str) -> list:
    male = rng.random() < 0.55
    birth = _day(rng, dt.date(1962, 1, 1), dt.date(2005, 12, 31))
    cipher, lookup, last4 = maker.identity(birth, male)
    earliest = max(_years_after(birth, 18), organisation.founded_on or dt.date(1985, 1, 1),
                   dt.date(1990, 1, 1))
    recent = rng.random()
    if recent < 0.07 and earliest <= dt.date(2025, 12, 31):
        joined = _day(rng, max(earliest, dt.date(2025, 1, 1)), LAST_DAY)
    elif recent < 0.13 and earliest <= dt.date(2024, 12, 31):
        joined = _day(rng, max(earliest, FIRST_DAY), dt.date(2024, 12, 31))
    else:
        joined = _day(rng, earliest, max(earliest, dt.date(2023, 12, 31)))
    status, status_date = "active", ""
    if rng.random() < 0.06 and joined < dt.date(2025, 12, 1):
        status = rng.choices(("withdrawn", "transferred_out", "deceased"), (60, 32, 8))[0]
        status_date = _day(rng, max(joined + dt.timedelta(days=1), FIRST_DAY), LAST_DAY)
    form = rng.choices(("regular", "dispatched", "migrant", "new_form", "flexible", "retired"),
                       (60, 8, 14, 8, 5, 5))[0]
    phone = "" if rng.random() < 0.1 else f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    return [organisation.pk, person_name(rng), "male" if male else "female", "resident_id",
            cipher, lookup, last4, birth,
            "01" if rng.random() < 0.92 else f"{rng.randint(2, 56):02d}", phone,
            rng.choice(("", "bachelor", "college", "secondary", "junior", "postgraduate")),
            form, joined, status, status_date,
            rng.choices(("", "enterprise", "district", "city"), (994, 3, 2, 1))[0], now, now]


def _load_members(tree: Tree, total: int, rng: random.Random, log) -> None:
    from django.db import connection
    from django.db.models import Count

    from members.models import Member
    from organisations.models import Organisation

    started = time.perf_counter()
    maker = PersonMaker(rng)
    now = dt.datetime.now(dt.UTC).isoformat()
    copy = (f"COPY members_member ({', '.join(MEMBER_COLUMNS)}) FROM STDIN WITH (FORMAT csv, "
            "FORCE_NOT_NULL (phone, education, model_worker_level))")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for holder, quota in zip(tree.holders, member_quotas(tree, total, rng), strict=True):
        for _ in range(quota):
            writer.writerow(_member_row(rng, maker, holder, now))
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(copy, buffer)
    # Employees: the denominator of the membership rate, above the members on the register
    # (a few unions have not reported theirs).
    on_register = dict(Member.objects.active().values_list("organisation").annotate(
        n=Count("pk")).order_by())
    for holder in tree.holders:
        members = on_register.get(holder.pk, 0)
        known = rng.random() > 0.05 and members
        holder.employee_count = math.ceil(members / rng.uniform(0.72, 0.98)) if known else 0
    Organisation.objects.bulk_update(tree.holders, ["employee_count"], batch_size=BATCH)
    log(f"  members: {total:,} ({time.perf_counter() - started:.0f} s)")


@dataclass(frozen=True)
class Person:
    """A member as the generators need one: to name them, hash and mask their number."""

    pk: int
    id_hash: str
    id_last4: str


def _members_by_holder() -> dict[int, list[Person]]:
    """Members who may receive aid or honours: on the register since before 2024."""
    from members.models import Member

    found: dict[int, list[Person]] = defaultdict(list)
    rows = (Member.objects.active().filter(join_date__lt=FIRST_DAY)
            .values_list("organisation_id", "pk", "id_hash", "id_last4").order_by("pk"))
    for organisation_id, pk, lookup, last4 in rows.iterator(chunk_size=10_000):
        found[organisation_id].append(Person(pk, lookup, last4))
    return found


# --- Ledger records ------------------------------------------------------------------------

def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (1 March for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def _day(rng: random.Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _yuan(rng: random.Random, low: int, high: int, step: int = 1) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(Decimal("0.01"))


def _save(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


@dataclass
class World:
    """What the record generators draw from: the tree, its members, the acting official."""

    rng: random.Random
    tree: Tree
    official: object
    members: dict[int, list[Person]]
    sessions: dict[tuple[int, int], list] = field(default_factory=dict)  # (union, year)
    cases: list = field(default_factory=list)
    cases_by_holder: dict[int, list] = field(default_factory=dict)
    drives: dict[int, list] = field(default_factory=dict)
    photo_activities: list = field(default_factory=list)

    def __post_init__(self):
        holders = self.tree.holders
        self.holder_weights = [len(self.members.get(h.pk, ())) ** 0.7 + 1 for h in holders]
        self.below = {f.pk: [h for h in holders if h.path.startswith(f.path)]
                      for f in self.tree.federations}

    def size(self, organisation) -> int:
        """What a union's figures scale with (participants, persons enrolled, workers
        covered, donors): its members (those of before 2024); for a federation's own
        activity, those of five of its average unions (it draws on some, never all)."""
        holders = self.below.get(organisation.pk, [organisation])
        total = sum(len(self.members.get(h.pk, ())) for h in holders)
        if organisation.pk in self.below:
            total = min(total, 5 * total // max(1, len(holders)))
        return max(8, total)

    def share(self, organisation, low: float, high: float, *, at_most: int = 100_000) -> int:
        """Between ``low`` and ``high`` of the subtree's members, at least one."""
        return max(1, min(at_most, round(self.size(organisation) * self.rng.uniform(low, high))))

    def holder(self):
        return self.rng.choices(self.tree.holders, self.holder_weights)[0]

    def union(self):
        """A grassroots union (or branch), or now and then a federation acting itself."""
        if self.rng.random() < 0.08:
            return self.rng.choice(self.tree.federations)
        return self.holder()

    def member_of(self, organisation) -> Person | None:
        """A member within the organisation's subtree."""
        holder = (self.rng.choice(self.below[organisation.pk]) if organisation.pk in self.below
                  else organisation)
        found = self.members.get(holder.pk)
        return self.rng.choice(found) if found else None

    def record(self, model, organisation=None, day: dt.date | None = None, **fields):
        return model(organisation=organisation or self.union(), date=day or _day(self.rng),
                     created_by=self.official, **fields)


def _chronicle(world: World, n: int) -> None:
    from ledger.models import ChronicleEntry

    rng = world.rng
    _save(ChronicleEntry, [world.record(ChronicleEntry, title=title, description=text)
                           for title, text in (rng.choice(CHRONICLE) for _ in range(n))])


def _competitions(world: World, n: int) -> None:
    from competitions.models import Competition, CompetitionEntry

    rng = world.rng
    competitions = []
    for _ in range(n):
        kind = rng.choices(("labour", "skill", "drill", "ankang", "other"), (20, 35, 25, 15, 5))[0]
        higher = rng.random() < 0.25
        level = (rng.choice(("national", "province", "city", "county", "group")) if higher
                 else rng.choice(("own", "own", "own", "group")))
        trades = rng.sample(TRADES, rng.randint(2, 6)) if kind in ("skill", "drill") else []
        day = _day(rng)
        competitions.append(world.record(
            Competition, day=day, kind=kind, organiser="higher" if higher else "own",
            level=level, title=f"{day.year}年{rng.choice(COMPETITION_TITLES[kind])}",
            end_date=day + dt.timedelta(days=rng.randint(0, 20)), trades="\n".join(trades),
            description="赛前组织集中培训，赛后表彰优胜选手。"))
    _save(Competition, competitions)
    awards = {1: "一等奖", 2: "二等奖", 3: "三等奖"}
    entries = []
    for competition in competitions:
        for trade in competition.trade_list or [""]:
            entrants = rng.randint(3, 8)
            for rank in range(1, entrants + 1):
                placing = rank if rank <= 3 else None
                entries.append(CompetitionEntry(
                    competition=competition, trade=trade, placing=placing,
                    award=awards.get(placing, ""),
                    name=person_name(rng) if trade else rng.choice(TEAMS),
                    headcount=1 if trade else rng.randint(5, 15)))
    _save(CompetitionEntry, entries)


def _proposals(world: World, n: int) -> None:
    from competitions.models import RationalisationProposal

    rng = world.rng
    proposals = []
    for _ in range(n):
        day = _day(rng)
        adopted = rng.random() < 0.45
        proposals.append(world.record(
            RationalisationProposal, day=day,
            kind=rng.choices(("proposal", "innovation"), (80, 20))[0],
            title=rng.choice(PROPOSALS),
            submitters="、".join(person_name(rng) for _ in range(rng.randint(1, 3))),
            campaign=f"{day.year}{'上半年' if day.month <= 6 else '下半年'}",
            grade=rng.choices(("first", "second", "third", "merit", "none"),
                              (2, 5, 10, 23, 60))[0],
            adopted=adopted,
            estimated_benefit=_benefit(rng) if adopted else Decimal("0.00")))
    _save(RationalisationProposal, proposals)


def _benefit(rng: random.Random) -> Decimal:
    """Most adopted proposals save a few thousand yuan a year; a few save a million."""
    amount = min(2_000_000, round(rng.lognormvariate(math.log(8_000), 1.2), -2))
    return Decimal(amount).quantize(Decimal("0.01"))


def _honours(world: World, n: int) -> None:
    from competitions.models import Honour

    rng = world.rng
    honours = []
    for _ in range(n):
        organisation = world.union()
        collective = rng.random() < 0.25
        title = rng.choices(("model_worker", "may_day_medal", "pioneer", "advanced",
                             "model_home", "most_beautiful", "other"),
                            (12, 10, 10, 40, 5, 13, 10))[0]
        level = rng.choices(tuple(HONOUR_BODIES), (1, 5, 20, 30, 24, 20))[0]
        member = None if collective or rng.random() < 0.5 else world.member_of(organisation)
        honours.append(world.record(
            Honour, organisation=organisation,
            recipient="collective" if collective else "person",
            member_id=member.pk if member else None,
            name="" if member else (rng.choice(TEAMS) if collective else person_name(rng)),
            title=title, title_other="三八红旗手" if title == "other" else "", level=level,
            awarding_body=HONOUR_BODIES[level]))
    _save(Honour, honours)


def _activity_figures(world: World, organisation, category: str) -> dict:
    rng = world.rng
    if category == "training":
        sessions = rng.randint(1, 12)
        return {"sessions": sessions, "trainees": world.share(organisation, 0.02, 0.2),
                "hours": Decimal(sessions * rng.choice((2, 3, 4))) + Decimal("0.5")
                * rng.randint(0, 1)}
    if category == "safety":
        found = rng.randint(0, 15)
        persons = world.share(organisation, 0.02, 0.1, at_most=80)
        return {"participants": persons, "person_times": persons, "dangers_found": found,
                "dangers_fixed": found - rng.randint(0, min(found, 3))}
    if category == "publicity":
        return {"items_reported": rng.randint(2, 30)}
    persons = world.share(organisation, 0.03, 0.3, at_most=3_000)
    return {"participants": persons, "person_times": int(persons * rng.uniform(1, 2.5))}


def _activities(world: World, n: int) -> None:
    from activities.models import Activity, SubEvent

    rng = world.rng
    # The district's own sports meetings and choir contests, whose photos the report shows.
    activities = [world.record(
        Activity, organisation=world.tree.district, day=dt.date(year, month, 18),
        category=category, title=f"{year}年{title}", participants=900, person_times=1_200,
        description="全区各基层工会组队参加。")
        for year in YEARS for title, category, month in (
            ("全区职工运动会", "sports", 5), ("全区职工合唱比赛", "culture", 6))][:n]
    while len(activities) < n:
        category = rng.choices(tuple(ACTIVITY_TITLES), (22, 18, 18, 12, 12, 10, 8))[0]
        day, organisation = _day(rng), world.union()
        activities.append(world.record(
            Activity, organisation=organisation, day=day, category=category,
            title=f"{day.year}年{rng.choice(ACTIVITY_TITLES[category])}",
            end_date=day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 6))),
            description="活动组织有序，职工参与踊跃。",
            **_activity_figures(world, organisation, category)))
    _save(Activity, activities)
    world.photo_activities = activities[:PHOTOS]
    events = []
    for activity in activities:
        if activity.category == "sports" and rng.random() < 0.5:
            events += [SubEvent(activity=activity, name=name, participants=rng.randint(8, 60),
                                results="第一名：" + rng.choice(TEAMS))
                       for name in rng.sample(SUB_EVENTS, rng.randint(3, 8))]
    _save(SubEvent, events)


def _congress_sessions(world: World, n: int) -> None:
    from rights.models import CongressSession, Resolution

    rng = world.rng
    unions = rng.sample(world.tree.unions, n // 2)
    sessions = []
    for union in unions:
        kind = ("teachers" if any(w in union.name for w in ("中学", "小学", "学院", "幼儿园"))
                else "members" if "联合" in union.name else "workers")
        term, first_session = rng.randint(1, 8), rng.randint(1, 3)
        elected = rng.randint(30, 200)
        for offset, year in enumerate(YEARS):
            sessions.append(world.record(
                CongressSession, organisation=union,
                day=_day(rng, dt.date(year, 1, 10), dt.date(year, 4, 30)), kind=kind,
                term=term, session_number=first_session + offset,
                delegates_elected=elected,
                delegates_present=elected - rng.randint(0, elected // 10),
                documents="行政工作报告\n工会工作报告\n集体合同草案"))
    _save(CongressSession, sessions)
    for session in sessions:
        world.sessions.setdefault((session.organisation_id, session.date.year), []).append(
            session)
    resolutions = []
    for session in sessions:
        for title in ("关于行政工作报告的决议", "关于工会工作报告的决议",
                      "关于集体合同草案的决议")[:rng.randint(2, 3)]:
            against = rng.randint(0, 3)
            abstain = rng.randint(0, 3)
            resolutions.append(Resolution(
                session=session, title=title, votes_against=against, votes_abstain=abstain,
                votes_for=session.delegates_present - against - abstain))
    _save(Resolution, resolutions)


def _motions(world: World, n: int) -> None:
    from rights.models import Motion

    rng = world.rng
    numbers: dict[tuple[int, int], int] = defaultdict(int)
    motions = []
    for _ in range(n):
        organisation = world.union()
        day = _day(rng)
        held = world.sessions.get((organisation.pk, day.year))
        numbers[(organisation.pk, day.year)] += 1
        outcome = rng.choices(("accepted", "opinion", "explained", ""), (70, 15, 10, 5))[0]
        deadline = day + dt.timedelta(days=rng.choice((30, 60, 90)))
        replied = outcome and rng.random() < 0.88
        reply_date = (day + dt.timedelta(days=rng.randint(5, (deadline - day).days + 20))
                      if replied else None)
        implementation = (rng.choices(("implemented", "in_progress", "not_implemented"),
                                      (55, 30, 15))[0] if outcome == "accepted" else "")
        motions.append(world.record(
            Motion, organisation=organisation, day=day, session=held[0] if held else None,
            number=f"{day.year}-{numbers[(organisation.pk, day.year)]:03d}",
            title=rng.choice(MOTIONS), submitter=person_name(rng),
            co_signers="、".join(person_name(rng) for _ in range(rng.randint(0, 4))),
            category=rng.choice(("operations", "wages", "safety", "democracy", "living",
                                 "other")),
            review_outcome=outcome, department=rng.choice(DEPARTMENTS),
            reply_deadline=deadline, reply="已研究落实，答复提案人。" if replied else "",
            reply_date=reply_date, implementation=implementation,
            satisfaction=rng.choices(("satisfied", "fairly", "dissatisfied"), (70, 25, 5))[0]
            if replied else "",
            carried_over=implementation == "not_implemented" and rng.random() < 0.3))
    _save(Motion, motions)


def _contracts(world: World, n: int) -> None:
    from rights.models import CollectiveContract

    rng = world.rng
    contracts = []
    for _ in range(n):
        organisation = world.union()
        single = organisation in world.tree.holders and "联合" not in organisation.name
        scope = "enterprise" if single else rng.choice(("regional", "industry"))
        day = _day(rng)
        kind = rng.choices(("comprehensive", "wages", "women", "safety"), (40, 30, 20, 10))[0]
        contracts.append(world.record(
            CollectiveContract, organisation=organisation, day=day,
            title=f"{organisation.short_name or organisation.name}{day.year}年集体合同",
            contract_type=kind, scope=scope,
            employer_party=(organisation.short_name or organisation.name) + "企业方",
            union_party=organisation.name,
            enterprises_covered=1 if scope == "enterprise" else rng.randint(5, 60),
            end_date=day + dt.timedelta(days=3 * 365),
            workers_covered=world.share(organisation, 0.5, 1.0) if single
            else world.share(organisation, 0.05, 0.3)))
    _save(CollectiveContract, contracts)


def _disputes(world: World, n: int) -> None:
    from rights.clocks import mediation_deadline
    from rights.models import LabourDispute

    rng = world.rng
    disputes = []
    for _ in range(n):
        day = _day(rng)
        extended = rng.random() < 0.1
        closed = day < dt.date(2025, 12, 1) and rng.random() < 0.88
        outcome = rng.choices(("settled", "failed", "arbitration", "litigation", "withdrawn"),
                              (60, 12, 10, 5, 13))[0] if closed else ""
        disputes.append(world.record(
            LabourDispute, day=day, subject=rng.choice(DISPUTES) + "争议",
            employer=rng.choice(WORKPLACES).removesuffix("联合") + "有限公司",
            dispute_type=rng.choice(("contract", "wages", "injury", "social_insurance",
                                     "other")),
            workers_involved=1 if rng.random() < 0.9 else rng.randint(2, 30),
            amount=_dispute_amount(rng), channel=rng.choices(
                ("mediation", "petition", "legal_aid"), (70, 15, 15))[0],
            knew_on=day - dt.timedelta(days=rng.randint(0, 200)),
            mediation_extended=extended,
            extended_until=mediation_deadline(day) + dt.timedelta(days=rng.randint(5, 15))
            if extended else None,
            outcome=outcome,
            closed_on=day + dt.timedelta(days=rng.randint(3, 40)) if closed else None))
    _save(LabourDispute, disputes)


def _dispute_amount(rng: random.Random) -> Decimal:
    """Mostly wages of a few months; now and then a work injury of several hundred
    thousand (the seed's 27 cases came to 1,329,770 yuan, about 49,000 each)."""
    amount = min(800_000, round(rng.lognormvariate(math.log(15_000), 1.1), -1))
    return Decimal(amount).quantize(Decimal("0.01"))


def _petitions(world: World, n: int) -> None:
    from rights.models import Petition

    rng = world.rng
    petitions = []
    for _ in range(n):
        day = _day(rng)
        handled = rng.random() < 0.9
        petitions.append(world.record(
            Petition, day=day, subject=rng.choice(PETITIONS),
            petitioners=rng.randint(1, 30),
            handled_on=day + dt.timedelta(days=rng.randint(1, 30)) if handled else None,
            outcome=rng.choice(("resolved", "explained", "referred", "not_accepted"))
            if handled else ""))
    _save(Petition, petitions)


def _hardship_cases(world: World, n: int) -> None:
    from welfare.models import HardshipCase

    rng = world.rng
    outsiders = PersonMaker(rng, regions=("370124", "370126"))  # not members: other numbers
    taken: set[str] = set()
    cases = []
    while len(cases) < n:
        holder = world.holder()
        member = world.member_of(holder) if rng.random() < 0.7 else None
        if member and member.id_hash in taken:
            continue
        causes = rng.sample(("illness", "education", "disaster", "unemployment",
                             "single_parent", "disability", "other"), rng.randint(1, 2))
        day = _day(rng, FIRST_DAY, dt.date(2025, 10, 31))
        case = world.record(
            HardshipCase, organisation=holder, day=day, causes=",".join(causes),
            household_size=rng.randint(1, 6),
            monthly_income_per_head=_yuan(rng, 300, 1_800, 10),
            level=rng.choices(("extreme", "hardship"), (25, 75))[0],
            illness_details=rng.choice(ILLNESSES) if "illness" in causes else "",
            next_review_date=day + dt.timedelta(days=365), note="")
        if member:  # as welfare.services does: the member's own hash, no second cipher
            case.member_id, case.id_hash, case.id_last4 = member.pk, member.id_hash, \
                member.id_last4
        else:
            male = rng.random() < 0.5
            case.name, case.document_type = person_name(rng), "resident_id"
            case.id_cipher, case.id_hash, case.id_last4 = outsiders.identity(
                _day(rng, dt.date(1965, 1, 1), dt.date(2000, 12, 31)), male)
        taken.add(case.id_hash)
        cases.append(case)
    world.cases = _save(HardshipCase, cases)


def _case_reviews(world: World, n: int) -> None:
    """Reviews (due yearly, often sooner) after filing, until a case is lifted or closed."""
    from welfare.models import CaseReview

    rng = world.rng
    reviews = []
    queue = [(case, case.date) for case in world.cases]
    rng.shuffle(queue)
    while len(reviews) < n and queue:
        case, after = queue.pop(0)
        day = after + dt.timedelta(days=rng.randint(90, 300))
        if day > LAST_DAY:
            continue
        status = rng.choices(("on_file", "lifted", "closed"), (86, 10, 4))[0]
        on_file = status == "on_file"
        reviews.append(CaseReview(
            organisation_id=case.organisation_id, date=day, case=case, status=status,
            level=rng.choices(("extreme", "hardship"), (20, 80))[0] if on_file else "",
            next_review_date=day + dt.timedelta(days=365) if on_file else None,
            findings=CASE_FINDINGS[0 if on_file else 1 if status == "lifted" else 3],
            created_by=world.official))
        if on_file:
            queue.append((case, day))
    if len(reviews) != n:
        raise RuntimeError(f"only {len(reviews)} case reviews fit before {LAST_DAY}")
    _save(CaseReview, reviews)


def _drives(world: World, n: int) -> None:
    from welfare.models import DonationDrive

    rng = world.rng
    drives = []
    for _ in range(n):
        day, organisation = _day(rng, FIRST_DAY, dt.date(2025, 11, 30)), world.union()
        purpose = rng.choice(DRIVE_PURPOSES)
        donors = world.share(organisation, 0.3, 0.9)
        drives.append(world.record(
            DonationDrive, organisation=organisation, day=day,
            title=f"{day.year}年{purpose}爱心捐款", purpose=purpose, donors=donors,
            total=_yuan(rng, donors * 50, donors * 200)))
    for drive in _save(DonationDrive, drives):
        drive.left = drive.total  # what grants may still be paid out of it
        world.drives.setdefault(drive.organisation_id, []).append(drive)


GRANT_PROGRAMMES = {  # programme: (share, months, person/case/collective weights)
    "spring_festival": (35, (1, 2), (70, 27, 3)),
    "summer_cool": (20, (6, 7, 8), (80, 5, 15)),
    "autumn_tuition": (6, (8, 9), (60, 40, 0)),
    "serious_illness": (6, tuple(range(1, 13)), (60, 40, 0)),
    "daily_hardship": (8, tuple(range(1, 13)), (0, 100, 0)),
    "visit": (25, tuple(range(1, 13)), (100, 0, 0)),
}


def _grant_recipient(world: World, grant, kind: str, given: set) -> bool:
    """Fill the grant's recipient; False when none fits (the caller draws again)."""
    rng = world.rng
    if kind == "collective":
        grant.collective_kind = rng.choice(("enterprise", "team"))
        grant.collective_name = (rng.choice(TEAMS) if grant.collective_kind == "team"
                                 else rng.choice(WORKPLACES).removesuffix("联合") + "有限公司")
        grant.headcount = rng.randint(5, 60)
        return True
    if kind == "case":
        cases = world.cases_by_holder.get(grant.organisation_id)
        if not cases:
            return False
        case = rng.choice(cases)
        if case.date > grant.date:
            return False
        grant.case, grant.person_hash = case, case.id_hash
    else:
        member = world.member_of(grant.organisation)
        if member is None:
            return False
        grant.member_id, grant.person_hash = member.pk, member.id_hash
    once = (grant.person_hash, grant.programme, grant.date.year)
    if grant.programme != "visit" and once in given:
        return False  # one grant a person, programme and year (a second needs an official)
    given.add(once)
    return True


def _grant_details(rng: random.Random, grant) -> None:
    programme = grant.programme
    if programme == "visit":
        grant.visit_reason = rng.choices(("sick", "retired", "model_worker", "posted_away",
                                          "other"), (45, 25, 10, 5, 15))[0]
        grant.cash = _yuan(rng, 200, 1_000, 100)
    elif programme == "autumn_tuition":
        grant.school_level = rng.choices(tuple(SCHOOLS), (50, 25, 15, 10))[0]
        grant.school = "基准" + SCHOOLS[grant.school_level]
        grant.student_name = person_name(rng)
        grant.cash = _yuan(rng, 1_000, 5_000, 500)
    elif programme == "summer_cool":
        grant.goods = _yuan(rng, 100, 400, 50)
    elif programme == "serious_illness":
        grant.cash = _yuan(rng, 1_000, 10_000, 500)
    elif programme == "daily_hardship":
        grant.cash = _yuan(rng, 300, 1_500, 100)
    else:
        grant.cash, grant.goods = _yuan(rng, 300, 1_500, 100), _yuan(rng, 100, 500, 50)
    if programme == "serious_illness" or grant.visit_reason == "sick":
        grant.illness = rng.choice(ILLNESSES)
    if grant.collective_name:  # a collective's grant is for all its workers
        share = Decimal(grant.headcount) * Decimal(rng.choice(("0.3", "0.5", "0.8")))
        grant.cash, grant.goods = (grant.cash * share).quantize(Decimal("0.01")), \
            (grant.goods * share).quantize(Decimal("0.01"))


def _pay(world: World, grant) -> None:
    """Most grants are paid within ten days; a few of December 2025 are still waiting."""
    rng = world.rng
    waiting = grant.date >= dt.date(2025, 12, 1) and rng.random() < 0.3
    if waiting and rng.random() < 0.5:
        return
    grant.status, grant.approved_by = "approved", world.official
    grant.approved_at = dt.datetime.combine(grant.date, dt.time(10), tzinfo=dt.UTC)
    if waiting:
        return
    grant.status, grant.paid_by = "paid", world.official
    grant.paid_on = min(grant.date + dt.timedelta(days=rng.randint(0, 10)), LAST_DAY)
    drives = world.drives.get(grant.organisation_id, ())
    drive = rng.choice(drives) if drives and rng.random() < 0.3 else None
    if drive and drive.date <= grant.date and drive.left >= grant.cash + grant.goods:
        grant.drive, drive.left = drive, drive.left - grant.cash - grant.goods


def _grants(world: World, n: int) -> None:
    from welfare.models import AidGrant

    rng = world.rng
    for case in world.cases:
        world.cases_by_holder.setdefault(case.organisation_id, []).append(case)
    programmes = list(GRANT_PROGRAMMES)
    shares = [share for share, _months, _kinds in GRANT_PROGRAMMES.values()]
    given: set[tuple[str, str, int]] = set()
    grants = []
    while len(grants) < n:
        programme = rng.choices(programmes, shares)[0]
        _share, months, kinds = GRANT_PROGRAMMES[programme]
        year, month = rng.choice(YEARS), rng.choice(months)
        day = _day(rng, dt.date(year, month, 1), dt.date(year + month // 12, month % 12 + 1, 1)
                   - dt.timedelta(days=1))
        kind = rng.choices(("person", "case", "collective"), kinds)[0]
        organisation = world.union() if kind != "case" else world.holder()
        grant = AidGrant(organisation=organisation, date=day, programme=programme,
                         created_by=world.official)
        if not _grant_recipient(world, grant, kind, given):
            continue
        _grant_details(rng, grant)
        _pay(world, grant)
        grants.append(grant)
    _save(AidGrant, grants)


def _enrolments(world: World, n: int) -> None:
    from welfare.models import MutualAidEnrolment

    rng = world.rng
    enrolments = []
    units: dict[tuple[int, int], int] = defaultdict(int)
    for i in range(n):
        union = world.tree.unions[i % len(world.tree.unions)]
        year = YEARS[(i // len(world.tree.unions)) % len(YEARS)]
        units[(union.pk, year)] += 1
        persons = world.share(union, 0.3, 0.7)
        on_job, retired = rng.randint(persons // 2, persons), rng.randint(0, persons // 4)
        ankang, special = rng.randint(0, persons // 2), rng.randint(0, persons // 3)
        claims = rng.randint(0, 50)
        enrolments.append(world.record(
            MutualAidEnrolment, organisation=union,
            day=_day(rng, dt.date(year, 1, 1), dt.date(year, 3, 31)),
            unit=f"{union.short_name}第{units[(union.pk, year)]}参保单位",
            all_staff=rng.random() < 0.6, persons=persons,
            on_job_persons=on_job, on_job_premium=Decimal(on_job * 30).quantize(Decimal("0.01")),
            retired_persons=retired, retired_premium=Decimal(retired * 60),
            ankang_persons=ankang, ankang_premium=Decimal(ankang * 30),
            special_persons=special, special_premium=Decimal(special * 50),
            claims_paid=claims, claims_amount=_yuan(rng, claims * 500, claims * 3_000)
            if claims else Decimal("0.00")))
    _save(MutualAidEnrolment, enrolments)


GENERATORS: list[tuple[str, Callable[[World, int], None]]] = [
    ("ledger.chronicleentry", _chronicle),
    ("competitions.competition", _competitions),
    ("competitions.rationalisationproposal", _proposals),
    ("competitions.honour", _honours),
    ("activities.activity", _activities),
    ("rights.congresssession", _congress_sessions),
    ("rights.motion", _motions),
    ("rights.collectivecontract", _contracts),
    ("rights.labourdispute", _disputes),
    ("rights.petition", _petitions),
    ("welfare.hardshipcase", _hardship_cases),
    ("welfare.casereview", _case_reviews),
    ("welfare.donationdrive", _drives),
    ("welfare.aidgrant", _grants),
    ("welfare.mutualaidenrolment", _enrolments),
]


# --- Photos ----------------------------------------------------------------------------------

def photo_file(seed: int):
    """A photo-like JPEG (a sky-to-ground gradient under sensor noise, about 1600 × 1067)
    so that the PDF embeds as much image data as a real photo would."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    width, height = 1600, 1067
    sky = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40 + seed)
    channels = [Image.blend(sky, noise, 0.35 + 0.1 * i) for i in range(3)]
    image = Image.merge("RGB", channels)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return SimpleUploadedFile(f"activity{seed}.jpg", out.getvalue())


def _attach_photos(world: World) -> None:
    """Through the portal's own upload path: re-encoded, with thumbnails, in MEDIA_ROOT."""
    from activities.photos import photos_attach

    for seed, activity in enumerate(world.photo_activities):
        photos_attach(activity=activity, actor=world.official, files=[photo_file(seed)],
                      caption=activity.title.removeprefix(f"{activity.date.year}年"))
