"""The fault run of issue 11: Redis, PostgreSQL and the task worker fail under steady traffic.

    .venv/bin/python benchmarks/fault_run.py --prepare   # database, demo data, accounts, editions
    .venv/bin/python benchmarks/fault_run.py

Production settings (benchmarks.settings) on a PostgreSQL of your own (--database-url,
--pgdata: the run restarts that server with pg_ctl) and a redis-server it starts itself
(--redis-port). Two gunicorn app servers (two workers each) and one `manage.py run_worker`
serve steady traffic: three anonymous readers and --participants logged-in people who
enrol on and cancel from editions of 4 seats. In sequence:

1. Redis stopped for --outage seconds (every 500 or connection error counted);
2. PostgreSQL restarted (`pg_ctl restart -m fast`): errors counted and how long they lasted;
3. a certificate batch enqueued for a programme year, the worker killed (SIGKILL) once part
   of it exists, and started again with the same worker id (as a supervisor does);
4. traffic stops; `requeue_stuck_tasks --minuten 0`, `reconcile_waitlists`; the worker drains.

Then the checks (exit status 1 if any fails): no 500 while Redis was down; no edition over
capacity and none with a free seat while someone waits; every promotion recorded once and
mailed once; every mail that left (benchmarks/fault_mail.py logs each with its event) has
its SentMail claim and no event was mailed twice; the batch complete with every PDF on
disk and mailed; no task left READY, RUNNING or FAILED. Figures go to stdout and
benchmarks/results/fault_run.json. See benchmarks/README.md, "Fault run".
"""

import argparse
import collections
import http.cookiejar
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "fout-run-2026"
WORKER_ID = "fault-run-worker"
CERTIFICATE_EDITIONS = 6
CERTIFICATE_PEOPLE = 20
SEAT_EDITIONS = 3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5499/faults")
    parser.add_argument("--pgdata", default="/tmp/faults-pg", help="data directory of that server, for pg_ctl")
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    parser.add_argument("--pg-options", default="-p 5499 -k /tmp")
    parser.add_argument("--pg-user", default="postgres", help="system user that runs pg_ctl when we are root")
    parser.add_argument("--prepare", action="store_true", help="create the database and its data first")
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--ports", default="8401,8402", help="the gunicorn app servers' ports")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--participants", type=int, default=18, help="six per edition of 4 seats")
    parser.add_argument("--before", type=float, default=15)
    parser.add_argument("--outage", type=float, default=20)
    parser.add_argument("--between", type=float, default=10, help="seconds of traffic between the faults")
    parser.add_argument("--kill-after", type=int, default=20, help="kill the worker once this many certificates exist")
    parser.add_argument("--role", help=argparse.SUPPRESS)
    return parser.parse_args()


def environment(args):
    return {
        "STATIC_ROOT": str(RESULTS / "fault-static"),
        "MEDIA_ROOT": str(RESULTS / "fault-media"),
        "PRIVATE_MEDIA_ROOT": str(RESULTS / "fault-private"),
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "MAILER_BACKEND": "benchmarks.fault_mail.EventLogBackend",
        "FAULT_MAIL_LOG": str(RESULTS / "fault-mail.jsonl"),
        "LOG_LEVEL": "WARNING",
    }


