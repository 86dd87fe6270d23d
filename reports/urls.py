from django.urls import path

from . import api

app_name = "figures_api"

urlpatterns = [path("", api.figures, name="list")]
