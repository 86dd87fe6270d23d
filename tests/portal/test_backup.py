"""Nothing lost: a backup restored into an empty database brings back every registration, page
revision, download count and uploaded file."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Revision

from events import services
from events.models import Attendee, Registration
from portal import backup
from resources.models import ResourceDownload
from resources.services import count_download
from tests.factories.events import EventIndexPageFactory, EventPageFactory, person
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _site_with_data(home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Tập huấn công dân học tập")
    for n in range(3):
        services.register(event, person(n))
    event.title = "Tập huấn công dân học tập 2024"
    event.save_revision().publish()
    library = LibraryPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library, title="Cẩm nang khuyến học")
    count_download(resource.translation_key, date(2024, 10, 2))
    count_download(resource.translation_key, date(2024, 10, 2))
    return resource


def _snapshot():
    return {
        "registrations": sorted(Registration.objects.values_list("reference", "email", "status")),
        "attendees": Attendee.objects.count(),
        "revisions": sorted(Revision.objects.values_list("pk", "object_id", "content__title")),
        "downloads": sorted(ResourceDownload.objects.values_list("translation_key", "date", "count")),
    }


def _empty_the_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            # Dropping a full-text table drops its shadow tables with it.
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
    assert connection.introspection.table_names() == []


def _backup_and_restore(home_page, settings, tmp_path):
    resource = _site_with_data(home_page)
    document = Path(resource.document.file.path)
    before = _snapshot()
    assert len(before["registrations"]) == 3 and before["downloads"][0][2] == 2
    call_command("backup", output=str(tmp_path / "backups"), stdout=StringIO())
    archive = next((tmp_path / "backups").glob("portal-backup-*.tar.gz"))
    assert oct(archive.stat().st_mode)[-3:] == "600", "the archive holds personal data"

    _empty_the_database()
    document.unlink()
    call_command("restore", str(archive), yes=True, stdout=StringIO())

    assert _snapshot() == before
    assert document.read_bytes().startswith(b"%PDF")
    # The restore left the content-type cache empty; the next test's serialized rollback builds
    # Wagtail tasks, whose constructor would otherwise insert content types ahead of the saved ones.
    ContentType.objects.get_for_models(*apps.get_models())


def test_a_sqlite_backup_restores_into_an_empty_database(home_page, settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run covers this; the PostgreSQL run has its own test")
    _backup_and_restore(home_page, settings, tmp_path)


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_an_empty_database(home_page, settings, tmp_path):
    _backup_and_restore(home_page, settings, tmp_path)


def test_old_archives_beyond_keep_are_deleted_and_a_foreign_archive_is_refused(home_page, tmp_path):
    from django.utils import timezone

    for minutes in range(3):
        backup.backup(tmp_path, keep=2, now=timezone.now() + timezone.timedelta(minutes=minutes))
    assert len(list(tmp_path.glob("portal-backup-*.tar.gz"))) == 2
    archive = sorted(tmp_path.glob("portal-backup-*.tar.gz"))[-1]
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    import json
    import tarfile

    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    manifest["database"] = other
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(forged, "w:gz") as tar:
        backup._add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
    with pytest.raises(CommandError, match="same kind of database"):
        call_command("restore", str(forged), yes=True, stdout=StringIO())
