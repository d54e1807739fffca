"""Count the SQL queries of one uncached request per page target, and time them.

Run by benchmarks/run.py against the benchmark database, with
DJANGO_SETTINGS_MODULE=benchmarks.settings. Each request carries a fresh `_` parameter,
so the anonymous page cache misses and the page is rendered from the database (the `_`
parameter is not a catalogue filter, so the page itself is the same one). A path written
`<e-mail address>:<path>` is requested logged in as that person, with the session engine of
the settings (the page cache never answers them). Prints one JSON object on stdout.
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def client_for(target):
    """The client and the path of a target, logged in when the target names a person."""
    client = Client()
    email, _colon, path = target.rpartition(":")
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client, path


def measure(target):
    client, path = client_for(target)
    # The first request of a session reads it from the database and stores it in the cache.
    client.get(path)
    separator = "&" if "?" in path else "?"
    url = f"{path}{separator}_=querycount-{uuid.uuid4().hex}"
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    queries = [{"sql": query["sql"], "ms": float(query["time"]) * 1000} for query in captured.captured_queries]
    return {
        "path": target,
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
    client, path = client_for(paths[0])
    separator = "&" if "?" in path else "?"
    client.get(f"{path}{separator}_=warmup-{uuid.uuid4().hex}")
    print(json.dumps([measure(path) for path in paths]))


if __name__ == "__main__":
    main(sys.argv[1:])
