"""The curator's screens of cases and methodical materials (the director reads them); the
сборник of the chosen cases is an action of the cases' list."""

from django.contrib import admin, messages

from mentorship.admin_site import ReadersCannotPostMixin, TitledListMixin
from mentorship.documents.responses import download_response
from mentorship.lib.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE

from .collection import DOCX, FILENAME, NO_CASES, PDF, collection_cases, collection_file
from .models import Case, CaseFile, Material, split_tags, tag_filter


class TagFilter(admin.SimpleListFilter):
    title = "тег"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        seen: dict[str, str] = {}
        for text in (
            model_admin.get_queryset(request).exclude(tags="").values_list("tags", flat=True)
        ):
            for tag in split_tags(text):
                seen.setdefault(tag.casefold(), tag)
        return sorted(((tag, tag) for tag in seen.values()), key=lambda item: item[0].casefold())

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tag_filter(self.value()))
        return queryset


class CaseFileInline(admin.TabularInline):
    model = CaseFile
    extra = 1
    fields = ["title", "file"]


@admin.register(Case)
class CaseAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    list_display = ["title", "form", "for_region", "tags", "author", "created_at"]
    list_filter = ["form", "for_region", TagFilter]
    list_select_related = ["form"]
    search_fields = ["title", "problem", "actions", "result", "author", "tags"]
    fields = ["title", "form", "problem", "actions", "result", "author", "tags", "for_region"]
    inlines = [CaseFileInline]
    actions = ["collection", "collection_docx"]

    def _collection(self, request, queryset, fmt: str):
        cases = collection_cases().filter(pk__in=queryset.values("pk"))
        if not cases.exists():
            self.message_user(request, NO_CASES, messages.ERROR)
            return None
        return download_response(
            collection_file(cases, fmt),
            filename=f"{FILENAME}.{fmt}",
            content_type=DOCX_CONTENT_TYPE if fmt == DOCX else "application/pdf",
        )

    @admin.action(description="Сборник лучших практик (PDF) из выбранных кейсов")
    def collection(self, request, queryset):
        return self._collection(request, queryset, PDF)

    @admin.action(description="Сборник лучших практик (Word, .docx) из выбранных кейсов")
    def collection_docx(self, request, queryset):
        return self._collection(request, queryset, DOCX)


@admin.register(Material)
class MaterialAdmin(TitledListMixin, ReadersCannotPostMixin, admin.ModelAdmin):
    list_display = ["title", "form", "tags", "link", "created_at"]
    list_filter = ["form", TagFilter]
    list_select_related = ["form"]
    search_fields = ["title", "description", "tags"]
    fields = ["title", "form", "description", "file", "link", "tags"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "link":
            kwargs["assume_scheme"] = "https"  # a link typed without one is a web address
        return super().formfield_for_dbfield(db_field, request, **kwargs)
