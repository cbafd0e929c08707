"""The production topology on loopback, for the scripts that drive it from outside.

The CI smoke test (``.ci/smoke.py``) and the fault tests (``bench/faults.py``) both run the
portal as production does — DEBUG=false, gunicorn, a separate Celery worker, PostgreSQL,
Redis — and talk to it over HTTP as a browser behind the TLS-terminating proxy would. What
they share lives here: the production environment, ``manage.py``, the long-running processes
(each in its own process group, so that it can be stopped, or killed, whole) and an HTTP
client that keeps its own cookies (they are Secure, which an ordinary cookie jar would not
send over plain http).

Each started process writes its pid to ``$CI_PID_DIR/<name>.pid`` when that variable is set,
so that ``.ci/run`` can stop what a killed script left behind.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

DEMO_USERNAME = "dongguan_official"
DEMO_PASSWORD = "Demo-2026-portal"  # organisations/demo.py DEMO_PASSWORD
DEMO_ORGANISATION = "东关街道总工会"  # the account's organisation


class TopologyError(Exception):
    """A process or request of the topology did not behave; the message says which."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(cannot read {path}: {error})"


def wait_for(predicate, timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise TopologyError(f"{name} must be set in the environment")
    return value


def random_secret(length: int = 64) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def production_environment(tmp: Path, database_url: str, broker_url: str,
                           **overrides: str) -> dict[str, str]:
    """The environment of production, with media, static and var under ``tmp``."""
    env = dict(os.environ)
    # Nothing from the caller may loosen production: drop every override the settings read.
    for name in ("CELERY_TASK_ALWAYS_EAGER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
                 "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update({
        "DJANGO_SETTINGS_MODULE": "unionportal.settings",
        "DEBUG": "false",
        "SECRET_KEY": random_secret(),
        "PERSONAL_DATA_KEY": random_secret(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "VAR_DIR": str(tmp / "var"),
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        **overrides,
    })
    for name in ("media", "static", "var"):
        (tmp / name).mkdir(parents=True, exist_ok=True)
    return env


def recreate_database(base_url: str, name: str) -> None:
    """Drop and create database ``name``, connected to ``base_url``'s own database."""
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
                sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8'").format(
                sql.Identifier(name)))
    finally:
        connection.close()


def manage(env: dict[str, str], *args: str, log: Path) -> int:
    """Run ``manage.py`` with its output appended to ``log``; return its exit code."""
    command = [sys.executable, "manage.py", *args]
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return result.returncode


