#!/usr/bin/env python3
"""Serves the site as production does (gunicorn, PostgreSQL, Redis, the generated network) on
127.0.0.1 and measures every page with wrk in three phases: uncached (the visitor page cache off:
every request renders), cold (the cache on and cleared just before the page's run, as after a
deploy or a content change: the first requests render, the rest are served from the cache) and
warm (the cache on and holding the page). Writes a Markdown table to benchmarks/results/.

    .venv/bin/python benchmarks/run.py                 # 10,000 stories, 10 s per page and phase
    .venv/bin/python benchmarks/run.py --duration 3 --stories 3000 --database bench_small
    .venv/bin/python benchmarks/run.py --sqlite /tmp/h13.sqlite3 --pages home "a story" "stories index"

See benchmarks/README.md. Every step has a time limit; the server is always stopped.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA_REPORT = Path(__file__).with_name("report.lua")
STATIC_CSS = "/static/css/site.css"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--database", default="h13_bench", help="PostgreSQL database name")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--sqlite", type=Path, default=None, help="a SQLite file to use instead of PostgreSQL"
    )
    parser.add_argument(
        "--pages", nargs="+", default=None, help="measure only the pages with these names"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--stories", type=int, default=10000, help="stories to generate (once)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page and phase")
    parser.add_argument("--output", type=Path, default=None)
    return parser.parse_args()


def run(command, env, timeout, capture=False):
    print("$", " ".join(str(part) for part in command), flush=True)
    return subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk is missing: install it with `sudo apt-get install wrk` (Debian).")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, timeout=300)


def ensure_database(arguments):
    if arguments.sqlite:
        return
    import psycopg2

    connection = psycopg2.connect(f"{arguments.postgres}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [arguments.database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{arguments.database}"')
    connection.close()


def database_url(arguments):
    if arguments.sqlite:
        return f"sqlite:///{arguments.sqlite.resolve()}"
    return f"{arguments.postgres}/{arguments.database}"


def base_environment(arguments):
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=database_url(arguments),
        CACHE_URL=arguments.redis,
        SECRET_KEY="benchmark-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{arguments.port}",
        SECURE_SSL_REDIRECT="false",
        SERVE_MEDIA="true",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return environment


def prepare(arguments, environment):
    development = {**environment, "DJANGO_SETTINGS_MODULE": "network_site.settings.dev"}
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], development, 900)
    count = (
        run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from stories.models import StoryPage; print(StoryPage.objects.count())",
            ],
            development,
            120,
            capture=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(count) < arguments.stories:
        run([PYTHON, "manage.py", "load_demo_content"], development, 900)
        run(
            [
                PYTHON,
                "manage.py",
                "generate_network",
                "--stories",
                str(arguments.stories - int(count)),
            ],
            development,
            1800,
        )
    production = {**environment, "DJANGO_SETTINGS_MODULE": "network_site.settings.production"}
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], production, 600)
    # Query counts with the page cache off, so that every request renders.
    counting = {**production, "VISITOR_PAGE_CACHE_SECONDS": "0"}
    output = run(
        [PYTHON, "manage.py", "shell", "-c", Path(__file__).with_name("addresses.py").read_text()],
        counting,
        600,
        capture=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("ADDRESSES "))
    return json.loads(line.removeprefix("ADDRESSES "))


class Server:
    def __init__(self, arguments, environment, cache_seconds):
        self.arguments = arguments
        self.environment = {
            **environment,
            "DJANGO_SETTINGS_MODULE": "network_site.settings.production",
            "VISITOR_PAGE_CACHE_SECONDS": str(cache_seconds),
        }

    def __enter__(self):
        port = self.arguments.port
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                sys.exit(f"Port {port} is in use.")
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "network_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.arguments.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.environment,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        sys.exit("gunicorn did not answer within 60 s")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_memory_mb(self):
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return peaks

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    def __exit__(self, *exc):
        self.stop()


def clear_cache(arguments):
    """Empties the cache database: every stored page and everything in the content cache."""
    import redis

    redis.Redis.from_url(arguments.redis).flushdb()


def manage_shell(environment, code):
    """Runs Python in `manage.py shell` with production settings, as an editor's change would."""
    production = {**environment, "DJANGO_SETTINGS_MODULE": "network_site.settings.production"}
    return run([PYTHON, "manage.py", "shell", "-c", code], production, 300, capture=True).stdout


PUBLISH_A_STORY = """
from stories.models import StoryPage
story = StoryPage.objects.live().public().order_by("pk").first()
story.save_revision().publish()
"""

FORGET_RENDITIONS = """
from wagtail.images import get_image_model
get_image_model().get_rendition_model().objects.all().delete()
"""

COUNT_RENDITIONS = """
from wagtail.images import get_image_model
print("RENDITIONS", get_image_model().get_rendition_model().objects.count())
"""


