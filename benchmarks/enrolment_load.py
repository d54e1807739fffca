"""Enrolment under load on PostgreSQL: `.venv/bin/python benchmarks/enrolment_load.py`.

Many people enrol in a few editions at once. The script drops and creates the database
named in --database-url, migrates, builds a small offer (tests/factories.py) and the
people, then calls `enrolment.services.enrol()` from N threads, each with its own
database connection, all released by one barrier; every person enrols in one of the
editions (person i in edition i mod E). It reports enrolments per second and the
p50/p95/p99 latency of one enrol() call, and afterwards checks per edition that
confirmed == min(capacity, requests), that the rest is waitlisted, that there are no
duplicates and that the waitlist starts after the last confirmed enrolment. A violation
stops the script with exit status 1.

Settings: `benchmarks.settings` (production settings, DEBUG off, Redis cache and cached_db
sessions in Redis database 9 under the key prefix `academy-bench:`, the locmem mailer).
The background tasks that one enrolment starts after commit (the mail and Wagtail's
reference-index update) are measured three ways (--mail):

- inline: the immediate task backend, so the tasks run in the calling thread right after
  commit: the mail is rendered (with its .ics attachment) and "sent" to the locmem
  outbox. Their cost is part of every enrol() call.
- queued: production's task backend (django_tasks_db): the call only inserts task rows;
  no worker runs, so no mail is rendered during the run.
- none: the dummy task backend: the tasks are appended to a list in memory.

With --http (default on), one more run goes through gunicorn (benchmarks.settings as they
are, so mails are queued as in production): logged-in sessions are created directly in the
session store and every person POSTs /mijn/inschrijven/<edition id>/ once.

See benchmarks/README.md, section "Enrolment under load".
"""

import argparse
import datetime
import http.client
import json
import os
import queue
import secrets
import statistics
import sys
import threading
import time
import traceback
import urllib.parse
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402 - needs ROOT on sys.path
    CLK_TCK,
    DEFAULT_REDIS,
    _children,
    _process_ticks,
    _system_busy_ticks,
    clear_bench_cache,
    create_database,
    drop_database,
    free_port,
    is_postgres,
    machine_description,
    redis_pid,
    start_gunicorn,
    stop_gunicorn,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_enrol"
TASK_BACKENDS = {
    "inline": "django.tasks.backends.immediate.ImmediateBackend",
    "queued": "django_tasks_db.DatabaseBackend",
    "none": "django.tasks.backends.dummy.DummyBackend",
}
LOCMEM_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MAIL_LABELS = {
    "inline": "inline: mail sent after commit",
    "queued": "queued (task rows)",
    "none": "off",
}


def log(message):
    print(f"[enrol-bench] {message}", file=sys.stderr, flush=True)


class InvariantViolated(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE,
                        help=f"PostgreSQL database to drop and create (default {DEFAULT_DATABASE})")  # fmt: skip
    parser.add_argument("--people", type=int, default=2000, help="people, each enrolling once per run (default 2000)")
    parser.add_argument("--editions", type=int, default=5, help="editions per run (default 5)")
    parser.add_argument("--capacity", type=int, default=100, help="capacity of each edition (default 100)")
    parser.add_argument("--workers", default="16",
                        help="threads calling enrol(), one connection each; a comma-separated list runs each "
                        "count (default 16)")  # fmt: skip
    parser.add_argument("--mail", default="inline,queued,none",
                        help="comma-separated: inline, queued, none (default all three)")  # fmt: skip
    parser.add_argument("--http", action=argparse.BooleanOptionalAction, default=True,
                        help="also run through gunicorn (default on; --no-http to skip)")  # fmt: skip
    parser.add_argument("--http-workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--http-clients", type=int, default=None, help="concurrent HTTP clients (default: --workers)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS),
                        help=f"cache for benchmarks.settings (default {DEFAULT_REDIS})")  # fmt: skip
    parser.add_argument("--output", type=Path, default=RESULTS / "enrolment_load.md", help="Markdown report path")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL: row locks are what this measures")
    args.workers = [int(part) for part in args.workers.split(",") if part.strip()]
    args.mail = [part.strip() for part in args.mail.split(",") if part.strip()]
    unknown = set(args.mail) - set(TASK_BACKENDS)
    if unknown:
        parser.error(f"unknown --mail {', '.join(sorted(unknown))}; choose from {', '.join(TASK_BACKENDS)}")
    if min(args.workers, default=0) < 1 or args.people < 1 or args.editions < 1 or args.capacity < 1:
        parser.error("--workers, --people, --editions and --capacity must be at least 1")
    args.http_clients = args.http_clients or max(args.workers)
    return args


