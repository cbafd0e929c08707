"""Fault tests of the production topology: scripted, repeatable, a few minutes at most.

    .venv/bin/python bench/faults.py [--keep-logs] [--only NAME ...] [--deadline SECONDS]

Runs the portal as production does (DEBUG=false, gunicorn with two workers, a Celery worker,
PostgreSQL, Redis) and breaks one piece at a time, printing one line per scenario — PASS or
FAIL with its figures — and exiting 1 if any failed:

``worker-kill``
    A work-summary PDF is requested; while the worker renders it (the job shows the
    "Rendering" stage) the worker's whole process group gets SIGKILL and a new worker is
    started. The job must end done after a redelivery (attempts ≥ 2) with exactly one file,
    ``MEDIA_ROOT/jobs/<job id>.pdf``, whose checksum is the job's. Redelivery waits for the
    broker's visibility timeout (``CELERY_VISIBILITY_TIMEOUT``, set short here).
``redis-down``
    Redis is stopped and the PDF requested: the answer is the job page (no 500), the job is
    failed with the "temporarily unavailable" message and the page offers the retry button;
    Redis is started again, the retry button is pressed, the worker produces the file.
``memory``
    A worker whose pool process may hold a little more than an idle one
    (``CELERY_WORKER_MAX_MEMORY_PER_CHILD``) renders two PDFs: each render grows the
    process past the limit, so the pool process must be replaced, and all three jobs done.
``db-restart``
    Two clients create chronicle entries through the web form as fast as they can while
    PostgreSQL is stopped in immediate mode (a crash: no checkpoint, crash recovery at start)
    and started again; then it is crashed once more while the web workers sit idle on their
    kept connections, and written to at once. Every entry the portal confirmed must exist
    with its history row; an error answer may have written nothing or a complete entry (the
    commit went through, the session could not be saved after it), never half of one; and
    no request started after the database was back may fail (kept connections are
    health-checked, ``DB_CONN_HEALTH_CHECKS``).

Nothing running is touched: the script starts its own PostgreSQL cluster (``initdb`` under
/tmp, its own port; as root it runs as the ``postgres`` account) and its own redis-server on
its own port, and removes them at the end. It needs the PostgreSQL server binaries
(``/usr/lib/postgresql/<version>/bin``) and ``redis-server``; ``.ci/run`` installs both and
runs this script after the smoke test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".ci"))

from topology import (  # noqa: E402  (the shared helpers live beside the CI scripts)
    DEMO_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    Client,
    Service,
    TopologyError,
    free_port,
    manage,
    production_environment,
    rss_kib,
    start_web,
    start_worker,
    tail,
    wait_for,
    worker_ready,
)

# Short for the test, so that a killed render is redelivered within seconds; longer than a
# render on a slow machine, or a render still running would be delivered a second time.
VISIBILITY_TIMEOUT = 20
UNAVAILABLE = ("The background service is temporarily unavailable. Nothing was lost: try "
               "again in a few minutes.")  # jobs/services.py UNAVAILABLE
MEMORY_HEADROOM_KIB = 20_000  # the memory limit, above an idle pool process's size
RENDER_TIMEOUT = 90  # seconds for one job to finish once a worker can take it
DATABASE_DOWN_SECONDS = 2.0


class Failure(Exception):
    """A scenario's expectation did not hold; the message says which, with its figures."""


