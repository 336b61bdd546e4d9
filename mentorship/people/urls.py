from django.urls import path

from . import views, views_destruction, views_xlsx

app_name = "people"
urlpatterns = [
    path("consent-scans/<path:name>", views.consent_scan, name="consent-scan"),
    path("destruction-acts/<int:pk>/", views_destruction.destruction_act, name="destruction-act"),
    path("xlsx/", views_xlsx.templates_index, name="templates"),
    path("xlsx/<str:base>/template.xlsx", views_xlsx.template_download, name="template-download"),
]
