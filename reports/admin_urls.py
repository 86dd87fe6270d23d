from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("period/<int:period_id>/", admin_views.period_detail, name="period"),
    path("period/<int:period_id>/overdue/", admin_views.overdue_list, name="overdue"),
    path("period/<int:period_id>/template.xlsx", admin_views.template, name="template"),
    path("period/<int:period_id>/import/", admin_views.import_figures, name="import"),
    path("period/<int:period_id>/area/<int:area_id>/", admin_views.open_area, name="open_area"),
    path("period/<int:period_id>/unit/<int:organisation_id>/", admin_views.open_unit, name="open_unit"),
    path("report/<int:pk>/", admin_views.submission_detail, name="submission"),
    path("report/<int:pk>/withdraw/", admin_views.withdraw, name="withdraw"),
    path("report/<int:pk>/review/", admin_views.review, name="review"),
    path("report/<int:pk>/evidence/", admin_views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", admin_views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", admin_views.evidence_delete, name="evidence_delete"),
    path("version/<int:pk>/copy/", admin_views.copy_version, name="copy_version"),
]
