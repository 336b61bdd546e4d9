"""The curator's screens for pairs and groups, their plans, meetings and achievements.

Pairs are formed on the matching pages and change status on their own pages (services
check the rules there); the admin shows them, edits what carries no rule, and links out.
"""

import datetime as dt

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from mentorship.admin_site import (
    AuditHistoryAdmin,
    ReadersCannotPostMixin,
    ReadOnlyInline,
    TitledListMixin,
)
from mentorship.documents.orders import (
    order_docx_action,
    order_register_action,
    order_selection_action,
)
from mentorship.lib.numbers import percent
from mentorship.lib.text import name_key
from mentorship.people.models import College, MenteeProfile, Person

from . import services
from .documents import ORDER_TITLES, OrderKind
from .models import (
    Achievement,
    IndividualPlan,
    Meeting,
    Pair,
    PairMembership,
    PairStatusChange,
    PlanTask,
)

# The orders themselves are made by views.orders; a selection in the list only leads there.
order_pairs_pdf = order_selection_action(
    name="order_pairs_pdf",
    description="Приказ о закреплении выбранных пар (PDF)",
    url_name="pairs:order-pairs",
)
order_rewards_pdf = order_selection_action(
    name="order_rewards_pdf",
    description="Приказ о поощрении участников выбранных пар (PDF)",
    url_name="pairs:order-rewards",
)
order_pairs_docx = order_docx_action(
    name="order_pairs_docx",
    description="Приказ о закреплении выбранных пар (Word, .docx)",
    paper="order_pairs",
)
order_rewards_docx = order_docx_action(
    name="order_rewards_docx",
    description="Приказ о поощрении участников выбранных пар (Word, .docx)",
    paper="order_rewards",
)
order_plans_pdf = order_selection_action(
    name="order_plans_pdf",
    description="Приказ об утверждении выбранных планов (PDF)",
    url_name="pairs:order-plans",
)
order_plans_docx = order_docx_action(
    name="order_plans_docx",
    description="Приказ об утверждении выбранных планов (Word, .docx)",
    paper="order_plans",
)

certificates_pdf = order_selection_action(
    name="certificates_pdf",
    description="Сертификаты участникам выбранных пар (PDF)",
    url_name="pairs:certificates",
    too_many="В один файл сертификатов — не больше {cap} пар. Сузьте выбор фильтром и "
    "сформируйте сертификаты частями (или возьмите их в формате .docx).",
)
certificates_docx = order_docx_action(
    name="certificates_docx",
    description="Сертификаты участникам выбранных пар (Word, .docx)",
    paper="certificates",
)
# The participation agreements of a start, printed at once (mentorship.pairs.agreement_paper).
agreements_pdf = order_selection_action(
    name="agreements_pdf",
    description="Соглашения об участии выбранных пар (PDF)",
    url_name="pairs:agreement-print",
)
agreements_docx = order_docx_action(
    name="agreements_docx",
    description="Соглашения об участии выбранных пар (Word, .docx)",
    paper="agreement",
)


def _typed_order(queryset) -> tuple[str, dt.date | None]:
    """The order's number and date as typed in the pairs selected, when they all agree."""
    typed = set(queryset.order_by().values_list("order_number", "order_date").distinct()[:2])
    if len(typed) != 1:
        return "", None
    number, date = typed.pop()
    return number, date


order_pairs_register = order_register_action(
    name="order_pairs_register",
    description="Внести подписанный приказ о закреплении выбранных пар в реестр",
    title=ORDER_TITLES[OrderKind.PAIRS],
    typed=_typed_order,
)
# The rewards order's number and date are kept nowhere on the pairs: the curator types them.
order_rewards_register = order_register_action(
    name="order_rewards_register",
    description="Внести подписанный приказ о поощрении участников выбранных пар в реестр",
    title=ORDER_TITLES[OrderKind.REWARDS],
)


class PairsAdmin(TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin):
    list_per_page = 50
    show_facets = admin.ShowFacets.ALLOW


def _person_matches(term: str):
    return Person.objects.search(term).values("pk")


def _person_named(path: str, term: str) -> Q:
    """Person.objects.search(term) on the person a foreign-key path reaches (one per row):
    every word in the normalised full name. Asked on the joined person, not as `<path>__in=
    <the matching people>`: a common fragment matches most of the college, and the list of
    them, or of their profiles' memberships, cost more than the join (issue 16)."""
    words = name_key(term).split()
    if not words:  # as search() without a word: every person
        return Q(**{f"{path}__isnull": False})
    return Q(*(Q(**{f"{path}__name_key__contains": word}) for word in words))