def publish_a_story(environment):
    """Publishes a story again, as an editor does: the caches forget what it changes."""
    manage_shell(environment, PUBLISH_A_STORY)


def rendition_count(environment):
    output = manage_shell(environment, COUNT_RENDITIONS)
    return int(
        next(line for line in output.splitlines() if line.startswith("RENDITIONS ")).split()[1]
    )


def single_request_ms(url, cookie=None):
    """One request on its own, which also waits until requests queued by an earlier wrk run
    (sync workers finish those even after wrk has gone) are done, and warms the page cache."""
    started = time.monotonic()
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=180) as response:
        response.read()
    return 1000 * (time.monotonic() - started)


def run_wrk(arguments, url, connections=None, cookie=None, paths_file=None):
    """wrk against one address; with `paths_file`, one thread asks for each path in turn."""
    connections = connections or arguments.connections
    threads = 1 if paths_file or connections == 1 else 2
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{arguments.duration}s",
            "--timeout",
            "10s",
            "-H",
            "Accept-Encoding: gzip",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            "-s",
            LUA_REPORT,
            url,
            *(["--", str(paths_file)] if paths_file else []),
        ],
        capture_output=True,
        text=True,
        timeout=arguments.duration + 60,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def measure_uncached(arguments, environment, address):
    """With the page cache off: the first request after a content change, one request alone,
    then the load."""
    url = f"http://127.0.0.1:{arguments.port}{address}"
    single_request_ms(url)
    publish_a_story(environment)
    after_change = single_request_ms(url)
    alone = single_request_ms(url)
    return {**run_wrk(arguments, url), "alone": alone, "after_change": after_change}


def measure_cached(arguments, environment, address):
    """With the page cache on: cold (cleared just before the load starts), then warm, then the
    first request after a story is published (the page held in the cache before it)."""
    url = f"http://127.0.0.1:{arguments.port}{address}"
    # Waits for requests queued by the previous run before the cache is emptied.
    single_request_ms(url)
    clear_cache(arguments)
    cold = run_wrk(arguments, url)
    single_request_ms(url)
    warm = run_wrk(arguments, url)
    single_request_ms(url)
    publish_a_story(environment)
    warm["after_publish"] = single_request_ms(url)
    return cold, warm


def measure_member(arguments, address, cookie):
    """A signed-in member (never page-cached): one connection, then the full load."""
    url = f"http://127.0.0.1:{arguments.port}{address}"
    single_request_ms(url, cookie)
    one = run_wrk(arguments, url, connections=1, cookie=cookie)
    loaded = run_wrk(arguments, url, cookie=cookie)
    return one, loaded


# The coordinators' impact report (an admin page, so not measured with wrk): its sections worked
# out and drawn for the default twelve months, the content cache emptied before each of seven
# runs; the median, with its query count. Target: at most 300 ms with 10,000 stories.
IMPACT_REPORT = """
import json, statistics, time
from django.core.cache import caches
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from impact.report import default_period, section_reports
period = default_period()
timings = []
for _ in range(7):
    caches[settings.VISITOR_PAGE_CACHE_ALIAS].clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        html = "".join(report.render() for report in section_reports(period))
        timings.append((time.perf_counter() - started) * 1000)
print("IMPACT " + json.dumps({"ms": statistics.median(timings), "queries": len(queries)}))
"""


def measure_impact_report(environment):
    output = manage_shell(environment, IMPACT_REPORT)
    line = next(line for line in output.splitlines() if line.startswith("IMPACT "))
    return json.loads(line.removeprefix("IMPACT "))


def measure_renditions(arguments, environment, pictured_stories):
    """Story pages visited in turn with no renditions made yet, so each first visit resizes the
    story's picture, as after a week of new stories."""
    manage_shell(environment, FORGET_RENDITIONS)
    paths_file = ROOT / "benchmarks" / "results" / "pictured-stories.txt"
    paths_file.parent.mkdir(parents=True, exist_ok=True)
    paths_file.write_text("\n".join(pictured_stories) + "\n")
    url = f"http://127.0.0.1:{arguments.port}/"
    result = run_wrk(arguments, url, paths_file=paths_file)
    single_request_ms(url)
    return {**result, "renditions": rendition_count(environment)}


def figures(result):
    return f"{result['rps']:.0f} | {result['p50']:.0f} / {result['p95']:.0f} / {result['p99']:.0f}"


