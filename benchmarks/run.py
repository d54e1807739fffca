"""Benchmark the public pages under production settings: `.venv/bin/python benchmarks/run.py`.

Builds a fresh database (SQLite by default, or PostgreSQL with --database-url), migrates,
seeds `seed_demo --scale 10`, runs collectstatic, counts the SQL queries of one uncached
page per target, then serves the site with gunicorn (2 sync workers, DEBUG off) and
drives every target with wrk for a fixed duration. The result is a Markdown table on
stdout and in benchmarks/results/latest.md. See benchmarks/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
VENV_BIN = Path(sys.executable).parent
DEFAULT_SQLITE = RESULTS / "bench.sqlite3"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
CACHE_KEY_PREFIX = "academy-bench"  # matches benchmarks/settings.py

CATALOGUE = "/aanbod/"
FILTERED = "/aanbod/?provincie=limburg&vorm=studiedag&plaatsen=ja"
COURSE = "/aanbod/politieke-vorming/basis-politieke-vorming/hoe-werkt-de-gemeente/"
API_EDITIONS = "/api/v1/editions/"
MIJN = "/mijn/"
# The demo participant of seed_demo: the logged-in targets carry a session of theirs.
PARTICIPANT = "deelnemer@example.org"
SESSION_SNIPPET = f"""
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model().objects.get(email={PARTICIPANT!r})
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
"""


@dataclass
class Target:
    name: str
    path: str
    cached: bool | None  # True: must be a page-cache hit; False: must miss; None: not cached at all
    goal: float | None = None  # minimum ratio to the trivial view
    logged_in: bool = False  # every request carries the demo participant's session cookie


def targets(course_path):
    return [
        Target("trivial view", "/bench/trivial/", None),
        Target("trivial view with a session cookie", "/bench/trivial/", None, 0.8, logged_in=True),
        Target("catalogue, cached", CATALOGUE, True, 0.5),
        Target("filtered catalogue, cached", FILTERED, True, 0.5),
        Target("catalogue, uncached", CATALOGUE, False, 0.04),
        Target("filtered catalogue, uncached", FILTERED, False),
        Target("course page, cached", course_path, True, 0.5),
        Target("course page, uncached", course_path, False, 0.04),
        Target("course page, logged in", course_path, None, 0.04, logged_in=True),
        Target("catalogue, logged in", CATALOGUE, None, 0.05, logged_in=True),
        Target("Mijn academie, logged in", MIJN, None, 0.06, logged_in=True),
        # The API's own response cache: a parameter it does not know (`_`) is answered fresh.
        Target("API editions, cached", API_EDITIONS, True, 0.5),
        Target("API editions, uncached (20 editions with sessions)", API_EDITIONS, False, 0.04),
    ]


def is_selected(target, words):
    """--only: the targets whose name holds one of the words, and always the trivial view."""
    return not words or target.name == "trivial view" or any(word in target.name for word in words)


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def capture(command, env):
    """Run a helper and return its stdout; on failure show its stderr and stop."""
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{' '.join(str(part) for part in command)} failed with exit status {completed.returncode}")
    return completed.stdout


def run(command, env, **kwargs):
    log(" ".join(str(part) for part in command))
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


# --- database -----------------------------------------------------------------------


def is_postgres(url):
    return urllib.parse.urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


def _maintenance_connection(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit("--database-url needs a database name, e.g. postgres://postgres@127.0.0.1:5432/bench")
    conninfo = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(conninfo, autocommit=True), name


def create_database(url):
    if is_postgres(url):
        from psycopg import sql

        connection, name = _maintenance_connection(url)
        with connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log(f"created PostgreSQL database {name}")
    else:
        path = sqlite_path(url)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        log(f"fresh SQLite database {path}")


def drop_database(url):
    if is_postgres(url):
        from psycopg import sql

        connection, name = _maintenance_connection(url)
        with connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        log(f"dropped PostgreSQL database {name}")


def sqlite_path(url):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "sqlite":
        raise SystemExit(f"unsupported database URL {url!r}: use sqlite:///path or postgres://...")
    path = parts.path if parts.netloc == "" else f"{parts.netloc}{parts.path}"
    # sqlite:////abs/path splits into the path //abs/path.
    return Path("/" + path.lstrip("/")) if path.startswith("//") else Path(path)


def describe_database(url):
    if is_postgres(url):
        parts = urllib.parse.urlsplit(url)
        return f"PostgreSQL ({parts.hostname}:{parts.port or 5432}{parts.path})"
    path = sqlite_path(url)
    return f"SQLite ({path.relative_to(ROOT) if path.is_relative_to(ROOT) else path})"


def clear_bench_cache(redis_url):
    """Delete the benchmark's keys (and only those) from Redis."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{CACHE_KEY_PREFIX}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
    return len(keys)