class InactiveFilter(admin.SimpleListFilter):
    title = "активность"
    parameter_name = "activity"

    def lookups(self, request, model_admin):
        days = College.get().inactivity_days
        return [("inactive", f"нет встреч дольше {days} дн.")]

    def queryset(self, request, queryset):
        if self.value() == "inactive":
            return queryset.filter(is_inactive=True)  # PairAdmin.get_queryset() annotates it
        return queryset


class GroupFilter(admin.SimpleListFilter):
    title = "состав"
    parameter_name = "size"

    def lookups(self, request, model_admin):
        return [("pair", "пара (один наставляемый)"), ("group", "группа")]

    def queryset(self, request, queryset):
        if self.value() == "pair":
            return queryset.filter(mentee_count=1)
        if self.value() == "group":
            return queryset.filter(mentee_count__gt=1)
        return queryset


class OrderFilter(admin.SimpleListFilter):
    title = "приказ"
    parameter_name = "order"

    def lookups(self, request, model_admin):
        return [("yes", "закреплена приказом"), ("no", "приказа нет")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(order_number="")
        if self.value() == "no":
            return queryset.filter(order_number="")
        return queryset


class MembershipInline(ReadOnlyInline):
    model = PairMembership
    fields = ["mentee", "joined_on", "is_current"]
    verbose_name_plural = "наставляемые"


class StatusChangeInline(ReadOnlyInline):
    model = PairStatusChange
    fields = ["changed_on", "from_status", "to_status", "reason", "changed_by"]


class MeetingInline(ReadOnlyInline):
    model = Meeting
    fields = ["date", "kind", "format", "topic"]
    show_change_link = True


@admin.register(Pair)
class PairAdmin(PairsAdmin):
    list_display = [
        "number",
        "mentor_name",
        "mentee_names",
        "form",
        "status",
        "start_date",
        "last_meeting_date",
        "plan_progress",
    ]
    list_display_links = ["number"]
    list_filter = ["status", "form", InactiveFilter, GroupFilter, OrderFilter, "start_date"]
    search_fields = ["pk"]
    search_help_text = "ФИО наставника или наставляемого."
    fields = [
        ("mentor", "form"),
        "role_model",
        "status",
        ("start_date", "planned_end_date", "end_date"),
        ("order_number", "order_date"),
        "end_reason",
        "result_summary",
        "registered_documents",
    ]
    readonly_fields = [
        "mentor",
        "form",
        "status",
        "start_date",
        "end_date",
        "end_reason",
        "result_summary",
        "registered_documents",
    ]
    inlines = [MembershipInline, MeetingInline, StatusChangeInline]
    actions = [
        order_pairs_pdf,
        order_pairs_docx,
        order_pairs_register,
        order_rewards_pdf,
        order_rewards_docx,
        order_rewards_register,
        certificates_pdf,
        certificates_docx,
        agreements_pdf,
        agreements_docx,
    ]
    change_form_template = "admin/pairs/pair/change_form.html"

    def get_queryset(self, request):
        memberships = PairMembership.objects.select_related("mentee__person").order_by(
            "mentee__person__last_name"
        )
        return (
            super()
            .get_queryset(request)
            .select_related("mentor__person", "form", "role_model")
            .prefetch_related(Prefetch("memberships", queryset=memberships))
            .with_activity()
            .with_inactivity(timezone.localdate(), College.get().inactivity_days)
        )

    @admin.display(description="документы реестра")
    def registered_documents(self, obj):
        """The registered documents that concern the pair, newest first; a scan downloads
        through documents:scan (its storage's URL), which checks the role. One query."""
        if obj is None or obj.pk is None:
            return "—"
        items = [
            format_html('<a href="{}">{}</a>', document.scan.url, document)
            if document.scan
            else format_html("{}", document)
            for document in obj.documents.all()
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items)) or "—"

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # Subqueries, not joins to the memberships: no duplicate rows, so no DISTINCT over
        # the whole list (the search stays fast at thousands of pairs).
        # The full college, «а» (1,809 of 1,812 finished pairs): the count 28-32 -> 8-12 ms on
        # SQLite, 17-29 -> 10-20 ms on PostgreSQL; the page's query about as much.
        with_mentee = PairMembership.objects.filter(_person_named("mentee__person", search_term))
        by_mentor = _person_named("mentor__person", search_term)
        return queryset.filter(by_mentor | Q(pk__in=with_mentee.values("pair"))), False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "role_model":
            kwargs["queryset"] = db_field.related_model.objects.select_related("form")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def add_view(self, request, form_url="", extra_context=None):
        # Pairs are formed where the rules and suggestions are: the matching pages.
        if not self.has_add_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("pairs:pair-create"))

    def has_delete_permission(self, request, obj=None):
        # A pair that worked is a record for the yearly report; only a draft may go.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == Pair.Status.FORMING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The pair the form was made for, annotated by get_queryset(): not asked for again
        # (with its activity and inactivity it was two queries and a fifth of the card).
        if obj is not None:
            context.update(
                pair_obj=obj,
                inactivity_days=College.get().inactivity_days,
                inactive=obj.is_inactive,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="№", ordering="pk")
    def number(self, obj):
        return f"№ {obj.pk}"

    @admin.display(description="наставник", ordering="mentor__person__last_name")
    def mentor_name(self, obj):
        return obj.mentor.person.full_name

    @admin.display(description="наставляемые")
    def mentee_names(self, obj):
        names = [m.mentee.person.short_name for m in obj.memberships.all()]
        return ", ".join(names) or "—"

    @admin.display(description="последняя встреча", ordering="last_meeting")
    def last_meeting_date(self, obj):
        if obj.last_meeting is None:
            text = "не было"
        else:
            text = obj.last_meeting.strftime("%d.%m.%Y")
        if obj.is_inactive:
            return format_html(
                '<span style="color:#ba2121" title="Пара неактивна">⚠ {}</span>', text
            )
        return text

    @admin.display(description="план", ordering="task_done")
    def plan_progress(self, obj):
        if not obj.task_total:
            return "нет плана"
        done = percent(obj.task_done, obj.task_total, places=0)
        return f"{done} % ({obj.task_done}/{obj.task_total})"


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["pair", "kind", "date", "format", "topic", "notes", "attendees"]

    def clean(self):
        cleaned = super().clean()
        pair, date = cleaned.get("pair"), cleaned.get("date")
        if pair and date and not self.instance.pk:
            for problem in services.meeting_problems(
                pair=pair,
                kind=cleaned.get("kind"),
                date=date,
                attendees=list(cleaned.get("attendees") or []),
            ):
                self.add_error(None, problem)
        elif pair and cleaned.get("attendees") is not None:
            members = set(pair.memberships.values_list("mentee_id", flat=True))
            if any(a.pk not in members for a in cleaned["attendees"]):
                self.add_error("attendees", "В списке присутствовавших есть люди не из этой пары.")
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(PairsAdmin):
    form = MeetingAdminForm
    list_display = ["date", "kind", "pair_link", "format", "topic"]
    list_filter = ["kind", "format", "date"]
    search_fields = ["topic"]
    search_help_text = "Тема встречи или ФИО наставника."
    autocomplete_fields = ["pair"]
    filter_horizontal = ["attendees"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pair__mentor__person", "pair__form")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # The mentor's name first: a meeting found by it skips the upper() of its topic.
        by_mentor = _person_named("pair__mentor__person", search_term)
        return queryset.filter(by_mentor | Q(topic__icontains=search_term)), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "attendees" in form.base_fields:
            # A recorded meeting offers its own pair's mentees; a new one, those of the pairs
            # at work — not every mentee who ever had a pair (thousands in a big college).
            members = (
                PairMembership.objects.filter(pair=obj.pair)
                if obj is not None
                else PairMembership.objects.filter(is_current=True)
            )
            form.base_fields["attendees"].queryset = (
                MenteeProfile.objects.filter(pk__in=members.values("mentee"))
                .select_related("person")
                .order_by("person__name_key")
            )
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="пара / группа", ordering="pair")
    def pair_link(self, obj):
        url = reverse("admin:pairs_pair_change", args=[obj.pair_id])
        return format_html('<a href="{}">{}</a>', url, obj.pair)


