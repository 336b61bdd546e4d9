from django.urls import path

from . import register_views

app_name = "documents"
urlpatterns = [
    path("scans/<path:name>", register_views.scan, name="scan"),
]
