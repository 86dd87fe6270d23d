"""Roll-up and dashboard benchmark: 3,000 communes × 12 indicators × 5 years, across a 2025-style reform.

    python benchmarks/reports.py                       # throw-away SQLite database
    DATABASE_URL=postgres://… python benchmarks/reports.py
    python benchmarks/reports.py --communes 300 --requests 20

A synthetic province has 30 districts of 100 communes each until 30/06/2025; from 01/07/2025 each
commune is succeeded by one new commune directly under the province (the districts end). Every
commune reports 12 indicators (8 counts, 4 rates) for 2022–2024 (old communes) and 2025–2026 (new
ones), all approved. The script measures:

- the roll-up of each year (``figures.rollup_period``) in the year's own map and in today's map;
- building the stored figures of every year (what an approval triggers);
- the dashboard page of the province (3,000 rows, sorted by a rate, 50 per page) and the figures
  API, through Django's full request cycle: as kept by the page cache (what anonymous visitors
  get), rendered (page cache off, figures stored), and right after an approval (the stamp moved,
  the request rebuilds the stored figures); with the number of queries.

Without DATABASE_URL it migrates a throw-away SQLite file in a temporary directory; with it, point it
at a database made for the benchmark (it adds its own areas, periods and reports and deletes them
at the end unless --keep).
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

MAX_COMMUNES = 10_000
YEARS = (2022, 2023, 2024, 2025, 2026)
TITLES = ("GD", "DH", "CD", "DV")


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    workdir = tempfile.mkdtemp(prefix="reports-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("REPORTS_PRIVATE_ROOT", f"{workdir}/private")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the embedded default cache is a database table


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def build_version():
    from reports.models import Indicator, IndicatorSet, IndicatorSetVersion, Section

    indicator_set = IndicatorSet.objects.create(code="bench-titles", name="Benchmark", kind="titles")
    version = IndicatorSetVersion.objects.create(indicator_set=indicator_set, number=1)
    flags = {"for_communes": True}
    for position, prefix in enumerate(TITLES):
        section = Section.objects.create(version=version, code=str(position + 1), name=prefix, sort_order=position)
        Indicator.objects.bulk_create(
            [
                Indicator(section=section, code=f"{prefix}-CN", name=f"{prefix} recognised", sort_order=0, **flags),
                Indicator(section=section, code=f"{prefix}-TS", name=f"{prefix} eligible", sort_order=1, **flags),
                Indicator(
                    section=section,
                    code=f"{prefix}-TL",
                    name=f"{prefix} rate",
                    kind="rate",
                    numerator=f"{prefix}-CN",
                    denominator=f"{prefix}-TS",
                    sort_order=2,
                    **flags,
                ),
            ]
        )
    return version


def build_areas(communes):
    from network.models import Area, AreaKind

    reform = datetime.date(2025, 7, 1)
    last_old = reform - datetime.timedelta(days=1)
    province = Area.objects.create(code="B", name="Tỉnh Thử nghiệm", kind=AreaKind.PROVINCE)
    districts = Area.objects.bulk_create(
        [
            Area(
                code=f"B-D{d:03d}",
                name=f"Huyện {d}",
                kind=AreaKind.RURAL_DISTRICT,
                level="district",
                parent=province,
                valid_until=last_old,
            )
            for d in range(max(1, communes // 100))
        ]
    )
    old = Area.objects.bulk_create(
        [
            Area(
                code=f"B-O{n:05d}",
                name=f"Xã cũ {n}",
                kind=AreaKind.COMMUNE,
                level="commune",
                parent=districts[n % len(districts)],
                valid_until=last_old,
            )
            for n in range(communes)
        ],
        batch_size=1000,
    )
    new = Area.objects.bulk_create(
        [
            Area(
                code=f"B-N{n:05d}",
                name=f"Xã mới {n}",
                kind=AreaKind.COMMUNE,
                level="commune",
                parent=province,
                valid_from=reform,
            )
            for n in range(communes)
        ],
        batch_size=1000,
    )
    through = Area.successors.through
    links = [through(from_area_id=o.pk, to_area_id=n.pk) for o, n in zip(old, new, strict=True)]
    links += [through(from_area_id=d.pk, to_area_id=n.pk) for o, n in zip(old, new, strict=True) for d in [o.parent]]
    through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
    return province, old, new


def build_reports(version, province, old, new):
    import random

    from django.utils import timezone

    from reports.models import Deadline, Period, Submission

    rng = random.Random(2025)
    periods = {}
    now = timezone.now()
    for year in YEARS:
        period = Period(version=version, year=year)
        period.areas = [province]
        period.deadlines = [Deadline(level="commune", due=datetime.date(year, 11, 15))]
        period.save()
        periods[year] = period
        communes = old if year < 2025 else new
        rows = []
        for area in communes:
            values = {}
            for prefix in TITLES:
                total = rng.randint(50, 5000)
                values[f"{prefix}-TS"] = total
                values[f"{prefix}-CN"] = rng.randint(0, total)
            rows.append(Submission(period=period, area=area, status="approved", values=values, reviewed_at=now))
        Submission.objects.bulk_create(rows, batch_size=1000)
        Period.objects.filter(pk=period.pk).update(figures_stamp=1)
        period.figures_stamp = 1
    return periods


def dashboard_page(version, province):
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage
    from reports.models import DashboardPage

    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Trang chủ", slug="bench-home", hero_title="Bench", locale=Locale.get_default())
        )
        site = Site.objects.filter(is_default_site=True).first()
        site.root_page = home
        site.save()
    page = DashboardPage(title="Số liệu thử", slug="so-lieu-bench", indicator_set=version.indicator_set, area=province)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def measure_requests(client, url, params, rounds):
    from django.db import connection

    executed = []

    def count(execute, sql, *args):
        executed.append(sql)
        return execute(sql, *args)

    response = client.get(url, params)  # the first visit fills the caches
    assert response.status_code == 200, response.status_code
    with connection.execute_wrapper(count):
        client.get(url, params)
    times = []
    for _ in range(rounds):
        _response, ms = timed(client.get, url, params)
        times.append(ms)
    return statistics.median(times), sorted(times)[max(0, round(0.95 * (len(times) - 1)))], len(executed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communes", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per measurement")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic data")
    args = parser.parse_args()
    communes = min(args.communes, MAX_COMMUNES)
    setup_django()

    from django.db import connection
    from django.db.models import F
    from django.test import Client, override_settings

    from network.services import AreaGraph
    from reports import figures
    from reports.models import Period
    from reports.services import indicators_of

    print(f"Database: {connection.vendor}; {communes} communes × 12 indicators × {len(YEARS)} years")
    start = time.perf_counter()
    version = build_version()
    province, old, new = build_areas(communes)
    periods = build_reports(version, province, old, new)
    print(f"Synthetic data: {time.perf_counter() - start:.1f} s")

    graph, graph_ms = timed(AreaGraph)
    indicators = indicators_of(version)
    print(f"Area graph ({len(graph.nodes)} areas): {graph_ms:.0f} ms")
    today = datetime.date(2026, 12, 31)
    own, across = [], []
    for year, period in periods.items():
        rolled, ms = timed(figures.rollup_period, period, graph, None, indicators)
        own.append(ms)
        _rolled, ms_today = timed(figures.rollup_period, period, graph, today, indicators)
        across.append(ms_today)
        print(f"  roll-up {year}: {ms:.0f} ms in its own map ({len(rolled)} areas), {ms_today:.0f} ms in today's map")
    print(f"Roll-up of all {len(YEARS)} years: {sum(own):.0f} ms (own maps), {sum(across):.0f} ms (today's map)")

    _none, build_ms = timed(figures.ensure_built, list(periods.values()), graph)
    print(f"Building the stored figures of {len(YEARS)} years: {build_ms:.0f} ms")

    page = dashboard_page(version, province)
    client = Client()
    params = {"year": 2026, "sort": "GD-TL", "order": "desc"}
    home = page.get_parent()
    p50, p95, queries = measure_requests(client, page.url, params, args.requests)
    print(f"Dashboard, kept page (what anonymous visitors get): p50 {p50:.1f} ms, p95 {p95:.1f} ms, {queries} queries")
    # What a render costs: without the page cache, as for a page the cache has just dropped.
    with override_settings(PAGE_CACHE_ENABLED=False):
        p50, p95, queries = measure_requests(client, home.url, {}, args.requests)
        print(f"For comparison, the home page rendered: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")
        p50, p95, queries = measure_requests(client, page.url, params, args.requests)
        print(f"Dashboard rendered: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")
        p50, p95, queries = measure_requests(client, page.url, {"year": 2023}, args.requests)
        print(f"Dashboard 2023 (districts of the year) rendered: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")
        p50, p95, queries = measure_requests(client, page.url, {**params, "page": 7}, args.requests)
        print(f"Dashboard, page 7 of the table, rendered: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")
        Period.objects.filter(pk=periods[2026].pk).update(figures_stamp=F("figures_stamp") + 1)
        _response, cold = timed(client.get, page.url, params)
        print(f"Dashboard right after an approval, if nothing rebuilt the figures first: {cold:.0f} ms")
    p50, p95, queries = measure_requests(
        client, "/api/figures/", {"set": "bench-titles", "area": "B"}, max(5, args.requests // 3)
    )
    print(f"Figures API ({communes} areas in one answer): p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries")

    if not args.keep:
        from network.models import Area
        from reports.models import Submission

        page.delete()
        Submission.objects.filter(period__in=periods.values()).delete()
        Period.objects.filter(pk__in=[p.pk for p in periods.values()]).delete()
        version.sections.all().delete()
        indicator_set = version.indicator_set
        version.delete()
        indicator_set.delete()
        Area.successors.through.objects.filter(from_area__code__startswith="B-").delete()
        Area.objects.filter(code__startswith="B-O").delete()
        Area.objects.filter(code__startswith="B-N").delete()
        Area.objects.filter(code__startswith="B-D").delete()
        Area.objects.filter(code="B").delete()


if __name__ == "__main__":
    main()
