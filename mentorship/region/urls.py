"""The regional centre's pages (namespace «region», under /region/)."""

from django.http import HttpResponse
from django.urls import path

from accounts.access import role_required
from accounts.roles import Role

from .views import upload

app_name = "region"


# PLACEHOLDER until part «D» (views/dashboard.py) is merged: the lead replaces these two
# lines with the dashboard's and the report's real views. Only the names matter here.
@role_required(Role.COORDINATOR)
def _placeholder(request):
    return HttpResponse("Показатели региона")


urlpatterns = [
    path("", _placeholder, name="dashboard"),
    path("report/", _placeholder, name="report"),
    path("upload/", upload.upload, name="upload"),
]
