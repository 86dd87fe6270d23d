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


def test_the_backup_holds_the_self_assessments_evidence_too(settings, tmp_path):
    settings.EVALUATION_EVIDENCE_ROOT = tmp_path / "evidence"
    (settings.EVALUATION_EVIDENCE_ROOT / "2026").mkdir(parents=True)
    (settings.EVALUATION_EVIDENCE_ROOT / "2026" / "giay-khen.jpg").write_bytes(b"\xff\xd8 photo")
    archive = backup.backup(tmp_path / "backups")
    with tarfile.open(archive, "r:gz") as tar:
        assert tar.extractfile("evidence/2026/giay-khen.jpg").read() == b"\xff\xd8 photo"
