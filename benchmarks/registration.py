"""Registration throughput and latency against a running server, then a correctness check.

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=portal.settings.dev \\
        python benchmarks/registration.py http://127.0.0.1:8000 --registrations 300 --concurrency 16

The script imports Django with the same settings as the server (same DATABASE_URL) to create
its own event, fires real HTTP requests at the event page (load the form, then post it),
and afterwards counts in the database: exactly ``capacity`` seats confirmed, everyone else
on the waiting list, no registration lost or doubled. The server must run with
EVENTS_RATE_LIMIT=0, since every request comes from one address. Loopback only, bounded in
count and time; the event and its registrations are deleted afterwards unless --keep.

With ``--trivial PATH`` (a server started with ``benchmarks.settings``, whose trivial view is at
``/__benchmark__/trivial/``) the same clients first fetch that view as many times as the
registrations make requests, and the figure is also given as a ratio to it: on a shared machine
only the ratio means something.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_REGISTRATIONS = 5000
MAX_CONCURRENCY = 64


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def _create_event(capacity):
    from django.utils import timezone
    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage, RegistrationMode
    from home.models import HomePage

    locale = Locale.get_default()
    index = EventIndexPage.objects.filter(locale=locale).first()
    if index is None:
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            sys.exit("No home page: run `manage.py seed_demo` against this database first.")
        index = EventIndexPage(title="Sự kiện", slug="su-kien")
        home.add_child(instance=index)
        index.save_revision().publish()
    start = timezone.now() + timedelta(days=30)
    stamp = int(time.time())
    event = EventPage(
        title=f"Benchmark {stamp}",
        slug=f"benchmark-{stamp}",
        start=start,
        end=start + timedelta(hours=2),
        registration_mode=RegistrationMode.INDIVIDUAL,
        capacity=capacity,
        waiting_list=True,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def _delete_event(event):
    from events.models import Registration

    Registration.objects.filter(event=event).delete()
    event.delete()


def _register(base_url, path, n, deadline):
    """One person: load the form, then post it. Returns (status, seconds for the POST)."""
    if time.monotonic() > deadline:
        return None, 0.0
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), _NoRedirect())
    with opener.open(base_url + path, timeout=30) as response:
        html = response.read().decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    # Where the page's form posts, as a browser does.
    action = re.search(r'class="registration-form" method="post" action="([^"#]+)', html).group(1)
    token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "idempotency_key": key,
            "contact_name": f"Người thử {n}",
            "email": f"bench-{n}@example.org",
            "consent": "on",
        }
    ).encode()
    started = time.perf_counter()
    try:
        with opener.open(base_url + action, data, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def _trivial_rate(base_url, path, requests, concurrency, deadline):
    """Requests per second of the trivial view, fetched by the same kind of clients."""

    def one(_n):
        if time.monotonic() > deadline:
            return 0
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            response.read()
        return 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        done = sum(pool.map(one, range(requests)))
    return done / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=120, help="stop sending after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the event and its registrations")
    parser.add_argument("--trivial", metavar="PATH", help="the trivial view's path, e.g. /__benchmark__/trivial/")
    args = parser.parse_args()

    host = urllib.parse.urlsplit(args.url).hostname
    if host not in LOOPBACK:
        sys.exit(f"Refusing to load-test {host}: loopback addresses only.")
    registrations = min(args.registrations, MAX_REGISTRATIONS)
    concurrency = min(args.concurrency, MAX_CONCURRENCY)

    _setup_django()
    from django.db import connection

    from events import services
    from events.models import Registration, RegistrationStatus

    event = _create_event(args.capacity)
    path = urllib.parse.urlsplit(event.full_url).path
    base_url = args.url.rstrip("/")
    print(f"Database: {connection.vendor}; event {path}; capacity {args.capacity}")
    print(f"Sending {registrations} registrations with {concurrency} clients…")

    deadline = time.monotonic() + args.time_limit
    trivial = None
    if args.trivial:
        trivial = _trivial_rate(base_url, args.trivial, 2 * registrations, concurrency, deadline)
        print(f"Trivial view: {trivial:.1f} requests/s with the same clients")
    lock = threading.Lock()
    results = []

    def one(n):
        outcome = _register(base_url, path, n, deadline)
        with lock:
            results.append(outcome)

    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(one, range(registrations)))
        elapsed = time.perf_counter() - started

        sent = [(status, seconds) for status, seconds in results if status is not None]
        latencies = sorted(seconds for _status, seconds in sent)
        statuses = {}
        for status, _seconds in sent:
            statuses[status] = statuses.get(status, 0) + 1
        if statuses.get(429):
            print("The server answered 429: start it with EVENTS_RATE_LIMIT=0 for a benchmark.")
        print(f"Sent: {len(sent)} in {elapsed:.1f} s -> {len(sent) / elapsed:.1f} registrations/s (form load + post)")
        if trivial:
            print(f"Ratio: {len(sent) / elapsed / trivial:.1%} of the trivial view's requests/s")
        if latencies:
            p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
            print(
                f"POST latency: median {statistics.median(latencies) * 1000:.0f} ms, "
                f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
            )
        print(f"HTTP statuses: {dict(sorted(statuses.items()))}")

        counts = services.status_counts(event)
        accepted = statuses.get(302, 0)
        stored = Registration.objects.filter(event=event).count()
        distinct = Registration.objects.filter(event=event).values("email_normalised").distinct().count()
        expected_confirmed = min(args.capacity, accepted)
        checks = {
            "registrations were accepted": accepted > 0,
            "every accepted registration is stored once": stored == accepted == distinct,
            f"confirmed seats == {expected_confirmed}": counts[RegistrationStatus.CONFIRMED] == expected_confirmed,
            "the rest are waiting": counts[RegistrationStatus.WAITING] == accepted - expected_confirmed,
            "no seat beyond capacity": services.seats_taken(event) <= args.capacity,
        }
        print(
            f"Correctness: stored {stored}, confirmed {counts[RegistrationStatus.CONFIRMED]}, "
            f"waiting {counts[RegistrationStatus.WAITING]}"
        )
        for label, ok in checks.items():
            print(f"  [{'ok' if ok else 'FAILED'}] {label}")
        return 0 if all(checks.values()) else 1
    finally:
        if not args.keep:
            _delete_event(event)


if __name__ == "__main__":
    sys.exit(main())