def setup_django(database_url, redis_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


# --- data ---------------------------------------------------------------------------


class Offer:
    """One course on a fresh site; every run gets editions of its own."""

    def __init__(self):
        from tests import factories

        self.factories = factories
        _home, catalogue = factories.make_site()
        self.course = factories.make_course(factories.make_track(catalogue), title="Hoe werkt de gemeente?")
        self.venue = factories.make_venue()

    def editions(self, count, capacity):
        return [
            self.factories.make_edition(self.course, capacity=capacity, sessions=2, venue=self.venue)
            for _ in range(count)
        ]


def make_people(count, prefix):
    """Users with a real (PBKDF2) password hash, computed once and shared."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    password = make_password("wachtwoord-123")
    users = [
        User(
            username=f"{prefix}{n}@example.org",
            email=f"{prefix}{n}@example.org",
            password=password,
            first_name="Deelnemer",
            last_name=str(n),
        )
        for n in range(count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    return list(User.objects.filter(username__startswith=prefix).order_by("pk"))


# --- CPU accounting -----------------------------------------------------------------


class CpuMeter:
    """Cores used during a run by the benchmark (this process, gunicorn, Redis and the
    PostgreSQL backends connected to the benchmark database) and by everything else.

    Snapshots are taken while every connection of the run is open, so the backends'
    counters are still there at the end."""

    def __init__(self, database_name, redis_pid=None, server_pid=None):
        self.marker = f" {database_name} ".encode()
        self.fixed = [pid for pid in (os.getpid(), redis_pid) if pid]
        self.server_pid = server_pid

    def _pids(self):
        pids = set(self.fixed)
        if self.server_pid:
            pids |= {self.server_pid, *_children(self.server_pid)}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    title = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if title.startswith(b"postgres: ") and self.marker in title:
                    pids.add(int(entry.name))
        return pids

    def snapshot(self):
        pids = self._pids()
        return time.monotonic(), _system_busy_ticks(), {pid: _process_ticks(pid) for pid in pids}

    @staticmethod
    def compare(before, after):
        elapsed = after[0] - before[0]
        busy = (after[1] - before[1]) / CLK_TCK / elapsed
        ours = sum(ticks - before[2].get(pid, 0) for pid, ticks in after[2].items()) / CLK_TCK / elapsed
        return {"busy_cores": busy, "our_cores": ours, "other_cores": max(0.0, busy - ours)}


# --- the concurrent service-level run -------------------------------------------------


def run_service(jobs, workers, meter):
    """Call enrol() for every (edition, person) job from `workers` threads at once."""
    from django.db import connection, connections

    from enrolment import services

    work = queue.SimpleQueue()
    for job in jobs:
        work.put(job)
    # ready: every thread is connected; go: released at once; done: all work finished,
    # connections still open (for the CPU snapshot); then the threads close them.
    ready, go, done = (threading.Barrier(workers + 1) for _ in range(3))
    closing = threading.Event()
    lock = threading.Lock()
    latencies, outcomes, errors, starts, ends = [], [], [], [], []

    def worker():
        mine, my_outcomes = [], []
        try:
            connection.ensure_connection()  # connecting is not part of the measurement
            ready.wait()
            go.wait()
            started = time.perf_counter()
            while True:
                try:
                    edition, person = work.get_nowait()
                except queue.Empty:
                    break
                before = time.perf_counter()
                try:
                    outcome = services.enrol(edition, person=person)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    with lock:
                        errors.append(f"{person.username} → edition {edition.pk}: {error!r}\n{traceback.format_exc()}")
                    continue
                mine.append(time.perf_counter() - before)
                my_outcomes.append((edition.pk, person.pk, outcome.enrolment.status))
            finished = time.perf_counter()
            with lock:
                latencies.extend(mine)
                outcomes.extend(my_outcomes)
                starts.append(started)
                ends.append(finished)
            done.wait()
            closing.wait(60)
        except threading.BrokenBarrierError:
            pass
        except Exception:  # noqa: BLE001
            with lock:
                errors.append(traceback.format_exc())
            for barrier in (ready, go, done):
                barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, name=f"enrol-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    cpu = {}
    try:
        ready.wait()
        before = meter.snapshot()
        go.wait()
        done.wait()
        cpu = meter.compare(before, meter.snapshot())
    except threading.BrokenBarrierError:
        errors.append("a thread failed before all work was done")
    finally:
        closing.set()
        for thread in threads:
            thread.join()
    wall = (max(ends) - min(starts)) if ends else float("nan")
    return {"latencies": latencies, "outcomes": outcomes, "errors": errors, "wall": wall, **cpu}


class TaskWatch:
    """Count tasks that failed in the immediate backend (it logs them and carries on)."""

    def __init__(self):
        from django.tasks.signals import task_finished

        self.failed = []
        self.finished = 0
        self.lock = threading.Lock()
        task_finished.connect(self.on_finished, weak=False, dispatch_uid="enrolment-load-watch")

    def on_finished(self, sender, task_result, **kwargs):
        with self.lock:
            self.finished += 1
            if task_result.errors:
                self.failed.append(task_result.errors[-1].traceback)

    def reset(self):
        with self.lock:
            self.finished = 0
            self.failed = []


def count_task_rows():
    """Queued mail tasks (Wagtail queues a reference-index update per enrolment as well)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="enrolment.tasks.send_enrolment_mail").count()


