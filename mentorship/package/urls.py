"""The package's URL, under /reports/region-package/ (namespace «package»)."""

from django.urls import path

from . import views

app_name = "package"
urlpatterns = [path("", views.download, name="download")]
