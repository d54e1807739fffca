"""Count the SQL queries of one uncached request per page target, and time them.

Run by benchmarks/run.py against the benchmark database, with
DJANGO_SETTINGS_MODULE=benchmarks.settings. Each request carries a fresh `_` parameter,
so the anonymous page cache misses and the page is rendered from the database (the `_`
parameter is not a catalogue filter, so the page itself is the same one). Prints one
JSON object on stdout.
"""

import json
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(path):
    client = Client()
    separator = "&" if "?" in path else "?"
    url = f"{path}{separator}_=querycount-{uuid.uuid4().hex}"
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    queries = [{"sql": query["sql"], "ms": float(query["time"]) * 1000} for query in captured.captured_queries]
    return {
        "path": path,
        "status": response.status_code,
        "page_cache": response.get("X-Page-Cache", ""),
        "bytes": len(response.content),
        "wall_ms": elapsed * 1000,
        "query_count": len(queries),
        "query_ms": sum(query["ms"] for query in queries),
        "queries": queries,
    }


def main(paths):
    # One throw-away request first, so one-time work (URL resolver, template loading,
    # the offer vocabulary in the cache) does not end up in the counts.
    separator = "&" if "?" in paths[0] else "?"
    Client().get(f"{paths[0]}{separator}_=warmup-{uuid.uuid4().hex}")
    print(json.dumps([measure(path) for path in paths]))


if __name__ == "__main__":
    main(sys.argv[1:])
