"""Certificate batches through the task queue: `.venv/bin/python benchmarks/certificate_batch.py`.

Issues the certificates of a whole programme year the way production does: one
`issue_certificates_for_programme_year` task in the database task backend
(django_tasks_db) fans out into one `issue_certificates_for_edition` task per edition,
every chunk of new certificates queues one `send_certificate_mails` task, and two
`manage.py db_worker` processes run all of them. Reported per batch size (default 100
and 1,000 certificates, 10 editions each): certificates per second and each worker's
peak resident memory (VmHWM), after a warm-up of 300 certificates per worker and at the
end of the batch.

The comparison line runs the same batches with WeasyPrint's default path (one document
per certificate, a new FontConfiguration and the stylesheet parsed for each): the same
`db_worker` command, started through this script so that `certificates` can use that
path. A third, in-process probe renders 2,000 certificates on both paths, ten at a time
as a batch does, and reports milliseconds per PDF and the resident memory curve.

--profile adds where the time goes (wall clock) while one edition is issued in this
process (the mails sent afterwards): PDF layout, HTML and QR code, rows, storage, audit
log, package progress, mail and the rest.

See benchmarks/README.md, section "Certificate batches".
"""

import argparse
import datetime
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from contextlib import redirect_stdout
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
MEDIA = RESULTS / "certificate-media"
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402 - needs ROOT on sys.path
    CLK_TCK,
    DEFAULT_REDIS,
    _process_ticks,
    _system_busy_ticks,
    clear_bench_cache,
    create_database,
    drop_database,
    is_postgres,
    machine_description,
    other_load_before,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_certificates"
PATHS = {
    "reuse": "reused FontConfiguration and stylesheet (academy.pdf)",
    "default": "WeasyPrint default: new FontConfiguration, CSS parsed per document",
}
POLL_SECONDS = 0.05
TARGET_RATE = 45


def log(message):
    print(f"[cert-bench] {message}", file=sys.stderr, flush=True)


