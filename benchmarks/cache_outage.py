"""Stop Redis under steady traffic and count the answers before, during and after the outage.

Starts a Redis of its own (redis-server on --redis-port, no persistence) and gunicorn with
benchmarks.settings on the demo data, then runs three anonymous readers (home, catalogue,
filtered catalogue, a course page, the course-request form, a certificate's verification
page) and one participant who logs in, enrols and cancels without pause. Redis is stopped
after --before seconds for --outage seconds. Prints the statuses per phase; any 500 or
connection error is a failure (exit status 1).

    .venv/bin/python benchmarks/cache_outage.py --prepare     # migrate, seed_demo, collectstatic first
    .venv/bin/python benchmarks/cache_outage.py

Needs redis-server on the PATH. The database is benchmarks/results/outage.sqlite3 unless
--database-url names another; STATIC_ROOT, MEDIA_ROOT and PRIVATE_MEDIA_ROOT default to
directories beside it.
"""

import argparse
import collections
import http.cookiejar
import os
import re
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
PARTICIPANT = ("deelnemer@example.org", "demo-academie-2026")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=f"sqlite:///{RESULTS / 'outage.sqlite3'}")
    parser.add_argument("--prepare", action="store_true", help="migrate, seed_demo and collectstatic first")
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--port", type=int, default=8391, help="gunicorn's port")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--before", type=float, default=15, help="seconds of traffic before Redis stops")
    parser.add_argument("--outage", type=float, default=20, help="seconds without Redis")
    parser.add_argument("--after", type=float, default=25, help="seconds of traffic after Redis is back")
    return parser.parse_args()


def environment(args):
    files = {
        "STATIC_ROOT": str(RESULTS / "outage-static"),
        "MEDIA_ROOT": str(RESULTS / "outage-media"),
        "PRIVATE_MEDIA_ROOT": str(RESULTS / "outage-private"),
    }
    return {
        **files,
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": f"redis://127.0.0.1:{args.redis_port}/0",
    }


def start_redis(port):
    return subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )


def find_targets(env):
    """Return a bookable edition's course page and id, and one certificate's code."""
    script = (
        "import django; django.setup()\n"
        "from courses.models import Edition\n"
        "from certificates.models import Certificate\n"
        "edition = Edition.objects.bookable().filter(capacity__gte=4).first()\n"
        "print(edition.course.url, edition.pk, Certificate.objects.first().code)\n"
    )
    output = subprocess.run([PYTHON, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    course_url, edition_id, code = output.stdout.split()
    return course_url, edition_id, code


class Traffic:
    def __init__(self, base, course_url, edition_id, code):
        self.base = base
        self.course_url = course_url
        self.edition_id = edition_id
        self.code = code
        self.phase = "before"
        self.counts = collections.defaultdict(collections.Counter)
        self.lock = threading.Lock()
        self.running = True

    def fetch(self, browser, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base})
        try:
            with browser.open(request, timeout=30) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode()
        except OSError:
            status, html = "connection error", ""
        with self.lock:
            self.counts[self.phase][status] += 1
        return status, html

    def reader(self):
        browser = urllib.request.build_opener()
        paths = ["/", "/aanbod/", self.course_url, "/aanbod/?provincie=limburg", "/vormingsvraag/"]
        paths.append(f"/attest/{self.code}/")
        index = 0
        while self.running:
            self.fetch(browser, paths[index % len(paths)])
            index += 1

    def participant(self):
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        _status, html = self.fetch(browser, "/account/login/")
        email, password = PARTICIPANT
        self.fetch(browser, "/account/login/", {"login": email, "password": password, **csrf(html)})
        while self.running:
            _status, html = self.fetch(browser, self.course_url)
            self.fetch(browser, f"/mijn/inschrijven/{self.edition_id}/", csrf(html))
            _status, html = self.fetch(browser, "/mijn/")
            cancel = re.search(r'action="(/mijn/inschrijvingen/\d+/annuleren/)"', html)
            if cancel:
                self.fetch(browser, cancel.group(1), csrf(html))


def csrf(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return {"csrfmiddlewaretoken": found.group(1) if found else ""}


def main():
    args = parse_args()
    env = environment(args)
    RESULTS.mkdir(exist_ok=True)
    if args.prepare:
        for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
            subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    course_url, edition_id, code = find_targets(env)
    redis = start_redis(args.redis_port)
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "academy.wsgi", "-w", str(args.workers)]
        + ["-b", f"127.0.0.1:{args.port}"],
        env=env,
        cwd=ROOT,
    )
    traffic = Traffic(f"http://127.0.0.1:{args.port}", course_url, edition_id, code)
    try:
        time.sleep(5)
        threads = [threading.Thread(target=traffic.reader) for _ in range(3)]
        threads.append(threading.Thread(target=traffic.participant))
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        traffic.phase = "outage"
        redis.terminate()
        redis.wait()
        time.sleep(args.outage)
        traffic.phase = "after"
        redis = start_redis(args.redis_port)
        time.sleep(args.after)
        traffic.running = False
        for thread in threads:
            thread.join()
    finally:
        gunicorn.terminate()
        gunicorn.wait()
        redis.terminate()
        redis.wait()
    failed = False
    for phase, counts in traffic.counts.items():
        print(f"{phase:>7}: {sum(counts.values())} requests, " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
        failed |= any(status == "connection error" or status >= 500 for status in counts if status != 429)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
