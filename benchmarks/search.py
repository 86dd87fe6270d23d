"""Search benchmark: indexing time and query latency (p50/p95) on both backends.

    python benchmarks/search.py                 # 10,000 synthetic Vietnamese documents
    python benchmarks/search.py --docs 100000   # the large run
    DATABASE_URL=postgres://… ELASTICSEARCH_URL=http://… python benchmarks/search.py

The database is a throw-away SQLite file unless DATABASE_URL is given (then use a database made
for the benchmark: its search entries are replaced). Elasticsearch is measured when
ELASTICSEARCH_URL is set, under the index prefix "bench" (its indices are deleted at the end).

Two latencies per query: the backend's own search (matching, ranking, total, facets, snippets of
one page of hits), and the whole service call a citizen waits for (the same, plus widening a
search that found nothing, "did you mean" and the other language's results), with the service
pinned to the backend measured.

With --reuse, an index that already holds the same number of generated documents (the generator
is seeded, so they are the same documents) is searched as it is, and every index is kept at the
end: query code can be measured again without indexing 100,000 documents each time.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

MAX_DOCS = 100_000
QUERIES = [
    "khuyến học",
    "khuyen hoc",
    "đơn vị học tập",
    "don vi hoc tap",
    "gia dinh hoc tap",
    "tuần lễ học tập suốt đời",
    "cong dan hoc tap",
    "hoà nhập",
    "hòa nhập",
    "thư viện",
    "ky nang so nguoi cao tuoi",
    "mà",
    "trung tam hoc tap cong dong",
    "xoá mù chữ",
    "doanh nghiep",
    "khuyeen hoc",
]
TITLE_PARTS = [
    ["Mô hình", "Hội thảo", "Lớp học", "Hướng dẫn", "Kế hoạch", "Báo cáo", "Câu chuyện", "Tuần lễ", "Tháng"],
    [
        "gia đình học tập",
        "dòng họ học tập",
        "cộng đồng học tập",
        "đơn vị học tập",
        "công dân học tập",
        "khuyến học, khuyến tài",
        "kỹ năng số",
        "xoá mù chữ",
        "hòa nhập",
        "học tập suốt đời",
        "văn hóa đọc",
        "thư viện thân thiện",
    ],
    ["phường Bến Nghé", "xã Thuỷ An", "huyện Củ Chi", "quận 1", "thành phố Thủ Đức", "tỉnh Đồng Tháp", "Hà Nội"],
]
BODY_TEXT = (
    "người cao tuổi thanh niên học sinh sinh viên giáo viên phụ nữ doanh nghiệp trung tâm học tập cộng đồng "
    "thư viện sách điện thoại thông minh Zalo dịch vụ công trực tuyến học bổng hội khuyến học trao tặng "
    "năm tuần lễ hưởng ứng phong trào tiêu chí công nhận đánh giá mà má mã ma túy tổ chức lớp kỹ năng sống "
    "đồng bào dân tộc thiểu số nâng cao tay nghề người lao động ngày hội đọc sách kể chuyện thi "
    "và của cho với được các những một này trong có là đã không để từ khi đến về theo tại như cũng nhiều "
    "chương trình hoạt động kết quả triển khai thực hiện nhân dân cán bộ địa phương xã hội chính quyền "
    "mặt trận đoàn thể hội viên gia đình trẻ em cha mẹ ông bà nhà trường lớp học buổi tối cuối tuần "
    "máy tính mạng internet tài liệu bài giảng video hướng dẫn câu lạc bộ tình nguyện viên quỹ ủng hộ "
    "nông dân ngư dân công nhân khu công nghiệp hợp tác xã làng nghề du lịch môi trường sức khỏe dinh dưỡng "
    "pháp luật an toàn giao thông phòng cháy chữa cháy ngoại ngữ tiếng Anh tin học văn nghệ thể thao"
)
BODY_WORDS = BODY_TEXT.split()
# Zipf-like weights: a few words everywhere, most words in few documents, as in real text.
BODY_WEIGHTS = [1 / (rank + 1) for rank in range(len(BODY_WORDS))]
TYPES = ["home.standardpage", "campaigns.campaignpage", "events.eventpage", "resources.resourcepage"]
TOPICS = ["Kỹ năng số", "Văn hóa đọc", "Khuyến học", "Giáo dục thường xuyên"]
AUDIENCES = ["Người cao tuổi", "Thanh niên", "Phụ nữ", "Học sinh"]


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    workdir = tempfile.mkdtemp(prefix="search-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def documents(count, seed=1373):
    from search.indexer import IndexedPage

    rng = random.Random(seed)
    for number in range(1, count + 1):
        title = " ".join(rng.choice(part) for part in TITLE_PARTS)
        body = " ".join(rng.choices(BODY_WORDS, weights=BODY_WEIGHTS, k=80))
        year = rng.randint(2015, 2025)
        yield IndexedPage(
            page_id=10_000_000 + number,
            language="vi" if number % 5 else "en",
            page_type=rng.choice(TYPES),
            title=title,
            url=f"/bench/{number}/",
            date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
            summary=f"{title}: {' '.join(rng.choices(BODY_WORDS, weights=BODY_WEIGHTS, k=12))}",
            body=body,
            facets={"topic": [rng.choice(TOPICS)], "audience": rng.sample(AUDIENCES, 2)},
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - started) * 1000, result


def indexed(backend):
    """How many documents the backend holds now."""
    from elasticsearch import NotFoundError

    from search.models import SearchEntry

    if backend.name == "database":
        return SearchEntry.objects.count()
    try:
        return backend.es.count(index=backend.alias).body["count"]
    except NotFoundError:
        return 0


def measure(backend, sources, rounds, reuse):
    from django.test import override_settings

    from search import services
    from search.query import SearchQuery

    indexing = None
    if not (reuse and indexed(backend) == len(sources)):
        started = time.perf_counter()
        backend.rebuild(sources)
        indexing = time.perf_counter() - started
    pinned = {} if backend.name == "elasticsearch" else {"ELASTICSEARCH_URL": ""}
    own, full, totals = [], [], []
    with override_settings(**pinned):
        for _ in range(rounds):
            for text in QUERIES:
                elapsed, results = timed(backend.search, SearchQuery.build(text, "vi"))
                own.append(elapsed)
                totals.append(results.total)
                elapsed, results = timed(services.search, text, "vi")
                if results.backend != backend.name:
                    raise SystemExit(f"{backend.name} did not answer ({results.backend} did): figures withdrawn")
                full.append(elapsed)
        suggest = [
            timed(services.suggest, text, "vi")[0] for text in ["khuyen h", "don vi hoc", "tuan le hoc tap suot d"]
        ]
    return {
        "indexing_s": indexing,
        "p50_ms": statistics.median(own),
        "p95_ms": percentile(own, 0.95),
        "service_p50_ms": statistics.median(full),
        "service_p95_ms": percentile(full, 0.95),
        "suggest_p50_ms": statistics.median(suggest),
        "mean_hits": statistics.mean(totals),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (at most 100,000)")
    parser.add_argument("--rounds", type=int, default=3, help="times each of the 16 queries is run")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="search the indices of an earlier --reuse run of as many documents; keep them",
    )
    args = parser.parse_args()
    count = max(1, min(args.docs, MAX_DOCS))
    setup_django()

    from django.conf import settings
    from django.db import connection

    from search.backends import database, elastic

    sources = list(documents(count))
    backends = [database.DatabaseBackend()]
    if settings.ELASTICSEARCH_URL:
        backends.append(elastic.ElasticsearchBackend())
    print(f"{count} documents, {len(QUERIES) * args.rounds} queries per backend, database: {connection.vendor}")
    print(
        f"{'backend':<15}{'indexing':>10}{'p50':>10}{'p95':>10}{'service p50':>13}{'service p95':>13}"
        f"{'suggest p50':>13}{'mean hits':>11}"
    )
    for backend in backends:
        try:
            figures = measure(backend, sources, args.rounds, args.reuse)
        finally:
            if backend.name == "elasticsearch" and not args.reuse:
                backend.drop()
        indexing = "reused" if figures["indexing_s"] is None else f"{figures['indexing_s']:.1f}s"
        print(
            f"{backend.name:<15}{indexing:>10}{figures['p50_ms']:>8.1f}ms{figures['p95_ms']:>8.1f}ms"
            f"{figures['service_p50_ms']:>11.1f}ms{figures['service_p95_ms']:>11.1f}ms"
            f"{figures['suggest_p50_ms']:>11.1f}ms{figures['mean_hits']:>11.0f}"
        )
    if not args.reuse:
        database.DatabaseBackend().rebuild([])


if __name__ == "__main__":
    main()
