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

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from topology import (
    DEMO_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    ROOT,
    Client,
    Service,
    TopologyError,
    csrf_token_from,
    free_port,
    manage,
    production_environment,
    purge_queue,
    recreate_database,
    required_env,
    start_web,
    start_worker,
    tail,
    wait_for,
    worker_ready,
)

USERNAME, PASSWORD, ORGANISATION = DEMO_USERNAME, DEMO_PASSWORD, DEMO_ORGANISATION
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


# --- Environment and database -----------------------------------------------------------

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


def run_manage(env: dict[str, str], *args: str, log: Path) -> None:
    returncode = manage(env, *args, log=log)
    if returncode != 0:
        print(tail(log, 40))
    check(returncode == 0, f"manage.py {' '.join(args)}")


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
    run_manage(env, "check", "--deploy", "--fail-level", "ERROR", log=manage_log)
    run_manage(env, "migrate", "--noinput", log=manage_log)
    run_manage(env, "collectstatic", "--noinput", log=manage_log)
    manage_manifest = tmp / "static" / "staticfiles.json"
    check(manage_manifest.exists(), "collectstatic wrote the manifest (hashed static names)")
    run_manage(env, "load_demo", log=manage_log)
    # Stale messages from an earlier, interrupted run must not reach the new worker.
    manage_purge = purge_queue(env)
    check(manage_purge.returncode == 0, "purged the smoke broker queue", manage_purge.stderr)

    step("Start gunicorn and the Celery worker")
    port = free_port()
    web = start_web(env, web_log, port)
    services.append(web)
    worker_name = f"smoke-{os.getpid()}"
    worker = start_worker(env, worker_log, name=worker_name)
    services.append(worker)
    client = Client(port)

    def healthy() -> bool:
        if not web.alive():
            raise SmokeFailure("gunicorn exited")
        return client.healthy()

    check(wait_for(healthy, 60), f"/health/ answers 200 on 127.0.0.1:{port}")
    check(wait_for(lambda: worker_ready(worker), 60), f"Celery worker {worker_name} is ready")

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
    except (SmokeFailure, TopologyError) as failure:
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