def outbox_size():
    from django.core import mail

    return len(getattr(mail, "outbox", []))


# --- the invariant ------------------------------------------------------------------


def check_invariant(editions, jobs, *, capacity, outcomes=None):
    """Per edition: confirmed == min(capacity, requests), the rest waitlisted, no duplicates,
    first come first served. Raise InvariantViolated listing every violation."""
    from django.db.models import Count, Max, Min

    from enrolment.models import Enrolment, EnrolmentEvent

    problems = []
    summary = []
    expected_people = {edition.pk: set() for edition in editions}
    for edition, person in jobs:
        expected_people[edition.pk].add(person.pk)
    for edition in editions:
        requests = len(expected_people[edition.pk])
        rows = Enrolment.objects.filter(edition=edition)
        by_status = dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        confirmed = by_status.pop(Enrolment.Status.CONFIRMED, 0)
        waitlisted = by_status.pop(Enrolment.Status.WAITLISTED, 0)
        want_confirmed = min(capacity, requests)
        label = f"edition {edition.pk}"
        if confirmed != want_confirmed:
            problems.append(f"{label}: {confirmed} confirmed, expected min({capacity}, {requests}) = {want_confirmed}")
        if waitlisted != requests - want_confirmed:
            problems.append(f"{label}: {waitlisted} waitlisted, expected {requests - want_confirmed}")
        if by_status:
            problems.append(f"{label}: unexpected statuses {by_status}")
        duplicates = list(rows.values("person").annotate(n=Count("pk")).filter(n__gt=1).values_list("person", "n"))
        if duplicates:
            problems.append(f"{label}: people enrolled more than once: {duplicates[:10]}")
        people = set(rows.values_list("person", flat=True))
        if people != expected_people[edition.pk]:
            missing, extra = expected_people[edition.pk] - people, people - expected_people[edition.pk]
            problems.append(f"{label}: {len(missing)} requests without enrolment, {len(extra)} unexpected people")
        last_confirmed = rows.confirmed().aggregate(at=Max("created_at"))["at"]
        first_waiting = rows.waitlisted().aggregate(at=Min("created_at"))["at"]
        if last_confirmed and first_waiting and first_waiting < last_confirmed:
            problems.append(f"{label}: someone was waitlisted before the last confirmation ({first_waiting} < "
                            f"{last_confirmed}): not first come, first served")  # fmt: skip
        events = EnrolmentEvent.objects.filter(enrolment__edition=edition).count()
        if events != requests:
            problems.append(f"{label}: {events} enrolment events for {requests} enrolments")
        summary.append((confirmed, waitlisted))
    if outcomes is not None:
        in_db = dict(
            ((edition_id, person_id), status)
            for edition_id, person_id, status in Enrolment.objects.filter(edition__in=editions).values_list(
                "edition_id", "person_id", "status"
            )
        )
        disagreeing = [outcome for outcome in outcomes if in_db.get(outcome[:2]) != outcome[2]]
        if disagreeing:
            problems.append(f"{len(disagreeing)} enrol() results disagree with the database, e.g. {disagreeing[:3]}")
    if problems:
        raise InvariantViolated("\n".join(problems))
    return summary


