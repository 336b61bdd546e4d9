from django.urls import path

# The templates page of every base lives with the import machinery; its address stays here.
from mentorship.imports import views as imports_views

from . import views

app_name = "people"
urlpatterns = [
    path("consent-scans/<path:name>", views.consent_scan, name="consent-scan"),
    path("destruction-acts/<int:pk>/", views.destruction_act, name="destruction-act"),
    path("xlsx/", imports_views.templates_index, name="templates"),
    path(
        "xlsx/<str:base>/template.xlsx", imports_views.template_download, name="template-download"
    ),
]
