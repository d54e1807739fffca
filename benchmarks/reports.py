"""Time every report, with its chart, on `seed_demo --scale 10`, in-process.

    .venv/bin/python benchmarks/reports.py                     # SQLite, benchmarks/results/reports.sqlite3
    .venv/bin/python benchmarks/reports.py --database-url postgres://postgres@127.0.0.1:5432/bench_reports

Builds the database once (migrate, `seed_demo --scale 10`) and reuses it on the next run
(`--fresh` to build it again). Then renders each report page for each dimension, for the
current programme year and for all years, and its CSV and XLSX exports, through the
test client as the demo steering group member: the whole middleware stack, the admin
template, the SVG chart. Each target is timed three times after one warm-up request;
the table shows the slowest of the three and the query count. Exits with status 1 when
any target takes longer than the goal (2 s).
"""

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL_SECONDS = 2.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'benchmarks' / 'results' / 'reports.sqlite3'}")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="drop the database and build it again")
    return parser.parse_args()


def setup(args):
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.dev")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    if args.database_url.startswith("sqlite:///"):
        path = Path(args.database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if args.fresh and path.exists():
            path.unlink()

    import django

    django.setup()

    from django.core.management import call_command

    from courses.models import Edition

    if args.fresh and not args.database_url.startswith("sqlite:///"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    if not Edition.objects.exists():
        print(f"seed_demo --scale {args.scale} …", flush=True)
        # The demo's certificate mail goes to the console backend: keep it out of the table.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("seed_demo", scale=args.scale)


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    if "export" not in url:
        assert b'<svg xmlns="http://www.w3.org/2000/svg"' in response.content, url
    return max(times), statistics.median(times), len(queries), len(response.content)


def main():
    args = parse_args()
    setup(args)

    from django.contrib.auth import get_user_model
    from django.test import Client

    from courses.models import Edition
    from enrolment.models import Enrolment
    from reports.definitions import REPORTS
    from reports.dimensions import DIMENSIONS

    client = Client()
    client.force_login(get_user_model().objects.get(username="stuurgroep@example.org"))
    print(
        f"{Edition.objects.count()} editions, {Enrolment.objects.count()} enrolments, "
        f"database {args.database_url.split('@')[-1]}\n"
    )
    print("| report | per | year | slowest | median | queries | bytes |")
    print("|---|---|---|---:|---:|---:|---:|")
    slowest = 0.0
    targets = []
    for slug, report in REPORTS.items():
        years = ["", *([] if report.needs_year else ["alle"])]
        for dimension in DIMENSIONS:
            for year in years:
                url = f"/admin/rapporten/{slug}/?dimensie={dimension}&werkjaar={year}"
                targets.append((slug, dimension, year, url))
        for suffix in ("export.csv", "export.xlsx"):
            targets.append((slug, f"{suffix}, traject", "", f"/admin/rapporten/{slug}/{suffix}?dimensie=traject"))
    for slug, dimension, year, url in targets:
        worst, median, queries, size = measure(client, url, args.repeat)
        slowest = max(slowest, worst)
        print(
            f"| {slug} | {dimension} | {year or 'huidig'} | {worst * 1000:.0f} ms | {median * 1000:.0f} ms "
            f"| {queries} | {size} |",
            flush=True,
        )
    verdict = "met" if slowest <= GOAL_SECONDS else "MISSED"
    print(f"\n{len(targets)} targets; slowest {slowest * 1000:.0f} ms; goal {GOAL_SECONDS:.0f} s: {verdict}")
    return 0 if slowest <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
