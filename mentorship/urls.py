from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("accounts.urls")),
    path("people/", include("mentorship.people.urls")),
    path("pairs/", include("mentorship.pairs.urls")),
    path("cabinet/", include("mentorship.pairs.urls_cabinet")),
    path("admin/", admin.site.urls),
]