def purge_queue(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Drop messages an earlier, interrupted run left on the broker."""
    return subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "unionportal", "purge", "-f"], cwd=ROOT, env=env,
        capture_output=True, text=True, stdin=subprocess.DEVNULL)


# --- Processes --------------------------------------------------------------------------

class Service:
    """A long-running process in a session (process group) of its own, logging to a file.

    ``stop_signal`` is the process's graceful stop (SIGTERM for gunicorn and Celery: the
    arbiter stops its workers, Celery's warm shutdown lets a running task finish; SIGINT is
    PostgreSQL's fast shutdown). ``user`` runs it as another account (PostgreSQL refuses to
    run as root).
    """

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path, *,
                 stop_signal: int = signal.SIGTERM, user: str | None = None,
                 cwd: Path = ROOT, quiet: bool = False):
        self.name, self.log, self.stop_signal = name, log, stop_signal
        self._out = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self._out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, user=user,
        )
        self.pid = self.process.pid
        pid_dir = os.environ.get("CI_PID_DIR")
        if pid_dir:  # lets .ci/run stop the group if this script is killed
            Path(pid_dir, f"{name}.pid").write_text(str(self.pid))
        if not quiet:
            print(f"      started {name} (pid {self.pid}): {' '.join(command)}", flush=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def children(self) -> list[int]:
        """Pids of the main process's children (a prefork pool's workers, gunicorn's)."""
        return child_pids(self.pid)

    def kill(self) -> None:
        """SIGKILL the whole process group at once: nobody in it gets to react."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._forget()

    def stop(self, timeout: float = 30) -> None:
        if self.alive():
            self.process.send_signal(self.stop_signal)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        # whatever of the process group is still there is killed
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._forget()

    def _forget(self) -> None:
        if not self._out.closed:
            self._out.close()
        pid_dir = os.environ.get("CI_PID_DIR")
        if pid_dir:
            Path(pid_dir, f"{self.name}.pid").unlink(missing_ok=True)


def child_pids(parent: int) -> list[int]:
    """The live children of ``parent``, read from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == parent and fields[0] != "Z":
            children.append(int(entry.name))
    return sorted(children)


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` in KiB (0 if it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def start_web(env: dict[str, str], log: Path, port: int, *, workers: int = 2,
              quiet: bool = False) -> Service:
    return Service("gunicorn", [
        str(VENV_BIN / "gunicorn"), "unionportal.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
        "--access-logfile", "-", "--error-logfile", "-",
    ], env, log, quiet=quiet)


def start_worker(env: dict[str, str], log: Path, *, name: str, service_name: str = "celery",
                 quiet: bool = False) -> Service:
    """One Celery worker with one pool process, as the smoke and fault tests want it."""
    return Service(service_name, [
        str(VENV_BIN / "celery"), "-A", "unionportal", "worker", "--loglevel=INFO",
        "--concurrency=1", "-n", f"{name}@{socket.gethostname()}", "--without-gossip",
        "--without-mingle",
    ], env, log, quiet=quiet)


def start_redis(port: int, log: Path, *, quiet: bool = False) -> Service:
    """A throw-away redis-server on 127.0.0.1:``port`` that writes nothing to disk (a broker
    for a run that keeps no state: the load benchmark's)."""
    import shutil

    return Service("redis", [
        shutil.which("redis-server") or "redis-server", "--port", str(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
    ], dict(os.environ), log, quiet=quiet, cwd=log.parent)


def redis_answers(port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(port=port, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def worker_ready(worker: Service, since: int = 0) -> bool:
    """Whether the worker logged that it is ready (after byte ``since`` of its log)."""
    if not worker.alive():
        raise TopologyError(f"{worker.name} exited")
    try:
        with worker.log.open("rb") as log:
            log.seek(since)
            return b" ready." in log.read()
    except OSError:
        return False


# --- HTTP client behind a pretend TLS-terminating proxy ----------------------------------

class Client:
    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.host = f"127.0.0.1:{port}"
        self.origin = f"https://{self.host}"
        self.cookies: dict[str, str] = dict(cookies or {})

    def request(self, method: str, path: str, *, form: dict | None = None,
                referer: str | None = None, timeout: float = 30):
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",  # what the reverse proxy adds in production
            "User-Agent": "unionportal-ci",
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

    def healthy(self) -> bool:
        try:
            status, _, _ = self.get("/health/", timeout=5)
        except OSError:
            return False
        return status == 200

    def log_in(self, username: str, password: str):
        """GET the login form, POST the credentials; return the POST's (status, headers,
        body). Raises TopologyError when the form carries no CSRF token."""
        login_url = "/accounts/login/"
        status, _, body = self.get(login_url)
        token = csrf_token_from(body.decode())
        if status != 200 or not token:
            raise TopologyError(f"GET {login_url} answered {status} without a CSRF token")
        return self.post(login_url, {"csrfmiddlewaretoken": token, "username": username,
                                     "password": password},
                         referer=f"{self.origin}{login_url}")

    def form_token(self, path: str) -> str:
        """The CSRF token of the page at ``path`` (the cookie's, if the page has no form)."""
        status, _, body = self.get(path)
        if status != 200:
            raise TopologyError(f"GET {path} answered {status}")
        token = csrf_token_from(body.decode()) or self.cookies.get("csrftoken", "")
        if not token:
            raise TopologyError(f"GET {path} gave no CSRF token")
        return token


def csrf_token_from(html: str) -> str | None:
    match = re.search(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"\s+name="csrfmiddlewaretoken"', html)
    return match.group(1) if match else None
