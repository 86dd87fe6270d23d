"""The admin pages of the import: upload, the dry run's report line by line, confirmation, progress."""

from functools import wraps
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import import_jobs
from .importer import COLUMNS, REQUIRED
from .models import ImportJob, ImportStatus

RECENT_JOBS = 10
SAMPLE = Path(__file__).resolve().parent / "samples" / "resources.csv"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A .csv (commas or semicolons) or .xlsx file with one resource per row, or a .zip holding the "
            "spreadsheet and the files it names."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.zip"}),
    )
    create_publishers = forms.BooleanField(
        label=gettext_lazy("Create publishers that are not in the organisations yet"),
        required=False,
        help_text=gettext_lazy(
            "Leave unticked to have unknown publishers reported (with the closest known name) instead."
        ),
    )


def importer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not import_jobs.can_import(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@importer_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_jobs.store_upload(
                form.cleaned_data["file"], request.user, create_publishers=form.cleaned_data["create_publishers"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("resources_import:job", job.pk)
    return TemplateResponse(
        request,
        "resources/admin/import_upload.html",
        {
            "form": form,
            "required": REQUIRED,
            "optional": [c for c in COLUMNS if c not in REQUIRED],
            "jobs": ImportJob.objects.select_related("created_by")[:RECENT_JOBS],
        },
    )


def _job(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return job


@importer_required
def example(request):
    response = FileResponse(SAMPLE.open("rb"), as_attachment=True, filename="hoc-lieu-mau.csv")
    response["Content-Type"] = "text/csv; charset=utf-8"
    return response


@importer_required
def job_detail(request, job_id):
    job = _job(request, job_id)
    counts = import_jobs.counts(job) if job.status == ImportStatus.DONE else {}
    return TemplateResponse(
        request,
        "resources/admin/import_job.html",
        {
            "job": job,
            "counts": counts,
            "importable": counts.get("created", 0) + counts.get("updated", 0),
            "unknown_publishers": import_jobs.unknown_publishers(job) if job.dry_run else 0,
            "status_url": reverse("resources_import:status", args=[job.pk]),
        },
    )


@importer_required
def job_status(request, job_id):
    job = _job(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "processed": job.processed,
            "total": job.total,
            "percent": job.percent,
            "finished": job.is_finished,
        }
    )


@require_POST
@importer_required
def job_confirm(request, job_id):
    job = _job(request, job_id)
    if not (job.dry_run and job.status == ImportStatus.DONE):
        messages.error(request, _("This file has been imported already, or its check is not finished."))
    elif request.POST.get("recheck"):
        import_jobs.start(job, dry_run=True, create_publishers=True)
    else:
        import_jobs.start(job, dry_run=False)
    return redirect("resources_import:job", job.pk)