def table(found, results, memory, arguments):
    uncached, cold, warm = results["uncached"], results["cold"], results["warm"]
    ceiling = warm[STATIC_CSS]["rps"]
    lines = [
        "| page | queries | uncached: first request after a publish, ms "
        "| uncached: one request alone, ms | uncached rps | uncached p50 / p95 / p99 ms "
        "| cold rps | cold p50 / p95 / p99 ms | cold: requests rendered "
        "| warm rps | warm p50 / p95 / p99 ms | warm share of static "
        "| cached: first request after a publish, ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    counts = found["counts"]
    for name, address in [*found["pages"], ("static CSS (ceiling)", STATIC_CSS)]:
        queries = counts.get(address, {}).get("queries", "–")
        u, c, w = uncached[address], cold[address], warm[address]
        lines.append(
            f"| {name} | {queries} | {u['after_change']:.0f} | {u['alone']:.0f} | {figures(u)} "
            f"| {figures(c)} | {c['misses']:.0f} of {c['requests']:.0f} "
            f"| {figures(w)} | {100 * w['rps'] / ceiling:.0f}% | {w['after_publish']:.0f} |"
        )
    if results["member"]:
        lines += [
            "",
            "Signed in as a member (never page-cached): one connection, then "
            f"{arguments.connections}.",
            "",
            "| page | queries | one connection: rps | p50 / p95 / p99 ms "
            f"| {arguments.connections} connections: rps | p50 / p95 / p99 ms |",
            "|---|---|---|---|---|---|",
        ]
        for name, address in found["member_pages"]:
            one, loaded = results["member"][address]
            queries = found["member_counts"][address]["queries"]
            lines.append(f"| {name} | {queries} | {figures(one)} | {figures(loaded)} |")
    if results.get("impact_report"):
        impact = results["impact_report"]
        lines += [
            "",
            f"Impact report (admin, uncached, sections worked out and drawn in-process): "
            f"{impact['ms']:.0f} ms median of 7, {impact['queries']} queries (target: 300 ms).",
        ]
    if results["renditions"]:
        r = results["renditions"]
        lines += [
            "",
            f"Story pages with pictures, each visited in turn with no renditions made before "
            f"(page cache off, {arguments.connections} connections): {figures(r)} "
            f"(rps | p50 / p95 / p99 ms); renditions afterwards: {r['renditions']:.0f}.",
        ]
    errors = sum(result["errors"] for phase in (uncached, cold, warm) for result in phase.values())
    errors += sum(
        one["errors"] + loaded["errors"] for one, loaded in results["member"].values()
    ) + (results["renditions"] or {}).get("errors", 0)
    machine = f"{os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}"
    header = [
        f"Benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {socket.gethostname()} ({machine}).",
        f"gunicorn {arguments.workers} sync workers, {'SQLite' if arguments.sqlite else 'PostgreSQL'}, "
        f"Redis cache; wrk {arguments.connections} "
        f"connections, {arguments.duration} s per page and phase, gzip accepted. Uncached: visitor "
        "page cache off; cold: on, and emptied just before the run; warm: on, holding the page.",
        f"Peak memory per worker after the run: {', '.join(f'{peak:.0f} MB' for peak in memory)}. "
        f"Socket errors and non-2xx/3xx answers: {errors:.0f}. Load average at the end: "
        f"{', '.join(f'{load:.1f}' for load in os.getloadavg())}.",
        "",
    ]
    return "\n".join(header + lines) + "\n"


def main():
    arguments = parse_arguments()
    ensure_wrk()
    ensure_database(arguments)
    environment = base_environment(arguments)
    found = prepare(arguments, environment)
    found["pages"] = [tuple(page) for page in found["pages"]]
    found["member_pages"] = [tuple(page) for page in found["member_pages"]]
    if arguments.pages:
        for kind in ("pages", "member_pages"):
            found[kind] = [(name, path) for name, path in found[kind] if name in arguments.pages]
    addresses = [address for _, address in found["pages"]] + [STATIC_CSS]
    results = {"uncached": {}, "cold": {}, "warm": {}, "member": {}, "renditions": None}
    if not arguments.pages or "impact report" in arguments.pages:
        results["impact_report"] = measure_impact_report(environment)
        print("impact report", results["impact_report"], flush=True)
    with Server(arguments, environment, cache_seconds=0):
        for address in addresses:
            results["uncached"][address] = measure_uncached(arguments, environment, address)
            print("uncached", address, results["uncached"][address], flush=True)
        if not arguments.pages:
            results["renditions"] = measure_renditions(
                arguments, environment, found["pictured_stories"]
            )
            print("renditions", results["renditions"], flush=True)
    with Server(arguments, environment, cache_seconds=600) as server:
        for address in addresses:
            cold, warm = measure_cached(arguments, environment, address)
            results["cold"][address], results["warm"][address] = cold, warm
            print("cold", address, cold, "warm", warm, flush=True)
        cookie = f"sessionid={found['member_session']}"
        for _, address in found["member_pages"]:
            results["member"][address] = measure_member(arguments, address, cookie)
            print("member", address, results["member"][address], flush=True)
        memory = server.peak_memory_mb()
    report = table(found, results, memory, arguments)
    output = (
        arguments.output or ROOT / "benchmarks" / "results" / f"{datetime.now(UTC):%Y%m%d-%H%M}.md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report)
    print(report)
    print(f"Written to {output}")


if __name__ == "__main__":
    main()
