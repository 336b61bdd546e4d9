"""The curator edits the roadmap here: its period, stages and sections, and what each activity
is — title, deadline (written as colleges' roadmaps write it), responsible, expected result. How an
activity goes (done, evidence, status) is marked on the roadmap page, through the services.
The director sees all of it read-only (view permissions only)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from mentorship.admin_site import AuditHistoryAdmin, ReadersCannotPostMixin, TitledListMixin

# admin_kpi: the indicators' admin registers itself on import.
from . import admin_kpi, schedule  # noqa: F401
from .admin_xlsx import ActivityImportExportMixin
from .models import Activity, Roadmap, Section


class RoadmapBaseAdmin(TitledListMixin, ReadersCannotPostMixin, AuditHistoryAdmin):
    list_per_page = 50
    show_facets = admin.ShowFacets.ALLOW


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = [("order", "stage"), "title", "task"]
    verbose_name_plural = (
        "этапы и разделы (этап 1–7 или раздел вне этапов, например «Информационное сопровождение»)"
    )


@admin.register(Roadmap)
class RoadmapAdmin(RoadmapBaseAdmin):
    list_display = ["title", "start_date", "end_date", "approved_by", "activity_count", "page_link"]
    search_fields = ["title"]
    fields = ["title", ("start_date", "end_date"), ("approved_by", "approved_on")]
    inlines = [SectionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(activity_total=Count("activities"))

    @admin.display(description="мероприятий", ordering="activity_total")
    def activity_count(self, obj):
        url = reverse("admin:roadmap_activity_changelist") + f"?roadmap__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.activity_total)

    @admin.display(description="")
    def page_link(self, obj):
        return format_html(
            '<a href="{}">выполнение по этапам</a>', reverse("roadmap:detail", args=[obj.pk])
        )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        stage = f"Этап {obj.stage}. " if obj.stage else ""
        return f"{obj.roadmap.title} — {stage}{obj.title}"


class ActivityAdminForm(forms.ModelForm):
    """The deadline is one line of text, as colleges' roadmaps write it: «15.10.2022», «сентябрь –
    октябрь 2022», «ежегодно: май, сентябрь», «весь период». It sets the start too."""

    section = SectionChoiceField(
        label="Этап / раздел",
        queryset=Section.objects.select_related("roadmap").order_by(
            "-roadmap__start_date", "roadmap", "order", "pk"
        ),
    )
    deadline = forms.CharField(
        label="Срок",
        max_length=500,
        help_text="Например: 15.10.2022; до 01.12.2023; 01.09.2023 – 01.10.2023; октябрь 2022; "
        "сентябрь – октябрь 2022; ежегодно: май, сентябрь; весь период; без фиксированного "
        "срока. Запись сохраняется как есть, график читается из неё.",
    )

    class Meta:
        model = Activity
        fields = [
            "section",
            "order",
            "substage",
            "title",
            "responsible",
            "expected_result",
            "indicator",
            "documents",
        ]
        widgets = {
            "documents": FilteredSelectMultiple("документы реестра", is_stacked=False),
            "substage": forms.Textarea(attrs={"rows": 2}),
            "title": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.deadline_kind:
            # The roadmap's own wording when it has one: it is what the schedule is read from.
            self.initial["deadline"] = self.instance.deadline_words or schedule.deadline_text(
                self.instance
            )

    def clean(self):
        cleaned = super().clean()
        section = cleaned.get("section")
        text = cleaned.get("deadline")
        if section is None or not text:
            return cleaned
        try:
            roadmap = section.roadmap
            deadline, _note = schedule.deadline_read(
                text, schedule.Period(roadmap.start_date, roadmap.end_date)
            )
        except ValueError as error:
            self.add_error("deadline", str(error)[:1].upper() + str(error)[1:] + ".")
            return cleaned
        for name, value in deadline.fields().items():
            setattr(self.instance, name, value)
        self.instance.deadline_words = schedule.deadline_wording(text)
        self.instance.roadmap = section.roadmap
        return cleaned


class StatusFilter(admin.SimpleListFilter):
    title = "выполнение"
    parameter_name = "done"

    def lookups(self, request, model_admin):
        return [("yes", "выполнено"), ("no", "не выполнено (кроме отменённых)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Activity.Status.DONE)
        if self.value() == "no":
            return queryset.exclude(status__in=[Activity.Status.DONE, Activity.Status.CANCELLED])
        return queryset


@admin.register(Activity)
class ActivityAdmin(ActivityImportExportMixin, RoadmapBaseAdmin):
    form = ActivityAdminForm
    list_display = [
        "short_title",
        "stage",
        "deadline_text",
        "responsible",
        "status",
        "completed_on",
    ]
    list_filter = ["roadmap", "section__stage", "status", StatusFilter, "deadline_kind"]
    list_select_related = ["section", "roadmap"]
    search_fields = ["title", "responsible", "expected_result", "indicator"]
    search_help_text = "Слова из названия, ответственных, ожидаемого результата или показателя."
    ordering = ["-roadmap__start_date", "section__order", "order", "pk"]
    readonly_fields = ["progress", "progress_read"]

    def get_fields(self, request, obj=None):
        editing = self.has_change_permission(request, obj) or (
            obj is None and self.has_add_permission(request)
        )
        deadline = "deadline" if editing else "deadline_text"
        fields = [
            "section",
            "order",
            "title",
            deadline,
            "responsible",
            "expected_result",
            "indicator",
            "documents",
        ]
        if obj is not None:
            fields.append("progress" if editing else "progress_read")
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if "deadline_text" in self.get_fields(request, obj):
            readonly = [*readonly, "deadline_text"]
        return readonly

    @admin.display(description="мероприятие", ordering="title")
    def short_title(self, obj):
        return obj.title if len(obj.title) <= 120 else obj.title[:117] + "…"

    @admin.display(description="этап / раздел", ordering="section__order")
    def stage(self, obj):
        return f"Этап {obj.section.stage}" if obj.section.stage else obj.section.title

    @admin.display(description="срок")
    def deadline_text(self, obj):
        return schedule.deadline_text(obj)

    def _status(self, obj) -> str:
        status = obj.get_status_display()
        return f"{status}, {obj.completed_on:%d.%m.%Y}" if obj.completed_on else status

    @admin.display(description="выполнение")
    def progress_read(self, obj):
        page = reverse("roadmap:detail", args=[obj.roadmap_id]) + f"#a{obj.pk}"
        return format_html(
            '{} · <a href="{}">на странице дорожной карты</a>', self._status(obj), page
        )

    @admin.display(description="выполнение")
    def progress(self, obj):
        done = reverse("roadmap:activity-done", args=[obj.pk])
        page = reverse("roadmap:detail", args=[obj.roadmap_id]) + f"#a{obj.pk}"
        return format_html(
            '{} · <a href="{}">отметить выполнение, подтверждение, статус</a> · '
            '<a href="{}">на странице дорожной карты</a>',
            self._status(obj),
            done,
            page,
        )