# --- server -------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(base, path, cookie=None):
    headers = {"User-Agent": "bench"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), error.read()


def start_gunicorn(env, port, workers, log_path):
    command = [
        str(VENV_BIN / "gunicorn"),
        "academy.wsgi:application",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}",
        "--timeout", "120",
        "--error-logfile", str(log_path),
        "--log-level", "warning",
    ]  # fmt: skip
    log(" ".join(command))
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {log_path}")
        try:
            if fetch(base, "/bench/trivial/")[0] == 200:
                return process, base
        except OSError:
            pass
        time.sleep(0.3)
    stop_gunicorn(process)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log_path}")


def drain(base, *, quiet_ms=50, limit_s=300):
    """Wait until the workers are idle again.

    Requests that wrk sent but abandoned when its time was up are still in gunicorn's
    listen backlog, and sync workers serve them anyway. Without this wait, the slow
    uncached targets would steal the first seconds of the next target's run.
    """
    deadline = time.monotonic() + limit_s
    quiet = 0
    while quiet < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        fetch(base, "/bench/trivial/")
        quiet = quiet + 1 if (time.monotonic() - started) * 1000 < quiet_ms else 0


def stop_gunicorn(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- CPU accounting -------------------------------------------------------------------
# The machine may be shared: other processes (a test suite, a dev server) steal cores
# from gunicorn and wrk and make the figures lower and noisier. Every target therefore
# reports how many cores, on average, went to processes that are not part of the
# benchmark (gunicorn, wrk, Redis).

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _system_busy_ticks():
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values[:8]) - idle


def _process_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def _children(pid):
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children += [int(child) for child in task.read_text().split()]
        except OSError:
            pass
    return children


class CpuMeter:
    """Cores used by the benchmark's own processes and by everything else, per interval."""

    def __init__(self, server_pid, redis_pid):
        self.server_pid = server_pid
        self.redis_pid = redis_pid

    def _ours(self):
        pids = [self.server_pid, *_children(self.server_pid)]
        if self.redis_pid:
            pids.append(self.redis_pid)
        ticks = sum(_process_ticks(pid) for pid in pids)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has been waited for
        return ticks / CLK_TCK + children.ru_utime + children.ru_stime

    def start(self):
        self.started = (time.monotonic(), _system_busy_ticks() / CLK_TCK, self._ours())

    def stop(self):
        wall, busy, ours = time.monotonic(), _system_busy_ticks() / CLK_TCK, self._ours()
        elapsed = wall - self.started[0]
        busy_cores = (busy - self.started[1]) / elapsed
        our_cores = (ours - self.started[2]) / elapsed
        return {"busy_cores": busy_cores, "our_cores": our_cores, "other_cores": max(0.0, busy_cores - our_cores)}


def other_load_before(seconds=2.0):
    """Cores busy while the benchmark itself does nothing."""
    started, busy = time.monotonic(), _system_busy_ticks()
    time.sleep(seconds)
    return (_system_busy_ticks() - busy) / CLK_TCK / (time.monotonic() - started)


def redis_pid(redis_url):
    import redis

    try:
        return int(redis.Redis.from_url(redis_url).info("server")["process_id"])
    except Exception:  # noqa: BLE001 - only used for CPU accounting
        return None


# --- wrk ----------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(output):
    result = {"raw": output}
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    for percentile in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{percentile}"] = to_ms(match.group(1)) if match else None
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(value) for value in errors.groups()) if errors else 0
    result["timeouts"] = int(errors.group(4)) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    cache = re.search(r"BENCH-CACHE hits=(\d+) misses=(\d+) absent=(\d+) non200=(\d+)", output)
    result["hits"], result["misses"], result["absent"], result["non200"] = (int(v) for v in cache.groups())
    # A stale copy served while one request rebuilds the page (academy/page_cache.py).
    stale = re.search(r"BENCH-CACHE .* stale=(\d+)", output)
    result["stale"] = int(stale.group(1)) if stale else 0
    return result