# --- HTTP ---------------------------------------------------------------------------


def make_sessions(people):
    """A logged-in session per person, straight in the session store gunicorn reads."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = {}
    for person in people:
        session = store()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.save(must_create=True)
        sessions[person.pk] = session.session_key
    return sessions


def post_enrol(port, edition_id, session_key, csrf):
    from django.conf import settings

    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf})
    headers = {
        "Host": "127.0.0.1",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "User-Agent": "enrolment-load",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", f"/mijn/inschrijven/{edition_id}/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def run_http(port, jobs, sessions, clients, expected_location, meter):
    work = queue.SimpleQueue()
    for job in jobs:
        work.put(job)
    barrier = threading.Barrier(clients + 1)
    lock = threading.Lock()
    latencies, errors, starts, ends = [], [], [], []
    csrf = secrets.token_hex(16)  # 32 characters: an unmasked secret, accepted as it is

    def client():
        mine = []
        barrier.wait()
        started = time.perf_counter()
        while True:
            try:
                edition, person = work.get_nowait()
            except queue.Empty:
                break
            before = time.perf_counter()
            try:
                status, location = post_enrol(port, edition.pk, sessions[person.pk], csrf)
            except OSError as error:
                with lock:
                    errors.append(f"{person.username}: {error!r}")
                continue
            mine.append(time.perf_counter() - before)
            if status != 302 or not location.startswith(expected_location):
                with lock:
                    errors.append(f"{person.username} → edition {edition.pk}: {status} {location}")
        finished = time.perf_counter()
        with lock:
            latencies.extend(mine)
            starts.append(started)
            ends.append(finished)

    threads = [threading.Thread(target=client, name=f"http-{n}") for n in range(clients)]
    for thread in threads:
        thread.start()
    before = meter.snapshot()
    barrier.wait()
    for thread in threads:
        thread.join()
    cpu = meter.compare(before, meter.snapshot())
    return {"latencies": latencies, "outcomes": None, "errors": errors, "wall": max(ends) - min(starts), **cpu}


# --- report -------------------------------------------------------------------------


def percentiles(latencies):
    if len(latencies) < 2:
        value = latencies[0] * 1000 if latencies else float("nan")
        return {"p50": value, "p95": value, "p99": value, "max": value, "mean": value}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "max": max(latencies) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def fmt_ms(value):
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def render(context, results):
    lines = [
        f"# Enrolment under load, {context['when']}",
        "",
        f"- Machine: {context['machine']}",
        f"- Database: PostgreSQL {context['postgres']} on the same machine",
        f"- Per run: {context['people']} people, {context['editions']} fresh editions of capacity "
        f"{context['capacity']} (person i enrols in edition i mod {context['editions']}), all released by one barrier",
        "- Settings: `benchmarks.settings` (production, DEBUG off, Redis cache); latency = one `enrol()` call "
        "(service) or one POST answered (HTTP)",
        f"- CPU: cores used during the run by the benchmark (this process, gunicorn, Redis, the PostgreSQL "
        f"backends of the benchmark database) / by all other processes, out of {os.cpu_count()}",
        "",
        "| Run | mail | threads | enrolments | wall | enrolments/s | p50 | p95 | p99 | max "
        "| confirmed / waitlisted | invariant | CPU ours / other |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for result in results:
        lines.append(
            f"| {result['kind']} | {MAIL_LABELS[result['mail']]} | {result['threads']} | {result['count']} | "
            f"{result['wall']:.2f} s | {result['rate']:.0f} | {fmt_ms(result['p50'])} | {fmt_ms(result['p95'])} | "
            f"{fmt_ms(result['p99'])} | {fmt_ms(result['max'])} | {result['confirmed']} / {result['waitlisted']} | "
            f"{'✅' if result['ok'] else '❌'} | {result['our_cores']:.2f} / {result['other_cores']:.2f} |"
        )
    lines.append("")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------


def summarise(kind, mail, threads, raw, summary):
    figures = percentiles(raw["latencies"])
    count = len(raw["latencies"])
    return {
        "kind": kind,
        "mail": mail,
        "threads": threads,
        "count": count,
        "wall": raw["wall"],
        "rate": count / raw["wall"],
        **figures,
        "confirmed": sum(confirmed for confirmed, _ in summary),
        "waitlisted": sum(waitlisted for _, waitlisted in summary),
        "ok": True,
        "our_cores": raw.get("our_cores", float("nan")),
        "other_cores": raw.get("other_cores", float("nan")),
    }


def make_jobs(editions, people):
    return [(editions[index % len(editions)], person) for index, person in enumerate(people)]


def report_progress(result):
    log(
        f"  {result['rate']:.0f} enrolments/s, p50 {fmt_ms(result['p50'])}, p95 {fmt_ms(result['p95'])}, "
        f"p99 {fmt_ms(result['p99'])}; {result['confirmed']} confirmed, {result['waitlisted']} waitlisted; "
        f"invariant holds; CPU {result['our_cores']:.2f} ours / {result['other_cores']:.2f} other"
    )


def check_queued(task_rows_before, jobs):
    queued = count_task_rows() - task_rows_before
    if queued != len(jobs):
        raise InvariantViolated(f"{queued} mail tasks queued for {len(jobs)} enrolments")


def service_runs(args, offer, people, warmup_people, meter):
    """One run per mail mode and thread count, each on fresh editions."""
    from django.db import connections
    from django.test.utils import override_settings

    from enrolment import services

    watch = TaskWatch()
    for mail in args.mail:
        # The production MAILERS carry SMTP options that the locmem backend refuses.
        with override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[mail]}}, MAILERS=LOCMEM_MAILERS):
            # Warm-up, single-threaded: templates, the .ics code, the first queries.
            warmup = offer.editions(1, capacity=10)[0]
            for person in warmup_people:
                services.enrol(warmup, person=person)
            connections.close_all()
            for workers in args.workers:
                editions = offer.editions(args.editions, args.capacity)
                jobs = make_jobs(editions, people)
                watch.reset()
                outbox, task_rows = outbox_size(), count_task_rows()
                log(f"service run: mail {mail}, {workers} threads, {len(jobs)} enrolments, {len(editions)} editions")
                raw = run_service(jobs, workers, meter)
                if raw["errors"]:
                    failed = "\n".join(raw["errors"][:5])
                    raise InvariantViolated(f"{len(raw['errors'])} enrol() calls failed:\n{failed}")
                summary = check_invariant(editions, jobs, capacity=args.capacity, outcomes=raw["outcomes"])
                if mail == "inline":
                    sent = outbox_size() - outbox
                    if watch.failed or sent != len(jobs):
                        failed = "\n".join(watch.failed[:2])
                        raise InvariantViolated(
                            f"{sent} mails sent for {len(jobs)} enrolments; {len(watch.failed)} mail tasks failed:\n"
                            f"{failed}"
                        )
                if mail == "queued":
                    check_queued(task_rows, jobs)
                result = summarise("service `enrol()`", mail, workers, raw, summary)
                report_progress(result)
                yield result


def http_run(args, offer, people, warmup_people, meter_for):
    """Every person POSTs once to gunicorn, with a session made for them beforehand."""
    from django.db import connections

    editions = offer.editions(args.editions, args.capacity)
    warmup = offer.editions(1, capacity=10)[0]
    jobs = make_jobs(editions, people)
    sessions = make_sessions(people + warmup_people)
    connections.close_all()
    env = dict(os.environ, PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="benchmarks.settings")
    port = free_port()
    gunicorn_log = RESULTS / "enrolment_gunicorn.log"
    server, _base = start_gunicorn(env, port, args.http_workers, gunicorn_log)
    try:
        expected_location = offer.course.url
        # Warm-up: the workers answer a few POSTs before the barrier.
        for person in warmup_people:
            status, location = post_enrol(port, warmup.pk, sessions[person.pk], "w" * 32)
            if status != 302 or not location.startswith(expected_location):
                raise SystemExit(
                    f"HTTP warm-up: POST answered {status} → {location!r}, expected 302 to {expected_location}; "
                    f"see {gunicorn_log}"
                )
        task_rows = count_task_rows()
        connections.close_all()
        log(f"HTTP run: gunicorn {args.http_workers} sync workers, {args.http_clients} clients, {len(jobs)} POSTs")
        raw = run_http(port, jobs, sessions, args.http_clients, expected_location, meter_for(server.pid))
    finally:
        stop_gunicorn(server)
    if raw["errors"]:
        failed = "\n".join(raw["errors"][:5])
        raise InvariantViolated(f"{len(raw['errors'])} POSTs failed:\n{failed}")
    summary = check_invariant(editions, jobs, capacity=args.capacity)
    check_queued(task_rows, jobs)
    kind = f"HTTP POST, gunicorn {args.http_workers} sync workers"
    result = summarise(kind, "queued", args.http_clients, raw, summary)
    report_progress(result)
    return result


def main():
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    create_database(args.database_url)
    setup_django(args.database_url, args.redis_url)

    from django.core.management import call_command
    from django.db import connection, connections

    results = []
    failure = None
    try:
        log(f"cleared {clear_bench_cache(args.redis_url)} benchmark keys from Redis")
        log("migrate")
        call_command("migrate", interactive=False, verbosity=0)
        offer = Offer()
        people = make_people(args.people, "deelnemer")
        warmup_people = make_people(20, "opwarmer")
        log(f"{len(people)} people, course {offer.course.title!r}")
        postgres = connection.cursor().connection.info.parameter_status("server_version")
        database_name = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
        redis = redis_pid(args.redis_url)

        results += service_runs(args, offer, people, warmup_people, CpuMeter(database_name, redis))
        if args.http:
            meter_for = partial(CpuMeter, database_name, redis)
            results.append(http_run(args, offer, people, warmup_people, meter_for))
    except InvariantViolated as error:
        failure = error
    finally:
        connections.close_all()
        try:
            clear_bench_cache(args.redis_url)
        except Exception as error:  # noqa: BLE001 - cleanup must not hide the real error
            log(f"could not clear the benchmark cache: {error}")
        if failure is not None:
            log(f"keeping database {args.database_url} for inspection")
        elif not args.keep_db:
            drop_database(args.database_url)

    if failure is not None:
        print(f"INVARIANT VIOLATED:\n{failure}", file=sys.stderr)
        raise SystemExit(1)

    context = {
        "when": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine_description(),
        "postgres": postgres,
        "people": args.people,
        "editions": args.editions,
        "capacity": args.capacity,
    }
    report = render(context, results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    args.output.with_suffix(".json").write_text(json.dumps({"context": context, "results": results}, indent=2))
    print(report)


if __name__ == "__main__":
    main()
