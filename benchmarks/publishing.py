"""Publishing a PDF resource: how long the publish itself takes, and how long the work it no longer
waits for (the cover drawn from the PDF's first page) takes in the worker, in the same run.

    .venv/bin/python benchmarks/publishing.py                   # 5 rounds, 100,000 strokes on page 1
    .venv/bin/python benchmarks/publishing.py --strokes 300000  # pdftoppm gives up (20 s), pypdf too

It works on a copy of the demo database of ``make setup`` (``var/db.sqlite3``) in a temporary
directory, with its own media folder, so the demo is left as it was. Each round uploads a PDF
whose first page is a heavy vector drawing, creates a resource page under the library and
publishes its revision as the admin's "Publish" does (``revision.publish(user=…)`` in a
transaction, then the commit and what runs after it); the tasks it queues (cover, search index)
wait in the database as they would for ``db_worker``. Then it runs the cover task and times it.
Bounded: at most 20 rounds and 2,000,000 strokes.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def heavy_pdf(strokes, seed=1):
    """A one-page PDF whose page is ``strokes`` thin lines: slow to draw whatever the tool."""
    rng = random.Random(seed)
    lines = [b"0.2 w"]
    for _ in range(strokes):
        x1, y1, x2, y2 = (rng.randint(0, 595), rng.randint(0, 842), rng.randint(0, 595), rng.randint(0, 842))
        lines.append(b"%d %d m %d %d l S" % (x1, y1, x2, y2))
    content = b"\n".join(lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_average():
    return os.getloadavg()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--strokes", type=int, default=100_000)
    args = parser.parse_args()
    rounds, strokes = min(max(1, args.rounds), 20), min(max(1000, args.strokes), 2_000_000)
    source = REPO / "var" / "db.sqlite3"
    if not source.exists():
        sys.exit("No demo database: run `make setup` first.")

    workdir = Path(tempfile.mkdtemp(prefix="publishing-bench-"))
    try:
        shutil.copy(source, workdir / "db.sqlite3")
        os.environ.update(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
            MEDIA_ROOT=str(workdir / "media"),
        )
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        run(rounds, strokes)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(rounds, strokes):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult
    from wagtail.documents import get_document_model

    from resources.models import LibraryPage, ResourcePage
    from resources.signals import make_cover

    library = LibraryPage.objects.live().first()
    user = get_user_model().objects.filter(is_superuser=True).first()
    pdf = heavy_pdf(strokes)
    tool = shutil.which("pdftoppm")
    print(f"PDF: {len(pdf) / 1e6:.1f} MB, first page of {strokes:,} strokes; pdftoppm: {tool or 'not installed'}")
    publish_times, cover_times, loads = [], [], [load_average()]
    for number in range(rounds):
        document = get_document_model()(title=f"Tài liệu nặng {number}")
        document.file.save(f"tai-lieu-nang-{number}.pdf", ContentFile(pdf), save=False)
        document.file_size = len(pdf)
        document.save()
        page = ResourcePage(
            title=f"Tài liệu đo thời gian xuất bản {number}",
            slug=f"do-xuat-ban-{number}-{int(time.time())}",
            summary="Một tài liệu PDF nặng, để đo thời gian xuất bản.",
            kind="document",
            document=document,
            live=False,
        )
        library.add_child(instance=page)
        revision = page.save_revision(user=user)
        queued_before = DBTaskResult.objects.count()

        started = time.perf_counter()
        with transaction.atomic():
            revision.publish(user=user)
        publish_times.append(time.perf_counter() - started)

        queued = list(DBTaskResult.objects.order_by("enqueued_at")[queued_before:].values_list("task_path", flat=True))
        assert any(path.endswith("make_cover") for path in queued), f"no cover task queued: {queued}"
        started = time.perf_counter()
        make_cover.call(page.pk)
        cover_times.append(time.perf_counter() - started)
        page.refresh_from_db()
        assert page.generated_cover_id, "the cover task drew no cover"
        loads.append(load_average())
        print(
            f"round {number + 1}: publish {publish_times[-1] * 1000:.0f} ms, "
            f"then in the worker the cover {cover_times[-1] * 1000:.0f} ms; queued: {', '.join(sorted(set(queued)))}"
        )
    print(
        f"\npublish: median {statistics.median(publish_times) * 1000:.0f} ms, max {max(publish_times) * 1000:.0f} ms; "
        f"cover (no longer inside the publish): median {statistics.median(cover_times) * 1000:.0f} ms, "
        f"max {max(cover_times) * 1000:.0f} ms; load average {min(loads):.1f}–{max(loads):.1f} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
