"""Load benchmark of the production topology: 50 users at once for two minutes, on loopback.

    DATABASE_URL=postgres://user:password@127.0.0.1:5432/unionportal \\
        .venv/bin/python bench/load.py [--users 50] [--duration 120] [--max-requests 20000] \\
        [--workers N] [--reload] [--scale 1.0] [--keep-logs]

The portal runs as production does (``.ci/topology.py``): DEBUG=false, gunicorn with
``--workers`` sync workers (default 2 × CPUs + 1), a Celery worker, Redis (a redis-server
of its own on a free port, nothing saved) and PostgreSQL, the server of DATABASE_URL. The
data is the district of ``bench/district.py`` (304 grassroots unions, 100,000 members,
200,000 ledger records over 2024 and 2025) in a database of its own,
``unionportal_bench_load``, loaded on the first run and reused afterwards: the entries a
run writes are removed at its end, so the counts stay those of the plan.

Each virtual user is a thread with its own session, logged in once with the right password
(django-axes throttles failures) through the HTTPS-forwarding header, as the TLS proxy sends
it. Every fifth user is the district's official, the others cadres of eight grassroots
unions, one per street (the largest). A user asks for one page after another with 0.5–1 s
of thinking between them, drawing each from a fixed mix: member list and search by surname,
the 2025 chronicle, disputes and aid grants, a record's page, the 2025 dashboard, a report's
review page (a street's for the official, the own union's for a cadre); and writes
``ENTRIES_PER_USER`` entries at random moments of the run, alternately a chronicle entry and
a labour dispute, through the create form with its CSRF token, following the redirect to
the new record. ``/health/`` is asked in the same mix without a session, as the load
balancer asks it: the trivial Django view (the middleware stack, ``SELECT 1`` and one
``EXISTS``) that the median page is compared with.

It prints count, errors, median, p95, p99 and max by kind and for the pages (every kind but
the trivial view), requests per second, the CPU each part of the topology used, and PASS or
FAIL against the targets: p95 of the pages ≤ 200 ms, no errors. An error is an answer
other than 2xx/3xx, a redirect to the log-in page, an entry not saved, or no answer at all.
The exit status is 1 when there were errors (a missed p95 is reported, not fatal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / ".ci"))

from topology import (  # noqa: E402  (the shared helpers live beside the CI scripts)
    Client,
    Service,
    TopologyError,
    csrf_token_from,
    free_port,
    production_environment,
    redis_answers,
    start_redis,
    start_web,
    start_worker,
    tail,
    wait_for,
    worker_ready,
)

from bench import district as bench_district  # noqa: E402

DATABASE = "unionportal_bench_load"
YEAR = 2025  # the bench district's last year: the lists and the dashboard show it
TARGET_P95_MS = 200
THINK_SECONDS = (0.5, 1.0)
ENTRIES_PER_USER = 3
OFFICIAL_EVERY = 5  # every fifth virtual user is the district's official
PREFIX = "负载测试"  # titles of the entries a run writes; removed at the end of the run
USERNAME = "bench_load_{}"
SURNAMES = ("王", "李", "张", "刘", "陈")
SAMPLE = 200  # record ids of each kind a user may open
ALONE_ROUNDS = 3  # requests of each kind one at a time before the load
LOGINS_AT_ONCE = 4  # password hashing is slow on purpose: log users in a few at a time
TRIVIAL = "trivial (/health/)"
# The mix: relative weights of the page kinds a user draws from (entries are scheduled).
MIX = {
    "member list": 10,
    "member search": 12,
    "chronicle list": 8,
    "dispute list": 6,
    "grant list": 6,
    "record detail": 24,
    "dashboard": 4,
    "report detail": 5,
    TRIVIAL: 10,
}
DETAIL_PATHS = {"chronicle": "/ledger/chronicle/{}/", "dispute": "/rights/disputes/{}/",
                "grant": "/welfare/grants/{}/", "member": "/members/{}/"}
ENTRY_FORMS = {"chronicle": "/ledger/chronicle/new/", "dispute": "/rights/disputes/new/"}
SAVED = re.compile(r"/(ledger/chronicle|rights/disputes)/\d+/")


# --- The accounts and what they open (in this process, through the ORM) -------------------

@dataclass
class Account:
    """A bench account with one role, and the pages of its scope a user of it opens."""

    username: str
    password: str
    role: str  # "official" or "cadre"
    organisation_id: int
    organisation: str
    dashboard: str  # the dashboard's label: "district" or "union"
    reports: list[str]  # paths of report review pages
    report_label: str
    details: list[str]  # paths of record pages in the scope

    def page_kind(self, kind: str) -> str:
        if kind == "dashboard":
            return f"dashboard ({self.dashboard})"
        if kind == "report detail":
            return f"report detail ({self.report_label})"
        return kind


def bench_password(user) -> str:
    """A fresh password for this run that the portal's validators accept."""
    from django.contrib.auth.password_validation import validate_password

    password = f"Lb-{secrets.token_urlsafe(12)}-9"
    validate_password(password, user)
    return password


