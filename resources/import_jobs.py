"""The admin's import: upload a spreadsheet (or a ZIP with its files), see the dry run, confirm.

Both runs are tasks (``run_import_job``) that record their progress on the ``ImportJob``, so a
long file shows a progress bar instead of a request that times out. Uploaded files stay outside
the public media, in ``RESOURCES_IMPORT_ROOT/<job id>/``, and are deleted after the import.
"""

import logging
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from portal.tasks import enqueue_on_commit

from .importer import ImportFileError, import_resources
from .models import ImportJob, ImportStatus, LibraryPage

logger = logging.getLogger(__name__)

SHEET_SUFFIXES = (".csv", ".xlsx")
UPLOAD_SUFFIXES = (*SHEET_SUFFIXES, ".zip")
# Progress is written at most this often (rows), so that a long import does not spend its time saving it.
PROGRESS_EVERY = 5


def library():
    return LibraryPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()


def can_import(user):
    """Imported resources are published at once: only those who may publish in the library import."""
    page = library()
    return bool(user.is_active and page is not None and page.permissions_for_user(user).can_publish_subpage())


def job_dir(job):
    return Path(settings.RESOURCES_IMPORT_ROOT) / str(job.pk)


def _extract(archive, target):
    """The ZIP's files under target (no absolute paths, no '..'); the relative path of its spreadsheet."""
    sheets = []
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.infolist():
            path = PurePosixPath(member.filename)
            if member.is_dir() or path.is_absolute() or ".." in path.parts or path.name.startswith("."):
                continue
            destination = target.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out)
            if path.suffix.lower() in SHEET_SUFFIXES and "__MACOSX" not in path.parts:
                sheets.append(path)
    if not sheets:
        raise ValidationError(_("The ZIP file holds no .csv or .xlsx spreadsheet."))
    # The spreadsheet nearest the top; its files are relative to it.
    return str(min(sheets, key=lambda p: (len(p.parts), str(p))))


def store_upload(upload, user, create_publishers=False):
    """Keep the uploaded file for the job and start its dry run."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ValidationError(_("Upload a .csv or .xlsx spreadsheet, or a .zip with the spreadsheet and its files."))
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s): the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    job = ImportJob.objects.create(file_name=name, created_by=user, create_publishers=create_publishers)
    folder = job_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / f"upload{suffix}"
    with saved.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    try:
        if suffix == ".zip":
            try:
                job.sheet = _extract(saved, folder / "files")
                job.sheet = str(PurePosixPath("files") / job.sheet)
            except zipfile.BadZipFile as error:
                raise ValidationError(_("The ZIP file cannot be opened.")) from error
        else:
            job.sheet = saved.name
    except ValidationError:
        shutil.rmtree(folder, ignore_errors=True)
        job.delete()
        raise
    job.save(update_fields=["sheet"])
    start(job, dry_run=True)
    return job


def start(job, dry_run, create_publishers=None):
    job.dry_run = dry_run
    if create_publishers is not None:
        job.create_publishers = create_publishers
    job.status = ImportStatus.QUEUED
    job.processed = job.total = 0
    job.results, job.error, job.finished_at = [], "", None
    job.save()
    enqueue_on_commit(run_import_job, job.pk)


def _language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return profile.get_preferred_language() if profile else settings.LANGUAGE_CODE


def _as_data(result):
    return {
        "line": result.line,
        "identifier": result.identifier,
        "title": result.title,
        "action": result.action,
        "errors": [list(error) for error in result.errors],
        "warnings": [list(warning) for warning in result.warnings],
    }


def run(job_id):
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return  # run already (a task delivered twice)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done, total):
        if done == total or done % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total)

    with translation.override(_language(job.created_by) if job.created_by else settings.LANGUAGE_CODE):
        try:
            results = import_resources(
                job_dir(job) / job.sheet,
                dry_run=job.dry_run,
                create_publishers=job.create_publishers,
                progress=progress,
            )
        except ImportFileError as error:
            job.status, job.error = ImportStatus.FAILED, str(error)
        except Exception:
            logger.exception("Import %s failed", job.pk)
            job.status, job.error = ImportStatus.FAILED, _("The import stopped on an unexpected error; see the log.")
        else:
            job.status, job.results = ImportStatus.DONE, [_as_data(r) for r in results]
            job.processed = job.total = len(results)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "results", "processed", "total", "finished_at"])
    if not job.dry_run:
        transaction.on_commit(lambda: shutil.rmtree(job_dir(job), ignore_errors=True))


@task()
def run_import_job(job_id):
    run(job_id)


def counts(job):
    actions = [row["action"] for row in job.results]
    return {
        "created": actions.count("created"),
        "updated": actions.count("updated"),
        "unchanged": actions.count("unchanged"),
        "failed": sum(1 for row in job.results if row["errors"]),
        "warnings": sum(1 for row in job.results if row["warnings"]),
    }


def unknown_publishers(job):
    """Rows refused only because their publisher is not an organisation yet (offered for creation)."""
    return sum(1 for row in job.results if row["errors"] and {c for c, _m in row["errors"]} == {"publisher"})
