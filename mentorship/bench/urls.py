"""The bench's URLconf (ROOT_URLCONF of mentorship/bench/settings.py): the product's URLs,
and under /bench-floor/ the floors the bench measures beside them (mentorship/bench/floors.py).
Never the production URLconf: the floors exist only where the bench is installed."""

from django.urls import path

from mentorship.bench import floors
from mentorship.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench-floor/admin/", floors.bare_site.urls),
    path("bench-floor/people/", floors.PlainPeopleList.as_view(), name="bench-floor-people"),
    path("bench-floor/post/", floors.one_row_post, name="bench-floor-post"),
    *product_urlpatterns,
]
