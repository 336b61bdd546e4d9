"""The curator's screens for the bases. The director sees them read-only (view permissions
only); mentors and mentees never get in (MentorshipAdminSite)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.roles import Role
from mentorship.admin_site import (
    AuditHistoryAdmin,
    JournalAdminMixin,
    ReadersCannotPostMixin,
    ReadOnlyInline,
    TitledListMixin,
)
from mentorship.documents.orders import order_docx_action, order_selection_action
from mentorship.imports.admin import XlsxImportExportMixin
from mentorship.lib.database import rows_pointing_here
from mentorship.lib.text import name_key

from . import services
from .admin_filters import ParticipationFilter, person_filters, typed_filters
from .consent_rules import SpecialCategoryConsentFormSet
from .models import (
    College,
    Competency,
    Consent,
    DestructionAct,
    DestructionActRow,
    MenteeProfile,
    MenteeRequest,
    MentoringForm,
    MentorProfile,
    MentorTraining,
    PartnerOrganisation,
    Person,
    RoleModel,
    SpecialtyProgramme,
)
from .models.persons import CATEGORY_FIELDS, SPECIAL_CATEGORIES_PERM, SPECIAL_CATEGORY_FIELDS
from .resources import (
    MenteeProfileResource,
    MentorProfileResource,
    PartnerOrganisationResource,
    PersonResource,
)

# The order itself is made by the pairs app's order views; the list only leads there.
order_mentors_pdf = order_selection_action(
    name="order_mentors_pdf",
    description="Приказ о назначении выбранных наставников (PDF)",
    url_name="pairs:order-mentors",
)
order_mentors_docx = order_docx_action(
    name="order_mentors_docx",
    description="Приказ о назначении выбранных наставников (Word, .docx)",
    paper="order_mentors",
)
# The letters are the pairs app's (they count the pairs): the actions name them by URL and kind.
thanks_partners_pdf = order_selection_action(
    name="thanks_partners_pdf",
    description="Благодарственные письма выбранным организациям (PDF)",
    url_name="pairs:thanks-partners",
    too_many="В один файл писем — не больше {cap} организаций. Сузьте выбор фильтром и "
    "сформируйте письма частями (или возьмите их в формате .docx).",
)
thanks_partners_docx = order_docx_action(
    name="thanks_partners_docx",
    description="Благодарственные письма выбранным организациям (Word, .docx)",
    paper="thanks_partners",
)


def can_see_special_categories(request) -> bool:
    return request.user.has_perm(SPECIAL_CATEGORIES_PERM)


class PersonSearchMixin:
    """Name search that ignores case, ё/е and spacing (SQLite's LIKE is ASCII-only)."""

    person_path = ""
    # person_path reaches one person per row through foreign keys: match the words on the
    # joined person rather than `<person_path>__in=<the matching people>`. SQLite then walks
    # the list's own ordering and stops at the page (0.1 ms over 14,771 survey responses by
    # their time index); from the list of matching people it took every row of theirs and
    # sorted them all (20 ms, «ов» matching 12,070 of them).
    person_search_joined = False
    # Declared for the admin's checks and the search box; get_search_results does the work.
    search_fields = ["name_key"]
    search_help_text = "Фамилия, имя, отчество в любом регистре; можно часть слова."

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        if self.person_path and self.person_search_joined:
            field = f"{self.person_path}__name_key__contains"
            words = name_key(search_term).split()
            return queryset.filter(*(Q(**{field: word}) for word in words)), False
        if self.person_path:
            matches = Person.objects.search(search_term).values("pk")
            return queryset.filter(**{f"{self.person_path}__in": matches}), False
        return queryset.search(search_term), False


# Fields whose very value tells about health or social status, per model (app_label.model):
# left out of the change journal for a role that may not see them (the director reads it).
SPECIAL_CATEGORY_HISTORY_FIELDS = {
    "people.person": frozenset(SPECIAL_CATEGORY_FIELDS),
    "people.consent": frozenset({"special_categories"}),
}


class HistoryAdmin(TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin):
    list_per_page = 50
    show_facets = admin.ShowFacets.ALLOW

    def history_hidden_fields(self, request) -> frozenset:
        if can_see_special_categories(request):
            return frozenset()
        return SPECIAL_CATEGORY_HISTORY_FIELDS.get(self.model._meta.label_lower, frozenset())


class BaseAdmin(XlsxImportExportMixin, HistoryAdmin):
    pass


# --- inlines -----------------------------------------------------------------------------


class SpecialCategoryConsentMixin:
    """Whether a consent covers health data tells about health: same rule as the flags."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if can_see_special_categories(request):
            return fields
        return [field for field in fields if field != "special_categories"]


class ConsentInline(SpecialCategoryConsentMixin, admin.StackedInline):
    model = Consent
    extra = 0
    formset = SpecialCategoryConsentFormSet
    fields = [
        ("signer", "signed_on"),
        ("representative_name", "representative_relation"),
        "signed_by_subject",
        "special_categories",
        "scan",
        ("withdrawn_on", "withdrawal_reason"),
        "withdrawal_basis",
    ]
    verbose_name_plural = "согласия на обработку персональных данных"


class MentorProfileInline(admin.StackedInline):
    model = MentorProfile
    extra = 0
    max_num = 1
    fields = ["status", "forms", "competencies", "useful_for", "capacity"]
    autocomplete_fields = ["competencies"]
    filter_horizontal = ["forms"]
    show_change_link = True


class MenteeProfileInline(admin.StackedInline):
    model = MenteeProfile
    extra = 0
    max_num = 1
    fields = ["status", "desired_form", "notes"]
    show_change_link = True


class MentorTrainingInline(admin.TabularInline):
    model = MentorTraining
    extra = 0
    fields = ["course_title", "provider", "hours", "completed_on", "certificate"]


class MenteeRequestInline(admin.TabularInline):
    model = MenteeRequest
    extra = 0
    fields = ["topic", "raised_by", "raised_on", "description"]
    autocomplete_fields = ["topic"]


class RoleModelFormSet(forms.BaseInlineFormSet):
    """A variant's name is once per form: said in words, not a database error (the unique
    constraint names the form, which the inline's rows do not validate)."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        names = [form.cleaned_data.get("name", "").strip().lower() for form in kept]
        stored = RoleModel.objects.filter(form_id=self.instance.pk).exclude(
            pk__in=[form.instance.pk for form in self.forms if form.instance.pk]
        )
        taken = {name.lower() for name in stored.values_list("name", flat=True)}
        for form, name in zip(kept, names, strict=True):
            if name and (name in taken or names.count(name) > 1):
                form.add_error("name", "Такой вариант ролевой модели в этой форме уже есть.")


class RoleModelInline(admin.TabularInline):
    model = RoleModel
    formset = RoleModelFormSet
    extra = 0
    fields = ["name", "description"]


# --- people ------------------------------------------------------------------------------

PersonConsentFilter, PersonCategoryFilter = person_filters("")
PersonGroupFilter, PersonOrganisationFilter = typed_filters("")


class PersonAdminForm(forms.ModelForm):
    """A person's card with optimistic locking: the form carries the version (updated_at)
    of the person it was opened on, and refuses to save over a change someone else made
    since (another curator, or an xlsx import) — keeping what this curator typed."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # Shown next to the conflict message: what is stored now, in the form's terms.
    CONFLICT = (
        "Пока вы редактировали карточку, её изменил другой пользователь или импорт из "
        "Excel ({when}). Ваши правки не сохранены, но остались в форме. {differences}"
        "Проверьте их и нажмите «Сохранить» ещё раз, чтобы записать их поверх, или "
        "откройте карточку заново."
    )

    class Meta:
        model = Person
        # The admin passes the fields of its fieldsets; these are all it may have.
        fields = [
            "last_name", "first_name", "middle_name", "birth_date", "kind",
            "study_group", "course", "study_form", "specialty", "position", "experience_years",
            "organisation", "phone", "email", *(name for name, _label in CATEGORY_FIELDS),
            "user",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = person_version(self.instance.updated_at)

    def clean(self):
        cleaned = super().clean()
        loaded = self.data.get(self.add_prefix("loaded_version"))
        if not self.instance.pk or not loaded:
            return cleaned  # a new person, or a client that never loaded the form
        # Locked until this save commits (PostgreSQL): an import or another curator
        # saving the same person waits, then sees the new version.
        current = (
            Person.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None or person_version(current) == loaded:
            return cleaned
        # The next «Сохранить» is a deliberate overwrite of the version now shown.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = person_version(current)
        raise forms.ValidationError(
            self.CONFLICT.format(
                when=f"изменено {timezone.localtime(current):%d.%m.%Y в %H:%M:%S}",
                differences=self._differences(),
            ),
            code="conflict",
        )

    def _differences(self) -> str:
        """Fields where what is stored now differs from what this form would write."""
        stored = Person.objects.get(pk=self.instance.pk)
        changed = []
        for name, field in self.fields.items():
            if name == "loaded_version" or name not in self.cleaned_data:
                continue
            model_field = Person._meta.get_field(name)
            typed = self.cleaned_data[name]
            if model_field.is_relation:
                typed = typed.pk if typed is not None else None
            now = model_field.value_from_object(stored)
            if now == typed or (now in (None, "") and typed in (None, "")):
                continue
            if model_field.choices:
                shown = getattr(stored, f"get_{name}_display")()
            elif model_field.is_relation:
                shown = getattr(stored, name)
            else:
                shown = now
            if isinstance(shown, bool):
                shown = "да" if shown else "нет"
            elif hasattr(shown, "strftime"):
                shown = shown.strftime("%d.%m.%Y")
            changed.append(f"«{field.label}» — {'—' if shown in (None, '') else shown}")
        if not changed:
            return ""
        return "Сейчас в базе: " + "; ".join(changed) + ". "


def person_version(updated_at) -> str:
    return updated_at.isoformat() if updated_at else ""


@admin.register(Person)
class PersonAdmin(PersonSearchMixin, BaseAdmin):
    form = PersonAdminForm
    resource_classes = [PersonResource]
    list_display = [
        "full_name_link",
        "birth_date",
        "kind",
        "study_group",
        "course",
        "participation",
        "consent_badge",
    ]
    list_display_links = None
    list_filter = [
        "kind",
        "course",
        "study_form",
        PersonGroupFilter,
        "specialty",
        PersonCategoryFilter,
        PersonConsentFilter,
        ParticipationFilter,
        PersonOrganisationFilter,
    ]
    autocomplete_fields = ["organisation", "user"]
    inlines = [ConsentInline, MentorProfileInline, MenteeProfileInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": [("last_name", "first_name", "middle_name"), "birth_date", "kind"]}),
            ("Обучение", {"fields": [("study_group", "course", "study_form"), "specialty"]}),
            ("Работа", {"fields": [("position", "experience_years"), "organisation"]}),
            ("Контакты", {"fields": [("phone", "email")]}),
            ("Категории", {"fields": self.category_fields(request)}),
            ("Учётная запись", {"fields": ["user", ("created_at", "updated_at")]}),
        ]
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets[-1][1]["fields"].append("loaded_version")
        return fieldsets

    def category_fields(self, request):
        return [
            field
            for field, _label in CATEGORY_FIELDS
            if can_see_special_categories(request) or field not in SPECIAL_CATEGORY_FIELDS
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("mentor_profile", "mentee_profile")
            .with_consent_state()
        )

    @admin.display(description="ФИО", ordering="last_name")
    def full_name_link(self, obj):
        url = reverse("admin:people_person_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.full_name)

    @admin.display(description="участие")
    def participation(self, obj):
        roles = []
        if getattr(obj, "mentor_profile", None):
            roles.append(f"наставник ({obj.mentor_profile.get_status_display()})")
        if getattr(obj, "mentee_profile", None):
            roles.append(f"наставляемый ({obj.mentee_profile.get_status_display()})")
        return "; ".join(roles) or "—"

    @admin.display(description="согласие", boolean=True, ordering="has_valid_consent")
    def consent_badge(self, obj):
        return obj.has_valid_consent


# --- mentors and mentees -----------------------------------------------------------------

ProfileConsentFilter, ProfileCategoryFilter = person_filters("person__")
ProfileGroupFilter, ProfileOrganisationFilter = typed_filters("person__")


class ProfileAdmin(PersonSearchMixin, BaseAdmin):
    person_path = "person"
    autocomplete_fields = ["person"]
    list_display_links = None
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    @admin.display(description="ФИО", ordering="person__last_name")
    def person_link(self, obj):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.person.full_name)

    @admin.display(description="категория", ordering="person__kind")
    def person_kind(self, obj):
        return obj.person.get_kind_display()

    @admin.display(description="группа", ordering="person__study_group")
    def person_group(self, obj):
        return obj.person.study_group or "—"


@admin.register(MentorProfile)
class MentorProfileAdmin(ProfileAdmin):
    resource_classes = [MentorProfileResource]
    list_display = [
        "person_link",
        "person_kind",
        "status",
        "form_names",
        "capacity",
        "training_count",
    ]
    list_filter = [
        "status",
        "forms",
        "person__kind",
        "competencies",
        ProfileConsentFilter,
        ProfileOrganisationFilter,
    ]
    fields = [
        "person",
        "status",
        "forms",
        "competencies",
        "useful_for",
        "capacity",
        ("interview_date", "appointment_order", "appointment_date"),
        "notes",
        "created_at",
    ]
    filter_horizontal = ["forms"]
    autocomplete_fields = ["person", "competencies"]
    inlines = [MentorTrainingInline]
    actions = [order_mentors_pdf, order_mentors_docx]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("forms")
            .annotate(training_total=rows_pointing_here(MentorTraining.objects, "mentor"))
        )

    @admin.display(description="формы")
    def form_names(self, obj):
        return ", ".join(form.name for form in obj.forms.all()) or "—"

    @admin.display(description="обучений", ordering="training_total")
    def training_count(self, obj):
        return obj.training_total


@admin.register(MenteeProfile)
class MenteeProfileAdmin(ProfileAdmin):
    resource_classes = [MenteeProfileResource]
    list_display = [
        "person_link",
        "person_group",
        "person_course",
        "status",
        "desired_form",
        "request_count",
    ]
    list_filter = [
        "status",
        "desired_form",
        "person__kind",
        "person__course",
        ProfileGroupFilter,
        ProfileCategoryFilter,
        ProfileConsentFilter,
    ]
    fields = ["person", "status", "desired_form", "notes", "created_at"]
    inlines = [MenteeRequestInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("desired_form")
            .annotate(request_total=rows_pointing_here(MenteeRequest.objects, "mentee"))
        )

    @admin.display(description="курс", ordering="person__course")
    def person_course(self, obj):
        return obj.person.course or "—"

    @admin.display(description="запросов", ordering="request_total")
    def request_count(self, obj):
        return obj.request_total


# --- organisations, consents, reference data ---------------------------------------------


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(BaseAdmin):
    resource_classes = [PartnerOrganisationResource]
    list_display = ["name", "inn", "agreement_number", "agreement_date", "mentor_count"]
    search_fields = ["name", "inn"]
    search_help_text = "Название или ИНН."
    list_filter = ["agreement_date"]
    actions = [thanks_partners_pdf, thanks_partners_docx]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                mentor_total=Count(
                    "people", filter=Q(people__mentor_profile__isnull=False), distinct=True
                ),
            )
        )

    @admin.display(description="наставников", ordering="mentor_total")
    def mentor_count(self, obj):
        return obj.mentor_total


class ConsentValidityFilter(admin.SimpleListFilter):
    title = "состояние"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("valid", "действует"), ("withdrawn", "отозвано")]

    def queryset(self, request, queryset):
        if self.value() == "valid":
            return queryset.valid()
        if self.value() == "withdrawn":
            return queryset.filter(withdrawn_on__isnull=False)
        return queryset


@admin.register(Consent)
class ConsentAdmin(SpecialCategoryConsentMixin, PersonSearchMixin, HistoryAdmin):
    person_path = "person"
    list_display = ["person", "signer", "signed_on", "state", "has_scan"]
    list_filter = [ConsentValidityFilter, "signer", "signed_on"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    actions = ["withdraw_today"]
    fields = [
        "person",
        ("signer", "signed_on"),
        ("representative_name", "representative_relation"),
        "signed_by_subject",
        "special_categories",
        "scan",
        ("withdrawn_on", "withdrawal_reason"),
        "withdrawal_basis",
    ]

    @admin.display(description="состояние", boolean=True)
    def state(self, obj):
        return obj.is_valid

    @admin.display(description="скан", boolean=True)
    def has_scan(self, obj):
        return bool(obj.scan)

    @admin.action(
        description="Отозвать выбранные согласия сегодняшней датой", permissions=["change"]
    )
    def withdraw_today(self, request, queryset):
        count = services.consents_withdraw(consents=queryset, on=timezone.localdate())
        self.message_user(request, f"Отозвано согласий: {count}.", messages.SUCCESS)


class MentoringFormAdminForm(forms.ModelForm):
    """Kinds as checkboxes; the rules themselves (a kind on each side, sane course limits)
    are MentoringForm.clean's, said in the curator's words."""

    mentor_kinds = forms.MultipleChoiceField(
        label="Кто может быть наставником",
        choices=Person.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mentee_kinds = forms.MultipleChoiceField(
        label="Кто может быть наставляемым",
        choices=Person.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MentoringForm
        fields = [
            "name",
            "code",
            "order",
            "description",
            "mentor_kinds",
            "mentee_kinds",
            "mentor_course_min",
            "mentor_course_max",
            "mentee_course_min",
            "mentee_course_max",
            "mentor_senior_course",
            "mentor_from_partner",
            "period",
            "tasks",
            "expected_results",
            "risks",
        ]
        help_texts = {
            "code": "Латиницей, например «pupil-pupil»; если оставить пустым, код будет "
            "присвоен автоматически. После сохранения не меняется.",
            "mentee_course_min": "Ограничения курса касаются обучающихся и школьников; "
            "пусто — без ограничения.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" in self.fields:
            self.fields["code"].required = False


@admin.register(MentoringForm)
class MentoringFormAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    """The five forms of the target model come as data; the curator edits them and adds the
    college's own (a school's «ученик – ученик»). A form is never deleted: pairs keep it."""

    form = MentoringFormAdminForm
    list_display = ["name", "mentor_kind_names", "mentee_kind_names", "period"]
    inlines = [RoleModelInline]
    fieldsets = [
        (None, {"fields": ["name", "code", "order", "description"]}),
        (
            "Кто участвует",
            {
                "fields": [
                    "mentor_kinds",
                    "mentee_kinds",
                    ("mentor_course_min", "mentor_course_max"),
                    ("mentee_course_min", "mentee_course_max"),
                    "mentor_senior_course",
                    "mentor_from_partner",
                ]
            },
        ),
        ("Содержание формы", {"fields": ["period", "tasks", "expected_results", "risks"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Pairs, imports and the demo name a form by its code: it stays as it was created.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.mentoring_form_save(obj)

    @admin.display(description="наставники")
    def mentor_kind_names(self, obj):
        return MentoringForm.kind_labels(obj.mentor_kinds)

    @admin.display(description="наставляемые")
    def mentee_kind_names(self, obj):
        return MentoringForm.kind_labels(obj.mentee_kinds)


@admin.register(Competency)
class CompetencyAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]


@admin.register(SpecialtyProgramme)
class SpecialtyProgrammeAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    """Programme lengths: the roll-over to the next academic year graduates a specialty's
    students of the last course; a specialty without a row takes the college's default."""

    search_fields = ["specialty"]
    list_display = ["specialty", "years"]
    fields = ["specialty", "years"]


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    """One card: the list goes straight to it; nothing to add or delete."""

    fieldsets = [
        ("Для приказов и отчётов", {"fields": ["full_name", "short_name", "city"]}),
        ("Руководство", {"fields": [("director_position", "director_name"), "curator_name"]}),
        ("Работа пар", {"fields": ["inactivity_days"]}),
        (
            "Учебный год",
            {
                "fields": [
                    "academic_year_start_month",
                    "default_programme_years",
                    "course_from_group",
                ]
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        # Who may not see the card (the regional centre's coordinator) gets 403 here, as
        # from any list, not a redirect to a card that answers 403.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        College.get()
        return HttpResponseRedirect(reverse("admin:people_college_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DestructionActRowInline(ReadOnlyInline):
    model = DestructionActRow
    fields = ["person_id", "kind", "consent_withdrawn_on", "destroyed", "files_deleted"]

    def has_view_permission(self, request, obj=None):
        # The act's own readers (no role holds model permissions on the rows).
        return request.user.has_role(*DestructionActAdmin.journal_readers)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DestructionAct)
class DestructionActAdmin(JournalAdminMixin, TitledListMixin, admin.ModelAdmin):
    """Acts are written by destroy_withdrawn only: read-only here, for the curator and the
    administrator who keep the consents (as the printable act; the director does not)."""

    list_display = ["__str__", "performed_on", "performed_by_label", "people", "print_link"]
    fields = ["performed_on", "performed_by_label", "performed_at", "print_link"]
    readonly_fields = fields
    inlines = [DestructionActRowInline]
    journal_readers = (Role.CURATOR, Role.ADMINISTRATOR)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_count=Count("rows"))

    @admin.display(description="людей", ordering="people_count")
    def people(self, obj):
        return obj.people_count

    @admin.display(description="для печати")
    def print_link(self, obj):
        return format_html(
            '<a href="{}">Открыть акт для печати</a>',
            reverse("people:destruction-act", args=[obj.pk]),
        )
