"""The curator edits the questionnaires here: they are data (questions, their kinds, which
count towards satisfaction, which parameter the entry/exit diagnostics compare). Waves,
links and responses are lists to look things up in: they are made on the survey pages
and by the people who answer, never edited here. The director only views (the view
permissions of the role), and never sees links or answers with names.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from mentorship.admin_site import (
    AuditHistoryAdmin,
    ReadersCannotPostMixin,
    ReadOnlyInline,
    RowLinksChangeList,
    TitledListMixin,
)
from mentorship.lib.database import rows_pointing_here
from mentorship.people.admin import PersonSearchMixin

from .models import Answer, Choice, Invitation, Question, Questionnaire, Response, Wave
from .waves import HAS_EMAIL

NOT_SCALE_SATISFACTION = "В показатель удовлетворённости входят только вопросы со шкалой 1–10."
NOT_SCALE_PARAMETER = "Диагностируемый параметр бывает только у вопроса со шкалой 1–10."
KIND_LOCKED = (
    "На этот вопрос уже есть ответы: тип ответа менять нельзя, иначе прежние ответы "
    "станут непонятны. Добавьте новый вопрос."
)


class SurveysAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    list_per_page = 50
    show_facets = admin.ShowFacets.ALLOW


class ReadOnlyMixin:
    """Records made by the survey pages: looked at, never added, edited or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- questionnaires ------------------------------------------------------------------------


class QuestionForm(forms.ModelForm):
    """The database's rules for a question, as Russian messages beside the field."""

    class Meta:
        model = Question
        fields = ["order", "text", "help_text", "kind", "required", "is_satisfaction", "parameter"]
        widgets = {
            "text": forms.TextInput(attrs={"size": 60}),
            "order": forms.NumberInput(attrs={"style": "width: 4em"}),
            "parameter": forms.TextInput(attrs={"size": 16}),
        }

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and kind != Question.Kind.SCALE:
            if cleaned.get("is_satisfaction"):
                self.add_error("is_satisfaction", NOT_SCALE_SATISFACTION)
            if cleaned.get("parameter"):
                self.add_error("parameter", NOT_SCALE_PARAMETER)
        if (
            self.instance.pk
            and "kind" in self.changed_data
            and Answer.objects.filter(question=self.instance).exists()
        ):
            self.add_error("kind", KIND_LOCKED)
        return cleaned


class QuestionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            parameter = form.cleaned_data.get("parameter")
            if not parameter:
                continue
            if parameter in seen:
                form.add_error(
                    "parameter",
                    f"Параметр «{parameter}» уже есть у вопроса «{seen[parameter]}»: "
                    "в одной анкете каждый параметр измеряется одним вопросом.",
                )
            seen[parameter] = form.cleaned_data.get("text", "")


class QuestionInline(admin.TabularInline):
    model = Question
    form = QuestionForm
    formset = QuestionFormSet
    fields = ["order", "text", "kind", "required", "is_satisfaction", "parameter", "choice_list"]
    readonly_fields = ["choice_list"]
    extra = 0
    show_change_link = True
    verbose_name_plural = "вопросы (варианты ответа — по ссылке «Изменить» у вопроса)"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("choices")

    @admin.display(description="варианты ответа")
    def choice_list(self, obj):
        if obj.pk is None or obj.kind not in Question.CHOICE_KINDS:
            return "—"
        texts = [choice.text for choice in obj.choices.all()]
        if not texts:
            return format_html('<span style="color:#ba2121">{}</span>', "нет вариантов — добавьте")
        return "; ".join(texts)


