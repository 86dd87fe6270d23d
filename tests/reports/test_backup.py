"""Evidence documents live outside MEDIA_ROOT: the backup archive carries them too."""

import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import backup
from reports.models import Evidence, Status
from tests.factories.reports import report

pytestmark = pytest.mark.django_db


def test_the_backup_holds_the_evidence_documents(periods, reform, tmp_path):
    submission = report(periods[2026], reform["N1"], {}, status=Status.DRAFT)
    document = Evidence.objects.create(
        submission=submission, title="Biên bản họp", file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes")
    )
    archive = backup.backup(tmp_path / "backups")
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(f"private/{document.file.name}")
        assert member.read() == b"%PDF-1.4 minutes"