def account(username: str, organisation, kind, rng: random.Random) -> tuple:
    """The user (created on the first run), its one role, and a new password."""
    from django.contrib.auth import get_user_model

    from organisations.models import Role
    from organisations.services import role_grant

    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "负载"})
    Role.objects.filter(user=user).exclude(organisation=organisation).delete()
    role_grant(user=user, organisation=organisation, kind=kind)
    password = bench_password(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user, password


def record_paths(organisation, rng: random.Random) -> list[str]:
    """Pages of records of the scope: chronicle entries, disputes, grants of the year, and
    members, ``SAMPLE`` of each at most, each with its creation in its history."""
    from ledger.models import ChronicleEntry
    from members.models import Member
    from rights.models import LabourDispute
    from welfare.models import AidGrant

    paths = []
    for key, queryset in (
            ("chronicle", ChronicleEntry.objects.within(organisation).in_year(YEAR)),
            ("dispute", LabourDispute.objects.within(organisation).in_year(YEAR)),
            ("grant", AidGrant.objects.within(organisation).in_year(YEAR)),
            ("member", Member.objects.within(organisation))):
        ids = list(queryset.order_by().values_list("pk", flat=True))
        chosen = rng.sample(ids, min(SAMPLE, len(ids)))
        give_history(queryset.model, chosen)
        paths += [DETAIL_PATHS[key].format(pk) for pk in chosen]
    return paths


def give_history(model, ids: list[int]) -> None:
    """The creation row of the audit history, for records that have none.

    The portal writes it with every record (services, ``bulk_create_with_history``); the
    district's bulk load does not, and a record page reads the history. Written once: later
    runs find the rows.
    """
    have = set(model.history.filter(id__in=ids).values_list("id", flat=True))
    missing = list(model.objects.filter(pk__in=set(ids) - have))
    for record in missing:
        record._history_date = record.created_at
        record._history_user = record.created_by
    model.history.bulk_history_create(missing, batch_size=500)


def make_accounts(loaded) -> list[Account]:
    """The district's official and a cadre of the largest union of each street, each with
    the 2025 reports it reviews started (as an official would open them)."""
    from organisations.models import Organisation, RoleKind
    from reports.periods import Period
    from reports.services import report_start

    rng = random.Random(bench_district.SEED)
    official, password = account(USERNAME.format("official"), loaded.district,
                                 RoleKind.OFFICIAL, rng)
    street_reports = [report_start(organisation=street, period=Period(YEAR), actor=official)
                      for street in loaded.streets]
    accounts = [Account(official.username, password, "official", loaded.district.pk,
                        loaded.district.name, "district",
                        [f"/reports/{report.pk}/" for report in street_reports], "street",
                        record_paths(loaded.district, rng))]
    for street in loaded.streets:
        in_street = set(Organisation.objects.subtree(street).values_list("pk", flat=True))
        union = max((u for u in loaded.unions if u.pk in in_street),
                    key=lambda u: (u.member_count, -u.pk))
        number = len(accounts)
        cadre, password = account(USERNAME.format(f"cadre_{number}"), union, RoleKind.CADRE,
                                  rng)
        report = report_start(organisation=union, period=Period(YEAR), actor=official)
        accounts.append(Account(cadre.username, password, "cadre", union.pk, union.name,
                                "union", [f"/reports/{report.pk}/"], "union",
                                record_paths(union, rng)))
    return accounts


def remove_bench_entries() -> int:
    """The entries of earlier runs and their history rows: the district's counts stay
    those of the plan (``district.load`` reuses it only then)."""
    from ledger.models import ChronicleEntry
    from rights.models import LabourDispute

    removed = 0
    for model, name in ((ChronicleEntry, "title"), (LabourDispute, "subject")):
        lookup = {f"{name}__startswith": PREFIX}
        removed += model.objects.filter(**lookup).delete()[0]
        model.history.filter(**lookup).delete()  # the rows of the creation and the delete
    return removed


def prepare(scale: float, reload: bool) -> tuple[object, list[Account]]:
    """Django on the bench database; the district loaded (or reused); the accounts."""
    log_level = os.environ.get("LOG_LEVEL")
    bench_district.setup(DATABASE)
    if log_level is None:  # district.setup quietens this process only
        os.environ.pop("LOG_LEVEL", None)
    left = remove_bench_entries()
    if left:
        print(f"removed {left} entries an interrupted run left")
    loaded = bench_district.load(scale=scale, reload=reload)
    accounts = make_accounts(loaded)
    from django.db import connection

    connection.close()
    return loaded, accounts


# --- Virtual users -------------------------------------------------------------------------

@dataclass
class Sample:
    kind: str
    role: str
    seconds: float
    status: int | None  # None: no answer (the error says why)
    error: str = ""
    path: str = ""


@dataclass
class Run:
    """What the users share: the clock, the request cap, the samples."""

    deadline: float
    max_requests: int
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = 0.0
    ended: float = 0.0

    def take_turn(self) -> bool:
        """Whether one more request may go out (the time and the cap both bound the run)."""
        with self.lock:
            if self.stop.is_set() or time.monotonic() >= self.deadline:
                return False
            if len(self.samples) >= self.max_requests:
                self.stop.set()
                return False
            return True

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class VirtualUser:
    """One browser: its own session, its own cookies, one request at a time."""

    def __init__(self, number: int, account: Account, port: int, run: Run, seed: int):
        self.number, self.account, self.run = number, account, run
        self.client = Client(port)
        self.probe = Client(port)  # no cookies: /health/ as the load balancer asks it
        self.rng = random.Random(seed)
        self.entry_kinds = ["chronicle", "dispute"] if number % 2 else ["dispute", "chronicle"]
        self.entries_made = 0
        self.kinds, self.weights = list(MIX), list(MIX.values())

    def log_in(self) -> None:
        status, headers, _ = self.client.log_in(self.account.username, self.account.password)
        if status != 302 or "/accounts/login/" in headers.get("Location", ""):
            raise TopologyError(f"log-in of {self.account.username} answered {status}")

    def request(self, kind: str, method: str, path: str, *, client: Client | None = None,
                form: dict | None = None) -> tuple[Sample, dict, bytes]:
        """One timed request, recorded whatever its outcome."""
        client = client or self.client
        sample = Sample(kind, self.account.role, 0.0, None, path=path)
        started = time.perf_counter()
        headers, body = {}, b""
        try:
            sample.status, headers, body = client.request(
                method, path, form=form,
                referer=f"{client.origin}{path}" if form is not None else None)
        except OSError as error:  # refused, reset, timed out
            sample.error = f"{type(error).__name__}: {error}"
        sample.seconds = time.perf_counter() - started
        if sample.status is not None and not 200 <= sample.status < 400:
            sample.error = f"HTTP {sample.status}"
        elif "/accounts/login/" in headers.get("Location", ""):
            sample.error = "sent to the log-in page"
        self.run.add(sample)
        return sample, headers, body

    def page(self, kind: str) -> None:
        account, rng = self.account, self.rng
        path = {
            "member list": lambda: "/members/",
            "member search": lambda: f"/members/?name={quote(rng.choice(SURNAMES))}",
            "chronicle list": lambda: f"/ledger/chronicle/?year={YEAR}",
            "dispute list": lambda: f"/rights/disputes/?year={YEAR}",
            "grant list": lambda: f"/welfare/grants/?year={YEAR}",
            "record detail": lambda: rng.choice(account.details),
            "dashboard": lambda: f"/reports/dashboard/?year={YEAR}",
            "report detail": lambda: rng.choice(account.reports),
            TRIVIAL: lambda: "/health/",
        }[kind]()
        self.request(account.page_kind(kind), "GET", path,
                     client=self.probe if kind == TRIVIAL else None)

    def entry(self) -> None:
        """GET the create form, think, POST it with its token, follow to the new record."""
        key = self.entry_kinds[self.entries_made % 2]
        self.entries_made += 1
        path = ENTRY_FORMS[key]
        form_page, _, body = self.request("entry form", "GET", path)
        token = csrf_token_from(body.decode(errors="replace")) if not form_page.error else None
        if token is None:
            if not form_page.error:
                form_page.error = "no CSRF token in the form"
            return
        self.think()
        if not self.run.take_turn():
            return
        title = f"{PREFIX}{self.number:02d}-{self.entries_made}"
        today = dt.date.today().isoformat()
        form = {"csrfmiddlewaretoken": token, "organisation": self.account.organisation_id,
                "date": today}
        if key == "chronicle":
            form.update(title=title, description="负载测试写入的大事记。")
        else:
            form.update(subject=title, employer="负载测试有限公司", dispute_type="wages",
                        workers_involved=self.rng.randint(1, 5), amount="8600.00",
                        channel="mediation", knew_on=today)
        saved, headers, _ = self.request("entry save", "POST", path, form=form)
        location = headers.get("Location", "")
        if saved.error:
            return
        if saved.status != 302 or not SAVED.fullmatch(location):
            saved.error = f"not saved (HTTP {saved.status}: the form came back)"
            return
        if self.run.take_turn():
            self.request("record detail", "GET", location)

    def think(self) -> None:
        self.run.stop.wait(self.rng.uniform(*THINK_SECONDS))

    def live(self, ready: threading.Barrier, entry_times: list[float]) -> None:
        """Log in, wait for everyone, then ask until the time or the cap is up."""
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        entry_times = sorted(entry_times)
        while self.run.take_turn():
            now = time.monotonic() - self.run.started
            if entry_times and now >= entry_times[0]:
                entry_times.pop(0)
                self.entry()
            else:
                self.page(self.rng.choices(self.kinds, self.weights)[0])
            self.think()


# --- The topology ------------------------------------------------------------------------------

class Topology:
    """Redis, gunicorn and a Celery worker of this run, on the bench database."""

    def __init__(self, tmp: Path, database_url: str, workers: int):
        self.tmp, self.logs = tmp, tmp / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.redis_port, self.web_port = free_port(), free_port()
        self.env = production_environment(tmp, database_url,
                                          f"redis://127.0.0.1:{self.redis_port}/0")
        self.workers = workers
        self.services: list[Service] = []
        self.web: Service | None = None
        self.worker: Service | None = None

    def collect_static(self) -> subprocess.Popen:
        """collectstatic beside the data set-up (it needs no database)."""
        out = (self.logs / "collectstatic.log").open("wb")
        return subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--noinput"],
                                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)

    def start(self) -> None:
        redis = start_redis(self.redis_port, self.logs / "redis.log", quiet=True)
        self.services.append(redis)
        if not wait_for(lambda: redis_answers(self.redis_port), 20, interval=0.1):
            raise TopologyError(f"redis-server did not answer:\n{tail(redis.log, 20)}")
        self.worker = start_worker(self.env, self.logs / "celery.log", name="load",
                                   quiet=True)
        self.services.append(self.worker)
        self.web = start_web(self.env, self.logs / "gunicorn.log", self.web_port,
                             workers=self.workers, quiet=True)
        self.services.append(self.web)
        if not wait_for(Client(self.web_port).healthy, 60):
            raise TopologyError(f"gunicorn did not answer:\n{tail(self.web.log, 30)}")
        if not wait_for(lambda: worker_ready(self.worker), 60, interval=0.2):
            raise TopologyError(f"the Celery worker is not ready:\n{tail(self.worker.log)}")

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a live process, in seconds (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def topology_cpu(topology: Topology) -> dict[str, float]:
    """CPU seconds used so far by the web workers, the Celery worker, and this process."""
    web = [topology.web.pid, *topology.web.children()]
    worker = [topology.worker.pid, *topology.worker.children()]
    return {"gunicorn": sum(cpu_seconds(pid) for pid in web),
            "celery": sum(cpu_seconds(pid) for pid in worker),
            "load generator": sum(os.times()[:2])}


# --- Figures ---------------------------------------------------------------------------------

def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(share / 100 * len(sorted_values)) - 1)]


