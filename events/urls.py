from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("quan-ly/", views.manage_current, name="manage_current"),
    path("su-kien/<int:pk>/", views.register, name="register"),
    path("<str:token>/", views.manage_link, name="manage"),
]
