"""The roadmap app's pages: the roadmap (namespace «roadmap», under /roadmap/) and the
director's dashboard, yearly report and its approval (namespace «reports», under /reports/)."""

from django.urls import path

from .views import reports, rollover
from .views import roadmap as views

app_name = "roadmap"
urlpatterns = [
    path("", views.roadmap_detail, name="detail"),
    path("<int:pk>/", views.roadmap_detail, name="detail"),
    path("activities/<int:pk>/done/", views.activity_done, name="activity-done"),
    path("activities/<int:pk>/undo/", views.activity_undo, name="activity-undo"),
    path(
        "activities/<int:pk>/years/<int:year>/undo/",
        views.activity_year_undo,
        name="activity-year-undo",
    ),
    path("activities/<int:pk>/status/", views.activity_status, name="activity-status"),
    path("activities/<int:pk>/evidence/", views.activity_evidence, name="activity-evidence"),
    path("print/", views.roadmap_print, name="print"),
    path("roll-over/", rollover.roll_over, name="roll-over"),
    path("roll-over/targets/", rollover.roll_over_targets, name="roll-over-targets"),
]

reports_urlpatterns = (
    [
        path("", reports.dashboard_view, name="dashboard"),
        path("kpi.pdf", reports.report_pdf, name="kpi-report"),
        path("approve/", reports.report_approve, name="approve"),
    ],
    "reports",
)
