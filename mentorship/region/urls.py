"""The regional centre's pages (namespace «region», under /region/): the coordinator's."""

from django.urls import path

from .views import dashboard, upload

app_name = "region"
urlpatterns = [
    path("", dashboard.dashboard_view, name="dashboard"),
    path("report/", dashboard.report_view, name="report"),
    path("upload/", upload.upload, name="upload"),
]
