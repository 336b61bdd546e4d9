"""The curator's and the director's pages through Django's test client.

Every page is asked with GET as a logged-in user (force_login): one warm-up, then REPEAT
timed requests; the record holds the median, the p95 and the SQL queries of one request.
A page that does not answer 200 is an error of the bench, never a figure.

Which pages: the site's own office pages (tests/url_roles_table.py lists them with the
roles), and for every base in the admin the curator may see: its list (the first page), the
list with a filter and a search (the filter keeps the most common value, so the count and
the page still walk most rows), and the card of one object. The director gets the pages of
a reader: dashboard, roadmap, survey results and the main lists. Downloads (PDF, xlsx) are
measured by documents.py and xlsx.py, not here.

The floors, measured first in the same process, by the same client, on the same people
table: a bare ModelAdmin's changelist (a plain ModelAdmin of Person on a throw-away
AdminSite, mentorship/bench/floors.py) and a plain 25-row list. Every curator's and
director's page carries its ratio to the bare changelist, timed again just before each of
the page's own runs (measure's floor): the ratio is to the floor of the same minutes.

The pages that keep what they show under the data's fingerprint (KEPT_PAGES: the dashboard,
entry/exit) are measured twice: as every page, a visit after the first on the same data,
and as the first visit after a change («первый показ»: the cache emptied before each
request), which makes everything again. The dashboard also as the visit after an answer to
a survey (AFTER_ANSWER: a response written before each request, in a transaction rolled
back after it; the insert, about a millisecond, is in the time), which makes again only
what reads the surveys — in a survey season, the director's usual visit.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from accounts.roles import Role

from . import config
from .measure import Record, StepError, db_vendor, measure

# Models whose admin pages belong to the administrator or to nobody in the office.
_NOT_OFFICE = {
    "accounts.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


# The site's pages kept under the data's fingerprint (mentorship.surveys.kept), and the
# names of their other visits.
DASHBOARD = "панель показателей (дашборд)"
ENTRY_EXIT = "опросы: входная/выходная"
KEPT_PAGES = frozenset({DASHBOARD, ENTRY_EXIT})
COLD = "первый показ после изменения данных"
AFTER_ANSWER = "показ после ответа на анкету"


@dataclass(frozen=True)
class Page:
    name: str  # what the table shows, in Russian
    role: Role
    url: str


def office_user(role: Role):
    """The generated college's curator or director (bench-kurator / bench-direktor; the demo's
    kurator / direktor), or else any active user holding the role."""
    names = config.CURATOR_USERNAMES if role == Role.CURATOR else config.DIRECTOR_USERNAMES
    users = get_user_model().objects.filter(is_active=True)
    for name in names:
        user = users.filter(username=name).first()
        if user is not None:
            return user
    user = users.filter(groups__name=role.label).order_by("pk").first()
    if user is None:
        raise StepError(f"нет пользователя с ролью «{role.label}»: {', '.join(names)}")
    return user


# --- the site's own pages --------------------------------------------------------------------


def _last_pk(model, **filters) -> int | None:
    return model.objects.filter(**filters).order_by("-pk").values_list("pk", flat=True).first()


def _site_pages() -> list[tuple[str, Callable[[], str | None], tuple[Role, ...]]]:
    from mentorship.people.models import MenteeProfile
    from mentorship.surveys.models import Response, Wave

    def latest_wave():
        return _last_pk(Wave)

    def answered_wave():
        return Response.objects.order_by("-pk").values_list("invitation__wave", flat=True).first()

    def waiting_mentee():
        pk = _last_pk(MenteeProfile, status=MenteeProfile.Status.WAITING)
        return reverse("pairs:matching-mentee", args=[pk]) if pk else None

    both = (Role.CURATOR, Role.DIRECTOR)
    curator = (Role.CURATOR,)

    def wave_url(name, pick=latest_wave):
        def url():
            pk = pick()
            return reverse(name, args=[pk]) if pk else None

        return url

    return [
        ("главная страница", lambda: reverse("home"), both),
        ("admin: главная", lambda: reverse("admin:index"), both),
        (DASHBOARD, lambda: reverse("reports:dashboard"), both),
        ("дорожная карта", lambda: reverse("roadmap:detail"), both),
        ("опросы: список волн", lambda: reverse("surveys:wave-list"), both),
        ("опросы: результаты волны", wave_url("surveys:wave-results", answered_wave), both),
        ("опросы: удовлетворённость", lambda: reverse("surveys:satisfaction"), both),
        (ENTRY_EXIT, lambda: reverse("surveys:entry-exit"), both),
        ("опросы: волна (ссылки)", wave_url("surveys:wave-detail"), curator),
        ("опросы: карточки для печати", wave_url("surveys:wave-print"), curator),
        ("опросы: новая волна", lambda: reverse("surveys:wave-create"), curator),
        ("подбор пар: список", lambda: reverse("pairs:matching"), curator),
        ("подбор пар: предложение", lambda: reverse("pairs:matching-proposal"), curator),
        ("подбор пар: наставляемый", waiting_mentee, curator),
        ("подбор пар: новая пара", lambda: reverse("pairs:pair-create"), curator),
        ("xlsx: шаблоны и импорт", lambda: reverse("people:templates"), curator),
        ("выданные учётные записи", lambda: reverse("accounts-issued"), curator),
    ]


# --- the admin's bases -----------------------------------------------------------------------


def _common_value(model, field_name: str):
    """The most frequent value of a field with choices (None when the table is empty)."""
    row = (
        model.objects.values(field_name)
        .annotate(n=models.Count("pk"))
        .order_by("-n", field_name)
        .first()
    )
    return row[field_name] if row else None


def _filtered_query(model_admin) -> str | None:
    """?<the first choices filter>=<its most common value>[&q=<a common fragment>]."""
    params = []
    for entry in model_admin.list_filter:
        if not isinstance(entry, str) or "__" in entry:
            continue
        field = model_admin.model._meta.get_field(entry)
        if field.choices and not field.many_to_many:
            value = _common_value(model_admin.model, entry)
            if value is not None:
                params.append(f"{entry}__exact={value}")
                break
    if model_admin.search_fields:
        # A fragment most Russian surnames and titles hold: the search keeps many rows.
        params.append("q=%D0%BE%D0%B2" if "name_key" in model_admin.search_fields else "q=%D0%B0")
    return "?" + "&".join(params) if params else None


def _admin_pages(user, role: Role) -> list[Page]:
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        key = f"{opts.app_label}.{opts.model_name}"
        if key in _NOT_OFFICE or not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        title = str(opts.verbose_name_plural)
        info = (opts.app_label, opts.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        obj = model.objects.order_by("pk").first()
        if key != "people.college":  # its list redirects to its one card
            pages.append(Page(f"admin: {title} — список", role, changelist))
            query = _filtered_query(model_admin)
            if query:
                pages.append(Page(f"admin: {title} — список с фильтром", role, changelist + query))
        if obj is not None:
            change = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            pages.append(Page(f"admin: {title} — карточка", role, change))
    return pages


def page_list(role: Role, user) -> list[Page]:
    pages = []
    for name, url, roles in _site_pages():
        if role in roles:
            address = url()
            if address:
                pages.append(Page(name, role, address))
    admin_pages = _admin_pages(user, role)
    if role == Role.DIRECTOR:
        # A reader's main lists, not every card of every base.
        keep = ("люди —", "пары", "наставник", "наставляем")
        admin_pages = [
            page
            for page in admin_pages
            if "список" in page.name and any(k in page.name.lower() for k in keep)
        ]
    return pages + admin_pages


def get_after_an_answer(client: Client, url: str):
    """get_ok, each request after a new response to a pending invitation, both in a
    transaction rolled back after the request: the data as it was, a new response each time
    (a sequence gives no id back)."""
    from django.utils import timezone

    from mentorship.surveys.models import Invitation, Response

    pending = iter(
        Invitation.objects.filter(response__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    get = get_ok(client, url)

    def call():
        invitation = next(pending, None)
        if invitation is None:
            raise StepError("нет приглашений без ответа для замера «после ответа на анкету»")
        with transaction.atomic():
            Response.objects.bulk_create(
                [Response(invitation_id=invitation, submitted_at=timezone.now())]
            )
            response = get()
            transaction.set_rollback(True)
        return response

    return call


def get_ok(client: Client, url: str, *, cold: bool = False):
    def call():
        if cold:
            cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            raise StepError(f"GET {url} ответил {response.status_code}, а не 200")
        return response

    return call


BARE_CHANGELIST_NAME = "основа: admin без настроек — люди — список"
PLAIN_LIST_NAME = "основа: простой список людей (25 строк)"


def floor_urls() -> dict[str, str]:
    """The floors' addresses (served by the bench's URLconf only)."""
    from django.urls import NoReverseMatch

    try:
        return {
            BARE_CHANGELIST_NAME: reverse("bench_floor:people_person_changelist"),
            PLAIN_LIST_NAME: reverse("bench-floor-people"),
        }
    except NoReverseMatch:
        raise StepError(
            "нет адресов основы замера: нужен ROOT_URLCONF = mentorship.bench.urls "
            "(настройки mentorship.bench.settings)"
        ) from None


def measure_floors(client: Client, size: int | None, *, repeat: int, warmup: int) -> list[Record]:
    """The bare changelist and the plain list over the people table, first the changelist."""
    from mentorship.people.models import Person

    try:
        urls = floor_urls()
    except StepError as error:
        names = (BARE_CHANGELIST_NAME, PLAIN_LIST_NAME)
        return [Record(name, db_vendor(), size, error=str(error)) for name in names]
    records = []
    for name, url in urls.items():
        record = measure(name, size, get_ok(client, url), repeat=repeat, warmup=warmup)
        record.extra.update(url=url, floor_of="pages", table=Person._meta.db_table)
        records.append(record)
    return records


def measure_pages(size: int | None, *, repeat: int | None = None, warmup: int = 1) -> list[Record]:
    """The floors, then every office page of this database; one record per page and role,
    each with its ratio to the bare changelist timed beside it."""
    repeat = config.REPEAT if repeat is None else repeat
    floor_client = Client()
    floor_client.force_login(office_user(Role.CURATOR))
    floors = measure_floors(floor_client, size, repeat=repeat, warmup=warmup)
    bare = floors[0]
    # Without the floor's address (bare.error) the pages have no ratio.
    floor = None if bare.error else (bare.name, get_ok(floor_client, bare.extra["url"]))
    records = list(floors)
    for role in (Role.CURATOR, Role.DIRECTOR):
        user = office_user(role)
        client = Client()
        client.force_login(user)
        who = role.label.lower()
        for page in page_list(role, user):
            calls = [(page.name, get_ok(client, page.url), {})]
            if page.name in KEPT_PAGES:
                cold = get_ok(client, page.url, cold=True)
                calls.append((f"{page.name} — {COLD}", cold, {"cold": True}))
            if page.name == DASHBOARD:
                answered = get_after_an_answer(client, page.url)
                calls.append((f"{page.name} — {AFTER_ANSWER}", answered, {"after_answer": True}))
            for name, call, extra in calls:
                record = measure(
                    f"{who}: {name}", size, call, repeat=repeat, warmup=warmup, floor=floor
                )
                record.extra.update(role=who, url=page.url, floor=bare.name, **extra)
                records.append(record)
    return records
