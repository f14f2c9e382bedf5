"""VNG's Postman conformance collections, run with newman against a real Zaakwerk server.

Every conformance test gets its own server process and a brand-new database, because the
collections are state-driven and must start from a clean state (specs/conformance/README.md):

* database: when ``DATABASE_URL`` points at PostgreSQL, a new database on that server
  (``zaakwerk_conformance_<random>``, dropped afterwards); otherwise a fresh SQLite file;
* ``zaakwerk migrate --noinput`` and the two JWT clients the collections use;
* ``zaakwerk serve --bind 127.0.0.1:<free port>`` (gunicorn) plus the mock endpoint
  (tests/conformance/mock_server.py) on 127.0.0.2, a host Zaakwerk does not treat as its own;
* ``specs/conformance/run-zgw-conformance.sh`` for the requested suite/folders; its output
  ("N passed, M failed", "RUN ENDED EARLY", failures.txt, newman's JSON reports) is parsed
  into a :class:`ConformanceResult`.

newman comes from ``node_modules`` (``npm ci``, see package.json). When it is missing the
tests FAIL: nothing here is skipped.

The helper tests at the bottom (result parsing, assertion counts, mock server) need neither
newman nor a server.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE_DIR = REPO_ROOT / "specs" / "conformance"
RUNNER = CONFORMANCE_DIR / "run-zgw-conformance.sh"
RULES_COLLECTION = CONFORMANCE_DIR / "vng-postman" / "ZGW_api_postman_tests.json"
OAS_COLLECTION = CONFORMANCE_DIR / "vng-postman" / "ZGW_OAS_tests.json"
NEWMAN = REPO_ROOT / "node_modules" / ".bin" / "newman"
MOCK_SERVER = Path(__file__).resolve().with_name("mock_server.py")
ZAAKWERK = Path(sys.executable).parent / "zaakwerk"  # console script of the installed package

SERVER_HOST = "127.0.0.1"
MOCK_HOST = "127.0.0.2"  # a second loopback address: NOT one of Zaakwerk's own hosts
READY_PATH = "/referentielijsten/api/v1/procestypen"
STARTUP_TIMEOUT = 60  # seconds for the server / mock server to answer
CLI_TIMEOUT = 600  # seconds for `zaakwerk migrate` / `zaakwerk client add`
RUN_TIMEOUT = 1800  # seconds for one newman run
STOP_TIMEOUT = 35  # seconds for gunicorn's graceful shutdown (graceful_timeout in gunicorn_conf.py), then SIGKILL

# The JWT clients the collections sign their tokens with (README "What the implementation must
# provide"): the first with all permissions, the second gets its Applicatie from the suite itself.
CLIENTS = [
    ("zgw_api_tests", "secret", ["--all-permissions"]),
    ("zgw_api_tests_limited", "secret_limited", []),
]

# ---- what a correct implementation must reach ------------------------------------------------
# Static number of `pm.test(...)` calls per folder (each request item runs once in a correct run
# and each of these scripts calls pm.test unconditionally; test_assertion_counts_match_collections
# recounts them from the vendored collections). A run must pass at least 90 % of them: a
# meaningful floor that still tolerates a test item being legitimately skipped by a jump.
RULES_AC_ASSERTIONS = 10  # ac-001..ac-003
RULES_ZTC_REACHABLE_ASSERTIONS = 132  # ztc-001..ztc-010 (ztc-011..013 are never reached, see below)
OAS_AC_ASSERTIONS = 7
OAS_ZTC_ASSERTIONS = 72
# brc: 30 assertions, of which a run reaches 26: brc-003b's success path jumps to "Create
# BesluitInformatieObject" (postman.setNextRequest), past brc-004a..d, for every implementation
# (Zaakwerk answers those PUT/PATCH requests with 405: the 1.1.0 OAS has no such operations)
RULES_BRC_ASSERTIONS = 30
RULES_BRC_REACHABLE_ASSERTIONS = 26
OAS_NRC_ASSERTIONS = 10  # kanaal 3, abonnement 6, notificaties 1
# ... of which a run reaches 5: the first abonnement request ("Alle ABONNEMENTen opvragen") jumps to
# the kanaal folder (postman.setNextRequest) and nothing jumps back, so abonnement create, read, PUT,
# PATCH and DELETE never run, for any implementation (tests/notificaties/test_api.py covers them)
OAS_NRC_REACHABLE_ASSERTIONS = 5


def at_least_90_percent(n: int) -> int:
    return math.ceil(0.9 * n)


# The rules collection's known defect (README "Known defects of the suite"): after ztc-010h's
# last request the chain "(COMMON) Delete Informatieobjecttype" -> "(COMMON) Delete Zaaktype" jumps
# to "Create Zaaktype for Besluittype relation creation", which does not exist, so newman stops
# there for every implementation. These are the last test request and the last request of that
# run; the runner reports the run as "RUN ENDED EARLY" with this last request.
ZTC_LAST_TEST_REQUEST = (
    "(ztc-010h) Zaaktype gerelateerd aan Informatieobjecttype met concept False verwijderen is niet toegestaan"
)
ZTC_KNOWN_LAST_REQUEST = ("Tests", "standaard.md", "ztc", "common requests", "(COMMON) Delete Zaaktype")

# The OAS collection keeps its fixtures in root folders "setUp" and "tearDown" (the folders use the
# zaaktype, catalogus, zaak, documents and besluit they create), so those folders run too, and
# must run cleanly: every API they touch is served.

# every address the harness talks to must bypass any HTTP proxy configured on the machine
NO_PROXY_HOSTS = f"{SERVER_HOST},{MOCK_HOST},localhost"


# =============================================================================================
# Result of one runner invocation
# =============================================================================================


@dataclass
class RunError:
    """A request error or a script error (an error outside any pm.test assertion)."""

    kind: str  # "request" or "script"
    path: tuple[str, ...]  # folder names + request name
    message: str

    @property
    def item(self) -> str:
        return self.path[-1] if self.path else "?"

    def __str__(self) -> str:
        return f"{self.kind} error in {' / '.join(self.path)}: {self.message}"


@dataclass
class ConformanceResult:
    suite: str
    folders: list[str]
    exit_code: int
    stdout: str
    stderr: str
    out_dir: Path
    passed: int | None = None  # None: the runner printed no "N passed, M failed" line
    failed: int | None = None
    request_errors: int = 0  # from the runner's "errors outside assertions" line
    script_errors: int = 0
    ended_early: list[str] = field(default_factory=list)  # the "RUN ENDED EARLY: ..." lines
    failures_text: str = ""  # content of failures.txt
    executed: list[tuple[str, ...]] = field(default_factory=list)  # request paths, in run order
    errors: list[RunError] = field(default_factory=list)  # details of request/script errors
    server_log: str = ""  # tail of the server's output (tracebacks of 500s end up there)

    @property
    def executed_names(self) -> set[str]:
        return {path[-1] for path in self.executed}

    def describe(self) -> str:
        """Everything needed to see why a run failed, for assertion messages."""
        parts = [
            f"runner: --suite {self.suite} " + " ".join(f"--folder {f}" for f in self.folders),
            f"exit status: {self.exit_code}; reports in {self.out_dir}",
            "---- runner summary (stdout) ----",
            self.stdout.rstrip() or "(empty)",
        ]
        if self.failures_text.strip():
            parts += ["---- failures.txt ----", self.failures_text.rstrip()]
        stderr_tail = "\n".join(self.stderr.rstrip().splitlines()[-30:])
        if stderr_tail:
            parts += ["---- runner stderr (tail) ----", stderr_tail]
        if self.server_log.strip():
            parts += ["---- server log (tail) ----", self.server_log.rstrip()]
        return "\n".join(parts)


SUMMARY_RE = re.compile(r"^(\d+) passed, (\d+) failed$")
ERRORS_RE = re.compile(r"errors outside assertions: (\d+) request errors, (\d+) script errors")


def parse_runner_output(
    suite: str, folders: list[str], exit_code: int, stdout: str, stderr: str, out_dir: Path
) -> ConformanceResult:
    """Build a ConformanceResult from run-zgw-conformance.sh's stdout and its --out directory."""
    result = ConformanceResult(suite, list(folders), exit_code, stdout, stderr, out_dir)

    lines = [line.strip() for line in stdout.splitlines() if line.strip()]
    if lines:
        match = SUMMARY_RE.match(lines[-1])
        if match:
            result.passed, result.failed = int(match[1]), int(match[2])
    for line in lines:
        match = ERRORS_RE.search(line)
        if match:
            result.request_errors, result.script_errors = int(match[1]), int(match[2])
        if line.startswith("RUN ENDED EARLY:"):
            result.ended_early.append(line)

    failures_file = out_dir / "failures.txt"
    if failures_file.is_file():
        result.failures_text = failures_file.read_text(encoding="utf-8", errors="replace")

    # newman's JSON reports ("<n>-<label>.report.json"), in the order the runner wrote them
    def report_number(path: Path) -> int:
        head = path.name.split("-", 1)[0]
        return int(head) if head.isdigit() else 0

    for report_file in sorted(out_dir.glob("*.report.json"), key=report_number):
        executed, errors = read_newman_report(report_file)
        result.executed += executed
        result.errors += errors
    return result