@admin.register(Questionnaire)
class QuestionnaireAdmin(SurveysAdmin):
    list_display = ["title", "purpose", "audience", "is_active", "question_count", "wave_count"]
    list_filter = ["purpose", "audience", "is_active"]
    search_fields = ["title"]
    fields = ["title", "code", ("purpose", "audience"), "intro", "is_active"]
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                questions_total=rows_pointing_here(Question.objects, "questionnaire"),
                waves_total=rows_pointing_here(Wave.objects, "questionnaire"),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # Whom a questionnaire is for and what it measures are fixed once it was sent:
        # the invitations and the KPIs read them.
        if obj is not None and obj.waves.exists():
            return ["purpose", "audience"]
        return []

    @admin.display(description="вопросов", ordering="questions_total")
    def question_count(self, obj):
        return obj.questions_total

    @admin.display(description="опросов", ordering="waves_total")
    def wave_count(self, obj):
        return obj.waves_total


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["order", "text"]
    extra = 1


class QuestionAdminForm(QuestionForm):
    class Meta(QuestionForm.Meta):
        fields = ["questionnaire", *QuestionForm.Meta.fields]

    def clean(self):
        cleaned = super().clean()
        parameter, questionnaire = cleaned.get("parameter"), cleaned.get("questionnaire")
        if parameter and questionnaire:
            clash = (
                Question.objects.filter(questionnaire=questionnaire, parameter=parameter)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                self.add_error(
                    "parameter",
                    f"Параметр «{parameter}» уже есть у вопроса «{clash.text}» этой анкеты.",
                )
        return cleaned


@admin.register(Question)
class QuestionAdmin(SurveysAdmin):
    form = QuestionAdminForm
    list_display = ["text", "questionnaire", "order", "kind", "is_satisfaction", "parameter"]
    list_display_links = ["text"]
    list_filter = ["questionnaire", "kind", "is_satisfaction"]
    search_fields = ["text"]
    fields = [
        "questionnaire",
        ("order", "kind", "required"),
        "text",
        "help_text",
        ("is_satisfaction", "parameter"),
    ]
    inlines = [ChoiceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("questionnaire")


# --- waves, links, responses ---------------------------------------------------------------


class WaveStateFilter(admin.SimpleListFilter):
    title = "состояние"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "идёт приём ответов"), ("closed", "приём не идёт")]

    def queryset(self, request, queryset):
        open_ = Wave.open_q(timezone.localdate())
        if self.value() == "open":
            return queryset.filter(open_)
        if self.value() == "closed":
            return queryset.exclude(open_)
        return queryset


@admin.register(Wave)
class WaveAdmin(ReadOnlyMixin, SurveysAdmin):
    list_display = [
        "title",
        "questionnaire",
        "opened_on",
        "closes_on",
        "state",
        "invited_count",
        "answered_count",
        "pages",
    ]
    list_filter = [WaveStateFilter, "questionnaire", "opened_on"]
    search_fields = ["title"]
    fields = [
        "title",
        "questionnaire",
        ("opened_on", "closes_on"),
        "closed_early_at",
        ("created_by", "created_at"),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("questionnaire")
            .annotate(
                invited=rows_pointing_here(Invitation.objects, "wave"),
                answered=rows_pointing_here(Response.objects, "invitation__wave"),
            )
        )

    def add_view(self, request, form_url="", extra_context=None):
        # A wave is opened on its page, with the choice of people and the consent check.
        # The admin itself adds nothing here (read-only), so ask the model permission.
        if not request.user.has_perm("surveys.add_wave"):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("surveys:wave-create"))

    @admin.display(description="состояние")
    def state(self, obj):
        return obj.state(timezone.localdate()).label

    @admin.display(description="приглашено", ordering="invited")
    def invited_count(self, obj):
        return obj.invited

    @admin.display(description="ответили", ordering="answered")
    def answered_count(self, obj):
        return obj.answered

    @admin.display(description="")
    def pages(self, obj):
        url = reverse("surveys:wave-results", args=[obj.pk])
        return format_html('<a href="{}">результаты</a>', url)


class AnsweredFilter(admin.SimpleListFilter):
    title = "ответ"
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("yes", "ответили"), ("no", "не ответили")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(response__isnull=False)
        if self.value() == "no":
            return queryset.filter(response__isnull=True)
        return queryset


