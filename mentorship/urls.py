from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from mentorship.pairs.urls import cabinet_urlpatterns
from mentorship.surveys.urls import public_urlpatterns
from roadmap.urls import reports_urlpatterns

urlpatterns = [
    path("", include("mentorship.office.urls")),
    path("", include("accounts.urls")),
    path("people/", include("mentorship.people.urls")),
    path("pairs/", include("mentorship.pairs.urls")),
    path("documents/", include("mentorship.documents.register_urls")),
    path("cabinet/", include(cabinet_urlpatterns)),
    path("surveys/", include("mentorship.surveys.urls")),
    path("cases/", include("mentorship.cases.urls")),
    path("roadmap/", include("roadmap.urls")),
    path("reports/region-package/", include("mentorship.package.urls")),
    path("reports/", include(reports_urlpatterns)),
    path("region/", include("mentorship.region.urls")),
    # Personal survey links: short, because they are printed and typed from paper.
    path("s/", include(public_urlpatterns)),
    # The journal of downloads moved from roadmap to documents: old bookmarks still lead to it.
    re_path(
        r"^admin/roadmap/reportdownload/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/documents/reportdownload/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
]
