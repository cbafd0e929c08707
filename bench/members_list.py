"""Load a million members into PostgreSQL and time the register's list and search pages.

    DATABASE_URL=postgres://user:password@127.0.0.1:5432/unionportal \\
        .venv/bin/python bench/members_list.py [--rows 1000000] [--reload] [--runs 7] \\
        [--explain] [--proposed-index]

Only the server and the credentials of DATABASE_URL are used: the bench works in its own
database, ``unionportal_bench`` (created if missing, migrated), so development data is never
touched. A second run reuses the loaded rows when their number matches ``--rows``;
``--reload`` loads them again. Pages are requested through Django's test client as an
official of the top organisation, exactly as a browser would get them (middleware, scope,
template); each figure is the median of ``--runs`` requests after two warm-up requests.
Target: under 300 ms a page.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_DB = "unionportal_bench"
TARGET_MS = 300
BATCH = 100_000
SURNAMES = ("王" * 72 + "李" * 71 + "张" * 69 + "刘" * 54 + "陈" * 44 + "杨" * 31 + "赵" * 20
            + "黄" * 20 + "周" * 19 + "吴" * 19 + "徐" * 14 + "孙" * 14 + "胡" * 13 + "朱" * 12
            + "高" * 12 + "林" * 12 + "何" * 11 + "郭" * 11 + "马" * 11 + "罗" * 9
            + "梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜"
            + "戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万"
            + "段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建国志文斌宇浩凯鹏飞"
         "辉俊波丹玲婷雪琳晨阳佳欣怡梓涵子轩宁海峰春梅秋菊冬松林森山川江河云龙凤")
REGIONS = ("370102", "370103", "370104", "370105", "370112", "110105", "310104", "440106",
           "320102", "330106", "420106", "510107", "610113", "210102", "350203", "430104")
TREE = {  # district -> street -> number of grassroots unions (the first two have branches)
    "基准一区总工会": {"一区东街道总工会": 5, "一区西街道总工会": 5},
    "基准二区总工会": {"二区南街道总工会": 5, "二区北街道总工会": 4},
    "基准三区总工会": {"三区中街道总工会": 4},
}
CITY = "基准市总工会"
USERNAME = "bench_official"
PROPOSED_INDEX = "bench_member_name_order"
LAST_JOIN = dt.date(2025, 12, 31)


# --- Database selection (before Django is set up) ----------------------------------------

def bench_database_url() -> str:
    """DATABASE_URL with the database name replaced; refuses anything but PostgreSQL."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/members_list.py measures PostgreSQL: set DATABASE_URL to a "
                 "postgres://user:password@host:5432/name URL (the role needs CREATEDB). "
                 f"Got {url.split(':', 1)[0] or 'nothing (the SQLite default)'}.")
    config = dj_database_url.parse(url)
    _create_database(config)
    user = config["USER"]
    password = config["PASSWORD"]
    host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{BENCH_DB}"


