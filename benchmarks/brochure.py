"""The programme brochure of a large year: `.venv/bin/python benchmarks/brochure.py`.

Seeds its own SQLite database once (`seed_demo --scale 10`: about 300 courses and 700
editions in one published programme year; --prepare to seed again), then makes the year's
main brochure several times in this process through brochure.services.make_brochure, as
the task worker does: the offer read, the HTML rendered, the PDF laid out by WeasyPrint
and written to the private storage. Reported per run: wall time, pages, SQL queries,
CPU seconds of the process (getrusage: the machine is shared, so wall time depends on
what else runs; the load average is reported with it) and the process's peak resident
memory after the run. Flat memory: the peak RSS does not grow after the first run.
--tracemalloc adds Python's own peak allocation per run (it slows the run several times,
so its times are not the figures). The goal: at most 60 s per brochure.

See benchmarks/README.md, section "Programme brochure".
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DATABASE = RESULTS / "brochure.sqlite3"

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "academy.settings.dev",
    "DEBUG": "0",
    "DATABASE_URL": f"sqlite:///{DATABASE}",
    "MEDIA_ROOT": str(RESULTS / "brochure-media"),
    "PRIVATE_MEDIA_ROOT": str(RESULTS / "brochure-private"),
}


def prepare(scale):
    RESULTS.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    env = {**os.environ, **ENVIRONMENT}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(runs, *, trace=False):
    os.environ.update(ENVIRONMENT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from brochure import services
    from brochure.models import Brochure
    from brochure.selectors import get_brochure_offer
    from courses.models import ProgrammeYear

    year = ProgrammeYear.objects.filter(is_published=True).order_by("-starts_on").first()
    brochure, _created = Brochure.objects.get_or_create(programme_year=year, variant=Brochure.Variant.MAIN)
    offer = get_brochure_offer(brochure)
    report = {
        "programme_year": year.name,
        "courses": offer.course_count,
        "editions": len(offer.editions),
        "rss_before_mib": round(peak_rss_mib(), 1),
        "runs": [],
    }
    for _run in range(runs):
        if trace:
            tracemalloc.start()
        load = os.getloadavg()[0]
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), cpu_seconds()
            brochure = services.make_brochure(brochure)
            elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
        run = {
            "wall_seconds": round(elapsed, 1),
            "cpu_seconds": round(cpu, 1),
            "load_average_before": round(load, 1),
            "pages": brochure.page_count,
            "bytes": brochure.pdf.size,
            "queries": len(queries.captured_queries),
            "peak_rss_mib": round(peak_rss_mib(), 1),
        }
        if trace:
            run["python_peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        report["runs"].append(run)
        print(json.dumps(report["runs"][-1]), file=sys.stderr)
    services.delete_orphan_brochure_files()
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prepare", action="store_true", help="seed the database again")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tracemalloc", action="store_true", help="also report Python's peak allocation")
    arguments = parser.parse_args()
    if arguments.prepare or not DATABASE.exists():
        prepare(arguments.scale)
    print(json.dumps(measure(arguments.runs, trace=arguments.tracemalloc), indent=2))


if __name__ == "__main__":
    main()