@dataclass
class Figures:
    label: str
    count: int
    errors: int
    median: float  # milliseconds
    p95: float
    p99: float
    longest: float

    @classmethod
    def of(cls, label: str, samples: list[Sample]) -> Figures:
        times = sorted(s.seconds * 1000 for s in samples)
        return cls(label, len(samples), sum(1 for s in samples if s.error),
                   statistics.median(times), percentile(times, 95), percentile(times, 99),
                   times[-1])

    def row(self, alone: float | None = None) -> str:
        shown = "—" if alone is None else f"{alone:.0f}"
        return (f"   {self.label:<26} {self.count:>6} {self.errors:>6} {self.median:>7.0f} "
                f"{self.p95:>7.0f} {self.p99:>7.0f} {self.longest:>7.0f} {shown:>7}")


def print_setting(args, loaded, accounts: list[Account], topology: Topology,
                  load_before: float) -> None:
    import psycopg2

    with psycopg2.connect(topology.env["DATABASE_URL"]) as connection, \
            connection.cursor() as cursor:
        cursor.execute("SELECT version(), current_setting('fsync'), "
                       "current_setting('shared_buffers')")
        version, fsync, buffers = cursor.fetchone()
    connection.close()
    found = loaded.counts
    print(f"\n{version.split(',')[0]} (fsync {fsync}, shared_buffers {buffers}) · database "
          f"{DATABASE} · DEBUG off, HTTPS via X-Forwarded-Proto")
    print(f"{loaded.district.name}: {found['grassroots unions']:,} grassroots unions · "
          f"{found['members']:,} members · "
          f"{bench_district.ledger_total(found):,} ledger records (2024 and 2025)")
    cadres = [a for a in accounts if a.role == "cadre"]
    print(f"gunicorn: {args.workers} sync workers · one Celery worker (one pool process) · "
          f"Redis on :{topology.redis_port} · {os.cpu_count()} CPUs for all of it and the "
          f"load generator · load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after (1 min)")
    print(f"{args.users} users for {args.duration} s (cap {args.max_requests:,} requests), "
          f"{THINK_SECONDS[0]}–{THINK_SECONDS[1]} s of thinking between requests, "
          f"{ENTRIES_PER_USER} entries each; every {OFFICIAL_EVERY}th user the district's "
          f"official, the others cadres of {len(cadres)} unions "
          f"({min(len(a.details) for a in cadres)}+ record pages each)")


