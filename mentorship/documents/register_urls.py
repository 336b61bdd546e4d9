from django.urls import path

from . import papers_views, register_views

app_name = "documents"
urlpatterns = [
    path("scans/<path:name>", register_views.scan, name="scan"),
    path("papers/", papers_views.papers_page, name="papers"),
    path("papers/<slug:kind>/", papers_views.paper_download, name="paper"),
]
