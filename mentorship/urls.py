from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("mentorship.office.urls")),
    path("", include("accounts.urls")),
    path("people/", include("mentorship.people.urls")),
    path("pairs/", include("mentorship.pairs.urls")),
    path("cabinet/", include("mentorship.pairs.urls_cabinet")),
    path("surveys/", include("mentorship.surveys.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("reports/", include("roadmap.urls_reports")),
    # Personal survey links: short, because they are printed and typed from paper.
    path("s/", include("mentorship.surveys.urls_public")),
    # The journal of downloads moved from roadmap to documents: old bookmarks still lead to it.
    re_path(
        r"^admin/roadmap/reportdownload/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/documents/reportdownload/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
]