def print_figures(run: Run, alone: dict[str, float], cpu: dict[str, float]) -> bool:
    samples = run.samples
    wall = run.ended - run.started
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    pages = [s for s in samples if s.kind != TRIVIAL]
    if not pages or not by_kind[TRIVIAL]:
        print(f"\ntoo short a run: {len(pages)} pages, {len(by_kind[TRIVIAL])} trivial "
              "requests; nothing to compare")
        return not any(s.error for s in samples)
    header = (f"   {'kind':<26} {'count':>6} {'errors':>6} {'median':>7} {'p95':>7} {'p99':>7} "
              f"{'max':>7} {'alone':>7}")
    print("\nLatency by kind, milliseconds, as the client sees it (connect, request, whole "
          f"answer); alone: median of {ALONE_ROUNDS} requests made one at a time before the "
          "load")
    print(header + "\n   " + "-" * (len(header) - 3))
    for kind in sorted(by_kind, key=lambda k: (k == TRIVIAL, k)):
        if kind != TRIVIAL:
            print(Figures.of(kind, by_kind[kind]).row(alone.get(kind)))
    print("   " + "-" * (len(header) - 3))
    page_figures = Figures.of("pages (all kinds above)", pages)
    trivial = Figures.of(TRIVIAL, by_kind[TRIVIAL])
    print(page_figures.row(alone["pages"]))
    print(trivial.row(alone[TRIVIAL]) + "  (no session; SELECT 1 and one EXISTS)")
    for role in ("official", "cadre"):
        of_role = [s for s in pages if s.role == role]
        if of_role:
            print(Figures.of(f"  pages of the {role}s", of_role).row())
    errors = [s for s in samples if s.error]
    print(f"\n   requests: {len(samples):,} in {wall:.1f} s = {len(samples) / wall:.1f}/s "
          f"({len(pages) / wall:.1f} pages/s)"
          + (" · the request cap stopped the run" if len(samples) >= run.max_requests else ""))
    print(f"   median page / median trivial view: {page_figures.median:.0f} / "
          f"{trivial.median:.0f} ms = {page_figures.median / trivial.median:.1f}× (alone: "
          f"{alone['pages']:.0f} / {alone[TRIVIAL]:.0f} ms = "
          f"{alone['pages'] / alone[TRIVIAL]:.1f}×)")
    print("   CPU seconds during the run: " + ", ".join(
        f"{name} {seconds:.0f}" for name, seconds in cpu.items())
        + f" (of {wall * (os.cpu_count() or 1):.0f} available; PostgreSQL and Redis not "
        "counted)")
    shown: dict[str, int] = defaultdict(int)
    for sample in errors:
        shown[f"{sample.kind}: {sample.error} ({sample.path})"] += 1
    for text, count in list(shown.items())[:10]:
        print(f"   error ×{count}: {text}")
    p95_ok = page_figures.p95 <= TARGET_P95_MS
    print(f"\n{'PASS' if p95_ok else 'FAIL'}  p95 of the pages {page_figures.p95:.0f} ms "
          f"(target ≤ {TARGET_P95_MS} ms)")
    print(f"{'PASS' if not errors else 'FAIL'}  errors: {len(errors)} (target 0)")
    return not errors