class PlanTaskInline(admin.TabularInline):
    model = PlanTask
    fields = ["title", "due_date", "mentee", "done", "done_on"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["mentee"]
        mentees = MenteeProfile.objects.select_related("person")
        field.queryset = (
            mentees.filter(memberships__pair=obj.pair) if obj is not None else mentees.none()
        )
        return formset


@admin.register(IndividualPlan)
class IndividualPlanAdmin(PairsAdmin):
    list_display = ["pair", "updated_at"]
    fields = ["pair", "goals"]
    autocomplete_fields = ["pair"]
    inlines = [PlanTaskInline]
    search_fields = ["goals"]
    actions = [order_plans_pdf, order_plans_docx]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pair__mentor__person", "pair__form")

    def get_readonly_fields(self, request, obj=None):
        return ["pair"] if obj is not None else []


@admin.register(Achievement)
class AchievementAdmin(PairsAdmin):
    list_display = ["date", "person", "event", "level", "result", "document"]
    list_filter = ["level", "result", "document", "date", "person__kind"]
    search_fields = ["event"]
    search_help_text = "Мероприятие или ФИО участника."
    autocomplete_fields = ["person", "pair"]
    list_select_related = ["person"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        by_person = Q(person__in=_person_matches(search_term))
        return queryset.filter(Q(event__icontains=search_term) | by_person), False
