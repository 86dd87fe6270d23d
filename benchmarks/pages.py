"""Pages served like production: requests per second, p50/p99 latency and SQL queries per page
type, with the page cache, without it, and with nothing kept at all, against a trivial Django
view served the same way.

    .venv/bin/python benchmarks/pages.py                        # print the table
    .venv/bin/python benchmarks/pages.py --runs 3 --write       # median of 3, into benchmarks/README.md

It serves ``portal.wsgi`` with gunicorn (2 sync workers, production settings plus a trivial view
at ``/__benchmark__/trivial/``: benchmarks/settings.py and benchmarks/urls.py) on 127.0.0.1 only,
three times: with the page cache ("kept"); with ``PAGE_CACHE_ENABLED=0`` ("page not kept": what
a visitor waits when the page cache has just dropped the page, its sections still kept); and with
``PAGE_CACHE_FRAGMENTS=0`` as well ("nothing kept": every section rendered from the database, as
bakerydemo renders). Each page gets ``--duration``
seconds of load from ``wrk`` (Debian: ``apt-get install wrk``) with 2 threads and 8 connections,
as the issue measured bakerydemo; without wrk a Python load generator does the same, slower (it
shares the cores with the server, so its figures are lower). The SQL queries of one request per
page are counted in this process with Django's test client. Everything is bounded: at most
``--duration`` × pages × runs × 3 seconds of load, servers stopped at the end whatever happens.

The database is the demo of ``make setup`` (``var/db.sqlite3``), or ``DATABASE_URL``.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "benchmarks" / "README.md"
BEGIN, END = "<!-- pages.py: begin -->", "<!-- pages.py: end -->"
TRIVIAL = "/__benchmark__/trivial/"
MAX_DURATION = 60
# bakerydemo's uncached figures from the issue (SQLite, gunicorn 2 sync workers, wrk -t2 -c8).
BAKERYDEMO = {"home": 44.6, "index": 70.5, "article": 90.8, "detail": 122.4}


# (column, PAGE_CACHE_ENABLED, PAGE_CACHE_FRAGMENTS)
MODES = (("kept", True, True), ("page not kept", False, True), ("nothing kept", False, False))


def environment(database_url, page_cache, fragments=True):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-" + "x" * 40),
        PUBLIC_BASE_URL="http://127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(REPO / "var" / "benchmark-static"),
        PAGE_CACHE_ENABLED="1" if page_cache else "0",
        PAGE_CACHE_FRAGMENTS="1" if fragments else "0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own process group, stopped with it."""

    def __init__(self, env, workers):
        self.port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "portal.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{self.port}"]
            + ["--log-level", "warning", "--timeout", "60"],
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn stopped during start-up")
            try:
                with urllib.request.urlopen(self.base + TRIVIAL, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        sys.exit("gunicorn did not answer in time")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- Load -----------------------------------------------------------------------------------


def _seconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def wrk(url, duration, connections):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _seconds(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _seconds(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def python_load(url, duration, connections):
    """The same load as wrk, from Python threads with keep-alive connections."""
    parts = urllib.request.urlparse(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + duration

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            failed += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2],
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": errors[0],
    }


def measure(load, url, duration, connections, runs):
    """The median run by requests per second."""
    results = sorted((load(url, duration, connections) for _ in range(runs)), key=lambda r: r["rps"])
    return results[len(results) // 2]


# --- The pages ------------------------------------------------------------------------------


def pages():
    """(page type, role for the bakerydemo comparison, address) of one page of each type."""
    from django.utils import timezone
    from wagtail.models import Locale, Site

    from campaigns.models import CampaignIndexPage, CampaignPage, StoryIndexPage, StoryPage
    from events.models import EventIndexPage, EventPage, RegistrationMode
    from home.models import StandardPage
    from network.models import LearningCentreIndexPage, Organisation
    from network.views import centre_slug
    from news.models import NewsIndexPage, NewsPage
    from resources.models import LibraryPage, ResourcePage

    site = Site.objects.get(is_default_site=True)
    vi = Locale.objects.get(language_code="vi")

    def first(model, **filters):
        page = model.objects.live().filter(locale=vi, **filters).order_by("path").first()
        if page is None:
            sys.exit(f"No live {model.__name__}: run `make setup` (seed_demo) for this database first.")
        return page.url

    open_event = (
        EventPage.objects.live()
        .filter(locale=vi, end__gt=timezone.now(), is_cancelled=False, capacity__isnull=False)
        .exclude(registration_mode=RegistrationMode.NONE)
    )
    directory = LearningCentreIndexPage.objects.live().filter(locale=vi).first()
    centre = Organisation.objects.learning_centres().order_by("pk").first()
    found = [
        ("home", "home", site.root_page.url),
        ("standard page", "article", first(StandardPage)),
        ("campaign index", "index", first(CampaignIndexPage)),
        ("campaign", "detail", first(CampaignPage)),
        ("story index", "index", first(StoryIndexPage)),
        ("story", "article", first(StoryPage)),
        ("news index", "index", first(NewsIndexPage)),
        ("news article", "article", first(NewsPage)),
        ("event index", "index", first(EventIndexPage)),
        ("event (registration open)", "detail", (open_event.order_by("start").first() or EventPage).url),
        ("library", "index", first(LibraryPage)),
        ("resource", "detail", first(ResourcePage)),
    ]
    if directory and centre:
        found.append(("learning centres", "index", directory.url))
        subpage = directory.reverse_subpage("centre", kwargs={"pk": centre.pk, "slug": centre_slug(centre)})
        found.append(("learning centre", "detail", directory.url + subpage))
    return found


def count_queries(urls, page_cache, fragments):
    """SQL queries of one request per page (after one warming request), through the whole stack."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    with override_settings(PAGE_CACHE_ENABLED=page_cache, PAGE_CACHE_FRAGMENTS=fragments):
        for url in [TRIVIAL, *urls]:
            client = Client(HTTP_HOST="127.0.0.1")
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                Client(HTTP_HOST="127.0.0.1").get(url)
            counts[url] = len(queries)
    return counts


# --- Report ---------------------------------------------------------------------------------


def table(rows, tool, args, load_before, load_after):
    lines = [
        f"Measured {date.today():%d/%m/%Y} with `{tool}` (2 threads, {args.connections} connections, "
        f"{args.duration} s per page, median of {args.runs}); gunicorn, {args.workers} sync workers, production "
        f"settings, {args.database_label}. Machine load average {load_before:.1f} before and "
        f"{load_after:.1f} after (2 shared cores).",
        "",
        "| page | "
        + " | ".join(f"{mode}: req/s | p50 | p99 | × trivial | × bakerydemo | SQL" for mode, *_ in MODES)
        + " |",
        "|---|" + "---:|" * 6 * len(MODES),
    ]
    for row in rows:
        cells = [row["name"]]
        for mode, *_ in MODES:
            result, trivial = row[mode], row[f"{mode}_trivial"]
            baseline = BAKERYDEMO.get(row["role"])
            cells += [
                f"{result['rps']:.0f}",
                f"{result['p50'] * 1000:.1f} ms",
                f"{result['p99'] * 1000:.1f} ms",
                f"{result['rps'] / trivial:.0%}" if trivial else "",
                f"{result['rps'] / baseline:.1f}" if baseline else "",
                str(row[f"{mode}_sql"]),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_readme(text, command):
    section = f"{BEGIN}\n{text}\n\nReproduce: `{command}`\n{END}"
    content = README.read_text()
    if BEGIN in content:
        content = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda m: section, content, flags=re.S)
    else:
        content = content.rstrip("\n") + "\n\n## Pages\n\n" + section + "\n"
    README.write_text(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help=f"seconds of load per page (at most {MAX_DURATION})")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator even if wrk is here")
    parser.add_argument("--only", help="measure only page types containing this text (and the trivial view)")
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, MAX_DURATION))
    args.runs = max(1, min(args.runs, 5))
    args.connections = max(1, min(args.connections, 64))

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{REPO / 'var' / 'db.sqlite3'}"
    args.database_label = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    os.environ.update(environment(database_url, page_cache=True))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    found = [p for p in pages() if not args.only or args.only in p[0]]
    urls = [url for _name, _role, url in found]

    use_wrk = shutil.which("wrk") and not args.python_load
    load, tool = (wrk, "wrk") if use_wrk else (python_load, "python load generator")
    if not use_wrk:
        print("wrk not found (Debian: apt-get install wrk): using the slower Python load generator.")
    rows = {TRIVIAL: {"name": "trivial view (the ceiling)", "role": None}}
    rows.update({url: {"name": name, "role": role} for name, role, url in found})
    load_before = os.getloadavg()[0]
    for mode, page_cache, fragments in MODES:
        server = Server(environment(database_url, page_cache, fragments), args.workers)
        try:
            server.wait()
            for url in [TRIVIAL, *urls]:
                urllib.request.urlopen(server.base + url, timeout=30).read()  # warm: kept, fragments read
            trivial = None
            for url in [TRIVIAL, *urls]:
                result = measure(load, server.base + url, args.duration, args.connections, args.runs)
                trivial = trivial or result
                if result["errors"]:
                    print(f"  {url}: {result['errors']} error responses")
                rows[url][mode], rows[url][f"{mode}_trivial"] = result, trivial["rps"]
                print(f"[{mode}] {rows[url]['name']}: {result['rps']:.0f} req/s ({result['rps'] / trivial['rps']:.0%})")
        finally:
            server.stop()
        for url, count in count_queries(urls, page_cache, fragments).items():
            rows[url][f"{mode}_sql"] = count
    load_after = os.getloadavg()[0]
    text = table(list(rows.values()), tool, args, load_before, load_after)
    print()
    print(text)
    if args.write:
        command = "python benchmarks/pages.py " + " ".join(sys.argv[1:])
        write_readme(text, command.strip())
        print(f"\nWritten to {README.relative_to(REPO)}")


if __name__ == "__main__":
    main()