# --- The run -------------------------------------------------------------------------------

def drive(accounts: list[Account], port: int, args) -> tuple[Run, dict[str, float]]:
    official = accounts[0]
    cadres = accounts[1:]
    users = [VirtualUser(number, official if number % OFFICIAL_EVERY == 0
                         else cadres[number % len(cadres)], port,
                         None, seed=bench_district.SEED + number)
             for number in range(args.users)]
    print(f"logging {len(users)} users in ({LOGINS_AT_ONCE} at a time)", flush=True)
    gate = threading.Semaphore(LOGINS_AT_ONCE)
    failures: list[str] = []

    def log_in(user: VirtualUser) -> None:
        with gate:
            try:
                user.log_in()
            except (TopologyError, OSError) as error:
                failures.append(str(error))

    threads = [threading.Thread(target=log_in, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise TopologyError(f"{len(failures)} log-ins failed: {failures[0]}")
    warm_up(users, args.workers)
    print("measuring each kind alone", flush=True)
    alone = measure_alone(users)

    run = Run(deadline=math.inf, max_requests=args.max_requests)
    ready = threading.Barrier(len(users) + 1)
    rng = random.Random(bench_district.SEED)
    threads = []
    for user in users:
        user.run = run
        times = [rng.uniform(0, args.duration * 0.95) for _ in range(ENTRIES_PER_USER)]
        threads.append(threading.Thread(target=user.live, args=(ready, times), daemon=True))
        thread = threads[-1]
        thread.start()
    print(f"running {args.users} users for {args.duration} s", flush=True)
    run.started = time.monotonic()
    run.deadline = run.started + args.duration
    ready.wait()
    for thread in threads:
        thread.join(timeout=max(0.0, run.deadline - time.monotonic()) + 60)
    run.stop.set()
    run.ended = min(time.monotonic(), max(run.deadline, run.started))
    return run, alone


def warm_up(users: list[VirtualUser], workers: int) -> None:
    """Each page kind for an official and a cadre, ``workers`` users of each at once so that
    every web worker gets some, not counted: a worker's first requests compile templates
    and fill caches that production keeps warm."""
    scratch = Run(deadline=math.inf, max_requests=10**9)
    chosen = [u for role in ("official", "cadre")
              for u in [u for u in users if u.account.role == role][:workers]]
    for user in chosen:
        user.run = scratch
    threads = [threading.Thread(target=lambda u=user: [u.page(kind) for kind in MIX])
               for user in chosen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = [s for s in scratch.samples if s.error]
    if failed:
        raise TopologyError(f"warm-up: {failed[0].kind} {failed[0].path} {failed[0].error}")


def measure_alone(users: list[VirtualUser]) -> dict:
    """The median of ``ALONE_ROUNDS`` requests of each kind made one at a time before the
    load, by kind: what a request costs when it need not wait for a worker or a CPU."""
    alone = Run(deadline=math.inf, max_requests=10**9)
    for role in ("official", "cadre"):
        user = next((u for u in users if u.account.role == role), None)
        if user is None:
            continue
        user.run = alone
        for _round in range(ALONE_ROUNDS):
            for kind in MIX:
                user.page(kind)
            user.entry()
    failed = [s for s in alone.samples if s.error]
    if failed:
        raise TopologyError(f"alone: {failed[0].kind} {failed[0].path} {failed[0].error}")
    by_kind = defaultdict(list)
    for sample in alone.samples:
        by_kind[sample.kind].append(sample.seconds * 1000)
    pages = [s.seconds * 1000 for s in alone.samples if s.kind != TRIVIAL]
    return {"pages": statistics.median(pages),
            **{kind: statistics.median(times) for kind, times in by_kind.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="virtual users at once")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=20_000,
                        help="hard cap on the requests of the run")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default: 2 × CPUs + 1)")
    parser.add_argument("--reload", action="store_true", help="load the district again")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the district (1.0: 304 unions, 100,000 members)")
    parser.add_argument("--keep-logs", action="store_true",
                        help="keep the logs of gunicorn, Celery and Redis")
    args = parser.parse_args()
    if not 1 <= args.users <= 500:
        parser.error("--users must be between 1 and 500")
    if not 1 <= args.duration <= 1800:
        parser.error("--duration must be between 1 and 1800 seconds")
    if not 1 <= args.max_requests <= 1_000_000:
        parser.error("--max-requests must be between 1 and 1,000,000")
    if not 1 <= args.workers <= 64:
        parser.error("--workers must be between 1 and 64")

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupted)
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="unionportal-load-"))
    topology = None
    ok = prepared = False
    try:
        url = bench_district.database_url(DATABASE)
        topology = Topology(tmp, url, args.workers)
        statics = topology.collect_static()
        loaded, accounts = prepare(args.scale, args.reload)
        prepared = True
        from django.conf import settings

        # the ID numbers were encrypted with this process's key: the portal reads them
        topology.env["PERSONAL_DATA_KEY"] = settings.PERSONAL_DATA_KEY
        if statics.wait(timeout=600) != 0:
            raise TopologyError("collectstatic failed:\n"
                                f"{tail(tmp / 'logs' / 'collectstatic.log')}")
        topology.start()
        cpu_before = topology_cpu(topology)
        run, alone = drive(accounts, topology.web_port, args)
        cpu_after = topology_cpu(topology)
        cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
        print_setting(args, loaded, accounts, topology, load_before)
        ok = print_figures(run, alone, cpu)
    except TopologyError as error:
        print(f"\nthe run could not be made: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt as stop:
        print(f"\ninterrupted ({stop or 'SIGINT'}): no figures", file=sys.stderr)
        sys.exit(130)
    finally:
        if topology is not None:
            topology.stop()
        if prepared:
            from django.db import connection

            removed = remove_bench_entries()
            connection.close()
            print(f"removed the {removed} entries of the run")
        if args.keep_logs:
            print(f"logs kept in {tmp / 'logs'}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
