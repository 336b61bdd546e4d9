from django.urls import path

from . import views_reports

app_name = "reports"
urlpatterns = [
    path("", views_reports.dashboard_view, name="dashboard"),
    path("kpi.pdf", views_reports.report_pdf, name="kpi-report"),
]