def run_wrk(base, target, *, duration, threads, connections, nonce, cookie=None):
    env = dict(os.environ, BENCH_BUST="1" if target.cached is False else "0", BENCH_NONCE=nonce)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout", "30s",
        "--latency",
        "-s", str(HERE / "wrk_target.lua"),
        *(["-H", f"Cookie: {cookie}"] if target.logged_in else []),
        base + target.path,
    ]  # fmt: skip
    log(" ".join(command) + (" (cache busting)" if target.cached is False else ""))
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def check_target(base, target, nonce, cookie=None):
    """Prime the page cache for cached targets and prove each target answers as claimed
    (a logged-in target: never from the page cache, and not sent to the login page)."""
    cookie = cookie if target.logged_in else None
    if target.cached is False:
        status, cache, body = fetch(base, f"{target.path}{'&' if '?' in target.path else '?'}_=check-{nonce}")
        expected = "miss"
    else:
        fetch(base, target.path, cookie)
        status, cache, body = fetch(base, target.path, cookie)
        expected = "hit" if target.cached else None
    if status != 200 or cache != expected:
        raise SystemExit(f"{target.name}: {target.path} answered {status} with X-Page-Cache={cache!r}, "
                         f"expected 200 with {expected!r}")  # fmt: skip
    return len(body)


# --- report -------------------------------------------------------------------------


def machine_description():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {system}"