def read_newman_report(report_file: Path) -> tuple[list[tuple[str, ...]], list[RunError]]:
    """The executed request paths and the request/script errors of one newman JSON report."""
    report = json.loads(report_file.read_text(encoding="utf-8"))
    run = report.get("run", {})

    paths: dict[str, tuple[str, ...]] = {}  # item id -> (folder, ..., request name)

    def walk(node: dict, prefix: tuple[str, ...]) -> None:
        for item in node.get("item") or []:
            path = prefix + (item.get("name", "?"),)
            if "item" in item:
                walk(item, path)
            else:
                paths[item.get("id")] = path

    walk(report.get("collection", {}), ())

    def path_of(item: dict | None) -> tuple[str, ...]:
        item = item or {}
        return paths.get(item.get("id"), (item.get("name", "?"),))

    executed: list[tuple[str, ...]] = []
    errors: list[RunError] = []
    for execution in run.get("executions") or []:
        path = path_of(execution.get("item"))
        executed.append(path)
        request_error = execution.get("requestError")
        if request_error:
            message = request_error.get("message") or request_error.get("code") or "?"
            errors.append(RunError("request", path, message))
    for failure in run.get("failures") or []:
        error = failure.get("error") or {}
        # assertion failures are counted as "failed"; request errors are taken from executions
        if error.get("name") == "AssertionError" or "script" not in (failure.get("at") or ""):
            continue
        message = f"{error.get('name', 'Error')}: {(error.get('message') or '')[:300]}"
        errors.append(RunError("script", path_of(failure.get("source")), message))
    return executed, errors


