from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.assessment_list, name="assessments"),
    path("export.xlsx", admin_views.export, name="export"),
    path("<int:pk>/", admin_views.assessment_detail, name="assessment"),
    path("<int:pk>/evidence/<int:evidence_id>/", admin_views.evidence_file, name="evidence"),
    path("<int:pk>/certificate.pdf", admin_views.certificate_file, name="certificate"),
    path("decisions/", admin_views.decision_list, name="decisions"),
    path("decisions/new/", admin_views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", admin_views.decision_detail, name="decision"),
    path("certificates/<int:pk>/revoke/", admin_views.certificate_revoke, name="certificate_revoke"),
    path("criteria/import/", admin_views.criteria_import, name="criteria_import"),
    path("criteria/<int:pk>/export.xlsx", admin_views.criteria_export, name="criteria_export"),
    path("criteria/<int:pk>/copy/", admin_views.criteria_copy, name="criteria_copy"),
]
