from django.urls import path, re_path

from . import admin_views

urlpatterns = [
    path("", admin_views.event_list, name="events"),
    path("<int:event_id>/", admin_views.event_registrations, name="registrations"),
    path("<int:event_id>/add/", admin_views.add_registration, name="add"),
    re_path(r"^(?P<event_id>\d+)/export\.(?P<fmt>csv|xlsx)$", admin_views.export, name="export"),
    path("<int:event_id>/attendance/", admin_views.attendance_sheet, name="attendance"),
    path("<int:event_id>/check-in/", admin_views.check_in, name="check_in"),
    path("check-in/<str:reference>/", admin_views.check_in_reference, name="check_in_reference"),
    path("registration/<int:registration_id>/action/", admin_views.registration_action, name="action"),
]