# =============================================================================================
# Processes: free ports, readiness, stopping
# =============================================================================================


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_status(url: str, timeout: float = 5) -> int:
    """Status code of a GET, not following any proxy; raises OSError when nothing answers."""
    try:
        with _NO_PROXY_OPENER.open(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def wait_until_ready(
    name: str, proc: subprocess.Popen, host: str, port: int, url: str, log: Path, timeout: float = STARTUP_TIMEOUT
) -> None:
    """Wait until a TCP connect to host:port succeeds and GET url answers 200."""
    deadline = time.monotonic() + timeout
    last = "no connection yet"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{name} exited with status {proc.returncode} before it was ready.\n{log_tail(log)}")
        try:
            with socket.create_connection((host, port), timeout=1):
                pass
            status = http_status(url)
            if status == 200:
                return
            last = f"GET {url} answered {status}"
        except OSError as error:
            last = f"{type(error).__name__}: {error}"
        time.sleep(0.25)
    pytest.fail(f"{name} not ready after {timeout:.0f}s ({last}).\n{log_tail(log)}")


def stop_process_group(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """Stop a process started with start_new_session=True, and everything it started."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # the leader may be gone while children (e.g. gunicorn workers) linger: kill the group
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(timeout=10)


def subprocess_env(**extra: str) -> dict[str, str]:
    """The current environment without stray ZGW_* runner settings, with a proxy bypass."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ZGW_")}
    for key in ("NO_PROXY", "no_proxy"):
        env[key] = ",".join(filter(None, [env.get(key, ""), NO_PROXY_HOSTS]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


# =============================================================================================
# Fresh database
# =============================================================================================

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


@contextmanager
def fresh_database(tmp_dir: Path) -> Iterator[str]:
    """Yield the DATABASE_URL of a new, empty database; remove it afterwards.

    With DATABASE_URL pointing at PostgreSQL: a new database on the same server (the configured
    user needs CREATEDB). Otherwise: a new SQLite file in tmp_dir.
    """
    base_url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(base_url)
    if parts.scheme not in POSTGRES_SCHEMES:
        yield f"sqlite:///{tmp_dir / 'db.sqlite3'}"  # absolute path: sqlite:////tmp/...
        return

    import psycopg  # a project dependency; only needed with PostgreSQL
    from psycopg import sql

    name = f"zaakwerk_conformance_{secrets.token_hex(4)}"
    # libpq accepts postgres:// and postgresql:// URIs; connect to the configured database
    admin_url = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            # FORCE (PostgreSQL 13+): the server is stopped, but be sure no session blocks the drop.
            # An autovacuum worker busy in the new database belongs to the superuser, and a user
            # with CREATEDB may not terminate it: wait until it is done (it finishes in moments).
            for attempt in range(60):
                try:
                    conn.execute(drop)
                    break
                except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
                    if attempt == 59:
                        raise
                    time.sleep(0.5)


# =============================================================================================
# Fixtures
# =============================================================================================


@pytest.fixture(scope="session")
def conformance_tools() -> None:
    """Fail (never skip) when a tool the conformance runs need is missing."""
    problems = []
    if not (NEWMAN.is_file() and os.access(NEWMAN, os.X_OK)):
        problems.append(
            f"newman not found at {NEWMAN.relative_to(REPO_ROOT)}: install the Node.js test tools "
            "with `make` (or `npm ci` in the repository root)."
        )
    if not (ZAAKWERK.is_file() and os.access(ZAAKWERK, os.X_OK)):
        problems.append(f"the zaakwerk console script is missing at {ZAAKWERK}: `pip install -e .` in this venv.")
    for tool in ("bash", "curl"):
        if shutil.which(tool) is None:
            problems.append(f"`{tool}` is not on PATH (the conformance runner needs it).")
    if not RUNNER.is_file():
        problems.append(f"conformance runner missing: {RUNNER}")
    if problems:
        pytest.fail("cannot run the VNG conformance suite:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def mock_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mock endpoint (tests/conformance/mock_server.py) on 127.0.0.2; it keeps no state."""
    try:
        port = free_port(MOCK_HOST)
    except OSError as error:
        pytest.fail(f"cannot listen on {MOCK_HOST} ({error}); the mock server needs a second loopback address")
    log = tmp_path_factory.mktemp("mock") / "mock.log"
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, str(MOCK_SERVER), "--host", MOCK_HOST, "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=subprocess_env(),
        )
    url = f"http://{MOCK_HOST}:{port}"
    try:
        wait_until_ready("mock server", proc, MOCK_HOST, port, f"{url}/200", log)
        yield url
    finally:
        stop_process_group(proc, timeout=5)


@dataclass
class ZaakwerkServer:
    base_url: str
    mock_url: str
    database_url: str
    log: Path

    def run_conformance(self, suite: str, folders: list[str], out_dir: Path,
                        collection: Path | None = None) -> ConformanceResult:
        """Run specs/conformance/run-zgw-conformance.sh against this server (``collection``: a
        derived copy of the suite's collection instead of the vendored one)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        cmd = ["bash", str(RUNNER)] + (["--collection", str(collection)] if collection else ["--suite", suite])
        for folder in folders:
            cmd += ["--folder", folder]
        cmd += ["--out", str(out_dir)]
        env = subprocess_env(
            ZGW_BASE_URL=self.base_url,
            ZGW_REFERENTIELIJST_URL=f"{self.base_url}/referentielijsten/api/v1",
            ZGW_MOCK_URL=self.mock_url,
            NEWMAN=str(NEWMAN),
        )
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # so a timeout can stop newman too
        )
        try:
            stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            stop_process_group(proc, timeout=5)
            stdout, stderr = proc.communicate()
            pytest.fail(
                f"conformance run {suite} {folders} did not finish within {RUN_TIMEOUT}s "
                f"(a looping collection? see the README's zrc-007b note)\n{stdout}\n{stderr[-3000:]}\n"
                f"server log:\n{log_tail(self.log)}"
            )
        result = parse_runner_output(suite, folders, proc.returncode, stdout, stderr, out_dir)
        result.server_log = log_tail(self.log, 80)
        return result


def run_cli(args: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(
            [str(ZAAKWERK), *args],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"`zaakwerk {' '.join(args)}` did not finish within {CLI_TIMEOUT}s:\n{error.stdout}\n{error.stderr}")
    if done.returncode != 0:
        pytest.fail(
            f"`zaakwerk {' '.join(args)}` failed with exit status {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )


@pytest.fixture
def zaakwerk_server(conformance_tools: None, mock_url: str, tmp_path: Path) -> Iterator[ZaakwerkServer]:
    """A freshly migrated Zaakwerk on its own new database, served by `zaakwerk serve`."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    with fresh_database(tmp_path) as database_url:
        # VNG's suite suspends zaken of zaaktypen that do not allow it and expects that to be
        # accepted: the conformance server runs with that local policy switched off
        env = subprocess_env(DATABASE_URL=database_url, ZAAKWERK_VAR_DIR=str(var_dir),
                             ZAAKWERK_STRICT_OPSCHORTING_VERLENGING="false")
        run_cli(["migrate", "--noinput"], env)
        for client_id, secret, options in CLIENTS:
            run_cli(["client", "add", client_id, secret, *options], env)

        port = free_port(SERVER_HOST)
        log = tmp_path / "server.log"
        with log.open("wb") as log_file:
            proc = subprocess.Popen(
                [str(ZAAKWERK), "serve", "--bind", f"{SERVER_HOST}:{port}"],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: gunicorn master + workers
            )
        base_url = f"http://{SERVER_HOST}:{port}"
        try:
            wait_until_ready("zaakwerk serve", proc, SERVER_HOST, port, base_url + READY_PATH, log)
            yield ZaakwerkServer(base_url, mock_url, database_url, log)
        finally:
            stop_process_group(proc)


@pytest.fixture
def run_conformance(
    zaakwerk_server: ZaakwerkServer,
) -> Callable[[str, list[str], Path], ConformanceResult]:
    """run_conformance(suite, folders, out_dir) against this test's own fresh server."""
    return zaakwerk_server.run_conformance


# =============================================================================================
# Checks
# =============================================================================================


MAX_LISTED_PROBLEMS = 25  # the full list is in failures.txt, printed below the problems


def check(result: ConformanceResult, problems: list[str]) -> None:
    """Fail with the problems, the runner summary and failures.txt; otherwise print the summary
    (shown with `pytest -s` / `-rP`)."""
    if problems:
        listed = problems[:MAX_LISTED_PROBLEMS]
        if len(problems) > len(listed):
            listed.append(f"... and {len(problems) - len(listed)} more (see failures.txt below)")
        pytest.fail(
            "VNG conformance run not clean:\n  - " + "\n  - ".join(listed) + "\n\n" + result.describe(),
            pytrace=False,
        )
    print(result.describe())


def basic_problems(result: ConformanceResult, min_passed: int) -> list[str]:
    if result.passed is None or result.failed is None:
        return [f"the runner printed no 'N passed, M failed' line (exit status {result.exit_code})"]
    problems = []
    if result.failed != 0:
        problems.append(f"{result.failed} assertion(s) failed")
    if result.passed < min_passed:
        problems.append(f"only {result.passed} assertion(s) passed, expected at least {min_passed}")
    return problems


def error_problems(errors: list[RunError]) -> list[str]:
    """Errors outside assertions, listed last (they often cascade from an earlier problem)."""
    return [str(error) for error in errors]


def check_oas_run(result: ConformanceResult, folder: str, min_passed: int) -> None:
    """An OAS folder run (setUp, folder, tearDown): clean, fixtures included."""
    problems = basic_problems(result, min_passed)
    problems += result.ended_early
    if folder not in {path[0] for path in result.executed}:
        problems.append(f"no request of folder {folder} was executed")
    if result.request_errors + result.script_errors > len(result.errors):
        # the runner saw errors that the reports did not let us locate
        problems.append(
            f"the runner counted {result.request_errors} request and {result.script_errors} script errors, "
            f"only {len(result.errors)} located in the reports"
        )
    if result.exit_code != 0 and not problems and not result.errors:
        problems.append(f"runner exit status {result.exit_code} without a visible reason")
    problems += error_problems(result.errors)
    check(result, problems)


# =============================================================================================
# Conformance tests (need newman and `zaakwerk serve`)
# =============================================================================================


@pytest.mark.conformance
def test_rules_ac(run_conformance, tmp_path: Path) -> None:
    """Business rules ac-001..ac-003 (Autorisaties API): a complete, clean run."""
    result = run_conformance("rules", ["ac"], tmp_path / "reports")
    problems = basic_problems(result, at_least_90_percent(RULES_AC_ASSERTIONS))
    problems += result.ended_early
    if result.exit_code != 0:
        problems.append(f"runner exit status {result.exit_code} (0 = all passed, no errors, complete run)")
    problems += error_problems(result.errors)
    check(result, problems)


@pytest.mark.conformance
def test_oas_ac(run_conformance, tmp_path: Path) -> None:
    """One call per Autorisaties operation (OAS collection, with its setUp and tearDown)."""
    result = run_conformance("oas", ["setUp", "AC", "tearDown"], tmp_path / "reports")
    check_oas_run(result, "AC", at_least_90_percent(OAS_AC_ASSERTIONS))


@pytest.mark.conformance
def test_rules_ztc(run_conformance, tmp_path: Path) -> None:
    """Business rules ztc-001..ztc-010 (Catalogi API).

    The run must end exactly at the suite's known defect after ztc-010h (see
    ZTC_KNOWN_LAST_REQUEST); any other early end, failure or error fails the test.
    """
    result = run_conformance("rules", ["ztc"], tmp_path / "reports")
    problems = basic_problems(result, at_least_90_percent(RULES_ZTC_REACHABLE_ASSERTIONS))

    expected_end = "RUN ENDED EARLY: last request was " + " / ".join(ZTC_KNOWN_LAST_REQUEST)
    if result.ended_early != [expected_end]:
        problems.append(
            f"expected the known early end only ({expected_end!r}), got {result.ended_early or 'a complete run'}"
        )
    if ZTC_LAST_TEST_REQUEST not in result.executed_names:
        problems.append(f"ztc-010 not completed: {ZTC_LAST_TEST_REQUEST!r} was not executed")
    if not result.executed or result.executed[-1] != ZTC_KNOWN_LAST_REQUEST:
        last = " / ".join(result.executed[-1]) if result.executed else "-"
        problems.append(f"last executed request is {last!r}, expected {' / '.join(ZTC_KNOWN_LAST_REQUEST)!r}")
    if result.request_errors or result.script_errors:
        problems.append(f"{result.request_errors} request error(s), {result.script_errors} script error(s)")
    # exit status 1 is what the runner reports for an incomplete run; with no failures and no
    # errors the known early end is its only reason. Anything else is a real problem.
    if result.exit_code != 1:
        problems.append(f"runner exit status {result.exit_code}, expected 1 (only for the known early end)")
    problems += error_problems(result.errors)
    check(result, problems)


@pytest.mark.conformance
def test_oas_ztc(run_conformance, tmp_path: Path) -> None:
    """One call per Catalogi operation (OAS collection, with its setUp and tearDown)."""
    result = run_conformance("oas", ["setUp", "ZTC", "tearDown"], tmp_path / "reports")
    check_oas_run(result, "ZTC", at_least_90_percent(OAS_ZTC_ASSERTIONS))


@pytest.mark.conformance
def test_oas_nrc(run_conformance, tmp_path: Path) -> None:
    """One call per Notificaties operation (OAS collection; abonnementen call the mock callback)."""
    result = run_conformance("oas", ["setUp", "NRC", "tearDown"], tmp_path / "reports")
    check_oas_run(result, "NRC", OAS_NRC_REACHABLE_ASSERTIONS)
    assert ("NRC", "notificaties", "Publiceer een notificatie.") in result.executed


@pytest.mark.conformance
@pytest.mark.parametrize("folder", ["ZRC", "DRC", "BRC"])
def test_oas_zrc_drc_brc(run_conformance, tmp_path: Path, folder: str) -> None:
    """One call per Zaken, Documenten and Besluiten operation (OAS collection, with its setUp and
    tearDown, which now create and delete a real zaak, documents and a besluit)."""
    result = run_conformance("oas", ["setUp", folder, "tearDown"], tmp_path / "reports")
    check_oas_run(result, folder, count_pm_tests(OAS_COLLECTION, [folder]))


def rules_collection_with_zaak_body(target: Path) -> Path:
    """The rules collection with the suite's hidden dependency made explicit: brc-006 builds its
    zaak from the global ``zaak_body`` that only zrc-001a sets (running zrc before brc in one run
    is impossible: the zrc folder's tearDown ends the run). The brc folder gets a pre-request
    script that sets it, when missing, to zrc-001a's own request body."""
    collection = json.loads(RULES_COLLECTION.read_text(encoding="utf-8"))

    def find(node: dict, name: str) -> dict:
        for item in node.get("item") or []:
            if item.get("name") == name:
                return item
            found = find(item, name) if item.get("item") else None
            if found is not None:
                return found
        return None

    zrc_001a = find(collection, "(zrc-001a) Zaak aanmaken is mogelijk")
    body = zrc_001a["request"]["body"]["raw"]
    brc = find(find(collection, "standaard.md"), "brc")
    script = f'if (!pm.globals.get("zaak_body")) {{ pm.globals.set("zaak_body", {json.dumps(body)}); }}'
    brc.setdefault("event", []).insert(0, {"listen": "prerequest", "script": {"type": "text/javascript",
                                                                              "exec": [script]}})
    target.write_text(json.dumps(collection), encoding="utf-8")
    return target


@pytest.mark.conformance
@pytest.mark.parametrize("folder", ["zrc", "drc", "brc"])
def test_rules_zrc_drc_brc(run_conformance, tmp_path: Path, folder: str) -> None:
    """Business rules of the Zaken (zrc-001..023), Documenten (drc-001..009) and Besluiten
    (brc-001..008) APIs: a complete, clean run of the folder."""
    collection = rules_collection_with_zaak_body(tmp_path / "rules.json") if folder == "brc" else None
    result = run_conformance("rules", [folder], tmp_path / "reports", collection)
    expected = count_pm_tests(RULES_COLLECTION, ["Tests", "standaard.md", folder])
    if folder == "brc":
        assert expected == RULES_BRC_ASSERTIONS
        expected = RULES_BRC_REACHABLE_ASSERTIONS
    problems = basic_problems(result, expected)
    problems += result.ended_early
    if result.exit_code != 0:
        problems.append(f"runner exit status {result.exit_code} (0 = all passed, no errors, complete run)")
    problems += error_problems(result.errors)
    check(result, problems)


# =============================================================================================
# Self-tests of the harness (no newman, no Zaakwerk server)
# =============================================================================================


def count_pm_tests(collection_file: Path, folder_path: list[str], exclude: Collection[str] = ()) -> int:
    """pm.test(...) calls in the scripts of a folder (given by its path of names) and below it."""
    node = json.loads(collection_file.read_text(encoding="utf-8"))
    for name in folder_path:
        node = next(item for item in node["item"] if item.get("name") == name)

    def scripts(item: dict) -> Iterator[str]:
        for event in item.get("event") or []:
            yield "\n".join(event.get("script", {}).get("exec") or [])
        for child in item.get("item") or []:
            if child.get("name") not in exclude:
                yield from scripts(child)

    return sum(len(re.findall(r"\bpm\.test\(", script)) for script in scripts(node))


def test_assertion_counts_match_collections() -> None:
    rules = ["Tests", "standaard.md"]
    assert count_pm_tests(RULES_COLLECTION, [*rules, "ac"]) == RULES_AC_ASSERTIONS
    assert (
        count_pm_tests(RULES_COLLECTION, [*rules, "ztc"], exclude={"ztc-011", "ztc-012", "ztc-013"})
        == RULES_ZTC_REACHABLE_ASSERTIONS
    )
    assert count_pm_tests(OAS_COLLECTION, ["AC"]) == OAS_AC_ASSERTIONS
    assert count_pm_tests(OAS_COLLECTION, ["ZTC"]) == OAS_ZTC_ASSERTIONS
    assert count_pm_tests(OAS_COLLECTION, ["NRC"]) == OAS_NRC_ASSERTIONS
    # setUp/tearDown hold no assertions, so running them does not change the minimums
    for folder in ("setUp", "tearDown"):
        assert count_pm_tests(OAS_COLLECTION, [folder]) == 0


def test_parse_runner_output(tmp_path: Path) -> None:
    """Parsing of the runner's summary, failures.txt and newman's JSON report."""
    stdout = (
        "== ZGW_api_postman_tests [ztc]\n"
        "   requests executed: 4, request errors: 1, script errors: 1, assertions skipped: 0\n"
        "   ztc                  3 passed     1 failed     4 requests    1 request errors\n"
        "   RUN ENDED EARLY: last request was Tests / standaard.md / ztc / common requests / (COMMON) Delete Zaaktype\n"
        "   subtotal: 3 passed, 1 failed\n"
        f"reports: {tmp_path} (failures listed in failures.txt)\n"
        "errors outside assertions: 1 request errors, 1 script errors (tests in a script ...)\n"
        "incomplete runs (counts cover only what ran): ZGW_api_postman_tests [ztc]\n"
        "3 passed, 1 failed\n"
    )
    (tmp_path / "failures.txt").write_text("FAIL  Tests / standaard.md / ztc / ztc-001 / a :: t :: expected 400\n")
    ids = {"a": "id-a", "b": "id-b", "c": "id-c"}
    report = {
        "collection": {
            "item": [
                {
                    "name": "Tests",
                    "item": [
                        {
                            "name": "standaard.md",
                            "item": [
                                {
                                    "name": "ztc",
                                    "item": [
                                        {"name": "ztc-001", "item": [{"id": ids["a"], "name": "a", "request": {}}]},
                                        {"name": "common requests", "item": [{"id": ids["b"], "name": "b"}]},
                                    ],
                                }
                            ],
                        }
                    ],
                },
                {"id": ids["c"], "name": "c", "request": {}},
            ]
        },
        "run": {
            "executions": [
                {"item": {"id": ids["a"], "name": "a"}, "assertions": []},
                {"item": {"id": ids["c"], "name": "c"}, "requestError": {"message": "connect ECONNREFUSED"}},
                {"item": {"id": ids["b"], "name": "b"}},
            ],
            "failures": [
                {"error": {"name": "AssertionError", "message": "x"}, "at": "assertion:0 in test-script",
                 "source": {"id": ids["a"], "name": "a"}},
                {"error": {"name": "JSONError", "message": "Unexpected token"}, "at": "test-script:1:5",
                 "source": {"id": ids["b"], "name": "b"}},
                {"error": {"name": "Error", "message": "connect ECONNREFUSED"}, "at": "request",
                 "source": {"id": ids["c"], "name": "c"}},
            ],
        },
    }
    (tmp_path / "1-ZGW_api_postman_tests__ztc_.report.json").write_text(json.dumps(report))

    result = parse_runner_output("rules", ["ztc"], 1, stdout, "", tmp_path)

    assert (result.passed, result.failed) == (3, 1)
    assert (result.request_errors, result.script_errors) == (1, 1)
    assert result.ended_early == [
        "RUN ENDED EARLY: last request was Tests / standaard.md / ztc / common requests / (COMMON) Delete Zaaktype"
    ]
    assert "expected 400" in result.failures_text
    assert result.executed == [
        ("Tests", "standaard.md", "ztc", "ztc-001", "a"),
        ("c",),
        ("Tests", "standaard.md", "ztc", "common requests", "b"),
    ]
    assert [(e.kind, e.path[-1]) for e in result.errors] == [("request", "c"), ("script", "b")]
    assert "JSONError: Unexpected token" in str(result.errors[1])
    assert "expected 400" in result.describe()

    # exit status 2 (usage/preflight problem): no summary line
    broken = parse_runner_output("oas", ["AC"], 2, "", "run-zgw-conformance: preflight failed", tmp_path / "none")
    assert broken.passed is None and broken.failed is None
    assert basic_problems(broken, 1) == ["the runner printed no 'N passed, M failed' line (exit status 2)"]


def test_mock_server_routes(mock_url: str) -> None:
    """The mock endpoint answers what the collections expect."""
    assert http_status(f"{mock_url}/200") == 200
    assert http_status(f"{mock_url}/404") == 404
    assert http_status(f"{mock_url}/elsewhere") == 404
    with _NO_PROXY_OPENER.open(f"{mock_url}/communicatiekanaal", timeout=5) as response:
        assert response.headers.get_content_type() == "application/json"
        assert json.load(response) == {
            "url": f"{mock_url}/communicatiekanaal",
            "naam": "Telefoon",
            "omschrijving": "Telefonisch contact",
        }
    request = urllib.request.Request(f"{mock_url}/callback", data=b'{"kanaal": "zaken"}', method="POST")
    request.add_header("Content-Type", "application/json")
    with _NO_PROXY_OPENER.open(request, timeout=5) as response:
        assert response.status == 204