def _create_database(config) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(dbname="postgres", user=config["USER"],
                                  password=config["PASSWORD"],
                                  host=config["HOST"] or "127.0.0.1",
                                  port=config["PORT"] or 5432)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            print(f"creating database {BENCH_DB}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    connection.close()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- The tree and the official -----------------------------------------------------------

def build_tree():
    """The city, 3 districts, 5 streets, 23 grassroots unions and 4 branches (idempotent)."""
    from organisations.models import Level, Organisation
    from organisations.services import organisation_create

    def node(parent, name, level):
        found = Organisation.objects.filter(parent=parent, name=name).first()
        return found or organisation_create(parent=parent, name=name, level=level)

    city = node(None, CITY, Level.CITY)
    holders = []
    for district_name, streets in TREE.items():
        district = node(city, district_name, Level.DISTRICT)
        for street_name, unions in streets.items():
            street = node(district, street_name, Level.STREET)
            for i in range(unions):
                union = node(street, f"{street_name[:-5]}第{i + 1}工会", Level.GRASSROOTS)
                holders.append(union)
                if i < 2 and district_name == "基准一区总工会":
                    holders += [node(union, f"{union.name[:-2]}第{k}车间分工会", Level.BRANCH)
                                for k in (1, 2)]
    return city, holders


def bench_user(city):
    from django.contrib.auth import get_user_model

    from organisations.models import RoleKind
    from organisations.services import role_grant

    user, _created = get_user_model().objects.get_or_create(username=USERNAME)
    role_grant(user=user, organisation=city, kind=RoleKind.OFFICIAL)
    return user


# --- Loading -----------------------------------------------------------------------------

COLUMNS = ("organisation_id", "name", "gender", "document_type", "id_cipher", "id_hash",
           "id_last4", "birth_date", "ethnicity", "phone", "education", "employment_form",
           "join_date", "status", "status_date", "model_worker_level", "created_at",
           "updated_at")


class RowMaker:
    """Plausible members: common surnames weighted, unique valid ID numbers (an HMAC each,
    which is fast), Fernet tokens from a pool keyed by the last four (encrypting a million
    values would dominate the load; the masked number still ends as the row's own does)."""

    def __init__(self, organisations):
        from members.identity import check_character
        from members.personal_data import encrypt, lookup_hash

        self.check, self.encrypt, self.hash = check_character, encrypt, lookup_hash
        self.random = random.Random(2026)
        # Uneven sizes, as in life: from a few hundred members to tens of thousands, and
        # the last union a small one (about 0.02 %), where a planner's guess goes wrong.
        self.weights = [1 + (7 * i) % 23 for i in range(len(organisations))]
        self.weights[-1] = 0.05
        self.organisations = [o.pk for o in organisations]
        self.ciphers: dict[str, str] = {}
        self.first_birth, self.days = dt.date(1960, 1, 1), 16_000
        self.now = dt.datetime.now(dt.UTC).isoformat()

    def document(self, i: int, male: bool) -> tuple[str, dt.date]:
        rest, slot = divmod(i, 500)
        region, day = divmod(rest, self.days)
        day = day * 7919 % self.days  # a bijection: birth dates spread, numbers unique
        birth = self.first_birth + dt.timedelta(days=day)
        first17 = f"{REGIONS[region]}{birth:%Y%m%d}{2 * slot + male:03d}"
        return first17 + self.check(first17), birth

    def row(self, i: int, organisation_id: int) -> list:
        r = self.random
        male = r.random() < 0.55
        number, birth = self.document(i, male)
        last4 = number[-4:]
        if last4 not in self.ciphers:
            self.ciphers[last4] = self.encrypt(number)
        name = r.choice(SURNAMES) + "".join(r.choices(GIVEN, k=r.choice((1, 2, 2))))
        earliest = max(birth + dt.timedelta(days=18 * 365), dt.date(1980, 1, 1))
        joined = earliest + dt.timedelta(days=r.randint(0, (LAST_JOIN - earliest).days))
        status = r.choices(("active", "withdrawn", "transferred_out", "deceased"),
                           (92, 5, 2, 1))[0]
        status_date = joined + dt.timedelta(days=r.randint(1, 3000)) if status != "active" \
            else ""
        phone = "" if r.random() < 0.12 else f"1{r.choice('3456789')}{r.randrange(10**9):09d}"
        return [organisation_id, name, "male" if male else "female", "resident_id",
                self.ciphers[last4], self.hash(number), last4, birth,
                "01" if r.random() < 0.91 else f"{r.randint(2, 56):02d}", phone,
                r.choice(("", "bachelor", "college", "secondary", "junior", "postgraduate")),
                r.choices(("regular", "dispatched", "migrant", "new_form", "flexible",
                           "retired"), (60, 8, 14, 8, 5, 5))[0],
                joined, status, status_date, "", self.now, self.now]

    def batch(self, start: int, stop: int) -> io.StringIO:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        orgs = self.random.choices(self.organisations, self.weights, k=stop - start)
        for i, organisation_id in zip(range(start, stop), orgs, strict=True):
            writer.writerow(self.row(i, organisation_id))
        buffer.seek(0)
        return buffer


def load(rows: int, organisations, *, reload: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM members_member")
        present = cursor.fetchone()[0]
        if present == rows and not reload:
            print(f"{present:,} members already loaded (use --reload to load them again)")
            return
        started = time.perf_counter()
        cursor.execute("TRUNCATE members_member RESTART IDENTITY CASCADE")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
        indexes = _drop_indexes(cursor)
        maker = RowMaker(organisations)
        copy = (f"COPY members_member ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv, "
                "FORCE_NOT_NULL (phone, education, model_worker_level))")
        for start in range(0, rows, BATCH):
            cursor.copy_expert(copy, maker.batch(start, min(rows, start + BATCH)))
            print(f"\r  loaded {min(rows, start + BATCH):,} / {rows:,}", end="", flush=True)
        print(f"\n  rows in {time.perf_counter() - started:.0f} s; rebuilding indexes")
        for definition in indexes:
            cursor.execute(definition)
        cursor.execute("VACUUM ANALYZE members_member")
        cursor.execute("ANALYZE organisations_organisation")
    print(f"loaded {rows:,} members in {time.perf_counter() - started:.0f} s")


def _drop_indexes(cursor) -> list[str]:
    """Drop the secondary indexes for the load and return their definitions: one sorted
    build each afterwards is several times faster than maintaining them row by row."""
    cursor.execute("""SELECT i.indexname, i.indexdef FROM pg_indexes i
                      WHERE i.tablename = 'members_member' AND NOT EXISTS (
                        SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def proposed_index(wanted: bool) -> None:
    """The plain b-tree on (name, id) that sorting by name needs: member_name has the
    varchar_pattern_ops class (for LIKE 'prefix%'), which ORDER BY name cannot use."""
    from django.db import connection

    with connection.cursor() as cursor:
        if wanted:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {PROPOSED_INDEX} "
                           "ON members_member (name, id)")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {PROPOSED_INDEX}")
    print(f"{PROPOSED_INDEX}: {'present' if wanted else 'absent (as migrated)'}")


# --- Measuring ---------------------------------------------------------------------------

def cursor_at(ordering, position: int, **filters) -> str:
    """The list's own cursor for the row at ``position``: how a user arrives at a page in the
    middle after following "next" (set up outside the timing)."""
    from members.models import Member
    from members.views import encode_cursor

    fields = [key.lstrip("-") for key in ordering]
    row = Member.objects.filter(**filters).order_by(*ordering).only(*fields)[position]
    return encode_cursor(row, ordering)


def cases(city, organisations, rows: int) -> list[tuple[str, dict]]:
    from members.models import Member
    from organisations.models import Level

    middle = rows // 2
    sample = Member.objects.exclude(phone="").order_by("pk")[rows // 3]
    street = organisations[0].parent
    union = max(organisations, key=lambda o: Member.objects.filter(organisation=o).count()
                if o.level == Level.GRASSROOTS else 0)
    small = organisations[-1]
    return [
        ("list, first page (default: union, name)", {}),
        ("list, middle page (default: union, name)", {
            "after": cursor_at(("organisation_id", "name", "id"), middle)}),
        ("list, first page, by name", {"sort": "name"}),
        ("list, middle page, by name",
         {"sort": "name", "after": cursor_at(("name", "id"), middle)}),
        ("list, first page, newest first", {"sort": "-join_date"}),
        ("list, middle page, newest first",
         {"sort": "-join_date", "after": cursor_at(("-join_date", "-id"), middle)}),
        ("search name 王 (common surname)", {"name": "王"}),
        (f"search full name {sample.name}", {"name": sample.name}),
        (f"search ID last 4 {sample.id_last4}", {"id_last4": sample.id_last4}),
        (f"search phone {sample.phone}", {"phone": sample.phone}),
        (f"search phone prefix {sample.phone[:5]}", {"phone": sample.phone[:5]}),
        (f"filter street ({street.name})", {"organisation": street.pk}),
        (f"filter street ({street.name}), by name", {"organisation": street.pk,
                                                      "sort": "name"}),
        (f"filter union ({union.name}), newest", {"organisation": union.pk,
                                                   "sort": "-join_date"}),
        (f"filter small union ({small.name}), by name", {"organisation": small.pk,
                                                         "sort": "name"}),
        (f"filter small union ({small.name}), newest", {"organisation": small.pk,
                                                        "sort": "-join_date"}),
        ("filter withdrawn women joined 2015", {"status": "withdrawn", "gender": "female",
                                              "join_year": 2015}),
        ("filter new-form workers of a street", {"organisation": street.pk,
                                                 "employment_form": "new_form"}),
    ]


def measure(client, params: dict, runs: int, *, explain: bool) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("members:list")
    for _ in range(2):
        client.get(url, params)
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    page_sql = next(q["sql"] for q in captured if 'FROM "members_member"' in q["sql"])
    result = {"median": statistics.median(times), "max": max(times),
              "queries": len(captured), "rows": response.content.count(b'<td><a href="/members/'),
              "next": b'id="page-next" href="?' in response.content, "sql_ms": _sql_ms(page_sql)}
    if explain:
        result["plan"] = _plan(page_sql)
    return result


def _sql_ms(sql: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return (time.perf_counter() - started) * 1000


def _plan(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(line for (line,) in cursor.fetchall())


def report(results, rows: int) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), datcollate, pg_size_pretty(pg_total_relation_size("
                       "'members_member')) FROM pg_database WHERE datname = current_database()")
        version, collation, size = cursor.fetchone()
    print(f"\n{version.split(',')[0]} · collation {collation} · members_member {size} "
          f"with indexes · {rows:,} rows\n")
    header = f"{'page':<52} {'median ms':>9} {'max ms':>7} {'SQL ms':>7} {'queries':>7} " \
             f"{'rows':>4}  next  <{TARGET_MS} ms"
    print(header)
    print("-" * len(header))
    ok = True
    for label, r in results:
        within = r["median"] < TARGET_MS
        ok &= within
        print(f"{label[:52]:<52} {r['median']:>9.1f} {r['max']:>7.1f} {r['sql_ms']:>7.1f} "
              f"{r['queries']:>7} {r['rows']:>4}  {'yes' if r['next'] else 'no ':<4}  "
              f"{'ok' if within else 'MISSED'}")
    print("\nmedian/max: whole request through the test client; SQL ms: the page's member "
          "query alone, run once more.")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reload", action="store_true", help="load the members again")
    parser.add_argument("--runs", type=int, default=7, help="timed requests per page")
    parser.add_argument("--explain", action="store_true", help="print each page's plan")
    parser.add_argument("--proposed-index", action="store_true",
                        help=f"measure with {PROPOSED_INDEX} (name, id), proposed for "
                             "Member.Meta.indexes; without the flag it is dropped")
    args = parser.parse_args()

    setup_django(bench_database_url())
    from django.test import Client

    city, organisations = build_tree()
    load(args.rows, organisations, reload=args.reload)
    proposed_index(args.proposed_index)
    client = Client(HTTP_HOST="localhost")
    client.force_login(bench_user(city))
    results = []
    for label, params in cases(city, organisations, args.rows):
        results.append((label, measure(client, params, args.runs, explain=args.explain)))
        if args.explain:
            print(f"\n== {label} {params}\n{results[-1][1]['plan']}")
    sys.exit(0 if report(results, args.rows) else 1)


if __name__ == "__main__":
    main()
