from django.urls import path

from mentorship.imports import views as views_xlsx

from . import views, views_destruction

app_name = "people"
urlpatterns = [
    path("consent-scans/<path:name>", views.consent_scan, name="consent-scan"),
    path("destruction-acts/<int:pk>/", views_destruction.destruction_act, name="destruction-act"),
    path("xlsx/", views_xlsx.templates_index, name="templates"),
    path("xlsx/<str:base>/template.xlsx", views_xlsx.template_download, name="template-download"),
]
