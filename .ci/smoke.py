"""Smoke test of the production topology, on loopback.

Runs the portal as production does (DEBUG=false, gunicorn, a separate Celery worker on Redis,
PostgreSQL, static files from collectstatic served by WhiteNoise) and drives one user through
it: log in, load a static file, ask for a PDF export, wait for the worker to produce it,
download it and read its text back with pdftotext.

Needs DATABASE_URL (PostgreSQL; the role may create databases) and CELERY_BROKER_URL (Redis)
in the environment. The production processes get a fresh database of their own,
``<name>_smoke``, and their own Redis database number (SMOKE_REDIS_DB, default 15) so that
nothing else on the same Redis consumes the smoke test's tasks. Run from the repository root
with the project's virtualenv Python:

    .venv/bin/python .ci/smoke.py

Production settings are not relaxed: the client sends X-Forwarded-Proto: https as the
reverse proxy would, and keeps its cookies itself (they are Secure, so an ordinary cookie jar
would not send them over plain http).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
USERNAME = "dongguan_official"
PASSWORD = "Demo-2026-portal"  # organisations/demo.py DEMO_PASSWORD
ORGANISATION = "东关街道总工会"  # the account's organisation: named in the PDF's title
JOB_TIMEOUT = float(os.environ.get("SMOKE_JOB_TIMEOUT", "120"))


class SmokeFailure(Exception):
    pass


def step(message: str) -> None:
    print(f"\n--- {message}", flush=True)


def passed(message: str) -> None:
    print(f"PASS  {message}", flush=True)


def check(condition: bool, message: str, detail: str = "") -> None:
    if not condition:
        print(f"FAIL  {message}", flush=True)
        raise SmokeFailure(f"{message}{': ' + detail if detail else ''}")
    passed(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(cannot read {path}: {error})"


# --- Environment and database -----------------------------------------------------------

def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise SmokeFailure(f"{name} must be set in the environment")
    return value


def smoke_database_url(base_url: str) -> tuple[str, str]:
    parts = urlsplit(base_url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SmokeFailure(f"DATABASE_URL must be PostgreSQL, not {parts.scheme!r}")
    name = parts.path.lstrip("/") or "unionportal"
    smoke_name = f"{name}_smoke"
    return urlunsplit(parts._replace(path=f"/{smoke_name}")), smoke_name


def smoke_broker_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in ("redis", "rediss"):
        raise SmokeFailure(f"CELERY_BROKER_URL must be Redis, not {parts.scheme!r}")
    number = os.environ.get("SMOKE_REDIS_DB", "15")
    return urlunsplit(parts._replace(path=f"/{int(number)}"))


def recreate_database(base_url: str, smoke_name: str) -> None:
    """Drop and create the smoke database, connected to DATABASE_URL's own database."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(base_url)
    connection = psycopg2.connect(
        dbname=parts.path.lstrip("/") or "postgres", user=parts.username,
        password=parts.password, host=parts.hostname, port=parts.port or 5432,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(smoke_name)))
            cursor.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(
                sql.Identifier(smoke_name)))
    finally:
        connection.close()


def production_environment(tmp: Path, database_url: str, broker_url: str) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing from the caller may loosen production: drop every override the settings read.
    for name in ("CELERY_TASK_ALWAYS_EAGER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                 "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update({
        "DJANGO_SETTINGS_MODULE": "unionportal.settings",
        "DEBUG": "false",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
        "PERSONAL_DATA_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "VAR_DIR": str(tmp / "var"),
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    })
    for name in ("media", "static", "var"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    return env


def manage(env: dict[str, str], *args: str, log: Path) -> None:
    command = [sys.executable, "manage.py", *args]
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        print(tail(log, 40))
    check(result.returncode == 0, f"manage.py {' '.join(args)}")


# --- Processes --------------------------------------------------------------------------

class Service:
    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path):
        self.name, self.log = name, log
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        pid_dir = os.environ.get("SMOKE_PID_DIR")
        if pid_dir:  # lets .ci/run stop the group if this script is killed
            Path(pid_dir, f"{name}.pid").write_text(str(self.process.pid))
        print(f"      started {name} (pid {self.process.pid}): {' '.join(command)}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        # SIGTERM to the main process is a graceful stop for both (gunicorn's arbiter
        # stops its workers, Celery's warm shutdown lets a running task finish); whatever
        # of the process group is still there after that is killed.
        if self.alive():
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._out.close()
        pid_dir = os.environ.get("SMOKE_PID_DIR")
        if pid_dir:
            Path(pid_dir, f"{self.name}.pid").unlink(missing_ok=True)


# --- HTTP client behind a pretend TLS-terminating proxy ----------------------------------

class Client:
    def __init__(self, port: int):
        self.port = port
        self.host = f"127.0.0.1:{port}"
        self.origin = f"https://{self.host}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, form: dict | None = None,
                referer: str | None = None, timeout: float = 30):
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",  # what the reverse proxy adds in production
            "User-Agent": "unionportal-smoke",
            "Accept-Language": "zh-hans",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        if referer:
            headers["Referer"] = referer
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                expired = morsel["max-age"] == "0" or "1970" in morsel["expires"]
                if expired:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, data

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict, **kwargs):
        return self.request("POST", path, form=form, **kwargs)