class DeadlineExceeded(BaseException):
    """The whole run took too long: not an Exception, so no scenario catches it."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


# --- The scratch database server and broker -----------------------------------------------

def postgres_bindir() -> Path:
    versions = sorted((p for p in Path("/usr/lib/postgresql").glob("*/bin/postgres")),
                      key=lambda p: int(p.parent.parent.name), reverse=True)
    if not versions:
        raise TopologyError("no PostgreSQL server under /usr/lib/postgresql/*/bin")
    return versions[0].parent


class ScratchPostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1 and a port of its own."""

    USER = "unionportal"

    def __init__(self, log: Path):
        self.bindir = postgres_bindir()
        self.version = self.bindir.parent.name
        self.home = Path(tempfile.mkdtemp(prefix="unionportal-faults-pg-"))
        self.data = self.home / "data"
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self.owner = "postgres" if os.geteuid() == 0 else None  # initdb refuses root
        self.log = log
        self.service: Service | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        self.env["LC_ALL"] = "C.UTF-8"

    def url(self, database: str) -> str:
        return f"postgres://{self.USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        pwfile = self.home / "password"
        pwfile.write_text(self.password)
        if self.owner:
            shutil.chown(self.home, self.owner, self.owner)
            shutil.chown(pwfile, self.owner, self.owner)
        with self.log.open("ab") as out:
            result = subprocess.run(
                [str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.USER,
                 f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C",
                 "--no-sync"],
                cwd=self.home, env=self.env, user=self.owner, stdout=out,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        pwfile.unlink()
        if result.returncode != 0:
            raise TopologyError(f"initdb failed:\n{tail(self.log, 20)}")

    def start(self, timeout: float = 60) -> None:
        self.service = Service("postgres", [
            str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
            "-k", str(self.home), "-c", "listen_addresses=127.0.0.1",
        ], self.env, self.log, stop_signal=signal.SIGINT, user=self.owner, quiet=True,
            cwd=self.home)
        if not wait_for(self.accepting, timeout, interval=0.1):
            raise TopologyError(f"PostgreSQL did not start:\n{tail(self.log, 20)}")

    def accepting(self) -> bool:
        import psycopg2

        if self.service is None or not self.service.alive():
            return False
        try:
            psycopg2.connect(self.url("postgres"), connect_timeout=2).close()
        except psycopg2.OperationalError:
            return False
        return True

    def crash(self) -> None:
        """Immediate shutdown (SIGQUIT): backends end at once, no checkpoint; the next
        start replays the WAL, as after a power cut of the database alone."""
        self.service.process.send_signal(signal.SIGQUIT)
        self.service.process.wait(timeout=30)
        self.service.stop()

    def stop(self) -> None:
        if self.service is not None:
            self.service.stop()

    def remove(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)


class ScratchRedis:
    """A redis-server of its own, with the append-only file production keeps."""

    def __init__(self, home: Path, log: Path):
        self.home, self.log, self.port = home, log, free_port()
        self.home.mkdir(parents=True, exist_ok=True)
        self.service: Service | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.service = Service("redis", [
            shutil.which("redis-server") or "redis-server", "--port", str(self.port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
            "--dir", str(self.home), "--daemonize", "no",
        ], dict(os.environ), self.log, quiet=True)
        if not wait_for(self.answering, 20, interval=0.1):
            raise TopologyError(f"redis-server did not answer:\n{tail(self.log, 20)}")

    def answering(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.service is not None:
            self.service.stop()


# --- The portal under test ------------------------------------------------------------------

@dataclass
class JobRow:
    status: str
    progress: int
    attempts: int
    error: str
    file: str
    checksum: str


class Portal:
    """PostgreSQL, Redis, gunicorn and one Celery worker at a time, and a logged-in client."""

    def __init__(self, tmp: Path):
        self.tmp, self.logs = tmp, tmp / "logs"
        self.logs.mkdir(parents=True)
        self.postgres = ScratchPostgres(self.logs / "postgres.log")
        self.redis = ScratchRedis(tmp / "redis", self.logs / "redis.log")
        self.env: dict[str, str] = {}
        self.web: Service | None = None
        self.worker: Service | None = None
        self.workers_started = 0
        self.idle_child_rss: list[int] = []  # KiB, of each worker's pool process when ready
        self.worker_children: dict[int, list[int]] = {}  # worker pid: pool pids when ready
        self.client: Client | None = None
        self.organisation_id = self.report_id = 0

    @property
    def media_jobs(self) -> Path:
        return self.tmp / "media" / "jobs"

    # set-up and tear-down

    def set_up(self) -> str:
        started = time.monotonic()
        self.postgres.init()
        self.postgres.start()
        self.sql("CREATE DATABASE unionportal ENCODING 'UTF8'", database="postgres")
        self.redis.start()
        self.env = production_environment(
            self.tmp, self.postgres.url("unionportal"), self.redis.url,
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
        # collectstatic needs no database: it runs beside migrate and load_demo
        setup_env = {**self.env, "PGOPTIONS": "-c synchronous_commit=off"}  # set-up only
        with (self.logs / "collectstatic.log").open("wb") as statics_log:
            statics = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT,
                env=self.env, stdout=statics_log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL)
        timings = []
        for args in (("migrate", "--noinput"), ("load_demo",)):
            command_started = time.monotonic()
            if manage(setup_env, *args, log=self.logs / "manage.log") != 0:
                statics.kill()
                raise TopologyError(f"manage.py {args[0]} failed:\n"
                                    f"{tail(self.logs / 'manage.log', 30)}")
            timings.append(f"{args[0]} {time.monotonic() - command_started:.0f}s")
        if statics.wait(timeout=300) != 0:
            raise TopologyError(f"collectstatic failed:\n"
                                f"{tail(self.logs / 'collectstatic.log', 30)}")
        timings[-1] += " (collectstatic alongside)"
        port = free_port()
        self.web = start_web(self.env, self.logs / "gunicorn.log", port, quiet=True)
        self.client = Client(port)
        if not wait_for(self.client.healthy, 60):
            raise TopologyError(f"gunicorn did not answer:\n{tail(self.web.log, 30)}")
        status, headers, _ = self.client.log_in(DEMO_USERNAME, DEMO_PASSWORD)
        if status != 302:
            raise TopologyError(f"log-in as {DEMO_USERNAME} answered {status}")
        self.organisation_id = self.sql(
            "SELECT id FROM organisations_organisation WHERE name = %s",
            [DEMO_ORGANISATION])[0][0]
        self.report_id = self.sql(
            "SELECT id FROM reports_report WHERE organisation_id = %s AND year = %s "
            "AND period_kind = 'year'", [self.organisation_id, dt.date.today().year])[0][0]
        self.start_worker()
        return (f"PostgreSQL {self.postgres.version} on :{self.postgres.port}, Redis on "
                f":{self.redis.port}, gunicorn on :{port} (scratch, DEBUG=false); "
                f"{', '.join(timings)}; ready after "
                f"{time.monotonic() - started:.0f}s")

    def restore(self) -> None:
        """Whatever a failed scenario left broken is brought back for the next one."""
        if self.postgres.service is None or not self.postgres.service.alive():
            self.postgres.start()
        if self.redis.service is None or not self.redis.service.alive():
            self.redis.start()
        if self.worker is None or not self.worker.alive():
            self.start_worker()

    def tear_down(self) -> None:
        for service in (self.worker, self.web):
            if service is not None:
                service.stop()
        self.redis.stop()
        self.postgres.stop()
        self.postgres.remove()

    # processes

    def start_worker(self, **env: str) -> Service:
        """A new worker (the current one, if any, must be stopped or killed before)."""
        self.workers_started += 1
        number = self.workers_started
        log = self.logs / f"celery-{number}.log"
        self.worker = start_worker({**self.env, **env}, log, name=f"faults-{number}",
                                   service_name=f"celery-{number}", quiet=True)
        if not wait_for(lambda: worker_ready(self.worker) and self.worker.children(), 60,
                        interval=0.2):
            raise TopologyError(f"worker {number} not ready:\n{tail(log, 30)}")
        children = self.worker.children()
        self.worker_children[self.worker.pid] = children
        self.idle_child_rss.extend(rss_kib(pid) for pid in children)
        return self.worker

    def stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    # database

    def sql(self, query: str, params=(), *, database: str = "unionportal") -> list[tuple]:
        import psycopg2

        connection = psycopg2.connect(self.postgres.url(database), connect_timeout=5)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def job(self, job_id: str) -> JobRow:
        rows = self.sql("SELECT status, progress, attempts, error, file, checksum "
                        "FROM jobs_job WHERE id = %s", [job_id])
        require(bool(rows), f"job {job_id} has no row")
        return JobRow(*rows[0])

    def wait_job(self, job_id: str, predicate, timeout: float) -> JobRow:
        state: dict = {}

        def reached() -> bool:
            state["row"] = self.job(job_id)
            return predicate(state["row"])

        wait_for(reached, timeout, interval=0.1)
        return state["row"]

    # requests

    def request_report_pdf(self, language: str = "zh-hans") -> tuple[int, str, float]:
        """POST the work summary's PDF in ``language``: (status, Location, seconds)."""
        detail = f"/reports/{self.report_id}/"
        self.client.cookies["django_language"] = language
        try:
            token = self.client.form_token(detail)
            started = time.monotonic()
            status, headers, _ = self.client.post(
                f"/reports/{self.report_id}/pdf/", {"csrfmiddlewaretoken": token},
                referer=f"{self.client.origin}{detail}")
            return status, headers.get("Location", ""), time.monotonic() - started
        finally:
            self.client.cookies.pop("django_language", None)

    def job_files(self, job_id: str) -> list[str]:
        if not self.media_jobs.exists():
            return []
        return sorted(p.name for p in self.media_jobs.iterdir() if p.name.startswith(job_id))


JOB_PAGE = re.compile(r"/jobs/([0-9a-f-]{36})/")


def job_id_from(status: int, location: str) -> str:
    match = JOB_PAGE.fullmatch(location)
    require(status == 302 and match is not None,
            f"the PDF request answered {status} {location!r}, not the job page")
    return match.group(1)


def check_file(portal: Portal, job_id: str, row: JobRow) -> int:
    """The job's one file: named after the job, a PDF, with the job's checksum; its size."""
    files = portal.job_files(job_id)
    require(files == [f"{job_id}.pdf"], f"files for the job: {files or 'none'}")
    require(row.file == f"jobs/{job_id}.pdf", f"the job row names {row.file!r}")
    content = (portal.media_jobs / files[0]).read_bytes()
    require(content.startswith(b"%PDF"), "the file is not a PDF")
    require(hashlib.sha256(content).hexdigest() == row.checksum,
            "the file's SHA-256 is not the job's checksum")
    return len(content)


# --- Scenarios ------------------------------------------------------------------------------

def scenario_worker_kill(portal: Portal, figures: list[str]) -> None:
    before = set(portal.media_jobs.iterdir()) if portal.media_jobs.exists() else set()
    job_id = job_id_from(*portal.request_report_pdf()[:2])
    row = portal.wait_job(job_id, lambda r: r.status == "running" and r.progress >= 50,
                          RENDER_TIMEOUT)
    require(row.status == "running" and row.progress >= 50,
            f"the render never showed its rendering stage ({row.status} {row.progress}%)")
    victim = portal.worker
    pids = [victim.pid, *victim.children()]
    victim.kill()
    killed_at = time.monotonic()
    figures.append(f"killed pids {'+'.join(map(str, pids))} at {row.progress}%")
    row = portal.job(job_id)
    require(row.status == "running", f"the render ended before the kill ({row.status})")
    require(not portal.job_files(job_id), "a file exists before the render finished")
    portal.start_worker()
    row = portal.wait_job(job_id, lambda r: r.status in ("done", "failed"),
                          VISIBILITY_TIMEOUT + RENDER_TIMEOUT)
    recovered = time.monotonic() - killed_at
    figures.append(f"job {row.status} {recovered:.1f}s after the kill "
                   f"(visibility timeout {VISIBILITY_TIMEOUT}s)")
    figures.append(f"attempts {row.attempts}")
    require(row.status == "done", f"job {row.status}: {row.error}")
    require(row.attempts >= 2, "the job ran once only: the kill did not interrupt it")
    size = check_file(portal, job_id, row)
    after = set(portal.media_jobs.iterdir())
    require([p.name for p in after - before] == [f"{job_id}.pdf"],
            f"new files under jobs/: {sorted(p.name for p in after - before)}")
    figures.append(f"1 file jobs/{job_id}.pdf ({size // 1024} kB, checksum ok)")


def scenario_redis_down(portal: Portal, figures: list[str]) -> None:
    portal.redis.stop()
    down_at = time.monotonic()
    require(not portal.redis.answering(), "Redis still answers after its stop")
    status, location, seconds = portal.request_report_pdf()
    figures.append(f"request answered {status} in {seconds:.1f}s")
    job_id = job_id_from(status, location)
    row = portal.job(job_id)
    require(row.status == "failed" and row.error == UNAVAILABLE,
            f"job {row.status} with error {row.error!r}")
    status, _, body = portal.client.get(location)
    page = body.decode()
    require(status == 200, f"job page answered {status}")
    require('id="job-retry"' in page and 'd-none" id="job-retry"' not in page,
            "the job page shows no retry button")
    require('class="alert alert-danger" id="job-error"' in page,
            "the job page shows no error message")
    status, _, _ = portal.client.get("/health/ready/")
    figures.append(f"job failed 'temporarily unavailable' + retry button, readiness {status}")
    require(status == 503, f"/health/ready/ answered {status} with the broker down")

    portal.redis.start()
    back_at = time.monotonic()
    figures.append(f"Redis down {back_at - down_at:.1f}s")
    token = portal.client.form_token(location)
    status, headers, _ = portal.client.post(
        f"{location}retry/", {"csrfmiddlewaretoken": token},
        referer=f"{portal.client.origin}{location}")
    require(status == 302 and headers.get("Location") == location,
            f"retry answered {status} {headers.get('Location')!r}")
    row = portal.wait_job(job_id, lambda r: r.status in ("done", "failed"), RENDER_TIMEOUT)
    figures.append(f"after retry job {row.status} {time.monotonic() - back_at:.1f}s after "
                   f"Redis returned, attempts {row.attempts}")
    require(row.status == "done", f"job {row.status}: {row.error}")
    size = check_file(portal, job_id, row)
    figures.append(f"file {size // 1024} kB")


def scenario_memory(portal: Portal, figures: list[str]) -> None:
    idle = min(portal.idle_child_rss)
    limit = max(50_000, idle + MEMORY_HEADROOM_KIB)  # settings' minimum is 50000
    # the control: under the default limit (512 MB) a pool process stays after its renders
    previous = portal.worker
    renders = previous.log.read_text(errors="replace").count("succeeded in")
    kept = set(portal.worker_children.get(previous.pid, [])) & set(previous.children())
    control = f"{'stayed' if kept else 'was replaced'} after {renders} renders"
    portal.stop_worker()
    worker = portal.start_worker(CELERY_WORKER_MAX_MEMORY_PER_CHILD=str(limit))
    first_children = worker.children()
    seen: dict[int, int] = {pid: rss_kib(pid) for pid in first_children}  # pid: peak KiB
    jobs = []
    for language in ("zh-hant", "en"):
        jobs.append(job_id_from(*portal.request_report_pdf(language)[:2]))
    figures.append(f"limit {limit} KiB (idle pool process {idle} KiB)")

    def all_finished() -> bool:
        for pid in worker.children():
            seen[pid] = max(seen.get(pid, 0), rss_kib(pid))
        rows = [portal.job(job_id) for job_id in jobs]
        return all(r.status in ("done", "failed") for r in rows)

    wait_for(all_finished, RENDER_TIMEOUT * len(jobs), interval=0.1)
    rows = [portal.job(job_id) for job_id in jobs]
    statuses = Counter(r.status for r in rows)
    # the last render's process is replaced right after it, too
    wait_for(lambda: len(set(seen) - set(worker.children())) >= len(jobs), 10, interval=0.1)
    replaced = [pid for pid in seen if pid not in worker.children()]
    log = worker.log.read_text(errors="replace")
    crashes = len(re.findall(r"WorkerLostError|exited with 'signal", log))
    figures.append(f"jobs {dict(statuses)}")
    figures.append(f"{len(seen)} pool processes ran them ({len(replaced)} replaced), "
                   f"peak {max(seen.values())} KiB, {crashes} crashes")
    figures.append(f"before: the default limit's pool process {control}")
    require(statuses == Counter(done=len(jobs)), f"jobs not all done: {dict(statuses)}")
    for job_id, row in zip(jobs, rows, strict=True):
        check_file(portal, job_id, row)
    require(set(first_children) <= set(replaced), "the first pool process was not replaced")
    require(len(replaced) >= len(jobs), "fewer pool processes replaced than renders")
    require(not crashes, "a pool process crashed instead of being replaced")


@dataclass
class Write:
    title: str
    started: float
    status: int | None  # None: no answer at all
    record_id: int | None = None

    @property
    def failed(self) -> bool:
        """An error answer: the database was unreachable (5xx, or 400 when only the session
        could not be saved after the view's transaction) or no answer at all."""
        return self.status is None or self.status >= 500 or self.status == 400


@dataclass
class Writer:
    """A client creating chronicle entries through the web form, each titled uniquely."""

    client: Client
    token: str
    organisation_id: int
    prefix: str
    writes: list[Write] = field(default_factory=list)

    def write(self) -> Write:
        path = "/ledger/chronicle/new/"
        write = Write(f"{self.prefix}-{len(self.writes) + 1}", time.monotonic(), None)
        try:
            status, headers, _ = self.client.post(path, {
                "csrfmiddlewaretoken": self.token, "organisation": self.organisation_id,
                "date": dt.date.today().isoformat(), "title": write.title,
                "description": "written while the database restarts",
            }, referer=f"{self.client.origin}{path}", timeout=30)
            write.status = status
            match = re.fullmatch(r"/ledger/chronicle/(\d+)/", headers.get("Location", ""))
            write.record_id = int(match.group(1)) if match and status == 302 else None
        except OSError:
            pass
        # the "Saved." messages would pile up in the cookie, never shown
        self.client.cookies.pop("messages", None)
        self.writes.append(write)
        return write

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.write().failed:
                time.sleep(0.05)  # while the database is down, do not spin


def crash_and_restart(portal: Portal, down: float) -> tuple[float, float]:
    crashed_at = time.monotonic()
    portal.postgres.crash()
    time.sleep(down)
    portal.postgres.start()
    return crashed_at, time.monotonic()


def scenario_db_restart(portal: Portal, figures: list[str]) -> None:
    """Phase 1 crashes the database under two writers (cut transactions); phase 2 crashes
    it while the web workers sit idle on their kept connections, then writes at once (the
    first request after a night-time restart)."""
    run = secrets.token_hex(3)
    writers = []
    for number in range(2):
        client = Client(portal.client.port, portal.client.cookies)
        token = client.form_token("/ledger/chronicle/new/")
        writers.append(Writer(client, token, portal.organisation_id,
                              f"faults-{run}-{number}"))
    stop = threading.Event()
    threads = [threading.Thread(target=w.run, args=(stop,), daemon=True) for w in writers]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        crashed_at, back_at = crash_and_restart(portal, DATABASE_DOWN_SECONDS)

        def resumed() -> bool:
            return any(x.status == 302 and x.started > back_at
                       for w in writers for x in list(w.writes))

        wait_for(resumed, 30, interval=0.1)
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
    writes = [x for w in writers for x in w.writes]
    errors = [x for x in writes if x.failed]
    after = [x for x in errors if x.started > back_at]
    first_ok = min((x.started for x in writes if x.status == 302 and x.started > back_at),
                   default=None)
    kinds = Counter("no answer" if x.status is None else str(x.status) for x in errors)
    figures.append(f"under writes: {len(writes)} writes by 2 clients, "
                   f"{sum(x.status == 302 for x in writes)} created, {len(errors)} failed "
                   f"{dict(kinds)}, {len(after)} of them after the database was back")
    figures.append(f"database down {back_at - crashed_at:.1f}s (immediate stop)"
                   + (f", writes resumed {first_ok - crashed_at:.1f}s after the crash"
                      if first_ok is not None else ""))

    time.sleep(1)  # idle: each web worker keeps its connection, which the crash will kill
    crash_and_restart(portal, 0.5)
    idle = [writers[0].write() for _ in range(8)]
    idle_failed = [x for x in idle if x.failed]
    figures.append(f"restart while idle: {len(idle) - len(idle_failed)}/{len(idle)} writes "
                   f"right after it created")
    writes += idle

    prefix = f"faults-{run}-%"
    entries = dict(portal.sql("SELECT title, id FROM ledger_chronicleentry WHERE title LIKE %s",
                              [prefix]))
    history = dict(portal.sql("SELECT title, id FROM ledger_historicalchronicleentry "
                              "WHERE title LIKE %s AND history_type = '+'", [prefix]))
    complete = {t for t, record_id in entries.items() if history.get(t) == record_id}
    partial = sorted((set(entries) | set(history)) - complete)
    created = {x.title: x.record_id for x in writes if x.status == 302}
    missing = sorted(t for t, record_id in created.items()
                     if t not in complete or entries[t] != record_id)
    errors = [x for x in writes if x.failed]
    error_complete = [x.title for x in errors if x.title in complete]
    error_partial = [x.title for x in errors if x.title in partial]
    others = Counter(x.status for x in writes if not x.failed and x.status != 302)
    figures.append(f"{len(entries)} entries checked: {len(complete)} with their history row, "
                   f"{len(partial)} partial; {len(created)} confirmed, all complete: "
                   f"{not missing}")
    figures.append(f"error answers that wrote nothing {len(errors) - len(error_complete)}, "
                   f"a complete entry {len(error_complete)}, half of one {len(error_partial)}")
    require(not others, f"unexpected answers {dict(others)}")
    require(not missing, f"confirmed but missing or incomplete: {missing[:5]}")
    require(not partial, f"partial records: {partial[:5]}")
    require(len(errors) > 0, "no write failed: the restart was not noticed")
    require(first_ok is not None, "no write succeeded after the database was back")
    require(not after, f"{len(after)} writes failed after the database was back "
                       f"{dict(Counter(x.status for x in after))}")
    require(not idle_failed, f"{len(idle_failed)} writes failed after the idle restart "
                             f"{dict(Counter(x.status for x in idle_failed))}")


SCENARIOS = {
    "worker-kill": ("kill -9 of the worker in the middle of a render", scenario_worker_kill),
    "redis-down": ("Redis down while a render is requested", scenario_redis_down),
    "memory": ("a worker whose memory grows is recycled", scenario_memory),
    "db-restart": ("PostgreSQL restarted under writes", scenario_db_restart),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keep-logs", action="store_true", help="keep the logs after a pass")
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, help="run these scenarios")
    parser.add_argument("--deadline", type=int, default=600, metavar="SECONDS",
                        help="stop everything and fail after this long (default 600)")
    args = parser.parse_args()
    os.chdir(ROOT)
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="unionportal-faults-"))

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    def on_deadline(_signum, _frame):
        raise DeadlineExceeded(f"still running after {args.deadline}s")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGALRM, on_deadline)
    signal.alarm(args.deadline)
    portal = Portal(tmp)
    results: dict[str, bool] = {}
    try:
        print(f"setup  {portal.set_up()}", flush=True)
        for name in args.only or SCENARIOS:
            title, scenario = SCENARIOS[name]
            figures: list[str] = []
            scenario_started = time.monotonic()
            try:
                scenario(portal, figures)
                ok, reason = True, ""
            except (Failure, TopologyError) as failure:
                ok, reason = False, f"{failure} | "
            except Exception as error:  # any other error fails the scenario, not the run
                ok, reason = False, f"{type(error).__name__}: {error} | "
            results[name] = ok
            print(f"{'PASS' if ok else 'FAIL'}  {name} ({title}, "
                  f"{time.monotonic() - scenario_started:.0f}s): {reason}{'; '.join(figures)}",
                  flush=True)
            portal.restore()
    except (TopologyError, OSError) as error:
        print(f"FAIL  setup: {error}", flush=True)
    except DeadlineExceeded as error:
        print(f"FAIL  deadline: {error}", flush=True)
    finally:
        signal.alarm(0)
        portal.tear_down()
    passed = bool(results) and all(results.values()) and len(results) == len(
        args.only or SCENARIOS)
    if not passed:
        for log in sorted(portal.logs.glob("*.log")):
            print(f"\n----- {log.name} (last 25 lines) -----\n{tail(log, 25)}")
    if passed and not args.keep_logs:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"\nlogs kept in {portal.logs}")
    print(f"\nFAULT TESTS {'PASSED' if passed else 'FAILED'}: "
          f"{sum(results.values())}/{len(args.only or SCENARIOS)} in "
          f"{time.monotonic() - started:.0f}s", flush=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
