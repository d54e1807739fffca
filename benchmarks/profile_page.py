"""Profile uncached requests of one page through the full middleware stack.

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=... \
        .venv/bin/python benchmarks/profile_page.py /aanbod/ [--requests 20] [--cprofile] [--as EMAIL]

Needs the benchmark database (run benchmarks/run.py first; a SQLite database is kept in
benchmarks/results/) and pyinstrument for the default output (`pip install pyinstrument`,
profiling only). Every request carries a fresh `_` parameter, so the page cache misses.
Prints a pyinstrument tree (or the top cProfile entries), then the SQL of one request
with its time, measured around execute *and* fetch (Django's own timing on SQLite only
covers execute).
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def url_for(path):
    return f"{path}{'&' if '?' in path else '?'}_=profile-{uuid.uuid4().hex}"


class QueryTimer:
    """execute_wrapper timing each query until its cursor is exhausted."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        result = execute(sql, params, many, context)
        cursor = context["cursor"]
        # Materialise the rows here so the fetch is counted; Django fetches from the same
        # cursor afterwards, so hand them back through a small shim.
        rows = cursor.fetchall() if cursor.description else None
        self.queries.append(((time.perf_counter() - started) * 1000, len(rows or ()), sql))
        if rows is not None:
            _replay(cursor, rows)
        return result


def _replay(cursor, rows):
    iterator = iter(rows)

    def fetchmany(size=cursor.arraysize):
        out = []
        for _ in range(size):
            try:
                out.append(next(iterator))
            except StopIteration:
                break
        return out

    cursor.fetchmany = fetchmany
    cursor.fetchone = lambda: next(iterator, None)
    cursor.fetchall = lambda: list(iterator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--as", dest="email", help="log in as this person first (e.g. deelnemer@example.org)")
    args = parser.parse_args()
    client = Client()
    if args.email:
        client.force_login(get_user_model().objects.get(email=args.email))
    for _ in range(3):  # warm-up: templates, URL resolver, offer vocabulary
        assert client.get(url_for(args.path)).status_code == 200

    started = time.perf_counter()
    for _ in range(args.requests):
        client.get(url_for(args.path))
    plain_ms = (time.perf_counter() - started) * 1000 / args.requests
    print(f"{args.path}: {plain_ms:.1f} ms per uncached request without profiler (mean of {args.requests})\n")

    if args.cprofile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(url_for(args.path))
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
    else:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            client.get(url_for(args.path))
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))

    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        client.get(url_for(args.path))
    total = sum(ms for ms, _rows, _sql in timer.queries)
    print(f"SQL of one request: {len(timer.queries)} queries, {total:.1f} ms (execute + fetch)")
    for ms, rows, sql in sorted(timer.queries, reverse=True):
        print(f"{ms:8.1f} ms {rows:5d} rows  {sql[:300]}")


if __name__ == "__main__":
    main()