def csrf_token_from(html: str) -> str | None:
    match = re.search(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"\s+name="csrfmiddlewaretoken"', html)
    return match.group(1) if match else None


def wait_for(predicate, timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


# --- The scenario -------------------------------------------------------------------------

def run(tmp: Path, services: list[Service]) -> None:
    logs = tmp / "logs"
    logs.mkdir()
    manage_log, web_log, worker_log = (logs / "manage.log", logs / "gunicorn.log",
                                       logs / "celery.log")

    step("Prepare a fresh database and the production environment")
    base_db_url = required_env("DATABASE_URL")
    database_url, smoke_name = smoke_database_url(base_db_url)
    broker_url = smoke_broker_url(required_env("CELERY_BROKER_URL"))
    recreate_database(base_db_url, smoke_name)
    passed(f"database {smoke_name} dropped and created")
    env = production_environment(tmp, database_url, broker_url)
    print(f"      broker {broker_url}; media, static and var under {tmp}")

    step("manage.py: migrate, collectstatic, load_demo (DEBUG=false)")
    manage(env, "check", "--deploy", "--fail-level", "ERROR", log=manage_log)
    manage(env, "migrate", "--noinput", log=manage_log)
    manage(env, "collectstatic", "--noinput", log=manage_log)
    manage_manifest = tmp / "static" / "staticfiles.json"
    check(manage_manifest.exists(), "collectstatic wrote the manifest (hashed static names)")
    manage(env, "load_demo", log=manage_log)
    # Stale messages from an earlier, interrupted run must not reach the new worker.
    manage_purge = subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "unionportal", "purge", "-f"], cwd=ROOT, env=env,
        capture_output=True, text=True, stdin=subprocess.DEVNULL)
    check(manage_purge.returncode == 0, "purged the smoke broker queue", manage_purge.stderr)

    step("Start gunicorn and the Celery worker")
    port = free_port()
    web = Service("gunicorn", [
        str(VENV_BIN / "gunicorn"), "unionportal.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60",
        "--access-logfile", "-", "--error-logfile", "-",
    ], env, web_log)
    services.append(web)
    worker_name = f"smoke-{os.getpid()}@{socket.gethostname()}"
    worker = Service("celery", [
        str(VENV_BIN / "celery"), "-A", "unionportal", "worker", "--loglevel=INFO",
        "--concurrency=1", "-n", worker_name, "--without-gossip", "--without-mingle",
    ], env, worker_log)
    services.append(worker)
    client = Client(port)

    def healthy() -> bool:
        if not web.alive():
            raise SmokeFailure("gunicorn exited")
        try:
            status, _, _ = client.get("/health/", timeout=5)
        except OSError:
            return False
        return status == 200

    check(wait_for(healthy, 60), f"/health/ answers 200 on 127.0.0.1:{port}")

    def worker_ready() -> bool:
        if not worker.alive():
            raise SmokeFailure("celery worker exited")
        return " ready." in tail(worker_log, 200)

    check(wait_for(worker_ready, 60), f"Celery worker {worker_name} is ready")

    # Production really is production: a plain-http request is redirected to https.
    plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    plain.request("GET", "/accounts/login/", headers={"Host": client.host})
    redirect = plain.getresponse()
    redirect.read()
    plain.close()
    check(redirect.status == 301
          and redirect.getheader("Location", "").startswith(f"https://{client.host}/"),
          "plain http is redirected to https (SECURE_SSL_REDIRECT on)",
          f"{redirect.status} {redirect.getheader('Location')}")

    step(f"Log in as {USERNAME}")
    login_url = "/accounts/login/"
    status, _, body = client.get(login_url)
    check(status == 200, "GET /accounts/login/ is 200", str(status))
    token = csrf_token_from(body.decode())
    check(bool(token), "login form carries a csrfmiddlewaretoken")
    check("csrftoken" in client.cookies, "csrftoken cookie set")
    status, headers, body = client.post(
        login_url, {"csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD},
        referer=f"{client.origin}{login_url}")
    location = headers.get("Location", "")
    check(status == 302 and location == "/", "login POST redirects to /",
          f"{status} Location={location!r} {body[:300]!r}")
    check("sessionid" in client.cookies, "session cookie set")

    step("Home page and a static file")
    status, _, body = client.get("/")
    home = body.decode()
    check(status == 200, "GET / is 200 when logged in", str(status))
    check(ORGANISATION in home, f"home page names the active organisation {ORGANISATION}")
    css = re.search(r'href="(/static/vendor/bootstrap[^"]*\.css)"', home)
    check(bool(css), "home page links the bootstrap stylesheet")
    css_path = css.group(1)
    check(re.search(r"\.[0-9a-f]{12}\.css$", css_path) is not None,
          f"stylesheet name is hashed by the manifest storage ({css_path})")
    status, headers, body = client.get(css_path)
    check(status == 200 and b"Bootstrap" in body[:500],
          f"GET {css_path} is 200 and is the stylesheet ({len(body)} bytes)", str(status))
    check("max-age" in headers.get("Cache-Control", ""),
          "WhiteNoise serves it with a long cache lifetime", headers.get("Cache-Control", ""))

    step("Ask for the chronicle PDF: the web process queues it, the worker produces it")
    year = dt.date.today().year
    list_path = f"/ledger/chronicle/?year={year}"
    status, _, body = client.get(list_path)
    check(status == 200, f"GET {list_path} is 200", str(status))
    token = csrf_token_from(body.decode()) or client.cookies.get("csrftoken", "")
    check(bool(token), "chronicle page carries a CSRF token for the export form")
    status, headers, body = client.post(
        f"/ledger/chronicle/export/?year={year}", {"csrfmiddlewaretoken": token},
        referer=f"{client.origin}{list_path}")
    location = headers.get("Location", "")
    match = re.fullmatch(r"/jobs/([0-9a-f-]{36})/", location)
    check(status == 302 and match is not None,
          f"export POST redirects to the job page ({location})", f"{status} {body[:300]!r}")
    job_id = match.group(1)
    status, _, _ = client.get(location)
    check(status == 200, "job page is 200", str(status))

    state: dict = {}
    seen: list[str] = []

    def job_finished() -> bool:
        if not worker.alive():
            raise SmokeFailure("celery worker exited while the job was pending")
        status, _, body = client.get(f"/jobs/{job_id}/status/")
        if status != 200:
            raise SmokeFailure(f"job status answered {status}")
        state.update(json.loads(body))
        label = f"{state['status']} {state.get('progress')}%"
        if not seen or seen[-1] != label:
            seen.append(label)
        return state["status"] in ("done", "failed")

    wait_for(job_finished, JOB_TIMEOUT, interval=0.5)
    print(f"      job states seen: {' -> '.join(seen)}")
    if state.get("status") == "failed":
        print(f"      job error: {state.get('error')}")
        print(f"      ----- celery log (tail) -----\n{tail(worker_log)}")
    check(state.get("status") == "done", f"job {job_id} is done within {JOB_TIMEOUT:.0f}s",
          f"last status {state}")
    download_url = state.get("download_url") or ""
    check(download_url == f"/jobs/{job_id}/download/", "status JSON gives the download URL",
          download_url)

    step("Download the PDF and read it back")
    status, headers, pdf = client.get(download_url)
    check(status == 200 and pdf.startswith(b"%PDF"),
          f"download is 200 and a PDF ({len(pdf)} bytes)", f"{status} {pdf[:40]!r}")
    check("attachment" in headers.get("Content-Disposition", ""),
          "served as an attachment", headers.get("Content-Disposition", ""))
    pdf_path = tmp / "chronicle.pdf"
    pdf_path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
                          capture_output=True, check=False)
    check(text.returncode == 0, "pdftotext reads the file", text.stderr.decode(errors="replace"))
    content = text.stdout.decode("utf-8", errors="replace")
    check(ORGANISATION in content, f"the PDF's text contains {ORGANISATION}",
          content[:300])

    step("The work was done by the worker, not by the web process")
    worker_text = worker_log.read_text(errors="replace")
    done = re.search(r"Task jobs\.tasks\.run_job\[([0-9a-f-]+)\] succeeded in [0-9.]+s: 'done'",
                     worker_text)
    check(done is not None, "worker log: jobs.tasks.run_job succeeded with 'done'",
          tail(worker_log, 30))
    check(f"Task jobs.tasks.run_job[{done.group(1)}] received" in worker_text,
          f"worker log: the same task {done.group(1)} was received from the broker")
    web_text = web_log.read_text(errors="replace")
    check("run_job" not in web_text and "weasyprint" not in web_text.lower(),
          "gunicorn log shows no task execution")
    job_file = tmp / "media" / "jobs" / f"{job_id}.pdf"
    check(job_file.exists() and job_file.read_bytes() == pdf,
          f"the file the worker wrote under MEDIA_ROOT is the one downloaded ({job_file.name})")


def main() -> int:
    os.chdir(ROOT)
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="unionportal-smoke-"))
    services: list[Service] = []

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    ok = False
    try:
        run(tmp, services)
        ok = True
    except SmokeFailure as failure:
        print(f"\nSMOKE TEST FAILED: {failure}", flush=True)
    except Exception as error:  # report anything, with the logs below
        print(f"\nSMOKE TEST FAILED with {type(error).__name__}: {error}", flush=True)
        import traceback

        traceback.print_exc()
    finally:
        for service in reversed(services):
            service.stop()
        if not ok:
            for name in ("manage.log", "gunicorn.log", "celery.log"):
                path = tmp / "logs" / name
                if path.exists():
                    print(f"\n----- {name} (last 60 lines) -----\n{tail(path)}", flush=True)
            print(f"\nlogs kept in {tmp / 'logs'}")
    elapsed = time.monotonic() - started
    if ok:
        if os.environ.get("SMOKE_KEEP"):
            print(f"\nlogs kept in {tmp / 'logs'}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"\nSMOKE TEST PASSED in {elapsed:.0f}s", flush=True)
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
