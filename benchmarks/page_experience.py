"""Screenshots and Largest Contentful Paint of the home, catalogue and course pages.

One command: seeds a demo database of its own (var/page-experience.sqlite3), serves it with
runserver, and with Playwright in Debian's Chromium

- saves docs/screenshots/{home,catalogue,course}-{390,1280}.png (--screenshots), and
- measures LCP under a throttled mobile profile (--lcp): 390 x 844, Lighthouse's "slow 4G"
  (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) through CDP
  Network.emulateNetworkConditions, and the CPU slowed four times
  (Emulation.setCPUThrottlingRate), each page loaded with an empty cache, read from a
  PerformanceObserver. Prints a Markdown table of the median and worst of --runs loads.

    .venv/bin/python benchmarks/page_experience.py --screenshots --lcp
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
WIDTHS = (390, 1280)
LCP_BUDGET_MS = 2500
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
OBSERVE_LCP = """
window.__lcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__lcp = entry.startTime;
}).observe({type: "largest-contentful-paint", buffered: true});
"""


def serve(port):
    """Migrate and seed a database of its own, and start runserver on it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.dev",
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'page-experience.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }
    (ROOT / "var").mkdir(exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base_url + "/health/", timeout=2)
            return server, base_url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("runserver did not answer on /health/")


def find_pages(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "/aanbod/")
    course = page.locator(".edition-card h3 a").first.get_attribute("href")
    page.close()
    return {"home": "/", "catalogue": "/aanbod/", "course": course}


def take_screenshots(browser, base_url, pages):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 844})
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base_url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            # A full-page picture shows what lies below the fold: load the lazy images first.
            page.evaluate(
                "Promise.all([...document.images].map(image => { image.loading = 'eager';"
                " return image.complete ? true : new Promise(done => { image.onload = image.onerror = done; }); }))"
            )
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=target, full_page=width == 390 and name != "catalogue")
            print(f"saved {target.relative_to(ROOT)}")
        context.close()


def largest_contentful_paint(browser, url):
    context = browser.new_context(
        locale="nl-BE", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(OBSERVE_LCP)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    lcp = page.evaluate("window.__lcp")
    context.close()
    return lcp


def measure_lcp(browser, base_url, pages, runs):
    print(f"\n| page | LCP median | LCP worst | budget {LCP_BUDGET_MS} ms |")
    print("|---|---|---|---|")
    over = False
    for name, path in pages.items():
        largest_contentful_paint(browser, base_url + path)  # warm the server's caches
        times = [largest_contentful_paint(browser, base_url + path) for _ in range(runs)]
        worst = max(times)
        over = over or worst > LCP_BUDGET_MS
        verdict = "ok" if worst <= LCP_BUDGET_MS else "OVER"
        print(f"| {name} | {statistics.median(times):.0f} ms | {worst:.0f} ms | {verdict} |")
    return over


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", action="store_true", help="save docs/screenshots/*.png")
    parser.add_argument("--lcp", action="store_true", help="measure LCP under a throttled mobile profile")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--base-url", help="measure a server that already runs instead of starting one")
    args = parser.parse_args()
    if not (args.screenshots or args.lcp):
        parser.error("choose --screenshots, --lcp or both")
    server, base_url = (None, args.base_url.rstrip("/")) if args.base_url else serve(args.port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = find_pages(browser, base_url)
            if args.screenshots:
                take_screenshots(browser, base_url, pages)
            over = measure_lcp(browser, base_url, pages, args.runs) if args.lcp else False
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