class EmailFilter(admin.SimpleListFilter):
    title = "письмо"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("sent", "отправлено"), ("not_sent", "не отправлено"), ("no_address", "нет адреса")]

    def queryset(self, request, queryset):
        if self.value() == "sent":
            return queryset.filter(email_sent_at__isnull=False)
        if self.value() == "not_sent":
            return queryset.filter(HAS_EMAIL, email_sent_at__isnull=True)
        if self.value() == "no_address":
            return queryset.exclude(HAS_EMAIL)
        return queryset


class InvitationChangeList(RowLinksChangeList):
    """The links' list reads only what its columns show. Its order (the wave's date, then
    the name) is over joined tables, so SQLite sorts whole rows: with every column of the
    link, wave, person, organisation, pair and answer, 18,361 of them took 49 ms at full
    size for a page of 50, with these 23 ms."""

    def get_queryset(self, request, exclude_parameters=None):
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .select_related(None)
            .select_related("person", "organisation", "wave", "response")
            .only(
                "wave__title",
                "person__last_name",
                "person__first_name",
                "person__middle_name",
                "organisation__name",
                "pair_id",
                "role",
                "email_sent_at",
                "response__invitation_id",
            )
        )


@admin.register(Invitation)
class InvitationAdmin(PersonSearchMixin, ReadOnlyMixin, SurveysAdmin):
    person_path = "person"
    person_search_joined = True
    list_display = ["respondent", "role", "wave", "pair_number", "answered", "email_sent_at"]
    list_filter = [AnsweredFilter, EmailFilter, "role", "wave__questionnaire", "wave"]
    # The token is a password to the survey: it stays on the wave's page, not in lists.
    fields = ["wave", "person", "organisation", "role", "pair", "email_sent_at", "created_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person", "organisation", "wave", "pair", "response")
        )

    def get_changelist(self, request, **kwargs):
        return InvitationChangeList

    @admin.display(description="кому", ordering="person__last_name")
    def respondent(self, obj):
        return obj.respondent_name

    @admin.display(description="пара / группа", ordering="pair_id")
    def pair_number(self, obj):
        return f"№ {obj.pair_id}" if obj.pair_id else "—"

    @admin.display(description="ответ", boolean=True)
    def answered(self, obj):
        return hasattr(obj, "response")


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["question", "value"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("question")
            .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order")))
            .order_by("question__order", "question__pk")
        )

    @admin.display(description="ответ")
    def value(self, obj):
        kind = obj.question.kind
        if kind in Question.CHOICE_KINDS:
            return format_html_join("; ", "{}", ((c.text,) for c in obj.choices.all())) or "—"
        if kind == Question.Kind.YES_NO:
            return {1: "да", 0: "нет"}.get(obj.number, "—")
        if obj.number is not None:
            return obj.number
        return obj.text or "—"


@admin.register(Response)
class ResponseAdmin(
    PersonSearchMixin, ReadOnlyMixin, TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin
):
    person_path = "invitation__person"
    person_search_joined = True
    list_per_page = 50
    show_facets = admin.ShowFacets.ALLOW
    list_display = ["person", "role", "wave", "submitted_at", "source", "entered_by"]
    list_filter = ["source", "invitation__role", "invitation__wave__questionnaire", "submitted_at"]
    fields = ["invitation", "submitted_at", "source", "entered_by"]
    inlines = [AnswerInline]
    date_hierarchy = "submitted_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "invitation__person",
                "invitation__organisation",
                "invitation__wave",
                "entered_by",
            )
        )

    @admin.display(description="кто ответил", ordering="invitation__person__last_name")
    def person(self, obj):
        return obj.invitation.respondent_name

    @admin.display(description="в роли", ordering="invitation__role")
    def role(self, obj):
        return obj.invitation.get_role_display()

    @admin.display(description="опрос", ordering="invitation__wave__title")
    def wave(self, obj):
        return obj.invitation.wave.title