def log(message):
    print(f"[fault-run {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Django-side roles, each run in a fresh process -------------------------------------


def role_prepare():
    import datetime
    from datetime import timedelta

    from allauth.account.models import EmailAddress

    from django.contrib.auth import get_user_model

    from wagtail.models import Page

    from accounts.services import get_or_create_profile
    from attendance.models import Attendance
    from courses.models import CoursePage, ProgrammeYear
    from enrolment.models import Enrolment
    from tests import factories

    User = get_user_model()
    for number in range(1, 41):
        email = f"fout{number}@example.org"
        user, created = User.objects.get_or_create(username=email, defaults={"email": email, "first_name": "Fout"})
        if created:
            user.last_name = f"Deelnemer {number}"
            user.set_password(PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        get_or_create_profile(user)
    courses = list(CoursePage.objects.live().order_by("pk")[:SEAT_EDITIONS])
    for course in courses:
        factories.make_edition(course, capacity=4, starts_in_days=40, province="limburg")

    catalogue = Page.objects.get(slug="aanbod").specific
    track = factories.make_track(catalogue, slug="fout-run", title="Fout-run")
    package = factories.make_package(track, title="Fout-run pakket")
    venue = factories.make_venue()
    year = ProgrammeYear.objects.create(
        name="1990-1991", starts_on=datetime.date(1990, 9, 1), ends_on=datetime.date(1991, 8, 31), is_published=True
    )
    for number in range(CERTIFICATE_EDITIONS):
        course = factories.make_course(package, title=f"Fout-run attest {number + 1}", attendance_threshold=100)
        edition = factories.make_edition(
            course, sessions=2, starts_in_days=-60, venue=venue, capacity=CERTIFICATE_PEOPLE, programme_year=year
        )
        prefix = f"fout-attest-{number}-"
        User.objects.bulk_create(
            User(username=f"{prefix}{n}@example.org", email=f"{prefix}{n}@example.org", password="!")
            for n in range(CERTIFICATE_PEOPLE)
        )
        people = User.objects.filter(username__startswith=prefix)
        joined_at = edition.starts_at - timedelta(days=7)
        Enrolment.objects.bulk_create(
            Enrolment(person=person, edition=edition, status=Enrolment.Status.CONFIRMED, confirmed_at=joined_at)
            for person in people
        )
        Attendance.objects.bulk_create(
            Attendance(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)
            for enrolment in Enrolment.objects.filter(edition=edition)
            for session in edition.sessions.all()
        )
    print(json.dumps({"programme_year": year.pk}))


def role_targets():
    from certificates.models import Certificate
    from courses.models import Edition, ProgrammeYear

    editions = Edition.objects.filter(capacity=4, province="limburg", status=Edition.Status.APPROVED).order_by("-pk")
    editions = list(editions[:SEAT_EDITIONS])
    year = ProgrammeYear.objects.get(name="1990-1991")
    print(
        json.dumps(
            {
                "editions": [[edition.pk, edition.course.url] for edition in editions],
                "code": Certificate.objects.exclude(edition__programme_year=year).first().code,
                "programme_year": year.pk,
            }
        )
    )


def role_enqueue(year_id):
    from certificates.tasks import issue_certificates_for_programme_year

    issue_certificates_for_programme_year.enqueue(int(year_id))


def role_count(year_id):
    from django_tasks_db.models import DBTaskResult

    from certificates.models import Certificate

    certificates = Certificate.objects.filter(edition__programme_year_id=int(year_id)).count()
    busy = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    print(json.dumps({"certificates": certificates, "busy": busy}))


def role_checks(year_id, since):
    import datetime

    from django_tasks_db.models import DBTaskResult

    from django.db.models import Count, Q

    from wagtail.models import ModelLogEntry

    from academy.models import SentMail
    from certificates.models import Certificate
    from courses.models import Edition
    from enrolment.models import Enrolment
    from enrolment.selectors import list_editions_with_free_seats_and_waitlist

    since = datetime.datetime.fromisoformat(since)
    result = {}
    over = Edition.objects.annotate(
        confirmed=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED))
    ).filter(confirmed__gt=models_f("capacity"))
    result["editions_over_capacity"] = list(over.values_list("pk", flat=True))
    result["editions_free_seat_while_waiting"] = list(
        list_editions_with_free_seats_and_waitlist().values_list("pk", flat=True)
    )
    seat_editions = Edition.objects.filter(capacity=4, province="limburg").order_by("-pk")[:SEAT_EDITIONS]
    result["seat_editions"] = [
        {
            "edition": edition.pk,
            "confirmed": edition.enrolments.filter(status=Enrolment.Status.CONFIRMED).count(),
            "waiting": edition.enrolments.filter(status=Enrolment.Status.WAITLISTED).count(),
        }
        for edition in seat_editions
    ]
    promotions = ModelLogEntry.objects.filter(action="academy.enrolment.promote", timestamp__gte=since)
    per_enrolment = collections.Counter(promotions.values_list("object_id", flat=True))
    result["promotions"] = len(per_enrolment)
    result["promotions_recorded_twice"] = [pk for pk, n in per_enrolment.items() if n > 1]
    promoted_events = {f"enrolment:promoted:{pk}" for pk in per_enrolment}
    mailed = set(SentMail.objects.filter(event__in=promoted_events).values_list("event", flat=True))
    result["promotions_without_mail"] = sorted(promoted_events - mailed)

    claims = collections.Counter(SentMail.objects.filter(sent_at__gte=since).values_list("event", "recipient_hash"))
    lines = collections.Counter()
    path = Path(os.environ["FAULT_MAIL_LOG"])
    if path.exists():
        for line in path.read_text().splitlines():
            row = json.loads(line)
            lines[(row["event"], row["recipient"])] += 1
    result["sent_mail_rows"] = sum(claims.values())
    result["mails_out"] = sum(lines.values())
    result["mail_events"] = collections.Counter(event.rsplit(":", 1)[0] for event, _r in claims)
    result["mails_sent_twice"] = [event for (event, _r), n in lines.items() if n > 1]
    result["mails_without_claim"] = [event for key, n in lines.items() for event in [key[0]] if key not in claims]
    result["claims_without_mail"] = [event for key in claims for event in [key[0]] if key not in lines]

    certificates = Certificate.objects.filter(edition__programme_year_id=int(year_id))
    result["certificates"] = certificates.count()
    result["certificates_expected"] = CERTIFICATE_EDITIONS * CERTIFICATE_PEOPLE
    result["certificates_without_pdf"] = [
        c.pk for c in certificates if not c.pdf or not c.pdf.storage.exists(c.pdf.name)
    ]
    events = {f"certificate:issued:{pk}" for pk in certificates.values_list("pk", flat=True)}
    result["certificates_not_mailed"] = len(
        events - set(SentMail.objects.filter(event__in=events).values_list("event", flat=True))
    )
    tasks = DBTaskResult.objects.filter(status__in=["READY", "RUNNING", "FAILED"])
    result["tasks_left"] = [f"{t.task_path} {t.status}" for t in tasks]
    result["tasks_run"] = DBTaskResult.objects.filter(enqueued_at__gte=since).count()
    print(json.dumps(result))


