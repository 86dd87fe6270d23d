from django.urls import path

from . import api

app_name = "resources_api"

urlpatterns = [
    path("", api.resource_list, name="list"),
    path("<int:pk>/", api.resource_detail, name="detail"),
]
