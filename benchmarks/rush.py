"""An enrolment rush: `.venv/bin/python benchmarks/rush.py` (or `make benchmark-rush`).

While --clients people enrol without pause through one gunicorn (POST
/mijn/inschrijven/<id>/, as benchmarks/enrolment_load.py does), anonymous readers fetch
/aanbod/ and a course page with wrk from another gunicorn that shares the database and the
cache (two app servers behind one load balancer). Reported per target: req/s, the share of
answers served from the page cache (X-Page-Cache hit or stale), and the ratio to the trivial
view on the readers' server, measured before the rush and during it; the goal is judged
against the trivial view during the rush, which competes for the same cores.

Steps: drop and create the PostgreSQL database of --database-url, migrate, seed_demo
--scale 10, collectstatic; make --people people with a logged-in session each; start
the two gunicorns (benchmarks.settings, --workers sync workers each); measure the trivial view and the
two pages before the rush; start the enrolling clients; measure the trivial view and the
two pages again; stop the clients and check that no edition has more confirmed
enrolments than places. See benchmarks/README.md, section "An enrolment rush".
"""

import argparse
import datetime
import os
import queue
import sys
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT))

from benchmarks.enrolment_load import make_people, make_sessions, post_enrol, setup_django  # noqa: E402
from benchmarks.run import (  # noqa: E402 - needs ROOT on sys.path
    CATALOGUE,
    COURSE,
    DEFAULT_REDIS,
    Target,
    check_target,
    clear_bench_cache,
    create_database,
    drain,
    drop_database,
    free_port,
    machine_description,
    other_load_before,
    run_wrk,
    start_gunicorn,
    stop_gunicorn,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_rush"
GOAL_HIT_RATIO = 0.95
GOAL_RATIO = 0.4


def log(message):
    print(f"[rush] {message}", file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help=f"PostgreSQL (default {DEFAULT_DATABASE})")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--scale", type=int, default=10, help="seed_demo --scale (default 10)")
    parser.add_argument("--clients", type=int, default=16, help="people enrolling at once (default 16)")
    parser.add_argument("--people", type=int, default=6000, help="people, each enrolling once (default 6000)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per target (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--course-path", default=COURSE)
    parser.add_argument("--output", type=Path, default=RESULTS / "rush.md")
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def editions_to_enrol_in(course_path):
    """The bookable editions of the course measured and of the catalogue's first page."""
    from courses.models import BookingState, CoursePage, Edition

    slug = course_path.rstrip("/").rsplit("/", 1)[-1]
    course = CoursePage.objects.get(slug=slug)
    bookable = Edition.objects.in_catalogue().with_booking_state().filter(booking_state=BookingState.OPEN)
    of_course = list(bookable.filter(course=course).order_by("starts_at", "pk"))
    first_page = list(bookable.exclude(course=course).order_by("starts_at", "pk")[:10])
    if not of_course:
        raise SystemExit(f"no bookable edition on {course_path}")
    return of_course + first_page


class Rush:
    """--clients threads that enrol one person after another until stopped."""

    def __init__(self, port, jobs, sessions, clients):
        self.port, self.sessions, self.clients = port, sessions, clients
        self.work = queue.SimpleQueue()
        for job in jobs:
            self.work.put(job)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.done, self.errors = [], []
        self.csrf = uuid.uuid4().hex  # 32 characters: an unmasked secret, accepted as it is

    def client(self):
        while not self.stopping.is_set():
            try:
                edition_id, person_id = self.work.get_nowait()
            except queue.Empty:
                return
            try:
                status, _location = post_enrol(self.port, edition_id, self.sessions[person_id], self.csrf)
            except OSError as error:
                status = repr(error)
            with self.lock:
                self.done.append(time.monotonic())
                if status != 302:
                    self.errors.append(status)

    def start(self):
        self.threads = [threading.Thread(target=self.client, daemon=True) for _ in range(self.clients)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def running(self):
        return any(thread.is_alive() for thread in self.threads)

    def count_between(self, start, end):
        with self.lock:
            return sum(1 for moment in self.done if start <= moment < end)


def measure(base, target, args, nonce, rush=None):
    if rush is None:
        check_target(base, target, nonce)
    started = time.monotonic()
    result = run_wrk(base, target, duration=args.duration, threads=args.threads,
                     connections=args.connections, nonce=nonce)  # fmt: skip
    ended = time.monotonic()
    drain(base)
    if rush is not None:
        if not rush.running():
            raise SystemExit("the enrolling clients ran out of people during the run: raise --people")
        result["enrolments_per_s"] = rush.count_between(started, ended) / (ended - started)
    served = result["hits"] + result["stale"]
    answers = served + result["misses"] + result["absent"]
    result["from_cache"] = served / answers if answers else 0.0
    log(f"{target.name}{' during the rush' if rush else ''}: {result['rps']:.1f} req/s, "
        f"{result['hits']} hit / {result['stale']} stale / {result['misses']} miss")  # fmt: skip
    return result


def render(context, before, during):
    trivial, trivial_rush = before["trivial"]["rps"], during["trivial"]["rps"]
    lines = [
        f"# Enrolment rush {context['when']}",
        "",
        f"- Machine: {context['machine']}; other processes used {context['idle_load']:.2f} cores just before the run",
        f"- PostgreSQL, `seed_demo --scale {context['scale']}`; gunicorn {context['workers']} sync workers, "
        "`benchmarks.settings`",
        f"- Rush: {context['clients']} clients POST /mijn/inschrijven/<id>/ without pause into "
        f"{context['editions']} editions (those of the course page and of the catalogue's first page), "
        "through a second gunicorn with as many workers that shares the database and Redis",
        f"- Readers: `wrk -t{context['threads']} -c{context['connections']} -d{context['duration']}s`, anonymous",
        "",
        "| target | rush | req/s | p50 | p99 | enrolments/s | from cache (hit / stale / miss) | x trivial | "
        "x trivial during the rush |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    verdicts = []
    for phase, results in (("before", before), ("during", during)):
        for name, result in results.items():
            ratio = result["rps"] / trivial
            cache = (
                "-"
                if name == "trivial"
                else f"{result['from_cache']:.1%} ({result['hits']} / {result['stale']} / {result['misses']})"
            )
            if phase == "during" and name != "trivial":
                ratio_rush = result["rps"] / trivial_rush
                ok = result["from_cache"] >= GOAL_HIT_RATIO and ratio_rush >= GOAL_RATIO
                verdicts.append((name, ok, result["from_cache"], ratio_rush))
            rate = f"{result['enrolments_per_s']:.1f}" if "enrolments_per_s" in result else "-"
            lines.append(
                f"| {name} | {phase} | {result['rps']:.1f} | {result['p50']:.1f} ms | {result['p99']:.1f} ms | "
                f"{rate} | {cache} | {ratio:.3f} | {result['rps'] / trivial_rush:.3f} |"
            )
    lines += [
        "",
        f"Enrolments during the whole rush: {context['enrolled']} POSTs ({context['errors']} not answered 302).",
        "",
    ]
    for name, ok, from_cache, ratio in verdicts:
        goal = f"≥ {GOAL_HIT_RATIO:.0%} from cache and ≥ {GOAL_RATIO}x the trivial view during the rush"
        lines.append(f"- {name}: {from_cache:.1%}, {ratio:.3f}x: {'met' if ok else 'NOT met'} ({goal})")
    lines.append("")
    return "\n".join(lines)


def main():
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    create_database(args.database_url)
    setup_django(args.database_url, args.redis_url)

    from django.core.management import call_command
    from django.db import connections

    from courses.models import Edition
    from enrolment.models import Enrolment

    server = enrol_server = None
    try:
        log(f"cleared {clear_bench_cache(args.redis_url)} benchmark keys from Redis")
        call_command("migrate", interactive=False, verbosity=0)
        log(f"seed_demo --scale {args.scale}")
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", scale=args.scale, stdout=devnull)
        call_command("collectstatic", interactive=False, clear=True, verbosity=0)
        editions = editions_to_enrol_in(args.course_path)
        people = make_people(args.people, "rush")
        sessions = make_sessions(people)
        jobs = [(editions[n % len(editions)].pk, person.pk) for n, person in enumerate(people)]
        log(f"{len(people)} people with a session, {len(editions)} editions to enrol in")
        connections.close_all()

        env = dict(os.environ, PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="benchmarks.settings")
        idle_load = other_load_before()
        server, base = start_gunicorn(env, free_port(), args.workers, RESULTS / "rush_gunicorn.log")
        # The enrolments go to an app server of their own that shares the database and the
        # cache, as a second server behind the load balancer would: with one pool of sync
        # workers, every read would wait in line behind the POSTs, cached or not.
        enrol_port = free_port()
        enrol_server, _enrol_base = start_gunicorn(env, enrol_port, args.workers, RESULTS / "rush_enrol_gunicorn.log")
        nonce = uuid.uuid4().hex[:8]
        targets = {
            "trivial": Target("trivial view", "/bench/trivial/", None),
            "catalogue": Target("catalogue", CATALOGUE, True),
            "course page": Target("course page", args.course_path, True),
        }
        before = {name: measure(base, target, args, nonce) for name, target in targets.items()}

        rush = Rush(enrol_port, jobs, sessions, args.clients)
        rush.start()
        time.sleep(2)
        during = {}
        for name, target in targets.items():
            # No priming during the rush: the cache must hold by itself.
            during[name] = measure(base, target, args, nonce, rush)
        rush.stop()
        over_capacity = [
            edition.pk
            for edition in Edition.objects.filter(pk__in=[edition.pk for edition in editions])
            if Enrolment.objects.confirmed().filter(edition=edition).count() > edition.capacity
        ]
        if over_capacity:
            raise SystemExit(f"more confirmed enrolments than places in editions {over_capacity}")
    finally:
        for process in (server, enrol_server):
            if process is not None:
                stop_gunicorn(process)
        connections.close_all()
        try:
            clear_bench_cache(args.redis_url)
        except Exception as error:  # noqa: BLE001 - cleanup must not hide the real error
            log(f"could not clear the benchmark cache: {error}")
        if not args.keep_db:
            drop_database(args.database_url)

    context = {
        "when": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine_description(),
        "idle_load": idle_load,
        "scale": args.scale,
        "workers": args.workers,
        "clients": args.clients,
        "editions": len(editions),
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "enrolled": len(rush.done),
        "errors": len(rush.errors),
    }
    report = render(context, before, during)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
