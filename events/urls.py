from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<str:token>/", views.manage_registration, name="manage"),
]
