from django.urls import path

from . import import_views

urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("example.csv", import_views.example, name="template"),
    path("<int:job_id>/", import_views.job_detail, name="job"),
    path("<int:job_id>/status/", import_views.job_status, name="status"),
    path("<int:job_id>/confirm/", import_views.job_confirm, name="confirm"),
]
