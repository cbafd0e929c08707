"""Import 10,000 members from an .xlsx through the import's own code path, and time it.

    .venv/bin/python bench/members_import.py [--rows 10000]
    DATABASE_URL=postgres://user:password@127.0.0.1:5432/unionportal \\
        .venv/bin/python bench/members_import.py

Works on a throwaway database, so development data is never touched: a temporary SQLite file
by default; with DATABASE_URL set to PostgreSQL, a database ``unionportal_bench_import_<pid>``
created on that server (the role needs CREATEDB) and dropped at the end. Media and keys are
temporary too.

The file is uploaded with ``import_receive`` (a file this large is checked by the background
job, run in-process here as Celery's eager mode does), then imported with ``import_commit``,
the function the import job runs: it re-reads, re-checks and writes every row in one
transaction. Its stages are timed from the progress it reports. Target: under 20 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 20
UNIONS = 20
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志文斌宇浩凯鹏飞"


# --- A throwaway database (chosen before Django is set up) --------------------------------

def throwaway_database(tmp: Path):
    """(DATABASE_URL to use, a function that drops it afterwards or None)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'bench.sqlite3'}", None
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    name = f"unionportal_bench_import_{os.getpid()}"
    server = {"dbname": "postgres", "user": config["USER"], "password": config["PASSWORD"],
              "host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432}

    def run(statement: str) -> None:
        connection = psycopg2.connect(**server)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
        connection.close()

    run(f'CREATE DATABASE "{name}"')
    user, password = config["USER"], config["PASSWORD"]
    return (f"postgres://{user}:{password}@{server['host']}:{server['port']}/{name}",
            lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def set_up_django(tmp: Path) -> str:
    url, drop = throwaway_database(tmp)
    os.environ.update({
        "DATABASE_URL": url, "DB_CONN_MAX_AGE": "0", "MEDIA_ROOT": str(tmp / "media"),
        "VAR_DIR": str(tmp / "var"), "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_KEY": secrets.token_urlsafe(50), "LOG_LEVEL": "WARNING",
        "DEBUG": "false",  # as in production: no SQL kept per query
    })
    os.environ.pop("CELERY_BROKER_URL", None)  # the jobs run in-process (eager)
    os.environ["DJANGO_SETTINGS_MODULE"] = "unionportal.settings"
    import django

    django.setup()
    return drop


# --- Data ----------------------------------------------------------------------------------

def make_tree():
    from django.contrib.auth import get_user_model

    from organisations.models import Level, RoleKind
    from organisations.services import organisation_create, role_grant

    district = organisation_create(parent=None, name="基准区总工会", level=Level.DISTRICT)
    unions = [organisation_create(parent=district, name=f"基准第{i + 1}厂工会",
                                  level=Level.GRASSROOTS) for i in range(UNIONS)]
    user = get_user_model().objects.create_user("bench_cadre", password=secrets.token_hex())
    role_grant(user=user, organisation=district, kind=RoleKind.CADRE)
    return district, unions, user


def make_file(rows: int, unions) -> bytes:
    """The import template filled in, as a cadre's spreadsheet program would save it.

    (Not a write-only workbook: that leaves out the sheet's <dimension>, which Excel, WPS
    and LibreOffice always write, and openpyxl then reads the whole sheet once more to look
    for it.)
    """
    import openpyxl

    from members import excel
    from members.choices import DocumentType, Education, EmploymentForm, Ethnicity, Gender
    from members.identity import check_character

    workbook = openpyxl.load_workbook(io.BytesIO(excel.template_workbook(unions)))
    sheet = workbook[excel.DATA_SHEET]
    genders, forms = excel.labels(Gender), list(excel.labels(EmploymentForm).values())
    education = list(excel.labels(Education).values())
    han, id_type = excel.labels(Ethnicity)["01"], excel.labels(DocumentType)["resident_id"]
    for n in range(rows):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=(n * 7919) % 16000)
        male = n % 2 == 0
        first17 = f"37{n // 500:04d}{birth:%Y%m%d}{2 * (n % 500) + male:03d}"
        sheet.append([
            SURNAMES[n % len(SURNAMES)] + GIVEN[n * 7 % len(GIVEN)] + GIVEN[n * 13 % len(GIVEN)],
            genders["male" if male else "female"], id_type, first17 + check_character(first17),
            birth, han, f"13{n:09d}", education[n % len(education)], forms[n % len(forms)],
            dt.date(2015, 1, 1) + dt.timedelta(days=n % 3000), None, unions[n % len(unions)].name,
        ])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Timing --------------------------------------------------------------------------------

class StageClock:
    """Records when each stage reported by the import starts (the job's progress calls)."""

    def __init__(self):
        self.starts: dict[str, float] = {}

    def __call__(self, stage: str, percent: int) -> None:
        self.starts.setdefault(stage, time.perf_counter())

    def spans(self, end: float) -> dict[str, float]:
        names = list(self.starts)
        ends = [self.starts[n] for n in names[1:]] + [end]
        return {name: stop - self.starts[name] for name, stop in zip(names, ends, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        drop = set_up_django(Path(tmp))
        try:
            run(args.rows)
        finally:
            from django.db import connections

            connections.close_all()
            if drop:
                drop()


def run(rows: int) -> None:
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from members.imports import import_commit, import_receive
    from members.models import ImportStatus, Member

    settings.MEMBER_IMPORT_MAX_BYTES = max(settings.MEMBER_IMPORT_MAX_BYTES, 50 * 1024 * 1024)
    call_command("migrate", verbosity=0)
    district, unions, user = make_tree()
    started = time.perf_counter()
    content = make_file(rows, unions)
    print(f"members_import: {rows:,} rows on {connection.vendor} "
          f"({settings.DATABASES['default']['NAME']})")
    print(f"  file            {len(content) / 1024 / 1024:6.2f} MB, generated in "
          f"{time.perf_counter() - started:.2f} s (not counted)")

    started = time.perf_counter()
    member_import = import_receive(upload=SimpleUploadedFile("bench.xlsx", content),
                                   organisation=district, actor=user, language="zh-hans")
    member_import.refresh_from_db()
    checked = time.perf_counter() - started
    assert member_import.status == ImportStatus.CHECKED, member_import.message
    assert member_import.error_count == 0, member_import.errors[:5]
    print(f"  upload + check  {checked:6.2f} s  (background check job: read and check)")

    clock = StageClock()
    started = time.perf_counter()
    member_import = import_commit(member_import, actor=user, report=clock)
    end = time.perf_counter()
    assert member_import.status == ImportStatus.IMPORTED, member_import.message
    assert Member.objects.count() == rows and Member.history.count() == rows
    spans = clock.spans(end)
    total = end - started
    print("  import (confirm: re-read, re-check, write in one transaction)")
    for stage, label in (("Reading the file", "parse"), ("Checking rows", "validate"),
                         ("Writing members", "write")):
        print(f"    {label:<12}{spans[stage]:6.2f} s")
    print(f"    {'total':<12}{total:6.2f} s   {rows / total:,.0f} rows/s   "
          f"(target < {TARGET_S} s: {'met' if total < TARGET_S else 'MISSED'})")
    print(f"  end to end      {checked + total:6.2f} s  (upload, check, confirm)")


if __name__ == "__main__":
    main()