class BenchmarkFailed(Exception):
    pass


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE,
                        help=f"database to drop and create (default {DEFAULT_DATABASE}; or sqlite:///…)")  # fmt: skip
    parser.add_argument("--sizes", default="100,1000",
                        help="certificates per batch, comma-separated (default 100,1000)")  # fmt: skip
    parser.add_argument("--editions", type=int, default=10, help="editions per batch (default 10)")
    parser.add_argument("--sessions", type=int, default=2, help="sessions per edition, all attended (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="db_worker processes (default 2)")
    parser.add_argument("--warmup", type=int, default=300,
                        help="certificates each worker issues before the measured batch (default 300)")  # fmt: skip
    parser.add_argument("--paths", default="reuse,default",
                        help="PDF paths to run the batches on: reuse, default (default both)")  # fmt: skip
    parser.add_argument("--probe", type=int, default=2000,
                        help="PDFs per path in the in-process memory probe, a multiple of 10, 0 to skip "
                             "(default 2000)")  # fmt: skip
    parser.add_argument("--profile", action="store_true", help="profile one edition of 100 issued in this process")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS),
                        help=f"cache for benchmarks.settings (default {DEFAULT_REDIS})")  # fmt: skip
    parser.add_argument("--output", type=Path, default=RESULTS / "certificate_batch.md", help="Markdown report path")
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    # Internal: the process roles this script starts itself.
    parser.add_argument("--worker", choices=sorted(PATHS), help=argparse.SUPPRESS)
    parser.add_argument("--worker-id", help=argparse.SUPPRESS)
    parser.add_argument("--probe-path", choices=sorted(PATHS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    args.paths = [part.strip() for part in args.paths.split(",") if part.strip()]
    if set(args.paths) - set(PATHS):
        parser.error(f"--paths: choose from {', '.join(PATHS)}")
    if args.editions < 1 or args.workers < 1 or args.sessions < 1 or any(size % args.editions for size in args.sizes):
        parser.error("--editions, --workers and --sessions must be at least 1; every size a multiple of --editions")
    return args


def child_environment(database_url, redis_url):
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PRIVATE_MEDIA_ROOT=str(MEDIA),
        # The console mailer renders every message with its PDF attachment, as SMTP would,
        # and writes it to the worker's stdout, which goes nowhere; the locmem outbox would
        # keep every PDF in the worker's memory.
        MAILER_BACKEND="django.core.mail.backends.console.EmailBackend",
        LOG_LEVEL="WARNING",
    )


def setup_django(database_url, redis_url):
    os.environ.update(child_environment(database_url, redis_url))
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


def use_default_weasyprint_path():
    """Make certificates lay their PDFs out as WeasyPrint does by default: one document per
    certificate, a new FontConfiguration and the stylesheet parsed for each."""
    from weasyprint import CSS, HTML

    from django.template.loader import render_to_string

    from certificates import rendering, services

    def render_certificate_pdfs(certificates, *, academy, site_url):
        return [
            HTML(string=rendering.certificates_html([certificate], academy=academy, site_url=site_url)).write_pdf(
                stylesheets=[CSS(string=render_to_string(rendering.STYLESHEET))], pdf_tags=True
            )
            for certificate in certificates
        ]

    rendering.render_certificate_pdfs = services.render_certificate_pdfs = render_certificate_pdfs


# --- process memory ---------------------------------------------------------------


def memory_of(pid):
    """VmRSS and VmHWM (peak) of a process in MiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, value = line.split(":", 1)
            figures[key] = int(value.split()[0]) / 1024
    return figures["VmRSS"], figures["VmHWM"]


def own_rss():
    return memory_of(os.getpid())[0]


# --- data ---------------------------------------------------------------------------


class Offer:
    """A site with a logo, a track and a basic package; every batch gets its own year."""

    def __init__(self):
        from tests import factories

        self.factories = factories
        _home, catalogue = factories.make_site()
        self._set_logo()
        track = factories.make_track(catalogue)
        self.package = factories.make_package(track, title="Basisvorming politieke vorming")
        self.partners = [factories.make_partner("ACV"), factories.make_partner("Femma"), factories.make_partner("OKRA")]
        self.venue = factories.make_venue()
        self.years = 0

    def _set_logo(self):
        """A PNG logo of 600 × 180 pixels, as the academy's SiteSettings carry one."""
        from PIL import Image as PillowImage
        from PIL import ImageDraw

        from django.core.files.images import ImageFile

        from wagtail.images import get_image_model
        from wagtail.models import Site

        from academy.models import SiteSettings

        picture = PillowImage.new("RGB", (600, 180), "white")
        ImageDraw.Draw(picture).rectangle((10, 10, 170, 170), fill="#7a1f3d")
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        logo = get_image_model().objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.logo = logo
        site_settings.academy_name = "Sociale en Politieke Academie"
        site_settings.save()

    def programme_year(self, *, editions, participants, sessions, label):
        """A year whose editions have ended, every participant present at every session."""
        from django.contrib.auth import get_user_model

        from attendance.models import Attendance
        from courses.models import ProgrammeYear
        from enrolment.models import Enrolment

        self.years += 1
        year = ProgrammeYear.objects.create(
            name=f"{2000 + self.years}-{2001 + self.years}",
            starts_on=datetime.date(2000 + self.years, 9, 1),
            ends_on=datetime.date(2001 + self.years, 8, 31),
            is_published=True,
        )
        User = get_user_model()
        password = "!"  # unusable; nobody logs in
        for number in range(editions):
            course = self.factories.make_course(
                self.package, title=f"Lokale politiek {label} {number + 1}", attendance_threshold=100
            )
            course.partner_organisations.set(self.partners[: 1 + number % 3])
            edition = self.factories.make_edition(
                course,
                sessions=sessions,
                starts_in_days=-60,
                venue=self.venue,
                capacity=max(participants, 1),
                programme_year=year,
            )
            prefix = f"{label}-{number}-"
            User.objects.bulk_create(
                User(
                    username=f"{prefix}{n}@example.org",
                    email=f"{prefix}{n}@example.org",
                    password=password,
                    first_name="Deelnemer",
                    last_name=f"{label.title()} {number}.{n}",
                )
                for n in range(participants)
            )
            people = User.objects.filter(username__startswith=prefix)
            joined_at = edition.starts_at - timedelta(days=7)
            Enrolment.objects.bulk_create(
                Enrolment(person=person, edition=edition, status=Enrolment.Status.CONFIRMED, confirmed_at=joined_at)
                for person in people
            )
            enrolments = list(Enrolment.objects.filter(edition=edition))
            Attendance.objects.bulk_create(
                Attendance(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)
                for enrolment in enrolments
                for session in edition.sessions.all()
            )
        return year


# --- workers ----------------------------------------------------------------------


class Worker:
    """One db_worker process: `manage.py db_worker`, or this script wrapping the same
    command for the default WeasyPrint path."""

    def __init__(self, *, path, worker_id, env, stderr):
        options = ["--interval", str(POLL_SECONDS), "--no-startup-delay", "--no-reload", "--verbosity", "0"]
        if path == "reuse":
            command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--worker-id", worker_id, *options]
        else:
            command = [sys.executable, __file__, "--worker", path, "--worker-id", worker_id]
        self.worker_id = worker_id
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=False
        )
        self.rusage = None

    @property
    def pid(self):
        return self.process.pid

    def memory(self):
        return memory_of(self.pid)

    def stop(self):
        """SIGTERM (the worker is idle, so it exits at once); return its peak RSS in MiB."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            _pid, status, self.rusage = os.wait4(self.pid, 0)
        except ChildProcessError:
            return None
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return self.rusage.ru_maxrss / 1024  # KiB on Linux


def run_worker(args):
    """The --worker role: db_worker with the PDF path asked for."""
    setup_django(os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    if args.worker == "default":
        use_default_weasyprint_path()
    from django.core.management import call_command

    call_command(
        "db_worker",
        worker_id=args.worker_id,
        interval=POLL_SECONDS,
        startup_delay=False,
        reload=False,
        verbosity=0,
    )


def task_rows(since):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(enqueued_at__gte=since)


def wait_for_queue(since, *, expect_certificates, certificates, workers, timeout=900, on_poll=None):
    """Wait until the certificates exist and no task enqueued since `since` is ready or
    running. Raise BenchmarkFailed on a failed task, a dead worker or the timeout."""
    from django.tasks import TaskResultStatus

    deadline = time.monotonic() + timeout
    while True:
        time.sleep(POLL_SECONDS)
        if on_poll:
            on_poll()
        for worker in workers:
            if worker.process.poll() is not None:
                raise BenchmarkFailed(f"worker {worker.worker_id} exited with {worker.process.returncode}")
        rows = task_rows(since)
        failed = rows.filter(status=TaskResultStatus.FAILED).first()
        if failed is not None:
            raise BenchmarkFailed(f"task {failed.task_path} failed:\n{failed.traceback}")
        pending = rows.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
        if not pending and certificates.count() >= expect_certificates:
            return
        if time.monotonic() > deadline:
            raise BenchmarkFailed(f"queue not empty after {timeout} s")


def postgres_backends(database_name):
    marker = f" {database_name} ".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"postgres: ") and marker in title:
                pids.append(int(entry.name))
    return pids


def cpu_snapshot(pids):
    return time.monotonic(), _system_busy_ticks(), {pid: _process_ticks(pid) for pid in pids}


def cpu_compare(before, after):
    elapsed = after[0] - before[0]
    busy = (after[1] - before[1]) / CLK_TCK / elapsed
    ours = sum(ticks - before[2].get(pid, 0) for pid, ticks in after[2].items()) / CLK_TCK / elapsed
    return {"busy_cores": busy, "our_cores": ours, "other_cores": max(0.0, busy - ours)}


def run_batch(args, offer, *, size, path, env, database_name):
    """Issue a fresh programme year of `size` certificates with fresh workers."""
    from django.db import connections
    from django.tasks import TaskResultStatus
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.tasks import issue_certificates_for_edition, issue_certificates_for_programme_year

    label = f"{path}{size}"
    # Several warm-up editions per worker, so that each runs some of them.
    warmup_editions = 5 * args.workers
    warmup_participants = max(1, args.warmup * args.workers // warmup_editions)
    warmup_year = offer.programme_year(
        editions=warmup_editions, participants=warmup_participants, sessions=args.sessions, label=f"{label}w"
    )
    year = offer.programme_year(
        editions=args.editions, participants=size // args.editions, sessions=args.sessions, label=label
    )
    connections.close_all()
    stderr = (RESULTS / "certificate_workers.log").open("a")
    workers = [
        Worker(path=path, worker_id=f"bench-{label}-{n + 1}", env=env, stderr=stderr) for n in range(args.workers)
    ]
    try:
        # Warm-up: every worker loads the task code, templates, WeasyPrint and fonts and
        # issues a few hundred certificates before the measured batch, as a production
        # worker has long done: the font and text-shaping caches below WeasyPrint grow over
        # a worker's first few hundred PDFs and then stay (see the in-process probe).
        warmup_certificates = Certificate.objects.filter(edition__programme_year=warmup_year)
        since = timezone.now()
        for edition_id in warmup_year.editions.order_by("pk").values_list("pk", flat=True):
            issue_certificates_for_edition.enqueue(edition_id)
        wait_for_queue(
            since, expect_certificates=warmup_editions * warmup_participants, certificates=warmup_certificates,
            workers=workers,
        )  # fmt: skip
        warmed = {
            worker_id
            for ids in task_rows(since)
            .filter(task_path="certificates.tasks.issue_certificates_for_edition", status=TaskResultStatus.SUCCESSFUL)
            .values_list("worker_ids", flat=True)
            for worker_id in ids
        }
        if len(warmed) < len(workers):
            raise BenchmarkFailed(f"only {len(warmed)} of {len(workers)} workers ran a warm-up task")
        warm_memory = {worker.worker_id: worker.memory() for worker in workers}

        # The measured batch: one task for the year, as the admin action enqueues it.
        certificates = Certificate.objects.filter(edition__programme_year=year)
        samples = {worker.worker_id: [] for worker in workers}

        def sample():
            issued = certificates.count()
            for worker in workers:
                try:
                    samples[worker.worker_id].append((issued, *worker.memory()))
                except OSError:
                    pass

        meter_pids = [os.getpid(), *(worker.pid for worker in workers), *postgres_backends(database_name)]
        log(f"{path} path, {size} certificates: {args.editions} editions × {size // args.editions}, workers warm")
        before = cpu_snapshot(meter_pids)
        since = timezone.now()
        started = time.perf_counter()
        issue_certificates_for_programme_year.enqueue(year.pk)
        wait_for_queue(since, expect_certificates=size, certificates=certificates, workers=workers, on_poll=sample)
        polled_wall = time.perf_counter() - started
        cpu = cpu_compare(before, cpu_snapshot(meter_pids))
        rows = task_rows(since)
        first = rows.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        last = max(rows.values_list("finished_at", flat=True))
        last_pdf = max(certificates.values_list("rendered_at", flat=True))
        end_memory = {worker.worker_id: worker.memory() for worker in workers}
        by_task = {}
        per_worker = {worker.worker_id: 0 for worker in workers}
        mails = 0
        for task_path, ids, returned in rows.values_list("task_path", "worker_ids", "return_value"):
            name = task_path.rsplit(".", 1)[1]
            by_task[name] = by_task.get(name, 0) + 1
            if name == "send_certificate_mails":
                mails += returned
            for worker_id in ids:
                per_worker[worker_id] = per_worker.get(worker_id, 0) + 1
        issued = certificates.exclude(pdf="").count()
        if issued != size or mails != size:
            raise BenchmarkFailed(f"{issued} certificates with a PDF and {mails} mails sent for {size}")
        missing = [c.code for c in certificates.only("pdf", "code") if not (MEDIA / c.pdf.name).is_file()]
        if missing:
            raise BenchmarkFailed(f"{len(missing)} PDFs missing on disk, e.g. {missing[0]}")
    finally:
        peaks = {worker.worker_id: worker.stop() for worker in workers}
        stderr.close()
    wall = (last - first).total_seconds()
    certificates_wall = (last_pdf - first).total_seconds()
    result = {
        "path": path,
        "size": size,
        "editions": args.editions,
        "workers": args.workers,
        "wall": wall,
        "polled_wall": polled_wall,
        "certificates_wall": certificates_wall,
        "rate": size / wall,
        "certificates_rate": size / certificates_wall,
        "tasks": by_task,
        "tasks_per_worker": per_worker,
        "workers_memory": [
            {
                "worker": worker_id,
                "rss_warm": warm_memory[worker_id][0],
                "peak_warm": warm_memory[worker_id][1],
                "rss_end": end_memory[worker_id][0],
                "peak": peaks[worker_id] or end_memory[worker_id][1],
                "rss_curve": rss_curve(samples[worker_id], size),
            }
            for worker_id in peaks
        ],
        **cpu,
    }
    log(
        f"  {result['rate']:.1f} certificates/s with mails ({wall:.2f} s), {result['certificates_rate']:.1f}/s "
        f"PDFs alone; peak RSS "
        + ", ".join(f"{m['peak']:.0f} MiB (warm {m['peak_warm']:.0f})" for m in result["workers_memory"])
        + f"; CPU {cpu['our_cores']:.2f} ours / {cpu['other_cores']:.2f} other"
    )
    return result


def rss_curve(samples, size):
    """RSS (MiB) at about a quarter, half, three quarters and all of the batch issued."""
    curve = []
    for fraction in (0.25, 0.5, 0.75, 1.0):
        reached = [rss for issued, rss, _peak in samples if issued >= fraction * size]
        curve.append(round(reached[0], 1) if reached else None)
    return curve


# --- the in-process probe ---------------------------------------------------------


PROBE_CHECKPOINTS = (100, 500, 1000)


def run_probe(args):
    """The --probe-path role: render `--probe` certificates, ten at a time as a batch does,
    each with its own holder and code; report time per PDF and the resident memory curve."""
    import copy
    import secrets

    setup_django(os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    if args.probe_path == "default":
        use_default_weasyprint_path()
    from certificates import rendering
    from certificates.models import Certificate, new_certificate_code
    from certificates.selectors import get_issuer
    from certificates.services import RENDER_CHUNK

    issuer = get_issuer()
    issued = Certificate.objects.order_by("pk").first()

    def certificates(count):
        for _ in range(count):
            certificate = copy.copy(issued)
            certificate.code = new_certificate_code()
            certificate.holder_name = f"Deelnemer {secrets.token_hex(3)}"
            yield certificate

    def render(count):
        rendering.render_certificate_pdfs(list(certificates(count)), academy=issuer.settings, site_url=issuer.site_url)

    render(3)
    rss_start = own_rss()
    curve = {}
    started = time.perf_counter()
    for done in range(RENDER_CHUNK, args.probe + 1, RENDER_CHUNK):
        render(RENDER_CHUNK)
        if done in PROBE_CHECKPOINTS or done == args.probe:
            curve[done] = own_rss()
    elapsed = time.perf_counter() - started
    rss_end, peak = memory_of(os.getpid())
    settled = max((done for done in curve if done <= args.probe // 2), default=0)
    print(
        json.dumps(
            {
                "path": args.probe_path,
                "pdfs": args.probe,
                "ms_per_pdf": 1000 * elapsed / args.probe,
                "rss_start": rss_start,
                "curve": curve,
                "peak": peak,
                "settled_at": settled,
                # Growth per PDF once the caches have filled: over the second half of the run.
                "mib_per_pdf": (rss_end - curve[settled]) / (args.probe - settled) if settled else None,
            }
        )
    )


def probe(args, env, path):
    output = subprocess.run(
        [sys.executable, __file__, "--probe-path", path, "--probe", str(args.probe)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    curve = ", ".join(f"{rss:.0f} after {done}" for done, rss in result["curve"].items())
    log(
        f"probe, {path} path: {result['ms_per_pdf']:.1f} ms per PDF, RSS {result['rss_start']:.0f} MiB at the "
        f"start, {curve}; {result['mib_per_pdf'] or 0:.4f} MiB per PDF after {result['settled_at']}"
    )
    return result


# --- the profile --------------------------------------------------------------------

# Functions timed, wall clock, while one edition is issued in this process: (label,
# module, attribute). Nested ones are reported on their own and left out of the sum.
PROFILE_PARTS = [
    ("PDF layout and writing (WeasyPrint, academy.pdf.write_pdfs)", "certificates.rendering", "write_pdfs"),
    ("certificate HTML (template and QR code)", "certificates.rendering", "certificates_html"),
    ("  of which the QR code (segno)", "certificates.rendering", "qr_code_data_uri"),
    ("certificate rows (one INSERT per chunk)", "certificates.services", "_insert_many"),
    ("storing the PDFs and their names", "certificates.services", "_store_pdfs"),
    ("audit log entries (one INSERT per chunk)", "certificates.services", "_log_issued"),
    ("package progress", "certificates.services", "_people_who_may_complete"),
    ("completions of the batch", "certificates.services", "get_completions"),
]


def run_profile(offer, args):
    """Time issue_certificates_for_edition for one edition of 100 in this process, split
    into the parts above (the mails queued as task rows), then their mails sent with the
    console backend, as the mail task does."""
    import importlib

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates import notifications, services
    from certificates.models import Certificate

    # Warm as a worker is after --warmup certificates: the first few hundred PDFs of a
    # process are slower while the caches below WeasyPrint fill.
    warmup = offer.programme_year(editions=1, participants=args.warmup, sessions=args.sessions, label="profilew")
    services.issue_certificates_for_edition(warmup.editions.get())
    year = offer.programme_year(editions=1, participants=100, sessions=args.sessions, label="profile")
    edition = year.editions.get()
    spent = {label: 0.0 for label, _module, _name in PROFILE_PARTS}
    originals = []
    for label, module_name, name in PROFILE_PARTS:
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        originals.append((module, name, original))

        def timed(*call_args, _label=label, _original=original, **call_kwargs):
            started = time.perf_counter()
            try:
                return _original(*call_args, **call_kwargs)
            finally:
                spent[_label] += time.perf_counter() - started

        setattr(module, name, timed)
    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            issued = services.issue_certificates_for_edition(edition)
            issuing = time.perf_counter() - started
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    certificates = list(Certificate.objects.filter(edition=edition).select_related("person").order_by("pk"))
    sink = io.StringIO()
    started = time.perf_counter()
    with redirect_stdout(sink):
        for chunk_start in range(0, len(certificates), services.RENDER_CHUNK):
            notifications.send_certificate_mails(certificates[chunk_start : chunk_start + services.RENDER_CHUNK])
    mailing = time.perf_counter() - started
    parts = [{"part": label, "ms_per_certificate": 1000 * spent[label] / issued} for label, _m, _n in PROFILE_PARTS]
    counted = sum(part["ms_per_certificate"] for part in parts if not part["part"].startswith(" "))
    parts.append({"part": "the rest (queries, bookkeeping)", "ms_per_certificate": 1000 * issuing / issued - counted})
    result = {
        "issued": issued,
        "ms_per_certificate": 1000 * issuing / issued,
        "queries_per_certificate": len(queries) / issued,
        "mail_ms": 1000 * mailing / len(certificates),
        "parts": parts,
    }
    log(
        f"profile: {result['ms_per_certificate']:.1f} ms per certificate issued in-process, "
        f"{result['queries_per_certificate']:.1f} queries each, mail {result['mail_ms']:.1f} ms"
    )
    for part in parts:
        log(f"  {part['part']}: {part['ms_per_certificate']:.1f} ms")
    return result


# --- report -------------------------------------------------------------------------


def render(context, results, probes, profile):
    lines = [
        f"# Certificate batches, {context['when']}",
        "",
        f"- Machine: {context['machine']}",
        f"- Database: {context['database']}; WeasyPrint {context['weasyprint']}",
        f"- Per batch: one `issue_certificates_for_programme_year` task; {context['editions']} editions "
        f"({context['sessions']} sessions, everyone present); {context['workers']} `db_worker` processes, "
        f"fresh per batch, warmed up on {context['warmup']} certificates each first; ten certificates laid out "
        "per document; mails sent by the console backend to /dev/null",
        f"- Other load: {context['load_before']:.2f} cores busy before the run; `CPU other` per batch below",
        "",
        "| PDF path | certificates | wall (all tasks) | certificates/s | PDFs/s (without the last mails) "
        "| peak RSS per worker, warm → end | RSS at ¼, ½, ¾, all | CPU ours / other |",
        "|---|---:|---:|---:|---:|---|---|---:|",
    ]
    for result in results:
        memory = "; ".join(f"{m['peak_warm']:.0f} → {m['peak']:.0f} MiB" for m in result["workers_memory"])
        curve = "; ".join(" / ".join(f"{rss:.0f}" for rss in m["rss_curve"] if rss) for m in result["workers_memory"])
        lines.append(
            f"| {result['path']} | {result['size']} | {result['wall']:.2f} s | {result['rate']:.1f} | "
            f"{result['certificates_rate']:.1f} | {memory} | {curve} | "
            f"{result['our_cores']:.2f} / {result['other_cores']:.2f} |"
        )
    if probes:
        lines += [
            "",
            "In-process probe, one process, certificates rendered ten at a time as a batch does, each with "
            "its own holder and code (RSS in MiB):",
            "",
            "| PDF path | PDFs | ms per PDF | RSS at the start | RSS after 100 / 500 / 1,000 / all | "
            "MiB per PDF over the second half |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for result in probes:
            curve = " / ".join(f"{rss:.0f}" for rss in result["curve"].values())
            growth = f"{result['mib_per_pdf']:.4f}" if result["mib_per_pdf"] is not None else "–"
            lines.append(
                f"| {PATHS[result['path']]} | {result['pdfs']} | {result['ms_per_pdf']:.1f} | "
                f"{result['rss_start']:.0f} | {curve} | {growth} |"
            )
    if profile:
        lines += [
            "",
            f"Where the time goes (wall clock): one edition of {profile['issued']} issued in one "
            f"process, {profile['ms_per_certificate']:.1f} ms and {profile['queries_per_certificate']:.1f} SQL "
            f"queries per certificate; its mail {profile['mail_ms']:.1f} ms.",
            "",
            "| part | ms per certificate |",
            "|---|---:|",
        ]
        for part in profile["parts"]:
            lines.append(f"| {part['part']} | {part['ms_per_certificate']:.1f} |")
    lines.append("")
    return "\n".join(lines)


def main():
    args = parse_args()
    if args.worker:
        return run_worker(args)
    if args.probe_path:
        return run_probe(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "certificate_workers.log").write_text("")
    subprocess.run(["rm", "-rf", str(MEDIA)], check=True)
    load_before = other_load_before()
    log(f"{load_before:.2f} cores busy before the start")
    create_database(args.database_url)
    env = child_environment(args.database_url, args.redis_url)
    setup_django(args.database_url, args.redis_url)

    import weasyprint

    from django.core.management import call_command
    from django.db import connection, connections

    database_name = urllib.parse.urlsplit(args.database_url).path.lstrip("/") if is_postgres(args.database_url) else ""
    results, probes, profile = [], [], None
    failure = None
    try:
        clear_bench_cache(args.redis_url)
        log("migrate")
        call_command("migrate", interactive=False, verbosity=0)
        offer = Offer()
        for path in args.paths:
            for size in args.sizes:
                results.append(run_batch(args, offer, size=size, path=path, env=env, database_name=database_name))
        connections.close_all()
        if args.probe:
            probes = [probe(args, env, path) for path in ("reuse", "default")]
        if args.profile:
            profile = run_profile(offer, args)
        database = (
            f"PostgreSQL {connection.cursor().connection.info.parameter_status('server_version')} on this machine"
            if is_postgres(args.database_url)
            else "SQLite"
        )
    except BenchmarkFailed as error:
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
            subprocess.run(["rm", "-rf", str(MEDIA)], check=True)
    if failure is not None:
        print(f"FAILED:\n{failure}", file=sys.stderr)
        raise SystemExit(1)

    context = {
        "when": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine_description(),
        "database": database,
        "weasyprint": weasyprint.__version__,
        "editions": args.editions,
        "sessions": args.sessions,
        "warmup": args.warmup,
        "workers": args.workers,
        "load_before": load_before,
    }
    report = render(context, results, probes, profile)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    payload = {"context": context, "results": results, "probes": probes, "profile": profile}
    args.output.with_suffix(".json").write_text(json.dumps(payload, indent=2, default=str))
    print(report)
    return None


if __name__ == "__main__":
    main()