def models_f(name):
    from django.db.models import F

    return F(name)


def run_role(args, *role_args):
    env = environment(args)
    output = subprocess.run(
        [
            PYTHON,
            __file__,
            "--role",
            ",".join(role_args),
            "--database-url",
            args.database_url,
            "--redis-port",
            str(args.redis_port),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    lines = output.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


# --- processes --------------------------------------------------------------------------


def count_certificates(args, year):
    """Count the batch's certificates in SQL: a Django process per poll is too slow to
    catch the worker mid-batch."""
    import psycopg

    url = urllib.parse.urlparse(args.database_url)
    with psycopg.connect(f"postgresql://{url.username}@{url.hostname}:{url.port}/{url.path.lstrip('/')}") as db:
        return db.execute(
            "SELECT count(*) FROM certificates_certificate c JOIN courses_edition e ON e.id = c.edition_id"
            " WHERE e.programme_year_id = %s",
            [year],
        ).fetchone()[0]


def wait_until_serving(bases, timeout=120):
    deadline = time.time() + timeout
    for base in bases:
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    raise
            time.sleep(0.5)


def start_redis(port):
    return subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )


def start_worker(env):
    logfile = open(RESULTS / "fault-worker.log", "a")  # noqa: SIM115 - lives as long as the worker
    return subprocess.Popen(
        [PYTHON, "manage.py", "run_worker", "--interval", "0.1", "--no-startup-delay", "--worker-id", WORKER_ID],
        env=env,
        cwd=ROOT,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )


def pg_ctl(args, *command):
    line = [f"{args.pg_bin}/pg_ctl", "-D", args.pgdata, "-o", args.pg_options, "-l", "/tmp/faults-pg.log", *command]
    if os.geteuid() == 0:
        line = ["su", args.pg_user, "-s", "/bin/sh", "-c", " ".join(f"'{part}'" for part in line)]
    subprocess.run(line, check=True, stdout=subprocess.DEVNULL)


def prepare(args, env):
    import psycopg

    url = urllib.parse.urlparse(args.database_url)
    name = url.path.lstrip("/")
    admin = f"postgresql://{url.username}@{url.hostname}:{url.port}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
        log(" ".join(command))
        subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    log("accounts, editions of 4 seats, a programme year to certify")
    run_role(args, "prepare")


# --- traffic ----------------------------------------------------------------------------


class Traffic:
    def __init__(self, bases, editions, code):
        self.bases = bases
        self.editions = editions
        self.code = code
        self.phase = "before"
        self.counts = collections.defaultdict(collections.Counter)
        self.errors = collections.defaultdict(list)
        self.lock = threading.Lock()
        self.running = True

    def fetch(self, browser, base, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body, headers={"Referer": base})
        try:
            with browser.open(request, timeout=30) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode()
        except OSError:
            status, html = "connection error", ""
        with self.lock:
            self.counts[self.phase][status] += 1
            if status == "connection error" or status >= 500:
                self.errors[self.phase].append((time.time(), status, path))
        return status, html

    def reader(self, number):
        browser = urllib.request.build_opener()
        base = self.bases[number % len(self.bases)]
        paths = ["/", "/aanbod/", "/aanbod/?provincie=limburg", "/vormingsvraag/", f"/attest/{self.code}/"]
        paths += [url for _pk, url in self.editions]
        index = 0
        while self.running:
            self.fetch(browser, base, paths[index % len(paths)])
            index += 1

    def participant(self, number):
        rng = random.Random(number)
        base = self.bases[number % len(self.bases)]
        edition_id, course_url = self.editions[number % len(self.editions)]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        logged_in = False
        while self.running:
            if not logged_in:
                _status, html = self.fetch(browser, base, "/account/login/")
                email = f"fout{number + 1}@example.org"
                status, html = self.fetch(
                    browser, base, "/account/login/", {"login": email, "password": PASSWORD, **csrf(html)}
                )
                # A logged-in page has no password field; the login page has one.
                logged_in = status == 200 and 'name="password"' not in html
                if not logged_in:
                    time.sleep(0.5)
                    continue
            _status, html = self.fetch(browser, base, course_url)
            self.fetch(browser, base, f"/mijn/inschrijven/{edition_id}/", csrf(html))
            time.sleep(rng.uniform(0.2, 1.0))
            status, html = self.fetch(browser, base, "/mijn/")
            if status == 200 and 'name="password"' in html:
                logged_in = False
                continue
            cancel = re.search(r'action="(/mijn/inschrijvingen/\d+/annuleren/)"', html)
            if cancel and rng.random() < 0.6:
                self.fetch(browser, base, cancel.group(1), csrf(html))
            time.sleep(rng.uniform(0.2, 1.0))


def csrf(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return {"csrfmiddlewaretoken": found.group(1) if found else ""}


def error_window(errors):
    if not errors:
        return 0.0
    return errors[-1][0] - errors[0][0]


def main():
    args = parse_args()
    if args.role:
        os.environ.update(environment(args))
        import django

        django.setup()
        name, *rest = args.role.split(",")
        {
            "prepare": role_prepare,
            "targets": role_targets,
            "enqueue": role_enqueue,
            "count": role_count,
            "checks": role_checks,
        }[name](*rest)
        return 0

    env = environment(args)
    RESULTS.mkdir(exist_ok=True)
    if args.prepare:
        prepare(args, env)
    targets = run_role(args, "targets")
    year = targets["programme_year"]
    mail_log = RESULTS / "fault-mail.jsonl"
    mail_log.unlink(missing_ok=True)
    (RESULTS / "fault-worker.log").unlink(missing_ok=True)
    since = run_role_now()
    ports = [int(port) for port in args.ports.split(",")]
    redis = start_redis(args.redis_port)
    servers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "academy.wsgi",
                "-w",
                str(args.gunicorn_workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ]
    worker = start_worker(env)
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    traffic = Traffic(bases, targets["editions"], targets["code"])
    figures = {"command": " ".join(sys.argv)}
    threads = []
    try:
        wait_until_serving(bases)
        threads = [threading.Thread(target=traffic.reader, args=(n,)) for n in range(3)]
        threads += [threading.Thread(target=traffic.participant, args=(n,)) for n in range(args.participants)]
        for thread in threads:
            thread.start()
        time.sleep(args.before)

        log(f"Redis stopped for {args.outage:.0f} s")
        traffic.phase = "redis down"
        redis.terminate()
        redis.wait()
        time.sleep(args.outage)
        redis = start_redis(args.redis_port)
        traffic.phase = "after redis"
        time.sleep(args.between)

        log("PostgreSQL restart -m fast")
        traffic.phase = "postgres restart"
        started = time.time()
        pg_ctl(args, "restart", "-m", "fast")
        figures["pg_restart_seconds"] = round(time.time() - started, 2)
        time.sleep(args.between)

        log("certificate batch enqueued")
        traffic.phase = "worker killed"
        run_role(args, "enqueue", str(year))
        deadline = time.time() + 120
        while time.time() < deadline and count_certificates(args, year) < args.kill_after:
            time.sleep(0.02)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        figures["certificates_when_killed"] = count_certificates(args, year)
        log(f"worker killed (SIGKILL) with {figures['certificates_when_killed']} certificates made; restarted")
        time.sleep(2)
        worker = start_worker(env)
        time.sleep(args.between)
        traffic.phase = "end"
        traffic.running = False
        for thread in threads:
            thread.join()

        for command in (["requeue_stuck_tasks", "--minuten", "0"], ["reconcile_waitlists"]):
            output = subprocess.run(
                [PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, capture_output=True, text=True
            )
            figures[command[0]] = output.stdout.strip().splitlines()[-1]
            log(f"{' '.join(command)}: {figures[command[0]]}")
        deadline = time.time() + 180
        while time.time() < deadline:
            state = run_role(args, "count", str(year))
            if state["busy"] == 0:
                break
            time.sleep(0.5)
        figures["drained"] = state["busy"] == 0
    finally:
        traffic.running = False
        for thread in threads:
            thread.join()
        worker.terminate()
        worker.wait()
        for server in servers:
            server.terminate()
            server.wait()
        redis.terminate()
        redis.wait()

    checks = run_role(args, "checks", str(year), since)
    figures["requests"] = {phase: dict(counts) for phase, counts in traffic.counts.items()}
    figures["errors"] = {phase: len(errors) for phase, errors in traffic.errors.items()}
    figures["pg_error_window_seconds"] = round(error_window(traffic.errors.get("postgres restart", [])), 2)
    figures["redis_down_errors"] = [f"{status} {path}" for _t, status, path in traffic.errors.get("redis down", [])][
        :20
    ]
    figures.update(checks)
    (RESULTS / "fault_run.json").write_text(json.dumps(figures, indent=2, default=str))

    verdicts = {
        "no 500 or connection error while Redis was down": not traffic.errors.get("redis down"),
        "no edition over capacity": not checks["editions_over_capacity"],
        "no free seat while someone waits": not checks["editions_free_seat_while_waiting"],
        "every promotion recorded once": not checks["promotions_recorded_twice"],
        "every promotion mailed": not checks["promotions_without_mail"],
        "no mail sent twice": not checks["mails_sent_twice"],
        "every mail has its claim, every claim its mail": not checks["mails_without_claim"]
        and not checks["claims_without_mail"],
        "certificate batch complete": checks["certificates"] == checks["certificates_expected"],
        "every certificate has its PDF": not checks["certificates_without_pdf"],
        "every certificate mailed": checks["certificates_not_mailed"] == 0,
        "no task left READY, RUNNING or FAILED": not checks["tasks_left"] and figures.get("drained"),
    }
    for phase, counts in traffic.counts.items():
        print(f"{phase:>16}: {sum(counts.values())} requests, " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    print(
        f"PostgreSQL restart: pg_ctl took {figures['pg_restart_seconds']} s; "
        f"{figures['errors'].get('postgres restart', 0)} errors over {figures['pg_error_window_seconds']} s"
    )
    print(
        f"Worker killed with {figures['certificates_when_killed']} of {checks['certificates_expected']} "
        f"certificates; {figures['requeue_stuck_tasks']}; {figures['reconcile_waitlists']}"
    )
    print(
        f"Promotions {checks['promotions']}, mails out {checks['mails_out']}, SentMail rows "
        f"{checks['sent_mail_rows']} ({dict(checks['mail_events'])}), tasks {checks['tasks_run']}"
    )
    print(f"Seat editions at the end: {checks['seat_editions']}")
    for name, ok in verdicts.items():
        print(f"{'OK  ' if ok else 'FAIL'} {name}")
    return 0 if all(verdicts.values()) else 1


def run_role_now():
    import datetime

    return datetime.datetime.now(datetime.UTC).isoformat()


if __name__ == "__main__":
    sys.exit(main())