def fmt_ms(value):
    if value is None:
        return "-"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def render_report(context, results, query_counts):
    trivial = results[0][1]["rps"]
    lines = [
        f"# Benchmark {context['when']}",
        "",
        f"- Machine: {context['machine']}",
        f"- Database: {context['database']}, `seed_demo --scale {context['scale']}` ({context['offer']})",
        f"- Server: gunicorn, {context['workers']} sync workers, `benchmarks.settings` "
        "(production settings, DEBUG off, Redis cache, plain http)",
        f"- Load: `wrk -t{context['threads']} -c{context['connections']} -d{context['duration']}s --latency` "
        f"per target, after a {context['warmup']} s warm-up; wrk runs on the same machine",
        "- Uncached = every request carries a new `_=<n>` query parameter, so the page-cache key "
        "differs each time and the middleware misses, renders and stores the page (the catalogue "
        "ignores `_`). Cached targets are primed first; the X-Page-Cache column counts what the "
        "server answered.",
        "",
        f"- Other processes on the machine: {context['idle_load']:.2f} cores busy just before the run; "
        "the last column shows the cores they used during each target (ideally 0.00, out of "
        f"{os.cpu_count()}).",
        "",
        "| Target | req/s | p50 | p99 | ratio to trivial | goal | X-Page-Cache | errors | other CPU |",
        "|---|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    verdicts = []
    for target, result in results:
        ratio = result["rps"] / trivial
        if target.goal is None:
            goal = ""
        else:
            ok = ratio >= target.goal
            goal = f"≥ {target.goal:g} {'✅' if ok else '❌'}"
            verdicts.append((target, ratio, ok))
        if target.cached is None:
            cache = "-"
        else:
            cache = f"{result['hits']} hit / {result['misses']} miss"
        errors = result["socket_errors"] + result["non200"]
        lines.append(
            f"| {target.name} (`{target.path}`) | {result['rps']:.1f} | {fmt_ms(result['p50'])} | "
            f"{fmt_ms(result['p99'])} | {ratio:.3f} | {goal} | {cache} | {errors} | {result['other_cores']:.2f} |"
        )
    lines += ["", "## SQL queries of one uncached page (logged in: `<participant>:<path>`)", ""]
    lines += ["| Page | queries | time in SQL | wall time (Django test client) | size |", "|---|---:|---:|---:|---:|"]
    for entry in query_counts:
        lines.append(
            f"| `{entry['path']}` | {entry['query_count']} | {entry['query_ms']:.1f} ms | {entry['wall_ms']:.1f} ms | "
            f"{entry['bytes'] / 1024:.0f} KiB |"
        )
    lines += [
        "",
        "Counted with `CaptureQueriesContext` around one request through the full middleware stack "
        "(page cache missed), after one warm-up request; the offer vocabulary is then in the cache, "
        "as it is under load.",
        "",
    ]
    noisy = max(result["other_cores"] for _target, result in results)
    if noisy > 0.2:
        lines += [
            f"**Warning:** other processes used up to {noisy:.2f} of {os.cpu_count()} cores during the run; "
            "the figures are lower and noisier than on an idle machine.",
            "",
        ]
    failed = [verdict for verdict in verdicts if not verdict[2]]
    if failed:
        lines.append("**Goals missed:** " + "; ".join(f"{t.name} {r:.3f} < {t.goal:g}" for t, r, _ok in failed))
    else:
        lines.append("All goals met.")
    lines.append("")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help=f"default: sqlite:///{DEFAULT_SQLITE}. A PostgreSQL database "
                        "is dropped and created (and dropped again unless --keep-db).")  # fmt: skip
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per target (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load per target (default 2)")
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    parser.add_argument("--course-path", default=COURSE, help=f"course page to measure (default {COURSE})")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS),
                        help=f"cache (default {DEFAULT_REDIS}; keys prefixed {CACHE_KEY_PREFIX}:)")  # fmt: skip
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.md", help="Markdown report path")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="measure only the targets whose name holds this word (repeatable), plus the trivial view: --only API",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep a PostgreSQL database afterwards")
    return parser.parse_args()


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{DEFAULT_SQLITE}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=database_url,
        REDIS_URL=args.redis_url,
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    python = str(VENV_BIN / "python")
    nonce = uuid.uuid4().hex[:8]

    create_database(database_url)
    server = None
    try:
        log(f"cleared {clear_bench_cache(args.redis_url)} benchmark keys from Redis")
        run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        run([python, "manage.py", "seed_demo", "--scale", str(args.scale)], env, stdout=subprocess.DEVNULL)
        run([python, "manage.py", "collectstatic", "--noinput", "--clear", "-v", "0"], env)
        offer = (
            capture(
                [
                    python,
                    "manage.py",
                    "shell",
                    "-c",
                    "from courses.models import CoursePage, Edition; "
                    "print(f'{CoursePage.objects.count()} courses, {Edition.objects.count()} editions, '"
                    "f'{Edition.objects.in_catalogue().count()} in the catalogue')",
                ],
                env,
            )
            .strip()
            .splitlines()[-1]
        )
        log(offer)
        selected = [target for target in targets(args.course_path) if is_selected(target, args.only)]
        cookie = capture([python, "manage.py", "shell", "-c", SESSION_SNIPPET], env).strip().splitlines()[-1]
        log(f"logged-in targets carry the session of {PARTICIPANT}")
        counted = list(
            dict.fromkeys(
                f"{PARTICIPANT}:{target.path}" if target.logged_in else target.path
                for target in selected
                if target.cached is not None or target.logged_in
            )
        )
        query_counts = json.loads(capture([python, str(HERE / "query_count.py"), *counted], env))
        for entry in query_counts:
            if entry["status"] != 200:
                raise SystemExit(f"{entry['path']} answered {entry['status']} in the query count step")
            log(f"{entry['path']}: {entry['query_count']} queries, {entry['query_ms']:.1f} ms in SQL")

        port = args.port or free_port()
        idle_load = other_load_before()
        log(f"{idle_load:.2f} cores busy before the run (other processes)")
        server, base = start_gunicorn(env, port, args.workers, RESULTS / "gunicorn.log")
        meter = CpuMeter(server.pid, redis_pid(args.redis_url))
        results = []
        for target in selected:
            check_target(base, target, nonce, cookie)
            if args.warmup:
                run_wrk(base, target, duration=args.warmup, threads=args.threads,
                        connections=args.connections, nonce=f"{nonce}w", cookie=cookie)  # fmt: skip
                drain(base)
            meter.start()
            result = run_wrk(base, target, duration=args.duration, threads=args.threads,
                             connections=args.connections, nonce=nonce, cookie=cookie)  # fmt: skip
            result.update(meter.stop())
            drain(base)
            log(
                f"{target.name}: {result['rps']:.1f} req/s, p50 {fmt_ms(result['p50'])}, p99 {fmt_ms(result['p99'])}, "
                f"other processes {result['other_cores']:.2f} cores"
            )
            results.append((target, result))
    finally:
        if server is not None:
            stop_gunicorn(server)
        try:
            clear_bench_cache(args.redis_url)
        except Exception as error:  # noqa: BLE001 - cleanup must not hide the real error
            log(f"could not clear the benchmark cache: {error}")
        if not args.keep_db:
            drop_database(database_url)

    context = {
        "when": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine_description(),
        "database": describe_database(database_url),
        "scale": args.scale,
        "offer": offer,
        "workers": args.workers,
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "warmup": args.warmup,
        "idle_load": idle_load,
    }
    report = render_report(context, results, query_counts)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    (args.output.with_suffix(".json")).write_text(
        json.dumps(
            {
                "context": context,
                "results": [
                    {"target": t.name, "path": t.path, **{k: v for k, v in r.items() if k != "raw"}} for t, r in results
                ],
                "query_counts": query_counts,
            },
            indent=2,
        )
    )
    print(report)


if __name__ == "__main__":
    main()
