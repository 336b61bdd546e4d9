"""What bare Django does on the same machine and the same data: the floors `make bench`
measures beside the product's figures (mentorship/bench/run/).

Served only under the bench's settings (mentorship/bench/urls.py is their ROOT_URLCONF):

- a plain ModelAdmin over the people table on a throw-away AdminSite — never the product's
  admin site, so nothing here shows in the office;
- a plain 25-row list over the same table (a ListView and a bare template);
- a bare one-row POST (no form, no CSRF, one INSERT) for the survey load's floor through
  the same gunicorn + PostgreSQL.
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from mentorship.people.models import Person

from .models import FloorPost


class BareAdminSite(admin.AdminSite):
    """Django's AdminSite, except that the office's users get in: they are not is_staff
    (the product's site lets roles in). The ModelAdmin still asks for view permission."""

    def has_permission(self, request):
        return request.user.is_active


# The admin's own defaults: no list_display, no filters, no search, 100 rows a page.
bare_site = BareAdminSite(name="bench_floor")
bare_site.register(Person, admin.ModelAdmin)

PLAIN_LIST_ROWS = 25


class PlainPeopleList(ListView):
    """25 people a page, a name and four columns each: a list page with nothing on it (for
    logged-in users, as every page: LoginRequiredMiddleware)."""

    model = Person
    ordering = ("last_name", "first_name", "pk")
    paginate_by = PLAIN_LIST_ROWS
    template_name = "bench/plain_people_list.html"


@login_not_required
@csrf_exempt
@require_POST
def one_row_post(request):
    """One INSERT of what was posted: the least a form that stores an answer does (public,
    as a personal survey link is)."""
    FloorPost.objects.create(text=request.POST.get("text", "")[:200])
    return HttpResponse("записано", content_type="text/plain; charset=utf-8")
